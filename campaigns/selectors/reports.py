"""A campaign's report: who it reached and what they did, counted in the database.

Reports are commercial facts: the campaign's company (its producers) and agency admins only.
The figures come from two queries whatever the campaign's size: one aggregate over its
deliveries (with their notifications and the recipients' e-mail preferences), one over its
films (clicks, and the screener requests and shortlist additions its recipients made of each
film within ``FOLLOW_UP_DAYS`` of their delivery).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from accounts.enums import OrganizationKind
from accounts.rules import is_agency_admin, memberships_of
from campaigns.models import Campaign, CampaignClick, CampaignDelivery
from campaigns.services.sending import CAMPAIGN_KIND
from films.models import Film, ScreenerRequest, ShortlistItem
from notifications.enums import EmailMode, EmailStatus
from notifications.models import NotificationPreference

FOLLOW_UP_DAYS = 14
_PRODUCER_KINDS = (OrganizationKind.PRODUCTION_COMPANY, OrganizationKind.SALES_AGENT)


def campaign_list_reportable_by(*, user) -> QuerySet[Campaign]:
    """Campaigns whose report the user may read: their producer companies' campaigns; every
    campaign for agency admins; none for anyone else."""
    if is_agency_admin(user):
        return Campaign.objects.all()
    own = [pk for pk, info in memberships_of(user).items() if info.kind in _PRODUCER_KINDS]
    if not own:
        return Campaign.objects.none()
    return Campaign.objects.filter(organization_id__in=own)


def campaign_list_received_by(*, user) -> QuerySet[Campaign]:
    """Campaigns the user is a recipient of (a delivery row names them)."""
    if not getattr(user, "is_authenticated", False):
        return Campaign.objects.none()
    return Campaign.objects.filter(Exists(CampaignDelivery.objects.filter(campaign=OuterRef("pk"), recipient=user)))


@dataclass
class FilmFigures:
    film: Film
    clicks: int
    screener_requests: int
    shortlisted: int


@dataclass
class CampaignReport:
    recipients: int
    deliveries: int
    emails_sent: int
    emails_failed: int
    emails_queued: int
    emails_not_sent: int
    in_app_shown: int
    in_app_read: int
    clicks: int
    clickers: int
    unsubscribes: int
    screener_requests: int
    shortlisted: int
    films: list[FilmFigures] = field(default_factory=list)

    FIGURES = (
        "recipients",
        "deliveries",
        "emails_sent",
        "emails_failed",
        "emails_queued",
        "emails_not_sent",
        "in_app_shown",
        "in_app_read",
        "clicks",
        "clickers",
        "unsubscribes",
        "screener_requests",
        "shortlisted",
    )


def _count(queryset: QuerySet) -> Coalesce:
    """A correlated count of ``queryset`` (filtered on an ``OuterRef``), 0 when empty."""
    counted = queryset.order_by().annotate(group=Value(1)).values("group").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted[:1], output_field=IntegerField()), 0)


def _followed_up_by_recipient(campaign: Campaign, *, user_field: str) -> Exists:
    """The outer row (made at ``created_at``/``added_at`` by the user in ``user_field``) falls
    within FOLLOW_UP_DAYS after that user's delivery of the campaign."""
    moment = "added_at" if user_field.startswith("shortlist") else "created_at"
    return Exists(
        CampaignDelivery.objects.filter(
            campaign=campaign,
            recipient=OuterRef(user_field),
            created_at__lte=OuterRef(moment),
            created_at__gte=OuterRef(moment) - timedelta(days=FOLLOW_UP_DAYS),
        )
    )


def campaign_report(*, campaign: Campaign) -> CampaignReport:
    """The report's figures for one campaign, in two queries."""
    sent = [EmailStatus.SENT, EmailStatus.DIGESTED]
    queued = [EmailStatus.QUEUED, EmailStatus.DIGEST]
    unsubscribed = Exists(
        NotificationPreference.objects.filter(
            user=OuterRef("recipient"),
            kind=CAMPAIGN_KIND,
            email=EmailMode.OFF,
            updated_at__gte=OuterRef("created_at"),
        )
    )
    totals = CampaignDelivery.objects.filter(campaign=campaign).aggregate(
        recipients=Count("pk"),
        deliveries=Count("pk", filter=Q(notification__isnull=False)),
        emails_sent=Count("pk", filter=Q(notification__email_status__in=sent)),
        emails_failed=Count("pk", filter=Q(notification__email_status=EmailStatus.FAILED)),
        emails_queued=Count("pk", filter=Q(notification__email_status__in=queued)),
        emails_not_sent=Count("pk", filter=Q(notification__email_status=EmailStatus.SKIPPED)),
        in_app_shown=Count("pk", filter=Q(notification__in_app=True)),
        in_app_read=Count("pk", filter=Q(notification__in_app=True, notification__read_at__isnull=False)),
        clickers=Count("pk", filter=Q(first_click_at__isnull=False)),
        unsubscribes=Count("pk", filter=Q(unsubscribed)),
    )
    films = list(
        Film.objects.filter(campaigns=campaign)
        .annotate(
            n_clicks=_count(CampaignClick.objects.filter(delivery__campaign=campaign, film=OuterRef("pk"))),
            n_screener_requests=_count(
                ScreenerRequest.objects.filter(film=OuterRef("pk")).filter(
                    _followed_up_by_recipient(campaign, user_field="requested_by")
                )
            ),
            n_shortlisted=_count(
                ShortlistItem.objects.filter(film=OuterRef("pk")).filter(
                    _followed_up_by_recipient(campaign, user_field="shortlist__owner")
                )
            ),
        )
        .order_by("pk")
    )
    rows = [FilmFigures(f, f.n_clicks, f.n_screener_requests, f.n_shortlisted) for f in films]
    return CampaignReport(
        **totals,
        clicks=sum(r.clicks for r in rows),
        screener_requests=sum(r.screener_requests for r in rows),
        shortlisted=sum(r.shortlisted for r in rows),
        films=rows,
    )
