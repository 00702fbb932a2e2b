"""The campaign message as its reader gets it: subject, message and film titles in the reader's
language, a tracked link per film, the unsubscribe link; in the portal, the subject and a link."""

import re

import pytest
from django.test import Client
from django.utils import translation

from campaigns.models import CampaignClick
from campaigns.services import sending
from notifications.models import Notification
from notifications.registry import kind_get
from notifications.selectors import notification_preference_rows
from tests.campaigns.sending_helpers import due_campaign, verified_buyers
from tests.films.factories import PublishedFilmFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def films():
    return [
        PublishedFilmFactory(title_en="Paper Kite", title_original="纸风筝"),
        PublishedFilmFactory(title_en="Salt Road", title_original="盐道"),
    ]


def _send(campaign, capture):
    with capture(execute=True):
        sending.campaign_send(campaign_id=campaign.pk)


def test_an_english_reader_gets_the_english_subject_message_and_titles(
    films, mailoutbox, django_capture_on_commit_callbacks
):
    reader = verified_buyers(1, language="en")[0]
    campaign = due_campaign(films=films, organization__name="Demo Pictures")
    _send(campaign, django_capture_on_commit_callbacks)

    (mail,) = mailoutbox
    assert mail.to == [reader.email]
    assert mail.subject == "New Chinese films for your autumn line-up"
    assert "Three festival films, available for Europe." in mail.body
    assert "The films Demo Pictures recommends:" in mail.body
    assert "- “Paper Kite”: http://" in mail.body
    assert "- “Salt Road”: http://" in mail.body
    assert "/notifications/unsubscribe/" in mail.body
    assert mail.extra_headers["List-Unsubscribe"].startswith("<http")


def test_a_chinese_reader_gets_the_chinese_subject_message_and_titles(
    films, mailoutbox, django_capture_on_commit_callbacks
):
    verified_buyers(1, language="zh-hans")
    campaign = due_campaign(films=films)
    _send(campaign, django_capture_on_commit_callbacks)

    (mail,) = mailoutbox
    assert mail.subject == "适合秋季片单的中国新片"
    assert "三部电影节影片，欧洲版权可售。" in mail.body
    assert "- 《纸风筝》: http://" in mail.body
    assert "- 《盐道》: http://" in mail.body


def test_a_chinese_reader_of_a_campaign_without_chinese_reads_the_english(
    films, mailoutbox, django_capture_on_commit_callbacks
):
    verified_buyers(1, language="zh-hans")
    campaign = due_campaign(films=films, subject_zh="", message_zh="")
    _send(campaign, django_capture_on_commit_callbacks)
    assert mailoutbox[0].subject == "New Chinese films for your autumn line-up"
    assert "Three festival films" in mailoutbox[0].body


def test_each_film_link_counts_a_click_of_that_reader_and_film(films, mailoutbox, django_capture_on_commit_callbacks):
    reader, _other = verified_buyers(2)
    campaign = due_campaign(films=films)
    _send(campaign, django_capture_on_commit_callbacks)
    mail = next(m for m in mailoutbox if m.to == [reader.email])
    links = re.findall(r"http://[^/]+(/campaigns/go/[^/\s]+/)", mail.body)
    assert len(links) == 2

    response = Client().get(links[1])
    assert response.status_code == 302
    assert response.url == f"/films/{films[1].pk}/"
    click = CampaignClick.objects.get()
    assert (click.delivery.recipient, click.film) == (reader, films[1])


def test_in_the_portal_the_notification_shows_the_subject_in_the_readers_language(films):
    reader = verified_buyers(1, language="zh-hans")[0]
    campaign = due_campaign(films=films)
    sending.campaign_send(campaign_id=campaign.pk)
    notification = Notification.objects.get(recipient=reader)
    with translation.override("zh-hans"):
        assert notification.subject_line == "适合秋季片单的中国新片"
    with translation.override("en"):
        assert notification.subject_line == "New Chinese films for your autumn line-up"
    assert notification.url == f"/campaigns/{campaign.pk}/open/"
    assert notification.in_app


def test_the_in_app_link_counts_a_click_for_its_recipient_and_opens_the_first_film(client, films):
    reader = verified_buyers(1)[0]
    campaign = due_campaign(films=films)
    sending.campaign_send(campaign_id=campaign.pk)
    client.force_login(reader)
    response = client.get(f"/campaigns/{campaign.pk}/open/")
    assert response.status_code == 302
    assert response.url == f"/films/{films[0].pk}/"
    assert CampaignClick.objects.get().film == films[0]
    assert campaign.deliveries.get().first_click_at is not None


def test_the_in_app_link_of_a_campaign_one_did_not_receive_is_not_found(client, films, pending_buyer):
    verified_buyers(1)
    campaign = due_campaign(films=films)
    sending.campaign_send(campaign_id=campaign.pk)
    client.force_login(pending_buyer)
    assert client.get(f"/campaigns/{campaign.pk}/open/").status_code == 404
    assert client.get("/campaigns/999999/open/").status_code == 404
    assert not CampaignClick.objects.exists()


def test_the_campaign_kind_is_on_the_preferences_page_and_unsubscribable(buyer):
    kind = kind_get(sending.CAMPAIGN_KIND)
    assert kind.unsubscribable
    assert kind.listed
    assert sending.CAMPAIGN_KIND in [spec.code for spec, _mode in notification_preference_rows(user=buyer)]
