"""A film's record: its fields, credits, languages, countries, companies and search text."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.enums import PRODUCER_KINDS
from accounts.models import Organization
from core.money import money_errors
from core.permissions import require_perm
from core.workflow import audit_record, audit_record_many
from films.enums import CreditRole, ListingStatus
from films.languages import LANGUAGE_CODES
from films.models import Credit, Film, FilmCountry, FilmLanguage, Genre
from films.search import search_documents
from films.selectors import CATALOGUE_ANSWERS
from films.services.media import _image_files_delete
from films.territories import is_country

# Fields of Film a producer sets directly.
FILM_FIELDS = (
    "title_original",
    "title_en",
    "logline_en",
    "logline_zh",
    "synopsis_en",
    "synopsis_zh",
    "film_type",
    "runtime_minutes",
    "production_year",
    "completion_status",
    "trailer_url",
    "screener_url",
    "picture_format",
    "aspect_ratio",
    "sound",
    "domestic_release_date",
    "box_office_amount",
    "box_office_currency",
    "sales_contact_email",
)
# Related data a producer sets with the film, replaced as a whole.
FILM_RELATIONS = (
    "genres",
    "original_languages",
    "subtitle_languages",
    "countries",
    "credits",
    "sales_agent",
    "production_companies",
)


# Films a bulk creation saves per INSERT statement.
FILM_BATCH = 500


def genres_by_slug(*, slugs: Iterable) -> dict[str, Genre]:
    """The genres among ``slugs`` that exist, by slug: one query checks many films' genres."""
    slugs = {str(s) for s in slugs}
    return {genre.slug: genre for genre in Genre.objects.filter(slug__in=slugs)} if slugs else {}


def _validate_relations(data: dict, *, genres: Mapping[str, Genre] | None = None) -> dict:
    """The relations in ``data``, checked. ``genres`` (from ``genres_by_slug``), when given, holds
    every existing genre the data may name, so no query is made for them."""
    errors: dict[str, list[str]] = {}
    clean: dict = {}
    if "genres" in data:
        slugs = [str(s) for s in dict.fromkeys(data["genres"] or [])]
        known = genres_by_slug(slugs=slugs) if genres is None else genres
        genres_found = [known[slug] for slug in slugs if slug in known]
        clean["genres"] = genres_found
        unknown = sorted(set(slugs) - {g.slug for g in genres_found})
        if unknown:
            errors["genres"] = [_("Unknown genre: %(names)s.") % {"names": ", ".join(unknown)}]
    for key in ("original_languages", "subtitle_languages"):
        if key in data:
            codes = list(dict.fromkeys(data[key] or []))
            unknown = sorted(str(c) for c in codes if c not in LANGUAGE_CODES)
            if unknown:
                errors[key] = [_("Unknown language code: %(codes)s.") % {"codes": ", ".join(unknown)}]
            clean[key] = codes
    if "countries" in data:
        codes = [str(c).upper() for c in dict.fromkeys(data["countries"] or [])]
        unknown = sorted(c for c in codes if not is_country(c))
        if unknown:
            errors["countries"] = [_("Unknown country code: %(codes)s.") % {"codes": ", ".join(unknown)}]
        clean["countries"] = codes
    if "credits" in data:
        credits = []
        for i, row in enumerate(data["credits"] or [], start=1):
            role = (row.get("role") or "").strip()
            name = (row.get("name") or "").strip()
            if role not in CreditRole.values:
                errors.setdefault("credits", []).append(
                    _("Row %(n)s: unknown role “%(role)s”.") % {"n": i, "role": role}
                )
            if not name:
                errors.setdefault("credits", []).append(_("Row %(n)s: a name is required.") % {"n": i})
            credits.append(
                Credit(
                    role=role,
                    name=name[:200],
                    name_latin=(row.get("name_latin") or "").strip()[:200],
                    character=(row.get("character") or "").strip()[:200],
                    order=i,
                )
            )
        clean["credits"] = credits
    if "sales_agent" in data:
        agent = data["sales_agent"]
        if agent in (None, ""):
            clean["sales_agent"] = None
        else:
            org = Organization.objects.filter(pk=getattr(agent, "pk", agent), kind__in=PRODUCER_KINDS).first()
            if org is None:
                errors["sales_agent"] = [_("Choose a production company or sales agent on the portal.")]
            clean["sales_agent"] = org
    if "production_companies" in data:
        # Organizations or their ids; one query checks them all.
        ids = list(dict.fromkeys(str(getattr(item, "pk", item)) for item in data["production_companies"] or []))
        companies = []
        if ids:
            if all(i.isdigit() for i in ids):
                companies = list(Organization.objects.filter(pk__in=ids, kind__in=PRODUCER_KINDS))
            if len(companies) != len(ids):
                errors["production_companies"] = [_("Choose production companies or sales agents on the portal.")]
        clean["production_companies"] = companies
    if errors:
        raise ValidationError(errors)
    return clean


