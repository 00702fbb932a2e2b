"""The click redirect: a signed token names a delivery and a film; following it records a click
and goes on to the film's page; a tampered or foreign token records nothing and says why."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core import signing
from django.urls import reverse

from campaigns.models import CampaignClick
from campaigns.services import sending
from tests.campaigns.sending_helpers import due_campaign, verified_buyers
from tests.films.factories import PublishedFilmFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def sent():
    """A sent campaign of two films to two readers: (campaign, films, readers)."""
    readers = verified_buyers(2)
    films = [PublishedFilmFactory(), PublishedFilmFactory()]
    campaign = due_campaign(films=films)
    sending.campaign_send(campaign_id=campaign.pk)
    return campaign, films, readers


def _link(campaign, reader, film) -> str:
    token = sending.click_token(campaign_id=campaign.pk, recipient_id=reader.pk, film_id=film.pk)
    return reverse("campaigns_reports:click", args=[token])


def test_a_click_is_recorded_with_the_first_click_time_and_redirects_to_the_film(client, sent):
    campaign, films, (reader, _other) = sent
    with time_machine.travel(NOW, tick=False):
        response = client.get(_link(campaign, reader, films[0]))
    assert response.status_code == 302
    assert response.url == reverse("films:film_detail", args=[films[0].pk])
    delivery = campaign.deliveries.get(recipient=reader)
    assert delivery.first_click_at == NOW
    assert list(CampaignClick.objects.values_list("delivery", "film")) == [(delivery.pk, films[0].pk)]


def test_later_clicks_are_counted_and_keep_the_first_click_time(client, sent):
    campaign, films, (reader, _other) = sent
    with time_machine.travel(NOW, tick=False):
        client.get(_link(campaign, reader, films[0]))
    client.get(_link(campaign, reader, films[1]))
    client.get(_link(campaign, reader, films[0]))
    assert CampaignClick.objects.count() == 3
    assert campaign.deliveries.get(recipient=reader).first_click_at == NOW


def test_a_signed_in_stranger_following_a_readers_link_counts_for_the_reader(client, sent, producer):
    # The link names the delivery; who follows it (a forwarded mail) is not known to it.
    campaign, films, (reader, _other) = sent
    client.force_login(producer)
    assert client.get(_link(campaign, reader, films[0])).status_code == 302
    assert CampaignClick.objects.get().delivery.recipient == reader


def test_a_visitor_who_is_not_signed_in_still_reaches_the_film_page(client, sent):
    campaign, films, (reader, _other) = sent
    response = client.get(_link(campaign, reader, films[0]), follow=True)
    assert response.redirect_chain[0] == (reverse("films:film_detail", args=[films[0].pk]), 302)
    assert response.status_code == 200
    assert CampaignClick.objects.count() == 1


def _refused(response) -> None:
    assert response.status_code == 400
    assert "This campaign link is not valid" in response.content.decode()
    assert not CampaignClick.objects.exists()


def test_a_tampered_token_records_nothing_and_says_so(client, sent):
    campaign, films, (reader, _other) = sent
    link = _link(campaign, reader, films[0])
    token = link.split("/")[-2]
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    _refused(client.get(reverse("campaigns_reports:click", args=[tampered])))


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "a" * 5000,
        "WzEsMSwxXQ",
        signing.dumps([1, 2, 3], salt="notifications.unsubscribe"),  # signed, but for another purpose
        signing.dumps({"c": 1}, salt=sending.CLICK_SALT),
        signing.dumps([1, 2, "3"], salt=sending.CLICK_SALT),
        signing.dumps([1, 2], salt=sending.CLICK_SALT),
    ],
    # Stable ids: a signed token holds its moment, and every test worker must collect the same ids.
    ids=["nonsense", "too long", "unsigned", "another purpose", "a dict", "a text id", "too short"],
)
def test_malformed_or_foreign_tokens_record_nothing(client, sent, token):
    _refused(client.get(f"/campaigns/go/{token}/"))


def test_a_nul_byte_in_the_token_records_nothing(client, sent):
    response = client.get("/campaigns/go/abc%00def/")
    assert response.status_code in (400, 404)
    assert not CampaignClick.objects.exists()


def test_a_token_for_a_film_the_campaign_does_not_promote_records_nothing(client, sent):
    campaign, _films, (reader, _other) = sent
    _refused(client.get(_link(campaign, reader, PublishedFilmFactory())))


def test_a_token_for_a_person_the_campaign_did_not_reach_records_nothing(client, sent, pending_buyer):
    campaign, films, _readers = sent
    _refused(client.get(_link(campaign, pending_buyer, films[0])))


def test_a_token_of_another_campaign_that_reached_nobody_records_nothing(client, sent):
    _campaign, films, (reader, _other) = sent
    other = due_campaign(films=films)  # never sent: no deliveries
    _refused(client.get(_link(other, reader, films[0])))
