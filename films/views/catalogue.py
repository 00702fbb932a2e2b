"""The catalogue and a film's page."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.verification import buyer_verification_notice
from core.pages import RefusedTransition
from core.slots import catalogue_featured_for, panels_for
from core.workflow import audit_notice
from films import listing, selectors, services
from films.enums import LISTING_TRANSITIONS, ImageKind, RightsMedia, ScreenerRequestStatus
from films.filters import CatalogueFilter, catalogue_narrowed
from films.models import FilmLanguage
from films.search import film_title_suggestions
from films.views.common import (
    CATALOGUE_PAGE_SIZE,
    EDITABLE_STATES,
    film_or_404,
    listing_choices,
    revision_prepare,
)


@dataclass(frozen=True)
class ActiveFilter:
    """One value of one filter in the URL, and the catalogue's address without just that value."""

    label: str
    value: str
    remove_url: str


def _choice_labels(field) -> dict[str, str]:
    """A choice field's values and their labels, groups flattened."""
    labels: dict[str, str] = {}
    for value, label in getattr(field, "choices", ()):
        if isinstance(label, list | tuple):
            labels.update((str(v), str(lbl)) for v, lbl in label)
        else:
            labels[str(value)] = str(label)
    return labels


def _active_filters(request: HttpRequest, form) -> list[ActiveFilter]:
    """Each value the visitor filtered by, in the form's order, with a link that drops only it."""
    pairs = [(key, value) for key, values in request.GET.lists() for value in values if key not in ("page", "cursor")]
    found = []
    for name, field in form.fields.items():
        if name == "sort":
            continue
        choices = _choice_labels(field)
        for key, value in pairs:
            if key != name or not value.strip():
                continue
            rest = urlencode([pair for pair in pairs if pair != (key, value)])
            found.append(
                ActiveFilter(
                    label=str(field.label),
                    value=str(choices.get(value, value)),
                    remove_url=f"{request.path}?{rest}" if rest else request.path,
                )
            )
    return found


def _catalogue_page(films, number: str | None, cursor: str | None, *, narrowed: bool) -> listing.CataloguePage:
    """The page asked for: after a cursor (the "More films" link past the last numbered page),
    or by number as Django's ``Paginator.get_page`` reads it: the first for a number that is not
    one (or a cursor that is not), the last for one past the end."""
    if cursor:
        try:
            return listing.catalogue_page_after(films, cursor=cursor, size=CATALOGUE_PAGE_SIZE)
        except listing.CursorError:
            number = None
    wanted = int(number) if number and number.isascii() and number.isdigit() and int(number) > 0 else 1
    size = CATALOGUE_PAGE_SIZE
    page = listing.catalogue_page(films, number=min(wanted, listing.COUNT_CAP), size=size, narrowed=narrowed)
    if page is None:
        last = max(1, -(-min(listing.matches_counted(films), listing.COUNT_CAP) // size))
        page = listing.catalogue_page(films, number=last, size=size, narrowed=narrowed)
    return page


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    filterset = CatalogueFilter(request.GET, queryset=selectors.film_list_published(), request=request)
    page = None
    films = []
    if filterset.is_valid():
        page = _catalogue_page(
            filterset.qs, request.GET.get("page"), request.GET.get("cursor"), narrowed=catalogue_narrowed(request.GET)
        )
        # The same plain-value rows as the API's (films.listing), never a model instance.
        films = listing.catalogue_films(page.ids, full=False)
    shortlists = (
        list(selectors.shortlist_list_for_user(user=request.user))
        if request.user.has_perm("films.add_shortlist")
        else None
    )
    filtered = any(value for key, value in request.GET.items() if key not in ("page", "cursor", "sort"))
    empty = None
    if page is not None and not page.count:
        # Help for a search that found nothing: what was asked, each filter to drop, nearby titles.
        query = (filterset.form.cleaned_data.get("q") or "").strip()
        empty = {
            "query": query,
            "filters": _active_filters(request, filterset.form) if filtered else [],
            "suggestions": film_title_suggestions(selectors.film_list_published(), query) if query else [],
        }
    return render(
        request,
        "films/catalogue.html",
        {
            "filter": filterset,
            "form": filterset.form,
            "page": page,
            "films": films,
            "shortlists": shortlists,
            "filtered": filtered,
            "availability_ignored": filterset.availability_ignored,
            "availability_notice": buyer_verification_notice(request.user) if filterset.availability_ignored else None,
            "empty": empty,
            "featured": catalogue_featured_for(request) if page is not None and not filtered else [],
        },
        status=200 if page is not None else 400,
    )


@require_GET
def film_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return film_page(request, film_or_404(request, pk))


def film_page(
    request: HttpRequest, film, *, refused: RefusedTransition | None = None, status: int = 200
) -> HttpResponse:
    """A film's page; ``refused`` is a refused listing move, its reasons shown beside the buttons."""
    user = request.user
    full = user.has_perm("films.view_full_film", film)
    editor = user.has_perm("films.change_film", film)
    reviewer = user.has_perm("films.review_film", film)
    images = list(film.images.all())
    context = {
        "film": film,
        "full": full,
        "editor": editor,
        "poster": film.poster_images[0] if film.poster_images else None,
        "panels": panels_for(request, film),
        "transition_refused": refused,
    }
    choices = listing_choices(request, film)
    context.update(moves=choices.allowed, blocked=choices.blocked)
    if full:
        languages = list(film.languages.all())
        contact = selectors.film_sales_contact_email(film=film)
        viewer = selectors.rights_viewer(user=user, film=film)
        context.update(
            rights=selectors.film_rights_summary(film=film, viewer=viewer) if viewer else [],
            media=RightsMedia.choices,
            stills=[image for image in images if image.kind == ImageKind.STILL],
            original_languages=[lang for lang in languages if lang.kind == FilmLanguage.Kind.ORIGINAL],
            subtitle_languages=[lang for lang in languages if lang.kind == FilmLanguage.Kind.SUBTITLE],
            sales_contact=contact,
        )
    if full and film.is_published and user.has_perm("films.add_screenerrequest"):
        latest = selectors.screener_request_latest_for(user=user, film=film)
        context["screener_request"] = latest
        context["can_request_screener"] = latest is None or latest.status != ScreenerRequestStatus.REQUESTED
    if not full and user.is_authenticated:
        context["verification"] = buyer_verification_notice(user)
    if editor:
        context["missing"] = (
            services.film_missing_for_review(film=film) if film.listing_status in EDITABLE_STATES else []
        )
    if editor or reviewer:
        events = selectors.film_timeline(film=film)
        context["events"] = events
        revision = selectors.film_revision_latest(film=film)
        if revision is not None:
            revision_prepare(request, [revision])
            revision.decision_note = next(
                (
                    e.note
                    for e in events
                    if getattr(e, "revision", False)
                    and e.object_id == str(revision.pk)
                    and e.to_state == revision.status
                ),
                "",
            )
            context["revision"] = revision
        context["notice"] = audit_notice(obj=film, table=LISTING_TRANSITIONS, field="listing_status")
    if film.is_published and user.has_perm("films.add_shortlist"):
        context["shortlists"] = list(selectors.shortlist_list_for_user(user=user))
        context["on_shortlists"] = list(selectors.shortlist_list_containing(user=user, film=film))
    return render(request, "films/film_detail.html", context, status=status)
