"""Who a campaign reaches: the active members of the verified buyer companies of its segment
(buyer types, countries bought for, genres of interest; empty parts leave it open). Counted in
the database; the list streams in primary-key order so a sender can take it batch by batch."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User
from campaigns.models import Campaign
from markets.selectors import buyer_list_segment


def campaign_segment_users(
    *, buyer_types: list[str] = (), countries: list[str] = (), genres: list[str] = ()
) -> QuerySet[User]:
    """Active members of the segment's companies, once each, by primary key."""
    companies = buyer_list_segment(buyer_types=buyer_types, countries=countries, genres=genres)
    return (
        User.objects.filter(is_active=True, memberships__organization__in=companies.values("pk"))
        .distinct()
        .order_by("pk")
    )


def campaign_segment_count(*, campaign: Campaign) -> int:
    """How many people the campaign reaches now (the preview before sending)."""
    return campaign_segment_users(
        buyer_types=campaign.buyer_types, countries=campaign.countries, genres=campaign.genres
    ).count()
