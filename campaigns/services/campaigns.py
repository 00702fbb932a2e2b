"""Campaign authoring: a producer company or the agency writes a campaign (films, a buyer
segment, channels, a featured range and a send time), producers send it for the agency's
approval, the agency approves its own directly, and an approved campaign is scheduled.

One check (``campaign_check``) serves creating and changing, so the pages and the API refuse the
same input with the same words, by field; nothing is saved while anything is wrong. The guards
named in ``campaigns.enums.CAMPAIGN_TRANSITIONS`` live here and list every reason a move cannot
be made now."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from accounts.enums import PRODUCER_KINDS, BuyerType, VerificationStatus
from accounts.rules import is_agency_admin, memberships_of
from accounts.selectors import organization_contacts, user_list_agency_admins
from campaigns.enums import CAMPAIGN_TRANSITIONS, EDITABLE_CAMPAIGN_STATES, CampaignStatus
from campaigns.kinds_campaigns import CAMPAIGN_MOVED, CAMPAIGN_SUBMITTED
from campaigns.models import Campaign
from campaigns.selectors.segments import campaign_segment_count
from core.models import AuditEvent
from core.permissions import require_perm
from core.validators import text_clean, text_has_nul
from core.workflow import Transition, audit_record, transition_apply
from films.enums import ListingStatus
from films.models import Film
from films.selectors import genre_rows
from films.territories import territory_expand
from notifications.services import notify

__all__ = [
    "CAMPAIGN_FIELDS",
    "campaign_check",
    "campaign_create",
    "campaign_guard_agency_own",
    "campaign_guard_ready",
    "campaign_guard_send_time_ahead",
    "campaign_segment_clean",
    "campaign_transition",
    "campaign_update",
]

TEXT_LIMITS = {"name": 200, "subject_en": 200, "subject_zh": 200, "message_en": 5000, "message_zh": 5000}
REQUIRED_TEXT = ("name", "subject_en", "message_en")
LIST_FIELDS = ("buyer_types", "territories", "genres")
FLAGS = ("by_email", "in_app")
DATES = ("featured_from", "featured_until")
CAMPAIGN_FIELDS = (*TEXT_LIMITS, "films", *LIST_FIELDS, *FLAGS, *DATES, "send_at")
FILMS_MAX = 20
LIST_MAX = 300


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _strings(value, field: str, errors: dict) -> list[str]:
    """A list of short strings (or one string of comma-separated items), stripped, once each."""
    if value is None:
        return []
    if isinstance(value, str):
        value = value.replace(";", ",").split(",")
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        errors[field] = [_("Give a list of values.")]
        return []
    if text_has_nul(value):
        errors[field] = [_("Null characters are not allowed.")]
        return []
    if len(value) > LIST_MAX:
        errors[field] = [_("At most %(limit)d values.") % {"limit": LIST_MAX}]
        return []
    seen: list[str] = []
    for item in value:
        item = item.strip()
        if item and item not in seen:
            seen.append(item)
    return seen


def _shown(values: list[str]) -> str:
    return ", ".join(f"“{value[:40]}”" for value in values[:5])


def _buyer_types(value, errors: dict) -> list[str]:
    items = _strings(value, "buyer_types", errors)
    unknown = [item for item in items if item not in BuyerType.values]
    if unknown:
        errors["buyer_types"] = [_("Unknown buyer type: %(values)s.") % {"values": _shown(unknown)}]
    return items


def _territories(value, errors: dict) -> tuple[list[str], list[str]]:
    """The territories as given (ISO codes upper-cased, region names lower-cased) and their
    countries, sorted."""
    items = _strings(value, "territories", errors)
    territories: list[str] = []
    countries: set[str] = set()
    unknown = []
    for item in items:
        codes = territory_expand(item)
        if not codes:
            unknown.append(item)
            continue
        name = item.upper() if len(item) == 2 else item.lower()
        if name not in territories:
            territories.append(name)
        countries.update(codes)
    if unknown:
        errors["territories"] = [
            _("Unknown territory: %(values)s. Give ISO country codes (FR) or region names (europe).")
            % {"values": _shown(unknown)}
        ]
    return territories, sorted(countries)


def _genres(value, errors: dict) -> list[str]:
    items = _strings(value, "genres", errors)
    known = {row.slug for row in genre_rows()}
    unknown = [item for item in items if item not in known]
    if unknown:
        errors["genres"] = [_("Unknown genre: %(values)s.") % {"values": _shown(unknown)}]
    return items


def _flag(value, field: str, errors: dict) -> bool:
    if not isinstance(value, bool):
        errors[field] = [_("Give true or false.")]
        return False
    return value


def _date(value, field: str, errors: dict) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            parsed = parse_date(text) if "\x00" not in text else None
        except ValueError:
            parsed = None
        if parsed is None:
            errors[field] = [_("Give a date, such as 2027-05-01.")]
        return parsed
    if isinstance(value, datetime) or not isinstance(value, date):
        errors[field] = [_("Give a date, such as 2027-05-01.")]
        return None
    return value


def _moment(value, field: str, errors: dict) -> datetime | None:
    """An aware moment; a naive one (or ISO text without an offset) is read in the current time
    zone, the one the page shows the user."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            value = parse_datetime(text) if "\x00" not in text else None
        except ValueError:
            value = None
        if value is None:
            errors[field] = [_("Give a date and time, such as 2027-05-01 18:00.")]
            return None
    if not isinstance(value, datetime):
        errors[field] = [_("Give a date and time, such as 2027-05-01 18:00.")]
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def campaign_film_choices(*, organization_id: int | None):
    """The films a campaign of this company may promote: its published films; the agency's may
    promote any published film."""
    films = Film.objects.filter(listing_status=ListingStatus.PUBLISHED)
    if organization_id is not None:
        films = films.filter(organization_id=organization_id)
    return films


