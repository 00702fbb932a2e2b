"""Market screening pages: an edition's schedule (signed-in users; who reserved only for the
film's company and agency admins), a screening's page, scheduling and changing screenings
(producers for their films, agency admins), cancelling them, buyers' seats (POST forms), and
"My screenings". Times are shown and typed in the market's zone."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.rules import is_agency_admin, is_buyer, is_producer
from accounts.verification import buyer_verification_notice, require_verified_buyer
from core.pages import bound, form_errors_from, safe_next, transition_page
from markets import selectors, services
from markets.enums import MARKET_SCREENING_TRANSITIONS
from markets.forms_screenings import ScreeningForm
from markets.models import MarketEdition, MarketScreening


def _schedule_url(edition_pk: int) -> str:
    return reverse("market_screenings:schedule", args=[edition_pk])


def _detail_url(pk: int) -> str:
    return reverse("market_screenings:detail", args=[pk])


def _edition_or_404(pk: int) -> MarketEdition:
    return get_object_or_404(MarketEdition.objects.select_related("market"), pk=pk)


def _screening_or_404(request: HttpRequest, pk: int) -> MarketScreening:
    screening = selectors.screening_list_visible_to(user=request.user).filter(pk=pk).first()
    if screening is None:
        raise Http404
    return screening


def _with_moves(screenings: list, user) -> list:
    for screening in screenings:
        choices = MARKET_SCREENING_TRANSITIONS.choices_for(obj=screening, user=user)
        screening.moves, screening.blocked = choices.allowed, choices.blocked
    return screenings


def _roles(user) -> dict:
    return {
        "may_reserve": user.has_perm("markets.reserve_marketscreening"),
        "buyer_notice": buyer_verification_notice(user) if is_buyer(user) else None,
    }


def _schedule(request: HttpRequest, edition: MarketEdition, *, status: int = 200, refused=None) -> HttpResponse:
    user = request.user
    screenings = _with_moves(list(selectors.screening_list_for_edition(user=user, edition=edition)), user)
    with timezone.override(edition.market.zone()):
        return render(
            request,
            "markets/screenings_schedule.html",
            {
                "edition": edition,
                "screenings": screenings,
                "may_schedule": user.has_perm("markets.add_marketscreening"),
                "booking_closed": services.screening_booking_refusals(edition=edition),
                "transition_refused": refused,
                **_roles(user),
            },
            status=status,
        )


@login_required
@require_GET
def screening_schedule(request: HttpRequest, edition_pk: int) -> HttpResponse:
    """An edition's screenings, in the market's time zone."""
    return _schedule(request, _edition_or_404(edition_pk))


def _detail(request: HttpRequest, screening: MarketScreening, *, status: int = 200, refused=None, errors=None):
    _with_moves([screening], request.user)
    with timezone.override(screening.edition.market.zone()):
        return render(
            request,
            "markets/screenings_detail.html",
            {
                "screening": screening,
                "edition": screening.edition,
                "may_manage": request.user.has_perm("markets.change_marketscreening", screening),
                "transition_refused": refused,
                "reserve_errors": errors or [],
                **_roles(request.user),
            },
            status=status,
        )


@login_required
@require_GET
def screening_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _screening_or_404(request, pk))


def _form_page(request: HttpRequest, form, *, edition: MarketEdition, screening=None) -> HttpResponse:
    return render(
        request,
        "markets/screenings_form.html",
        {"form": form, "edition": edition, "screening": screening},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def screening_create(request: HttpRequest, edition_pk: int) -> HttpResponse:
    """Schedule a screening at an edition (producers for their films, agency admins)."""
    if not request.user.has_perm("markets.add_marketscreening"):
        raise PermissionDenied(
            _("Only members of production companies and sales agents, and agency admins, can do this.")
        )
    edition = _edition_or_404(edition_pk)
    films = list(selectors.screening_film_choices(user=request.user))
    with timezone.override(edition.market.zone()):
        form = ScreeningForm(bound(request), films=films)
        if request.method == "POST" and form.is_valid():
            data = dict(form.cleaned_data)
            film = next(film for film in films if film.pk == data.pop("film"))
            try:
                screening = services.screening_create(actor=request.user, edition=edition, film=film, **data)
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("The screening is scheduled: %(object)s.") % {"object": screening})
                return redirect(_detail_url(screening.pk))
        return _form_page(request, form, edition=edition)


@login_required
@require_http_methods(["GET", "POST"])
def screening_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a screening's venue, room, times, seats or note."""
    screening = _screening_or_404(request, pk)
    if not request.user.has_perm("markets.change_marketscreening", screening):
        raise PermissionDenied
    edition = screening.edition
    initial = {name: getattr(screening, name) for name in services.screenings.UPDATABLE}
    with timezone.override(edition.market.zone()):
        form = ScreeningForm(bound(request), initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                services.screening_update(actor=request.user, screening=screening, data=form.cleaned_data)
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("The screening is saved: %(object)s.") % {"object": screening})
                return redirect(_detail_url(screening.pk))
        return _form_page(request, form, edition=edition, screening=screening)


@login_required
@require_http_methods(["GET", "POST"])
def screening_transition(request: HttpRequest, pk: int) -> HttpResponse:
    screening = _screening_or_404(request, pk)
    return transition_page(
        request,
        obj=screening,
        service=services.screening_transition,
        object_kwarg="screening",
        table=MARKET_SCREENING_TRANSITIONS,
        render_page=lambda *, refused, status: _detail(
            request, _screening_or_404(request, pk), status=status, refused=refused
        ),
        done_url=_detail_url(pk),
    )


@login_required
@require_POST
def screening_reserve(request: HttpRequest, pk: int) -> HttpResponse:
    """Reserve a seat (verified buyers)."""
    screening = _screening_or_404(request, pk)
    require_verified_buyer(request.user, allowed=request.user.has_perm("markets.reserve_marketscreening", screening))
    try:
        services.reservation_create(actor=request.user, screening=screening)
    except ValidationError as exc:
        return _detail(request, _screening_or_404(request, pk), status=400, errors=exc.messages)
    messages.success(request, _("Your seat is reserved: %(object)s.") % {"object": screening})
    return redirect(safe_next(request, _detail_url(pk)))


@login_required
@require_POST
def screening_unreserve(request: HttpRequest, pk: int) -> HttpResponse:
    """Give back one's own seat."""
    screening = _screening_or_404(request, pk)
    try:
        services.reservation_cancel(actor=request.user, screening=screening)
    except ValidationError as exc:
        return _detail(request, _screening_or_404(request, pk), status=400, errors=exc.messages)
    messages.success(request, _("Your seat is given back: %(object)s.") % {"object": screening})
    return redirect(safe_next(request, _detail_url(pk)))


@login_required
@require_GET
def screenings_mine(request: HttpRequest) -> HttpResponse:
    """A buyer's seats; a producer's companies' screenings (or the agency's, for agency admins)
    with their fill rate and who reserved."""
    user = request.user
    organizer = is_producer(user) or is_agency_admin(user)
    return render(
        request,
        "markets/screenings_mine.html",
        {
            "reserved": list(selectors.screening_list_reserved_by(user=user)),
            "managed": list(selectors.screening_list_managed_by(user=user)) if organizer else [],
            "organizer": organizer,
            **_roles(user),
        },
    )
