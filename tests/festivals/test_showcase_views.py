"""Film weeks pages: anyone reads the list and a week's page; producers propose their published
films while the call is open; agency admins accept or decline, build the programme and report
attendance once the week is over."""

import zoneinfo
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from core.models import AuditEvent
from festivals.enums import ProposalStatus
from festivals.models import Showcase, ShowcasePartner, ShowcaseProposal, ShowcaseScreening
from tests.festivals.factories import ProposalFactory, ShowcaseFactory, VenueFactory
from tests.films.factories import FilmFactory, PublishedFilmFactory
from tests.pages import ROLES, messages_of, status_of

pytestmark = pytest.mark.django_db

ROME = zoneinfo.ZoneInfo("Europe/Rome")


def today() -> date:
    return timezone.localdate()


def url(week, action: str = "") -> str:
    return f"/festivals/film-weeks/{week.pk}/{action}"


@pytest.fixture
def week():
    """Next summer in Rome (a fixed offset, +02:00, for the whole week), taking proposals."""
    year = today().year + 1
    showcase = ShowcaseFactory(
        title_en="Chinese Film Week Rome",
        title_zh="罗马中国电影周",
        description_en="Ten films from China in three cinemas.",
        description_zh="三家影院的十部中国电影。",
        starts_on=date(year, 7, 10),
        ends_on=date(year, 7, 16),
    )
    ShowcasePartner.objects.create(showcase=showcase, name="Casa del Cinema", website="https://casa.example.test")
    return showcase


@pytest.fixture
def venue(week):
    return VenueFactory(showcase=week, name="Cinema Nuovo", address="Via Roma 1")


@pytest.fixture
def published(producer_org):
    return PublishedFilmFactory(organization=producer_org, title_en="Mountains May Depart", title_original="山河故人")


@pytest.fixture
def proposal(week, published):
    return ProposalFactory(showcase=week, film=published)


@pytest.fixture
def past_week():
    showcase = ShowcaseFactory(
        title_en="Lisbon Film Week",
        starts_on=today() - timedelta(days=20),
        ends_on=today() - timedelta(days=14),
        call_closes_on=today() - timedelta(days=60),
    )
    return showcase


@pytest.fixture
def past_screening(past_week, published):
    venue = VenueFactory(showcase=past_week, name="Cinema São Jorge")
    starts_at = datetime.combine(past_week.starts_on, datetime.min.time(), tzinfo=zoneinfo.ZoneInfo("Europe/Rome"))
    return ShowcaseScreening.objects.create(
        showcase=past_week, film=published, venue=venue, starts_at=starts_at + timedelta(hours=20)
    )


# --- Who may open which page ---------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_anyone_opens_the_list_and_a_week(client, as_role, role, week):
    as_role(role)

    assert client.get("/festivals/film-weeks/").status_code == 200
    assert client.get(url(week)).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_an_unknown_week_answers_404(client, as_role, role):
    as_role(role)

    assert client.get("/festivals/film-weeks/999999/").status_code == 404


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("owner", True),
        ("other", False),
        ("buyer", False),
        ("unverified", False),
        ("anonymous", False),
        ("reviewer", False),
        ("admin", True),
    ],
)
def test_proposals_show_to_their_company_and_agency_admins(client, as_role, role, sees, proposal):
    as_role(role)

    response = client.get(url(proposal.showcase))

    assert (response.context["proposals"] == [proposal]) is sees
    assert (f'id="proposal-{proposal.pk}"' in response.content.decode()) is sees


@pytest.mark.parametrize(
    ("role", "form"),
    [
        ("owner", True),
        ("other", True),
        ("buyer", False),
        ("unverified", False),
        ("anonymous", False),
        ("reviewer", False),
        ("admin", False),
    ],
)
def test_producers_get_the_propose_form_while_the_call_is_open(client, as_role, role, form, week, published):
    as_role(role)

    response = client.get(url(week))

    assert (response.context["propose_form"] is not None) is form


@pytest.mark.parametrize(
    ("role", "forms"),
    [
        ("owner", False),
        ("other", False),
        ("buyer", False),
        ("unverified", False),
        ("anonymous", False),
        ("reviewer", False),
        ("admin", True),
    ],
)
def test_admins_get_the_programme_and_attendance_forms(client, as_role, role, forms, past_week, past_screening):
    as_role(role)

    response = client.get(url(past_week))

    assert (response.context["programme_form"] is not None) is forms
    assert (response.context["attendance_form"] is not None) is forms


