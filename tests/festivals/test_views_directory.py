"""The festival directory and a festival's page, following a festival. Every role, bad input, query counts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from festivals.enums import FestivalFocus, FestivalTier
from festivals.models import FestivalFocusTag, FestivalFollow
from tests.festivals.factories import DeadlineFactory, EditionFactory, FestivalFactory, SectionFactory
from tests.festivals.helpers import factory_name, queries_for, text_of
from tests.pages import ROLE_FIXTURES, status_of

pytestmark = pytest.mark.django_db


# --- Directory and festival page ------------------------------------------------------------


@pytest.mark.parametrize("role", list(ROLE_FIXTURES))
def test_the_directory_and_a_festivals_page_are_open_to_everyone(client, as_role, festival, open_section, role):
    as_role(role)

    directory = client.get("/festivals/")
    page = client.get(f"/festivals/{festival.pk}/")

    assert directory.status_code == page.status_code == 200
    assert "Rotterdam Test Festival" in text_of(directory)
    assert "Tiger Competition" in text_of(page)
    assert "60.00 EUR" in text_of(page)


def test_an_unknown_festival_answers_404(client):
    assert client.get("/festivals/999999/").status_code == 404


def test_the_directory_filters_by_tier_country_focus_and_text(client, festival):
    FestivalFactory(name_en="Busan Test", city="Busan", country="KR", tier=FestivalTier.A)

    ours = {"Busan Test", "Rotterdam Test Festival"}  # the directory also holds the real festivals

    def names(query: str) -> set[str]:
        return {f.name_en for f in client.get(f"/festivals/?{query}").context["festivals"]} & ours

    assert names("tier=A") == {"Busan Test"}
    assert names("country=NL") == {"Rotterdam Test Festival"}
    assert names("focus=features") == {"Rotterdam Test Festival"}
    assert names("q=busan") == {"Busan Test"}
    assert names("q=鹿特丹") == {"Rotterdam Test Festival"}


def test_a_bad_directory_filter_answers_400_naming_it(client, festival):
    response = client.get("/festivals/?tier=Z")

    assert response.status_code == 400
    assert "tier" in response.context["form"].errors


def test_the_festival_page_offers_producers_to_submit_to_a_coming_section(client, producer, open_section):
    client.force_login(producer)

    response = client.get(f"/festivals/{open_section.edition.festival_id}/")

    assert f"/festivals/submissions/new/?section={open_section.pk}" in text_of(response)


def test_a_buyer_is_not_offered_to_submit(client, buyer, open_section):
    client.force_login(buyer)

    response = client.get(f"/festivals/{open_section.edition.festival_id}/")

    assert "/festivals/submissions/new/" not in text_of(response)


def test_following_and_unfollowing_a_festival(client, producer, festival):
    client.force_login(producer)

    followed = client.post(f"/festivals/{festival.pk}/follow/", {"action": "follow"})
    again = client.post(f"/festivals/{festival.pk}/follow/", {"action": "follow"})
    assert followed.status_code == again.status_code == 302
    assert FestivalFollow.objects.filter(user=producer, festival=festival).count() == 1
    assert client.get("/festivals/?followed=on").context["festivals"] == [festival]
    assert "Following" in text_of(client.get(f"/festivals/{festival.pk}/"))

    client.post(f"/festivals/{festival.pk}/follow/", {"action": "unfollow"})
    assert not FestivalFollow.objects.filter(user=producer).exists()


def test_following_needs_an_account_and_a_known_action(client, producer, festival):
    anonymous = client.post(f"/festivals/{festival.pk}/follow/", {"action": "follow"})
    assert status_of(anonymous) == "login"

    client.force_login(producer)
    bad = client.post(f"/festivals/{festival.pk}/follow/", {"action": "subscribe"})
    assert bad.status_code == 400
    assert "follow" in text_of(bad)
    assert client.post("/festivals/999999/follow/", {"action": "follow"}).status_code == 404
    assert not FestivalFollow.objects.exists()


def test_the_follow_form_returns_to_a_page_on_this_site_only(client, producer, festival):
    client.force_login(producer)

    inside = client.post(f"/festivals/{festival.pk}/follow/", {"action": "follow", "next": "/festivals/?tier=B"})
    outside = client.post(f"/festivals/{festival.pk}/follow/", {"action": "follow", "next": "https://evil.example/"})

    assert inside.url == "/festivals/?tier=B"
    assert outside.url == f"/festivals/{festival.pk}/"


def _festivals_with_editions(count: int) -> None:
    for _n in range(count):
        festival = FestivalFactory(name_en=factory_name("Counted"))
        FestivalFocusTag.objects.create(festival=festival, focus=FestivalFocus.SHORTS)
        EditionFactory(festival=festival)


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_directory_costs_the_same_queries_for_one_festival_or_many(client, producer, signed_in):
    if signed_in:
        client.force_login(producer)
    _festivals_with_editions(1)
    url = "/festivals/?q=counted"
    client.get(url)  # the session and content types are read once
    one = queries_for(client, url)
    _festivals_with_editions(6)
    many = queries_for(client, url)

    assert many == one


def test_a_festival_page_costs_the_same_queries_for_one_edition_or_many(client, producer, festival, open_section):
    client.force_login(producer)
    url = f"/festivals/{festival.pk}/"
    client.get(url)
    one = queries_for(client, url)
    for year in (2001, 2002, 2003):
        edition = EditionFactory(festival=festival, year=year)
        SectionFactory(edition=edition)
        DeadlineFactory(edition=edition, closes_at=timezone.now() - timedelta(days=400))

    assert queries_for(client, url) == one
