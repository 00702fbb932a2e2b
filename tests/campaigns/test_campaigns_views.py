"""Campaign pages tried with every role: the list, starting and editing a draft (with the recipient
count before saving), a campaign's page (segment in words, the count, moves, notice, timeline),
the approval queue, bad input on the form, and lists keeping their queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.enums import CampaignStatus
from campaigns.models import Campaign
from campaigns.services import campaign_transition
from tests.campaigns.campaigns_helpers import buyer_world
from tests.campaigns.factories import CampaignFactory
from tests.films.factories import PublishedFilmFactory
from tests.pages import ROLES, status_of

pytestmark = pytest.mark.django_db

_C = CampaignStatus
LIST = "/campaigns/"


@pytest.fixture
def world(db):
    return buyer_world()


@pytest.fixture
def film(producer_org):
    return PublishedFilmFactory(organization=producer_org, title_en="Quiet Harbour", genres=["drama"])


@pytest.fixture
def campaign(film):
    return CampaignFactory(organization=film.organization, films=[film], countries=["FR"], territories=["FR"])


def form_data(film, **over) -> dict:
    send_at = (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "name": "Autumn slate",
        "subject_en": "New Chinese dramas",
        "subject_zh": "",
        "message_en": "Two festival dramas.",
        "message_zh": "",
        "films": [str(film.pk)],
        "buyer_types": ["distributor"],
        "territories": "FR",
        "genres": ["drama"],
        "by_email": "on",
        "in_app": "on",
        "featured_from": "",
        "featured_until": "",
        "send_at": send_at,
        "action": "save",
    }
    data.update(over)
    return data


LIST_STATUS = {"owner": 200, "other": 200, "buyer": 403, "unverified": 403, "anonymous": "login", "reviewer": 403}
DETAIL_STATUS = {"owner": 200, "other": 404, "buyer": 404, "unverified": 404, "anonymous": "login", "reviewer": 404}


@pytest.mark.parametrize("role", ROLES)
def test_list_and_detail_per_role(client, as_role, campaign, role):
    as_role(role)
    listed = client.get(LIST)
    detail = client.get(f"{LIST}{campaign.pk}/")

    assert status_of(listed) == LIST_STATUS.get(role, 200)
    assert status_of(detail) == DETAIL_STATUS.get(role, 200)
    if status_of(listed) == 200:
        shown = [row.pk for row in listed.context["campaigns"]]
        assert shown == ([campaign.pk] if role in ("owner", "admin") else [])


@pytest.mark.parametrize("role", ROLES)
def test_new_page_per_role(client, as_role, role):
    as_role(role)
    expected = {"owner": 200, "other": 200, "admin": 200, "anonymous": "login"}.get(role, 403)

    assert status_of(client.get(f"{LIST}new/")) == expected


@pytest.mark.parametrize("role", ROLES)
def test_edit_page_per_role(client, as_role, campaign, role):
    as_role(role)
    expected = {"owner": 200, "admin": 403, "anonymous": "login"}.get(role, 404)

    assert status_of(client.get(f"{LIST}{campaign.pk}/edit/")) == expected


@pytest.mark.parametrize("role", ROLES)
def test_approval_queue_per_role(client, as_role, campaign, role):
    campaign.status = _C.SUBMITTED
    campaign.save()
    as_role(role)
    response = client.get(f"{LIST}approvals/")

    assert status_of(response) == {"admin": 200, "anonymous": "login"}.get(role, 403)
    if role == "admin":
        assert [row.pk for row in response.context["campaigns"]] == [campaign.pk]


def test_a_producer_starts_a_campaign_from_the_form(client, producer, film):
    client.force_login(producer)

    response = client.post(f"{LIST}new/", form_data(film))

    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response.url == f"{LIST}{campaign.pk}/"
    assert campaign.organization_id == film.organization_id
    assert list(campaign.films.all()) == [film]
    assert campaign.send_at > timezone.now()


def test_the_send_time_is_typed_in_the_users_time_zone(client, producer, film):
    producer.time_zone = "Asia/Shanghai"
    producer.save()
    client.force_login(producer)
    typed = (timezone.now() + timedelta(days=3)).astimezone(timezone.get_fixed_timezone(480)).replace(second=0)

    client.post(f"{LIST}new/", form_data(film, send_at=typed.strftime("%Y-%m-%dT%H:%M")))

    assert Campaign.objects.get().send_at == typed.replace(microsecond=0)


def test_bad_input_on_the_form_is_named_and_nothing_saved(client, producer, producer_org, film):
    client.force_login(producer)
    past = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    other = PublishedFilmFactory(title_en="Not Ours")

    response = client.post(
        f"{LIST}new/",
        form_data(film, name="", territories="FR, Atlantis", send_at=past, films=[str(other.pk)]),
    )
    nul = client.post(f"{LIST}new/", form_data(film, name="A\x00B"))

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"name", "territories", "send_at", "films"} <= set(errors)
    assert nul.status_code == 400
    assert Campaign.objects.count() == 0


def test_count_recipients_before_saving(client, producer, world, film):
    client.force_login(producer)

    response = client.post(f"{LIST}new/", form_data(film, action="count", genres=["drama"], buyer_types=[]))

    assert response.status_code == 200
    assert response.context["preview"] == {"recipients": 2, "companies": 1}
    assert "reaches 2 buyers at 1 companies" in response.content.decode()
    assert Campaign.objects.count() == 0


def test_the_edit_form_saves_a_draft_and_counts(client, producer, world, campaign, film):
    client.force_login(producer)

    counted = client.post(f"{LIST}{campaign.pk}/edit/", form_data(film, action="count", territories="europe"))
    saved = client.post(f"{LIST}{campaign.pk}/edit/", form_data(film, name="Renamed", territories="DE"))

    assert counted.context["preview"] == {"recipients": 2, "companies": 1}
    assert saved.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.name, campaign.countries) == ("Renamed", ["DE"])


def test_a_submitted_campaign_cannot_be_edited(client, producer, campaign):
    campaign.status = _C.SUBMITTED
    campaign.save()
    client.force_login(producer)

    assert client.get(f"{LIST}{campaign.pk}/edit/").status_code == 403


def test_the_detail_shows_the_segment_in_words_and_the_count(client, producer, world, campaign):
    client.force_login(producer)

    response = client.get(f"{LIST}{campaign.pk}/")

    body = response.content.decode()
    assert response.context["preview"] == {"recipients": 2, "companies": 1}
    assert response.context["segment"]["territories"] == "France"
    assert response.context["segment"]["genres"] == "Any genre"
    assert "Quiet Harbour" in body
    assert [move.target for move in response.context["moves"]] == [_C.SUBMITTED, _C.CANCELLED]


def test_producer_submits_and_the_admin_approves_and_returns_on_the_pages(client, producer, agency_admin, world, film):
    campaign = CampaignFactory(organization=film.organization, films=[film], countries=["FR"])
    client.force_login(producer)

    submitted = client.post(f"{LIST}{campaign.pk}/transition/", {"to": _C.SUBMITTED})
    refused = client.post(f"{LIST}{campaign.pk}/transition/", {"to": _C.APPROVED})

    assert submitted.status_code == 302
    assert refused.status_code == 403
    client.force_login(agency_admin)
    returned = client.post(f"{LIST}{campaign.pk}/transition/", {"to": _C.DRAFT, "note": "Shorter, please."})
    assert returned.status_code == 302
    page = client.get(f"{LIST}{campaign.pk}/")
    assert page.context["notice"].note == "Shorter, please."
    assert [event.to_state for event in page.context["events"]] == [_C.DRAFT, _C.SUBMITTED, ""] or [
        event.to_state for event in page.context["events"]
    ][:2] == [_C.DRAFT, _C.SUBMITTED]


def test_a_refused_move_shows_every_reason_on_the_page(client, producer, campaign):
    client.force_login(producer)  # no buyers at all: the segment is empty

    response = client.post(f"{LIST}{campaign.pk}/transition/", {"to": _C.SUBMITTED})

    assert response.status_code == 400
    assert response.context["transition_refused"].errors == [
        "The segment reaches no verified buyer: widen the buyer types, territories or genres."
    ]


def test_the_agency_approves_its_own_campaign_on_its_page(client, agency_admin, world, film):
    campaign = CampaignFactory(organization=None, films=[film], countries=["FR"])
    client.force_login(agency_admin)

    response = client.post(f"{LIST}{campaign.pk}/transition/", {"to": _C.APPROVED})

    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == _C.APPROVED


def test_scheduled_shows_the_count_taken_then(client, producer, agency_admin, world, campaign):
    campaign_transition(campaign=campaign, to=_C.SUBMITTED, actor=producer)
    campaign_transition(campaign=campaign, to=_C.APPROVED, actor=agency_admin)
    campaign_transition(campaign=campaign, to=_C.SCHEDULED, actor=producer)
    client.force_login(producer)

    response = client.get(f"{LIST}{campaign.pk}/")

    assert response.context["preview"] is None
    assert "Counted when scheduled: 2 buyers." in response.content.decode()


def test_the_list_filters_by_status(client, producer, campaign, film):
    CampaignFactory(organization=film.organization, status=_C.SENT)
    client.force_login(producer)

    response = client.get(LIST, {"status": "draft"})
    bad = client.get(LIST, {"status": "nonsense"})

    assert [row.pk for row in response.context["campaigns"]] == [campaign.pk]
    assert bad.status_code == 200
    assert len(bad.context["campaigns"]) == 2


@pytest.mark.parametrize("n", [1, 4])
def test_the_list_costs_a_fixed_number_of_queries(client, producer, film, n):
    for _i in range(n):
        CampaignFactory(organization=film.organization, films=[film])
    client.force_login(producer)
    client.get(LIST)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST)

    assert len(response.context["campaigns"]) == n
    assert len(queries) == 7


@pytest.mark.parametrize("n", [1, 4])
def test_the_approval_queue_costs_a_fixed_number_of_queries(client, agency_admin, film, n):
    for _i in range(n):
        CampaignFactory(organization=film.organization, films=[film], status=_C.SUBMITTED)
    client.force_login(agency_admin)
    client.get(f"{LIST}approvals/")

    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{LIST}approvals/")

    assert len(response.context["campaigns"]) == n
    assert len(queries) == 5


@pytest.mark.parametrize("role", ROLES)
def test_the_transition_page_per_role(client, as_role, world, campaign, role):
    as_role(role)

    response = client.post(f"{LIST}{campaign.pk}/transition/", {"to": _C.SUBMITTED})

    assert status_of(response) == {"owner": 302, "admin": 403, "anonymous": "login"}.get(role, 404)
    campaign.refresh_from_db()
    assert (campaign.status == _C.SUBMITTED) is (role == "owner")


def test_cancelling_asks_first_on_the_page(client, producer, campaign):
    client.force_login(producer)

    asked = client.post(f"{LIST}{campaign.pk}/transition/", {"to": _C.CANCELLED})
    confirmed = client.post(f"{LIST}{campaign.pk}/transition/", {"to": _C.CANCELLED, "confirmed": "1"})

    assert asked.status_code == 200
    assert "cannot be sent later" in asked.content.decode()
    assert confirmed.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == _C.CANCELLED


def test_the_pages_render_for_a_chinese_reader(client, producer, world, campaign):
    campaign.territories, campaign.genres, campaign.buyer_types = ["europe", "TW"], ["drama"], ["distributor"]
    campaign.save()
    client.force_login(producer)

    detail = client.get(f"{LIST}{campaign.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    edit = client.get(f"{LIST}{campaign.pk}/edit/", HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert (detail.status_code, edit.status_code) == (200, 200)
    assert "中国台湾" in detail.context["segment"]["territories"]


def test_a_sent_campaign_links_to_its_report_and_a_draft_does_not(client, producer, campaign):
    client.force_login(producer)
    assert 'id="campaign-report-link"' not in client.get(f"/campaigns/{campaign.pk}/").content.decode()

    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.SENT)
    page = client.get(f"/campaigns/{campaign.pk}/").content.decode()

    assert f'href="/campaigns/{campaign.pk}/report/"' in page
