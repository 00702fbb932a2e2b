"""The campaigns' slots: featured films above the catalogue's results during a campaign's featured
range only (approved or later campaigns, published films, each once, in fixed queries), and the
dashboard panels for producers (next steps) and agency admins (approvals waiting)."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.enums import CampaignStatus
from campaigns.selectors import campaign_featured_films
from films.enums import ListingStatus
from films.models import Film
from tests.campaigns.factories import CampaignFactory
from tests.films.factories import PublishedFilmFactory
from tests.pages import ROLES

pytestmark = pytest.mark.django_db

_C = CampaignStatus
NOW = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)
TODAY = NOW.date()


def featured_campaign(films, *, status=_C.APPROVED, starts=TODAY, ends=None, organization=None):
    return CampaignFactory(
        organization=organization or films[0].organization,
        status=status,
        films=films,
        featured_from=starts,
        featured_until=ends or starts + timedelta(days=6),
    )


@pytest.fixture
def film(producer_org):
    return PublishedFilmFactory(organization=producer_org, title_en="Quiet Harbour")


def test_featured_films_during_the_range_only(client, film):
    featured_campaign([film], starts=TODAY + timedelta(days=1), ends=TODAY + timedelta(days=3))

    with time_machine.travel(NOW, tick=False):
        before = client.get("/films/")
    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        first_day = client.get("/films/")
    with time_machine.travel(NOW + timedelta(days=3), tick=False):
        last_day = client.get("/films/")
    with time_machine.travel(NOW + timedelta(days=4), tick=False):
        after = client.get("/films/")

    assert before.context["featured"] == []
    assert first_day.context["featured"] == [film]
    assert 'id="catalogue-featured"' in first_day.content.decode()
    assert last_day.context["featured"] == [film]
    assert after.context["featured"] == []
    assert 'id="catalogue-featured"' not in after.content.decode()


@pytest.mark.parametrize("status", [_C.DRAFT, _C.SUBMITTED, _C.CANCELLED])
def test_campaigns_not_yet_approved_or_cancelled_feature_nothing(film, status):
    featured_campaign([film], status=status)

    assert campaign_featured_films(today=TODAY) == []


@pytest.mark.parametrize("status", [_C.APPROVED, _C.SCHEDULED, _C.SENDING, _C.SENT])
def test_approved_and_later_campaigns_feature_their_films(film, status):
    featured_campaign([film], status=status)

    assert campaign_featured_films(today=TODAY) == [film]


def test_a_film_no_longer_published_is_not_featured_and_each_film_shows_once(film, producer_org):
    gone = PublishedFilmFactory(organization=producer_org, title_en="Gone")
    featured_campaign([film, gone])
    featured_campaign([film])
    Film.objects.filter(pk=gone.pk).update(listing_status=ListingStatus.WITHDRAWN)

    assert campaign_featured_films(today=TODAY) == [film]


def test_a_filtered_catalogue_shows_no_featured_films(client, film):
    featured_campaign([film])

    with time_machine.travel(NOW, tick=False):
        response = client.get("/films/", {"q": "harbour"})

    assert response.context["featured"] == []


@pytest.mark.parametrize("n", [1, 4])
def test_the_catalogue_with_featured_films_keeps_its_queries(client, producer_org, django_assert_num_queries, n):
    films = PublishedFilmFactory.create_batch(n, organization=producer_org, genres=["drama"])
    for film in films:
        featured_campaign([film])
    with time_machine.travel(NOW, tick=False):
        client.get("/films/")  # fills the genre cache, as any earlier request would have
        # The catalogue's own 3 (count, page of ids, its rows), and one for the featured films.
        with django_assert_num_queries(4):
            response = client.get("/films/")

    assert len(response.context["featured"]) == n


# --- Dashboard -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_dashboard_panels_per_role(client, as_role, film, role):
    draft = CampaignFactory(organization=film.organization, films=[film], name="Spring slate")
    waiting = CampaignFactory(organization=film.organization, films=[film], status=_C.SUBMITTED)
    as_role(role)

    page = client.get("/dashboard/").content.decode()

    assert (f'id="dashboard-campaign-{draft.pk}"' in page) is (role == "owner")
    assert ("Complete it and send it for approval." in page) is (role == "owner")
    assert (f'id="dashboard-approval-{waiting.pk}"' in page) is (role == "admin")


@pytest.mark.parametrize("who", ["producer", "agency_admin"])
def test_the_dashboard_panels_keep_their_queries(client, request, film, who):
    client.force_login(request.getfixturevalue(who))
    CampaignFactory(organization=film.organization, films=[film], status=_C.SUBMITTED)
    client.get("/dashboard/")
    with CaptureQueriesContext(connection) as one:
        client.get("/dashboard/")
    for _i in range(4):
        CampaignFactory(organization=film.organization, films=[film], status=_C.SUBMITTED)

    with CaptureQueriesContext(connection) as five:
        page = client.get("/dashboard/").content.decode()

    assert page.count('id="dashboard-campaign-' if who == "producer" else 'id="dashboard-approval-') == 5
    assert len(five) == len(one)
