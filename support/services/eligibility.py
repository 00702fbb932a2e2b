"""Eligibility of an application: every rule its programme sets, each failed rule named.

The rules: the call is open now; the film is published (when the programme asks); the thing
funded fits (a festival selection at a festival of the programme's tier or higher, a market
participation registered or confirmed, a film-week proposal not declined); the requested amount
is at most the programme's maximum grant; there are budget lines; every required document is
attached; the statement is written. Submitting (``draft → submitted`` and again after changes
requested) is guarded by :func:`application_guard_eligible`.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone
from django.utils.translation import gettext as _

from core.display import moment_label
from core.money import Money, money_format
from festivals.enums import SELECTED_STATES, FestivalTier, ProposalStatus
from markets.enums import ParticipationStatus
from support.enums import DocumentKind, ProgrammeKind
from support.models import Application

# A is the highest tier; a lower rank is a higher tier.
TIER_RANK = {tier: rank for rank, tier in enumerate(FestivalTier.values)}
REGISTERED_STATES = (ParticipationStatus.REGISTERED, ParticipationStatus.CONFIRMED)


def _zone(name: str):
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _call_errors(application: Application) -> list[str]:
    programme = application.programme
    now = timezone.now()
    zone = _zone(programme.time_zone)
    if now < programme.opens_at:
        return [_("The call opens on %(moment)s.") % {"moment": moment_label(programme.opens_at, zone)}]
    if now >= programme.closes_at:
        return [_("The call closed on %(moment)s.") % {"moment": moment_label(programme.closes_at, zone)}]
    return []


def _thing_errors(application: Application) -> list[str]:
    kind = application.programme.kind
    if kind == ProgrammeKind.FESTIVAL_PARTICIPATION:
        submission = application.submission
        if submission is None or submission.status not in SELECTED_STATES:
            return [_("Name the film's festival selection: a submission the festival selected.")]
        minimum = application.programme.min_festival_tier
        festival = submission.section.edition.festival
        if minimum and TIER_RANK.get(festival.tier, len(TIER_RANK)) > TIER_RANK.get(minimum, 0):
            return [
                _("The festival, %(festival)s, is of tier %(tier)s: the programme takes tier %(minimum)s or higher.")
                % {"festival": festival.display_name(), "tier": festival.tier, "minimum": minimum}
            ]
    elif kind == ProgrammeKind.MARKET_PARTICIPATION:
        participation = application.participation
        if participation is None:
            return [_("Name the company's participation in a market edition with the film.")]
        if participation.status not in REGISTERED_STATES:
            return [
                _("The market participation is not registered or confirmed: it is “%(status)s”.")
                % {"status": participation.get_status_display()}
            ]
    elif kind == ProgrammeKind.SHOWCASE:
        proposal = application.proposal
        if proposal is None:
            return [_("Name the film's film-week proposal.")]
        if proposal.status == ProposalStatus.DECLINED:
            return [_("The film-week proposal was declined.")]
    return []


def _lines_and_kinds(application: Application) -> tuple[int, set[str]]:
    """The number of budget lines and the document kinds attached, from what a selector
    prefetched when it did, else in two queries."""
    cache = getattr(application, "_prefetched_objects_cache", {})
    if "budget_lines" in cache:
        lines = len(cache["budget_lines"])
    else:
        lines = application.budget_lines.count()
    if "documents" in cache:
        kinds = {document.kind for document in cache["documents"]}
    else:
        kinds = set(application.documents.values_list("kind", flat=True))
    return lines, kinds


def application_eligibility(*, application: Application) -> list[str]:
    """Every eligibility rule ``application`` fails now, each named (empty: it may be submitted)."""
    programme = application.programme
    errors = _call_errors(application)
    if programme.requires_published_film and not application.film.is_published:
        errors.append(_("The film is not published in the catalogue."))
    errors += _thing_errors(application)
    requested = application.requested
    if requested is not None and requested.amount > programme.max_grant_amount:
        errors.append(
            _("The requested amount, %(requested)s, is above the programme's maximum grant, %(maximum)s.")
            % {
                "requested": money_format(requested),
                "maximum": money_format(Money(programme.max_grant_amount, programme.max_grant_currency)),
            }
        )
    lines, kinds = _lines_and_kinds(application)
    if not lines:
        errors.append(_("Add at least one budget line."))
    labels = dict(DocumentKind.choices)
    for kind in programme.required_documents or []:
        if kind not in kinds:
            errors.append(_("A required document is missing: %(kind)s.") % {"kind": labels.get(kind, kind)})
    if not (application.statement or "").strip():
        errors.append(_("Write the statement."))
    return errors


def application_guard_eligible(*, obj: Application, actor) -> list[str]:
    """The guard on submitting: every failed eligibility rule, named."""
    return application_eligibility(application=obj)
