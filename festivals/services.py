"""Writes for festivals: the directory (festivals, editions, sections, deadlines), a film's
public screenings, festival submissions, follows, and the agency's film weeks."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache
from itertools import pairwise

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from accounts.rules import memberships_of
from core.workflow import TransitionError, audit_record, transition_apply
from festivals.enums import (
    DEADLINE_ORDER,
    PROPOSAL_TRANSITIONS,
    SELECTED_STATES,
    SUBMISSION_TRANSITIONS,
    DeadlineKind,
    FestivalFocus,
    ProposalStatus,
    SubmissionStatus,
)
from festivals.models import (
    FEE_CURRENCIES,
    Deadline,
    Festival,
    FestivalEdition,
    FestivalFocusTag,
    FestivalFollow,
    Screening,
    Section,
    Showcase,
    ShowcaseProposal,
    ShowcaseScreening,
    Submission,
    Venue,
)
from festivals.selectors import deadline_applying, submission_eligibility
from films.enums import FilmType
from films.models import Film
from films.selectors import CATALOGUE_ANSWERS
from films.territories import is_country

FESTIVAL_FIELDS = ("name_en", "name_zh", "city", "country", "website", "founded_year", "tier", "typical_month")
EDITION_FIELDS = (
    "year",
    "starts_on",
    "ends_on",
    "time_zone",
    "submissions_open_on",
    "notification_on",
    "dates_indicative",
)
SECTION_FIELDS = (
    "name_en",
    "name_zh",
    "kind",
    "premiere_requirement",
    "runtime_min",
    "runtime_max",
    "accepted_types",
    "completed_after",
)
_FEE_CURRENCY_CODES = {code for code, _label in FEE_CURRENCIES}
_MAX_FEE = Decimal("99999999.99")


def _require(actor, perm: str, obj=None, message: str | None = None) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(message or _("You may not make this change."))


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _zone(name: str) -> zoneinfo.ZoneInfo:
    """The zone named, or UTC for a name the directory should never hold (services check it)."""
    return zoneinfo.ZoneInfo(name) if name in _zone_names() else zoneinfo.ZoneInfo("UTC")


def _today_in(zone_name: str) -> date:
    return timezone.now().astimezone(_zone(zone_name)).date()


def _assign(obj: models.Model, data: dict, fields: tuple[str, ...], extra: tuple[str, ...] = ()) -> dict:
    """Set ``fields`` from ``data`` on ``obj``; refuse keys it does not know. Returns the errors
    ``full_clean`` finds, by field (constraints are checked by the callers, naming a field)."""
    unknown = set(data) - set(fields) - set(extra)
    if unknown:
        raise ValidationError({name: [_("This field cannot be set here.")] for name in sorted(unknown)})
    for name in fields:
        if name in data:
            value = data[name]
            setattr(obj, name, value.strip() if isinstance(value, str) else value)
    try:
        obj.full_clean(validate_constraints=False, validate_unique=False)
    except ValidationError as exc:
        return dict(exc.message_dict)
    return {}


def _save_unique(obj: models.Model, field: str, message: str) -> None:
    """Save ``obj``; a unique constraint another writer won in the meantime is reported on ``field``."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise ValidationError({field: [message]}) from exc


# --- Directory: festivals -------------------------------------------------------------------


def _festival_save(festival: Festival, data: dict) -> Festival:
    errors = _assign(festival, data, FESTIVAL_FIELDS, extra=("focus",))
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
        _save_unique(festival, "name_en", duplicate_message)
        if focus is not None:
            festival.focus_tags.exclude(focus__in=focus).delete()
            have = set(festival.focus_tags.values_list("focus", flat=True))
            FestivalFocusTag.objects.bulk_create(
                FestivalFocusTag(festival=festival, focus=f) for f in focus if f not in have
            )
    return festival


def festival_create(*, actor, data: dict) -> Festival:
    """Add a festival to the directory (unvetted). ``data`` holds ``FESTIVAL_FIELDS`` and
    optionally ``focus`` (a list of ``FestivalFocus`` values)."""
    _require(actor, "festivals.add_festival")
    return _festival_save(Festival(), data)


def festival_update(*, festival: Festival, actor, data: dict) -> Festival:
    """Change the fields given; ``focus``, when given, replaces the festival's focus as a whole."""
    _require(actor, "festivals.change_festival", festival)
    return _festival_save(festival, data)


def festival_verify(*, festival: Festival, actor) -> Festival:
    """Mark the festival as vetted by the agency, by ``actor``, now."""
    _require(actor, "festivals.change_festival", festival)
    festival.verified = True
    festival.verified_at = timezone.now()
    festival.verified_by = actor
    festival.save(update_fields=["verified", "verified_at", "verified_by", "updated_at"])
    return festival


# --- Directory: editions and sections -------------------------------------------------------


