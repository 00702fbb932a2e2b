"""The four life cycles answer a move alike, on pages and in the API.

A move the user may not see answers 404; one the user may not make 403, before anything in
the request is judged (item 7 of issue 8); a refused one 400 with every reason — on a page,
the object's page again with the reasons beside its buttons; a move made 302 to the page (200
in the API). Every role is tried on each life cycle's transition page and endpoint.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import AuditEvent
from festivals.enums import SubmissionStatus
from tests.festivals.factories import (
    DeadlineFactory,
    EditionFactory,
    ProposalFactory,
    SectionFactory,
    ShowcaseFactory,
    SubmissionFactory,
)
from tests.films.factories import FilmFactory, PublishedFilmFactory, complete_film
from tests.pages import ROLE_FIXTURES, ROLES, status_of

pytestmark = pytest.mark.django_db


@dataclass
class Case:
    obj: object
    page: str
    api: str
    to: str
    field: str = "status"

    def state(self):
        self.obj.refresh_from_db()
        return getattr(self.obj, self.field)


def _open_section():
    edition = EditionFactory()
    DeadlineFactory(
        edition=edition,
        kind="regular",
        closes_at=timezone.now() + timedelta(days=10),
        fee_amount=Decimal("60.00"),
        fee_currency="EUR",
    )
    return SectionFactory(edition=edition)


@pytest.fixture
def cases(producer_org, pending_org):
    film = complete_film(producer_org)
    submission = SubmissionFactory(film=FilmFactory(organization=producer_org), section=_open_section())
    proposal = ProposalFactory(showcase=ShowcaseFactory(), film=PublishedFilmFactory(organization=producer_org))
    return {
        "listing": Case(
            film,
            f"/films/{film.pk}/transition/",
            f"/api/v1/films/{film.pk}/transition/",
            "pending_review",
            "listing_status",
        ),
        "verification": Case(
            pending_org,
            f"/accounts/organizations/{pending_org.pk}/transition/",
            f"/api/v1/organizations/{pending_org.pk}/transition/",
            "verified",
            "verification_status",
        ),
        "submission": Case(
            submission,
            f"/festivals/submissions/{submission.pk}/transition/",
            f"/api/v1/submissions/{submission.pk}/transition/",
            "submitted",
        ),
        "proposal": Case(
            proposal,
            f"/festivals/film-weeks/{proposal.showcase_id}/proposals/{proposal.pk}/transition/",
            f"/api/v1/showcase-proposals/{proposal.pk}/transition/",
            "accepted",
        ),
    }


# What each role gets, on the page and in the API, for the one move each case offers its owner
# (or the agency): "login" is the page's redirect to sign in, 401 the API's.
EXPECTED = {
    "listing": {"owner": 302, "other": 404, "buyer": 404, "unverified": 404, "reviewer": 404, "admin": 403},
    "verification": {"owner": 404, "other": 404, "buyer": 404, "unverified": 403, "reviewer": 404, "admin": 302},
    "submission": {"owner": 302, "other": 404, "buyer": 404, "unverified": 404, "reviewer": 404, "admin": 403},
    "proposal": {"owner": 403, "other": 404, "buyer": 404, "unverified": 404, "reviewer": 404, "admin": 302},
}
KINDS = list(EXPECTED)


def _clients(request, role):
    user = request.getfixturevalue(ROLE_FIXTURES[role])
    page, api = Client(), APIClient()
    if user is not None:
        page.force_login(user)
        api.force_authenticate(user)
    return page, api


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", ROLES)
def test_every_role_gets_the_same_answer_from_the_page_and_the_api(request, cases, kind, role):
    case = cases[kind]
    page, api = _clients(request, role)
    before = case.state()
    expected = EXPECTED[kind].get(role, "login")

    page_answer = status_of(page.post(case.page, {"to": case.to}))
    moved_by_page = case.state() != before
    type(case.obj).objects.filter(pk=case.obj.pk).update(**{case.field: before})
    api_answer = api.post(case.api, {"to": case.to}, format="json").status_code
    moved_by_api = case.state() != before

    assert page_answer == expected
    assert api_answer == {302: 200, "login": 401}.get(expected, expected)
    assert moved_by_page is moved_by_api is (expected == 302)


# --- Refused moves: 400 with every reason, the page again with them beside the buttons -----


@pytest.fixture
def refused(producer_org, pending_org):
    """Per life cycle: the object, the move its owner or the agency may make but that is refused
    now, the user asking, and the reasons (under ``to`` for a guard, ``note`` for a missing note)."""
    incomplete = FilmFactory(organization=producer_org, title_en="Half Done")
    closed = EditionFactory()
    DeadlineFactory(edition=closed, kind="final", closes_at=timezone.now() - timedelta(days=1))
    ineligible = SubmissionFactory(film=FilmFactory(organization=producer_org), section=SectionFactory(edition=closed))
    proposal = ProposalFactory(showcase=ShowcaseFactory(), film=PublishedFilmFactory(organization=producer_org))
    return {
        "listing": (
            Case(
                incomplete,
                f"/films/{incomplete.pk}/transition/",
                f"/api/v1/films/{incomplete.pk}/transition/",
                "pending_review",
                "listing_status",
            ),
            "producer",
            "to",
            "The film is not complete. Missing:",
        ),
        "verification": (
            Case(
                pending_org,
                f"/accounts/organizations/{pending_org.pk}/transition/",
                f"/api/v1/organizations/{pending_org.pk}/transition/",
                "rejected",
                "verification_status",
            ),
            "agency_admin",
            "note",
            "A note is required for this change.",
        ),
        "submission": (
            Case(
                ineligible,
                f"/festivals/submissions/{ineligible.pk}/transition/",
                f"/api/v1/submissions/{ineligible.pk}/transition/",
                "submitted",
            ),
            "producer",
            "to",
            "The final deadline of this edition closed on",
        ),
        "proposal": (
            Case(
                proposal,
                f"/festivals/film-weeks/{proposal.showcase_id}/proposals/{proposal.pk}/transition/",
                f"/api/v1/showcase-proposals/{proposal.pk}/transition/",
                "declined",
            ),
            "agency_admin",
            "note",
            "A note is required for this change.",
        ),
    }


@pytest.mark.parametrize("kind", KINDS)
def test_a_refused_move_answers_the_objects_page_with_the_reasons_beside_its_buttons(request, refused, kind):
    case, who, _field, reason = refused[kind]
    page, _api = _clients(request, {"producer": "owner", "agency_admin": "admin"}[who])
    before = case.state()

    # Confirmed, as the confirmation step of a destructive move posts it: the refusal comes after.
    response = page.post(case.page, {"to": case.to, "next": "/somewhere/on/site/", "confirmed": "1"})

    assert response.status_code == 400
    [error] = response.context["transition_refused"].errors
    assert error.startswith(reason)
    html = response.content.decode()
    block = html[html.index(f'id="transition-errors-{case.obj.pk}"') :]
    assert reason in block[: block.index("</div>")]
    assert response.context["transition_refused"].next == "/somewhere/on/site/"
    assert (case.state(), AuditEvent.objects.count()) == (before, 0)


@pytest.mark.parametrize("kind", KINDS)
def test_a_refused_move_answers_400_in_the_api_with_every_reason(request, refused, kind):
    case, who, field, reason = refused[kind]
    _page, api = _clients(request, {"producer": "owner", "agency_admin": "admin"}[who])
    before = case.state()

    response = api.post(case.api, {"to": case.to}, format="json")

    assert response.status_code == 400
    body = response.json()
    assert list(body["errors"]) == [field]
    [error] = body["errors"][field]
    assert error.startswith(reason)
    assert (case.state(), AuditEvent.objects.count()) == (before, 0)


@pytest.mark.parametrize("kind", ["listing", "submission"])
def test_a_guarded_move_is_left_out_of_allowed_transitions_and_listed_with_its_reasons(request, refused, kind):
    case, _who, _field, reason = refused[kind]
    _page, api = _clients(request, "owner")

    body = api.get(case.api.removesuffix("transition/")).json()

    assert body["allowed_transitions"] == (["withdrawn"] if kind == "submission" else [])
    [blocked] = body["blocked_transitions"]
    assert blocked["to"] == case.to
    assert blocked["reasons"][0].startswith(reason)


@pytest.mark.parametrize(
    ("kind", "page_of", "label"),
    [
        ("listing", lambda case: f"/films/{case.obj.pk}/", "Submit for review"),
        ("submission", lambda case: f"/festivals/submissions/{case.obj.pk}/", "Submit to the festival"),
        ("submission", lambda case: "/festivals/strategy/", "Submit to the festival"),
    ],
)
def test_a_guarded_move_shows_disabled_on_pages_with_its_reasons(request, refused, kind, page_of, label):
    case, _who, _field, reason = refused[kind]
    page, _api = _clients(request, "owner")

    html = page.get(page_of(case)).content.decode()

    assert f'name="to" value="{case.to}"' not in html
    blocked = html[html.index(f'id="blocked-{case.obj.pk}-{case.to}"') :]
    assert reason in blocked[: blocked.index("</div>")]
    button = html[: html.index(f'id="blocked-{case.obj.pk}-{case.to}"')].rsplit("<button", 1)[1]
    assert "disabled" in button
    assert label in button


# --- Permission before validation (issue 8, second section, item 7) -------------------------


def test_an_admin_submitting_another_companys_incomplete_draft_for_review_gets_403(request, refused):
    case, *_ = refused["listing"]
    page, api = _clients(request, "admin")

    assert api.post(case.api, {"to": "pending_review"}, format="json").status_code == 403
    assert page.post(case.page, {"to": "pending_review"}).status_code == 403
    assert case.state() == "draft"


@pytest.fixture
def selected(producer_org):
    return SubmissionFactory(
        film=FilmFactory(organization=producer_org), section=_open_section(), status=SubmissionStatus.SELECTED
    )


@pytest.mark.parametrize("awards", [["Golden Tiger"], [], "not a list", [""], None])
def test_a_producer_recording_awards_gets_403_whatever_the_awards(request, selected, awards):
    page, api = _clients(request, "owner")
    data = {"to": "awarded"} if awards is None else {"to": "awarded", "awards": awards}

    answer = api.post(f"/api/v1/submissions/{selected.pk}/transition/", data, format="json")
    on_page = page.post(f"/festivals/submissions/{selected.pk}/transition/", {"to": "awarded", "awards": "Tiger"})

    assert (answer.status_code, on_page.status_code) == (403, 403)
    selected.refresh_from_db()
    assert (selected.status, selected.awards) == (SubmissionStatus.SELECTED, [])


def test_a_forbidden_move_with_bad_input_on_a_page_answers_403_not_400(request, selected):
    page, _api = _clients(request, "owner")

    response = page.post(f"/festivals/submissions/{selected.pk}/transition/", {"to": "awarded", "note": "x" * 5000})

    assert response.status_code == 403


def test_an_admin_records_awards_through_the_one_transition_action(request, selected):
    _page, api = _clients(request, "admin")

    missing = api.post(f"/api/v1/submissions/{selected.pk}/transition/", {"to": "awarded"}, format="json")
    bad = api.post(f"/api/v1/submissions/{selected.pk}/transition/", {"to": "awarded", "awards": 5}, format="json")
    made = api.post(
        f"/api/v1/submissions/{selected.pk}/transition/", {"to": "awarded", "awards": ["Golden Tiger"]}, format="json"
    )

    assert (missing.status_code, sorted(missing.json()["errors"])) == (400, ["awards", "note"])
    assert (bad.status_code, list(bad.json()["errors"])) == (400, ["awards"])
    assert made.status_code == 200
    assert (made.json()["status"], made.json()["awards"]) == ("awarded", ["Golden Tiger"])
    assert AuditEvent.objects.get(to_state="awarded").note == "Golden Tiger"


def test_awards_on_another_move_are_refused_after_the_permission(request, producer_org):
    draft = SubmissionFactory(film=FilmFactory(organization=producer_org), section=_open_section())
    _page, api = _clients(request, "owner")

    response = api.post(
        f"/api/v1/submissions/{draft.pk}/transition/", {"to": "withdrawn", "awards": ["Tiger"]}, format="json"
    )

    assert (response.status_code, list(response.json()["errors"])) == (400, ["awards"])
