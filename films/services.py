"""Writes for films: records, credits, media, rights, listing review, shortlists, import."""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from accounts.enums import PRODUCER_KINDS
from accounts.models import Organization
from accounts.selectors import organization_contacts, user_list_agency_admins
from core.models import AuditEvent
from core.workflow import TransitionError, audit_record, transition_apply
from films import tasks
from films.enums import (
    LISTING_TRANSITIONS,
    CompletionStatus,
    CreditRole,
    FilmType,
    ImageKind,
    ListingStatus,
    RightsMedia,
    RightsStatus,
)
from films.images import image_check
from films.languages import LANGUAGE_CODES
from films.models import Credit, Film, FilmCountry, FilmImage, FilmLanguage, FilmRight, Genre, Shortlist, ShortlistItem
from films.search import search_documents
from films.selectors import CATALOGUE_ANSWERS
from films.territories import is_country, territory_expand

logger = logging.getLogger(__name__)

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


def _require(actor, perm: str, obj=None, message: str | None = None) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(message or _("You may not make this change."))


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
    people = list(film.credits.values_list("name", "name_latin"))
    texts = [film.title_original, film.title_en, film.logline_en, film.logline_zh, film.synopsis_en, film.synopsis_zh]
    texts += [name for pair in people for name in pair]
    search_en, search_cjk = search_documents(*texts)
    Film.objects.filter(pk=film.pk).update(search_en=search_en, search_cjk=search_cjk)
    film.search_en, film.search_cjk = search_en, search_cjk


def _film_save(film: Film, data: dict) -> Film:
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
    try:
        clean = _validate_relations(data)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    if "sales_agent" in clean:
        film.sales_agent = clean["sales_agent"]
    film.save()
    _apply_relations(film, clean)
    film_refresh_search(film=film)
    CATALOGUE_ANSWERS.invalidate()
    return film


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
def film_update(*, film: Film, actor, data: dict) -> Film:
    """Change a film's record. A published film stays published; its changes show at once."""
    _require(actor, "films.change_film", film)
    film = Film.objects.select_for_update().get(pk=film.pk)
    return _film_save(film, data)


@transaction.atomic
def film_delete(*, film: Film, actor) -> None:
    _require(actor, "films.delete_film", film, _("Only drafts can be deleted."))
    for image in film.images.all():
        _image_files_delete(image)
    film.delete()
    CATALOGUE_ANSWERS.invalidate()


# --- Media -----------------------------------------------------------------------------


def _image_files_delete(image: FilmImage) -> None:
    for field in (image.original, image.display, image.thumbnail):
        if field:
            field.delete(save=False)


@transaction.atomic
def film_image_add(*, film: Film, actor, upload, kind: str = ImageKind.POSTER, caption: str = "") -> FilmImage:
    """Check an uploaded poster or still and store it with its resized copies.

    A new poster replaces the old one (whose files are removed). Nothing is stored when the
    file is refused.
    """
    _require(actor, "films.change_film", film)
    if kind not in ImageKind.values:
        raise ValidationError({"kind": [_("Choose poster or still.")]})
    checked = image_check(upload)
    image = FilmImage(film=film, kind=kind, width=checked.width, height=checked.height, caption=caption[:200])
    image.original.save(checked.original.name, checked.original, save=False)
    image.display.save(checked.display.name, checked.display, save=False)
    image.thumbnail.save(checked.thumbnail.name, checked.thumbnail, save=False)
    if kind == ImageKind.POSTER:
        for old in film.images.filter(kind=ImageKind.POSTER):
            _image_files_delete(old)
            old.delete()
    image.save()
    CATALOGUE_ANSWERS.invalidate()
    return image


@transaction.atomic
def film_image_delete(*, image: FilmImage, actor) -> None:
    _require(actor, "films.change_film", image.film)
    _image_files_delete(image)
    image.delete()
    CATALOGUE_ANSWERS.invalidate()


# --- Rights ----------------------------------------------------------------------------


def _parse_term(value, field: str, row: int, errors: list[str]) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    parsed = parse_date(str(value))
    if parsed is None:
        errors.append(_("Row %(n)s: %(field)s is not a date (YYYY-MM-DD).") % {"n": row, "field": field})
    return parsed