def _edition_save(edition: FestivalEdition, data: dict) -> FestivalEdition:
    errors = _assign(edition, data, EDITION_FIELDS)
    if edition.time_zone and edition.time_zone not in _zone_names():
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
    _save_unique(edition, "year", duplicate_message)
    return edition


def edition_create(*, festival: Festival, actor, data: dict) -> FestivalEdition:
    """Add an edition to a festival: ``year``, ``starts_on``, ``ends_on``, ``time_zone`` (IANA)
    and optionally the submission opening and notification dates."""
    _require(actor, "festivals.add_festivaledition")
    return _edition_save(FestivalEdition(festival=festival), data)


def edition_update(*, edition: FestivalEdition, actor, data: dict) -> FestivalEdition:
    _require(actor, "festivals.change_festivaledition", edition)
    return _edition_save(edition, data)


def _section_save(section: Section, data: dict) -> Section:
    if "accepted_types" in data:
        data = {**data, "accepted_types": list(dict.fromkeys(str(t) for t in data["accepted_types"] or []))}
    errors = _assign(section, data, SECTION_FIELDS)
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
    _save_unique(section, "name_en", duplicate_message)
    return section


def section_create(*, edition: FestivalEdition, actor, data: dict) -> Section:
    """Add a section to an edition. ``accepted_types`` lists ``FilmType`` values (empty: every type)."""
    _require(actor, "festivals.add_section")
    return _section_save(Section(edition=edition), data)


