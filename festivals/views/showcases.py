"""The agency's overseas film weeks: the public list and page (partners, venues, programme in the
week's own time zone, attendance); producers propose their published films while the call is
open; agency admins accept or decline proposals, build the programme and report attendance."""

import zoneinfo
from datetime import date
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.rules import is_agency_admin, is_producer
from core.pages import form_errors_from, transition_page
from core.workflow import audit_notices
from festivals import selectors, services
from festivals.enums import PROPOSAL_TRANSITIONS, ProposalStatus
from festivals.forms import (
    AttendanceForm,
    ProgrammeForm,
    ProposeForm,
    chinese,
    film_title,
    screening_local_label,
    zone_label,
)
from festivals.models import Showcase, ShowcaseScreening
from festivals.zones import today_in, zone_named

# --- Helpers ---------------------------------------------------------------------------


def _title(showcase: Showcase) -> str:
    return showcase.display_title()


def _showcase_or_404(pk: int) -> Showcase:
    showcase = selectors.showcase_get_for_page(pk=pk)
    if showcase is None:
        raise Http404
    return showcase


def _detail_url(showcase: Showcase, anchor: str = "") -> str:
    url = reverse("festivals:showcase_detail", args=[showcase.pk])
    return f"{url}#{anchor}" if anchor else url


# --- Pages -----------------------------------------------------------------------------


@require_GET
def showcase_list(request: HttpRequest) -> HttpResponse:
    """Upcoming film weeks (soonest first) and past ones (latest first)."""
    today = timezone.localdate()  # the API's upcoming/past split
    upcoming: list[Showcase] = []
    past: list[Showcase] = []
    for showcase in selectors.showcase_list_for_page():
        showcase.call_open = selectors.showcase_call_open(showcase=showcase, today=today_in(showcase.time_zone))
        showcase.running = showcase.starts_on <= today <= showcase.ends_on
        (upcoming if showcase.ends_on >= today else past).append(showcase)
    past.sort(key=lambda showcase: (showcase.starts_on, showcase.pk), reverse=True)
    return render(request, "festivals/showcase_list.html", {"upcoming": upcoming, "past": past})


def _programme_days(screenings: list[ShowcaseScreening], zone: zoneinfo.ZoneInfo) -> list[tuple[date, list]]:
    return [
        (day, list(rows))
        for day, rows in groupby(screenings, key=lambda screening: screening.starts_at.astimezone(zone).date())
    ]


def _detail(request: HttpRequest, showcase: Showcase, *, status: int = 200, **bound) -> HttpResponse:
    """The film week's page; ``bound`` holds a POSTed form that was refused (``propose``,
    ``programme``, ``attendance``), shown with its errors, or a refused proposal move's reasons
    (``transition_refused``), shown beside its buttons."""
    user = request.user
    zone = zone_named(showcase.time_zone)
    today = today_in(showcase.time_zone)
    admin = is_agency_admin(user)
    producer = is_producer(user)
    call_open = selectors.showcase_call_open(showcase=showcase, today=today)
    over = today > showcase.ends_on
    screenings = list(showcase.screenings.all())
    venues = list(showcase.venues.all())

    proposals = []
    if admin or producer:
        proposals = list(selectors.proposal_list_visible_to(user=user).filter(showcase=showcase))
        notices = audit_notices(objects=proposals, table=PROPOSAL_TRANSITIONS)
        for proposal in proposals:
            choices = PROPOSAL_TRANSITIONS.choices_for(obj=proposal, user=user)
            proposal.moves, proposal.blocked = choices.allowed, choices.blocked
            proposal.notice = notices.get(proposal.pk)

    propose_form = bound.get("propose")
    if propose_form is None and producer and call_open:
        propose_form = ProposeForm(user=user)
    if propose_form is not None:
        proposed = {proposal.film_id for proposal in proposals}
        propose_form.offer([f for f in selectors.film_list_proposable_by(user=user) if f.pk not in proposed])

    # Only agency admins keep film weeks: asking anyone else would read their table permissions for nothing.
    programme_form = bound.get("programme")
    if programme_form is None and admin and user.has_perm("festivals.add_showcasescreening"):
        programme_form = ProgrammeForm(zone=zone)
    if programme_form is not None:
        accepted = {p.film_id: p.film for p in proposals if p.status == ProposalStatus.ACCEPTED}
        programme_form.offer(films=list(accepted.values()), venues=venues)

    attendance_form = bound.get("attendance")
    if attendance_form is None and over and admin and user.has_perm("festivals.change_showcase", showcase):
        attendance_form = AttendanceForm(showcase=showcase, screenings=screenings, zone=zone)

    return render(
        request,
        "festivals/showcase_detail.html",
        {
            "showcase": showcase,
            "title": _title(showcase),
            "description": (
                (showcase.description_zh or showcase.description_en)
                if chinese()
                else (showcase.description_en or showcase.description_zh)
            ),
            "partners": list(showcase.partners.all()),
            "venues": venues,
            "days": _programme_days(screenings, zone),
            "zone": zone,
            "zone_label": zone_label(zone),
            "call_open": call_open,
            "over": over,
            "today": today,
            "is_producer": producer,
            "is_admin": admin,
            "proposals": proposals,
            "propose_form": propose_form,
            "programme_form": programme_form,
            "attendance_form": attendance_form,
            "transition_refused": bound.get("transition_refused"),
            "chinese": chinese(),
        },
        status=status,
    )


