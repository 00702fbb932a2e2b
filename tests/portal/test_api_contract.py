"""The API contract tells the truth: schemathesis runs every check it has over the whole schema.

Each operation is called with generated requests, valid and invalid, as an agency admin, a
producer and a verified buyer (each with a ``Token`` header), and without credentials. The
database holds a small world of every kind of object, and half of the generated ids are
replaced by ids of objects that exist, so object paths reach real objects.

Every check runs (``case.call_and_validate`` with no ``checks`` runs them all): no server error;
status codes, content types, headers and bodies as documented; a request that follows the
schema is accepted, or refused only for who is asking (401, 403, 404); a request that breaks it
is refused; an operation that declares authentication answers 401 without it, and a public read
declares that it needs none.

``STATE_DEPENDENT`` lists the operations whose answer to a well-formed request depends on stored
data no schema can describe (a move not allowed from the object's status, an id in the body
that names no object of yours, wrong credentials, a submission no longer a draft): there a 400
naming the field and the reason is a right answer too. Everything else must accept what the
schema allows.

``use_after_free`` needs a chain of requests, which single calls do not keep, so the last test
deletes through every ``DELETE`` operation and reads the object back through every operation
under its path.

Cases are drawn with ``operation.as_strategy`` rather than ``schema.parametrize()``, because two
limits of schemathesis 4.3.3 (not of the portal) must be stepped around where they happen: some
negative mutations of bundled ``$ref`` schemas crash while generating (schemathesis#4077), and
its WSGI transport cannot send a form body that is not an object (schemathesis#4621). Such draws
are rejected, never sent. Examples are bounded and derandomized, so CI sends the same requests on
every run.
"""

from datetime import date

import pytest
import referencing.exceptions
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, reject, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.core import NOT_SET
from schemathesis.core.parameters import ParameterLocation

from accounts.enums import BuyerVerificationStatus, OrganizationKind
from festivals.enums import SubmissionStatus
from films import services
from films.models import FilmRevision, Genre, ScreenerRequest
from markets.models import Market, MarketEdition
from portal.wsgi import application
from tests.campaigns.factories import CampaignFactory
from tests.campaigns.searches_helpers import saved_search_contract_world
from tests.factories import AgencyAdminFactory, BuyerOrganizationFactory, OrganizationFactory, member_of
from tests.festivals.factories import (
    DeadlineFactory,
    ProposalFactory,
    ScreeningFactory,
    SectionFactory,
    SubmissionFactory,
    VenueFactory,
)
from tests.films.factories import FilmFactory, PublishedFilmFactory, ShortlistFactory, ShortlistItemFactory
from tests.markets.deals_factories import DealFactory
from tests.markets.meetings_factories import MeetingFactory, MeetingSlotFactory
from tests.markets.participation_factories import ParticipationFactory, PavilionApplicationFactory, PavilionFactory
from tests.markets.screener_factories import ScreenerFileFactory, ScreenerGrantFactory
from tests.markets.screenings_factories import MarketScreeningFactory
from tests.support.applications_helpers import support_application_document
from tests.support.factories import ApplicationFactory, PaymentFactory, ProgrammeFactory, cny
from tests.support.reviews_helpers import reviews_contract_world

