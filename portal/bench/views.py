"""The benchmark's stand-in catalogue, used only while neither /api/v1/films/ nor /films/ answers.

It reads the catalogue exactly as the page and the API are meant to: ``CatalogueFilter`` over
``film_list_published``, then one page of ``film_list_with_cards``, returned as JSON.
"""

from django.core.paginator import Paginator
from django.http import HttpRequest, JsonResponse

from films.filters import CatalogueFilter
from films.selectors import film_list_published, film_list_with_cards

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


def _page_size(request: HttpRequest) -> int:
    try:
        return max(1, min(MAX_PAGE_SIZE, int(request.GET.get("page_size", PAGE_SIZE))))
    except ValueError:
        return PAGE_SIZE


def catalogue(request: HttpRequest) -> JsonResponse:
    filterset = CatalogueFilter(request.GET, queryset=film_list_published(), request=request)
    if not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors}, status=400)
    paginator = Paginator(film_list_with_cards(filterset.qs), _page_size(request))
    page = paginator.get_page(request.GET.get("page"))
    results = [
        {
            "id": film.pk,
            "title_original": film.title_original,
            "title_en": film.title_en,
            "logline_en": film.logline_en,
            "production_year": film.production_year,
            "runtime_minutes": film.runtime_minutes,
            "producer": film.organization.name,
            "genres": [genre.slug for genre in film.genres.all()],
            "poster": film.poster_images[0].thumbnail.url if film.poster_images else None,
        }
        for film in page.object_list
    ]
    return JsonResponse({"count": paginator.count, "results": results})
