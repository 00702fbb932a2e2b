"""Deals: a verified buyer's offer on a published film, or one its producer records for a named
buyer company; negotiated by either party, recorded as signed by the film's company, which marks
the deal's rights sold in the film's rights grid (films.services.film_rights_mark_sold).

Two signed deals never hold the same right for overlapping terms when either is exclusive:
signing locks the film's row and the deal's rights rows (films.services.film_rights_lock) and
checks the film's signed deals under that lock, so concurrent signings run one after the other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from accounts.enums import BuyerVerificationStatus, OrganizationKind
from accounts.models import Organization
from accounts.rules import memberships_of
from accounts.selectors import buyer_company_for, organization_contacts
from core.display import day_label
from core.models import AuditEvent
from core.money import Money, money_errors
from core.permissions import require_perm
from core.workflow import audit_record, transition_apply
from films.enums import RightsMedia, RightsStatus
from films.models import Film
from films.selectors import film_list_published, film_rights_rows
from films.services import film_rights_lock, film_rights_mark_sold
from films.territories import territory_expand, territory_list, territory_name
from markets.enums import DEAL_TRANSITIONS, OPEN_DEAL_STATES, DealSide, DealStatus
from markets.models import Deal, MarketEdition
from markets.notification_kinds import DEAL_MOVED, DEAL_OFFERED
from notifications.services import notify

NOTES_MAX = 4000
TERRITORIES_MAX = 300
UPDATABLE = ("territories", "excluded", "media", "exclusive", "term_start", "term_end", "fee", "edition", "notes")


# --- Input --------------------------------------------------------------------------------------


def _strings(value, field: str, errors: dict) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Iterable) or isinstance(value, bytes | dict):
        errors[field] = [_("Give a list.")]
        return []
    items = []
    for item in value:
        if not isinstance(item, str) or "\x00" in item or len(item) > 60:
            errors[field] = [_("Give a list of names or codes.")]
            return []
        if item.strip():
            items.append(item.strip())
    if len(items) > TERRITORIES_MAX:
        errors[field] = [_("At most %(limit)d entries.") % {"limit": TERRITORIES_MAX}]
        return []
    return list(dict.fromkeys(items))


def deal_countries(*, territories, excluded=None, errors: dict | None = None) -> list[str]:
    """The ISO countries ``territories`` (countries or regions, as in the rights grid) stand for,
    less those of ``excluded``, sorted; what is wrong goes into ``errors`` under the field."""
    errors = {} if errors is None else errors
    names = _strings(territories, "territories", errors)
    left_out = _strings(excluded, "excluded", errors)
    countries: set[str] = set()
    unknown = [name for name in names if not territory_expand(name)]
    for name in names:
        countries.update(territory_expand(name))
    if unknown:
        errors["territories"] = [
            _("Unknown territories: %(names)s. Give ISO country codes or region names, as in the rights grid.")
            % {"names": ", ".join(f"“{name}”" for name in unknown)}
        ]
    elif not names and "territories" not in errors:
        errors["territories"] = [_("Choose at least one territory.")]
    removed: set[str] = set()
    unknown_out = [name for name in left_out if not territory_expand(name)]
    for name in left_out:
        removed.update(territory_expand(name))
    if unknown_out:
        errors["excluded"] = [
            _("Unknown territories to leave out: %(names)s.") % {"names": ", ".join(f"“{n}”" for n in unknown_out)}
        ]
    remaining = sorted(countries - removed)
    if countries and not remaining and "territories" not in errors and "excluded" not in errors:
        errors["excluded"] = [_("This leaves out every country of the deal's territories.")]
    return remaining


def _media(value, errors: dict) -> list[str]:
    media = _strings(value, "media", errors)
    if "media" in errors:
        return []
    unknown = [m for m in media if m not in RightsMedia.values]
    if unknown:
        errors["media"] = [_("Unknown media: %(names)s.") % {"names": ", ".join(f"“{m}”" for m in unknown)}]
    elif not media:
        errors["media"] = [_("Choose at least one media.")]
    return [m for m in RightsMedia.values if m in media]


def _date(value, field: str, errors: dict) -> date | None:
    if isinstance(value, date):
        return value
    parsed = None
    if isinstance(value, str) and "\x00" not in value:
        try:
            parsed = parse_date(value.strip())
        except ValueError:
            parsed = None
    if parsed is None:
        errors[field] = [_("Give a date (YYYY-MM-DD).")]
    return parsed


def _fee(value, errors: dict) -> Money | None:
    if not isinstance(value, Money):
        errors["fee"] = [_("Give the fee: an amount and its currency.")]
        return None
    problems = money_errors(value.amount, value.currency)
    if not problems and not value.currency:
        problems = [_("Give the currency of the amount.")]
    if problems:
        errors["fee"] = problems
        return None
    return value


def _notes(value, errors: dict) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        errors["notes"] = [_("Give text.")]
        return ""
    value = value.strip()
    if "\x00" in value:
        errors["notes"] = [_("Null characters are not allowed.")]
    elif len(value) > NOTES_MAX:
        errors["notes"] = [_("At most %(limit)d characters.") % {"limit": NOTES_MAX}]
    return value


@dataclass
class DealTerms:
    """A deal's terms as checked input."""

    territories: list[str]
    excluded: list[str]
    countries: list[str]
    media: list[str]
    exclusive: bool
    term_start: date | None
    term_end: date | None
    fee: Money | None
    edition: MarketEdition | None
    notes: str