STATE_DEPENDENT = [
    "POST /api/v1/auth/token/",  # e-mail and password of no account
    "GET /api/v1/deadlines/",  # `film` names no film of yours
    "GET /api/v1/deadlines/calendar.ics/",
    "GET /api/v1/films/",  # a `cursor` this API did not give, or both `page` and `cursor`
    "POST /api/v1/films/",  # `organization` names no company of yours
    "PUT /api/v1/films/{id}/",  # `genres` names no stored genre; a box office amount without a currency
    "PATCH /api/v1/films/{id}/",
    "POST /api/v1/films/{id}/media/",  # the generated `file` is no image
    "PUT /api/v1/films/{id}/rights/",  # territories unknown or overlapping
    "POST /api/v1/films/{id}/transition/",  # a status the film cannot move to now
    "POST /api/v1/film-revisions/{id}/transition/",  # a revision already decided
    "PUT /api/v1/organizations/{id}/",  # `buyer_type` on a company that is no buyer
    "PATCH /api/v1/organizations/{id}/",
    "POST /api/v1/organizations/{id}/transition/",
    "POST /api/v1/organizations/{id}/document/",  # the generated `file` is no document
    "POST /api/v1/screener-requests/",  # `film` names no published film; one is open already
    "POST /api/v1/screener-requests/{id}/transition/",  # a move the request cannot make now
    "POST /api/v1/screenings/",  # `film` names no film of yours
    "POST /api/v1/shortlists/{id}/films/",  # `film` names no published film
    "POST /api/v1/showcase-proposals/{id}/transition/",
    "POST /api/v1/showcases/{id}/proposals/",  # no published film of yours, or the call is closed
    "POST /api/v1/submissions/",  # no film of yours, no open section
    "DELETE /api/v1/submissions/{id}/",  # no longer a draft
    "POST /api/v1/submissions/{id}/transition/",
    "POST /api/v1/participations/",  # registered already; delegates or films not of the company
    "PATCH /api/v1/participations/{id}/",  # delegates or films not of the company
    "POST /api/v1/participations/{id}/transition/",  # a move the participation cannot make now
    "POST /api/v1/pavilion-applications/",  # applied already; `pavilion` names no pavilion
    "POST /api/v1/pavilion-applications/{id}/transition/",  # decided already, no place left, no note
    "POST /api/v1/market-screenings/",  # film not of yours, not taking part, room taken, booking closed
    "PATCH /api/v1/market-screenings/{id}/",  # room taken, seats below those reserved, cancelled
    "POST /api/v1/market-screenings/{id}/transition/",  # cancelled already
    "POST /api/v1/market-screenings/{id}/reserve/",  # full, reserved already, cancelled, booking closed
    "DELETE /api/v1/market-screenings/{id}/reserve/",  # no seat to give back
    "PUT /api/v1/buyers/{id}/",  # unknown genre, territory or media codes; budget out of order or without currency
    "PATCH /api/v1/buyers/{id}/",
    "POST /api/v1/deals/",  # rights the film does not hold; a film not published; not a verified buyer
    "PATCH /api/v1/deals/{id}/",  # a closed deal; rights the film does not hold; unknown territories
    "POST /api/v1/deals/{id}/transition/",  # a move the deal cannot make now; rights sold meanwhile
    "POST /api/v1/screener-grants/{id}/revoke/",  # revoked already
    "POST /api/v1/screener-grants/{id}/plays/",  # the grant ended (410 is documented)
    "POST /api/v1/screener-files/",  # the generated `file` is no video; `film` names no film of yours
    "POST /api/v1/meetings/",  # `invitee` of no other side, times past or overlapping
    "POST /api/v1/meetings/{id}/transition/",  # no proposed time chosen, an overlap, a closed meeting
    "GET /api/v1/meetings/{id}/ics/",  # no time booked yet
    "POST /api/v1/payments/",  # an application not approved, more than is left, not the granted currency
    "POST /api/v1/applications/",  # no film of yours, one live already, lines not adding up or in another currency
    "PATCH /api/v1/applications/{id}/",  # no longer editable; lines in another currency; a thing not of the film
    "POST /api/v1/applications/{id}/transition/",  # a failed eligibility rule, a move not allowed now
    "POST /api/v1/applications/{id}/documents/",  # the generated `file` is no PDF; no longer editable
    "DELETE /api/v1/applications/{id}/documents/{doc_id}/",  # no longer editable
    "POST /api/v1/reviews/",  # not a reviewer, of the applicant company, assigned already, application not under review
    "DELETE /api/v1/reviews/{id}/",  # a submitted review stays
    "POST /api/v1/support-programmes/",  # window out of order, maximum grant above the budget, not in CNY
    "PATCH /api/v1/support-programmes/{id}/",  # as above, or the budget below what is already granted
    "POST /api/v1/campaigns/",  # films not published or not of the company; unknown segment values; times past
    "PATCH /api/v1/campaigns/{id}/",  # no longer a draft; as above
    "POST /api/v1/campaigns/{id}/transition/",  # an empty segment, no film, a send time past, a move not allowed now
    "POST /api/v1/saved-searches/",  # a filter value the catalogue does not know (genres are stored); the limit reached
    "PATCH /api/v1/saved-searches/{id}/",  # a name of spaces only; a field other than the name
]

SCHEMA = schemathesis.openapi.from_wsgi(
    "/api/schema/",
    application,
    config=SchemathesisConfig.from_dict(
        {
            "operations": [
                {
                    "include-name": STATE_DEPENDENT,
                    "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "400", "401", "403", "404"]}},
                }
            ]
        }
    ),
)
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
# schemathesis registers its Open API checks when it collects a test of its own; this module draws
# cases itself, so it registers them, and `call_and_validate` without `checks` runs every one.
load_all_checks()

