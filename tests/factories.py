import factory
from factory.django import DjangoModelFactory

from accounts.enums import (
    VERIFIED_KINDS,
    BuyerType,
    BuyerVerificationStatus,
    MembershipRole,
    OrganizationKind,
    StaffRole,
    VerificationStatus,
)
from accounts.models import Membership, Organization, User

PASSWORD = "Film-Portal-Test-9"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class AgencyAdminFactory(UserFactory):
    staff_role = StaffRole.AGENCY_ADMIN
    is_staff = True


class ReviewerFactory(UserFactory):
    staff_role = StaffRole.REVIEWER


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Company {n}")
    kind = OrganizationKind.PRODUCTION_COMPANY
    country = "CN"
    # Producer companies are verified unless a test says otherwise; the agency has no status.
    verification_status = factory.LazyAttribute(
        lambda o: VerificationStatus.VERIFIED if o.kind in VERIFIED_KINDS else ""
    )


class PendingProducerOrganizationFactory(OrganizationFactory):
    """A producer company that signed up and waits for the agency, with what it gave."""

    verification_status = VerificationStatus.PENDING
    registration_number = factory.Sequence(lambda n: f"91110000MA0{n:07d}")


class BuyerOrganizationFactory(OrganizationFactory):
    kind = OrganizationKind.BUYER_COMPANY
    buyer_type = BuyerType.DISTRIBUTOR
    country = "FR"
    verification_status = BuyerVerificationStatus.PENDING


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = MembershipRole.OWNER


def member_of(organization: Organization, *, role: str = MembershipRole.OWNER, **user_fields) -> User:
    """A new user belonging to ``organization``."""
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, organization=organization, role=role)
    return user
