from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext as _

from accounts.enums import (
    PRODUCER_KINDS,
    VERIFIED_KINDS,
    MembershipRole,
    OrganizationKind,
    StaffRole,
    VerificationStatus,
)
from accounts.models import Membership, Organization, User
from accounts.rules import is_agency_admin, memberships_of


def organization_list_visible_to(*, user) -> QuerySet[Organization]:
    """Agency admins see every organization; anyone else the ones they belong to."""
    if is_agency_admin(user):
        return Organization.objects.all()
    ids = list(memberships_of(user))
    return Organization.objects.filter(pk__in=ids)


# The verification queue's kind filter: buyer companies, or producer companies of either kind.
QUEUE_KINDS = {"buyer": (OrganizationKind.BUYER_COMPANY,), "producer": PRODUCER_KINDS}


def organization_list_for_verification(
    *, status: str = VerificationStatus.PENDING, kind: str = ""
) -> QuerySet[Organization]:
    """Buyer and producer companies in one verification status, oldest first, with their
    members; ``kind`` ("buyer" or "producer", see ``QUEUE_KINDS``) keeps one of the two."""
    return (
        Organization.objects.filter(kind__in=QUEUE_KINDS.get(kind, VERIFIED_KINDS), verification_status=status)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("user").order_by("role", "user__email"),
            )
        )
        .order_by("created_at", "id")
    )


def organization_verification_counts(*, kind: str = "") -> list[tuple[str, str, int]]:
    """``(status, label, number of companies)`` for every verification status, of buyer and
    producer companies (or of one ``kind`` of ``QUEUE_KINDS``)."""
    rows = (
        Organization.objects.filter(kind__in=QUEUE_KINDS.get(kind, VERIFIED_KINDS))
        .values("verification_status")
        .annotate(n=Count("id"))
    )
    counts = {row["verification_status"]: row["n"] for row in rows}
    return [(value, label, counts.get(value, 0)) for value, label in VerificationStatus.choices]


def organization_list_unverified_producers(*, user) -> QuerySet[Organization]:
    """The producer companies the user belongs to that the agency has not verified (none, and
    no query, when every one of them is verified)."""
    ids = [
        org_id
        for org_id, info in memberships_of(user).items()
        if info.kind in PRODUCER_KINDS and info.verification_status != VerificationStatus.VERIFIED
    ]
    if not ids:
        return Organization.objects.none()
    return Organization.objects.filter(pk__in=ids).order_by("name", "id")


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
    """Pending buyer and producer companies older than the cut-off whose reminder has not gone out."""
    return Organization.objects.filter(
        kind__in=VERIFIED_KINDS,
        verification_status=VerificationStatus.PENDING,
        created_at__lt=created_before,
        verification_reminder_sent_at__isnull=True,
    ).order_by("created_at", "id")


def user_email_taken(*, email: str) -> bool:
    return User.objects.filter(email__iexact=email.strip()).exists()


def organization_buyer_country_count() -> int:
    """How many countries verified buyer companies are based in (the home page's figure)."""
    return (
        Organization.objects.filter(
            kind=OrganizationKind.BUYER_COMPANY, verification_status=VerificationStatus.VERIFIED
        )
        .order_by()
        .values("country")
        .distinct()
        .count()
    )


def buyer_company_for(*, actor, organization: Organization | None = None) -> Organization:
    """The verified buyer company the actor acts for: ``organization`` if given (the actor must
    belong to it), else the actor's only verified buyer company. Refusals name ``organization``."""
    verified = [
        org_id
        for org_id, info in memberships_of(actor).items()
        if info.kind == OrganizationKind.BUYER_COMPANY and info.verification_status == VerificationStatus.VERIFIED
    ]
    if organization is not None:
        if organization.pk not in verified:
            raise ValidationError({"organization": [_("Choose a verified buyer company you belong to.")]})
        return organization
    if len(verified) != 1:
        raise ValidationError({"organization": [_("You belong to several buyer companies: choose one.")]})
    return Organization.objects.get(pk=verified[0])
