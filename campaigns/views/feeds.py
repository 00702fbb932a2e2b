"""The calendar feed: the private ``.ics`` address (no login: the token is the credential) and
the page where a signed-in person copies, renews or switches off that address."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from campaigns.ics import calendar_feed_chunks
from campaigns.models import CalendarFeed
from campaigns.selectors.feeds import calendar_feed_by_token, calendar_feed_events
from campaigns.services.feeds import calendar_feed_for, calendar_feed_revoke, calendar_feed_rotate
from core.pages import ask_first

# Calendar programs poll; five minutes of their own cache spares the portal and keeps news fresh.
FEED_MAX_AGE = 300
ROTATE_CONSEQUENCE = gettext_lazy(
    "Calendars subscribed to the current address stop receiving updates at once; subscribe again with the new address."
)
REVOKE_CONSEQUENCE = gettext_lazy(
    "The address stops working at once and no calendar receives your events until you make a new one."
)


def calendar_feed_url(feed: CalendarFeed) -> str:
    """The feed's full address, to paste into a calendar program."""
    return f"{settings.SITE_URL}{reverse('campaigns_feeds:ics', args=[feed.token])}"


@require_safe
def feed_ics(request: HttpRequest, token: str) -> StreamingHttpResponse:
    """The calendar of the feed's owner, streamed. A malformed, unknown, rotated or switched-off
    token answers the same 404, which says nothing of whether such a person exists."""
    feed = calendar_feed_by_token(token=token)
    if feed is None:
        raise Http404(_("No calendar at this address."))
    now = timezone.now()
    events = calendar_feed_events(user=feed.user, now=now)
    response = StreamingHttpResponse(
        calendar_feed_chunks(events=events, user=feed.user, now=now),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="go-global-calendar.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    patch_cache_control(response, private=True, max_age=FEED_MAX_AGE)
    patch_vary_headers(response, ["Accept-Language"])
    return response


@login_required
@require_GET
def feed_page(request: HttpRequest) -> HttpResponse:
    feed = calendar_feed_for(user=request.user)
    return render(
        request,
        "campaigns/feeds_page.html",
        {
            "feed": feed,
            "feed_url": calendar_feed_url(feed) if feed.is_active else "",
            "rotate_consequence": ROTATE_CONSEQUENCE,
            "revoke_consequence": REVOKE_CONSEQUENCE,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def feed_rotate(request: HttpRequest) -> HttpResponse:
    feed = calendar_feed_for(user=request.user)
    if feed.is_active:
        question = ask_first(
            request,
            title=_("Make a new calendar address?"),
            subject=_("Your calendar feed"),
            consequence=str(ROTATE_CONSEQUENCE),
            button=_("Make a new address"),
            back=reverse("campaigns_feeds:page"),
        )
        if question is not None:
            return question
    elif request.method != "POST":
        return redirect("campaigns_feeds:page")
    calendar_feed_rotate(user=request.user)
    messages.success(request, _("Your calendar has a new address; the old one no longer works."))
    return redirect("campaigns_feeds:page")


@login_required
@require_http_methods(["GET", "POST"])
def feed_revoke(request: HttpRequest) -> HttpResponse:
    feed = calendar_feed_for(user=request.user)
    if not feed.is_active:
        return redirect("campaigns_feeds:page")
    question = ask_first(
        request,
        title=_("Switch your calendar feed off?"),
        subject=_("Your calendar feed"),
        consequence=str(REVOKE_CONSEQUENCE),
        button=_("Switch the feed off"),
        back=reverse("campaigns_feeds:page"),
    )
    if question is not None:
        return question
    calendar_feed_revoke(user=request.user)
    messages.success(request, _("Your calendar feed is switched off."))
    return redirect("campaigns_feeds:page")
