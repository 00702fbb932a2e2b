"""The producer's strategy page and submissions, a submission's page and moves, and agency admins'
decisions. Every role, bad input, query counts."""

from decimal import Decimal

import pytest
from django.utils import timezone

from core.models import AuditEvent
from festivals.enums import SubmissionStatus
from festivals.models import FestivalFollow, Submission
from tests.festivals.factories import (
    DeadlineFactory,
    EditionFactory,
    FestivalFactory,
    ScreeningFactory,
    SectionFactory,
    SubmissionFactory,
)
from tests.festivals.helpers import factory_name, queries_for, text_of
from tests.films.factories import FilmFactory
from tests.pages import messages_of, status_of

pytestmark = pytest.mark.django_db


# --- Strategy -------------------------------------------------------------------------------


PRODUCERS_ONLY = [
    ("owner", 200),
    ("other", 200),
    ("buyer", 403),
    ("unverified", 403),
    ("anonymous", "login"),
    ("reviewer", 403),
    ("admin", 403),
]


@pytest.mark.parametrize("url", ["/festivals/strategy/", "/festivals/submissions/new/"])
@pytest.mark.parametrize(("role", "expected"), PRODUCERS_ONLY)
def test_the_strategy_page_and_the_submission_form_are_for_producers(client, as_role, draft, url, role, expected):
    as_role(role)

    response = client.get(url)

    assert status_of(response) == expected
    if expected == 200 and url == "/festivals/strategy/":
        shown = [s.pk for s in response.context["submissions"]]
        assert shown == ([draft.pk] if role == "owner" else [])


def test_the_strategy_page_shows_fees_per_year_followed_deadlines_and_results(client, producer, film, open_section):
    client.force_login(producer)
    FestivalFollow.objects.create(user=producer, festival=open_section.edition.festival)
    SubmissionFactory(
        film=film,
        section=open_section,
        status=SubmissionStatus.AWARDED,
        submitted_at=timezone.now(),
        fee_amount=Decimal("60.00"),
        fee_currency="EUR",
        awards=["Tiger Award"],
    )

    response = client.get("/festivals/strategy/")

    page = text_of(response)
    assert response.context["fees"] == [(timezone.now().year, "EUR", Decimal("60.00"))]
    assert [d.kind for d in response.context["deadlines"]] == ["regular", "late"]
    assert "Tiger Award" in page
    assert "60.00 EUR" in page


def test_a_draft_on_the_strategy_page_shows_the_next_deadline_and_its_fee(client, producer, draft):
    client.force_login(producer)

    page = text_of(client.get("/festivals/strategy/"))

    assert "Next: Regular deadline" in page
    assert "60.00 EUR if submitted now" in page


def test_the_strategy_page_costs_the_same_queries_for_one_submission_or_many(client, producer, producer_org):
    client.force_login(producer)

    def submit_one():
        section = SectionFactory(edition=EditionFactory(festival=FestivalFactory(name_en=factory_name("Strategy"))))
        DeadlineFactory(edition=section.edition)
        FestivalFollow.objects.create(user=producer, festival=section.edition.festival)
        SubmissionFactory(film=FilmFactory(organization=producer_org), section=section, submitted_at=timezone.now())

    submit_one()
    client.get("/festivals/strategy/")
    one = queries_for(client, "/festivals/strategy/")
    for _n in range(4):
        submit_one()

    assert queries_for(client, "/festivals/strategy/") == one


# --- New submission -------------------------------------------------------------------------


def test_the_sections_are_grouped_by_edition_soonest_first(client, producer, film, open_section):
    later = SectionFactory(
        edition=EditionFactory(
            festival=FestivalFactory(name_en=factory_name("Later"), name_zh="后来电影节"),
            year=open_section.edition.year + 1,
        ),
        name_en="Shorts",
    )
    client.force_login(producer)

    page = text_of(client.get("/festivals/submissions/new/"))

    first = page.index(f'<optgroup label="Rotterdam Test Festival {open_section.edition.year}">')
    second = page.index(f'<optgroup label="{later.edition.festival.name_en} {later.edition.year}">')
    assert first < second
    # Each option names its edition as well, as a chosen option shows alone.
    assert f'<option value="{later.pk}">{later.edition.festival.name_en} {later.edition.year} — Shorts</option>' in page


def test_arriving_with_a_film_and_section_checks_eligibility_and_the_fee(client, producer, film, open_section):
    client.force_login(producer)

    response = client.get(f"/festivals/submissions/new/?film={film.pk}&section={open_section.pk}")

    assert response.status_code == 200
    assert response.context["reasons"] == []
    assert response.context["fee"].kind == "regular"
    assert "60.00 EUR" in text_of(response)
    assert not Submission.objects.exists()


