"""The campaigns API tried with every role: list and detail visibility, creating, PATCH while a
draft, moves with ``transition/`` (approval required for producers, the agency's own approved
directly), the recipient count, filters, bad input as 400 naming the field, and lists keeping
their queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.enums import CampaignStatus
from campaigns.models import Campaign
from tests.campaigns.campaigns_helpers import buyer_world
from tests.campaigns.factories import CampaignFactory
from tests.films.factories import FilmFactory, PublishedFilmFactory
from tests.pages import ROLE_FIXTURES, ROLES

pytestmark = pytest.mark.django_db

_C = CampaignStatus
URL = "/api/v1/campaigns/"


@pytest.fixture
def world(db):
    return buyer_world()


@pytest.fixture
def film(producer_org):
    return PublishedFilmFactory(organization=producer_org, title_en="Quiet Harbour", genres=["drama"])


@pytest.fixture
def campaign(film):
    return CampaignFactory(organization=film.organization, films=[film], countries=["FR"], territories=["FR"])


def login(api_client, request, role):
    user = request.getfixturevalue(ROLE_FIXTURES[role])
    if user is not None:
        api_client.force_authenticate(user)
    return user


def body(film, **over) -> dict:
    data = {
        "name": "Autumn slate",
        "subject_en": "New Chinese dramas",
        "message_en": "Two festival dramas.",
        "films": [film.pk],
        "buyer_types": ["distributor"],
        "territories": ["FR"],
        "genres": ["drama"],
        "send_at": (timezone.now() + timedelta(days=7)).isoformat(),
    }
    data.update(over)
    return data


SEES = {"owner", "admin"}


@pytest.mark.parametrize("role", ROLES)
def test_list_and_detail_per_role(api_client, request, campaign, role):
    login(api_client, request, role)
    listed = api_client.get(URL)
    detail = api_client.get(f"{URL}{campaign.pk}/")
    recipients = api_client.get(f"{URL}{campaign.pk}/recipients/")

    if role == "anonymous":
        assert (listed.status_code, detail.status_code, recipients.status_code) == (401, 401, 401)
        return
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()["results"]] == ([campaign.pk] if role in SEES else [])
    assert detail.status_code == (200 if role in SEES else 404)
    assert recipients.status_code == (200 if role in SEES else 404)


@pytest.mark.parametrize("role", ROLES)
def test_create_per_role(api_client, request, film, role):
    login(api_client, request, role)

    response = api_client.post(URL, body(film), format="json")

    expected = {"owner": 201, "admin": 201, "anonymous": 401}.get(role, 403)
    if role == "other":
        expected = 400  # a producer, but not of the film's company: the film is named
    assert response.status_code == expected, response.json()
    if expected == 201:
        data = response.json()
        assert data["organization"] == (film.organization_id if role == "owner" else None)
        assert data["status"] == "draft"
        assert data["films"] == [film.pk]
    if role == "other":
        assert list(response.json()["errors"]) == ["films"]


@pytest.mark.parametrize("role", ROLES)
def test_patch_per_role(api_client, request, campaign, role):
    login(api_client, request, role)

    response = api_client.patch(f"{URL}{campaign.pk}/", {"name": "Renamed"}, format="json")

    expected = {"owner": 200, "admin": 403, "anonymous": 401}.get(role, 404)
    assert response.status_code == expected
    campaign.refresh_from_db()
    assert (campaign.name == "Renamed") is (expected == 200)


@pytest.mark.parametrize("role", ROLES)
def test_submit_per_role(api_client, request, world, campaign, role):
    login(api_client, request, role)

    response = api_client.post(f"{URL}{campaign.pk}/transition/", {"to": "submitted"}, format="json")

    expected = {"owner": 200, "admin": 403, "anonymous": 401}.get(role, 404)
    assert response.status_code == expected


def test_the_life_cycle_through_the_api(api_client, world, producer, agency_admin, campaign):
    api_client.force_authenticate(producer)
    detail = api_client.get(f"{URL}{campaign.pk}/").json()
    assert detail["allowed_transitions"] == ["submitted", "cancelled"]
    assert detail["blocked_transitions"] == []
    assert api_client.post(f"{URL}{campaign.pk}/transition/", {"to": "submitted"}).status_code == 200
    assert api_client.post(f"{URL}{campaign.pk}/transition/", {"to": "approved"}).status_code == 403

    api_client.force_authenticate(agency_admin)
    approved = api_client.post(f"{URL}{campaign.pk}/transition/", {"to": "approved"})
    assert approved.json()["status"] == "approved"

    api_client.force_authenticate(producer)
    scheduled = api_client.post(f"{URL}{campaign.pk}/transition/", {"to": "scheduled"})
    assert scheduled.status_code == 200
    assert scheduled.json()["recipients_count"] == 2


def test_the_agencys_campaign_is_approved_directly(api_client, world, agency_admin, film):
    api_client.force_authenticate(agency_admin)
    created = api_client.post(URL, body(film), format="json").json()
    assert "approved" in created["allowed_transitions"]

    response = api_client.post(f"{URL}{created['id']}/transition/", {"to": "approved"}, format="json")

    assert response.status_code == 200
    assert response.json()["status"] == "approved"


def test_an_empty_segment_is_refused_under_to_with_the_reason(api_client, producer, campaign):
    api_client.force_authenticate(producer)

    detail = api_client.get(f"{URL}{campaign.pk}/").json()
    response = api_client.post(f"{URL}{campaign.pk}/transition/", {"to": "submitted"}, format="json")

    reason = "The segment reaches no verified buyer: widen the buyer types, territories or genres."
    assert detail["blocked_transitions"] == [{"to": "submitted", "reasons": [reason]}]
    assert response.status_code == 400
    assert response.json()["errors"] == {"to": [reason]}


def test_recipients_count_the_segment(api_client, world, producer, campaign):
    api_client.force_authenticate(producer)

    response = api_client.get(f"{URL}{campaign.pk}/recipients/")

    assert response.json() == {"recipients": 2, "companies": 1}  # any type and genre, buying for France


def test_filters_status_and_organization(api_client, agency_admin, campaign, film, other_producer):
    other = CampaignFactory(organization=other_producer.memberships.get().organization, status=_C.SENT)
    api_client.force_authenticate(agency_admin)

    by_status = api_client.get(URL, {"status": "sent"}).json()["results"]
    by_company = api_client.get(URL, {"organization": film.organization_id}).json()["results"]
    bad = api_client.get(URL, {"status": "nonsense"})

    assert [row["id"] for row in by_status] == [other.pk]
    assert [row["id"] for row in by_company] == [campaign.pk]
    assert bad.status_code == 400
    assert list(bad.json()["errors"]) == ["status"]


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"send_at": "2000-01-01T10:00:00Z"}, "send_at"),
        ({"send_at": "tomorrow"}, "send_at"),
        ({"buyer_types": ["wizard"]}, "buyer_types"),
        ({"territories": ["Atlantis"]}, "territories"),
        ({"genres": ["no-such-genre"]}, "genres"),
        ({"films": []}, "films"),
        ({"films": ["x"]}, "films"),
        ({"films": [99_999_999]}, "films"),
        ({"subject_en": "x" * 201}, "subject_en"),
        ({"message_en": ""}, "message_en"),
        ({"by_email": "maybe"}, "by_email"),
        ({"featured_from": "2000-01-01", "featured_until": "2000-01-02"}, "featured_from"),
        ({"organization": "nine"}, "organization"),
    ],
)
def test_bad_input_answers_400_naming_the_field(api_client, producer, film, over, field):
    api_client.force_authenticate(producer)

    response = api_client.post(URL, body(film, **over), format="json")

    assert response.status_code == 400, response.json()
    assert field in response.json()["errors"], response.json()
    assert Campaign.objects.count() == 0


@pytest.mark.parametrize("over", [{"name": "A\x00B"}, {"genres": ["drama\x00"]}, {"territories": ["\x00"]}])
def test_nul_bytes_are_refused_and_nothing_saved(api_client, producer, film, over):
    api_client.force_authenticate(producer)

    response = api_client.post(URL, body(film, **over), format="json")

    assert response.status_code == 400
    assert response.json()["message"] == "Text may not contain NUL characters."
    assert Campaign.objects.count() == 0


def test_a_film_not_published_is_named(api_client, producer, producer_org):
    draft = FilmFactory(organization=producer_org, title_en="Unfinished")
    api_client.force_authenticate(producer)

    response = api_client.post(URL, body(draft), format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "films": ["Only published films can be promoted; not published: “Unfinished”."]
    }


def test_patch_after_submitting_names_status(api_client, world, producer, campaign):
    api_client.force_authenticate(producer)
    api_client.post(f"{URL}{campaign.pk}/transition/", {"to": "submitted"})

    response = api_client.patch(f"{URL}{campaign.pk}/", {"name": "Late"}, format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["status"]


def test_patch_with_a_send_time_in_the_past_is_refused(api_client, producer, campaign):
    api_client.force_authenticate(producer)

    response = api_client.patch(
        f"{URL}{campaign.pk}/", {"send_at": (timezone.now() - timedelta(hours=1)).isoformat()}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"send_at": ["The send time has passed: give a moment in the future."]}


def test_an_invisible_campaign_id_answers_404(api_client, producer, other_producer):
    theirs = CampaignFactory(organization=other_producer.memberships.get().organization)
    api_client.force_authenticate(producer)

    assert api_client.get(f"{URL}{theirs.pk}/").status_code == 404
    assert api_client.post(f"{URL}{theirs.pk}/transition/", {"to": "cancelled"}).status_code == 404
    assert api_client.get(f"{URL}99999999999/").status_code == 404


@pytest.mark.parametrize("n", [1, 4])
def test_the_list_costs_a_fixed_number_of_queries(api_client, producer, film, n):
    for _i in range(n):
        CampaignFactory(organization=film.organization, films=[film])
    api_client.force_authenticate(producer)

    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(URL)

    assert response.json()["count"] == n
    assert len(queries) == 4
