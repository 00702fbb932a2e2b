"""The eight roles every rules and selectors test tries, and the user each one is.

``owner`` belongs to the producer company that owns the objects under test ("Demo Pictures",
the ``producer_org`` fixture); ``other`` to another producer company; ``buyer`` to a verified
buyer company; ``unverified`` to a buyer company still pending; ``suspended`` to a buyer company
whose verification was suspended; ``anonymous`` is not signed in; ``reviewer`` and ``admin`` are
agency staff.
"""

from django.contrib.auth.models import AnonymousUser

from accounts.enums import BuyerVerificationStatus
from tests.factories import BuyerOrganizationFactory, member_of

ROLES = ["owner", "other", "buyer", "unverified", "suspended", "anonymous", "reviewer", "admin"]

_FIXTURES = {
    "owner": "producer",
    "other": "other_producer",
    "buyer": "buyer",
    "unverified": "pending_buyer",
    "reviewer": "reviewer",
    "admin": "agency_admin",
}


def user_for(request, role: str):
    """The user playing ``role``, made through the suite's fixtures (see tests/conftest.py)."""
    if role == "anonymous":
        return AnonymousUser()
    if role == "suspended":
        organization = BuyerOrganizationFactory(
            name="Suspended Buyers", verification_status=BuyerVerificationStatus.SUSPENDED
        )
        return member_of(organization, email="suspended@example.test")
    return request.getfixturevalue(_FIXTURES[role])
