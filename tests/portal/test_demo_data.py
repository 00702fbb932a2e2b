import pytest
from django.core.management import call_command

from accounts.enums import BuyerVerificationStatus, StaffRole
from accounts.models import Organization, User
from core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("demo_data", "--password", "Demo-Pass-2026")


def test_demo_data_creates_the_documented_logins(demo):
    users = {u.email: u for u in User.objects.all()}

    assert users["admin@demo.test"].staff_role == StaffRole.AGENCY_ADMIN
    assert users["admin@demo.test"].is_staff is True
    assert users["reviewer@demo.test"].staff_role == StaffRole.REVIEWER
    assert users["producer@demo.test"].organizations.get().name == "Demo Pictures"
    assert users["producer2@demo.test"].organizations.get().name == "Second Light Films"
    assert users["buyer@demo.test"].organizations.get().verification_status == "verified"
    assert users["buyer@demo.test"].organizations.get().country == "FR"
    assert users["buyer2@demo.test"].organizations.get().verification_status == "pending"
    assert users["buyer2@demo.test"].organizations.get().country == "BR"
    assert all(u.check_password("Demo-Pass-2026") for u in users.values())


def test_demo_data_has_every_verification_state_with_true_history(demo):
    states = set(Organization.objects.filter(kind="buyer_company").values_list("verification_status", flat=True))

    assert states == set(BuyerVerificationStatus.values)
    suspended = Organization.objects.get(verification_status="suspended")
    assert list(
        AuditEvent.objects.filter(object_id=str(suspended.pk)).order_by("id").values_list("from_state", "to_state")
    ) == [("", "pending"), ("pending", "verified"), ("verified", "suspended")]


def test_demo_data_is_idempotent(demo):
    counts = (User.objects.count(), Organization.objects.count(), AuditEvent.objects.count())

    call_command("demo_data", "--password", "Demo-Pass-2026")

    assert (User.objects.count(), Organization.objects.count(), AuditEvent.objects.count()) == counts
