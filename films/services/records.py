"""A film's record: its fields, credits, languages, countries, companies and search text."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.enums import PRODUCER_KINDS
from accounts.models import Organization
from core.money import money_errors
from core.permissions import require_perm
from core.workflow import audit_record
from films.enums import CreditRole
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


def _validate_relations(data: dict) -> dict:
    errors: dict[str, list[str]] = {}
    clean: dict = {}
    if "genres" in data:
        slugs = list(dict.fromkeys(data["genres"] or []))
        genres = list(Genre.objects.filter(slug__in=[str(s) for s in slugs]))
        unknown = sorted(set(map(str, slugs)) - {g.slug for g in genres})
        if unknown:
            errors["genres"] = [_("Unknown genre: %(names)s.") % {"names": ", ".join(unknown)}]
        clean["genres"] = genres
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


def film_refresh_search(*, film: Film) -> None:
    """Rebuild the film's search documents from its titles, texts and people."""
    people = [name for pair in film.credits.values_list("name", "name_latin") for name in pair]
    search_en, search_cjk = search_documents(
        titles=[film.title_original, film.title_en],
        loglines=[film.logline_en, film.logline_zh, *people],
        synopses=[film.synopsis_en, film.synopsis_zh],
    )
    Film.objects.filter(pk=film.pk).update(search_en=search_en, search_cjk=search_cjk)
    film.search_en, film.search_cjk = search_en, search_cjk


def _film_validate(film: Film, data: dict) -> dict:
    """Set ``data``'s fields on ``film`` (unsaved) and check them all at once; returns the checked
    relations for ``_film_write``. Raises one ValidationError naming every bad field."""
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
        clean = _validate_relations(data)
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


@transaction.atomic
def film_create(*, organization: Organization, actor, data: dict) -> Film:
    """Register a film for a producer organization the actor belongs to. Starts as a draft.

    Side effects: an audit event for the new film's listing status, so its timeline starts
    with its creation.
    """
    if organization.kind not in PRODUCER_KINDS:
        raise ValidationError({"organization": [_("Films belong to a production company or sales agent.")]})
    if not (actor.has_perm("accounts.view_organization", organization) and actor.has_perm("films.add_film")):
        raise PermissionDenied(_("You may only register films for your own company."))
    film = _film_save(Film(organization=organization), data)
    audit_record(obj=film, actor=actor, from_state="", to_state=film.listing_status, field="listing_status")
    return film


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
