"""Reading campaigns: those a user may see (producers: their companies'; agency admins: all), the
agency's approval queue, the recipient count of a segment, and the films featured in the
catalogue today. Each costs a fixed number of queries."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext as _

from accounts.enums import PRODUCER_KINDS
from accounts.models import Membership
from accounts.rules import is_agency_admin, memberships_of
from campaigns.enums import CampaignStatus
from campaigns.models import Campaign
from films.enums import ListingStatus
from films.models import Film
from markets.selectors import buyer_list_segment

_C = CampaignStatus

# Campaigns whose featured range puts their films in the catalogue.
FEATURING_STATES = (_C.APPROVED, _C.SCHEDULED, _C.SENDING, _C.SENT)
# Campaigns still on their way (the dashboard's next steps).
OPEN_STATES = (_C.DRAFT, _C.SUBMITTED, _C.APPROVED, _C.SCHEDULED, _C.SENDING)
FEATURED_MAX = 12


def campaign_list_visible_to(*, user) -> QuerySet[Campaign]:
    """Campaigns the user may see, newest change first, with their company and film count:
    agency admins all; producers their companies'; anyone else none."""
    campaigns = Campaign.objects.select_related("organization").annotate(film_count=Count("films", distinct=True))
    if is_agency_admin(user):
        return campaigns.order_by("-updated_at", "-id")
    own = [pk for pk, info in memberships_of(user).items() if info.kind in PRODUCER_KINDS]
    return campaigns.filter(organization_id__in=own).order_by("-updated_at", "-id")


def campaign_detail_for(*, user, pk) -> Campaign | None:
    """One campaign the user may see, with its company and films (titles ordered), or None."""
    if not isinstance(pk, int) and not (isinstance(pk, str) and pk.isascii() and pk.isdigit() and len(pk) < 19):
        return None
    films = Prefetch("films", queryset=Film.objects.order_by("title_en", "pk"))
    return campaign_list_visible_to(user=user).prefetch_related(films).filter(pk=int(pk)).first()


def campaign_list_awaiting_approval() -> QuerySet[Campaign]:
    """Campaigns sent for the agency's approval, the longest waiting first."""
    return (
        Campaign.objects.filter(status=_C.SUBMITTED)
        .select_related("organization")
        .annotate(film_count=Count("films", distinct=True))
        .order_by("updated_at", "id")
    )


def campaign_list_open_for(*, user) -> QuerySet[Campaign]:
    """A producer's companies' campaigns still on their way (draft to sending)."""
    return campaign_list_visible_to(user=user).filter(status__in=OPEN_STATES)


def campaign_recipients(*, buyer_types=(), countries=(), genres=()) -> dict[str, int]:
    """How many people and companies a segment reaches now: ``{"recipients": N, "companies": M}``,
    counting the active members of its verified buyer companies (one query)."""
    companies = buyer_list_segment(buyer_types=list(buyer_types), countries=list(countries), genres=list(genres))
    counts = Membership.objects.filter(organization__in=companies.values("pk"), user__is_active=True).aggregate(
        recipients=Count("user", distinct=True), companies=Count("organization", distinct=True)
    )
    return {"recipients": counts["recipients"] or 0, "companies": counts["companies"] or 0}


def campaign_recipients_of(*, campaign: Campaign) -> dict[str, int]:
    return campaign_recipients(buyer_types=campaign.buyer_types, countries=campaign.countries, genres=campaign.genres)


def campaign_featured_films(*, today: date) -> list[Film]:
    """Published films of approved (or later) campaigns whose featured range holds ``today``,
    each once, by English title; one query."""
    featuring = Campaign.objects.filter(
        films=OuterRef("pk"),
        status__in=FEATURING_STATES,
        featured_from__lte=today,
        featured_until__gte=today,
    )
    return list(
        Film.objects.filter(Exists(featuring), listing_status=ListingStatus.PUBLISHED).order_by("title_en", "pk")[
            :FEATURED_MAX
        ]
    )


def campaign_next_step(campaign: Campaign) -> str:
    """What happens next to a campaign, in a few words."""
    return {
        _C.DRAFT: _("Complete it and send it for approval."),
        _C.SUBMITTED: _("Waiting for the agency's approval."),
        _C.APPROVED: _("Approved: schedule the sending."),
        _C.SCHEDULED: _("Scheduled: it goes out at the send time."),
        _C.SENDING: _("Being sent now."),
        _C.SENT: _("Sent."),
        _C.CANCELLED: _("Cancelled: nothing is sent."),
    }.get(campaign.status, "")