def deal_terms_check(
    *, territories, media, term_start, term_end, fee, exclusive=True, excluded=None, edition=None, notes=""
) -> tuple[DealTerms, dict[str, list[str]]]:
    """The deal's terms and, per field, what is wrong with them."""
    errors: dict[str, list[str]] = {}
    countries = deal_countries(territories=territories, excluded=excluded, errors=errors)
    terms = DealTerms(
        territories=_strings(territories, "territories", {}),
        excluded=_strings(excluded, "excluded", {}),
        countries=countries,
        media=_media(media, errors),
        exclusive=exclusive,
        term_start=_date(term_start, "term_start", errors),
        term_end=_date(term_end, "term_end", errors),
        fee=_fee(fee, errors),
        edition=edition,
        notes=_notes(notes, errors),
    )
    if not isinstance(exclusive, bool):
        errors["exclusive"] = [_("Say whether the deal is exclusive: true or false.")]
    if edition is not None and not isinstance(edition, MarketEdition):
        errors["edition"] = [_("Choose a market edition.")]
    if terms.term_start and terms.term_end and terms.term_end < terms.term_start:
        errors["term_end"] = [_("The term cannot end before it starts.")]
    return terms, errors


# --- Rights -------------------------------------------------------------------------------------


def _cells_phrase(cells: Iterable[tuple[str, str]]) -> str:
    """Cells as "Theatrical: Germany; France · SVOD: Germany", long lists shortened."""
    by_media: dict[str, list[str]] = {}
    for country, medium in cells:
        by_media.setdefault(medium, []).append(country)
    parts = []
    for medium in RightsMedia.values:
        if medium not in by_media:
            continue
        countries = sorted(set(by_media[medium]), key=territory_name)
        if len(countries) > 4:
            where = _("%(count)d countries (%(names)s and %(more)d more)") % {
                "count": len(countries),
                "names": territory_list(countries[:3]),
                "more": len(countries) - 3,
            }
        else:
            where = territory_list(countries)
        parts.append(f"{RightsMedia(medium).label}: {where}")
    return " · ".join(parts)


def _overlaps(a_start: date, a_end: date, b_start: date, b_end: date) -> bool:
    return a_start <= b_end and b_start <= a_end


def deal_conflicts(*, deal: Deal) -> list[Deal]:
    """The film's signed deals holding a right of ``deal`` for an overlapping term, where either
    deal is exclusive."""
    signed = Deal.objects.filter(
        film_id=deal.film_id, status=DealStatus.SIGNED, term_start__lte=deal.term_end, term_end__gte=deal.term_start
    ).select_related("buyer")
    if not deal.exclusive:
        signed = signed.filter(exclusive=True)
    countries, media = set(deal.countries), set(deal.media)
    return [
        other
        for other in signed.exclude(pk=deal.pk).order_by("signed_at", "pk")
        if countries & set(other.countries) and media & set(other.media)
    ]