def rights_rows_expand(rows: Iterable[dict]) -> list[FilmRight]:
    """Validate rights rows and expand regions and "all media" into grid cells.

    Each row: ``territory`` (country code or region name), ``media`` (one value, a list, or
    "all"), ``status``, and optionally ``holder``, ``term_start``, ``term_end``, ``except``
    (territories to leave out). Raises ValidationError with one message per bad row, naming
    it; cells that two rows both cover for overlapping terms are refused as overlapping.
    """
    errors: list[str] = []
    cells: list[FilmRight] = []
    seen: dict[tuple[str, str], list[tuple[date | None, date | None, int]]] = {}
    for n, row in enumerate(rows, start=1):
        territory = str(row.get("territory") or "").strip()
        countries = territory_expand(territory)
        if not countries:
            errors.append(_("Row %(n)s: unknown territory “%(t)s”.") % {"n": n, "t": territory})
            continue
        excluded: set[str] = set()
        for other in row.get("except") or []:
            expanded = territory_expand(str(other))
            if not expanded:
                errors.append(_("Row %(n)s: unknown territory “%(t)s”.") % {"n": n, "t": other})
            excluded.update(expanded)
        media = row.get("media")
        media_list = (
            RightsMedia.values if media in ("all", None, "") else ([media] if isinstance(media, str) else media)
        )
        bad_media = [m for m in media_list if m not in RightsMedia.values]
        if bad_media:
            errors.append(_("Row %(n)s: unknown media “%(m)s”.") % {"n": n, "m": ", ".join(map(str, bad_media))})
            continue
        status = row.get("status") or RightsStatus.AVAILABLE
        if status not in RightsStatus.values:
            errors.append(_("Row %(n)s: unknown status “%(s)s”.") % {"n": n, "s": status})
            continue
        start = _parse_term(row.get("term_start"), "term_start", n, errors)
        end = _parse_term(row.get("term_end"), "term_end", n, errors)
        if start and end and end < start:
            errors.append(_("Row %(n)s: the term ends before it starts.") % {"n": n})
            continue
        holder = str(row.get("holder") or "").strip()[:200]
        for country in countries:
            if country in excluded:
                continue
            for medium in media_list:
                key = (country, medium)
                for other_start, other_end, other_n in seen.get(key, []):
                    if (end is None or other_start is None or other_start <= end) and (
                        start is None or other_end is None or start <= other_end
                    ):
                        errors.append(
                            _("Row %(n)s overlaps row %(m)s for %(country)s, %(media)s.")
                            % {"n": n, "m": other_n, "country": country, "media": RightsMedia(medium).label}
                        )
                        break
                else:
                    seen.setdefault(key, []).append((start, end, n))
                    cells.append(
                        FilmRight(
                            territory=country,
                            media=medium,
                            status=status,
                            holder=holder,
                            term_start=start,
                            term_end=end,
                        )
                    )
    if errors:
        # One overlap message per pair of rows is enough.
        raise ValidationError({"rights": list(dict.fromkeys(errors))})
    return cells


@transaction.atomic
def film_rights_replace(*, film: Film, actor, rows: list[dict]) -> int:
    """Replace a film's whole rights grid with ``rows`` (see ``rights_rows_expand``).

    All or nothing: on any bad row nothing changes. Returns the number of grid cells stored.
    """
    _require(actor, "films.change_film", film)
    Film.objects.select_for_update().filter(pk=film.pk).first()
    cells = rights_rows_expand(rows)
    film.rights.all().delete()
    for cell in cells:
        cell.film = film
    FilmRight.objects.bulk_create(cells, batch_size=2000)
    CATALOGUE_ANSWERS.invalidate()
    return len(cells)


def rights_quick_rows(*, action: str, media: list[str] | None = None, exclude: list[str] | None = None) -> list[dict]:
    """Rows for the rights grid's quick actions, e.g. available worldwide for all media except China."""
    if action == "worldwide_available":
        return [{"territory": "worldwide", "media": media or "all", "status": "available", "except": exclude or []}]
    raise ValidationError({"action": [_("Unknown quick action.")]})


# --- Listing review --------------------------------------------------------------------


def film_missing_for_review(*, film: Film) -> list[str]:
    """What a film still lacks before it can be submitted for review (empty when complete)."""
    return film_missing_from_facts(
        film=film,
        has_poster=film.images.filter(kind=ImageKind.POSTER).exists(),
        has_director=film.credits.filter(role=CreditRole.DIRECTOR).exists(),
        has_rights=film.rights.exists(),
    )


def film_missing_from_facts(*, film: Film, has_poster: bool, has_director: bool, has_rights: bool) -> list[str]:
    """``film_missing_for_review`` with the related facts already known (e.g. annotated on a list
    by ``selectors.film_list_with_review_facts``), so a list costs no query per film."""
    missing = []
    if not film.title_en.strip():
        missing.append(_("an English title"))
    if not film.synopsis_en.strip():
        missing.append(_("an English synopsis"))
    if not has_poster:
        missing.append(_("a poster"))
    if not film.runtime_minutes:
        missing.append(_("the runtime"))
    if not film.production_year:
        missing.append(_("the production year"))
    if not has_director:
        missing.append(_("a director in the credits"))
    if not has_rights:
        missing.append(_("at least one rights row"))
    return missing