# --- Who may take which action --------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 302),
        ("other", 400),  # not their company's film: refused naming the film
        ("buyer", 403),
        ("unverified", 403),
        ("anonymous", "login"),
        ("reviewer", 403),
        ("admin", 403),
    ],
)
def test_who_may_propose_a_film(client, as_role, role, expected, week, published):
    as_role(role)

    response = client.post(url(week, "propose/"), {"film": published.pk, "note": "A family story."})

    assert status_of(response) == expected
    assert ShowcaseProposal.objects.count() == (1 if expected == 302 else 0)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 403),
        ("other", 404),
        ("buyer", 404),
        ("unverified", 404),
        ("anonymous", "login"),
        ("reviewer", 404),
        ("admin", 302),
    ],
)
def test_who_may_accept_a_proposal(client, as_role, role, expected, proposal):
    as_role(role)

    response = client.post(url(proposal.showcase, f"proposals/{proposal.pk}/transition/"), {"to": "accepted"})

    proposal.refresh_from_db()
    assert status_of(response) == expected
    assert proposal.status == (ProposalStatus.ACCEPTED if expected == 302 else ProposalStatus.PROPOSED)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 403),
        ("other", 403),
        ("buyer", 403),
        ("unverified", 403),
        ("anonymous", "login"),
        ("reviewer", 403),
        ("admin", 302),
    ],
)
def test_who_may_add_to_the_programme(client, as_role, role, expected, week, venue, published):
    as_role(role)

    response = client.post(
        url(week, "programme/"),
        {"film": published.pk, "venue": venue.pk, "starts_at": f"{week.starts_on:%Y-%m-%d}T19:30"},
    )

    assert status_of(response) == expected
    assert ShowcaseScreening.objects.count() == (1 if expected == 302 else 0)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 403),
        ("other", 403),
        ("buyer", 403),
        ("unverified", 403),
        ("anonymous", "login"),
        ("reviewer", 403),
        ("admin", 302),
    ],
)
def test_who_may_report_attendance(client, as_role, role, expected, past_week):
    as_role(role)

    response = client.post(url(past_week, "attendance/"), {"attendance": "840"})

    past_week.refresh_from_db()
    assert status_of(response) == expected
    assert past_week.attendance == (840 if expected == 302 else None)


@pytest.mark.parametrize(
    ("role", "action"),
    [
        ("owner", "propose/"),
        ("admin", "proposals/1/transition/"),
        ("admin", "programme/"),
        ("admin", "attendance/"),
    ],
)
def test_actions_on_an_unknown_week_answer_404(client, as_role, role, action):
    as_role(role)

    response = client.post(f"/festivals/film-weeks/999999/{action}", {"to": "accepted", "attendance": "1"})

    assert response.status_code == 404


def test_pages_answer_only_their_methods(client, agency_admin, week):
    client.force_login(agency_admin)

    assert client.post(url(week)).status_code == 405
    assert client.get(url(week, "programme/")).status_code == 405


# --- The list --------------------------------------------------------------------------------


def test_the_list_shows_upcoming_soonest_first_and_past_latest_first(client):
    later = ShowcaseFactory(title_en="Madrid Week", starts_on=today() + timedelta(days=200))
    sooner = ShowcaseFactory(title_en="Rome Week", starts_on=today() + timedelta(days=40))
    running = ShowcaseFactory(title_en="Paris Week", starts_on=today() - timedelta(days=1), call_closes_on=None)
    older = ShowcaseFactory(
        title_en="Lisbon Week", starts_on=today() - timedelta(days=400), ends_on=today() - timedelta(days=394)
    )
    recent = ShowcaseFactory(
        title_en="Oslo Week", starts_on=today() - timedelta(days=30), ends_on=today() - timedelta(days=24)
    )

    response = client.get("/festivals/film-weeks/")

    assert response.context["upcoming"] == [running, sooner, later]
    assert response.context["past"] == [recent, older]


def test_the_list_shows_place_dates_partners_and_the_open_call(client, week):
    closed = ShowcaseFactory(title_en="Closed Week", call_closes_on=today() - timedelta(days=1))

    content = client.get("/festivals/film-weeks/").content.decode()

    assert "Chinese Film Week Rome" in content
    assert "Rome, Italy" in content
    assert f'<time datetime="{week.starts_on:%Y-%m-%d}">' in content
    assert "Casa del Cinema" in content
    assert content.count("Proposals open until") == 1
    assert closed.title_en in content