def _conflict_message(deal: Deal, other: Deal) -> str:
    shared = [
        (c, m) for c in sorted(set(deal.countries) & set(other.countries)) for m in deal.media if m in other.media
    ]
    return _("It overlaps the signed %(kind)s deal #%(id)s with %(buyer)s (%(from)s to %(until)s) in %(cells)s.") % {
        "kind": _("exclusive") if other.exclusive else _("non-exclusive"),
        "id": other.pk,
        "buyer": other.buyer.name,
        "from": day_label(other.term_start),
        "until": day_label(other.term_end),
        "cells": _cells_phrase(shared),
    }


def _sale_plan(*, deal: Deal, rows, non_exclusive_held: set[tuple[str, str]]) -> tuple[list[str], list[int]]:
    """Which rights rows the deal takes, and every reason it cannot take them all.

    A cell (country × media) is held when the film has a row for it that is available (or under
    negotiation with this very buyer) for the whole term; for a non-exclusive deal, a cell another
    signed non-exclusive deal holds stays shareable."""
    by_cell: dict[tuple[str, str], list] = {}
    for row in rows:
        by_cell.setdefault((row.territory, row.media), []).append(row)
    take: list[int] = []
    absent: list[tuple[str, str]] = []
    taken: list[tuple[str, str]] = []
    for country in deal.countries:
        for medium in deal.media:
            cell = (country, medium)
            candidates = by_cell.get(cell, [])
            if not candidates:
                absent.append(cell)
                continue
            free = next(
                (
                    row
                    for row in candidates
                    if (
                        row.status == RightsStatus.AVAILABLE
                        or (
                            row.status == RightsStatus.UNDER_NEGOTIATION and row.holder_organization_id == deal.buyer_id
                        )
                    )
                    and (row.term_start is None or row.term_start <= deal.term_start)
                    and (row.term_end is None or row.term_end >= deal.term_end)
                ),
                None,
            )
            if free is not None:
                take.append(free.pk)
            elif not (not deal.exclusive and cell in non_exclusive_held):
                taken.append(cell)
    reasons = []
    if absent:
        reasons.append(
            _("The film's rights grid does not hold these rights: %(cells)s.") % {"cells": _cells_phrase(absent)}
        )
    if taken:
        reasons.append(
            _("These rights are not available for the whole term: %(cells)s.") % {"cells": _cells_phrase(taken)}
        )
    return reasons, take


def _non_exclusive_held(deal: Deal) -> set[tuple[str, str]]:
    held: set[tuple[str, str]] = set()
    for other in Deal.objects.filter(
        film_id=deal.film_id,
        status=DealStatus.SIGNED,
        exclusive=False,
        term_start__lte=deal.term_start,
        term_end__gte=deal.term_end,
    ).exclude(pk=deal.pk):
        held.update((c, m) for c in other.countries for m in other.media)
    return held


def deal_rights_refusals(
    *, deal: Deal, lock: bool = False, shows_conflicts: bool = True
) -> tuple[list[str], list[int]]:
    """Every reason ``deal`` cannot take its rights now, and the rights rows it would take.

    ``lock`` (inside a transaction): lock the film's row and the rows first, so the answer holds
    until commit. ``shows_conflicts``: name a conflicting deal (its buyer and term are for the
    film's company and agency admins); otherwise the cells are only "not available"."""
    if lock:
        rows = film_rights_lock(film_id=deal.film_id, territories=deal.countries, media=deal.media)
    else:
        rows = list(
            film_rights_rows(film=Film(pk=deal.film_id)).filter(territory__in=deal.countries, media__in=deal.media)
        )
    reasons = []
    if shows_conflicts:
        reasons.extend(_conflict_message(deal, other) for other in deal_conflicts(deal=deal))
    rights, take = _sale_plan(deal=deal, rows=rows, non_exclusive_held=_non_exclusive_held(deal))
    return [*reasons, *rights], take


# --- Parties ------------------------------------------------------------------------------------