def _listing_side_effects(film: Film, event) -> None:
    CATALOGUE_ANSWERS.invalidate()
    tasks.notify_listing_change.delay(event_id=event.pk)


def film_transition(*, film: Film, to: str, actor, note: str = "") -> Film:
    """Move a film's catalogue listing.

    ``draft → pending_review → published | changes_requested``, ``changes_requested →
    pending_review``, ``published → withdrawn → pending_review``. Moving into review checks
    completeness and names everything missing. Publishing stamps ``published_at``.
    Side effects: row lock, audit event; after commit a task mails agency admins of a
    submission and the producer's members of a decision.
    """
    if to == ListingStatus.PENDING_REVIEW:
        missing = film_missing_for_review(film=film)
        if missing:
            raise TransitionError(
                {"to": [_("The film is not complete. Missing: %(items)s.") % {"items": ", ".join(missing)}]}
            )

    def stamp(locked: Film, move) -> list[str]:
        if move.target == ListingStatus.PUBLISHED:
            locked.published_at = timezone.now()
            return ["published_at"]
        return []

    return transition_apply(
        obj=film,
        to=to,
        actor=actor,
        note=note,
        table=LISTING_TRANSITIONS,
        field="listing_status",
        on_commit=_listing_side_effects,
        extra_updates=stamp,
    )


def _mail(*, user, subject: str, template: str, context: dict) -> None:
    with translation.override(user.language or settings.LANGUAGE_CODE):
        body = render_to_string(template, {**context, "user": user, "site_url": settings.SITE_URL})
        send_mail(str(subject), body, None, [user.email])


def film_notify_listing_change(*, event_id: int) -> int:
    """Mail the people a listing move concerns; returns how many were mailed."""
    event = AuditEvent.objects.filter(pk=event_id).first()
    film = Film.objects.filter(pk=event.object_id).select_related("organization").first() if event else None
    if event is None or film is None:
        logger.info("listing event %s or its film is gone; nothing to send", event_id)
        return 0
    if event.to_state == ListingStatus.PENDING_REVIEW:
        recipients = list(user_list_agency_admins())
    elif event.to_state in (ListingStatus.PUBLISHED, ListingStatus.CHANGES_REQUESTED, ListingStatus.WITHDRAWN):
        recipients = [u for u in organization_contacts(organization=film.organization) if u.pk != event.actor_id]
    else:
        return 0
    for user in recipients:
        with translation.override(user.language or settings.LANGUAGE_CODE):
            subject = _listing_subject(event.to_state) % {"title": str(film)}
        _mail(
            user=user,
            subject=subject,
            template="films/email/listing_change.txt",
            context={"film": film, "event": event},
        )
    return len(recipients)


def _listing_subject(status: str) -> str:
    return {
        ListingStatus.PENDING_REVIEW: _("%(title)s waits for catalogue review"),
        ListingStatus.PUBLISHED: _("%(title)s is published in the catalogue"),
        ListingStatus.CHANGES_REQUESTED: _("%(title)s: changes requested before publication"),
        ListingStatus.WITHDRAWN: _("%(title)s was withdrawn from the catalogue"),
    }[status]


# --- Shortlists ------------------------------------------------------------------------


def shortlist_create(*, owner, name: str) -> Shortlist:
    _require(owner, "films.add_shortlist", None, _("Only verified buyers keep shortlists."))
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Give the list a name.")]})
    if Shortlist.objects.filter(owner=owner, name__iexact=name).exists():
        raise ValidationError({"name": [_("You already have a list with this name.")]})
    return Shortlist.objects.create(owner=owner, name=name[:120])


def shortlist_rename(*, shortlist: Shortlist, actor, name: str) -> Shortlist:
    _require(actor, "films.change_shortlist", shortlist)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Give the list a name.")]})
    if Shortlist.objects.filter(owner=shortlist.owner, name__iexact=name).exclude(pk=shortlist.pk).exists():
        raise ValidationError({"name": [_("You already have a list with this name.")]})
    shortlist.name = name[:120]
    shortlist.save(update_fields=["name", "updated_at"])
    return shortlist


def shortlist_delete(*, shortlist: Shortlist, actor) -> None:
    _require(actor, "films.delete_shortlist", shortlist)
    shortlist.delete()


def shortlist_add_film(*, shortlist: Shortlist, actor, film: Film) -> ShortlistItem:
    _require(actor, "films.change_shortlist", shortlist)
    if not film.is_published:
        raise ValidationError({"film": [_("Only films in the catalogue can be shortlisted.")]})
    item, _created = ShortlistItem.objects.get_or_create(shortlist=shortlist, film=film)
    return item


def shortlist_remove_film(*, shortlist: Shortlist, actor, film: Film) -> None:
    _require(actor, "films.change_shortlist", shortlist)
    ShortlistItem.objects.filter(shortlist=shortlist, film=film).delete()


