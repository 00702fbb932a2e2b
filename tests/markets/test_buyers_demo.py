import pytest

from accounts.enums import BuyerType, BuyerVerificationStatus
from markets.demo_buyers import demo_buyers_build
from markets.models import BuyerProfile
from tests.factories import BuyerOrganizationFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_buyers():
    verified = BuyerOrganizationFactory(
        name="Overseas Distribution", verification_status=BuyerVerificationStatus.VERIFIED
    )
    member = member_of(verified, email="buyer@demo.test")
    BuyerOrganizationFactory(
        name="Nordlicht Broadcasting",
        country="DE",
        buyer_type=BuyerType.BROADCASTER,
        verification_status=BuyerVerificationStatus.SUSPENDED,
    )
    BuyerOrganizationFactory(name="Pending Buyers", country="BR", buyer_type=BuyerType.STREAMING_PLATFORM)
    BuyerOrganizationFactory(name="Quickflip Media", verification_status=BuyerVerificationStatus.REJECTED)
    return member


def test_the_demo_builds_bilingual_profiles_one_sharing_and_others_not(agency_admin, demo_buyers):
    assert demo_buyers_build(admin=agency_admin).profiles == 3
    profiles = {p.organization.name: p for p in BuyerProfile.objects.select_related("organization")}
    assert sorted(profiles) == ["Nordlicht Broadcasting", "Overseas Distribution", "Pending Buyers"]
    assert [name for name, p in sorted(profiles.items()) if p.share_activity] == ["Overseas Distribution"]
    for profile in profiles.values():
        assert all((profile.description_en, profile.description_zh))
        assert all((profile.genre_rows.exists(), profile.territory_rows.exists(), profile.media_rows.exists()))
        assert profile.budget_min_amount < profile.budget_max_amount
    # Latin America was expanded to its countries.
    assert profiles["Pending Buyers"].territory_rows.filter(country="MX").exists()


def test_building_again_creates_nothing(agency_admin, demo_buyers):
    demo_buyers_build(admin=agency_admin)
    assert demo_buyers_build(admin=agency_admin).profiles == 0
    assert BuyerProfile.objects.count() == 3
