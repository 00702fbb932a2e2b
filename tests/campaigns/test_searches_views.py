"""The saved-search pages: the list (filters in words, new films, rename, delete), saving from the
catalogue, opening the results, the dashboard panel, and who may do what."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import SavedSearch, SavedSearchMatch
from tests.campaigns.searches_helpers import later, published_film, saved, sweep
from tests.factories import member_of
from tests.pages import ROLES, messages_of, status_of

pytestmark = pytest.mark.django_db

EXPECTED = {
    "owner": 403,
    "other": 403,
    "buyer": 200,
    "unverified": 403,
    "anonymous": "login",
    "reviewer": 403,
    "admin": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_the_list_page_is_for_verified_buyers(client, as_role, role):
    as_role(role)

    response = client.get("/searches/")

    assert status_of(response) == EXPECTED[role]
    if role == "unverified":
        assert "Pending Buyers" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_saving_is_for_verified_buyers(client, as_role, role):
    as_role(role)

    response = client.post("/searches/save/", {"name": "Dramas", "query": "genre=drama"})

    assert status_of(response) == (302 if role == "buyer" else EXPECTED[role])
    assert SavedSearch.objects.count() == (1 if role == "buyer" else 0)


@pytest.mark.parametrize("role", ["owner", "other", "unverified", "anonymous", "reviewer", "admin"])
@pytest.mark.parametrize("action", ["open/", "rename/", "delete/"])
def test_nobody_else_touches_a_buyers_search(client, as_role, role, action, buyer):
    search = saved(buyer)
    as_role(role)

    response = client.post(f"/searches/{search.pk}/{action}", {f"s{search.pk}-name": "Mine", "confirmed": "1"})
    if action == "open/":
        response = client.get(f"/searches/{search.pk}/open/")

    assert status_of(response) == EXPECTED[role]
    assert SavedSearch.objects.get().name == "Dramas"


def test_another_buyers_search_is_not_found(client, buyer, buyer_org):
    colleague = member_of(buyer_org, email="colleague@example.test")
    search = saved(colleague)
    client.force_login(buyer)

    answers = [
        client.get(f"/searches/{search.pk}/open/").status_code,
        client.post(f"/searches/{search.pk}/rename/", {f"s{search.pk}-name": "Mine"}).status_code,
        client.post(f"/searches/{search.pk}/delete/", {"confirmed": "1"}).status_code,
    ]

    assert answers == [404, 404, 404]
    assert SavedSearch.objects.get().name == "Dramas"


def test_a_buyer_saves_the_catalogues_search_from_its_page(client, buyer, producer_org):
    published_film(producer_org, at=later(-60))
    client.force_login(buyer)

    catalogue = client.get("/films/?genre=drama&territory=FR&page=1")
    response = client.post("/searches/save/", {"name": "French dramas", "query": "genre=drama&territory=FR&page=1"})

    assert 'id="save-search"' in catalogue.content.decode()
    assert 'value="genre=drama&amp;territory=FR&amp;page=1"' in catalogue.content.decode()
    assert (response.status_code, response.url) == (302, "/searches/")
    assert SavedSearch.objects.get().query == "genre=drama&territory=FR"


@pytest.mark.parametrize("role", ["owner", "unverified", "anonymous"])
def test_the_catalogue_offers_saving_only_to_verified_buyers(client, as_role, role):
    as_role(role)

    assert 'id="save-search"' not in client.get("/films/?genre=drama").content.decode()


def test_an_invalid_search_answers_400_naming_the_filter(client, buyer):
    client.force_login(buyer)

    response = client.post("/searches/save/", {"name": "Bad", "query": "genre=drama&year_min=soon"})

    assert response.status_code == 400
    assert "year_min" in " ".join(response.context["form"].errors["query"])
    assert SavedSearch.objects.count() == 0


@pytest.mark.parametrize("name", ["", "a\x00b", "x" * 101])
def test_a_bad_name_answers_400(client, buyer, name):
    client.force_login(buyer)

    response = client.post("/searches/save/", {"name": name, "query": "genre=drama"})

    # A NUL byte is refused before the view by the portal's own middleware, also with a 400.
    assert response.status_code == 400
    assert "\x00" in name or "name" in response.context["form"].errors
    assert SavedSearch.objects.count() == 0


def test_the_list_says_the_filters_in_words_and_counts_new_films(client, buyer, producer_org):
    search = saved(buyer, "genre=drama&territory=FR&media=theatrical", name="French dramas")
    published_film(producer_org, at=later(1))
    client.force_login(buyer)

    page = client.get("/searches/").content.decode()

    assert "Genre: Drama" in page
    assert "Available in: France" in page
    assert "for media: Theatrical" in page
    assert f'href="/searches/{search.pk}/open/"' in page


def test_opening_the_results_goes_to_the_catalogue_and_clears_new_films(client, buyer, producer_org):
    search = saved(buyer)
    film = published_film(producer_org, at=later(1))

    SavedSearchMatch.objects.create(saved_search=search, film=film, notified_at=later(2))
    client.force_login(buyer)

    before = client.get("/dashboard/").content.decode()
    response = client.get(f"/searches/{search.pk}/open/")
    after = client.get("/dashboard/").content.decode()

    assert (response.status_code, response.url) == (302, "/films/?genre=drama")
    assert f'id="dashboard-saved-search-{search.pk}"' in before
    assert f'id="dashboard-saved-search-{search.pk}"' not in after


def test_rename_and_delete(client, buyer):
    search = saved(buyer)
    client.force_login(buyer)

    renamed = client.post(f"/searches/{search.pk}/rename/", {f"s{search.pk}-name": "Festival dramas"})
    bad = client.post(f"/searches/{search.pk}/rename/", {f"s{search.pk}-name": ""})
    asked = client.post(f"/searches/{search.pk}/delete/")
    deleted = client.post(f"/searches/{search.pk}/delete/", {"confirmed": "1"}, follow=True)

    assert (renamed.status_code, bad.status_code, asked.status_code) == (302, 400, 200)
    assert deleted.redirect_chain == [("/searches/", 302)]
    assert messages_of(deleted) == ["The search “Festival dramas” is deleted."]
    assert SavedSearch.objects.count() == 0


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_page_costs_the_same_for_one_or_several_searches(client, buyer, producer_org):
    saved(buyer, "genre=drama&territory=FR&media=theatrical")
    client.force_login(buyer)
    one = _queries(client, "/searches/")
    for n in range(4):
        saved(buyer, f"genre=comedy&country=CN&year_min=20{n}0", name=f"Comedies {n}")
    published_film(producer_org, at=later(1))
    sweep(later(5))

    assert _queries(client, "/searches/") == one


def test_the_dashboard_panel_costs_the_same_for_one_or_several_searches(client, buyer, producer_org):
    saved(buyer)
    published_film(producer_org, at=later(1))
    sweep(later(5))
    client.force_login(buyer)
    one = _queries(client, "/dashboard/")
    for n in range(4):
        saved(buyer, name=f"Dramas {n}", at=later(6))
    published_film(producer_org, at=later(7))
    sweep(later(10))

    page = client.get("/dashboard/").content.decode()
    assert page.count('id="dashboard-saved-search-') == 5
    assert _queries(client, "/dashboard/") == one
