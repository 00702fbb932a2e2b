"""Who may open which film page: every role on every page and move."""

import pytest

from films.enums import CreditRole, ListingStatus
from films.models import Shortlist
from tests.factories import member_of
from tests.films.factories import CreditFactory, PublishedFilmFactory, ShortlistFactory, complete_film
from tests.films.helpers import login
from tests.pages import ROLES, status_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(producer_org):
    return PublishedFilmFactory(
        organization=producer_org,
        title_en="Mountains May Depart",
        title_original="山河故人",
        synopsis_en="Three lives across three decades in Fenyang.",
        genres=["drama"],
    )


# --- Who may open which page ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 200),
        ("other", 200),
        ("buyer", 403),
        ("unverified", 403),
        ("anonymous", "login"),
        ("reviewer", 403),
        ("admin", 200),
    ],
)
def test_my_films_page_is_for_producers_and_admins(client, as_role, role, expected):
    as_role(role)

    assert status_of(client.get("/films/mine/")) == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 200),
        ("other", 200),
        ("buyer", 403),
        ("unverified", 403),
        ("anonymous", "login"),
        ("reviewer", 403),
        ("admin", 403),
    ],
)
def test_register_page_is_for_members_of_producer_companies(client, as_role, role, expected):
    as_role(role)

    assert status_of(client.get("/films/new/")) == expected


@pytest.mark.parametrize("page", ["edit", "rights", "media"])
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 200),
        ("other", 404),
        ("buyer", 404),
        ("unverified", 404),
        ("anonymous", "login"),
        ("reviewer", 404),
        ("admin", 403),
    ],
)
def test_a_drafts_producer_pages_are_for_its_company_only(client, as_role, draft, page, role, expected):
    as_role(role)

    assert status_of(client.get(f"/films/{draft.pk}/{page}/")) == expected


@pytest.mark.parametrize("page", ["edit", "rights", "media"])
@pytest.mark.parametrize(
    ("role", "expected"),
    [("owner", 200), ("other", 403), ("buyer", 403), ("unverified", 403), ("reviewer", 403), ("admin", 403)],
)
def test_a_published_films_producer_pages_are_refused_to_those_who_see_it(
    client, as_role, published, page, role, expected
):
    as_role(role)

    assert client.get(f"/films/{published.pk}/{page}/").status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 403),
        ("other", 403),
        ("buyer", 403),
        ("unverified", 403),
        ("anonymous", "login"),
        ("reviewer", 403),
        ("admin", 200),
    ],
)
def test_review_queue_is_for_agency_admins(client, as_role, role, expected):
    as_role(role)

    assert status_of(client.get("/films/review/")) == expected


@pytest.mark.parametrize("role", ROLES)
def test_catalogue_is_open_to_everyone(client, as_role, published, role):
    as_role(role)

    response = client.get("/films/")

    assert response.status_code == 200
    assert list(response.context["films"]) == [published]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 200),
        ("other", 404),
        ("buyer", 404),
        ("unverified", 404),
        ("anonymous", 404),
        ("reviewer", 404),
        ("admin", 200),
    ],
)
def test_a_drafts_page_is_seen_by_its_company_and_admins_only(client, as_role, draft, role, expected):
    as_role(role)

    assert client.get(f"/films/{draft.pk}/").status_code == expected


@pytest.mark.parametrize(
    ("role", "full", "screener"),
    [
        ("owner", True, False),
        ("other", False, False),
        ("buyer", True, True),
        ("unverified", False, False),
        ("anonymous", False, False),
        ("reviewer", False, False),
        # Agency admins see the record but ask no screener: requests are a buyer's.
        ("admin", True, False),
    ],
)
def test_a_published_films_full_record_is_for_verified_buyers_members_and_admins(
    client, as_role, producer, published, role, full, screener
):
    CreditFactory(film=published, role=CreditRole.DIRECTOR, name="贾樟柯", name_latin="Jia Zhangke")
    as_role(role)

    response = client.get(f"/films/{published.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "山河故人" in html
    assert "A family gathers for one last summer." in html
    assert response.context["full"] is full
    assert ("Three lives across three decades in Fenyang." in html) is full
    assert ("Jia Zhangke" in html) is full
    assert ("Request a screener" in html) is screener
    assert (f"/films/{published.pk}/screener/" in html) is screener
    assert ("Rights availability" in html) is full


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 403),
        ("other", 403),
        ("buyer", 200),
        ("unverified", 403),
        ("anonymous", "login"),
        ("reviewer", 403),
        ("admin", 403),
    ],
)
def test_shortlists_page_is_for_verified_buyers(client, as_role, role, expected):
    as_role(role)

    assert status_of(client.get("/films/shortlists/")) == expected


@pytest.mark.parametrize("page", ["", "print/", "export.csv"])
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 404),
        ("other", 404),
        ("buyer", 200),
        ("unverified", 404),
        ("anonymous", "login"),
        ("reviewer", 404),
        ("admin", 404),
    ],
)
def test_a_shortlist_is_seen_by_its_owner_only(client, as_role, buyer, page, role, expected):
    shortlist = ShortlistFactory(owner=buyer)
    as_role(role)

    assert status_of(client.get(f"/films/shortlists/{shortlist.pk}/{page}")) == expected


def test_another_buyers_shortlist_answers_404(client, buyer, buyer_org):
    colleague = member_of(buyer_org)
    shortlist = ShortlistFactory(owner=colleague)
    login(client, buyer)

    assert client.get(f"/films/shortlists/{shortlist.pk}/").status_code == 404
    assert client.post(f"/films/shortlists/{shortlist.pk}/delete/").status_code == 404
    assert Shortlist.objects.filter(pk=shortlist.pk).exists()


@pytest.mark.parametrize("page", ["/films/import/", "/films/import/template.csv"])
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 200),
        ("other", 200),
        ("buyer", 403),
        ("unverified", 403),
        ("anonymous", "login"),
        ("reviewer", 403),
        ("admin", 200),
    ],
)
def test_import_is_for_producers_and_admins(client, as_role, producer_org, page, role, expected):
    as_role(role)

    assert status_of(client.get(page)) == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [("other", 404), ("buyer", 404), ("unverified", 404), ("anonymous", "login"), ("reviewer", 404)],
)
def test_moving_a_draft_is_refused_to_those_who_cannot_see_it(client, as_role, producer_org, role, expected):
    film = complete_film(producer_org)
    as_role(role)

    response = client.post(f"/films/{film.pk}/transition/", {"to": "pending_review"})

    assert status_of(response) == expected
    film.refresh_from_db()
    assert film.listing_status == ListingStatus.DRAFT


@pytest.mark.parametrize(("role", "to"), [("buyer", "withdrawn"), ("other", "withdrawn"), ("unverified", "withdrawn")])
def test_moving_a_published_film_is_forbidden_to_outsiders(client, as_role, published, role, to):
    as_role(role)

    response = client.post(f"/films/{published.pk}/transition/", {"to": to})

    assert response.status_code == 403
    published.refresh_from_db()
    assert published.listing_status == ListingStatus.PUBLISHED


def test_an_admin_cannot_submit_a_producers_draft(client, agency_admin, producer_org):
    film = complete_film(producer_org)
    login(client, agency_admin)

    response = client.post(f"/films/{film.pk}/transition/", {"to": "pending_review"})

    assert response.status_code == 403
    film.refresh_from_db()
    assert film.listing_status == ListingStatus.DRAFT
