"""Film weeks: proposals and their decisions, the programme, attendance."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.display import day_label
from core.permissions import require_perm
from core.workflow import audit_record, transition_apply
from festivals.enums import PROPOSAL_TRANSITIONS, ProposalStatus
from festivals.models import Showcase, ShowcaseProposal, ShowcaseScreening, Venue
from festivals.selectors import showcase_call_open
from festivals.services.common import is_member
from festivals.zones import today_in, zone_named
from films.models import Film


def showcase_propose(*, actor, showcase: Showcase, film: Film, note: str = "") -> ShowcaseProposal:
    """Propose a published film of the actor's organization for a film week, while its call is open.

    Side effects: an audit event (new → proposed).
    """
    require_perm(actor, "festivals.add_showcaseproposal")
    if not is_member(actor, film.organization_id):
        raise PermissionDenied(_("Only members of the film's producer may propose it."))
    errors: dict[str, list[str]] = {}
    if showcase.call_closes_on is None:
        errors["showcase"] = [_("This film week takes no proposals.")]
    elif not showcase_call_open(showcase=showcase, today=today_in(showcase.time_zone)):
        errors["showcase"] = [
            _("Proposals for this film week closed on %(day)s.") % {"day": day_label(showcase.call_closes_on)}
        ]
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
    require_perm(actor, "festivals.add_showcasescreening")
    errors: dict[str, list[str]] = {}
    if venue.showcase_id != showcase.pk:
        errors["venue"] = [_("Choose a venue of this film week.")]
    if not film.is_published:
        errors["film"] = [_("Only films published in the catalogue can be programmed.")]
    zone = zone_named(showcase.time_zone)
    if not isinstance(starts_at, datetime):
        errors["starts_at"] = [_("Give the date and time the screening starts.")]
    else:
        if timezone.is_naive(starts_at):
            starts_at = starts_at.replace(tzinfo=zone)
        local_day = starts_at.astimezone(zone).date()
        if not showcase.starts_on <= local_day <= showcase.ends_on:
            errors["starts_at"] = [
                _("The screening must start between %(first)s and %(last)s (%(zone)s).")
                % {"first": day_label(showcase.starts_on), "last": day_label(showcase.ends_on), "zone": zone.key}
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
    require_perm(actor, "festivals.change_showcase", showcase)
    errors: dict[str, list[str]] = {}
    if today_in(showcase.time_zone) <= showcase.ends_on:
        errors["attendance"] = [
            _("Attendance can be reported once the film week is over (after %(day)s).")
            % {"day": day_label(showcase.ends_on)}
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