def test_the_list_shows_the_chinese_title_to_chinese_readers(client, week):
    english = client.get("/festivals/film-weeks/").content.decode()
    chinese = client.get("/festivals/film-weeks/", headers={"accept-language": "zh-hans"}).content.decode()

    assert "Chinese Film Week Rome" in english
    assert "罗马中国电影周" not in english
    assert "罗马中国电影周" in chinese


# --- A week's page ---------------------------------------------------------------------------


def test_the_page_shows_description_partners_and_venues(client, week, venue):
    english = client.get(url(week)).content.decode()
    chinese = client.get(url(week), headers={"accept-language": "zh-hans"}).content.decode()

    assert "Ten films from China in three cinemas." in english
    assert '<a href="https://casa.example.test" rel="noopener external">Casa del Cinema</a>' in english
    assert "Cinema Nuovo" in english
    assert "Via Roma 1" in english
    assert "三家影院的十部中国电影。" in chinese


def test_the_description_falls_back_to_english(client):
    week = ShowcaseFactory(description_en="Only in English.", description_zh="")

    chinese = client.get(url(week), headers={"accept-language": "zh-hans"}).content.decode()

    assert "Only in English." in chinese


def test_the_programme_shows_local_times_in_the_weeks_zone_by_day(client, week, venue, published):
    # 21:30 UTC on the first day is 23:30 in Rome; 22:30 UTC is already the second day there.
    first = datetime.combine(week.starts_on, datetime.min.time(), tzinfo=zoneinfo.ZoneInfo("UTC"))
    ShowcaseScreening.objects.create(
        showcase=week, film=published, venue=venue, starts_at=first + timedelta(hours=21.5)
    )
    ShowcaseScreening.objects.create(
        showcase=week, film=published, venue=venue, starts_at=first + timedelta(hours=22.5)
    )

    response = client.get(url(week))
    content = response.content.decode()

    second_day = week.starts_on + timedelta(days=1)
    assert [day for day, _rows in response.context["days"]] == [week.starts_on, second_day]
    assert f'<time datetime="{week.starts_on:%Y-%m-%d}T23:30:00+02:00">23:30</time>' in content
    assert f'<time datetime="{second_day:%Y-%m-%d}T00:30:00+02:00">00:30</time>' in content
    assert "Times are local to the film week (Europe/Rome)." in content
    assert f'<a href="/films/{published.pk}/" lang="en">Mountains May Depart</a>' in content


def test_attendance_shows_once_reported(client, past_week, past_screening):
    before = client.get(url(past_week)).content.decode()
    past_week.attendance = 840
    past_week.save()
    past_screening.attendance = 310
    past_screening.save()

    after = client.get(url(past_week)).content.decode()

    assert "Total attendance:" not in before
    assert "Total attendance:</strong> 840" in after
    assert "<td>310</td>" in after


def test_the_propose_form_offers_only_the_producers_published_films_not_yet_proposed(
    client, producer, producer_org, week, proposal
):
    other_published = PublishedFilmFactory(organization=producer_org, title_en="Still Life")
    FilmFactory(organization=producer_org, title_en="A Draft")
    PublishedFilmFactory(title_en="Somebody Else's")
    client.force_login(producer)

    form = client.get(url(week)).context["propose_form"]

    assert [value for value, _label in form.fields["film"].widget.choices] == ["", other_published.pk]


def test_no_propose_form_once_the_call_has_closed(client, producer, published):
    week = ShowcaseFactory(call_closes_on=today() - timedelta(days=1))
    client.force_login(producer)

    response = client.get(url(week))

    assert response.context["propose_form"] is None
    assert "Proposals for this film week closed on" in response.content.decode()


def test_no_attendance_form_before_the_week_is_over(client, agency_admin, week):
    client.force_login(agency_admin)

    assert client.get(url(week)).context["attendance_form"] is None


# --- Proposing -------------------------------------------------------------------------------


