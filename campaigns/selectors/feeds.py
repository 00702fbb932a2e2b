"""What a person's calendar feed holds, one query per kind of event (with its joins), whatever
the number of events: festival deadlines, market meetings and screenings, film weeks, support
calls closing and final reports due."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q, QuerySet

from accounts.models import Membership
from campaigns.models.feeds import CalendarFeed, feed_token_digest
from festivals.enums import ProposalStatus, SubmissionStatus
from festivals.models import Deadline, FestivalFollow, Showcase, ShowcaseProposal, Submission
from markets.enums import MarketScreeningStatus, MeetingStatus
from markets.models import MarketScreening, Meeting, ScreeningReservation
from support.enums import ApplicationStatus
from support.models import Application

# How far back a feed reaches: calendar programs keep what they saw, so recent past is enough.
FEED_PAST_DAYS = 30
# What secrets.token_urlsafe(32) writes; anything else is refused before the database is asked.
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,64}")


def calendar_feed_by_token(*, token: str) -> CalendarFeed | None:
    """The active feed whose token this is, with its user (one query), else None: a malformed,
    unknown, rotated or switched-off token, or an inactive user, all answer the same."""
    if not isinstance(token, str) or not _TOKEN_SHAPE.fullmatch(token):
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token_digest=feed_token_digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if feed is None or not secrets.compare_digest(feed.token.encode(), token.encode()):
        return None
    return feed


def _organizations_of(user):
    return Membership.objects.filter(user=user).values("organization_id")


@dataclass(frozen=True)
class FeedEvents:
    """The querysets of one person's feed, each read once, in chunks, while the feed streams."""

    deadlines: QuerySet[Deadline]
    meetings: QuerySet[Meeting]
    screenings: QuerySet[MarketScreening]
    showcases: QuerySet[Showcase]
    calls: QuerySet[Application]
    reports: QuerySet[Application]


def calendar_feed_events(*, user, now: datetime) -> FeedEvents:
    """The user's events from ``FEED_PAST_DAYS`` ago on:

    - festival deadlines of the festivals they follow and of the editions their company has a
      draft submission to;
    - accepted or held market meetings they take part in;
    - scheduled market screenings they reserved a seat at, or of their company's films;
    - film weeks their company has a film proposed or accepted in;
    - support calls closing for their company's draft applications, and final reports due
      (approved or paid, no report yet).
    """
    since = now - timedelta(days=FEED_PAST_DAYS)
    organizations = _organizations_of(user)
    deadlines = (
        Deadline.objects.filter(closes_at__gte=since)
        .filter(
            Q(edition__festival_id__in=FestivalFollow.objects.filter(user=user).values("festival_id"))
            | Q(
                edition_id__in=Submission.objects.filter(
                    organization_id__in=organizations, status=SubmissionStatus.DRAFT
                ).values("section__edition_id")
            )
        )
        .select_related("edition__festival")
        .order_by("closes_at", "pk")
    )
    meetings = (
        Meeting.objects.filter(
            Q(requester=user) | Q(invitee=user),
            status__in=[MeetingStatus.ACCEPTED, MeetingStatus.HELD],
            starts_at__isnull=False,
            ends_at__gte=since,
        )
        .select_related("requester", "invitee", "requester_organization", "invitee_organization", "film")
        .order_by("starts_at", "pk")
    )
    screenings = (
        MarketScreening.objects.filter(status=MarketScreeningStatus.SCHEDULED, ends_at__gte=since)
        .filter(
            Q(pk__in=ScreeningReservation.objects.filter(user=user).values("screening_id"))
            | Q(organization_id__in=organizations)
        )
        .select_related("film", "edition__market")
        .order_by("starts_at", "pk")
    )
    showcases = Showcase.objects.filter(
        ends_on__gte=since.date(),
        pk__in=ShowcaseProposal.objects.filter(
            organization_id__in=organizations, status__in=[ProposalStatus.PROPOSED, ProposalStatus.ACCEPTED]
        ).values("showcase_id"),
    ).order_by("starts_on", "pk")
    calls = (
        Application.objects.filter(
            organization_id__in=organizations, status=ApplicationStatus.DRAFT, programme__closes_at__gte=since
        )
        .select_related("programme", "film")
        .order_by("programme__closes_at", "pk")
    )
    reports = (
        Application.objects.filter(
            organization_id__in=organizations,
            status__in=[ApplicationStatus.APPROVED, ApplicationStatus.PAID],
            report_due__gte=since.date(),
            final_report__isnull=True,
        )
        .select_related("programme", "film")
        .order_by("report_due", "pk")
    )
    return FeedEvents(
        deadlines=deadlines,
        meetings=meetings,
        screenings=screenings,
        showcases=showcases,
        calls=calls,
        reports=reports,
    )
