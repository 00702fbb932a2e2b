"""The deadline calendar and its .ics file, and “open for my film”. Every role, bad input, query counts."""

import pytest

from festivals.enums import PremiereRequirement
from tests.festivals.factories import DeadlineFactory, EditionFactory, FestivalFactory, SectionFactory
from tests.festivals.helpers import factory_name, queries_for, text_of
from tests.pages import ROLE_FIXTURES

pytestmark = pytest.mark.django_db


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
