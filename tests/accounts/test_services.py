import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from accounts import services
from accounts.enums import BuyerVerificationStatus, MembershipRole, OrganizationKind, StaffRole
from accounts.models import Membership, Organization, User
from accounts.selectors import organization_contacts
from core.models import AuditEvent
from core.workflow import TransitionError, audit_timeline
from tests.factories import PASSWORD, BuyerOrganizationFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "email": "Chen.Jing@Example.test",
    "password": PASSWORD,
    "full_name": "Chen Jing",
    "company_name": "Red Lantern Films",
    "country": "CN",
}


PRODUCER_SIGN_UP = {**SIGN_UP, "registration_number": "91110105MA01ABCD2X"}


def test_producer_sign_up_creates_user_company_and_ownership():
    user = services.producer_sign_up(**PRODUCER_SIGN_UP, company_kind=OrganizationKind.SALES_AGENT, language="zh-hans")

    assert user.email == "chen.jing@example.test"
    assert user.check_password(PASSWORD)
    assert user.language == "zh-hans"
    membership = Membership.objects.get(user=user)
    assert membership.role == MembershipRole.OWNER
    assert membership.organization.name == "Red Lantern Films"
    assert membership.organization.kind == OrganizationKind.SALES_AGENT
    assert membership.organization.verification_status == BuyerVerificationStatus.PENDING
    assert membership.organization.registration_number == "91110105MA01ABCD2X"


