"""The film page's festival panel and the producer's public screenings. Every role, bad input, query counts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from festivals.enums import SubmissionStatus
from festivals.models import Screening
from tests.festivals.factories import (
    EditionFactory,
    FestivalFactory,
    ScreeningFactory,
    SectionFactory,
    SubmissionFactory,
)
from tests.festivals.helpers import factory_name, queries_for, text_of
from tests.films.factories import PublishedFilmFactory
from tests.pages import status_of

pytestmark = pytest.mark.django_db


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


def test_the_screening_form_groups_past_editions_by_year(client, producer, film):
    old = EditionFactory(year=2019, festival=FestivalFactory(name_en=factory_name("Old"), country="DE"))
    client.force_login(producer)

    page = text_of(client.get(f"/festivals/films/{film.pk}/screenings/"))

    assert '<optgroup label="2019">' in page
    assert f'<option value="{old.pk}">{old.festival.name_en} 2019</option>' in page


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
    assert client.post(f"/festivals/screenings/{screening.pk}/delete/", {"confirmed": "1"}).status_code == 403
    client.force_login(other_producer)
    assert client.post(f"/festivals/screenings/{screening.pk}/delete/", {"confirmed": "1"}).status_code == 404
    assert Screening.objects.count() == 1

    client.force_login(producer)
    assert client.post(f"/festivals/screenings/{screening.pk}/delete/", {"confirmed": "1"}).status_code == 302
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
    removed = client.post(f"/festivals/screenings/{screening.pk}/delete/", {"confirmed": "1"})

    assert (status_of(recorded), status_of(removed)) == (record, remove)
    assert Screening.objects.exclude(pk=screening.pk).count() == (1 if record == 302 else 0)
    assert Screening.objects.filter(pk=screening.pk).exists() == (remove != 302)


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


def test_a_bad_date_does_not_hide_the_missing_country_and_event(client, producer, film):
    """Every rule in one pass (item 8 of issue 9): the service's rules run on what parsed."""
    client.force_login(producer)

    response = client.post(
        f"/festivals/films/{film.pk}/screenings/", {"screened_on": "not a date", "country": "", "event_name": ""}
    )

    assert response.status_code == 400
    assert response.context["panel"]["form"].errors == {
        "screened_on": ["Enter a valid date."],
        "country": ["Give the country the screening took place in."],
        "event_name": ["Name the event, or choose the festival edition."],
    }
    assert not Screening.objects.exists()


def test_an_unknown_edition_does_not_hide_the_future_date(client, producer, film):
    client.force_login(producer)

    response = client.post(
        f"/festivals/films/{film.pk}/screenings/", {"screened_on": "2999-01-01", "country": "CN", "edition": "999999"}
    )

    errors = response.context["panel"]["form"].errors
    assert set(errors) == {"screened_on", "edition", "event_name"}
    assert errors["screened_on"] == ["This date is in the future: record a screening once it has taken place."]
