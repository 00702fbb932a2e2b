"""Participation pages: a producer's "My markets" (its participations and pavilion applications
with their moves), registering for an edition, applying for the national pavilion, and the
agency admins' pavilion page per edition (applications, places used and left, decisions)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accounts.rules import is_agency_admin, is_producer
from core.pages import bound, form_errors_from, transition_page
from core.workflow import audit_notices
from markets import selectors, services
from markets.enums import PARTICIPATION_TRANSITIONS, PAVILION_APPLICATION_TRANSITIONS
from markets.forms_participation import ParticipationEditForm, ParticipationForm, PavilionApplyForm
from markets.models import MarketEdition

_DECLINE_NOTE = gettext_lazy("Reason for declining (required)")


def _mine_url() -> str:
    return reverse("market_participation:mine")


def _pavilion_url(edition: MarketEdition) -> str:
    return reverse("market_participation:pavilion", args=[edition.pk])


def _with_moves(objects: list, table, user) -> list:
    notices = audit_notices(objects=objects, table=table)
    for obj in objects:
        choices = table.choices_for(obj=obj, user=user)
        obj.moves, obj.blocked = choices.allowed, choices.blocked
        obj.notice = notices.get(obj.pk)
    return objects


def _require_producer(request: HttpRequest) -> None:
    if not is_producer(request.user):
        raise PermissionDenied(_("Only members of production companies and sales agents can do this."))


def _mine(request: HttpRequest, *, status: int = 200, refused=None) -> HttpResponse:
    user = request.user
    participations = list(
        selectors.participation_list_visible_to(user=user).filter(
            organization_id__in=selectors.participation_companies_of(user=user).values("pk")
        )
    )
    applications = list(
        selectors.pavilion_application_list_visible_to(user=user).filter(
            organization_id__in=selectors.participation_companies_of(user=user).values("pk")
        )
    )
    return render(
        request,
        "markets/participation_mine.html",
        {
            "participations": _with_moves(participations, PARTICIPATION_TRANSITIONS, user),
            "applications": _with_moves(applications, PAVILION_APPLICATION_TRANSITIONS, user),
            "open_pavilions": selectors.pavilion_list_open_for(user=user, now=timezone.now()),
            "transition_refused": refused,
        },
        status=status,
    )


@login_required
@require_GET
def participation_mine(request: HttpRequest) -> HttpResponse:
    """The producer's markets: its companies' participations and pavilion applications."""
    _require_producer(request)
    return _mine(request)


def _form_choices(user) -> dict:
    companies = selectors.participation_companies_of(user=user)
    ids = [company.pk for company in companies]
    return {"companies": companies, "films": list(selectors.participation_film_choices(organization_ids=ids))}


@login_required
@require_http_methods(["GET", "POST"])
def participation_create(request: HttpRequest) -> HttpResponse:
    """Register one of the user's companies for a market edition (``?edition=`` preselects it)."""
    _require_producer(request)
    user = request.user
    choices = _form_choices(user)
    delegates = list(
        selectors.participation_delegate_choices(organization_ids=[company.pk for company in choices["companies"]])
    )
    initial = {"delegates": [user.pk]}
    if (edition := request.GET.get("edition", "")).isdigit():
        initial["edition"] = int(edition)
    form = ParticipationForm(bound(request), delegates=delegates, initial=initial, **choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            participation = services.participation_create(actor=user, **data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request,
                _("%(company)s is down for %(edition)s. Mark it as registered once the market has your registration.")
                % {"company": participation.organization.name, "edition": participation.edition},
            )
            return redirect(_mine_url())
    return render(
        request,
        "markets/participation_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def participation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a participation's delegates, stand, films and notes (the company's members)."""
    participation = selectors.participation_list_visible_to(user=request.user).filter(pk=pk).first()
    if participation is None:
        raise Http404
    if not request.user.has_perm("markets.change_participation", participation):
        raise PermissionDenied
    org = [participation.organization_id]
    initial = {
        "delegates": [user.pk for user in participation.delegates.all()],
        "films": [film.pk for film in participation.films.all()],
        "stand": participation.stand,
        "notes": participation.notes,
    }
    form = ParticipationEditForm(
        bound(request),
        initial=initial,
        delegates=list(selectors.participation_delegate_choices(organization_ids=org)),
        films=list(selectors.participation_film_choices(organization_ids=org)),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.participation_update(actor=request.user, participation=participation, data=form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The participation is saved: %(object)s.") % {"object": participation})
            return redirect(_mine_url())
    return render(
        request,
        "markets/participation_edit.html",
        {"form": form, "participation": participation},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def participation_transition(request: HttpRequest, pk: int) -> HttpResponse:
    participation = selectors.participation_list_visible_to(user=request.user).filter(pk=pk).first()
    if participation is None:
        raise Http404
    return transition_page(
        request,
        obj=participation,
        service=services.participation_transition,
        object_kwarg="participation",
        table=PARTICIPATION_TRANSITIONS,
        render_page=lambda *, refused, status: _mine(request, status=status, refused=refused),
        done_url=_mine_url(),
    )


def _pavilion_or_404(edition_pk: int):
    edition = get_object_or_404(MarketEdition.objects.select_related("market"), pk=edition_pk)
    pavilion = selectors.pavilion_for_edition(edition=edition)
    if pavilion is None:
        raise Http404
    return edition, pavilion


@login_required
@require_http_methods(["GET", "POST"])
def pavilion_apply(request: HttpRequest, edition_pk: int) -> HttpResponse:
    """Apply for a place in the national pavilion at an edition."""
    _require_producer(request)
    edition, pavilion = _pavilion_or_404(edition_pk)
    form = PavilionApplyForm(bound(request), **_form_choices(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            application = services.pavilion_apply(actor=request.user, pavilion=pavilion, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request,
                _("%(company)s applied for a place in the national pavilion at %(edition)s. The agency will write.")
                % {"company": application.organization.name, "edition": edition},
            )
            return redirect(_mine_url())
    return render(
        request,
        "markets/participation_pavilion_apply.html",
        {"form": form, "edition": edition, "pavilion": pavilion},
        status=400 if request.method == "POST" else 200,
    )


def _pavilion_page(request: HttpRequest, edition, pavilion, *, status: int = 200, refused=None) -> HttpResponse:
    applications = list(selectors.pavilion_application_list_visible_to(user=request.user).filter(pavilion=pavilion))
    return render(
        request,
        "markets/participation_pavilion.html",
        {
            "edition": edition,
            "pavilion": pavilion,
            "places_left": selectors.pavilion_places_left(pavilion=pavilion),
            "applications": _with_moves(applications, PAVILION_APPLICATION_TRANSITIONS, request.user),
            "note_label": _DECLINE_NOTE,
            "transition_refused": refused,
        },
        status=status,
    )


@login_required
@require_GET
def pavilion_detail(request: HttpRequest, edition_pk: int) -> HttpResponse:
    """The agency admins' page of an edition's pavilion."""
    if not is_agency_admin(request.user):
        raise PermissionDenied
    edition, pavilion = _pavilion_or_404(edition_pk)
    return _pavilion_page(request, edition, pavilion)


@login_required
@require_http_methods(["GET", "POST"])
def pavilion_application_transition(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.pavilion_application_list_visible_to(user=request.user).filter(pk=pk).first()
    if application is None:
        raise Http404
    edition = application.pavilion.edition

    def render_page(*, refused, status):
        _edition, pavilion = _pavilion_or_404(edition.pk)
        return _pavilion_page(request, edition, pavilion, status=status, refused=refused)

    return transition_page(
        request,
        obj=application,
        service=services.pavilion_application_transition,
        object_kwarg="application",
        table=PAVILION_APPLICATION_TRANSITIONS,
        render_page=render_page,
        done_url=_pavilion_url(edition),
        note_label=_DECLINE_NOTE,
    )