CONTRACT = settings(
    max_examples=8,
    deadline=None,
    derandomize=True,  # the same requests on every run, so a failure always reproduces
    phases=[Phase.explicit, Phase.generate],  # report the failing request as found; shrinking takes minutes
    suppress_health_check=list(HealthCheck),
)

ROLES = ["anonymous", "buyer", "producer", "admin"]

# Which objects a path's ids name, by the path's first segment under /api/v1/.
_ID_SOURCES = {
    "organizations": "organizations",
    "films": "films",
    "film-revisions": "revisions",
    "shortlists": "shortlists",
    "festivals": "festivals",
    "festival-editions": "editions",
    "submissions": "submissions",
    "screenings": "screenings",
    "showcases": "showcases",
    "showcase-proposals": "proposals",
    "screener-requests": "screener_requests",
    "markets": "markets",
    "market-editions": "market_editions",
    "participations": "participations",
    "pavilion-applications": "pavilion_applications",
    "market-screenings": "market_screenings",
    "buyers": "buyers",
    "deals": "deals",
    "screener-grants": "screener_grants",
    "screener-files": "screener_files",
    "meetings": "meetings",
    "payments": "payments",
    "applications": "applications",
    "reviews": "reviews",
    "support-programmes": "support_programmes",
    "campaigns": "campaigns",
    "saved-searches": "saved_searches",
}
_PARAMETER_SOURCES = {"film_id": "films", "doc_id": "application_documents"}
_JSON = "application/json"


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """Requests go straight to the WSGI application, whose request signals close "old" database
    connections, which would close the test's own. Django's test client unhooks
    ``close_old_connections`` for the same reason; so does this."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def contract_world(db, wsgi_keeps_the_test_connection) -> dict:
    """A producer with a draft and a published film (with changes pending), a verified buyer with a shortlist, buyers in
    every verification state, a festival with a section, a screening, a submission, a film week
    with a proposal, a screener request, a market edition with a pavilion, a participation and a
    pavilion application; and a token for the admin, the producer and the buyer."""
    admin = AgencyAdminFactory(email="contract-admin@example.test")
    producer_org = OrganizationFactory(name="Contract Pictures")
    producer = member_of(producer_org, email="contract-producer@example.test")
    buyer_org = BuyerOrganizationFactory(name="Contract Buyers", verification_status=BuyerVerificationStatus.VERIFIED)
    buyer = member_of(buyer_org, email="contract-buyer@example.test")
    organizations = [
        producer_org,
        buyer_org,
        OrganizationFactory(name="Contract Sales", kind=OrganizationKind.SALES_AGENT),
        *(
            BuyerOrganizationFactory(name=f"Contract Buyer {status}", verification_status=status)
            for status in BuyerVerificationStatus.values
        ),
    ]
    films = [
        FilmFactory(organization=producer_org),
        PublishedFilmFactory(
            organization=producer_org,
            trailer_url="https://example.test/trailer",
            screener_url="https://example.test/screener",
            sales_contact_email="sales@example.test",
        ),
    ]
    services.film_update(film=films[1], actor=producer, data={"title_en": "Contract Revision"})
    shortlist = ShortlistFactory(owner=buyer, name="Contract picks")
    ShortlistItemFactory(shortlist=shortlist, film=films[1])
    section = SectionFactory(edition=DeadlineFactory().edition)
    market = Market.objects.get(name_en="Marché du Film")  # shipped by the directory migration
    week = VenueFactory().showcase
    pavilion = PavilionFactory()
    submissions = [
        SubmissionFactory(film=films[0], section=section),
        SubmissionFactory(film=films[1], section=section, status=SubmissionStatus.SUBMITTED),
    ]
    support_application = ApplicationFactory(film=films[1], with_lines=True)
    support_document = support_application_document(support_application, uploaded_by=producer)
    return {
        "tokens": {
            "admin": Token.objects.create(user=admin).key,
            "producer": Token.objects.create(user=producer).key,
            "buyer": Token.objects.create(user=buyer).key,
        },
        "organizations": [o.pk for o in organizations],
        "films": [f.pk for f in films],
        "revisions": [FilmRevision.objects.get(film=films[1]).pk],
        "genres": list(Genre.objects.order_by("slug").values_list("slug", flat=True)[:3]),
        "shortlists": [shortlist.pk],
        "festivals": [section.edition.festival_id],
        "editions": [section.edition_id],
        "submissions": [s.pk for s in submissions],
        "screenings": [ScreeningFactory(film=films[0]).pk],
        "showcases": [week.pk],
        "proposals": [ProposalFactory(showcase=week, film=films[1]).pk],
        "screener_requests": [
            ScreenerRequest.objects.create(film=films[1], organization=buyer_org, requested_by=buyer).pk
        ],
        "markets": [market.pk],
        "market_editions": [
            MarketEdition.objects.create(
                market=market, year=2031, starts_on=date(2031, 5, 12), ends_on=date(2031, 5, 20)
            ).pk
        ],
        "participations": [ParticipationFactory(organization=producer_org, edition=pavilion.edition).pk],
        "pavilion_applications": [PavilionApplicationFactory(pavilion=pavilion, organization=producer_org).pk],
        "market_screenings": [MarketScreeningFactory(edition=pavilion.edition, film=films[1]).pk],
        "buyers": [buyer_org.pk],
        "deals": [DealFactory(film=films[1], buyer=buyer_org).pk],
        "screener_files": [ScreenerFileFactory(film=films[1]).pk],
        "screener_grants": [
            ScreenerGrantFactory(
                request__film=films[1], request__organization=buyer_org, request__requested_by=buyer
            ).pk
        ],
        "meetings": [
            MeetingSlotFactory(
                meeting=MeetingFactory(
                    requester=buyer,
                    requester_organization=buyer_org,
                    invitee=producer,
                    invitee_organization=producer_org,
                )
            ).meeting_id
        ],
        "payments": [
            PaymentFactory(
                application=ApplicationFactory(
                    film=films[1], organization=producer_org, status="approved", granted=cny(30_000)
                ),
                amount=cny(10_000),
            ).pk
        ],
        "applications": [support_application.pk],
        "application_documents": [support_document.pk],
        "reviews": reviews_contract_world(organization=producer_org, admin=admin),
        "support_programmes": [ProgrammeFactory().pk, ProgrammeFactory(published=False).pk],
        "campaigns": [
            CampaignFactory(organization=producer_org, films=[films[1]]).pk,
            CampaignFactory(organization=None, films=[films[1]], status="approved").pk,
        ],
        "saved_searches": saved_search_contract_world(user=buyer),
    }


def _draw_case(data, operation, world: dict):
    mode = data.draw(st.sampled_from([GenerationMode.POSITIVE, GenerationMode.NEGATIVE]), label="mode")
    try:
        case = data.draw(operation.as_strategy(generation_mode=mode), label="case")
    except referencing.exceptions.Unresolvable:
        reject()  # schemathesis#4077: a negative mutation lost its bundled $ref
    if case.body is not NOT_SET and case.media_type != _JSON and not isinstance(case.body, dict):
        reject()  # schemathesis#4621: its WSGI transport sends form bodies only from an object
    negative = {location for location, info in case.meta.components.items() if info.mode.is_negative}
    if mode == GenerationMode.NEGATIVE and negative <= {ParameterLocation.COOKIE}:
        reject()  # only the session cookie is "invalid": a cookie is any text, nothing to refuse
    if ParameterLocation.BODY in negative and case.body is NOT_SET:
        reject()  # the invalid body was dropped before sending: what goes out is a valid request
    if mode == GenerationMode.POSITIVE and isinstance(case.body, dict) and any("\x00" in str(k) for k in case.body):
        # A field name holding NUL is refused (400) like NUL anywhere in a request, but OpenAPI 3.0
        # cannot say so (`propertyNames` is 3.1's), so schemathesis takes it for valid input.
        reject()
    if mode == GenerationMode.POSITIVE and isinstance(case.query, dict) and "genre" in case.query:
        # Genre slugs are stored data, listed in the schema only when it is served from a database.
        case.query["genre"] = world["genres"][: len(case.query["genre"] or [None])]
    if ParameterLocation.PATH in negative:
        return case  # an id that breaks the schema stays as drawn
    resource = operation.path.removeprefix("/api/v1/").split("/", 1)[0]
    for name in list(case.path_parameters or {}):
        source = _PARAMETER_SOURCES.get(name) or (_ID_SOURCES.get(resource) if name == "id" else None)
        if source and data.draw(st.booleans(), label=f"existing {name}"):
            case.path_parameters[name] = data.draw(st.sampled_from(world[source]), label=name)
    return case


def _headers(role: str, world: dict) -> dict | None:
    if role == "anonymous":
        return None
    return {"Authorization": f"Token {world['tokens'][role]}"}


@pytest.mark.parametrize("operation", OPERATIONS, ids=[operation.label for operation in OPERATIONS])
@CONTRACT
@given(data=st.data())
def test_every_operation_keeps_its_contract_for_every_role(data, operation, contract_world):
    case = _draw_case(data, operation, contract_world)

    # Each request goes out as each role in turn: the admin last, as its deletes succeed.
    for role in ROLES:
        cache.clear()  # the throttles would count every generated request otherwise
        case.call_and_validate(headers=_headers(role, contract_world))


def test_every_check_schemathesis_has_runs():
    config = SCHEMA.config.checks_config_for(operation=OPERATIONS[0])

    enabled = sorted(check.__name__ for check in CHECKS.get_all() if config.get_by_name(name=check.__name__).enabled)

    assert enabled == [
        "content_type_conformance",
        "ensure_resource_availability",
        "ignored_auth",
        "missing_required_header",
        "negative_data_rejection",
        "not_a_server_error",
        "positive_data_acceptance",
        "response_headers_conformance",
        "response_schema_conformance",
        "status_code_conformance",
        "unsupported_method",
        "use_after_free",
    ]


def test_every_operation_allowed_a_400_for_stored_data_exists():
    assert sorted(set(STATE_DEPENDENT) - {operation.label for operation in OPERATIONS}) == []


def _operation(label: str):
    return next(operation for operation in OPERATIONS if operation.label == label)


# Each object-deleting operation, who deletes, and the id of what they delete.
_DELETIONS = [
    ("DELETE /api/v1/films/{id}/", "producer", lambda world: world["films"][0]),  # the draft
    ("DELETE /api/v1/screenings/{id}/", "producer", lambda world: world["screenings"][0]),
    ("DELETE /api/v1/shortlists/{id}/", "buyer", lambda world: world["shortlists"][0]),
    ("DELETE /api/v1/submissions/{id}/", "producer", lambda world: world["submissions"][0]),  # the draft
    ("DELETE /api/v1/reviews/{id}/", "admin", lambda world: world["reviews"][0]),  # not submitted
    ("DELETE /api/v1/saved-searches/{id}/", "buyer", lambda world: world["saved_searches"][0]),
]


def test_every_deleting_operation_is_tried_here():
    deleting = {o.label for o in OPERATIONS if o.method.upper() == "DELETE" and o.path.endswith("/{id}/")}

    assert deleting == {label for label, _role, _pick in _DELETIONS}


@pytest.mark.parametrize(("label", "role", "pick"), _DELETIONS, ids=[label for label, _r, _p in _DELETIONS])
def test_a_deleted_object_is_no_longer_readable_anywhere_under_its_path(contract_world, label, role, pick):
    """schemathesis's ``use_after_free``, made explicit: after a 204, every read of the object or
    of anything under its path answers 404, for the one who deleted it and for an agency admin."""
    deleting = _operation(label)
    pk = pick(contract_world)
    reads = [
        o
        for o in OPERATIONS
        if o.method.upper() == "GET" and o.path.startswith(deleting.path) and "{" not in o.path[len(deleting.path) :]
    ]
    assert reads, f"no read under {deleting.path}"

    deleted = deleting.Case(path_parameters={"id": pk}).call_and_validate(headers=_headers(role, contract_world))

    assert deleted.status_code == 204
    answers = {
        (o.label, reader): o.Case(path_parameters={"id": pk})
        .call_and_validate(headers=_headers(reader, contract_world))
        .status_code
        for o in reads
        for reader in (role, "admin")
    }
    assert answers == dict.fromkeys(answers, 404)


def test_every_method_the_schema_leaves_out_answers_405_with_allow(contract_world):
    """schemathesis's ``unsupported_method`` (a coverage-phase check), made explicit: each path
    answers a method it does not document with 405 and an ``Allow`` header listing the ones it does."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {contract_world['tokens']['admin']}")
    documented: dict[str, set[str]] = {}
    for operation in OPERATIONS:
        documented.setdefault(operation.path, set()).add(operation.method.upper())

    wrong = {}
    for path, methods in documented.items():
        resource = path.removeprefix("/api/v1/").split("/", 1)[0]
        url = path.replace("{id}", str(contract_world[_ID_SOURCES.get(resource, "films")][0]))
        url = url.replace("{film_id}", str(contract_world["films"][0])).replace("{image_id}", "1")
        for method in sorted({"GET", "POST", "PUT", "PATCH", "DELETE"} - methods):
            cache.clear()
            response = getattr(client, method.lower())(url)
            allowed = {m.strip() for m in response.headers.get("Allow", "").split(",")}
            if response.status_code != 405 or not methods <= allowed:
                wrong[f"{method} {path}"] = (response.status_code, response.headers.get("Allow"))
    assert wrong == {}