def _films(value, *, organization_id: int | None, errors: dict) -> list[Film]:
    if value is None:
        value = []
    if not isinstance(value, list | tuple | set):
        errors["films"] = [_("Give a list of films.")]
        return []
    ids: list[int] = []
    for item in value:
        pk = getattr(item, "pk", item)
        if isinstance(pk, str) and pk.strip().isascii() and pk.strip().isdigit() and len(pk.strip()) < 19:
            pk = int(pk.strip())
        if isinstance(pk, bool) or not isinstance(pk, int) or not 0 < pk < 2**63:
            errors["films"] = [_("Give films by their ids.")]
            return []
        if pk not in ids:
            ids.append(pk)
    if not ids:
        errors["films"] = [_("Choose at least one film.")]
        return []
    if len(ids) > FILMS_MAX:
        errors["films"] = [_("At most %(limit)d films per campaign.") % {"limit": FILMS_MAX}]
        return []
    found = Film.objects.filter(pk__in=ids)
    if organization_id is not None:
        found = found.filter(organization_id=organization_id)
    films = {film.pk: film for film in found}
    problems = []
    missing = [pk for pk in ids if pk not in films]
    if missing:
        problems.append(_("Choose your company's own films.") if organization_id is not None else _("No such film."))
    unpublished = [films[pk] for pk in ids if pk in films and films[pk].listing_status != ListingStatus.PUBLISHED]
    if unpublished:
        problems.append(
            _("Only published films can be promoted; not published: %(titles)s.")
            % {"titles": ", ".join(f"“{film.title_en}”" for film in unpublished)}
        )
    if problems:
        errors["films"] = problems
        return []
    return [films[pk] for pk in ids]


def campaign_segment_clean(*, data: dict) -> tuple[dict, dict[str, list[str]]]:
    """A segment's ``buyer_types``, ``territories`` and ``genres`` checked as a campaign's are:
    ``({"buyer_types", "countries", "genres"}, errors by field)``, for a count before saving."""
    errors: dict[str, list[str]] = {}
    buyer_types = _buyer_types(data.get("buyer_types"), errors)
    _named, countries = _territories(data.get("territories"), errors)
    genres = _genres(data.get("genres"), errors)
    return {"buyer_types": buyer_types, "countries": countries, "genres": genres}, errors