def test_a_producer_proposes_a_published_film(client, producer, week, published):
    client.force_login(producer)

    response = client.post(url(week, "propose/"), {"film": published.pk, "note": "Shot in Fenyang."}, follow=True)

    proposal = ShowcaseProposal.objects.get()
    assert (proposal.showcase, proposal.film, proposal.status, proposal.note) == (
        week,
        published,
        ProposalStatus.PROPOSED,
        "Shot in Fenyang.",
    )
    assert response.redirect_chain == [(f"{url(week)}#proposals", 302)]
    assert messages_of(response) == [
        "“Mountains May Depart” is proposed for Chinese Film Week Rome. The agency will accept or decline it."
    ]
    assert response.context["proposals"] == [proposal]
    assert AuditEvent.objects.filter(object_id=str(proposal.pk), to_state="proposed").count() == 1


def refused(response, field: str) -> list[str]:
    assert response.status_code == 400
    return response.context["propose_form"].errors[field]


def test_proposing_an_unpublished_film_is_refused(client, producer, producer_org, week):
    draft = FilmFactory(organization=producer_org)
    client.force_login(producer)

    response = client.post(url(week, "propose/"), {"film": draft.pk})

    assert refused(response, "film") == ["Only films published in the catalogue can be proposed."]
    assert not ShowcaseProposal.objects.exists()


def test_proposing_another_companys_film_is_refused(client, producer, week):
    theirs = PublishedFilmFactory()
    client.force_login(producer)

    response = client.post(url(week, "propose/"), {"film": theirs.pk})

    assert refused(response, "film") == ["Choose a film of your own company."]
    assert not ShowcaseProposal.objects.exists()


def test_proposing_after_the_call_closed_is_refused(client, producer, published):
    week = ShowcaseFactory(call_closes_on=today() - timedelta(days=2))
    client.force_login(producer)

    response = client.post(url(week, "propose/"), {"film": published.pk})

    errors = refused(response, "__all__")
    assert errors == [f"Proposals for this film week closed on {week.call_closes_on.day} {week.call_closes_on:%b %Y}."]
    assert errors[0] in response.content.decode()
    assert not ShowcaseProposal.objects.exists()


def test_proposing_the_same_film_twice_is_refused(client, producer, proposal):
    client.force_login(producer)

    response = client.post(url(proposal.showcase, "propose/"), {"film": proposal.film_id})

    assert refused(response, "film") == ["This film is already proposed for this film week."]
    assert ShowcaseProposal.objects.count() == 1


def test_proposing_without_a_film_is_refused(client, producer, week):
    client.force_login(producer)

    response = client.post(url(week, "propose/"), {"film": "not-a-number"})

    assert refused(response, "film")
    assert not ShowcaseProposal.objects.exists()


# --- Accepting and declining ------------------------------------------------------------------


def transition(client, proposal, **data):
    return client.post(url(proposal.showcase, f"proposals/{proposal.pk}/transition/"), data, follow=True)


def test_an_admin_accepts_a_proposal(client, agency_admin, proposal):
    client.force_login(agency_admin)

    response = transition(client, proposal, to="accepted")

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert messages_of(response) == [f"The proposal is accepted for the programme: {proposal}."]
    assert response.context["proposals"][0].moves == []


def test_declining_without_a_note_is_refused(client, agency_admin, proposal):
    client.force_login(agency_admin)

    response = transition(client, proposal, to="declined", note="  ", confirmed="1")

    proposal.refresh_from_db()
    assert response.status_code == 400
    assert response.context["transition_refused"].errors == ["A note is required for this change."]
    assert f'id="transition-errors-{proposal.pk}"' in response.content.decode()
    assert proposal.status == ProposalStatus.PROPOSED


def test_declining_with_a_note(client, agency_admin, proposal):
    client.force_login(agency_admin)

    transition(client, proposal, to="declined", note="Too long for the slot.", confirmed="1")

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED
    assert AuditEvent.objects.get(object_id=str(proposal.pk), to_state="declined").note == "Too long for the slot."


@pytest.mark.parametrize("to", ["declined", "proposed", "nonsense", ""])
def test_moves_the_table_does_not_allow_are_refused(client, agency_admin, proposal, to):
    proposal.status = ProposalStatus.ACCEPTED
    proposal.save()
    client.force_login(agency_admin)

    response = transition(client, proposal, to=to, note="Changed our minds.")

    proposal.refresh_from_db()
    assert response.status_code == 400
    [error] = response.context["transition_refused"].errors
    assert ("to:" if not to else ("not a known status" if to == "nonsense" else "cannot become")) in error
    assert proposal.status == ProposalStatus.ACCEPTED


