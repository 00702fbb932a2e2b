"""The catalogue and a film's page."""

from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.pages import RefusedTransition
from core.slots import panels_for
from films import forms, selectors, services
from films.enums import ImageKind, RightsMedia
from films.filters import CatalogueFilter
from films.models import FilmLanguage
from films.views.common import (
    CATALOGUE_PAGE_SIZE,
    EDITABLE_STATES,
    film_or_404,
    listing_choices,
    revision_prepare,
)


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    filterset = CatalogueFilter(request.GET, queryset=selectors.film_list_published())
    forms.catalogue_widgets(filterset.form, language=get_language())
    page = None
    if filterset.is_valid():
        page = Paginator(selectors.film_list_with_cards(filterset.qs), CATALOGUE_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
    shortlists = (
        list(selectors.shortlist_list_for_user(user=request.user))
        if request.user.has_perm("films.add_shortlist")
        else None
    )
    filtered = any(value for key, value in request.GET.items() if key not in ("page", "sort"))
    return render(
        request,
        "films/catalogue.html",
        {
            "filter": filterset,
            "form": filterset.form,
            "page": page,
            "films": list(page) if page else [],
            "shortlists": shortlists,
            "filtered": filtered,
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
        subject = _("Screener request: %(title)s") % {"title": film}
        context.update(
            rights=selectors.film_rights_summary(film=film),
            media=RightsMedia.choices,
            stills=[image for image in images if image.kind == ImageKind.STILL],
            original_languages=[lang for lang in languages if lang.kind == FilmLanguage.Kind.ORIGINAL],
            subtitle_languages=[lang for lang in languages if lang.kind == FilmLanguage.Kind.SUBTITLE],
            sales_contact=contact,
            screener_mailto=f"mailto:{quote(contact, safe='@')}?subject={quote(subject)}" if contact else "",
        )
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
    if film.is_published and user.has_perm("films.add_shortlist"):
        context["shortlists"] = list(selectors.shortlist_list_for_user(user=user))
        context["on_shortlists"] = list(selectors.shortlist_list_containing(user=user, film=film))
    return render(request, "films/film_detail.html", context, status=status)