@require_GET
def showcase_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _showcase_or_404(pk))


# --- Producers: proposals --------------------------------------------------------------


@login_required
@require_POST
def showcase_propose(request: HttpRequest, pk: int) -> HttpResponse:
    showcase = _showcase_or_404(pk)
    if not request.user.has_perm("festivals.add_showcaseproposal"):
        raise PermissionDenied
    form = ProposeForm(request.POST, user=request.user)
    if form.is_valid():
        film = form.cleaned_data["film"]
        try:
            services.showcase_propose(actor=request.user, showcase=showcase, film=film, note=form.cleaned_data["note"])
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request,
                _("“%(film)s” is proposed for %(week)s. The agency will accept or decline it.")
                % {"film": film_title(film), "week": _title(showcase)},
            )
            return redirect(_detail_url(showcase, "proposals"))
    return _detail(request, showcase, status=400, propose=form)


# --- Agency admins: decisions, programme, attendance ------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def proposal_transition(request: HttpRequest, pk: int, proposal_pk: int) -> HttpResponse:
    """Accept or decline a proposal; a refused move answers the film week's page (400, reasons
    beside the proposal's buttons), a forbidden one 403."""
    showcase = _showcase_or_404(pk)
    proposal = selectors.proposal_list_visible_to(user=request.user).filter(showcase=showcase, pk=proposal_pk).first()
    if proposal is None:
        raise Http404
    return transition_page(
        request,
        obj=proposal,
        service=services.proposal_transition,
        object_kwarg="proposal",
        table=PROPOSAL_TRANSITIONS,
        render_page=lambda *, refused, status: _detail(request, showcase, status=status, transition_refused=refused),
        done_url=_detail_url(showcase, "proposals"),
        note_label=_("Reason for declining (required)"),
    )


@login_required
@require_POST
def programme_add(request: HttpRequest, pk: int) -> HttpResponse:
    showcase = _showcase_or_404(pk)
    if not request.user.has_perm("festivals.add_showcasescreening"):
        raise PermissionDenied
    zone = zone_named(showcase.time_zone)
    form = ProgrammeForm(request.POST, zone=zone)
    if form.is_valid():
        try:
            screening = services.showcase_screening_add(
                actor=request.user,
                showcase=showcase,
                film=form.cleaned_data["film"],
                venue=form.cleaned_data["venue"],
                starts_at=form.cleaned_data["starts_at"],
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request,
                _("“%(film)s” is in the programme at %(venue)s on %(when)s (%(zone)s).")
                % {
                    "film": film_title(screening.film),
                    "venue": screening.venue.name,
                    "when": screening_local_label(screening, zone),
                    "zone": zone_label(zone),
                },
            )
            return redirect(_detail_url(showcase, "programme"))
    return _detail(request, showcase, status=400, programme=form)


@login_required
@require_POST
def attendance_report(request: HttpRequest, pk: int) -> HttpResponse:
    showcase = _showcase_or_404(pk)
    if not request.user.has_perm("festivals.change_showcase", showcase):
        raise PermissionDenied
    form = AttendanceForm(
        request.POST, showcase=showcase, screenings=list(showcase.screenings.all()), zone=zone_named(showcase.time_zone)
    )
    if form.is_valid():
        try:
            services.showcase_attendance_report(
                actor=request.user,
                showcase=showcase,
                attendance=form.cleaned_data["attendance"],
                per_screening=form.per_screening(),
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The attendance of %(week)s has been recorded.") % {"week": _title(showcase)})
            return redirect(_detail_url(showcase, "attendance"))
    return _detail(request, showcase, status=400, attendance=form)