def test_buyer_sign_up_is_pending_audited_and_announced_to_agency_admins(
    agency_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.buyer_sign_up(**{**SIGN_UP, "country": "FR"}, buyer_type="distributor")

    organization = Organization.objects.get(memberships__user=user)
    assert organization.kind == OrganizationKind.BUYER_COMPANY
    assert organization.verification_status == BuyerVerificationStatus.PENDING
    [event] = audit_timeline(obj=organization)
    assert (event.from_state, event.to_state, event.actor) == ("", "pending", user)
    assert [m.to for m in mail.outbox] == [[agency_admin.email]]
    assert "Red Lantern Films" in mail.outbox[0].subject


def test_sign_up_with_a_taken_email_in_other_case_is_refused_and_saves_nothing():
    UserFactory(email="chen.jing@example.test")

    with pytest.raises(ValidationError) as exc:
        services.producer_sign_up(**PRODUCER_SIGN_UP)

    assert list(exc.value.message_dict) == ["email"]
    assert Organization.objects.count() == 0
    assert User.objects.count() == 1


def test_sign_up_with_a_weak_password_names_the_password_field():
    with pytest.raises(ValidationError) as exc:
        services.producer_sign_up(**{**PRODUCER_SIGN_UP, "password": "12345678"})

    assert set(exc.value.message_dict) == {"password"}
    assert User.objects.count() == 0


def test_sign_up_with_an_unknown_country_names_the_country_field():
    with pytest.raises(ValidationError) as exc:
        services.buyer_sign_up(**{**SIGN_UP, "country": "XX"}, buyer_type="distributor")

    assert set(exc.value.message_dict) == {"country"}
    assert User.objects.count() == 0
    assert Organization.objects.count() == 0


def test_buyer_sign_up_with_an_unknown_buyer_type_is_refused():
    with pytest.raises(ValidationError) as exc:
        services.buyer_sign_up(**SIGN_UP, buyer_type="pirate")

    assert set(exc.value.message_dict) == {"buyer_type"}
    assert Organization.objects.count() == 0


def test_producer_sign_up_refuses_a_buyer_kind():
    with pytest.raises(ValidationError) as exc:
        services.producer_sign_up(**PRODUCER_SIGN_UP, company_kind=OrganizationKind.BUYER_COMPANY)

    assert set(exc.value.message_dict) == {"company_kind"}


def test_agency_admin_verifies_a_pending_buyer_audited_and_emailed(
    agency_admin, pending_org, pending_buyer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.organization_transition(
            organization=pending_org, to="verified", actor=agency_admin, note="Register checked."
        )

    pending_org.refresh_from_db()
    assert pending_org.verification_status == BuyerVerificationStatus.VERIFIED
    [event] = AuditEvent.objects.all()
    assert (event.actor, event.from_state, event.to_state, event.note) == (
        agency_admin,
        "pending",
        "verified",
        "Register checked.",
    )
    [message] = mail.outbox
    assert message.to == [pending_buyer.email]
    assert message.subject == "Pending Buyers is verified on the Go-Global Film Portal"
    assert "Register checked." in message.body


def test_decision_mail_is_written_in_the_recipients_language(
    agency_admin, pending_org, django_capture_on_commit_callbacks
):
    member_of(pending_org, email="zh@example.test", language="zh-hans")

    with django_capture_on_commit_callbacks(execute=True):
        services.organization_transition(organization=pending_org, to="rejected", actor=agency_admin, note="无法核实")

    [message] = mail.outbox
    assert message.to == ["zh@example.test"]
    assert "无法核实" in message.body
    assert "Hello" not in message.body


@pytest.mark.parametrize(
    ("path", "final"),
    [
        (["verified"], "verified"),
        (["rejected"], "rejected"),
        (["verified", "suspended"], "suspended"),
        (["verified", "suspended", "verified"], "verified"),
    ],
)
def test_every_move_the_table_allows_goes_through(agency_admin, pending_org, path, final):
    for step in path:
        services.organization_transition(organization=pending_org, to=step, actor=agency_admin, note="reason")

    pending_org.refresh_from_db()
    assert pending_org.verification_status == final
    assert AuditEvent.objects.count() == len(path)


@pytest.mark.parametrize(
    ("start", "to"),
    [("pending", "suspended"), ("rejected", "verified"), ("verified", "rejected"), ("verified", "pending")],
)
def test_a_move_the_table_forbids_is_refused_and_changes_nothing(agency_admin, start, to):
    organization = BuyerOrganizationFactory(verification_status=start)

    with pytest.raises(TransitionError) as exc:
        services.organization_transition(organization=organization, to=to, actor=agency_admin, note="x")

    assert set(exc.value.message_dict) == {"to"}
    organization.refresh_from_db()
    assert organization.verification_status == start
    assert AuditEvent.objects.count() == 0


def test_an_unknown_status_is_refused_naming_the_to_field(agency_admin, pending_org):
    with pytest.raises(TransitionError) as exc:
        services.organization_transition(organization=pending_org, to="approved", actor=agency_admin)

    assert exc.value.message_dict == {"to": ["“approved” is not a known status."]}


def test_rejecting_without_a_reason_is_refused(agency_admin, pending_org):
    with pytest.raises(TransitionError) as exc:
        services.organization_transition(organization=pending_org, to="rejected", actor=agency_admin, note="  ")

    assert set(exc.value.message_dict) == {"note"}
    pending_org.refresh_from_db()
    assert pending_org.verification_status == "pending"


@pytest.mark.parametrize("who", ["pending_buyer", "buyer", "producer", "reviewer", "plain_user"])
def test_only_agency_admins_decide_verification(request, pending_org, who):
    actor = request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        services.organization_transition(organization=pending_org, to="verified", actor=actor)

    pending_org.refresh_from_db()
    assert pending_org.verification_status == "pending"
    assert AuditEvent.objects.count() == 0


def test_a_production_company_has_no_verification(agency_admin, producer_org):
    with pytest.raises(TransitionError) as exc:
        services.organization_transition(organization=producer_org, to="verified", actor=agency_admin)

    assert set(exc.value.message_dict) == {"to"}


def test_owner_updates_company_details(producer, producer_org):
    services.organization_update(
        organization=producer_org, actor=producer, data={"website": "https://demo.example", "city": "Beijing"}
    )

    producer_org.refresh_from_db()
    assert (producer_org.website, producer_org.city) == ("https://demo.example", "Beijing")


def test_a_plain_member_may_not_update_the_company(producer_org):
    member = member_of(producer_org, role=MembershipRole.MEMBER)

    with pytest.raises(PermissionDenied):
        services.organization_update(organization=producer_org, actor=member, data={"city": "Xi'an"})


def test_owner_may_not_change_the_verification_status_through_update(buyer, buyer_org):
    with pytest.raises(ValidationError) as exc:
        services.organization_update(organization=buyer_org, actor=buyer, data={"verification_status": "verified"})

    assert set(exc.value.message_dict) == {"verification_status"}


def test_setting_the_agency_admin_role_opens_the_back_office():
    user = UserFactory()

    services.user_set_staff_role(user=user, role=StaffRole.AGENCY_ADMIN)
    assert (user.is_staff, user.is_agency_admin) == (True, True)

    services.user_set_staff_role(user=user, role=StaffRole.REVIEWER)
    assert (user.is_staff, user.is_agency_admin, user.is_reviewer) == (False, False, True)


def test_profile_update_refuses_an_unknown_time_zone(producer):
    with pytest.raises(ValidationError) as exc:
        services.user_update_profile(user=producer, full_name="Chen", time_zone="Mars/Olympus", language="en")

    assert set(exc.value.message_dict) == {"time_zone"}
    producer.refresh_from_db()
    assert producer.time_zone == "UTC"


def test_company_mail_goes_to_active_members_owners_first():
    organization = BuyerOrganizationFactory()
    member = member_of(organization, role=MembershipRole.MEMBER, email="a-member@example.test")
    owner = member_of(organization, role=MembershipRole.OWNER, email="z-owner@example.test")
    member_of(organization, role=MembershipRole.MEMBER, email="gone@example.test", is_active=False)
    member_of(BuyerOrganizationFactory(), email="elsewhere@example.test")

    assert list(organization_contacts(organization=organization)) == [owner, member]