def test_submitting_an_eligible_film_records_the_fee_of_the_day(client, producer, film, open_section):
    client.force_login(producer)

    response = client.post(
        "/festivals/submissions/new/", {"film": film.pk, "section": open_section.pk, "action": "submit"}
    )

    submission = Submission.objects.get()
    assert response.status_code == 302
    assert response.url == f"/festivals/submissions/{submission.pk}/"
    assert submission.status == SubmissionStatus.SUBMITTED
    assert (submission.deadline_kind, submission.fee_amount, submission.fee_currency) == (
        "regular",
        Decimal("60.00"),
        "EUR",
    )
    assert list(
        AuditEvent.objects.filter(object_id=str(submission.pk)).values_list("to_state", flat=True).order_by("id")
    ) == [
        "draft",
        "submitted",
    ]


def test_submitting_an_ineligible_film_answers_400_with_every_reason_and_saves_nothing(
    client, producer, producer_org, open_section
):
    open_section.runtime_min = 80
    open_section.save()
    film = FilmFactory(
        organization=producer_org, countries=["CN"], runtime_minutes=70, completion_status="post_production"
    )
    ScreeningFactory(film=film, country="CN")
    client.force_login(producer)

    response = client.post(
        "/festivals/submissions/new/", {"film": film.pk, "section": open_section.pk, "action": "submit"}
    )

    assert response.status_code == 400
    reasons = response.context["reasons"]
    assert len(reasons) == 3
    page = text_of(response)
    assert "world premiere" in page
    assert "at least 80 minutes" in page
    assert "not completed yet" in page
    assert not Submission.objects.exists()


def test_an_ineligible_film_may_still_be_kept_as_a_draft_with_a_warning(client, producer, screened_film, open_section):
    client.force_login(producer)

    response = client.post(
        "/festivals/submissions/new/",
        {"film": screened_film.pk, "section": open_section.pk, "action": "draft"},
        follow=True,
    )

    assert Submission.objects.get().status == SubmissionStatus.DRAFT
    assert any("cannot be submitted yet" in m for m in messages_of(response))
    assert "world premiere" in text_of(response)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"section": "999999"}, "section"),
        ({"section": "abc"}, "section"),
        ({"film": "999999"}, "film"),
        ({"film": ""}, "film"),
    ],
)
def test_bad_submission_input_answers_400_naming_the_field(client, producer, film, open_section, data, field):
    client.force_login(producer)

    response = client.post(
        "/festivals/submissions/new/", {"film": film.pk, "section": open_section.pk, "action": "submit", **data}
    )

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Submission.objects.exists()


def test_another_companys_film_and_a_closed_edition_are_refused(client, producer, other_producer, open_section):
    others = FilmFactory(organization=other_producer.memberships.get().organization)
    past = SectionFactory(edition=EditionFactory(year=2001, festival=FestivalFactory(name_en=factory_name("Past"))))
    client.force_login(producer)

    foreign = client.post("/festivals/submissions/new/", {"film": others.pk, "section": open_section.pk})
    closed = client.post(
        "/festivals/submissions/new/",
        {"film": FilmFactory(organization=producer.memberships.get().organization).pk, "section": past.pk},
    )

    assert foreign.status_code == closed.status_code == 400
    assert "film" in foreign.context["form"].errors
    assert "section" in closed.context["form"].errors
    assert not Submission.objects.exists()


def test_the_same_film_twice_in_one_section_is_refused(client, producer, draft):
    client.force_login(producer)

    response = client.post("/festivals/submissions/new/", {"film": draft.film_id, "section": draft.section_id})

    assert response.status_code == 400
    assert "already submitted" in str(response.context["form"].errors["section"])
    assert Submission.objects.count() == 1


# --- A submission's page and moves ------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 200),
        ("other", 404),
        ("buyer", 404),
        ("unverified", 404),
        ("anonymous", "login"),
        ("reviewer", 404),
        ("admin", 200),
    ],
)
def test_a_submission_is_seen_by_its_producer_and_agency_admins(client, as_role, draft, role, expected):
    as_role(role)

    assert status_of(client.get(f"/festivals/submissions/{draft.pk}/")) == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("other", 404),
        ("buyer", 404),
        ("unverified", 404),
        ("anonymous", "login"),
        ("reviewer", 404),
        ("admin", 403),
    ],
)
def test_only_the_producer_submits_a_draft(client, as_role, draft, role, expected):
    as_role(role)

    response = client.post(f"/festivals/submissions/{draft.pk}/transition/", {"to": "submitted"})

    assert status_of(response) == expected
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.DRAFT


def test_the_producer_submits_a_draft_from_its_page(client, producer, draft):
    client.force_login(producer)

    response = client.post(
        f"/festivals/submissions/{draft.pk}/transition/", {"to": "submitted", "next": "/festivals/strategy/"}
    )

    draft.refresh_from_db()
    assert response.status_code == 302
    assert response.url == "/festivals/strategy/"
    assert (draft.status, draft.fee_amount) == (SubmissionStatus.SUBMITTED, Decimal("60.00"))


def test_an_ineligible_draft_is_refused_on_its_page_with_the_reasons(client, producer, screened_film, open_section):
    draft = SubmissionFactory(film=screened_film, section=open_section)
    client.force_login(producer)

    response = client.post(f"/festivals/submissions/{draft.pk}/transition/", {"to": "submitted"})

    draft.refresh_from_db()
    assert response.status_code == 400
    assert "world premiere" in text_of(response)
    assert draft.status == SubmissionStatus.DRAFT