def deal_buyer_for(*, actor, organization: Organization | None = None) -> Organization:
    """The verified buyer company the actor offers for: ``organization`` if given (the actor must
    belong to it), else the actor's only verified buyer company."""
    return buyer_company_for(actor=actor, organization=organization)


def _buyer_refusals(buyer: Organization) -> list[str]:
    if buyer.kind != OrganizationKind.BUYER_COMPANY:
        return [_("%(company)s is not a buyer company.") % {"company": buyer.name}]
    if buyer.verification_status != BuyerVerificationStatus.VERIFIED:
        return [
            _("%(company)s is not a verified buyer company (%(status)s).")
            % {"company": buyer.name, "status": BuyerVerificationStatus(buyer.verification_status).label}
        ]
    return []


def _published_film(film: Film) -> bool:
    return film_list_published().filter(pk=film.pk).exists()


def _create(*, actor, film: Film, buyer: Organization, side: str, terms: DealTerms, errors: dict) -> Deal:
    if not _published_film(film):
        errors["film"] = [_("Deals are made on films published in the catalogue.")]
    if errors:
        raise ValidationError(errors)
    deal = Deal(
        film=film,
        buyer=buyer,
        started_by=side,
        territories=terms.territories,
        excluded=terms.excluded,
        countries=terms.countries,
        media=terms.media,
        exclusive=terms.exclusive,
        term_start=terms.term_start,
        term_end=terms.term_end,
        fee=terms.fee,
        edition=terms.edition,
        notes=terms.notes,
        created_by=actor,
    )
    reasons, _take = deal_rights_refusals(deal=deal, shows_conflicts=side == DealSide.PRODUCER)
    if reasons:
        raise ValidationError({"territories": reasons})
    with transaction.atomic():
        deal.save()
        event = audit_record(obj=deal, actor=actor, from_state="", to_state=deal.status)
        _notify(deal, event)
    return deal


def deal_offer(*, actor, film: Film, organization: Organization | None = None, **terms) -> Deal:
    """A verified buyer's offer on a published film's rights, for the actor's verified buyer
    company (``organization`` when the actor has several). The terms: see ``deal_terms_check``.

    Side effects: an audit event (new → offer); the film's company is notified in the same
    transaction."""
    require_perm(actor, "markets.add_deal")
    buyer = deal_buyer_for(actor=actor, organization=organization)
    if not actor.has_perm("films.view_full_film", film):
        raise PermissionDenied(_("Offers are made on films published in the catalogue."))
    checked, errors = deal_terms_check(**terms)
    return _create(actor=actor, film=film, buyer=buyer, side=DealSide.BUYER, terms=checked, errors=errors)


def deal_record(*, actor, film: Film, buyer: Organization, **terms) -> Deal:
    """An offer the film's company records for a named verified buyer company (a deal struck at
    a market, say). The terms: see ``deal_terms_check``.

    Side effects: an audit event (new → offer); the buyer company is notified in the same
    transaction."""
    if film.organization_id not in memberships_of(actor):
        raise PermissionDenied(_("Only members of the film's company may record its deals."))
    checked, errors = deal_terms_check(**terms)
    if reasons := _buyer_refusals(buyer):
        errors["buyer"] = reasons
    return _create(actor=actor, film=film, buyer=buyer, side=DealSide.PRODUCER, terms=checked, errors=errors)