def test_a_proposal_of_another_week_answers_404(client, agency_admin, proposal):
    other_week = ShowcaseFactory()
    client.force_login(agency_admin)

    response = client.post(url(other_week, f"proposals/{proposal.pk}/transition/"), {"to": "accepted"})

    assert response.status_code == 404


# --- The programme -----------------------------------------------------------------------------


def add_screening(client, week, **data):
    return client.post(url(week, "programme/"), data, follow=True)


def test_an_admin_adds_a_screening_read_in_the_weeks_zone(client, agency_admin, week, venue, proposal):
    proposal.status = ProposalStatus.ACCEPTED
    proposal.save()
    client.force_login(agency_admin)
    offered = client.get(url(week)).context["programme_form"]

    response = add_screening(
        client, week, film=proposal.film_id, venue=venue.pk, starts_at=f"{week.starts_on:%Y-%m-%d}T19:30"
    )

    screening = ShowcaseScreening.objects.get()
    assert [value for value, _label in offered.fields["film"].widget.choices] == ["", proposal.film_id]
    assert screening.starts_at == datetime.combine(week.starts_on, datetime.min.time(), tzinfo=ROME).replace(
        hour=19, minute=30
    )
    assert screening.starts_at.astimezone(zoneinfo.ZoneInfo("UTC")).hour == 17
    assert response.redirect_chain == [(f"{url(week)}#programme", 302)]
    assert messages_of(response) == [
        f"“Mountains May Depart” is in the programme at Cinema Nuovo on "
        f"{week.starts_on.day} {week.starts_on:%b %Y}, 19:30 (Europe/Rome)."
    ]
    assert '<time datetime="' + f"{week.starts_on:%Y-%m-%d}" + 'T19:30:00+02:00">19:30</time>' in (
        response.content.decode()
    )


def programme_refused(response, field: str) -> list[str]:
    assert response.status_code == 400
    return response.context["programme_form"].errors[field]


def test_a_venue_of_another_week_is_refused(client, agency_admin, week, published):
    elsewhere = VenueFactory(name="Elsewhere")
    client.force_login(agency_admin)

    response = add_screening(
        client, week, film=published.pk, venue=elsewhere.pk, starts_at=f"{week.starts_on:%Y-%m-%d}T19:30"
    )

    assert programme_refused(response, "venue") == ["Choose a venue of this film week."]
    assert not ShowcaseScreening.objects.exists()


@pytest.mark.parametrize("when", ["outside", "garbage", "missing"])
def test_a_start_outside_the_week_or_unreadable_is_refused(client, agency_admin, week, venue, published, when):
    starts_at = {
        "outside": f"{week.ends_on + timedelta(days=1):%Y-%m-%d}T19:30",
        "garbage": "next tuesday-ish",
        "missing": "",
    }[when]
    client.force_login(agency_admin)

    response = add_screening(client, week, film=published.pk, venue=venue.pk, starts_at=starts_at)

    assert programme_refused(response, "starts_at")
    assert not ShowcaseScreening.objects.exists()


def test_an_unpublished_film_is_refused_for_the_programme(client, agency_admin, week, venue, producer_org):
    draft = FilmFactory(organization=producer_org)
    client.force_login(agency_admin)

    response = add_screening(client, week, film=draft.pk, venue=venue.pk, starts_at=f"{week.starts_on:%Y-%m-%d}T19:30")

    assert programme_refused(response, "film") == ["Only films published in the catalogue can be programmed."]
    assert not ShowcaseScreening.objects.exists()


# --- Attendance ----------------------------------------------------------------------------------


def test_attendance_before_the_end_is_refused(client, agency_admin, week):
    client.force_login(agency_admin)

    response = client.post(url(week, "attendance/"), {"attendance": "500"})

    week.refresh_from_db()
    assert response.status_code == 400
    assert response.context["attendance_form"].errors["attendance"] == [
        f"Attendance can be reported once the film week is over (after {week.ends_on.day} {week.ends_on:%b %Y})."
    ]
    assert week.attendance is None


