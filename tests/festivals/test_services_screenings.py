"""Writes for a film's public screenings and for following festivals."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from festivals import services
from festivals.models import Screening
from festivals.selectors import festival_list_followed_by
from tests.festivals.factories import FestivalFactory, ScreeningFactory
from tests.festivals.helpers import errors_of
from tests.films.factories import FilmFactory

pytestmark = pytest.mark.django_db


# --- Screenings and follows -------------------------------------------------------------


def test_the_producer_records_a_past_screening(producer, producer_org):
    film = FilmFactory(organization=producer_org)

    screening = services.screening_record(
        actor=producer, film=film, screened_on=date(2026, 6, 1), country="fr", event_name="Festival des 3 Continents"
    )

    assert (screening.organization, str(screening.country)) == (producer_org, "FR")


def test_a_screening_date_in_the_future_is_refused(producer, producer_org):
    film = FilmFactory(organization=producer_org)

    with pytest.raises(ValidationError) as exc:
        services.screening_record(
            actor=producer,
            film=film,
            screened_on=timezone.now().date() + timedelta(days=2),
            country="FR",
            event_name="Next week",
        )

    assert errors_of(exc) == {
        "screened_on": ["This date is in the future: record a screening once it has taken place."]
    }
    assert not Screening.objects.exists()


def test_a_screening_needs_a_country_and_an_event(producer, producer_org):
    with pytest.raises(ValidationError) as exc:
        services.screening_record(
            actor=producer, film=FilmFactory(organization=producer_org), screened_on=date(2026, 6, 1), country="ZZ"
        )

    assert set(errors_of(exc)) == {"country", "event_name"}


@pytest.mark.parametrize("who", ["other_producer", "buyer", "agency_admin"])
def test_only_the_films_producer_records_and_deletes_its_screenings(request, producer_org, who):
    actor = request.getfixturevalue(who)
    film = FilmFactory(organization=producer_org)
    screening = ScreeningFactory(film=film)

    with pytest.raises(PermissionDenied):
        services.screening_record(actor=actor, film=film, screened_on=date(2026, 6, 1), country="FR", event_name="X")
    with pytest.raises(PermissionDenied):
        services.screening_delete(screening=screening, actor=actor)
    assert list(Screening.objects.all()) == [screening]


def test_the_producer_deletes_a_screening(producer, producer_org):
    screening = ScreeningFactory(film=FilmFactory(organization=producer_org))

    services.screening_delete(screening=screening, actor=producer)

    assert not Screening.objects.exists()


def test_following_and_unfollowing_twice_changes_nothing_more(buyer):
    festival = FestivalFactory()

    first = services.festival_follow(user=buyer, festival=festival)
    assert services.festival_follow(user=buyer, festival=festival) == first
    assert list(festival_list_followed_by(user=buyer)) == [festival]

    services.festival_unfollow(user=buyer, festival=festival)
    services.festival_unfollow(user=buyer, festival=festival)
    assert list(festival_list_followed_by(user=buyer)) == []


def test_anonymous_visitors_follow_nothing():
    with pytest.raises(PermissionDenied):
        services.festival_follow(user=AnonymousUser(), festival=FestivalFactory())
    assert list(festival_list_followed_by(user=AnonymousUser())) == []