def campaign_check(
    *, data: dict, campaign: Campaign | None = None, organization_id: int | None = None
) -> tuple[dict, list[Film] | None, dict[str, list[str]]]:
    """Check a campaign's fields: ``data`` (any of ``CAMPAIGN_FIELDS``) over ``campaign``'s
    current values (all of them for a new one). Returns the cleaned values to set (``countries``
    too when the territories are given), the films (None when not given) and every error by
    field. Saves nothing and needs no permission."""
    errors: dict[str, list[str]] = {}
    for name in sorted(set(data) - set(CAMPAIGN_FIELDS)):
        errors[name] = [_("This field cannot be set here.")]
    new = campaign is None
    current = campaign or Campaign(organization_id=organization_id)
    values: dict = {}
    for name, limit in TEXT_LIMITS.items():
        if new or name in data:
            values[name] = text_clean(data.get(name), name, limit, errors, required=name in REQUIRED_TEXT)
    if new or "buyer_types" in data:
        values["buyer_types"] = _buyer_types(data.get("buyer_types"), errors)
    if new or "territories" in data:
        values["territories"], values["countries"] = _territories(data.get("territories"), errors)
    if new or "genres" in data:
        values["genres"] = _genres(data.get("genres"), errors)
    for name in FLAGS:
        if name in data:
            values[name] = _flag(data[name], name, errors)
    today = timezone.localdate()
    for name in DATES:
        if name in data:
            values[name] = _date(data[name], name, errors)
    if "send_at" in data:
        values["send_at"] = _moment(data["send_at"], "send_at", errors)
        if values["send_at"] is not None and "send_at" not in errors and values["send_at"] <= timezone.now():
            errors["send_at"] = [_("The send time has passed: give a moment in the future.")]
    starts = values.get("featured_from", current.featured_from)
    ends = values.get("featured_until", current.featured_until)
    if not any(name in errors for name in DATES):
        if (starts is None) != (ends is None):
            missing = "featured_until" if ends is None else "featured_from"
            errors[missing] = [_("Give both featured dates, or neither.")]
        elif starts is not None and ends < starts:
            errors["featured_until"] = [_("The featured range must end on or after its first day.")]
        elif "featured_from" in data and starts is not None and starts < today:
            errors["featured_from"] = [_("The featured range cannot start in the past.")]
    films = None
    if new or "films" in data:
        films = _films(data.get("films"), organization_id=current.organization_id, errors=errors)
    return values, films, errors


def _producer_company(actor, organization) -> int:
    """The producer company a new campaign belongs to (400 naming ``organization``)."""
    own = {pk: info for pk, info in memberships_of(actor).items() if info.kind in PRODUCER_KINDS}
    if organization is None:
        if len(own) > 1:
            raise ValidationError({"organization": [_("You belong to several companies: choose one.")]})
        if not own:
            raise PermissionDenied(_("Only producers and the agency run campaigns."))
        pk = next(iter(own))
    else:
        pk = getattr(organization, "pk", organization)
        if pk not in own:
            raise ValidationError({"organization": [_("Choose one of your own companies.")]})
    if own[pk].verification_status != VerificationStatus.VERIFIED:
        raise ValidationError(
            {"organization": [_("Your company is not verified yet: campaigns start once the agency verifies it.")]}
        )
    return pk


def campaign_create(*, actor, organization=None, data: dict) -> Campaign:
    """Start a draft campaign: producers for their verified company (``organization`` required
    when they belong to several), agency admins for the agency (``organization`` None). ``data``
    holds ``CAMPAIGN_FIELDS`` (films as ids or films). Every error is named by field and nothing is
    saved. Side effects: the campaign, its films and an audit event of its creation saved."""
    require_perm(actor, "campaigns.create_campaign", message=_("Only producers and the agency run campaigns."))
    if organization is None and is_agency_admin(actor):
        organization_id = None
    else:
        organization_id = _producer_company(actor, organization)
    values, films, errors = campaign_check(data=data, organization_id=organization_id)
    _raise(errors)
    campaign = Campaign(organization_id=organization_id, created_by=actor, status=CampaignStatus.DRAFT, **values)
    with transaction.atomic():
        campaign.save()
        campaign.films.set(films)
        audit_record(obj=campaign, actor=actor, from_state="", to_state=CampaignStatus.DRAFT)
    return campaign


def campaign_update(*, actor, campaign: Campaign, data: dict) -> Campaign:
    """Change a draft campaign: the fields given in ``data`` (any of ``CAMPAIGN_FIELDS``; films
    replace the campaign's films). Refusals: 403 for anyone who may not change it, 400 per field
    (a campaign past its draft names ``status``), nothing saved. Side effects: the campaign's
    row locked, its fields and films saved."""
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        require_perm(actor, "campaigns.change_campaign", locked, _("You may not change this campaign."))
        if locked.status not in EDITABLE_CAMPAIGN_STATES:
            raise ValidationError({"status": [_("Only a draft campaign can be changed.")]})
        values, films, errors = campaign_check(data=data, campaign=locked)
        _raise(errors)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save(update_fields=[*values, "updated_at"])
        if films is not None:
            locked.films.set(films)
    for name in [*values, "updated_at"]:
        setattr(campaign, name, getattr(locked, name))
    return locked


