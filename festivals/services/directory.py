"""The directory: festivals, their editions and sections, and deadlines in the festival's own zone.

Every festival, edition or deadline write makes the kept public deadline feeds
(``festivals.ics``) stale once it commits."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from core.money import Money, money_parse
from core.permissions import require_perm
from festivals.enums import DEADLINE_ORDER, DeadlineKind, FestivalFocus
from festivals.models import Deadline, Festival, FestivalEdition, FestivalFocusTag, Section
from festivals.selectors import CALENDAR_FEEDS
from festivals.services.common import (
    EDITION_FIELDS,
    FESTIVAL_FIELDS,
    SECTION_FIELDS,
    assign_fields,
    save_unique,
)
from festivals.zones import zone_named, zone_names
from films.enums import FilmType

# --- Directory: festivals -------------------------------------------------------------------


def _festival_save(festival: Festival, data: dict) -> Festival:
    errors = assign_fields(festival, data, FESTIVAL_FIELDS, extra=("focus",))
    focus = None
    if "focus" in data:
        focus = list(dict.fromkeys(str(f) for f in data["focus"] or []))
        unknown = [f for f in focus if f not in FestivalFocus.values]
        if unknown:
            errors["focus"] = [_("Unknown focus: %(names)s.") % {"names": ", ".join(unknown)}]
    duplicate_message = _("A festival of this name in this country is already in the directory.")
    if (
        "name_en" not in errors
        and "country" not in errors
        and Festival.objects.filter(name_en__iexact=festival.name_en, country=festival.country)
        .exclude(pk=festival.pk)
        .exists()
    ):
        errors["name_en"] = [duplicate_message]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        save_unique(festival, "name_en", duplicate_message)
        if focus is not None:
            festival.focus_tags.exclude(focus__in=focus).delete()
            have = set(festival.focus_tags.values_list("focus", flat=True))
            FestivalFocusTag.objects.bulk_create(
                FestivalFocusTag(festival=festival, focus=f) for f in focus if f not in have
            )
    CALENDAR_FEEDS.invalidate()
    return festival


def festival_create(*, actor, data: dict) -> Festival:
    """Add a festival to the directory (unvetted). ``data`` holds ``FESTIVAL_FIELDS`` and
    optionally ``focus`` (a list of ``FestivalFocus`` values)."""
    require_perm(actor, "festivals.add_festival")
    return _festival_save(Festival(), data)


def festival_update(*, festival: Festival, actor, data: dict) -> Festival:
    """Change the fields given; ``focus``, when given, replaces the festival's focus as a whole."""
    require_perm(actor, "festivals.change_festival", festival)
    return _festival_save(festival, data)


def festival_verify(*, festival: Festival, actor) -> Festival:
    """Mark the festival as vetted by the agency, by ``actor``, now."""
    require_perm(actor, "festivals.change_festival", festival)
    festival.verified = True
    festival.verified_at = timezone.now()
    festival.verified_by = actor
    festival.save(update_fields=["verified", "verified_at", "verified_by", "updated_at"])
    return festival


# --- Directory: editions and sections -------------------------------------------------------


def _edition_save(edition: FestivalEdition, data: dict) -> FestivalEdition:
    errors = assign_fields(edition, data, EDITION_FIELDS)
    if edition.time_zone and edition.time_zone not in zone_names():
        errors["time_zone"] = [
            _("“%(value)s” is not a known time zone; give an IANA name such as Europe/Paris.")
            % {"value": edition.time_zone}
        ]
    starts, ends = edition.starts_on, edition.ends_on
    opens, notifies = edition.submissions_open_on, edition.notification_on
    if isinstance(starts, date) and isinstance(ends, date) and ends < starts:
        errors.setdefault("ends_on", []).append(_("The edition cannot close before it opens."))
    if isinstance(opens, date) and isinstance(starts, date) and opens > starts:
        errors.setdefault("submissions_open_on", []).append(_("Submissions must open before the edition opens."))
    if isinstance(notifies, date):
        if isinstance(opens, date) and notifies < opens:
            errors.setdefault("notification_on", []).append(_("Films cannot be notified before submissions open."))
        if isinstance(ends, date) and notifies > ends:
            errors.setdefault("notification_on", []).append(_("Films must be notified before the edition closes."))
    duplicate_message = _("This festival already has an edition in this year.")
    if (
        "year" not in errors
        and FestivalEdition.objects.filter(festival_id=edition.festival_id, year=edition.year)
        .exclude(pk=edition.pk)
        .exists()
    ):
        errors["year"] = [duplicate_message]
    if errors:
        raise ValidationError(errors)
    save_unique(edition, "year", duplicate_message)
    CALENDAR_FEEDS.invalidate()
    return edition


def edition_create(*, festival: Festival, actor, data: dict) -> FestivalEdition:
    """Add an edition to a festival: ``year``, ``starts_on``, ``ends_on``, ``time_zone`` (IANA)
    and optionally the submission opening and notification dates."""
    require_perm(actor, "festivals.add_festivaledition")
    return _edition_save(FestivalEdition(festival=festival), data)


