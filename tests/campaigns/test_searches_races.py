"""Races on saved searches (PostgreSQL, real threads): sweeps run at the same moment announce each
match once, and saves racing for the last place under the limit leave one."""

import pytest
from django.core.exceptions import ValidationError

from campaigns import services
from campaigns.models import SavedSearch, SavedSearchMatch
from campaigns.services.searches import SAVED_SEARCH_LIMIT, SAVED_SEARCH_MATCH
from notifications.models import Notification
from tests.campaigns.searches_helpers import later, make_available, published_film, saved
from tests.races import at_once, kinds

pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("transactional_db")]

THREADS = 8


def test_sweeps_at_the_same_moment_announce_each_match_once(buyer, producer_org):
    searches = [saved(buyer, name=f"Dramas {n}") for n in range(3)]
    films = [published_film(producer_org, at=later(1)) for _n in range(2)]
    make_available(films[0])

    outcomes = at_once(THREADS, lambda i: services.saved_searches_alert(now=later(5)))

    assert kinds(outcomes) == {"ok": THREADS}
    assert sum(outcome.value for outcome in outcomes) == 6
    assert SavedSearchMatch.objects.count() == 6
    assert sorted(SavedSearchMatch.objects.values_list("saved_search_id", "film_id")) == sorted(
        (s.pk, f.pk) for s in searches for f in films
    )
    assert Notification.objects.filter(kind=SAVED_SEARCH_MATCH).count() == 3


def test_saves_racing_for_the_last_place_leave_one(buyer):
    SavedSearch.objects.bulk_create(
        SavedSearch(
            user=buyer,
            name=f"Search {n}",
            query="genre=drama",
            last_checked_at=later(0),
            window_start_at=later(0),
            results_seen_at=later(0),
        )
        for n in range(SAVED_SEARCH_LIMIT - 1)
    )

    outcomes = at_once(
        THREADS, lambda i: services.saved_search_create(user=buyer, name=f"Last {i}", query="genre=drama")
    )

    assert kinds(outcomes) == {"ok": 1, ValidationError.__name__: THREADS - 1}
    assert SavedSearch.objects.filter(user=buyer).count() == SAVED_SEARCH_LIMIT
