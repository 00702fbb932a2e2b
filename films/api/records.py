"""How the API renders a film: a public card or a full record, as plain dictionaries.

A film is a ``Film`` (one record, a producer's or an admin's list) or a catalogue page's
``films.listing.CatalogueFilm`` (plain values); both read alike here.

The serializers in ``films.api.serializers`` describe these shapes (and validate what producers write);
rendering a page of films through DRF's field machinery cost more than the rest of the request
together, so reading goes through these functions instead, with the same output field for
field (tests/films/test_records.py holds them to DRF's own rendering). Permission answers come
from one ``FilmPermissions`` per request, so a page costs a handful of rule evaluations.
"""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage, default_storage
from django.utils import timezone
from django.utils.encoding import filepath_to_uri
from rest_framework import serializers

from films import selectors, services
from films.enums import LISTING_TRANSITIONS, ImageKind
from films.listing import CatalogueFilm
from films.models import Film, PosterFiles
from films.rules import FilmPermissions

ACCESS_FULL = "full"
ACCESS_PUBLIC = "public"

_amount = Film._meta.get_field("box_office_amount")
_DATETIME = serializers.DateTimeField()
_DATE = serializers.DateField()
_MONEY = serializers.DecimalField(max_digits=_amount.max_digits, decimal_places=_amount.decimal_places)


def _datetime(value, request) -> str | None:
    """As DRF's ``DateTimeField`` writes it (ISO 8601 in the active time zone, "Z" for UTC), with
    the time zone looked up once a request rather than three times a film."""
    if value is None:
        return None
    zone = getattr(request, "_film_time_zone", None)
    if zone is None:
        zone = _DATETIME.default_timezone()
        if request is not None and zone is not None:
            request._film_time_zone = zone
    if zone is None or timezone.is_naive(value):
        return _DATETIME.to_representation(value)
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


class MediaUrls:
    """Absolute addresses of stored files, from one origin per request: ``build_absolute_uri``
    checks the host on every call, which a page of posters would pay fifty times over."""

    def __init__(self, request) -> None:
        self.origin = request.build_absolute_uri("/")[:-1] if request is not None else ""
        # Files on the server's own disk are at the storage's base address plus their quoted
        # name (what FileSystemStorage.url does, less a urljoin per file); other storages say.
        storage = getattr(default_storage, "_wrapped", default_storage)
        base = storage.base_url if isinstance(storage, FileSystemStorage) else None
        self.base = self.origin + base if base and base.startswith("/") and base.endswith("/") else None

    def url(self, name: str) -> str | None:
        if not name:
            return None
        if self.base is not None and not name.startswith(("/", "\\")):
            return self.base + filepath_to_uri(name)
        url = default_storage.url(name)
        return self.origin + url if url.startswith("/") and not url.startswith("//") else url


def media_urls(request) -> MediaUrls:
    """The request's ``MediaUrls``, made once."""
    urls = getattr(request, "_film_media_urls", None)
    if urls is None:
        urls = MediaUrls(request)
        if request is not None:
            request._film_media_urls = urls
    return urls


def poster_data(poster: PosterFiles | None, *, request) -> dict | None:
    if poster is None:
        return None
    urls = media_urls(request)
    return {
        "original": urls.url(poster.original),
        "display": urls.url(poster.display),
        "thumbnail": urls.url(poster.thumbnail),
        "width": poster.width,
        "height": poster.height,
    }


def _poster(film) -> PosterFiles | None:
    if isinstance(film, Film) and getattr(film, "poster_images", None) is None:
        # A single film not read through selectors.film_list_with_cards (e.g. after a transition).
        return PosterFiles.of(film.images.filter(kind=ImageKind.POSTER).order_by("-id").first())
    return film.card_poster


def _genres(film) -> list[str]:
    return [genre.slug for genre in film.card_genres]


def _organization_name(film) -> str:
    return film.organization_name if isinstance(film, CatalogueFilm) else film.organization.name


