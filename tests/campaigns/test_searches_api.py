"""``/api/v1/saved-searches/``: a verified buyer's own searches; the catalogue's filters check the
query (a string or an object of filters), a bad one answers 400 naming it, another's is 404."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from campaigns.models import SavedSearch
from tests.campaigns.searches_helpers import later, published_film, saved, sweep
from tests.factories import member_of
from tests.pages import ROLE_FIXTURES, ROLES

pytestmark = pytest.mark.django_db

URL = "/api/v1/saved-searches/"
EXPECTED = {
    "owner": 403,
    "other": 403,
    "buyer": None,
    "unverified": 403,
    "anonymous": 401,
    "reviewer": 403,
    "admin": 403,
}


@pytest.fixture
def as_api_role(request, api_client):
    def login_as(role: str):
        user = request.getfixturevalue(ROLE_FIXTURES[role])
        if user is not None:
            api_client.force_authenticate(user)
        return user

    return login_as


@pytest.mark.parametrize("role", ROLES)
def test_listing_and_saving_are_for_verified_buyers(api_client, as_api_role, role):
    as_api_role(role)

    listed = api_client.get(URL)
    created = api_client.post(URL, {"name": "Dramas", "query": "genre=drama"}, format="json")

    assert (listed.status_code, created.status_code) == (
        (200, 201) if role == "buyer" else (EXPECTED[role], EXPECTED[role])
    )
    if role == "unverified":
        assert created.json()["code"] == "verification_required"


@pytest.mark.parametrize("role", ROLES)
def test_a_buyers_search_is_theirs_alone(api_client, as_api_role, role, buyer):
    search = saved(buyer)
    as_api_role(role)

    answers = {
        api_client.get(f"{URL}{search.pk}/").status_code,
        api_client.patch(f"{URL}{search.pk}/", {"name": "Mine"}, format="json").status_code,
        api_client.delete(f"{URL}{search.pk}/").status_code,
    }

    expected = {200, 204} if role == "buyer" else {404 if EXPECTED[role] == 403 else 401}
    assert answers == expected
    # The owner renamed, then deleted it; for anyone else it is untouched.
    assert list(SavedSearch.objects.values_list("name", flat=True)) == ([] if role == "buyer" else ["Dramas"])


def test_a_colleagues_search_is_not_found(api_client, buyer, buyer_org):
    search = saved(member_of(buyer_org, email="colleague@example.test"))
    api_client.force_authenticate(buyer)

    assert api_client.get(f"{URL}{search.pk}/").status_code == 404
    assert api_client.delete(f"{URL}{search.pk}/").status_code == 404


def test_saving_with_a_query_string_or_an_object(api_client, buyer):
    api_client.force_authenticate(buyer)

    text = api_client.post(URL, {"name": "A", "query": "?territory=FR&genre=drama&sort=title"}, format="json")
    mapping = api_client.post(
        URL, {"name": "B", "query": {"genre": ["drama", "comedy"], "year_min": 2020}}, format="json"
    )

    assert text.status_code == 201
    assert text.json()["query"] == "genre=drama&territory=FR"
    assert text.json()["filters"] == {"genre": ["drama"], "territory": ["FR"]}
    assert text.json()["filters_in_words"] == [
        {"label": "Genre", "value": "Drama"},
        {"label": "Available in", "value": "France"},
    ]
    assert text.json()["results_url"] == "/films/?genre=drama&territory=FR"
    assert mapping.status_code == 201
    assert mapping.json()["query"] == "genre=comedy&genre=drama&year_min=2020"


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"name": "X", "query": "genre=nope"}, "genre"),
        ({"name": "X", "query": "flavour=salty"}, "flavour"),
        ({"name": "X", "query": "runtime_max=long"}, "runtime_max"),
        ({"name": "X", "query": "q=a%00b"}, "q"),
        ({"name": "X", "query": 42}, "query"),
        ({"name": "X", "query": {"genre": [{"deep": 1}]}}, "genre"),
        ({"name": "X", "query": "q=" + "a" * 3000}, "2000"),
        ({"name": "", "query": "genre=drama"}, "name"),
        ({"name": "a\x00b", "query": "genre=drama"}, "NUL"),  # the portal's JSON parser refuses it first
        ({"name": "x" * 101, "query": "genre=drama"}, "name"),
        ({"name": ["x"], "query": "genre=drama"}, "name"),
    ],
)
def test_bad_input_answers_400_naming_it(api_client, buyer, body, named):
    api_client.force_authenticate(buyer)

    response = api_client.post(URL, body, format="json")

    assert response.status_code == 400
    assert named in str(response.json())
    assert SavedSearch.objects.count() == 0


def test_rename_only(api_client, buyer):
    search = saved(buyer)
    api_client.force_authenticate(buyer)

    renamed = api_client.patch(f"{URL}{search.pk}/", {"name": "Festival dramas"}, format="json")
    requery = api_client.patch(f"{URL}{search.pk}/", {"name": "Z", "query": "genre=comedy"}, format="json")
    empty = api_client.patch(f"{URL}{search.pk}/", {"name": " "}, format="json")

    assert (renamed.status_code, renamed.json()["name"]) == (200, "Festival dramas")
    assert requery.status_code == 400
    assert "query" in requery.json()["errors"]
    assert empty.status_code == 400
    search.refresh_from_db()
    assert (search.name, search.query) == ("Festival dramas", "genre=drama")


def test_new_matches_are_counted(api_client, buyer, producer_org):
    search = saved(buyer)
    published_film(producer_org, at=later(1))
    sweep(later(5))
    api_client.force_authenticate(buyer)

    answer = api_client.get(f"{URL}{search.pk}/").json()

    assert (answer["match_count"], answer["new_matches"]) == (1, 1)


def _queries(api_client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert api_client.get(url).status_code == 200
    return len(queries)


def test_the_list_costs_the_same_for_one_or_several_searches(api_client, buyer, producer_org):
    saved(buyer, "genre=drama&territory=FR&media=theatrical")
    api_client.force_authenticate(buyer)
    one = _queries(api_client, URL)
    for n in range(4):
        saved(buyer, f"genre=comedy&country=CN&year_min=20{n}0", name=f"Comedies {n}")
    published_film(producer_org, at=later(1))
    sweep(later(5))

    assert len(api_client.get(URL).json()["results"]) == 5
    assert _queries(api_client, URL) == one


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(["\ud800", "‮reversed", "🎬" * 50, "genre=" * 400, "&" * 3000, "%00", "q=%ff%fe", "=x&=y"]),
)
_VALUES = st.recursive(
    _SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
)


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=_VALUES, query=_VALUES, method=st.sampled_from(["post", "patch"]))
def test_hostile_bodies_never_answer_a_server_error(api_client, buyer, name, query, method):
    search = SavedSearch.objects.filter(user=buyer).first() or saved(buyer)
    api_client.force_authenticate(buyer)
    url = URL if method == "post" else f"{URL}{search.pk}/"

    body = json.dumps({"name": name, "query": query})  # ASCII: lone surrogates travel as escapes
    response = getattr(api_client, method)(url, body, content_type="application/json")

    assert response.status_code in (200, 201, 400)