def _apply_relations(film: Film, clean: dict) -> None:
    if "genres" in clean:
        film.genres.set(clean["genres"])
    for key, kind in (
        ("original_languages", FilmLanguage.Kind.ORIGINAL),
        ("subtitle_languages", FilmLanguage.Kind.SUBTITLE),
    ):
        if key in clean:
            film.languages.filter(kind=kind).delete()
            FilmLanguage.objects.bulk_create(FilmLanguage(film=film, kind=kind, language=c) for c in clean[key])
    if "countries" in clean:
        film.production_countries.all().delete()
        FilmCountry.objects.bulk_create(FilmCountry(film=film, country=c) for c in clean["countries"])
    if "credits" in clean:
        film.credits.all().delete()
        for credit in clean["credits"]:
            credit.film = film
        Credit.objects.bulk_create(clean["credits"])
    if "production_companies" in clean:
        film.production_companies.set(clean["production_companies"])


def _search_documents_of(film: Film, people: Iterable[tuple[str, str]]) -> tuple[str, str]:
    """The film's search documents from its titles, texts and its credits' (name, Latin name)."""
    return search_documents(
        titles=[film.title_original, film.title_en],
        loglines=[film.logline_en, film.logline_zh, *(name for pair in people for name in pair)],
        synopses=[film.synopsis_en, film.synopsis_zh],
    )


def film_refresh_search(*, film: Film) -> None:
    """Rebuild the film's search documents from its titles, texts and people."""
    search_en, search_cjk = _search_documents_of(film, film.credits.values_list("name", "name_latin"))
    Film.objects.filter(pk=film.pk).update(search_en=search_en, search_cjk=search_cjk)
    film.search_en, film.search_cjk = search_en, search_cjk