def _details(film: Film | CatalogueFilm) -> selectors.FilmDetails:
    if not hasattr(film, "details"):
        # One film rendered on its own (a detail, a write, a transition): one query.
        selectors.film_details_attach([film])
    return film.details


def film_card(film: Film | CatalogueFilm, *, request, permissions: FilmPermissions) -> dict:
    """What anyone may see of a published film."""
    return {
        "id": film.pk,
        "access": ACCESS_PUBLIC,
        "title_original": film.title_original,
        "title_en": film.title_en,
        "logline_en": film.logline_en,
        "logline_zh": film.logline_zh,
        "film_type": film.film_type,
        "genres": _genres(film),
        "production_year": film.production_year,
        "runtime_minutes": film.runtime_minutes,
        "poster": poster_data(_poster(film), request=request),
        "status": film.listing_status,
        **_transitions(film, permissions),
    }


def _transitions(film: Film | CatalogueFilm, permissions: FilmPermissions) -> dict:
    choices = LISTING_TRANSITIONS.choices_for(
        obj=film, user=permissions.user, field="listing_status", has_perm=permissions.has_perm
    )
    return {
        "allowed_transitions": [move.target for move in choices.allowed],
        "blocked_transitions": [{"to": b.target, "reasons": list(b.reasons)} for b in choices.blocked],
    }


def film_full(film: Film | CatalogueFilm, *, request, permissions: FilmPermissions) -> dict:
    """A film's full record: for its producer's members, agency admins and verified buyers."""
    details = _details(film)
    editor = permissions.has_perm("films.change_film", film)
    sees_screener = editor or permissions.has_perm("films.review_film", film)
    missing = None
    if editor:
        if hasattr(film, "review_has_rights"):
            missing = services.film_missing_from_facts(
                film=film,
                has_poster=film.review_has_poster,
                has_director=film.review_has_director,
                has_rights=film.review_has_rights,
            )
        else:
            missing = services.film_missing_for_review(film=film)
    return {
        "id": film.pk,
        "access": ACCESS_FULL,
        "organization": film.organization_id,
        "organization_name": _organization_name(film),
        "title_original": film.title_original,
        "title_en": film.title_en,
        "logline_en": film.logline_en,
        "logline_zh": film.logline_zh,
        "synopsis_en": film.synopsis_en,
        "synopsis_zh": film.synopsis_zh,
        "film_type": film.film_type,
        "genres": _genres(film),
        "production_year": film.production_year,
        "runtime_minutes": film.runtime_minutes,
        "completion_status": film.completion_status,
        "original_languages": list(details.original_languages),
        "subtitle_languages": list(details.subtitle_languages),
        "countries": list(details.countries),
        "credits": [
            {"role": c.role, "name": c.name, "name_latin": c.name_latin, "character": c.character}
            for c in details.credits
        ],
        "sales_agent": film.sales_agent_id,
        "production_companies": list(details.production_companies),
        "trailer_url": film.trailer_url,
        "screener_url": film.screener_url if sees_screener else None,
        "picture_format": film.picture_format,
        "aspect_ratio": film.aspect_ratio,
        "sound": film.sound,
        "domestic_release_date": (
            _DATE.to_representation(film.domestic_release_date) if film.domestic_release_date else None
        ),
        "box_office_amount": (
            _MONEY.to_representation(film.box_office_amount) if film.box_office_amount is not None else None
        ),
        "box_office_currency": film.box_office_currency,
        "sales_contact_email": film.sales_contact_email,
        "poster": poster_data(_poster(film), request=request),
        "status": film.listing_status,
        **_transitions(film, permissions),
        "missing_for_review": missing,
        "published_at": _datetime(film.published_at, request),
        "created_at": _datetime(film.created_at, request),
        "updated_at": _datetime(film.updated_at, request),
    }


def film_record(film: Film | CatalogueFilm, *, request, permissions: FilmPermissions) -> dict:
    """The full record for a user who may see it, the public card otherwise."""
    if permissions.has_perm("films.view_full_film", film):
        return film_full(film, request=request, permissions=permissions)
    return film_card(film, request=request, permissions=permissions)
