"""Who may do what with accounts, tried for every role (tests/roles.py)."""

import pytest

from accounts.enums import MembershipRole
from accounts.rules import is_agency_admin, is_buyer, is_producer, is_reviewer, is_verified_buyer
from tests.factories import member_of
from tests.roles import ROLES, user_for

pytestmark = pytest.mark.django_db

_PREDICATES = {
    "agency admin": is_agency_admin,
    "reviewer": is_reviewer,
    "producer": is_producer,
    "buyer": is_buyer,
    "verified buyer": is_verified_buyer,
}

# Which role predicates hold for each role; every other one is false.
ROLE_PREDICATES = {
    "owner": {"producer"},
    "other": {"producer"},
    "buyer": {"buyer", "verified buyer"},
    "unverified": {"buyer"},
    "suspended": {"buyer"},
    "anonymous": set(),
    "reviewer": {"reviewer"},
    "admin": {"agency admin"},
}

# What each role may do with the owner's company ("Demo Pictures").
ORGANIZATION_PERMISSIONS = {
    "owner": {"view", "change"},
    "other": set(),
    "buyer": set(),
    "unverified": set(),
    "suspended": set(),
    "anonymous": set(),
    "reviewer": set(),
    "admin": {"view", "change", "delete", "verify"},
}


@pytest.mark.parametrize("role", ROLES)
def test_role_predicates_name_exactly_the_role(request, role):
    user = user_for(request, role)

    holding = {name for name, predicate in _PREDICATES.items() if predicate(user)}

    assert holding == ROLE_PREDICATES[role]


@pytest.mark.parametrize("role", ROLES)
def test_who_may_see_and_change_a_company(request, role, producer_org):
    user = user_for(request, role)

    allowed = {
        action
        for action in ("view", "change", "delete", "verify")
        if user.has_perm(f"accounts.{action}_organization", producer_org)
    }

    assert allowed == ORGANIZATION_PERMISSIONS[role]


@pytest.mark.parametrize("role", ROLES)
def test_only_agency_admins_add_companies(request, role):
    user = user_for(request, role)

    assert user.has_perm("accounts.add_organization") is (role == "admin")


@pytest.mark.parametrize("role", ROLES)
def test_only_agency_admins_decide_a_pending_buyer_company(request, role, pending_org):
    user = user_for(request, role)

    assert user.has_perm("accounts.verify_organization", pending_org) is (role == "admin")


def test_a_plain_member_sees_the_company_but_may_not_change_it(producer_org):
    member = member_of(producer_org, role=MembershipRole.MEMBER, email="member@example.test")

    assert member.has_perm("accounts.view_organization", producer_org) is True
    assert member.has_perm("accounts.change_organization", producer_org) is False


@pytest.mark.parametrize("role", ROLES)
def test_a_user_record_is_seen_and_changed_by_its_user_and_agency_admins(request, role, producer):
    user = user_for(request, role)

    allowed = {action for action in ("view", "change", "delete") if user.has_perm(f"accounts.{action}_user", producer)}

    expected = {"owner": {"view", "change"}, "admin": {"view", "change", "delete"}}.get(role, set())
    assert allowed == expected


@pytest.mark.parametrize("role", ROLES)
def test_a_membership_is_seen_by_the_company_and_changed_by_its_owners(request, role, producer):
    user = user_for(request, role)
    membership = producer.memberships.get()

    allowed = {
        action for action in ("view", "change", "delete") if user.has_perm(f"accounts.{action}_membership", membership)
    }

    expected = {"owner": {"view", "change", "delete"}, "admin": {"view", "change", "delete"}}.get(role, set())
    assert allowed == expected


def test_a_deactivated_agency_admin_holds_no_role(agency_admin):
    agency_admin.is_active = False
    agency_admin.save()

    assert is_agency_admin(agency_admin) is False
    assert agency_admin.has_perm("accounts.view_organization") is False
