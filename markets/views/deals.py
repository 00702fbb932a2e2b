"""Deal pages: each side's "Deals" (open offers and negotiations, signed, cancelled), a deal's
page with its moves, a buyer's offer on a published film, and the deal a producer records for
a named buyer company. A deal reaches its two parties and agency admins only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.rules import is_verified_buyer, memberships_of
from accounts.verification import require_verified_buyer
from core.pages import bound, form_errors_from, transition_page
from core.workflow import audit_notice, audit_timeline
from films.enums import RightsMedia
from films.selectors import film_list_published, film_list_visible_to
from films.territories import territory_list
from markets import selectors, services
from markets.enums import DEAL_TRANSITIONS, OPEN_DEAL_STATES, DealStatus
from markets.forms_deals import DealOfferForm, DealRecordForm, DealTermsForm
from markets.models import Deal


def _list_url() -> str:
    return reverse("market_deals:list")


def _detail_url(deal: Deal) -> str:
    return reverse("market_deals:detail", args=[deal.pk])


def _require_party(request: HttpRequest) -> None:
    """Deals are for producers, verified buyers and agency admins; a buyer whose company is not
    verified is told its status and what happens next."""
    require_verified_buyer(request.user, allowed=request.user.has_perm("markets.list_deals"))


def _deal_or_404(request: HttpRequest, pk: int) -> Deal:
    _require_party(request)
    deal = selectors.deal_list_visible_to(user=request.user).filter(pk=pk).first()
    if deal is None:
        raise Http404
    return deal


def deal_describe(deal: Deal) -> None:
    """Names a deal's page and list show: its territories as written and its media."""
    deal.territory_names = territory_list(deal.territories) if deal.territories else ""
    deal.excluded_names = territory_list(deal.excluded) if deal.excluded else ""
    deal.country_count = len(deal.countries)
    deal.media_names = ", ".join(str(label) for value, label in RightsMedia.choices if value in deal.media)


@login_required
@require_GET
def deal_list(request: HttpRequest) -> HttpResponse:
    """The user's companies' deals, on either side: open, signed, cancelled."""
    _require_party(request)
    deals = list(selectors.deal_list_visible_to(user=request.user))
    organizations = memberships_of(request.user)
    for deal in deals:
        deal_describe(deal)
        deal.our_side = "producer" if deal.film.organization_id in organizations else "buyer"
    return render(
        request,
        "markets/deals_list.html",
        {
            "open_deals": [deal for deal in deals if deal.status in OPEN_DEAL_STATES],
            "signed_deals": [deal for deal in deals if deal.status == DealStatus.SIGNED],
            "cancelled_deals": [deal for deal in deals if deal.status == DealStatus.CANCELLED],
        },
    )


def _detail(request: HttpRequest, deal: Deal, *, status: int = 200, refused=None) -> HttpResponse:
    deal_describe(deal)
    choices = DEAL_TRANSITIONS.choices_for(obj=deal, user=request.user)
    return render(
        request,
        "markets/deals_detail.html",
        {
            "deal": deal,
            "moves": choices.allowed,
            "blocked": choices.blocked,
            "notice": audit_notice(obj=deal, table=DEAL_TRANSITIONS),
            "timeline": audit_timeline(obj=deal, table=DEAL_TRANSITIONS),
            "may_change": request.user.has_perm("markets.change_deal", deal) and deal.status in OPEN_DEAL_STATES,
            "transition_refused": refused,
        },
        status=status,
    )


@login_required
@require_GET
def deal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _deal_or_404(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def deal_transition(request: HttpRequest, pk: int) -> HttpResponse:
    deal = _deal_or_404(request, pk)
    return transition_page(
        request,
        obj=deal,
        service=services.deal_transition,
        object_kwarg="deal",
        table=DEAL_TRANSITIONS,
        render_page=lambda *, refused, status: _detail(request, deal, status=status, refused=refused),
        done_url=_detail_url(deal),
    )


def _terms(data: dict) -> dict:
    return {
        name: data.get(name)
        for name in (
            "territories",
            "excluded",
            "media",
            "exclusive",
            "term_start",
            "term_end",
            "fee",
            "edition",
            "notes",
        )
    }


@login_required
@require_http_methods(["GET", "POST"])
def deal_offer(request: HttpRequest, film_pk: int) -> HttpResponse:
    """A verified buyer's offer on a published film's rights."""
    require_verified_buyer(request.user, allowed=is_verified_buyer(request.user))
    film = film_list_published().select_related("organization").filter(pk=film_pk).first()
    if film is None:
        raise Http404
    form = DealOfferForm(bound(request), companies=selectors.deal_buyer_companies_of(user=request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            deal = services.deal_offer(
                actor=request.user, film=film, organization=data.get("organization"), **_terms(data)
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Your offer is sent to the film's company: %(object)s.") % {"object": deal})
            return redirect(_detail_url(deal))
    return render(
        request,
        "markets/deals_form.html",
        {"form": form, "film": film, "heading": _("Make an offer"), "action": request.path},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def deal_record(request: HttpRequest, film_pk: int) -> HttpResponse:
    """A deal the film's company records for a named verified buyer company."""
    film = film_list_visible_to(user=request.user).select_related("organization").filter(pk=film_pk).first()
    if film is None:
        raise Http404
    if film.organization_id not in memberships_of(request.user):
        raise PermissionDenied(_("Only members of the film's company may record its deals."))
    form = DealRecordForm(bound(request), buyers=selectors.deal_buyer_choices())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            deal = services.deal_record(actor=request.user, film=film, buyer=data["buyer"], **_terms(data))
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The deal is recorded as an offer: %(object)s.") % {"object": deal})
            return redirect(_detail_url(deal))
    return render(
        request,
        "markets/deals_form.html",
        {"form": form, "film": film, "heading": _("Record a deal"), "action": request.path},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def deal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an open deal's terms (either party): territories, media, exclusivity, term, fee,
    edition, notes. The rights are checked again as when it was made."""
    deal = _deal_or_404(request, pk)
    if not request.user.has_perm("markets.change_deal", deal):
        raise PermissionDenied(_("Only the deal's two parties may change its terms."))
    if deal.status not in OPEN_DEAL_STATES:
        raise PermissionDenied(_("Only an offer or a deal in negotiation can be changed."))
    form = DealTermsForm(bound(request), deal=deal)
    if request.method == "POST" and form.is_valid():
        try:
            deal = services.deal_update(actor=request.user, deal=deal, data=_terms(form.cleaned_data))
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The deal's terms are changed: %(object)s.") % {"object": deal})
            return redirect(_detail_url(deal))
    return render(
        request,
        "markets/deals_form.html",
        {"form": form, "film": deal.film, "heading": _("Change the terms"), "action": request.path},
        status=400 if request.method == "POST" else 200,
    )
