"""Buyer pages: the buyers directory and a buyer's page (verified producers and agency admins),
a buyer company's profile form (its members, once verified), and the full list of buyers who
might want a film (the film's company members and agency admins)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.verification import require_verified_buyer
from core.display import for_reader
from films.enums import RightsMedia
from films.selectors import film_list_visible_to, genre_rows
from films.territories import REGIONS, territory_expand, territory_name
from markets import selectors, services
from markets.forms_buyers import BuyerDirectoryFilterForm, BuyerProfileForm
from markets.rules import may_browse_buyers

DIRECTORY_PAGE_SIZE = 25
FILM_BUYERS_PAGE_SIZE = 25


def territory_summary(codes) -> list[str]:
    """Countries named as compactly as the rights grid's regions allow: a whole region by its name
    (worldwide first), then the remaining countries."""
    left = set(codes)
    names = []
    for key, (label, _countries) in REGIONS.items():
        region = set(territory_expand(key))
        if region and region <= left:
            names.append(str(label))
            left -= region
    return names + sorted(territory_name(code) for code in left)


def profile_display(profile) -> dict | None:
    """A profile's interests named in the reader's language, from prefetched rows."""
    if profile is None:
        return None
    language = get_language()
    genres = {row.id: row.name(language) for row in genre_rows()}
    return {
        "profile": profile,
        "description": for_reader(profile.description_en, profile.description_zh, language=language),
        "genres": [genres[row.genre_id] for row in profile.genre_rows.all() if row.genre_id in genres],
        "territories": territory_summary(row.country for row in profile.territory_rows.all()),
        "separator": pgettext("between territory names", "; "),
        "media": [str(RightsMedia(row.media).label) for row in profile.media_rows.all()],
        "missing": services.buyer_profile_missing(profile),
    }


def _require_browser(request: HttpRequest) -> None:
    if not may_browse_buyers(request.user):
        raise PermissionDenied(_("The buyers directory is for members of verified producer companies."))


@login_required
@require_GET
def buyer_list(request: HttpRequest) -> HttpResponse:
    """The buyers directory, filtered by company country and type and by interests."""
    _require_browser(request)
    form = BuyerDirectoryFilterForm(request.GET)
    valid = form.is_valid()
    data = form.cleaned_data if valid else {}
    buyers = selectors.buyer_list_filter(
        selectors.buyer_list_visible_to(user=request.user), **{k: v for k, v in data.items() if v}
    )
    page = Paginator(buyers, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(org, profile_display(selectors.buyer_profile_of(org))) for org in page]
    return render(
        request,
        "markets/buyers_list.html",
        {"form": form, "page": page, "rows": rows, "filtered": any(data.values())},
        status=200 if valid else 400,
    )


@login_required
@require_GET
def buyer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A buyer's page: profile and interests; its shortlisted and watched films when it shares them."""
    user = request.user
    organization = selectors.buyer_get_for_page(user=user, pk=pk)
    if organization is None:
        if not may_browse_buyers(user) and pk not in _own(user):
            require_verified_buyer(user, allowed=False)
        raise Http404
    context = {
        "organization": organization,
        "interests": profile_display(selectors.buyer_profile_of(organization)),
        "can_edit": user.has_perm("markets.change_buyerprofile", organization),
        "activity": None,
    }
    if selectors.buyer_activity_visible(user=user, organization=organization):
        context["activity"] = {
            "shortlisted": list(selectors.buyer_shortlisted_films(organization=organization)),
            "watched": selectors.buyer_watched_films(organization_ids=[organization.pk]).get(organization.pk, []),
        }
    return render(request, "markets/buyers_detail.html", context)


def _own(user) -> set[int]:
    return {org.pk for org in selectors.buyer_companies_of(user=user)}


@login_required
@require_http_methods(["GET", "POST"])
def buyer_profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A buyer company's members keep its profile (verified companies only); agency admins may too."""
    user = request.user
    organization = selectors.buyer_get_for_edit(user=user, pk=pk)
    if organization is None:
        raise Http404
    require_verified_buyer(user, allowed=user.has_perm("markets.change_buyerprofile", organization))
    profile = selectors.buyer_profile_of(organization)
    initial = {}
    if profile is not None:
        genre_slugs = {row.id: row.slug for row in genre_rows()}
        initial = {
            "description_en": profile.description_en,
            "description_zh": profile.description_zh,
            "genres": [genre_slugs.get(row.genre_id) for row in profile.genre_rows.all()],
            "territories": [row.country for row in profile.territory_rows.all()],
            "media": [row.media for row in profile.media_rows.all()],
            "budget_min": profile.budget_min_amount,
            "budget_max": profile.budget_max_amount,
            "budget_currency": profile.budget_currency,
            "share_activity": profile.share_activity,
        }
    form = BuyerProfileForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.buyer_profile_update(organization=organization, actor=user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("The profile of %(company)s is saved.") % {"company": organization.name})
            return redirect(reverse("market_buyers:detail", args=[organization.pk]))
    return render(
        request,
        "markets/buyers_profile_form.html",
        {"form": form, "organization": organization},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def film_buyers(request: HttpRequest, film_pk: int) -> HttpResponse:
    """Every buyer who might want the film, best first (the film's company members, agency admins)."""
    film = film_list_visible_to(user=request.user).filter(pk=film_pk).first()
    if film is None:
        raise Http404
    if not request.user.has_perm("markets.view_film_buyers", film):
        raise PermissionDenied
    number = request.GET.get("page", "1")
    number = int(number) if number.isdigit() and 0 < int(number) < 10_000 else 1
    found = selectors.film_buyer_matches(
        film=film, limit=FILM_BUYERS_PAGE_SIZE, offset=(number - 1) * FILM_BUYERS_PAGE_SIZE, with_total=True
    )
    pages = max((found.total + FILM_BUYERS_PAGE_SIZE - 1) // FILM_BUYERS_PAGE_SIZE, 1)
    return render(
        request,
        "markets/buyers_film.html",
        {
            "film": film,
            "found": found,
            "number": number,
            "pages": pages,
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if number < pages else None,
            "rank_start": (number - 1) * FILM_BUYERS_PAGE_SIZE,
        },
    )
