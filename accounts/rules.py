"""Permission predicates for accounts and the role predicates every app builds on.

A user's memberships are read once per user object (one query) and kept on it, so a page
that checks many objects costs no query per check.
"""

from typing import NamedTuple

import rules

from accounts.enums import (
    BuyerVerificationStatus,
    MembershipRole,
    OrganizationKind,
    StaffRole,
)


class MembershipInfo(NamedTuple):
    role: str
    kind: str
    verification_status: str


_CACHE_ATTR = "_portal_memberships"


def memberships_of(user) -> dict[int, MembershipInfo]:
    """``{organization_id: MembershipInfo}`` for the user, cached on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = {
            org_id: MembershipInfo(role, kind, status)
            for org_id, role, kind, status in user.memberships.values_list(
                "organization_id",
                "role",
                "organization__kind",
                "organization__verification_status",
            )
        }
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_memberships(user) -> None:
    """Drop the cached memberships after a change to them."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


@rules.predicate
def is_agency_admin(user) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and user.is_active and user.staff_role == StaffRole.AGENCY_ADMIN
    )


@rules.predicate
def is_reviewer(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.staff_role == StaffRole.REVIEWER)


@rules.predicate
def is_verified_buyer(user) -> bool:
    return any(
        m.kind == OrganizationKind.BUYER_COMPANY and m.verification_status == BuyerVerificationStatus.VERIFIED
        for m in memberships_of(user).values()
    )


@rules.predicate
def is_buyer(user) -> bool:
    return any(m.kind == OrganizationKind.BUYER_COMPANY for m in memberships_of(user).values())


@rules.predicate
def is_producer(user) -> bool:
    return any(
        m.kind in (OrganizationKind.PRODUCTION_COMPANY, OrganizationKind.SALES_AGENT)
        for m in memberships_of(user).values()
    )


def member_of(get_org_id):
    """A predicate: the user belongs to the organization ``get_org_id(obj)`` names."""

    @rules.predicate
    def predicate(user, obj) -> bool:
        return obj is not None and get_org_id(obj) in memberships_of(user)

    return predicate


def owner_of(get_org_id):
    """A predicate: the user owns the organization ``get_org_id(obj)`` names."""

    @rules.predicate
    def predicate(user, obj) -> bool:
        if obj is None:
            return False
        info = memberships_of(user).get(get_org_id(obj))
        return info is not None and info.role == MembershipRole.OWNER

    return predicate


@rules.predicate
def is_self(user, obj) -> bool:
    return obj is not None and getattr(user, "pk", None) == obj.pk


is_org_member = member_of(lambda org: org.pk)
is_org_owner = owner_of(lambda org: org.pk)
is_membership_visible = member_of(lambda membership: membership.organization_id)
is_membership_org_owner = owner_of(lambda membership: membership.organization_id)

# Back-office access to models that have no rules of their own.
for _perm in ("view_auditevent", "view_job"):
    rules.add_perm(f"core.{_perm}", is_agency_admin)
for _perm in ("view_tokenproxy", "delete_tokenproxy", "view_token", "delete_token"):
    rules.add_perm(f"authtoken.{_perm}", is_agency_admin)