# --- CSV import ------------------------------------------------------------------------

IMPORT_COLUMNS = [
    "title_original",
    "title_en",
    "film_type",
    "production_year",
    "runtime_minutes",
    "completion_status",
    "genres",
    "original_languages",
    "subtitle_languages",
    "countries",
    "director",
    "logline_en",
    "logline_zh",
    "synopsis_en",
    "synopsis_zh",
    "trailer_url",
    "box_office_amount",
    "box_office_currency",
]
IMPORT_EXAMPLE = {
    "title_original": "山河故人",
    "title_en": "Mountains May Depart",
    "film_type": FilmType.FEATURE_FICTION,
    "production_year": "2024",
    "runtime_minutes": "126",
    "completion_status": CompletionStatus.RELEASED,
    "genres": "drama;romance",
    "original_languages": "cmn",
    "subtitle_languages": "en;fr",
    "countries": "CN;FR",
    "director": "贾樟柯|Jia Zhangke",
    "logline_en": "Three lives across three decades.",
    "logline_zh": "跨越三十年的三个人生。",
    "synopsis_en": "",
    "synopsis_zh": "",
    "trailer_url": "https://example.org/trailer",
    "box_office_amount": "32000000",
    "box_office_currency": "CNY",
}
MAX_IMPORT_ROWS = 2000


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").replace(",", ";").split(";") if part.strip()]


def _import_row_data(row: dict) -> dict:
    data = {k: (row.get(k) or "").strip() for k in IMPORT_COLUMNS}
    out: dict = {
        key: data[key]
        for key in (
            "title_original",
            "title_en",
            "film_type",
            "completion_status",
            "logline_en",
            "logline_zh",
            "synopsis_en",
            "synopsis_zh",
            "trailer_url",
            "box_office_currency",
        )
    }
    if not out["film_type"]:
        out["film_type"] = FilmType.FEATURE_FICTION
    if not out["completion_status"]:
        out["completion_status"] = CompletionStatus.COMPLETED
    errors: dict[str, list[str]] = {}
    for key in ("production_year", "runtime_minutes"):
        if data[key]:
            try:
                out[key] = int(data[key])
            except ValueError:
                errors[key] = [_("Enter a whole number.")]
    if data["box_office_amount"]:
        try:
            out["box_office_amount"] = Decimal(data["box_office_amount"])
        except InvalidOperation:
            errors["box_office_amount"] = [_("Enter a number.")]
    out["genres"] = _split(data["genres"])
    out["original_languages"] = _split(data["original_languages"])
    out["subtitle_languages"] = _split(data["subtitle_languages"])
    out["countries"] = _split(data["countries"])
    credits = []
    for person in _split(data["director"]):
        name, _sep, latin = person.partition("|")
        credits.append({"role": CreditRole.DIRECTOR, "name": name.strip(), "name_latin": latin.strip()})
    out["credits"] = credits
    if errors:
        raise ValidationError(errors)
    return out


def film_import_csv(*, organization: Organization, actor, upload) -> list[Film]:
    """Create one draft film per CSV row, all or nothing.

    Raises ``ValidationError({"rows": [...]})`` with a message per bad row (row numbers as a
    spreadsheet shows them, the header being row 1) and saves nothing then.
    """
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError({"file": [_("The file is not UTF-8 text.")]}) from exc
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "title_original" not in reader.fieldnames:
        raise ValidationError({"file": [_("The first row must name the columns; see the template.")]})
    unknown = [c for c in reader.fieldnames if c and c.strip() not in IMPORT_COLUMNS]
    if unknown:
        raise ValidationError({"file": [_("Unknown columns: %(cols)s.") % {"cols": ", ".join(unknown)}]})
    rows = list(reader)
    if not rows:
        raise ValidationError({"file": [_("The file has no films in it.")]})
    if len(rows) > MAX_IMPORT_ROWS:
        raise ValidationError({"file": [_("At most %(n)s films per file.") % {"n": MAX_IMPORT_ROWS}]})
    problems: list[str] = []
    films: list[Film] = []
    with transaction.atomic():
        for number, row in enumerate(rows, start=2):
            try:
                with transaction.atomic():
                    films.append(film_create(organization=organization, actor=actor, data=_import_row_data(row)))
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    problems.append(
                        _("Row %(n)s, %(field)s: %(msg)s") % {"n": number, "field": field, "msg": " ".join(messages)}
                    )
        if problems:
            transaction.set_rollback(True)
    if problems:
        raise ValidationError({"rows": problems})
    return films


def import_template_csv() -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=IMPORT_COLUMNS)
    writer.writeheader()
    writer.writerow(IMPORT_EXAMPLE)
    return out.getvalue()
