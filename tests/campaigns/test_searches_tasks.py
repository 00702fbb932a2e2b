"""The alert sweep as Celery runs it: a named task on the beat schedule, safe to run again."""

import pytest
import time_machine
from django.conf import settings

from campaigns.models import SavedSearchMatch
from campaigns.tasks_searches import alert_saved_searches
from tests.campaigns.searches_helpers import later, published_film, saved

pytestmark = pytest.mark.django_db


def test_the_sweep_is_on_the_beat_schedule():
    assert settings.CELERY_BEAT_SCHEDULE["campaigns.alert_saved_searches"]["task"] == alert_saved_searches.name
    assert alert_saved_searches.name == "campaigns.alert_saved_searches"


def test_the_task_announces_then_finds_nothing_more(buyer, producer_org):
    search = saved(buyer)
    film = published_film(producer_org, at=later(1))

    with time_machine.travel(later(5), tick=False):
        first = alert_saved_searches.delay().get()
        second = alert_saved_searches.delay().get()

    assert (first, second) == (1, 0)
    assert list(SavedSearchMatch.objects.values_list("saved_search_id", "film_id")) == [(search.pk, film.pk)]