def section_update(*, section: Section, actor, data: dict) -> Section:
    _require(actor, "festivals.change_section", section)
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
    naive one read in the edition's zone), and optionally ``fee_amount`` with ``fee_currency``.
    The kinds given must close in the order early < regular < late < final. Every problem is
    reported under ``deadlines`` with its row number; nothing is saved then.
    """
    _require(actor, "festivals.change_festivaledition", edition)
    zone = _zone(edition.time_zone)
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
        fee = row.get("fee_amount")
        currency = str(row.get("fee_currency") or "").strip().upper()
        if fee in (None, ""):
            fee = None
        else:
            try:
                fee = Decimal(str(fee))
            except InvalidOperation:
                fee = Decimal("NaN")
            if not fee.is_finite() or fee < 0 or fee > _MAX_FEE or fee != fee.quantize(Decimal("0.01")):
                problems.append(_("Row %(n)s: the fee must be an amount of at least 0 with two decimals.") % {"n": n})
            elif not currency:
                problems.append(_("Row %(n)s: give the currency of the fee.") % {"n": n})
        if currency and currency not in _FEE_CURRENCY_CODES:
            problems.append(_("Row %(n)s: unknown currency “%(code)s”.") % {"n": n, "code": currency})
        if seen.get(kind) == n and closes_at is not None:
            rows.append(
                (n, Deadline(edition=edition, kind=kind, closes_at=closes_at, fee_amount=fee, fee_currency=currency))
            )
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
    return sorted(created, key=lambda d: d.closes_at)


# --- Screenings and follows -----------------------------------------------------------------


def _latest_today() -> date:
    # The date somewhere on Earth (UTC+14) is the latest there is: a screening dated today
    # anywhere is accepted, whatever zone the server runs in.
    return (timezone.now() + timedelta(hours=14)).date()


def screening_record(
    *,
    actor,
    film: Film,
    screened_on: date,
    country: str,
    edition: FestivalEdition | None = None,
    event_name: str = "",
) -> Screening:
    """Record a public screening that took place: it uses up premieres of the film."""
    country = str(country or "").strip().upper()
    screening = Screening(
        film=film,
        organization_id=film.organization_id,
        edition=edition,
        event_name=(event_name or "").strip()[:200],
        screened_on=screened_on,
        country=country,
    )
    _require(actor, "festivals.add_screening")
    _require(actor, "festivals.change_screening", screening)
    errors: dict[str, list[str]] = {}
    if not isinstance(screened_on, date):
        errors["screened_on"] = [_("Give the date of the screening.")]
    elif screened_on > _latest_today():
        errors["screened_on"] = [_("This date is in the future: record a screening once it has taken place.")]
    if not country or not is_country(country):
        errors["country"] = [_("Give the country the screening took place in.")]
    if edition is None and not screening.event_name:
        errors["event_name"] = [_("Name the event, or choose the festival edition.")]
    if errors:
        raise ValidationError(errors)
    screening.save()
    return screening


def screening_delete(*, screening: Screening, actor) -> None:
    _require(actor, "festivals.delete_screening", screening)
    screening.delete()


def festival_follow(*, user, festival: Festival) -> FestivalFollow:
    """Follow the festival (again: no change)."""
    _require(user, "festivals.add_festivalfollow", None, _("Sign in to follow festivals."))
    follow, _created = FestivalFollow.objects.get_or_create(user=user, festival=festival)
    return follow


def festival_unfollow(*, user, festival: Festival) -> None:
    """Stop following the festival (not following: no change)."""
    FestivalFollow.objects.filter(user_id=getattr(user, "pk", None), festival=festival).delete()


# --- Submissions ----------------------------------------------------------------------------


def _is_member(actor, organization_id: int) -> bool:
    return organization_id in memberships_of(actor)


def _duplicate_message() -> str:
    return _("This film is already submitted to this section.")


def submission_create(*, actor, film: Film, section: Section, notes: str = "") -> Submission:
    """Start a draft submission of ``film`` to ``section`` for the film's producer.

    Side effects: an audit event (new → draft).
    """
    _require(actor, "festivals.add_submission")
    if not _is_member(actor, film.organization_id):
        raise PermissionDenied(_("Only members of the film's producer may submit it."))
    active = Submission.objects.filter(film=film, section=section).exclude(status=SubmissionStatus.WITHDRAWN)
    if active.exists():
        raise ValidationError({"section": [_duplicate_message()]})
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                film=film, organization_id=film.organization_id, section=section, notes=(notes or "").strip()
            )
            audit_record(obj=submission, actor=actor, from_state="", to_state=submission.status)
    except IntegrityError as exc:  # another request created it since the check above
        raise ValidationError({"section": [_duplicate_message()]}) from exc
    return submission


def _awards_clean(awards) -> list[str]:
    if not isinstance(awards, list | tuple) or not awards:
        raise TransitionError({"awards": [_("Name the award or awards the film received.")]}, code="required")
    if any(not isinstance(a, str) or not a.strip() for a in awards):
        raise TransitionError({"awards": [_("Every award needs a name.")]}, code="invalid")
    return [a.strip()[:200] for a in awards]


def _submission_side_effects(submission: Submission, event) -> None:
    # Selections feed the catalogue's honours filter.
    if submission.status in SELECTED_STATES:
        CATALOGUE_ANSWERS.invalidate()


def submission_transition(
    *, submission: Submission, to: str, actor, note: str = "", awards: list[str] | None = None
) -> Submission:
    """Move a submission through its life cycle (``SUBMISSION_TRANSITIONS``).

    ``draft → submitted`` checks eligibility now and refuses with every reason (under ``to``);
    it stamps ``submitted_at`` and the deadline met with its fee. ``selected → awarded`` needs
    ``awards`` (names), kept on the submission; they serve as the note when none is given.
    Side effects: row lock, audit event; after commit, a selection makes cached catalogue
    answers stale. Nothing changes when it raises.
    """
    clean_awards: list[str] = []
    if to == SubmissionStatus.AWARDED:
        clean_awards = _awards_clean(awards)
        note = (note or "").strip() or "; ".join(clean_awards)
    elif awards:
        raise TransitionError({"awards": [_("Awards are recorded only when the film is marked as awarded.")]})

    def stamp(locked: Submission, move) -> list[str]:
        if move.target == SubmissionStatus.SUBMITTED:
            now = timezone.now()
            section = Section.objects.select_related("edition__festival").get(pk=locked.section_id)
            film = Film.objects.get(pk=locked.film_id)
            reasons = submission_eligibility(film=film, section=section, at=now)
            if reasons:
                raise TransitionError({"to": reasons}, code="ineligible")
            deadline = deadline_applying(edition=section.edition, at=now)
            locked.submitted_at = now
            locked.deadline_kind = deadline.kind if deadline else ""
            locked.fee_amount = deadline.fee_amount if deadline else None
            locked.fee_currency = deadline.fee_currency if deadline else ""
            return ["submitted_at", "deadline_kind", "fee_amount", "fee_currency"]
        if move.target == SubmissionStatus.AWARDED:
            locked.awards = clean_awards
            return ["awards"]
        return []

    return transition_apply(
        obj=submission,
        to=to,
        actor=actor,
        note=note,
        table=SUBMISSION_TRANSITIONS,
        on_commit=_submission_side_effects,
        extra_updates=stamp,
    )


def submission_delete(*, submission: Submission, actor) -> None:
    """Delete a draft; a submission the festival has received stays, and can be withdrawn."""
    _require(actor, "festivals.delete_submission", submission)
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.status != SubmissionStatus.DRAFT:
            raise ValidationError({"status": [_("Only a draft can be deleted; withdraw the submission instead.")]})
        locked.delete()


# --- Film weeks -----------------------------------------------------------------------------


def showcase_propose(*, actor, showcase: Showcase, film: Film, note: str = "") -> ShowcaseProposal:
    """Propose a published film of the actor's organization for a film week, while its call is open.

    Side effects: an audit event (new → proposed).
    """
    _require(actor, "festivals.add_showcaseproposal")
    if not _is_member(actor, film.organization_id):
        raise PermissionDenied(_("Only members of the film's producer may propose it."))
    errors: dict[str, list[str]] = {}
    if showcase.call_closes_on is None:
        errors["showcase"] = [_("This film week takes no proposals.")]
    elif _today_in(showcase.time_zone) > showcase.call_closes_on:
        errors["showcase"] = [_("Proposals for this film week closed on %(day)s.") % {"day": showcase.call_closes_on}]
    if not film.is_published:
        errors["film"] = [_("Only films published in the catalogue can be proposed.")]
    elif ShowcaseProposal.objects.filter(showcase=showcase, film=film).exists():
        errors["film"] = [_("This film is already proposed for this film week.")]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            proposal = ShowcaseProposal.objects.create(
                showcase=showcase, film=film, organization_id=film.organization_id, note=(note or "").strip()
            )
            audit_record(obj=proposal, actor=actor, from_state="", to_state=ProposalStatus.PROPOSED)
    except IntegrityError as exc:
        raise ValidationError({"film": [_("This film is already proposed for this film week.")]}) from exc
    return proposal


def proposal_transition(*, proposal: ShowcaseProposal, to: str, actor, note: str = "") -> ShowcaseProposal:
    """Accept or decline a proposal (agency admins; declining needs a note).

    Side effects: row lock, audit event.
    """
    return transition_apply(obj=proposal, to=to, actor=actor, note=note, table=PROPOSAL_TRANSITIONS)


def showcase_screening_add(
    *, actor, showcase: Showcase, film: Film, venue: Venue, starts_at: datetime
) -> ShowcaseScreening:
    """Put a published film in the week's programme at one of its venues. A naive ``starts_at``
    is read in the week's time zone; it must fall within the week's dates there."""
    _require(actor, "festivals.add_showcasescreening")
    errors: dict[str, list[str]] = {}
    if venue.showcase_id != showcase.pk:
        errors["venue"] = [_("Choose a venue of this film week.")]
    if not film.is_published:
        errors["film"] = [_("Only films published in the catalogue can be programmed.")]
    zone = _zone(showcase.time_zone)
    if not isinstance(starts_at, datetime):
        errors["starts_at"] = [_("Give the date and time the screening starts.")]
    else:
        if timezone.is_naive(starts_at):
            starts_at = starts_at.replace(tzinfo=zone)
        local_day = starts_at.astimezone(zone).date()
        if not showcase.starts_on <= local_day <= showcase.ends_on:
            errors["starts_at"] = [
                _("The screening must start between %(first)s and %(last)s (%(zone)s).")
                % {"first": showcase.starts_on, "last": showcase.ends_on, "zone": zone.key}
            ]
    if errors:
        raise ValidationError(errors)
    return ShowcaseScreening.objects.create(showcase=showcase, film=film, venue=venue, starts_at=starts_at)


def _count(value) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


def showcase_attendance_report(
    *, actor, showcase: Showcase, attendance: int, per_screening: dict[int, int] | None = None
) -> Showcase:
    """Record the week's total attendance and, optionally, each screening's, once the week is over."""
    _require(actor, "festivals.change_showcase", showcase)
    errors: dict[str, list[str]] = {}
    if _today_in(showcase.time_zone) <= showcase.ends_on:
        errors["attendance"] = [
            _("Attendance can be reported once the film week is over (after %(day)s).") % {"day": showcase.ends_on}
        ]
    total = _count(attendance)
    if total is None:
        errors.setdefault("attendance", []).append(_("Give the number of people, 0 or more."))
    counts: dict[int, int] = {}
    # Ids may come from a form as text.
    per_screening = {int(k) if str(k).isdigit() else k: v for k, v in (per_screening or {}).items()}
    screening_ids = set(
        ShowcaseScreening.objects.filter(showcase=showcase, pk__in=list(per_screening)).values_list("pk", flat=True)
    )
    for key, value in per_screening.items():
        count = _count(value)
        if key not in screening_ids:
            errors.setdefault("per_screening", []).append(
                _("Screening %(id)s is not in this film week's programme.") % {"id": key}
            )
        elif count is None:
            errors.setdefault("per_screening", []).append(
                _("Screening %(id)s: give the number of people, 0 or more.") % {"id": key}
            )
        else:
            counts[key] = count
    if total is not None and "per_screening" not in errors and sum(counts.values()) > total:
        errors.setdefault("attendance", []).append(_("The total is smaller than the screenings' attendance added up."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        showcase.attendance = total
        showcase.save(update_fields=["attendance", "updated_at"])
        screenings = list(ShowcaseScreening.objects.filter(pk__in=list(counts)))
        now = timezone.now()
        for screening in screenings:
            screening.attendance = counts[screening.pk]
            screening.updated_at = now
        ShowcaseScreening.objects.bulk_update(screenings, ["attendance", "updated_at"])
    return showcase
