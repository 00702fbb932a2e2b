"""What the accounts selectors return for every role (tests/roles.py): exact lists."""

import pytest

from accounts import selectors
from accounts.enums import BuyerVerificationStatus
from tests.factories import AgencyAdminFactory, BuyerOrganizationFactory, member_of
from tests.roles import ROLES, user_for

pytestmark = pytest.mark.django_db


# The companies the test database holds for each role (the role fixtures make their own).
EXISTING = {
    "owner": ["Demo Pictures"],
    "other": ["Demo Pictures", "Second Light Films"],
    "buyer": ["Demo Pictures", "Overseas Distribution"],
    "unverified": ["Demo Pictures", "Pending Buyers"],
    "suspended": ["Demo Pictures", "Suspended Buyers"],
    "anonymous": ["Demo Pictures"],
    "reviewer": ["Demo Pictures"],
    "admin": ["Demo Pictures"],
}


@pytest.mark.parametrize("role", ROLES)
def test_companies_visible_to_each_role(request, role, producer_org):
    """Members see their own company; agency admins see every company (here: all there are)."""
    user = user_for(request, role)
    everyone = sorted(type(producer_org).objects.values_list("name", flat=True))

    visible = [o.name for o in selectors.organization_list_visible_to(user=user).order_by("name")]

    assert everyone == EXISTING[role]
    assert visible == (everyone if role == "admin" else [n for n in everyone if n in _OWN.get(role, [])])


_OWN = {
    "owner": ["Demo Pictures"],
    "other": ["Second Light Films"],
    "buyer": ["Overseas Distribution"],
    "unverified": ["Pending Buyers"],
    "suspended": ["Suspended Buyers"],
}


@pytest.mark.parametrize(
    ("role", "companies"),
    [
        ("owner", ["Demo Pictures"]),
        ("other", ["Second Light Films"]),
        ("buyer", ["Overseas Distribution"]),
        ("unverified", ["Pending Buyers"]),
        ("suspended", ["Suspended Buyers"]),
        ("anonymous", []),
        ("reviewer", []),
        ("admin", []),
    ],
)
def test_each_role_belongs_to_exactly_its_company(request, role, companies):
    user = user_for(request, role)

    memberships = selectors.membership_list_for_user(user=user) if user.pk else []

    assert [m.organization.name for m in memberships] == companies


def test_the_verification_queue_lists_one_status_oldest_first(pending_org, buyer_org):
    later = BuyerOrganizationFactory(name="Later Buyers")
    BuyerOrganizationFactory(name="Suspended Buyers", verification_status=BuyerVerificationStatus.SUSPENDED)

    assert list(selectors.organization_list_for_verification()) == [pending_org, later]
    assert list(selectors.organization_list_for_verification(status=BuyerVerificationStatus.VERIFIED)) == [buyer_org]


def test_verification_counts_name_every_status(pending_org, buyer_org):
    BuyerOrganizationFactory(name="Suspended Buyers", verification_status=BuyerVerificationStatus.SUSPENDED)

    counts = {status: n for status, _label, n in selectors.organization_verification_counts()}

    assert counts == {"pending": 1, "verified": 1, "rejected": 0, "suspended": 1}


def test_mail_for_a_company_goes_to_its_active_members_owners_first(pending_org, pending_buyer):
    member = member_of(pending_org, role="member", email="aaa-member@example.test")
    member_of(pending_org, role="member", email="gone@example.test", is_active=False)

    assert list(selectors.organization_contacts(organization=pending_org)) == [pending_buyer, member]


def test_agency_admins_are_the_active_ones_by_email(agency_admin, reviewer):
    AgencyAdminFactory(email="former-admin@example.test", is_active=False)
    second = AgencyAdminFactory(email="another-admin@example.test")

    assert list(selectors.user_list_agency_admins()) == [agency_admin, second]


def test_an_email_is_taken_whatever_its_case_and_spaces(producer):
    assert selectors.user_email_taken(email="  PRODUCER@example.test ") is True
    assert selectors.user_email_taken(email="nobody@example.test") is False
