"""Twenty agency admins' accepts at once, with real threads on PostgreSQL: the pavilion's places
are never exceeded (the place guard counts under the pavilion's row lock)."""

import pytest

from core.workflow import TransitionError
from markets import services
from markets.models import PavilionApplication
from tests.factories import AgencyAdminFactory
from tests.markets.participation_factories import PavilionApplicationFactory, PavilionFactory
from tests.races import at_once, kinds

THREADS = 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_accepts_at_once_fill_exactly_the_places():
    pavilion = PavilionFactory(places=5)
    applications = PavilionApplicationFactory.create_batch(THREADS, pavilion=pavilion)
    admins = [AgencyAdminFactory(email=f"admin{i}@example.test") for i in range(THREADS)]

    outcomes = at_once(
        THREADS,
        lambda i: services.pavilion_application_transition(
            application=PavilionApplication.objects.get(pk=applications[i].pk), to="accepted", actor=admins[i]
        ),
    )

    assert kinds(outcomes) == {"ok": 5, "TransitionError": THREADS - 5}
    refusals = [o.error for o in outcomes if isinstance(o.error, TransitionError)]
    assert all("All 5 places" in error.message_dict["to"][0] for error in refusals)
    assert PavilionApplication.objects.filter(pavilion=pavilion, status="accepted").count() == 5
    assert PavilionApplication.objects.filter(pavilion=pavilion, status="applied").count() == THREADS - 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_accepts_of_one_application_at_once_accept_it_once():
    pavilion = PavilionFactory(places=5)
    application = PavilionApplicationFactory(pavilion=pavilion)
    admins = [AgencyAdminFactory(email=f"admin{i}@example.test") for i in range(THREADS)]

    outcomes = at_once(
        THREADS,
        lambda i: services.pavilion_application_transition(
            application=PavilionApplication.objects.get(pk=application.pk), to="accepted", actor=admins[i]
        ),
    )

    assert kinds(outcomes) == {"ok": 1, "TransitionError": THREADS - 1}
    assert PavilionApplication.objects.filter(pavilion=pavilion, status="accepted").count() == 1
