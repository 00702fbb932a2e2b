"""Reads for participation and the national pavilion, already filtered to what the user may see."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accounts.enums import OrganizationKind
from accounts.models import Organization, User
from accounts.rules import is_agency_admin, memberships_of
from films.models import Film
from films.selectors import film_list_published
from markets.enums import PavilionApplicationStatus
from markets.models import MarketEdition, Participation, Pavilion, PavilionApplication

ACCEPTED = PavilionApplicationStatus.ACCEPTED


def participation_list_visible_to(*, user) -> QuerySet[Participation]:
    """Participations of the user's companies; agency admins see all. With the edition, market,
    company, delegates and films a list shows."""
    participations = Participation.objects.select_related("organization", "edition__market").prefetch_related(
        Prefetch("delegates", queryset=User.objects.order_by("email")),
        Prefetch("films", queryset=Film.objects.order_by("title_en")),
    )
    if is_agency_admin(user):
        return participations
    return participations.filter(organization_id__in=list(memberships_of(user)))


def pavilion_application_list_visible_to(*, user) -> QuerySet[PavilionApplication]:
    """Pavilion applications of the user's companies; agency admins see all. Each carries its
    pavilion's ``pavilion_accepted_count``."""
    accepted = (
        PavilionApplication.objects.filter(pavilion_id=OuterRef("pavilion_id"), status=ACCEPTED)
        .order_by()
        .values("pavilion_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    applications = (
        PavilionApplication.objects.select_related("organization", "pavilion__edition__market")
        .prefetch_related(Prefetch("films", queryset=Film.objects.order_by("title_en")))
        # The places guard reads it for a page's or the API's advice, instead of a query per row.
        .annotate(pavilion_accepted_count=Coalesce(Subquery(accepted, output_field=IntegerField()), 0))
    )
    if is_agency_admin(user):
        return applications
    return applications.filter(organization_id__in=list(memberships_of(user)))


def pavilion_for_edition(*, edition: MarketEdition) -> Pavilion | None:
    """The edition's pavilion with ``accepted_count`` annotated, or None."""
    return (
        Pavilion.objects.filter(edition=edition)
        .select_related("edition__market")
        .annotate(
            accepted_count=Count("applications", filter=Q(applications__status=PavilionApplicationStatus.ACCEPTED))
        )
        .first()
    )


def pavilion_places_left(*, pavilion: Pavilion) -> int:
    accepted = getattr(pavilion, "accepted_count", None)
    if accepted is None:
        accepted = pavilion.applications.filter(status=PavilionApplicationStatus.ACCEPTED).count()
    return max(pavilion.places - accepted, 0)


def participation_companies_of(*, user) -> QuerySet[Organization]:
    """The producer companies (production companies, sales agents) the user may act for."""
    return Organization.objects.filter(
        pk__in=list(memberships_of(user)),
        kind__in=(OrganizationKind.PRODUCTION_COMPANY, OrganizationKind.SALES_AGENT),
    ).order_by("name", "pk")


def participation_delegate_choices(*, organization_ids: list[int]) -> QuerySet[User]:
    """Active members of these companies, the delegates a form offers."""
    return (
        User.objects.filter(memberships__organization_id__in=organization_ids, is_active=True)
        .distinct()
        .order_by("email")
    )


def participation_film_choices(*, organization_ids: list[int]) -> QuerySet[Film]:
    """Published films of these companies, the films a form offers."""
    return film_list_published().filter(organization_id__in=organization_ids).order_by("title_en", "pk")


def pavilion_list_open_for(*, user, now) -> list[Pavilion]:
    """Pavilions of editions not yet over whose applications are open at ``now``, to which none
    of the user's producer companies has applied yet; soonest edition first."""
    companies = participation_companies_of(user=user).values("pk")
    return list(
        Pavilion.objects.filter(edition__ends_on__gte=now.date())
        .filter(Q(applications_close_at__isnull=True) | Q(applications_close_at__gt=now))
        .exclude(applications__organization_id__in=companies)
        .select_related("edition__market")
        .order_by("edition__starts_on", "pk")
    )
