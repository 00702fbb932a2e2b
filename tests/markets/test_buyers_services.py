from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.enums import BuyerVerificationStatus
from films.territories import NORTH_AMERICA
from markets import services
from markets.models import BuyerProfile
from tests.factories import member_of
from tests.markets.buyers_factories import buyer_with_profile

pytestmark = pytest.mark.django_db


def _errors(buyer, buyer_org, **values) -> dict:
    with pytest.raises(ValidationError) as caught:
        services.buyer_profile_update(organization=buyer_org, actor=buyer, **values)
    assert not BuyerProfile.objects.filter(organization=buyer_org).exists()
    return caught.value.message_dict


def test_a_profile_is_saved_with_regions_expanded_to_countries(buyer, buyer_org):
    profile = services.buyer_profile_update(
        organization=buyer_org,
        actor=buyer,
        description_en=" Arthouse distributor. ",
        description_zh="艺术片发行商。",
        genres=["drama", "comedy"],
        territories=["north_america", "FR"],
        media=["svod", "theatrical"],
        budget_min="10000",
        budget_max="50000.5",
        budget_currency="eur",
        share_activity=True,
    )
    assert profile.description_en == "Arthouse distributor."
    assert sorted(profile.territory_rows.values_list("country", flat=True)) == sorted([*NORTH_AMERICA, "FR"])
    assert sorted(profile.genre_rows.values_list("genre__slug", flat=True)) == ["comedy", "drama"]
    assert sorted(profile.media_rows.values_list("media", flat=True)) == ["svod", "theatrical"]
    assert (profile.budget_min_amount, profile.budget_max_amount, profile.budget_currency) == (
        Decimal("10000.00"),
        Decimal("50000.50"),
        "EUR",
    )
    assert profile.share_activity is True


def test_saving_again_replaces_the_interests(buyer, buyer_org):
    services.buyer_profile_update(organization=buyer_org, actor=buyer, genres=["drama"], territories=["FR"])
    profile = services.buyer_profile_update(organization=buyer_org, actor=buyer, genres=["comedy"])
    assert list(profile.genre_rows.values_list("genre__slug", flat=True)) == ["comedy"]
    assert not profile.territory_rows.exists()
    assert BuyerProfile.objects.count() == 1


def test_a_budget_whose_lower_end_is_above_its_upper_end_is_refused(buyer, buyer_org):
    errors = _errors(buyer, buyer_org, budget_min="500", budget_max="100", budget_currency="USD")
    assert list(errors) == ["budget_max"]


def test_an_amount_without_a_currency_names_the_currency(buyer, buyer_org):
    assert _errors(buyer, buyer_org, budget_min="500") == {"budget_currency": ["Give the currency of the budget."]}


def test_an_unknown_currency_and_too_many_decimals_are_refused(buyer, buyer_org):
    assert list(_errors(buyer, buyer_org, budget_min="5", budget_currency="XYZ")) == ["budget_currency"]
    assert list(_errors(buyer, buyer_org, budget_max="5.5", budget_currency="JPY")) == ["budget_max"]
    assert list(_errors(buyer, buyer_org, budget_min="-5", budget_currency="EUR")) == ["budget_min"]


def test_nul_characters_are_refused_naming_the_field(buyer, buyer_org):
    errors = _errors(buyer, buyer_org, description_en="bad\x00text", genres=["dra\x00ma"])
    assert sorted(errors) == ["description_en", "genres"]


def test_unknown_country_genre_and_media_are_each_named(buyer, buyer_org):
    errors = _errors(buyer, buyer_org, genres=["space-opera"], territories=["XX", "atlantis"], media=["radio"])
    assert errors == {
        "genres": ["Unknown genre: space-opera."],
        "territories": ["Unknown territory: XX, atlantis."],
        "media": ["Unknown media: radio."],
    }


def test_a_list_must_be_a_list_of_codes(buyer, buyer_org):
    assert list(_errors(buyer, buyer_org, genres="drama")) == ["genres"]
    assert list(_errors(buyer, buyer_org, media=[1, 2])) == ["media"]


@pytest.mark.parametrize("who", ["other_buyer", "unverified_member", "producer"], ids=lambda who: who)
def test_only_a_verified_buyer_companys_members_may_change_its_profile(request, buyer_org, who):
    if who == "other_buyer":
        actor = member_of(buyer_with_profile("Elsewhere"), email="else@example.test")
        organization = buyer_org
    elif who == "unverified_member":
        organization = buyer_with_profile("Waiting", status=BuyerVerificationStatus.PENDING)
        actor = member_of(organization, email="wait@example.test")
    else:
        actor, organization = request.getfixturevalue(who), buyer_org
    with pytest.raises(PermissionDenied):
        services.buyer_profile_update(organization=organization, actor=actor, genres=["drama"])


def test_a_producer_company_has_no_buyer_profile(producer, producer_org):
    with pytest.raises(ValidationError) as caught:
        services.buyer_profile_update(organization=producer_org, actor=producer)
    assert list(caught.value.message_dict) == ["organization"]


def test_completeness_lists_what_is_missing(buyer, buyer_org):
    assert services.buyer_profile_missing(None) == ["description", "genres", "territories", "media", "budget"]
    profile = services.buyer_profile_update(organization=buyer_org, actor=buyer, genres=["drama"], media=["svod"])
    assert services.buyer_profile_missing(profile) == ["description", "territories", "budget"]


def test_an_agency_admin_may_keep_any_buyer_companys_profile(agency_admin):
    suspended = buyer_with_profile("Suspended", status=BuyerVerificationStatus.SUSPENDED)
    profile = services.buyer_profile_update(organization=suspended, actor=agency_admin, genres=["drama"])
    assert list(profile.genre_rows.values_list("genre__slug", flat=True)) == ["drama"]
