"""The benchmark's own views: the floor endpoint of the HTTP mode, and the stand-in catalogue,
used only while neither /api/v1/films/ nor /films/ answers.

The stand-in reads the catalogue exactly as the page and the API are meant to: ``CatalogueFilter``
over ``film_list_published``, then one page of ``film_list_with_cards``, returned as JSON.
"""

import functools
import json
import os

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse

from films.filters import CatalogueFilter
from films.selectors import film_list_published, film_list_with_cards
from portal.bench.measure import Floor

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


@functools.cache
def _floors() -> dict[str, Floor]:
    """The captured floors, read once per process from the file ``manage.py bench`` wrote."""
    path = os.environ.get("BENCH_FLOOR_FILE")
    if not path:
        return {}
    with open(path, encoding="utf-8") as file:
        return {key: Floor(statements=f["statements"], body=f["body"]) for key, f in json.load(file).items()}


def floor(request: HttpRequest, key: str) -> HttpResponse:
    """One request type's floor over HTTP: its API request's statements replayed through the raw
    cursor, every row fetched, and its answer encoded as the API encodes it."""
    captured = _floors().get(key)
    if captured is None:
        raise Http404(key)
    captured.run()
    return HttpResponse(captured.encoded(), content_type="application/json")