def edition_update(*, edition: FestivalEdition, actor, data: dict) -> FestivalEdition:
    require_perm(actor, "festivals.change_festivaledition", edition)
    return _edition_save(edition, data)


def _section_save(section: Section, data: dict) -> Section:
    if "accepted_types" in data:
        data = {**data, "accepted_types": list(dict.fromkeys(str(t) for t in data["accepted_types"] or []))}
    errors = assign_fields(section, data, SECTION_FIELDS)
    unknown = [t for t in section.accepted_types or [] if t not in FilmType.values]
    if unknown:
        errors["accepted_types"] = [_("Unknown film type: %(names)s.") % {"names": ", ".join(unknown)}]
    low, high = section.runtime_min, section.runtime_max
    if isinstance(low, int) and isinstance(high, int) and high < low:
        errors.setdefault("runtime_max", []).append(_("The longest runtime cannot be shorter than the shortest."))
    duplicate_message = _("This edition already has a section of this name.")
    if (
        "name_en" not in errors
        and Section.objects.filter(edition_id=section.edition_id, name_en__iexact=section.name_en)
        .exclude(pk=section.pk)
        .exists()
    ):
        errors["name_en"] = [duplicate_message]
    if errors:
        raise ValidationError(errors)
    save_unique(section, "name_en", duplicate_message)
    return section


def section_create(*, edition: FestivalEdition, actor, data: dict) -> Section:
    """Add a section to an edition. ``accepted_types`` lists ``FilmType`` values (empty: every type)."""
    require_perm(actor, "festivals.add_section")
    return _section_save(Section(edition=edition), data)


def section_update(*, section: Section, actor, data: dict) -> Section:
    require_perm(actor, "festivals.change_section", section)
    return _section_save(section, data)


def _deadline_moment(value, zone: zoneinfo.ZoneInfo) -> datetime | None:
    if isinstance(value, str):
        value = parse_datetime(value.strip())
    if not isinstance(value, datetime):
        return None
    # A moment without a zone is read in the festival's own zone: "23:59" means 23:59 there.
    return value.replace(tzinfo=zone) if timezone.is_naive(value) else value


def edition_deadlines_replace(*, edition: FestivalEdition, actor, deadlines: list[dict]) -> list[Deadline]:
    """Replace the edition's deadlines as a whole, all or nothing.

    Each row: ``kind`` (early, regular, late, final), ``closes_at`` (an aware datetime, or a
    naive one read in the edition's zone), and optionally the fee: ``fee`` as ``Money``, or
    ``fee_amount`` with ``fee_currency`` (checked by core.money: a currency of the one list,
    no more decimals than it has).
    The kinds given must close in the order early < regular < late < final. Every problem is
    reported under ``deadlines`` with its row number; nothing is saved then.
    """
    require_perm(actor, "festivals.change_festivaledition", edition)
    zone = zone_named(edition.time_zone)
    problems: list[str] = []
    rows: list[tuple[int, Deadline]] = []
    seen: dict[str, int] = {}
    for n, row in enumerate(deadlines or [], start=1):
        kind = str(row.get("kind") or "").strip()
        if kind not in DEADLINE_ORDER:
            problems.append(
                _("Row %(n)s: unknown deadline “%(kind)s”; use early, regular, late or final.") % {"n": n, "kind": kind}
            )
        elif kind in seen:
            problems.append(
                _("Row %(n)s: the %(kind)s deadline is already given in row %(m)s.")
                % {"n": n, "kind": DeadlineKind(kind).label.lower(), "m": seen[kind]}
            )
        else:
            seen[kind] = n
        closes_at = _deadline_moment(row.get("closes_at"), zone)
        if closes_at is None:
            problems.append(_("Row %(n)s: give the date and time the deadline closes.") % {"n": n})
        fee = row.get("fee")
        amount, currency = (
            (fee.amount, fee.currency) if isinstance(fee, Money) else (row.get("fee_amount"), row.get("fee_currency"))
        )
        try:
            fee = money_parse(amount, currency)
        except ValidationError as exc:
            fee = None
            problems.extend(_("Row %(n)s, fee: %(problem)s") % {"n": n, "problem": problem} for problem in exc.messages)
        if seen.get(kind) == n and closes_at is not None:
            rows.append((n, Deadline(edition=edition, kind=kind, closes_at=closes_at, fee=fee)))
    rows.sort(key=lambda item: DEADLINE_ORDER.index(item[1].kind))
    for (m, earlier), (n, later) in pairwise(rows):
        if later.closes_at <= earlier.closes_at:
            problems.append(
                _("Row %(n)s: the %(later)s deadline must close after the %(earlier)s deadline (row %(m)s).")
                % {
                    "n": n,
                    "m": m,
                    "later": DeadlineKind(later.kind).label.lower(),
                    "earlier": DeadlineKind(earlier.kind).label.lower(),
                }
            )
    if problems:
        raise ValidationError({"deadlines": problems})
    with transaction.atomic():
        FestivalEdition.objects.select_for_update().filter(pk=edition.pk).first()
        edition.deadlines.all().delete()
        created = Deadline.objects.bulk_create([deadline for _n, deadline in rows])
    CALENDAR_FEEDS.invalidate()
    return sorted(created, key=lambda d: d.closes_at)
