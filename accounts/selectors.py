from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet

from accounts.enums import (
    BuyerVerificationStatus,
    MembershipRole,
    OrganizationKind,
    StaffRole,
)
from accounts.models import Membership, Organization, User
from accounts.rules import is_agency_admin, memberships_of


def organization_list_visible_to(*, user) -> QuerySet[Organization]:
    """Agency admins see every organization; anyone else the ones they belong to."""
    if is_agency_admin(user):
        return Organization.objects.all()
    ids = list(memberships_of(user))
    return Organization.objects.filter(pk__in=ids)


def organization_list_for_verification(*, status: str = BuyerVerificationStatus.PENDING) -> QuerySet[Organization]:
    """Buyer companies in one verification status, oldest first, with their members."""
    return (
        Organization.objects.filter(kind=OrganizationKind.BUYER_COMPANY, verification_status=status)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("user").order_by("role", "user__email"),
            )
        )
        .order_by("created_at", "id")
    )


def organization_verification_counts() -> list[tuple[str, str, int]]:
    """``(status, label, number of buyer companies)`` for every verification status."""
    rows = (
        Organization.objects.filter(kind=OrganizationKind.BUYER_COMPANY)
        .values("verification_status")
        .annotate(n=Count("id"))
    )
    counts = {row["verification_status"]: row["n"] for row in rows}
    return [(value, label, counts.get(value, 0)) for value, label in BuyerVerificationStatus.choices]


def organization_members(*, organization: Organization) -> QuerySet[Membership]:
    return organization.memberships.select_related("user").order_by("role", "user__email")


def membership_list_for_user(*, user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organization").order_by("organization__name")


def organization_contacts(*, organization: Organization) -> QuerySet[User]:
    """Active members who receive the organization's mail, owners first."""
    return (
        User.objects.filter(memberships__organization=organization, is_active=True)
        .annotate(
            is_owner=Exists(
                Membership.objects.filter(organization=organization, user=OuterRef("pk"), role=MembershipRole.OWNER)
            )
        )
        .order_by("-is_owner", "email")
        .distinct()
    )


def user_list_agency_admins() -> QuerySet[User]:
    return User.objects.filter(is_active=True, staff_role=StaffRole.AGENCY_ADMIN).order_by("email")


def organization_list_stale_pending(*, created_before) -> QuerySet[Organization]:
    """Pending buyer companies older than the cut-off whose reminder has not gone out."""
    return Organization.objects.filter(
        kind=OrganizationKind.BUYER_COMPANY,
        verification_status=BuyerVerificationStatus.PENDING,
        created_at__lt=created_before,
        verification_reminder_sent_at__isnull=True,
    ).order_by("created_at", "id")


def user_email_taken(*, email: str) -> bool:
    return User.objects.filter(email__iexact=email.strip()).exists()


def organization_buyer_country_count() -> int:
    """How many countries verified buyer companies are based in (the home page's figure)."""
    return (
        Organization.objects.filter(
            kind=OrganizationKind.BUYER_COMPANY, verification_status=BuyerVerificationStatus.VERIFIED
        )
        .order_by()
        .values("country")
        .distinct()
        .count()
    )