def test_attendance_after_the_end_is_saved_with_each_screening(client, agency_admin, past_week, past_screening):
    client.force_login(agency_admin)

    response = client.post(
        url(past_week, "attendance/"), {"attendance": "840", f"screening_{past_screening.pk}": "310"}, follow=True
    )

    past_week.refresh_from_db()
    past_screening.refresh_from_db()
    assert (past_week.attendance, past_screening.attendance) == (840, 310)
    assert response.redirect_chain == [(f"{url(past_week)}#attendance", 302)]
    assert messages_of(response) == ["The attendance of Lisbon Film Week has been recorded."]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"attendance": "-3"}, "attendance"),
        ({"attendance": "many"}, "attendance"),
        ({"attendance": ""}, "attendance"),
        ({"attendance": "99999999999"}, "attendance"),
        ({"attendance": "100", "screening": "500"}, "attendance"),  # more at one screening than in total
        ({"attendance": "100", "screening": "-1"}, "__all__"),
    ],
)
def test_bad_attendance_is_refused(client, agency_admin, past_week, past_screening, data, field):
    if "screening" in data:
        data[f"screening_{past_screening.pk}"] = data.pop("screening")
    client.force_login(agency_admin)

    response = client.post(url(past_week, "attendance/"), data)

    past_week.refresh_from_db()
    past_screening.refresh_from_db()
    assert response.status_code == 400
    assert response.context["attendance_form"].errors[field]
    assert (past_week.attendance, past_screening.attendance) == (None, None)


# --- Query counts ----------------------------------------------------------------------------------


def make_weeks(count: int, *, org, past: bool | None = None) -> list[Showcase]:
    """``count`` weeks (upcoming and past in turn, or all past), each with ``count`` partners,
    venues, proposals (half accepted) and screenings."""
    weeks = []
    for index in range(count):
        behind = index % 2 == 1 if past is None else past
        start = today() + timedelta(days=-60 - index if behind else 30 + index)
        week = ShowcaseFactory(starts_on=start, ends_on=start + timedelta(days=6))
        for n in range(count):
            ShowcasePartner.objects.create(showcase=week, name=f"Partner {index}-{n}")
        venues = [VenueFactory(showcase=week) for _ in range(count)]
        for n in range(count):
            film = PublishedFilmFactory(organization=org)
            ProposalFactory(showcase=week, film=film, status=ProposalStatus.ACCEPTED if n % 2 else "proposed")
            ShowcaseScreening.objects.create(
                showcase=week,
                film=film,
                venue=venues[n],
                starts_at=datetime.combine(start + timedelta(days=n % 6), datetime.min.time(), tzinfo=ROME)
                + timedelta(hours=18),
            )
        weeks.append(week)
    return weeks


# Session, user, the memberships for the navigation and the unread count, then the page's own queries.
LIST_QUERIES = {"anonymous": 2, "owner": 6, "admin": 6}
# The week, partners, venues, programme; memberships, proposals; the producer's films for the form.
DETAIL_QUERIES = {"anonymous": 4, "owner": 10, "admin": 9}


@pytest.mark.parametrize("role", list(LIST_QUERIES))
@pytest.mark.parametrize("count", [1, 4])
def test_the_list_costs_a_fixed_number_of_queries(
    client, as_role, role, count, producer_org, django_assert_num_queries
):
    make_weeks(count, org=producer_org)
    as_role(role)

    with django_assert_num_queries(LIST_QUERIES[role]):
        response = client.get("/festivals/film-weeks/")

    assert len(response.context["upcoming"]) + len(response.context["past"]) == count


@pytest.mark.parametrize("role", list(DETAIL_QUERIES))
@pytest.mark.parametrize("count", [1, 4])
def test_the_page_costs_a_fixed_number_of_queries(
    client, as_role, role, count, producer_org, django_assert_num_queries
):
    week = make_weeks(count, org=producer_org)[0]
    PublishedFilmFactory.create_batch(count, organization=producer_org)
    as_role(role)

    with django_assert_num_queries(DETAIL_QUERIES[role]):
        response = client.get(url(week))

    assert sum(len(rows) for _day, rows in response.context["days"]) == count
    assert len(response.context["proposals"]) == (0 if role == "anonymous" else count)


@pytest.mark.parametrize("count", [1, 4])
def test_a_past_week_with_the_attendance_form_costs_a_fixed_number_of_queries(
    client, agency_admin, count, producer_org, django_assert_num_queries
):
    week = make_weeks(count, org=producer_org, past=True)[0]
    client.force_login(agency_admin)

    with django_assert_num_queries(DETAIL_QUERIES["admin"]):
        response = client.get(url(week))

    assert len(response.context["attendance_form"].fields) == 1 + count
