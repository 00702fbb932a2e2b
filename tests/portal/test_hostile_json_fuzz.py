"""Hostile JSON bodies against every write operation of the API, as each kind of user.

The operations are read from the API's own schema (every POST, PUT and PATCH), so an endpoint
added later is fuzzed without touching this file. Bodies are generated: nesting far deeper than
any request needs, NUL characters, lone surrogates, strings past the upload limit, numbers of
every size, wrong types in the schema's own field names, and bytes that are not UTF-8. Whatever
arrives, the answer is never a server error.
"""

import json

import pytest
from django.core.cache import cache
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from tests.factories import AgencyAdminFactory, BuyerOrganizationFactory, OrganizationFactory, member_of
from tests.festivals.factories import ProposalFactory, ScreeningFactory, SectionFactory, SubmissionFactory, VenueFactory
from tests.films.factories import FilmFactory, PublishedFilmFactory, ShortlistFactory, ShortlistItemFactory

FUZZ = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
_WRITES = ("post", "put", "patch")


def _write_operations() -> list[tuple[str, str, list[str]]]:
    """``(method, path, field names)`` for every write operation the schema documents."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    operations = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            if method not in _WRITES:
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
            ref = body.get("$ref", "")
            fields = sorted(components.get(ref.rsplit("/", 1)[-1], {}).get("properties", {})) if ref else []
            operations.append((method, path, fields))
    return operations


OPERATIONS = _write_operations()


def _nested(depth: int, leaf: str = "x") -> str:
    return '{"a": ' * depth + json.dumps(leaf) + "}" * depth


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(["\x00", "a\x00b", "\ud800", "\udfff lone", "‮reversed", "🎬" * 50, "0" * 400, "-1", "1e999"]),
)
_VALUES = st.recursive(
    _SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
)


@st.composite
def hostile_bodies(draw, fields: list[str]) -> bytes:
    kind = draw(
        st.sampled_from(["deep", "deep-in-field", "nul", "huge", "typed", "wide", "not-utf8", "not-json", "number"])
    )
    field = draw(st.sampled_from(fields)) if fields else "name"
    if kind == "deep":
        opener = draw(st.sampled_from(["[", '{"a":']))
        depth = draw(st.integers(min_value=33, max_value=5000))
        closer = "]" if opener == "[" else "}"
        return (opener * depth + "1" + closer * depth).encode()
    if kind == "deep-in-field":
        depth = draw(st.integers(min_value=33, max_value=3000))
        return ("{" + json.dumps(field) + ": " + _nested(depth) + "}").encode()
    if kind == "nul":
        return json.dumps({field: draw(st.sampled_from(["\x00", "title\x00", "\x00" * 1000]))}).encode()
    if kind == "huge":
        size = draw(st.sampled_from([70_000, 2_700_000]))
        return json.dumps({field: "x" * size}).encode()
    if kind == "typed":
        return json.dumps({name: draw(_VALUES) for name in fields}, ensure_ascii=draw(st.booleans())).encode(
            "utf-8", "surrogatepass"
        )
    if kind == "wide":
        return json.dumps({str(n): n for n in range(draw(st.integers(min_value=1000, max_value=5_000)))}).encode()
    if kind == "not-utf8":
        return b'{"' + field.encode() + b'": "\xff\xfe\xc0\x80"}'
    if kind == "number":
        number = draw(st.sampled_from(["1" * 5000, "1e400", "-0", "NaN", "Infinity"]))
        return ("{" + json.dumps(field) + ": " + number + "}").encode()
    return draw(st.binary(max_size=200))


@pytest.fixture
def world(db) -> dict:
    """The objects the path parameters point at, and one user of each kind."""
    producer_org = OrganizationFactory(name="Fuzz Pictures")
    buyer_org = BuyerOrganizationFactory(name="Fuzz Buyer", verification_status="verified")
    users = {
        "admin": AgencyAdminFactory(email="fuzz-admin@example.test"),
        "producer": member_of(producer_org, email="fuzz-producer@example.test"),
        "buyer": member_of(buyer_org, email="fuzz-buyer@example.test"),
        "anonymous": None,
    }
    draft = FilmFactory(organization=producer_org)
    published = PublishedFilmFactory(organization=producer_org)
    shortlist = ShortlistFactory(owner=users["buyer"])
    ShortlistItemFactory(shortlist=shortlist, film=published)
    section = SectionFactory()
    week = VenueFactory().showcase
    ids = {
        "films": draft.pk,
        "organizations": producer_org.pk,
        "shortlists": shortlist.pk,
        "festivals": section.edition.festival_id,
        "submissions": SubmissionFactory(film=draft, section=section).pk,
        "screenings": ScreeningFactory(film=draft).pk,
        "showcases": week.pk,
        "showcase-proposals": ProposalFactory(showcase=week, film=published).pk,
    }
    return {"users": users, "ids": ids}


def _url(path: str, ids: dict) -> str:
    resource = path.removeprefix("/api/v1/").split("/", 1)[0]
    return path.replace("{id}", str(ids.get(resource, 1)))


@pytest.mark.parametrize("role", ["admin", "producer", "buyer", "anonymous"])
@FUZZ
@given(data=st.data())
def test_hostile_json_never_answers_a_server_error(data, world, role):
    method, path, fields = data.draw(st.sampled_from(OPERATIONS), label="operation")
    body = data.draw(hostile_bodies(fields), label="body")
    client = APIClient(raise_request_exception=False)
    if world["users"][role] is not None:
        client.force_authenticate(world["users"][role])
    cache.clear()  # the throttles would count every generated request

    response = getattr(client, method)(_url(path, world["ids"]), body, content_type="application/json")

    assert response.status_code < 500, (method, path, body[:300], response.content[:500])


def test_every_write_operation_is_fuzzed():
    paths = {(method, path) for method, path, _fields in OPERATIONS}

    assert ("post", "/api/v1/auth/token/") in paths
    assert ("patch", "/api/v1/films/{id}/") in paths
    assert len(paths) >= 20