def _film_validate(film: Film, data: dict, *, genres: Mapping[str, Genre] | None = None) -> dict:
    """Set ``data``'s fields on ``film`` (unsaved) and check them all at once; returns the checked
    relations for ``_film_write``. Raises one ValidationError naming every bad field.
    ``genres``: as ``_validate_relations`` takes it."""
    unknown = set(data) - set(FILM_FIELDS) - set(FILM_RELATIONS)
    if unknown:
        raise ValidationError({name: [_("This field cannot be set here.")] for name in sorted(unknown)})
    errors: dict[str, list[str]] = {}
    for name in FILM_FIELDS:
        if name in data:
            value = data[name]
            setattr(film, name, value.strip() if isinstance(value, str) else value)
    try:
        # The box-office constraint is checked below with a message naming the field.
        film.full_clean(exclude=["organization", "search_en", "search_cjk", "published_at"], validate_constraints=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if film.box_office_amount is not None and not film.box_office_currency:
        errors.setdefault("box_office_currency", []).append(_("Give the currency of the box office."))
    elif film.box_office_amount is None and film.box_office_currency and "box_office_amount" not in errors:
        errors["box_office_amount"] = [_("Give the amount as well as the currency.")]
    elif (
        film.box_office_amount is not None
        and not errors.keys() & {"box_office_amount", "box_office_currency"}
        # The currency's own decimals (none for JPY or KRW), from core's one list.
        and (problems := money_errors(film.box_office_amount, film.box_office_currency))
    ):
        errors["box_office_amount"] = problems
    try:
        clean = _validate_relations(data, genres=genres)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return clean


def _film_write(film: Film, clean: dict) -> Film:
    """Save the fields ``_film_validate`` set on ``film`` and its checked relations ``clean``."""
    if "sales_agent" in clean:
        film.sales_agent = clean["sales_agent"]
    film.save()
    _apply_relations(film, clean)
    film_refresh_search(film=film)
    CATALOGUE_ANSWERS.invalidate()
    return film


def _film_save(film: Film, data: dict) -> Film:
    return _film_write(film, _film_validate(film, data))


def film_create_allowed(*, organization: Organization, actor) -> None:
    """Raise unless ``actor`` may register films for ``organization``: ``ValidationError``
    (field ``organization``) for a company that holds no films, else ``PermissionDenied``."""
    if organization.kind not in PRODUCER_KINDS:
        raise ValidationError({"organization": [_("Films belong to a production company or sales agent.")]})
    if not (actor.has_perm("accounts.view_organization", organization) and actor.has_perm("films.add_film")):
        raise PermissionDenied(_("You may only register films for your own company."))


@transaction.atomic
def film_create(*, organization: Organization, actor, data: dict) -> Film:
    """Register a film for a producer organization the actor belongs to. Starts as a draft.

    Side effects: an audit event for the new film's listing status, so its timeline starts
    with its creation.
    """
    film_create_allowed(organization=organization, actor=actor)
    film = _film_save(Film(organization=organization), data)
    audit_record(obj=film, actor=actor, from_state="", to_state=film.listing_status, field="listing_status")
    return film


def film_new_check(
    *, organization: Organization, data: dict, genres: Mapping[str, Genre] | None = None
) -> tuple[Film, dict]:
    """A new film of ``organization`` from ``data``, unsaved, and its checked relations, for
    ``film_create_many``: ``film_create``'s own checks, without a query when ``genres`` (from
    ``genres_by_slug``) holds the genres named. Raises one ValidationError naming every bad field."""
    film = Film(organization=organization)
    return film, _film_validate(film, data, genres=genres)


@transaction.atomic
def film_create_many(*, organization: Organization, actor, checked: list[tuple[Film, dict]]) -> list[Film]:
    """Save films ``film_new_check`` made, as ``film_create`` would one by one (the same rows:
    fields, search documents, genres, languages, countries, credits, companies, audit events),
    with a fixed number of queries per ``FILM_BATCH`` films. Returns them, saved, in order.

    Side effects: an audit event per film for its listing status; the catalogue's kept answers
    are stale after commit.
    """
    film_create_allowed(organization=organization, actor=actor)
    films = [film for film, _clean in checked]
    for film, clean in checked:
        if "sales_agent" in clean:
            film.sales_agent = clean["sales_agent"]
        people = [(credit.name, credit.name_latin) for credit in clean.get("credits", [])]
        film.search_en, film.search_cjk = _search_documents_of(film, people)
    Film.objects.bulk_create(films, batch_size=FILM_BATCH)
    genre_rows, language_rows, country_rows, credit_rows, company_rows = [], [], [], [], []
    for film, clean in checked:
        genre_rows += [Film.genres.through(film_id=film.pk, genre_id=genre.pk) for genre in clean.get("genres", [])]
        for key, kind in (
            ("original_languages", FilmLanguage.Kind.ORIGINAL),
            ("subtitle_languages", FilmLanguage.Kind.SUBTITLE),
        ):
            language_rows += [FilmLanguage(film=film, kind=kind, language=code) for code in clean.get(key, [])]
        country_rows += [FilmCountry(film=film, country=code) for code in clean.get("countries", [])]
        for credit in clean.get("credits", []):
            credit.film = film
            credit_rows.append(credit)
        company_rows += [
            Film.production_companies.through(film_id=film.pk, organization_id=company.pk)
            for company in clean.get("production_companies", [])
        ]
    for model, rows in (
        (Film.genres.through, genre_rows),
        (FilmLanguage, language_rows),
        (FilmCountry, country_rows),
        (Credit, credit_rows),
        (Film.production_companies.through, company_rows),
    ):
        model.objects.bulk_create(rows, batch_size=FILM_BATCH * 4)
    # A new film is a draft, as film_create records it.
    audit_record_many(objs=films, actor=actor, from_state="", to_state=ListingStatus.DRAFT, field="listing_status")
    CATALOGUE_ANSWERS.invalidate()
    return films


@transaction.atomic
def film_delete(*, film: Film, actor) -> None:
    """Delete a draft and its image files; raises Http404 when a simultaneous request deleted it
    first (the row lock makes the later requests wait and then find nothing)."""
    require_perm(actor, "films.delete_film", film, _("Only drafts can be deleted."))
    film = Film.objects.select_for_update().filter(pk=film.pk).first()
    if film is None:
        raise Http404
    require_perm(actor, "films.delete_film", film, _("Only drafts can be deleted."))
    for image in film.images.all():
        _image_files_delete(image)
    film.delete()
    CATALOGUE_ANSWERS.invalidate()
