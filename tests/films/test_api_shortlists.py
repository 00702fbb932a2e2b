"""A verified buyer's shortlists through the API."""

import pytest

from films.enums import ListingStatus
from films.models import Film, Shortlist, ShortlistItem
from tests.factories import member_of
from tests.films.factories import ShortlistFactory, ShortlistItemFactory
from tests.films.helpers import as_role, as_user, shortlist_url

pytestmark = pytest.mark.django_db


# --- Shortlists -------------------------------------------------------------------------


def test_verified_buyer_creates_a_shortlist(api_client, buyer):
    response = as_user(api_client, buyer).post("/api/v1/shortlists/", {"name": " Cannes 2026 "})

    assert response.status_code == 201
    shortlist = Shortlist.objects.get()
    body = response.json()
    assert {k: body[k] for k in ("id", "name", "film_count", "films")} == {
        "id": shortlist.pk,
        "name": "Cannes 2026",
        "film_count": 0,
        "films": [],
    }
    assert shortlist.owner == buyer


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 401),
        ("producer", 403),
        ("other_producer", 403),
        ("pending_buyer", 403),
        ("reviewer", 403),
        ("agency_admin", 403),
    ],
)
def test_only_verified_buyers_create_shortlists(request, api_client, who, status):
    response = as_role(request, api_client, who).post("/api/v1/shortlists/", {"name": "Mine"})

    assert response.status_code == status
    assert Shortlist.objects.count() == 0


@pytest.mark.parametrize(("name", "message"), [("", "This field may not be blank."), ("taken", None)])
def test_a_blank_or_taken_shortlist_name_is_refused(api_client, buyer, name, message):
    ShortlistFactory(owner=buyer, name="Taken")

    response = as_user(api_client, buyer).post("/api/v1/shortlists/", {"name": name})

    assert response.status_code == 400
    assert response.json()["errors"] == {"name": [message or "You already have a list with this name."]}
    assert Shortlist.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("buyer", ["A list", "B list"]),
        ("pending_buyer", ["Old list"]),
        ("producer", []),
        ("agency_admin", []),
    ],
)
def test_shortlist_list_shows_only_the_user_s_own(request, api_client, buyer, pending_buyer, who, expected):
    ShortlistFactory(owner=buyer, name="B list")
    ShortlistFactory(owner=buyer, name="A list")
    ShortlistFactory(owner=pending_buyer, name="Old list")

    response = as_role(request, api_client, who).get("/api/v1/shortlists/")

    assert response.status_code == 200
    assert [s["name"] for s in response.json()["results"]] == expected


def test_anonymous_visitors_have_no_shortlists(api_client):
    assert api_client.get("/api/v1/shortlists/").status_code == 401


def test_buyer_adds_and_removes_films(api_client, buyer, published):
    shortlist = ShortlistFactory(owner=buyer, name="Picks")
    client = as_user(api_client, buyer)

    added = client.post(shortlist_url(shortlist, "films/"), {"film": published.pk})
    again = client.post(shortlist_url(shortlist, "films/"), {"film": published.pk})
    detail = client.get(shortlist_url(shortlist)).json()
    removed = client.delete(shortlist_url(shortlist, f"films/{published.pk}/"))
    removed_again = client.delete(shortlist_url(shortlist, f"films/{published.pk}/"))

    assert added.status_code == 201
    assert again.status_code == 201
    assert (detail["film_count"], [(f["title_en"], f["access"]) for f in detail["films"]]) == (
        1,
        [("Published Film", "full")],
    )
    assert removed.status_code == 204
    assert removed_again.status_code == 404
    assert ShortlistItem.objects.count() == 0


def test_a_draft_cannot_be_shortlisted(api_client, buyer, own_draft):
    shortlist = ShortlistFactory(owner=buyer)

    response = as_user(api_client, buyer).post(shortlist_url(shortlist, "films/"), {"film": own_draft.pk})

    assert response.status_code == 400
    assert response.json()["errors"] == {"film": [f'Invalid pk "{own_draft.pk}" - object does not exist.']}
    assert ShortlistItem.objects.count() == 0


def test_a_withdrawn_film_leaves_the_list_but_can_still_be_removed(api_client, buyer, published):
    shortlist = ShortlistFactory(owner=buyer)
    ShortlistItemFactory(shortlist=shortlist, film=published)
    Film.objects.filter(pk=published.pk).update(listing_status=ListingStatus.WITHDRAWN)
    client = as_user(api_client, buyer)

    detail = client.get(shortlist_url(shortlist)).json()
    removed = client.delete(shortlist_url(shortlist, f"films/{published.pk}/"))

    assert (detail["film_count"], detail["films"]) == (0, [])
    assert removed.status_code == 204
    assert ShortlistItem.objects.count() == 0


def test_buyer_renames_and_deletes_a_shortlist(api_client, buyer):
    shortlist = ShortlistFactory(owner=buyer, name="Old")
    client = as_user(api_client, buyer)

    renamed = client.patch(shortlist_url(shortlist), {"name": "New"})
    deleted = client.delete(shortlist_url(shortlist))

    assert renamed.status_code == 200
    assert renamed.json()["name"] == "New"
    assert deleted.status_code == 204
    assert Shortlist.objects.count() == 0


def test_a_buyer_no_longer_verified_reads_and_deletes_but_cannot_change_own_list(api_client, pending_buyer, published):
    shortlist = ShortlistFactory(owner=pending_buyer, name="Old list")
    ShortlistItemFactory(shortlist=shortlist, film=published)
    client = as_user(api_client, pending_buyer)

    detail = client.get(shortlist_url(shortlist))
    renamed = client.patch(shortlist_url(shortlist), {"name": "New"})
    added = client.post(shortlist_url(shortlist, "films/"), {"film": published.pk})
    removed = client.delete(shortlist_url(shortlist, f"films/{published.pk}/"))

    assert detail.status_code == 200
    assert [(f["title_en"], f["access"]) for f in detail.json()["films"]] == [("Published Film", "public")]
    assert (renamed.status_code, added.status_code, removed.status_code) == (403, 403, 403)
    assert client.delete(shortlist_url(shortlist)).status_code == 204


@pytest.mark.parametrize(
    ("method", "suffix", "data"),
    [
        ("get", "", None),
        ("patch", "", {"name": "Stolen"}),
        ("delete", "", None),
        ("post", "films/", "film"),
        ("delete", "films/{film}/", None),
    ],
)
@pytest.mark.parametrize("who", ["other_buyer", "producer", "agency_admin"])
def test_another_user_s_shortlist_answers_404(
    request, api_client, buyer, buyer_org, published, method, suffix, data, who
):
    shortlist = ShortlistFactory(owner=buyer, name="Mine")
    ShortlistItemFactory(shortlist=shortlist, film=published)
    user = member_of(buyer_org) if who == "other_buyer" else request.getfixturevalue(who)
    body = {"film": published.pk} if data == "film" else data

    response = getattr(as_user(api_client, user), method)(
        shortlist_url(shortlist, suffix.format(film=published.pk)), body
    )

    assert response.status_code == 404
    shortlist.refresh_from_db()
    assert (shortlist.name, ShortlistItem.objects.count()) == ("Mine", 1)
