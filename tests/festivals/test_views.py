"""Festival pages: the directory, a festival's page and following it, the calendar and its
.ics file, the producer's strategy page and submissions, agency admins' decisions, and the
film page's festival panel with public screenings. Every role, bad input, query counts."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import AuditEvent
from festivals.enums import FestivalFocus, FestivalTier, PremiereRequirement, SubmissionStatus
from festivals.models import FestivalFocusTag, FestivalFollow, Screening, Submission
from tests.festivals.factories import (
    DeadlineFactory,
    EditionFactory,
    FestivalFactory,
    ScreeningFactory,
    SectionFactory,
    SubmissionFactory,
)
from tests.films.factories import FilmFactory, PublishedFilmFactory
from tests.pages import ROLE_FIXTURES, messages_of, status_of

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def text_of(response) -> str:
    return response.content.decode()


_names = iter(range(1, 10**6))


def factory_name(prefix: str) -> str:
    return f"{prefix} {next(_names)}"


@pytest.fixture
def festival():
    festival = FestivalFactory(
        name_en="Rotterdam Test Festival", name_zh="鹿特丹测试电影节", city="Rotterdam", country="NL"
    )
    FestivalFocusTag.objects.create(festival=festival, focus=FestivalFocus.FEATURES)
    return festival


@pytest.fixture
def open_section(festival):
    """An edition next year: the early deadline has passed, the regular closes in ten days
    (EUR 60), the late in twenty (EUR 90)."""
    edition = EditionFactory(festival=festival, time_zone="Europe/Amsterdam")
    now = timezone.now()
    for kind, days, fee in (("early", -1, "30.00"), ("regular", 10, "60.00"), ("late", 20, "90.00")):
        DeadlineFactory(
            edition=edition,
            kind=kind,
            closes_at=now + timedelta(days=days),
            fee_amount=Decimal(fee),
            fee_currency="EUR",
        )
    return SectionFactory(edition=edition, name_en="Tiger Competition", premiere_requirement=PremiereRequirement.WORLD)


@pytest.fixture
def film(producer_org):
    return FilmFactory(organization=producer_org, title_en="River Song", countries=["CN"])


@pytest.fixture
def screened_film(producer_org):
    """Already shown at home: its world premiere is used."""
    film = FilmFactory(organization=producer_org, title_en="Old News", countries=["CN"], runtime_minutes=70)
    ScreeningFactory(film=film, country="CN", event_name="FIRST Xining")
    return film


@pytest.fixture
def draft(film, open_section):
    return SubmissionFactory(film=film, section=open_section)


# --- Directory and festival page ------------------------------------------------------------


@pytest.mark.parametrize("role", list(ROLE_FIXTURES))
def test_the_directory_and_a_festivals_page_are_open_to_everyone(client, as_role, festival, open_section, role):
    as_role(role)

    directory = client.get("/festivals/")
    page = client.get(f"/festivals/{festival.pk}/")

    assert directory.status_code == page.status_code == 200
    assert "Rotterdam Test Festival" in text_of(directory)
    assert "Tiger Competition" in text_of(page)
    assert "60.00 EUR" in text_of(page)


def test_an_unknown_festival_answers_404(client):
    assert client.get("/festivals/999999/").status_code == 404


def test_the_directory_filters_by_tier_country_focus_and_text(client, festival):
    FestivalFactory(name_en="Busan Test", city="Busan", country="KR", tier=FestivalTier.A)

    ours = {"Busan Test", "Rotterdam Test Festival"}  # the directory also holds the real festivals

    def names(query: str) -> set[str]:
        return {f.name_en for f in client.get(f"/festivals/?{query}").context["festivals"]} & ours

    assert names("tier=A") == {"Busan Test"}
    assert names("country=NL") == {"Rotterdam Test Festival"}
    assert names("focus=features") == {"Rotterdam Test Festival"}
    assert names("q=busan") == {"Busan Test"}
    assert names("q=鹿特丹") == {"Rotterdam Test Festival"}


def test_a_bad_directory_filter_answers_400_naming_it(client, festival):
    response = client.get("/festivals/?tier=Z")

    assert response.status_code == 400
    assert "tier" in response.context["form"].errors


def test_the_festival_page_offers_producers_to_submit_to_a_coming_section(client, producer, open_section):
    client.force_login(producer)

    response = client.get(f"/festivals/{open_section.edition.festival_id}/")

    assert f"/festivals/submissions/new/?section={open_section.pk}" in text_of(response)


def test_a_buyer_is_not_offered_to_submit(client, buyer, open_section):
    client.force_login(buyer)

    response = client.get(f"/festivals/{open_section.edition.festival_id}/")

    assert "/festivals/submissions/new/" not in text_of(response)


def test_following_and_unfollowing_a_festival(client, producer, festival):
    client.force_login(producer)

    followed = client.post(f"/festivals/{festival.pk}/follow/", {"action": "follow"})
    again = client.post(f"/festivals/{festival.pk}/follow/", {"action": "follow"})
    assert followed.status_code == again.status_code == 302
    assert FestivalFollow.objects.filter(user=producer, festival=festival).count() == 1
    assert client.get("/festivals/?followed=on").context["festivals"] == [festival]
    assert "Following" in text_of(client.get(f"/festivals/{festival.pk}/"))

    client.post(f"/festivals/{festival.pk}/follow/", {"action": "unfollow"})
    assert not FestivalFollow.objects.filter(user=producer).exists()


def test_following_needs_an_account_and_a_known_action(client, producer, festival):
    anonymous = client.post(f"/festivals/{festival.pk}/follow/", {"action": "follow"})
    assert status_of(anonymous) == "login"

    client.force_login(producer)
    bad = client.post(f"/festivals/{festival.pk}/follow/", {"action": "subscribe"})
    assert bad.status_code == 400
    assert "follow" in text_of(bad)
    assert client.post("/festivals/999999/follow/", {"action": "follow"}).status_code == 404
    assert not FestivalFollow.objects.exists()


def test_the_follow_form_returns_to_a_page_on_this_site_only(client, producer, festival):
    client.force_login(producer)

    inside = client.post(f"/festivals/{festival.pk}/follow/", {"action": "follow", "next": "/festivals/?tier=B"})
    outside = client.post(f"/festivals/{festival.pk}/follow/", {"action": "follow", "next": "https://evil.example/"})

    assert inside.url == "/festivals/?tier=B"
    assert outside.url == f"/festivals/{festival.pk}/"


def _festivals_with_editions(count: int) -> None:
    for _n in range(count):
        festival = FestivalFactory(name_en=factory_name("Counted"))
        FestivalFocusTag.objects.create(festival=festival, focus=FestivalFocus.SHORTS)
        EditionFactory(festival=festival)


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_directory_costs_the_same_queries_for_one_festival_or_many(client, producer, signed_in):
    if signed_in:
        client.force_login(producer)
    _festivals_with_editions(1)
    url = "/festivals/?q=counted"
    client.get(url)  # the session and content types are read once
    one = queries_for(client, url)
    _festivals_with_editions(6)
    many = queries_for(client, url)

    assert many == one


def test_a_festival_page_costs_the_same_queries_for_one_edition_or_many(client, producer, festival, open_section):
    client.force_login(producer)
    url = f"/festivals/{festival.pk}/"
    client.get(url)
    one = queries_for(client, url)
    for year in (2001, 2002, 2003):
        edition = EditionFactory(festival=festival, year=year)
        SectionFactory(edition=edition)
        DeadlineFactory(edition=edition, closes_at=timezone.now() - timedelta(days=400))

    assert queries_for(client, url) == one


# --- Calendar ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", list(ROLE_FIXTURES))
def test_the_calendar_and_its_ics_file_are_open_to_everyone(client, as_role, open_section, role):
    as_role(role)

    page = client.get("/festivals/calendar/?country=NL")
    ics = client.get("/festivals/calendar.ics?country=NL")

    assert page.status_code == ics.status_code == 200
    assert [d.kind for d in page.context["deadlines"]] == ["regular", "late"]
    assert "/festivals/calendar.ics?country=NL" in text_of(page)
    assert ics["Content-Type"].startswith("text/calendar")
    body = b"".join(ics.streaming_content).decode()
    assert body.count("BEGIN:VEVENT") == 2
    assert "Rotterdam Test Festival" in body


def test_the_calendar_filters_by_tier_month_and_focus(client, open_section):
    regular = open_section.edition.deadlines.get(kind="regular")

    def kinds(query: str) -> list[str]:
        return [
            d.kind
            for d in client.get(f"/festivals/calendar/?{query}").context["deadlines"]
            if d.edition.festival.country == "NL"
        ]

    assert kinds("tier=B") == ["regular", "late"]
    assert kinds("tier=A") == []
    assert kinds(f"month={regular.closes_at.month}")[0] == "regular"
    assert kinds("focus=features") == ["regular", "late"]
    assert kinds("focus=shorts") == []


@pytest.mark.parametrize(("query", "field"), [("month=13", "month"), ("tier=Z", "tier"), ("focus=opera", "focus")])
def test_a_bad_calendar_filter_answers_400_naming_it(client, open_section, query, field):
    page = client.get(f"/festivals/calendar/?{query}")
    ics = client.get(f"/festivals/calendar.ics?{query}")

    assert page.status_code == ics.status_code == 400
    assert field in page.context["form"].errors


def test_open_for_my_film_keeps_the_editions_the_film_may_still_enter(
    client, producer, film, screened_film, open_section
):
    client.force_login(producer)

    fresh = client.get(f"/festivals/calendar/?country=NL&film={film.pk}")
    used = client.get(f"/festivals/calendar/?country=NL&film={screened_film.pk}")

    assert [d.kind for d in fresh.context["deadlines"]] == ["regular", "late"]
    assert [e.pk for e in fresh.context["editions"]] == [open_section.edition_id]
    assert used.context["deadlines"] == []
    assert used.context["editions"] == []
    assert "premiere status" in text_of(used)


def test_open_for_my_film_takes_only_the_producers_own_films(client, producer, other_producer, film):
    client.force_login(other_producer)
    assert client.get(f"/festivals/calendar/?film={film.pk}").status_code == 400

    client.logout()
    anonymous = client.get(f"/festivals/calendar/?film={film.pk}")
    assert anonymous.status_code == 200  # not offered: the filter is ignored
    assert "film" not in anonymous.context["form"].fields


def test_the_calendar_costs_the_same_queries_for_one_deadline_or_many(client, producer, film, open_section):
    client.force_login(producer)
    url = "/festivals/calendar/?tier=B"
    client.get(url)
    one = queries_for(client, url)
    for _n in range(4):
        edition = EditionFactory(festival=FestivalFactory(name_en=factory_name("Calendar")))
        DeadlineFactory(edition=edition)

    assert queries_for(client, url) == one


def test_open_for_my_film_costs_the_same_queries_for_one_section_or_many(client, producer, film, open_section):
    client.force_login(producer)
    url = f"/festivals/calendar/?film={film.pk}"
    client.get(url)
    one = queries_for(client, url)
    for _n in range(4):
        section = SectionFactory(
            edition=EditionFactory(festival=FestivalFactory(name_en=factory_name("Open"))),
            premiere_requirement=PremiereRequirement.INTERNATIONAL,
        )
        DeadlineFactory(edition=section.edition)
        SectionFactory(edition=section.edition)

    response = client.get(url)
    assert len(response.context["deadlines"]) == 6
    assert queries_for(client, url) == one


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
    assert f'<option value="{later.pk}">Shorts</option>' in page


def test_the_screening_form_groups_past_editions_by_year(client, producer, film):
    old = EditionFactory(year=2019, festival=FestivalFactory(name_en=factory_name("Old"), country="DE"))
    client.force_login(producer)

    page = text_of(client.get(f"/festivals/films/{film.pk}/screenings/"))

    assert '<optgroup label="2019">' in page
    assert f'<option value="{old.pk}">{old.festival.name_en} 2019</option>' in page


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

    refused = client.post(f"/festivals/submissions/{submitted.pk}/delete/")
    withdrawn = client.post(f"/festivals/submissions/{submitted.pk}/transition/", {"to": "withdrawn"})
    deleted = client.post(f"/festivals/submissions/{draft.pk}/delete/")

    assert refused.status_code == 400
    assert "Only a draft" in text_of(refused)
    assert withdrawn.status_code == deleted.status_code == 302
    assert list(Submission.objects.values_list("status", flat=True)) == [SubmissionStatus.WITHDRAWN]


def test_others_cannot_delete_a_draft(client, other_producer, agency_admin, draft):
    client.force_login(other_producer)
    assert client.post(f"/festivals/submissions/{draft.pk}/delete/").status_code == 404
    client.force_login(agency_admin)
    assert client.post(f"/festivals/submissions/{draft.pk}/delete/").status_code == 403
    assert Submission.objects.filter(pk=draft.pk).exists()


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


# --- The film page's festival panel and public screenings ------------------------------------------


def test_everyone_who_sees_a_published_film_sees_its_selections(client, buyer, producer_org, open_section):
    film = PublishedFilmFactory(organization=producer_org)
    SubmissionFactory(film=film, section=open_section, status=SubmissionStatus.AWARDED, awards=["Tiger Award"])
    SubmissionFactory(
        film=film,
        section=SectionFactory(edition=open_section.edition, name_en="Bright Future"),
        status=SubmissionStatus.NOT_SELECTED,
    )

    for user in (None, buyer):
        client.logout()
        if user:
            client.force_login(user)
        page = text_of(client.get(f"/films/{film.pk}/"))
        assert "Festival history" in page
        assert "Tiger Award" in page
        assert "Bright Future" not in page  # only selections are history
        assert "Premiere status" not in page  # the producer's own planning


def test_the_producer_sees_premiere_status_screenings_and_submissions_on_the_film_page(
    client, producer, screened_film, draft
):
    client.force_login(producer)

    page = text_of(client.get(f"/films/{screened_film.pk}/"))

    assert "Premiere status" in page
    assert "FIRST Xining" in page
    assert "Record a public screening" in page
    assert f"/festivals/calendar/?film={screened_film.pk}" in page


def test_a_film_without_selections_shows_no_festival_panel_to_outsiders(client, buyer, producer_org):
    film = PublishedFilmFactory(organization=producer_org)
    client.force_login(buyer)

    assert "Festival history" not in text_of(client.get(f"/films/{film.pk}/"))


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 200),
        ("other", 403),
        ("buyer", 403),
        ("unverified", 403),
        ("anonymous", "login"),
        ("reviewer", 403),
        ("admin", 200),
    ],
)
def test_the_screenings_page_is_for_the_producer_and_agency_admins(client, as_role, producer_org, role, expected):
    film = PublishedFilmFactory(organization=producer_org)
    as_role(role)

    assert status_of(client.get(f"/festivals/films/{film.pk}/screenings/")) == expected


def test_the_producer_records_a_screening_and_the_premiere_status_follows(client, producer, film, open_section):
    client.force_login(producer)
    day = timezone.localdate() - timedelta(days=3)

    response = client.post(
        f"/festivals/films/{film.pk}/screenings/",
        {"screened_on": day.isoformat(), "country": "CN", "event_name": "Pingyao"},
    )

    assert response.status_code == 302
    assert Screening.objects.get(film=film).event_name == "Pingyao"
    page = client.get(f"/festivals/films/{film.pk}/screenings/")
    assert {str(label): available for label, available in page.context["panel"]["premieres"]}["World premiere"] is False
    check = client.get(f"/festivals/submissions/new/?film={film.pk}&section={open_section.pk}")
    assert "world premiere" in " ".join(check.context["reasons"])


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"screened_on": "2999-01-01", "country": "CN", "event_name": "Future"}, "screened_on"),
        ({"screened_on": "not a date", "country": "CN", "event_name": "X"}, "screened_on"),
        ({"screened_on": "2024-05-01", "country": "", "event_name": "X"}, "country"),
        ({"screened_on": "2024-05-01", "country": "CN", "event_name": ""}, "event_name"),
        ({"screened_on": "2024-05-01", "country": "CN", "edition": "999999"}, "edition"),
    ],
)
def test_bad_screening_input_answers_400_naming_the_field(client, producer, film, data, field):
    client.force_login(producer)

    response = client.post(f"/festivals/films/{film.pk}/screenings/", data)

    assert response.status_code == 400
    assert field in response.context["panel"]["form"].errors
    assert not Screening.objects.exists()


def test_a_screening_at_a_festival_edition_takes_its_country(client, producer, film):
    edition = EditionFactory(year=2020, festival=FestivalFactory(name_en=factory_name("Old"), country="DE"))
    client.force_login(producer)

    client.post(f"/festivals/films/{film.pk}/screenings/", {"screened_on": "2020-06-01", "edition": edition.pk})

    assert Screening.objects.get().country == "DE"


def test_only_the_producer_records_and_removes_screenings(
    client, agency_admin, other_producer, producer, screened_film
):
    screening = screened_film.public_screenings.get()
    data = {"screened_on": "2024-05-01", "country": "FR", "event_name": "Paris"}

    client.force_login(agency_admin)
    assert client.post(f"/festivals/films/{screened_film.pk}/screenings/", data).status_code == 403
    assert client.post(f"/festivals/screenings/{screening.pk}/delete/").status_code == 403
    client.force_login(other_producer)
    assert client.post(f"/festivals/screenings/{screening.pk}/delete/").status_code == 404
    assert Screening.objects.count() == 1

    client.force_login(producer)
    assert client.post(f"/festivals/screenings/{screening.pk}/delete/").status_code == 302
    assert not Screening.objects.exists()


@pytest.mark.parametrize(
    ("role", "record", "remove"),
    [
        ("owner", 302, 302),
        ("other", 403, 404),
        ("buyer", 403, 404),
        ("unverified", 403, 404),
        ("anonymous", "login", "login"),
        ("reviewer", 403, 404),
        ("admin", 403, 403),
    ],
)
def test_who_records_and_removes_a_published_films_screenings(client, as_role, producer_org, role, record, remove):
    film = PublishedFilmFactory(organization=producer_org)
    screening = ScreeningFactory(film=film)
    as_role(role)

    recorded = client.post(
        f"/festivals/films/{film.pk}/screenings/", {"screened_on": "2024-05-01", "country": "FR", "event_name": "Paris"}
    )
    removed = client.post(f"/festivals/screenings/{screening.pk}/delete/")

    assert (status_of(recorded), status_of(removed)) == (record, remove)
    assert Screening.objects.exclude(pk=screening.pk).count() == (1 if record == 302 else 0)
    assert Screening.objects.filter(pk=screening.pk).exists() == (remove != 302)


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

    response = client.post(f"/festivals/submissions/{draft.pk}/delete/")

    assert status_of(response) == expected
    assert Submission.objects.filter(pk=draft.pk).exists() == (expected != 302)


def test_the_film_page_costs_the_same_queries_with_one_selection_or_many(client, producer, producer_org):
    film = PublishedFilmFactory(organization=producer_org)
    client.force_login(producer)

    def selected():
        section = SectionFactory(edition=EditionFactory(festival=FestivalFactory(name_en=factory_name("Panel"))))
        SubmissionFactory(film=film, section=section, status=SubmissionStatus.SELECTED)
        ScreeningFactory(film=film, edition=section.edition, country="FR")

    selected()
    url = f"/films/{film.pk}/"
    client.get(url)
    one = queries_for(client, url)
    for _n in range(4):
        selected()

    assert queries_for(client, url) == one


# --- Dashboard ----------------------------------------------------------------------------------


def test_the_dashboard_shows_a_producer_their_submissions_and_followed_deadlines(client, producer, draft):
    FestivalFollow.objects.create(user=producer, festival=draft.section.edition.festival)
    client.force_login(producer)

    page = text_of(client.get("/dashboard/"))

    assert "My festival strategy" in page
    assert 'badge-submission-draft">Draft</span> 1' in page
    assert "Next deadlines of festivals you follow" in page
    assert "Rotterdam Test Festival" in page


def test_the_dashboard_shows_agency_admins_what_waits_for_a_decision(client, agency_admin, draft):
    draft.status = SubmissionStatus.UNDER_REVIEW
    draft.save()
    client.force_login(agency_admin)

    response = client.get("/dashboard/")

    assert "Submissions awaiting a decision" in text_of(response)
    assert '<span class="stat-number">1</span>' in text_of(response)


def test_the_dashboard_shows_buyers_no_festival_panel(client, buyer):
    client.force_login(buyer)

    assert "My festival strategy" not in text_of(client.get("/dashboard/"))


def test_the_dashboard_costs_the_same_queries_with_one_followed_festival_or_many(client, producer, producer_org):
    client.force_login(producer)

    def follow_and_submit():
        section = SectionFactory(edition=EditionFactory(festival=FestivalFactory(name_en=factory_name("Dash"))))
        DeadlineFactory(edition=section.edition)
        FestivalFollow.objects.create(user=producer, festival=section.edition.festival)
        SubmissionFactory(film=FilmFactory(organization=producer_org), section=section)

    follow_and_submit()
    client.get("/dashboard/")
    one = queries_for(client, "/dashboard/")
    for _n in range(4):
        follow_and_submit()

    assert queries_for(client, "/dashboard/") == one