def test_a_producer_cannot_decide_their_own_submission(client, producer, draft):
    draft.status = SubmissionStatus.UNDER_REVIEW
    draft.save()
    client.force_login(producer)

    response = client.post(f"/festivals/submissions/{draft.pk}/transition/", {"to": "selected"})

    draft.refresh_from_db()
    assert response.status_code == 403
    assert draft.status == SubmissionStatus.UNDER_REVIEW


@pytest.mark.parametrize(("data", "message"), [({"to": "nonsense"}, "not a known status"), ({}, "to")])
def test_a_bad_move_answers_400_and_changes_nothing(client, producer, draft, data, message):
    client.force_login(producer)

    response = client.post(f"/festivals/submissions/{draft.pk}/transition/", data)

    draft.refresh_from_db()
    assert response.status_code == 400
    assert message in text_of(response)
    assert draft.status == SubmissionStatus.DRAFT


def test_the_producer_withdraws_and_deletes_only_drafts(client, producer, draft):
    client.force_login(producer)
    submitted = SubmissionFactory(
        film=FilmFactory(organization=draft.organization), section=draft.section, status=SubmissionStatus.SUBMITTED
    )

    refused = client.post(f"/festivals/submissions/{submitted.pk}/delete/", {"confirmed": "1"})
    withdrawn = client.post(f"/festivals/submissions/{submitted.pk}/transition/", {"to": "withdrawn", "confirmed": "1"})
    deleted = client.post(f"/festivals/submissions/{draft.pk}/delete/", {"confirmed": "1"})

    assert refused.status_code == 400
    assert "Only a draft" in text_of(refused)
    assert withdrawn.status_code == deleted.status_code == 302
    assert list(Submission.objects.values_list("status", flat=True)) == [SubmissionStatus.WITHDRAWN]


def test_others_cannot_delete_a_draft(client, other_producer, agency_admin, draft):
    client.force_login(other_producer)
    assert client.post(f"/festivals/submissions/{draft.pk}/delete/", {"confirmed": "1"}).status_code == 404
    client.force_login(agency_admin)
    assert client.post(f"/festivals/submissions/{draft.pk}/delete/", {"confirmed": "1"}).status_code == 403
    assert Submission.objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 302),
        ("other", 404),
        ("buyer", 404),
        ("unverified", 404),
        ("anonymous", "login"),
        ("reviewer", 404),
        ("admin", 403),
    ],
)
def test_only_the_producer_deletes_a_draft(client, as_role, draft, role, expected):
    as_role(role)

    response = client.post(f"/festivals/submissions/{draft.pk}/delete/", {"confirmed": "1"})

    assert status_of(response) == expected
    assert Submission.objects.filter(pk=draft.pk).exists() == (expected != 302)


# --- Decisions ----------------------------------------------------------------------------------


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
def test_the_decisions_page_is_for_agency_admins(client, as_role, role, expected):
    as_role(role)

    assert status_of(client.get("/festivals/decisions/")) == expected


def test_an_admin_moves_a_submission_to_selected_and_records_awards(client, agency_admin, draft):
    draft.status = SubmissionStatus.SUBMITTED
    draft.save()
    client.force_login(agency_admin)

    listed = client.get("/festivals/decisions/")
    assert [s.pk for s in listed.context["submissions"]] == [draft.pk]
    for to in ("under_review", "selected"):
        client.post(f"/festivals/submissions/{draft.pk}/transition/", {"to": to, "next": "/festivals/decisions/"})
    no_award = client.post(f"/festivals/submissions/{draft.pk}/transition/", {"to": "awarded", "note": " "})
    awarded = client.post(
        f"/festivals/submissions/{draft.pk}/transition/", {"to": "awarded", "note": "Tiger Award\nAudience Award"}
    )

    draft.refresh_from_db()
    assert no_award.status_code == 400
    assert awarded.status_code == 302
    assert draft.status == SubmissionStatus.AWARDED
    assert draft.awards == ["Tiger Award", "Audience Award"]
    awarded_tab = client.get("/festivals/decisions/?status=awarded")
    assert "Tiger Award" in text_of(awarded_tab)


def test_the_decisions_page_filters_by_tier_and_refuses_unknown_values(client, agency_admin, draft):
    draft.status = SubmissionStatus.SUBMITTED
    draft.save()
    client.force_login(agency_admin)

    assert client.get("/festivals/decisions/?tier=A").context["submissions"] == []
    assert client.get("/festivals/decisions/?status=draft").status_code == 400
    assert client.get("/festivals/decisions/?tier=Q").status_code == 400


def test_the_decisions_page_costs_the_same_queries_for_one_submission_or_many(client, agency_admin, producer_org):
    client.force_login(agency_admin)

    def submitted():
        SubmissionFactory(
            film=FilmFactory(organization=producer_org), status=SubmissionStatus.SUBMITTED, submitted_at=timezone.now()
        )

    submitted()
    client.get("/festivals/decisions/")
    one = queries_for(client, "/festivals/decisions/")
    for _n in range(4):
        submitted()

    assert queries_for(client, "/festivals/decisions/") == one
