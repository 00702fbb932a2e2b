"""A buyer whose company is pending, suspended or rejected and opens a page or takes an action
for verified buyers only is told the company's verification status and what happens next: a
403 page with both, and in the API a 403 whose message says the same in short."""

import pytest
from rest_framework.test import APIClient

from accounts.enums import BuyerVerificationStatus
from tests.factories import BuyerOrganizationFactory, member_of
from tests.films.factories import PublishedFilmFactory, ShortlistFactory

pytestmark = pytest.mark.django_db

EXPECTED = {
    BuyerVerificationStatus.PENDING: (
        "Your company is awaiting verification",
        "“Lumière Sud” is waiting for the agency to verify it",
        "you and your colleagues will be notified in the portal and by e-mail",
    ),
    BuyerVerificationStatus.SUSPENDED: (
        "Your company&#x27;s verification is suspended",
        "The agency has suspended the verification of “Lumière Sud”",
        "An agency administrator can reinstate the company",
    ),
    BuyerVerificationStatus.REJECTED: (
        "Your company could not be verified",
        "The agency could not verify “Lumière Sud” as a buyer company",
        "If you think this is a mistake, contact the agency.",
    ),
}
STATUSES = list(EXPECTED)


@pytest.fixture
def unverified(request):
    organization = BuyerOrganizationFactory(name="Lumière Sud", verification_status=request.param)
    return organization, member_of(organization, email="sud@example.test")


@pytest.mark.parametrize("unverified", STATUSES, indirect=True)
@pytest.mark.parametrize("method_url", [("get", "/films/shortlists/"), ("post", "/films/shortlists/")])
def test_a_shortlist_page_tells_an_unverified_buyer_its_status_and_the_next_step(client, unverified, method_url):
    organization, user = unverified
    client.force_login(user)
    method, url = method_url

    response = getattr(client, method)(url, {"name": "Picks"} if method == "post" else None)

    html = response.content.decode()
    assert response.status_code == 403
    for text in EXPECTED[organization.verification_status]:
        assert text.replace("'", "&#x27;") in html or text in html, text
    assert f'href="/accounts/organizations/{organization.pk}/"' in html
    assert "Not allowed" not in html


@pytest.mark.parametrize("unverified", STATUSES, indirect=True)
def test_adding_to_a_shortlist_tells_an_unverified_buyer_its_status(client, unverified, producer_org):
    organization, user = unverified
    film = PublishedFilmFactory(organization=producer_org)
    client.force_login(user)

    response = client.post(f"/films/{film.pk}/shortlist/", {"new_name": "Picks"})

    assert response.status_code == 403
    assert EXPECTED[organization.verification_status][0] in response.content.decode()


@pytest.mark.parametrize("unverified", STATUSES, indirect=True)
def test_the_film_page_names_an_unverified_buyer_s_status(client, unverified, producer_org):
    organization, user = unverified
    film = PublishedFilmFactory(organization=producer_org)
    client.force_login(user)

    html = client.get(f"/films/{film.pk}/").content.decode()

    assert EXPECTED[organization.verification_status][1] in html


def test_a_producer_opening_a_buyers_page_gets_the_plain_refusal(client, producer):
    client.force_login(producer)

    response = client.get("/films/shortlists/")

    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()
    assert "verification" not in response.content.decode().lower()


@pytest.mark.parametrize("unverified", STATUSES, indirect=True)
def test_the_api_403_says_the_status_in_short(unverified):
    organization, user = unverified
    client = APIClient()
    client.force_authenticate(user)

    created = client.post("/api/v1/shortlists/", {"name": "Picks"}, format="json")

    assert created.status_code == 403
    body = created.json()
    assert body["code"] == "verification_required"
    text, next_step = EXPECTED[organization.verification_status][1:]
    assert text in body["message"]
    assert next_step.replace("&#x27;", "'") in body["message"]


@pytest.mark.parametrize("unverified", [BuyerVerificationStatus.SUSPENDED], indirect=True)
def test_an_unverified_buyer_s_own_list_changes_answer_with_the_status(unverified):
    _organization, user = unverified
    shortlist = ShortlistFactory(owner=user)
    client = APIClient()
    client.force_authenticate(user)

    renamed = client.patch(f"/api/v1/shortlists/{shortlist.pk}/", {"name": "New"}, format="json")

    assert renamed.status_code == 403
    assert renamed.json()["code"] == "verification_required"


def test_a_producer_s_refusal_in_the_api_is_unchanged(producer):
    client = APIClient()
    client.force_authenticate(producer)

    created = client.post("/api/v1/shortlists/", {"name": "Picks"}, format="json")

    assert created.status_code == 403
    assert created.json()["code"] == "permission_denied"
