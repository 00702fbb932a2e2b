"""The note behind a changes-requested or rejected state stands beside the way forward (item 6
of issue 9): who wrote it, when, and what it says, on the object's page — read from the audit
trail by one generic mechanism (``Transition(notice=True)``, ``core.workflow.audit_notices``)
in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import services as accounts_services
from core.workflow import audit_notice, audit_notices
from festivals import services as festival_services
from festivals.enums import PROPOSAL_TRANSITIONS, SubmissionStatus
from films import services
from films.enums import LISTING_TRANSITIONS
from tests.festivals.factories import ProposalFactory, ShowcaseFactory, SubmissionFactory
from tests.films.factories import FilmFactory, PublishedFilmFactory, complete_film

pytestmark = pytest.mark.django_db


def changes_requested(film, producer, admin, note):
    services.film_transition(film=film, to="pending_review", actor=producer)
    return services.film_transition(film=film, to="changes_requested", actor=admin, note=note)


def notice_block(html: str) -> str:
    start = html.index('class="notice notice-danger transition-notice"')
    return html[start : html.index("</section>", start)]


def test_the_film_page_shows_the_agencys_note_beside_resubmit(client, producer, producer_org, agency_admin):
    film = complete_film(producer_org, title_en="Paper Kites")
    changes_requested(film, producer, agency_admin, "The synopsis names the wrong city.")
    client.force_login(producer)

    html = client.get(f"/films/{film.pk}/").content.decode()

    block = notice_block(html)
    assert 'aria-labelledby="notice-heading-' in block
    assert "Changes requested</h2>" in block
    assert f"Note from {agency_admin.display_name}" in block
    assert "The synopsis names the wrong city." in block
    assert "<time datetime=" in block
    assert 'name="to" value="pending_review"' in block
    assert "Resubmit for review</button>" in block
    # At the top of the page: before the film's heading, and the button only once.
    assert html.index("transition-notice") < html.index('id="film-title"')
    assert html.count("Resubmit for review</button>") == 1


def test_the_latest_note_is_shown_after_a_second_round(client, producer, producer_org, agency_admin):
    film = complete_film(producer_org)
    changes_requested(film, producer, agency_admin, "First round.")
    changes_requested(film, producer, agency_admin, "Second round: the poster is blurred.")
    client.force_login(producer)

    block = notice_block(client.get(f"/films/{film.pk}/").content.decode())

    assert "Second round: the poster is blurred." in block
    assert "First round." not in block


def test_the_notice_goes_once_the_film_is_resubmitted(client, producer, producer_org, agency_admin):
    film = complete_film(producer_org)
    changes_requested(film, producer, agency_admin, "Fix the runtime.")
    services.film_transition(film=film, to="pending_review", actor=producer)
    client.force_login(producer)

    html = client.get(f"/films/{film.pk}/").content.decode()

    assert "transition-notice" not in html
    assert audit_notice(obj=film, table=LISTING_TRANSITIONS, field="listing_status") is None


def test_the_reviewer_sees_the_note_too_but_a_buyer_never_reaches_the_page(
    client, producer, producer_org, agency_admin, buyer
):
    film = complete_film(producer_org)
    changes_requested(film, producer, agency_admin, "Fix the runtime.")

    client.force_login(agency_admin)
    assert "Fix the runtime." in client.get(f"/films/{film.pk}/").content.decode()
    client.force_login(buyer)
    assert client.get(f"/films/{film.pk}/").status_code == 404


def test_a_submission_not_selected_shows_the_festivals_note(client, producer, producer_org, agency_admin):
    submission = SubmissionFactory(film=FilmFactory(organization=producer_org), status=SubmissionStatus.UNDER_REVIEW)
    festival_services.submission_transition(
        submission=submission, to="not_selected", actor=agency_admin, note="The programme was full this year."
    )
    client.force_login(producer)

    block = notice_block(client.get(f"/festivals/submissions/{submission.pk}/").content.decode())

    assert "Not selected</h2>" in block
    assert "The programme was full this year." in block


def test_a_rejected_buyer_company_reads_why(client, agency_admin, pending_org, pending_buyer):
    accounts_services.organization_transition(
        organization=pending_org, to="rejected", actor=agency_admin, note="No business register entry found."
    )
    client.force_login(pending_buyer)

    block = notice_block(client.get(f"/accounts/organizations/{pending_org.pk}/").content.decode())

    assert "Rejected</h2>" in block
    assert "No business register entry found." in block
    assert f"Note from {agency_admin.display_name}" in block


def test_a_declined_proposal_shows_its_reason_in_the_list(client, agency_admin, producer, producer_org):
    showcase = ShowcaseFactory()
    proposal = ProposalFactory(showcase=showcase, film=PublishedFilmFactory(organization=producer_org))
    festival_services.proposal_transition(proposal=proposal, to="declined", actor=agency_admin, note="Too long.")
    client.force_login(producer)

    html = client.get(f"/festivals/film-weeks/{showcase.pk}/").content.decode()

    row = html[html.index(f'id="proposal-{proposal.pk}"') :]
    assert "Too long." in notice_block(row)
    assert "Declined</h3>" in notice_block(row)


def test_notices_of_many_objects_cost_one_query(agency_admin, producer_org):
    showcase = ShowcaseFactory()

    def declined(count):
        proposals = [
            ProposalFactory(showcase=showcase, film=PublishedFilmFactory(organization=producer_org))
            for _ in range(count)
        ]
        for proposal in proposals:
            festival_services.proposal_transition(proposal=proposal, to="declined", actor=agency_admin, note="No.")
            proposal.refresh_from_db()
        return proposals

    one, five = declined(1), declined(5)
    for proposals in (one, five):
        with CaptureQueriesContext(connection) as queries:
            notices = audit_notices(objects=proposals, table=PROPOSAL_TRANSITIONS)
        assert len(queries) == 1
        assert sorted(notices) == sorted(p.pk for p in proposals)
        assert {event.note for event in notices.values()} == {"No."}


def test_no_query_when_no_object_rests_in_a_notice_state(producer_org):
    proposals = [ProposalFactory(showcase=ShowcaseFactory(), film=PublishedFilmFactory(organization=producer_org))]

    with CaptureQueriesContext(connection) as queries:
        assert audit_notices(objects=proposals, table=PROPOSAL_TRANSITIONS) == {}

    assert len(queries) == 0


def test_the_notice_of_a_film_page_adds_one_query_whatever_the_history(
    client, producer, producer_org, agency_admin, django_assert_max_num_queries
):
    short, long = complete_film(producer_org), complete_film(producer_org)
    changes_requested(short, producer, agency_admin, "Once.")
    for round_ in range(4):
        changes_requested(long, producer, agency_admin, f"Round {round_}.")
    client.force_login(producer)
    with CaptureQueriesContext(connection) as first:
        client.get(f"/films/{short.pk}/")

    with django_assert_max_num_queries(len(first)):
        client.get(f"/films/{long.pk}/")


@pytest.mark.parametrize("n", [1, 4])
def test_my_films_shows_each_note_in_one_more_query(
    client, producer, producer_org, agency_admin, django_assert_num_queries, n
):
    for i in range(n):
        changes_requested(complete_film(producer_org), producer, agency_admin, f"Note {i}.")
    client.force_login(producer)

    # The page's nine queries (tests/films/test_views_query_counts.py) and one for every note.
    with django_assert_num_queries(10):
        response = client.get("/films/mine/")

    html = response.content.decode()
    assert [f"Note {i}." in html for i in range(n)] == [True] * n
    assert html.count("transition-notice") == n


def test_the_notice_and_the_confirmation_page_render_in_chinese(client, producer, producer_org, agency_admin):
    film = complete_film(producer_org)
    changes_requested(film, producer, agency_admin, "简介里的城市写错了。")
    published = PublishedFilmFactory(organization=producer_org)
    client.force_login(producer)
    client.cookies["django_language"] = "zh-hans"

    page = client.get(f"/films/{film.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    asked = client.get(f"/films/{published.pk}/transition/", {"to": "withdrawn"}, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert page.status_code == asked.status_code == 200
    assert '<html lang="zh-Hans">' in page.content.decode()
    assert "简介里的城市写错了。" in notice_block(page.content.decode())
    assert 'name="confirmed" value="1"' in asked.content.decode()
