"""The report page of a campaign, and the redirects its messages' links go through."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from campaigns.enums import CAMPAIGN_TRANSITIONS
from campaigns.selectors.reports import (
    FOLLOW_UP_DAYS,
    campaign_list_received_by,
    campaign_list_reportable_by,
    campaign_report,
)
from campaigns.services.sending import campaign_click_record, campaign_open_record
from core.pages import bad_request
from core.workflow import audit_timeline


@login_required
@require_GET
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """Figures for the campaign's company and agency admins; not found for anyone else."""
    campaign = campaign_list_reportable_by(user=request.user).select_related("organization").filter(pk=pk).first()
    if campaign is None or not request.user.has_perm("campaigns.view_campaign_report", campaign):
        raise Http404
    timeline = audit_timeline(obj=campaign, table=CAMPAIGN_TRANSITIONS)
    for event in timeline:
        # The dispatcher's moves (sending, sent) have no actor.
        event.who = event.actor.display_name if event.actor is not None else _("the system")
    return render(
        request,
        "campaigns/reports_page.html",
        {
            "campaign": campaign,
            "report": campaign_report(campaign=campaign),
            "follow_up_days": FOLLOW_UP_DAYS,
            "timeline": timeline,
        },
    )


@require_GET
def click(request: HttpRequest, token: str) -> HttpResponse:
    """A link of a campaign e-mail: counted, then on to the film's page (which asks a visitor
    who is not signed in to sign in, as it always does). A link that is not valid records
    nothing and says so."""
    film = campaign_click_record(token=token)
    if film is None:
        return bad_request(
            request,
            _("This campaign link is not valid: it may have been cut short or changed. Nothing was recorded."),
            back=reverse("films:catalogue"),
        )
    return redirect("films:film_detail", pk=film.pk)


@login_required
@require_GET
def open_message(request: HttpRequest, pk: int) -> HttpResponse:
    """The in-app notification's link: counted for its recipient, then on to the campaign's film."""
    campaign = campaign_list_received_by(user=request.user).filter(pk=pk).first()
    film = campaign_open_record(campaign=campaign, user=request.user) if campaign is not None else None
    if film is None:
        raise Http404
    return redirect("films:film_detail", pk=film.pk)