# --- Guards (dotted in campaigns.enums) --------------------------------------------------------


def campaign_guard_ready(*, obj: Campaign, actor) -> list[str]:
    """Every reason the campaign cannot go forward: no film, a film no longer published, no
    channel, an empty subject or message, a segment reaching nobody, featured dates past."""
    reasons: list[str] = []
    films = list(obj.films.all())
    if not films:
        reasons.append(_("Choose at least one film."))
    unpublished = [film for film in films if film.listing_status != ListingStatus.PUBLISHED]
    if unpublished:
        reasons.append(
            _("These films are no longer published: %(titles)s.")
            % {"titles": ", ".join(f"“{film.title_en}”" for film in unpublished)}
        )
    if not (obj.by_email or obj.in_app or obj.featured_from):
        reasons.append(_("Choose at least one channel: e-mail, in-app notification or a featured range."))
    if not (obj.subject_en or "").strip():
        reasons.append(_("Write the subject in English."))
    if not (obj.message_en or "").strip():
        reasons.append(_("Write the message in English."))
    if campaign_segment_count(campaign=obj) == 0:
        reasons.append(_("The segment reaches no verified buyer: widen the buyer types, territories or genres."))
    today = timezone.localdate()
    if obj.featured_until is not None and obj.featured_until < today:
        reasons.append(_("The featured range has ended: choose dates from today."))
    elif obj.status == CampaignStatus.DRAFT and obj.featured_from is not None and obj.featured_from < today:
        reasons.append(_("The featured range starts in the past: choose dates from today."))
    return reasons


def campaign_guard_agency_own(*, obj: Campaign, actor) -> list[str]:
    if obj.organization_id is not None:
        return [_("A company's campaign is sent for approval first.")]
    return []


def campaign_guard_send_time_ahead(*, obj: Campaign, actor) -> list[str]:
    if obj.send_at is None:
        return [_("Set the send time.")]
    if obj.send_at <= timezone.now():
        return [_("The send time has passed: set a later one.")]
    return []


# --- Moves -------------------------------------------------------------------------------------


def campaign_notify_context(campaign: Campaign, event: AuditEvent) -> dict:
    return {
        "to_state": event.to_state,
        "from_state": event.from_state,
        "name": campaign.name,
        "company": campaign.organization.name if campaign.organization_id else "",
        "note": event.note,
    }


def _recorded(campaign: Campaign, event: AuditEvent) -> None:
    """Agency admins hear of each submission; the company hears of the agency's answer (approved,
    returned for changes) and of a cancellation."""
    context = campaign_notify_context(campaign, event)
    url = reverse("campaigns_campaigns:detail", args=[campaign.pk])
    if event.to_state == CampaignStatus.SUBMITTED:
        notify(
            recipients=user_list_agency_admins(),
            kind=CAMPAIGN_SUBMITTED,
            subject_object=campaign,
            url=url,
            context=context,
            dedupe_key=f"audit:{event.pk}",
        )
        return
    answered = event.from_state == CampaignStatus.SUBMITTED and event.to_state in (
        CampaignStatus.APPROVED,
        CampaignStatus.DRAFT,
    )
    if campaign.organization_id is not None and (answered or event.to_state == CampaignStatus.CANCELLED):
        recipients = [
            user for user in organization_contacts(organization=campaign.organization) if user.pk != event.actor_id
        ]
        notify(
            recipients=recipients,
            kind=CAMPAIGN_MOVED,
            subject_object=campaign,
            url=url,
            context=context,
            dedupe_key=f"audit:{event.pk}",
        )


def campaign_transition(*, campaign: Campaign, to: str, actor, note: str = "") -> Campaign:
    """Move a campaign through ``CAMPAIGN_TRANSITIONS`` (guards list every reason a move is
    refused). Side effects: the row locked; on scheduling ``recipients_count`` set to the
    segment's size now; an audit event with the note; agency admins notified of a submission,
    the company of an approval, a return for changes or a cancellation, in the same
    transaction."""

    def extra_updates(locked: Campaign, move: Transition) -> list[str]:
        if move.target == CampaignStatus.SCHEDULED:
            locked.recipients_count = campaign_segment_count(campaign=locked)
            return ["recipients_count"]
        return []

    moved = transition_apply(
        obj=campaign,
        to=to,
        actor=actor,
        note=note,
        table=CAMPAIGN_TRANSITIONS,
        extra_updates=extra_updates,
        recorded=_recorded,
    )
    return moved