def deal_update(*, actor, deal: Deal, data: dict) -> Deal:
    """Change an open deal's terms (either party); ``data`` holds only the fields to change.

    Side effects: locks the deal's row for the transaction."""
    require_perm(actor, "markets.change_deal", deal)
    unknown = sorted(set(data) - set(UPDATABLE))
    if unknown:
        raise ValidationError({name: [_("This field cannot be changed here.")] for name in unknown})
    with transaction.atomic():
        locked = Deal.objects.select_for_update().select_related("film", "buyer").get(pk=deal.pk)
        if locked.status not in OPEN_DEAL_STATES:
            raise ValidationError({"status": [_("Only an offer or a deal in negotiation can be changed.")]})
        current = {
            "territories": locked.territories,
            "excluded": locked.excluded,
            "media": locked.media,
            "exclusive": locked.exclusive,
            "term_start": locked.term_start,
            "term_end": locked.term_end,
            "fee": locked.fee,
            "edition": locked.edition,
            "notes": locked.notes,
        }
        checked, errors = deal_terms_check(**{**current, **data})
        if errors:
            raise ValidationError(errors)
        for name in ("territories", "excluded", "countries", "media", "exclusive", "term_start", "term_end"):
            setattr(locked, name, getattr(checked, name))
        locked.fee, locked.edition, locked.notes = checked.fee, checked.edition, checked.notes
        reasons, _take = deal_rights_refusals(deal=locked, shows_conflicts=actor.has_perm("markets.sign_deal", locked))
        if reasons:
            raise ValidationError({"territories": reasons})
        locked.save()
    return locked


# --- Moves --------------------------------------------------------------------------------------


def deal_guard_buyer_verified(*, obj: Deal, actor) -> list[str]:
    """The guard on negotiating and signing: the buyer company is (still) verified."""
    return _buyer_refusals(obj.buyer)


def deal_guard_rights_free(*, obj: Deal, actor) -> list[str]:
    """The guard on signing: the film holds every right of the deal for its whole term, and no
    signed deal holds one of them for an overlapping term where either deal is exclusive.

    Under ``transition_apply`` (inside its transaction) it locks the film's row and the deal's
    rights rows first and keeps the rows to mark sold on the deal for the move's ``recorded``
    step; outside a transaction (a page's advice) it only reads."""
    locking = transaction.get_connection().in_atomic_block
    reasons, take = deal_rights_refusals(deal=obj, lock=locking)
    obj._sale_rows = take
    return reasons


def _sign(deal: Deal, event: AuditEvent) -> None:
    take = getattr(deal, "_sale_rows", None)
    if take is None:
        _reasons, take = deal_rights_refusals(deal=deal, lock=True)
    film_rights_mark_sold(
        film_id=deal.film_id,
        right_ids=take,
        holder=deal.buyer.name,
        holder_organization_id=deal.buyer_id,
        term_start=deal.term_start,
        term_end=deal.term_end,
    )
    deal.signed_at = timezone.now()
    Deal.objects.filter(pk=deal.pk).update(signed_at=deal.signed_at)


def _recorded(deal: Deal, event: AuditEvent) -> None:
    if event.to_state == DealStatus.SIGNED:
        _sign(deal, event)
    _notify(deal, event)


def _notify(deal: Deal, event: AuditEvent) -> None:
    """The other party hears of an offer and of every move: the buyer company when the film's
    company acts, the film's company otherwise."""
    film = deal.film
    producer_side = film.organization_id in memberships_of(event.actor) if event.actor_id else False
    recipients_of = deal.buyer if producer_side else film.organization
    context = {
        "to_state": event.to_state,
        "title": film.display_title("en"),
        "title_zh": film.display_title("zh-hans"),
        "buyer": deal.buyer.name,
        "producer": film.organization.name,
        "note": event.note,
    }
    notify(
        recipients=[user for user in organization_contacts(organization=recipients_of) if user.pk != event.actor_id],
        kind=DEAL_OFFERED if not event.from_state else DEAL_MOVED,
        subject_object=deal,
        url=reverse("market_deals:detail", args=[deal.pk]),
        context=context,
        dedupe_key=f"audit:{event.pk}",
    )


def deal_transition(*, deal: Deal, to: str, actor, note: str = "") -> Deal:
    """Move a deal through ``DEAL_TRANSITIONS``: either party negotiates or cancels an open deal;
    the film's company records it as signed once the film holds its rights and no signed deal
    conflicts (``deal_guard_rights_free``, under the film's row lock).

    Side effects: row locks (the deal; on signing the film and its rights rows), audit event;
    on signing the rights rows marked sold to the buyer for the deal's term and the catalogue's
    cached answers made stale; the other party notified in the same transaction."""
    return transition_apply(obj=deal, to=to, actor=actor, note=note, table=DEAL_TRANSITIONS, recorded=_recorded)
