"""The festival directory and a festival's page (public), and following a festival."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.rules import is_producer
from core.pages import bad_request, safe_next
from festivals import selectors, services
from festivals.forms import DirectoryFilterForm
from festivals.models import Festival

DIRECTORY_PAGE_SIZE = 50


@require_GET
def festival_list(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET)
    valid = form.is_valid()
    data = form.cleaned_data if valid else {}
    festivals = selectors.festival_directory(
        user=request.user,
        today=timezone.localdate(),
        text=(data.get("q") or "").strip(),
        tier=data.get("tier") or None,
        country=data.get("country") or None,
        focus=data.get("focus") or None,
        followed=bool(data.get("followed")) and request.user.is_authenticated,
    )
    page = Paginator(festivals, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "festivals/festival_list.html",
        {
            "form": form,
            "page": page,
            "festivals": list(page),
            "filtered": any(data.values()),
        },
        status=200 if valid else 400,
    )


@require_GET
def festival_detail(request: HttpRequest, pk: int) -> HttpResponse:
    festival = selectors.festival_get_for_page(user=request.user, pk=pk)
    if festival is None:
        raise Http404
    today = timezone.localdate()
    editions = list(festival.editions.all())
    producer = is_producer(request.user)
    submission_day = timezone.now().date()  # as the submission form counts it
    for edition in editions:
        edition.submittable = producer and selectors.edition_takes_submissions(edition=edition, today=submission_day)
    return render(
        request,
        "festivals/festival_detail.html",
        {
            "festival": festival,
            "coming": [edition for edition in editions if edition.ends_on >= today][::-1],
            "past": [edition for edition in editions if edition.ends_on < today],
            "now": timezone.now(),
            "can_edit": request.user.has_perm("festivals.change_festival", festival),
        },
    )


@login_required
@require_POST
def festival_follow(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow (``action=follow``) or stop following (``action=unfollow``) a festival."""
    festival = get_object_or_404(Festival, pk=pk)
    back = safe_next(request, reverse("festivals:festival_detail", args=[festival.pk]))
    action = request.POST.get("action")
    name = festival.display_name(request.LANGUAGE_CODE)
    if action == "follow":
        if not request.user.has_perm("festivals.add_festivalfollow"):
            raise PermissionDenied
        services.festival_follow(user=request.user, festival=festival)
        messages.success(
            request,
            _("You follow %(festival)s: its deadlines show on your festival strategy page.") % {"festival": name},
        )
    elif action == "unfollow":
        services.festival_unfollow(user=request.user, festival=festival)
        messages.success(request, _("You no longer follow %(festival)s.") % {"festival": name})
    else:
        return bad_request(request, _("Choose to follow or to stop following the festival."), back)
    return redirect(back)
