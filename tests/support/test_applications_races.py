"""Twenty identical creations of an application at the same moment, with real threads on
PostgreSQL: one application is made, the others are refused naming ``film`` (the database's
one-live-application constraint decides, its error turned into a 400)."""

import pytest
from django.core.exceptions import ValidationError

from support import services
from support.models import Application, Programme
from tests.factories import OrganizationFactory, member_of
from tests.films.factories import PublishedFilmFactory
from tests.races import at_once, kinds
from tests.support.factories import ProgrammeFactory

THREADS = 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_identical_creations_at_once_make_one_application():
    company = OrganizationFactory()
    film = PublishedFilmFactory(organization=company)
    programme = ProgrammeFactory()
    producers = [member_of(company, email=f"producer{i}@example.test") for i in range(THREADS)]

    outcomes = at_once(
        THREADS,
        lambda i: services.application_create(
            actor=producers[i], programme=Programme.objects.get(pk=programme.pk), film=film
        ),
    )

    assert kinds(outcomes) == {"ok": 1, "ValidationError": THREADS - 1}
    assert all("film" in o.error.message_dict for o in outcomes if isinstance(o.error, ValidationError))
    assert Application.objects.filter(programme=programme, film=film).count() == 1
