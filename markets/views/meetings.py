"""Meeting pages: "My meetings" (requests to answer, own requests waiting, meetings to come and
past ones), the request form (from a film's page for verified buyers, from the buyers' list for
producers), the meeting's page with its moves and the choice of time on accepting, and the
calendar invitation of a booked meeting (its two people only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import User
from accounts.rules import is_agency_admin
from accounts.verification import require_verified_buyer
from core.pages import bound, form_errors_from, transition_page
from core.workflow import audit_notice
from films.selectors import film_list_published
from markets import selectors, services
from markets.api.meetings import ics_response
from markets.enums import MEETING_TRANSITIONS, MeetingStatus
from markets.forms_meetings import MeetingAcceptForm, MeetingRequestForm
from markets.models import MarketEdition, Meeting
from markets.selectors.meetings import GROUP_SHOWN

BUYERS_PER_PAGE = 20


def _mine_url() -> str:
    return reverse("market_meetings:mine")


def _require_meeting_user(request: HttpRequest) -> None:
    """Verified buyers and producers use meetings; an unverified buyer is told why not."""
    require_verified_buyer(request.user, allowed=request.user.has_perm("markets.add_meeting"))


def _require_meeting_viewer(request: HttpRequest) -> None:
    """As ``_require_meeting_user``, agency admins too (they see every meeting, and move none)."""
    require_verified_buyer(
        request.user, allowed=request.user.has_perm("markets.add_meeting") or is_agency_admin(request.user)
    )


def _moment(value) -> str:
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


@login_required
@require_GET
def meeting_mine(request: HttpRequest) -> HttpResponse:
    """The user's meetings, in four groups."""
    _require_meeting_user(request)
    groups = selectors.meeting_groups(user=request.user, now=timezone.now())
    return render(
        request,
        "markets/meetings_mine.html",
        {
            **groups,
            "producer_side": selectors.meeting_is_producer_side(user=request.user),
            "shown": GROUP_SHOWN,
        },
    )


@login_required
@require_GET
def meeting_buyers(request: HttpRequest) -> HttpResponse:
    """Verified buyer companies and their people, for a producer choosing whom to ask."""
    _require_meeting_user(request)
    if not selectors.meeting_is_producer_side(user=request.user):
        raise Http404
    query = request.GET.get("q", "")[:100].replace("\x00", "")
    page = Paginator(selectors.meeting_buyer_companies(user=request.user, query=query), BUYERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "markets/meetings_buyers.html", {"page": page, "query": query})


def _editions():
    return (
        MarketEdition.objects.filter(ends_on__gte=timezone.localdate())
        .select_related("market")
        .order_by("starts_on", "pk")
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    """Ask for a meeting: ``?film=`` offers the film's people (a buyer), ``?invitee=`` names a
    buyer's person (a producer)."""
    _require_meeting_user(request)
    user = request.user
    film = None
    invitees: list[User]
    films: list = []
    if (film_id := request.GET.get("film", "")).isdigit():
        film = film_list_published().filter(pk=int(film_id)).select_related("organization").first()
        if film is None:
            raise Http404
        invitees = [person for person in selectors.meeting_film_contacts(film=film) if person.pk != user.pk]
        films = [film]
    elif (invitee_id := request.GET.get("invitee", "")).isdigit():
        invitee = User.objects.filter(pk=int(invitee_id), is_active=True).first()
        if invitee is None:
            raise Http404
        invitees = [invitee]
        if selectors.meeting_is_producer_side(user=user):
            films = list(selectors.participation_film_choices(organization_ids=list(_producer_companies(user))))
    elif selectors.meeting_is_producer_side(user=user):
        return redirect("market_meetings:buyers")
    else:
        messages.info(request, _("Open a film in the catalogue and ask its people for a meeting from its page."))
        return redirect("films:catalogue")
    initial = {"film": film.pk} if film else {}
    form = MeetingRequestForm(
        bound(request),
        invitees=invitees,
        films=films,
        editions=_editions(),
        zone_name=timezone.get_current_timezone_name(),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        chosen = next(person for person in invitees if person.pk == form.cleaned_data["invitee"])
        chosen_film = next((f for f in films if f.pk == form.cleaned_data.get("film")), None)
        try:
            meeting = services.meeting_request(actor=user, invitee=chosen, film=chosen_film, **form.service_input())
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request,
                _("Your request is sent to %(person)s; you hear as soon as they answer.")
                % {"person": chosen.display_name},
            )
            return redirect("market_meetings:detail", pk=meeting.pk)
    return render(
        request,
        "markets/meetings_form.html",
        {"form": form, "film": film, "action": request.get_full_path()},
        status=400 if request.method == "POST" else 200,
    )


def _producer_companies(user):
    return selectors.participation_companies_of(user=user).values_list("pk", flat=True)


def _meeting_or_404(request: HttpRequest, pk: int) -> Meeting:
    _require_meeting_viewer(request)
    meeting = selectors.meeting_list_visible_to(user=request.user).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def _detail(request: HttpRequest, meeting: Meeting, *, status: int = 200, refused=None, accept_form=None):
    choices = MEETING_TRANSITIONS.choices_for(obj=meeting, user=request.user)
    accept = next((move for move in choices.allowed if move.target == MeetingStatus.ACCEPTED), None)
    now = timezone.now()
    open_slots = [slot for slot in meeting.slots.all() if slot.starts_at > now]
    labels = {slot.pk: f"{_moment(slot.starts_at)} – {_moment(slot.ends_at)}" for slot in meeting.slots.all()}
    if accept is not None and accept_form is None:
        accept_form = MeetingAcceptForm(slots=open_slots, labels=labels)
    party = request.user.pk in (meeting.requester_id, meeting.invitee_id)
    return render(
        request,
        "markets/meetings_detail.html",
        {
            "meeting": meeting,
            "moves": [move for move in choices.allowed if move.target != MeetingStatus.ACCEPTED],
            "blocked": choices.blocked,
            "accept": accept,
            "accept_form": accept_form if accept is not None else None,
            "slot_labels": [labels[slot.pk] for slot in meeting.slots.all()],
            "notice": audit_notice(obj=meeting, table=MEETING_TRANSITIONS),
            "invitation": party and meeting.starts_at is not None,
            "transition_refused": refused,
            "zone_name": timezone.get_current_timezone_name(),
        },
        status=status,
    )


@login_required
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _meeting_or_404(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def meeting_transition(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(request, pk)

    def extra(request: HttpRequest, data: dict) -> dict:
        if data.get("to") != MeetingStatus.ACCEPTED:
            return {}
        raw = request.POST.get("slot", "")
        return {"slot": int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None}

    return transition_page(
        request,
        obj=meeting,
        service=services.meeting_transition,
        object_kwarg="meeting",
        table=MEETING_TRANSITIONS,
        render_page=lambda *, refused, status: _detail(
            request, _meeting_or_404(request, pk), status=status, refused=refused
        ),
        done_url=reverse("market_meetings:detail", args=[meeting.pk]),
        extra=extra,
    )


@login_required
@require_GET
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The booked meeting's invitation, for its two people only (404 for anyone else)."""
    _require_meeting_viewer(request)
    meeting = selectors.meeting_list_of(user=request.user).filter(Q(starts_at__isnull=False), pk=pk).first()
    if meeting is None:
        raise Http404
    return ics_response(meeting)
