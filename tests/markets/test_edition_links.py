"""A market's page leads producers to registering and to the pavilion, and agency admins to the
pavilion's page, for each coming edition (the pavilion read with the editions: no query each)."""

import pytest

from tests.markets.participation_factories import ParticipationEditionFactory, PavilionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editions():
    with_pavilion = PavilionFactory().edition
    without = ParticipationEditionFactory(market=with_pavilion.market, year=with_pavilion.year + 1)
    without.starts_on = without.starts_on.replace(year=without.year)
    without.ends_on = without.ends_on.replace(year=without.year)
    without.save()
    return with_pavilion, without


def test_a_producer_is_offered_registration_and_the_pavilion_where_there_is_one(client, producer, editions):
    with_pavilion, without = editions
    client.force_login(producer)

    page = client.get(f"/markets/{with_pavilion.market_id}/").content.decode()

    assert f"/markets/participations/new/?edition={with_pavilion.pk}" in page
    assert f"/markets/participations/new/?edition={without.pk}" in page
    assert f"/markets/pavilion/{with_pavilion.pk}/apply/" in page
    assert f"/markets/pavilion/{without.pk}/apply/" not in page
    assert f'href="/markets/pavilion/{with_pavilion.pk}/"' not in page


def test_an_agency_admin_is_led_to_the_pavilion_page(client, agency_admin, editions):
    with_pavilion, _without = editions
    client.force_login(agency_admin)

    page = client.get(f"/markets/{with_pavilion.market_id}/").content.decode()

    assert f'href="/markets/pavilion/{with_pavilion.pk}/"' in page
    assert "/markets/participations/new/" not in page


@pytest.mark.parametrize("role", ["buyer", "anonymous"])
def test_others_see_no_participation_links(as_role, client, editions, role):
    with_pavilion, _without = editions
    as_role(role)

    page = client.get(f"/markets/{with_pavilion.market_id}/").content.decode()

    assert "/markets/participations/" not in page
    assert "/markets/pavilion/" not in page


def test_the_page_reads_the_pavilions_with_the_editions(client, producer, editions, django_assert_max_num_queries):
    with_pavilion, _without = editions
    client.force_login(producer)
    client.get(f"/markets/{with_pavilion.market_id}/")

    with django_assert_max_num_queries(12) as captured:
        client.get(f"/markets/{with_pavilion.market_id}/")

    assert not [q for q in captured.captured_queries if 'FROM "markets_pavilion"' in q["sql"]]
