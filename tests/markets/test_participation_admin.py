"""The national pavilion is opened and changed by agency admins in the back office, through the
services; participations and pavilion applications are only read there."""

import pytest
from django.utils import translation

from markets.models import Pavilion
from tests.markets.participation_factories import (
    ParticipationEditionFactory,
    ParticipationFactory,
    PavilionApplicationFactory,
    PavilionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_agency_admin_opens_a_pavilion(client, agency_admin):
    edition = ParticipationEditionFactory()
    client.force_login(agency_admin)

    response = client.post(
        "/admin/markets/pavilion/add/",
        {"edition": edition.pk, "places": "6", "stand_name": "China Pavilion", "location": "Riviera 7"},
    )

    assert response.status_code == 302
    pavilion = Pavilion.objects.get()
    assert (pavilion.edition, pavilion.places, pavilion.stand_name) == (edition, 6, "China Pavilion")


def test_cutting_places_below_the_accepted_is_refused_in_the_back_office(client, agency_admin):
    pavilion = PavilionFactory(places=3)
    PavilionApplicationFactory.create_batch(2, pavilion=pavilion, status="accepted")
    client.force_login(agency_admin)

    response = client.post(
        f"/admin/markets/pavilion/{pavilion.pk}/change/", {"places": "1", "stand_name": "China Pavilion"}
    )

    assert response.status_code == 200
    assert "2 companies are already accepted" in response.content.decode()
    pavilion.refresh_from_db()
    assert pavilion.places == 3


@pytest.mark.parametrize("page", ["pavilion", "participation", "pavilionapplication"])
def test_agency_admin_opens_every_list(client, agency_admin, page):
    ParticipationFactory()
    PavilionApplicationFactory()
    client.force_login(agency_admin)

    assert client.get(f"/admin/markets/{page}/").status_code == 200


@pytest.mark.parametrize("page", ["participation", "pavilionapplication"])
def test_workflow_rows_cannot_be_added_in_the_back_office(client, agency_admin, page):
    client.force_login(agency_admin)

    assert client.get(f"/admin/markets/{page}/add/").status_code == 403


def test_producers_stay_out_of_the_back_office(client, producer):
    client.force_login(producer)

    assert client.get("/admin/markets/pavilion/add/").status_code == 302
