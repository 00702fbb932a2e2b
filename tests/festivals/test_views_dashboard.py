"""The festivals panels of the producer's, the agency admin's and the buyer's dashboards."""

import pytest

from festivals.enums import SubmissionStatus
from festivals.models import FestivalFollow
from tests.festivals.factories import (
    DeadlineFactory,
    EditionFactory,
    FestivalFactory,
    SectionFactory,
    SubmissionFactory,
)
from tests.festivals.helpers import factory_name, queries_for, text_of
from tests.films.factories import FilmFactory

pytestmark = pytest.mark.django_db


# --- Dashboard ----------------------------------------------------------------------------------


def test_the_dashboard_shows_a_producer_their_submissions_and_followed_deadlines(client, producer, draft):
    FestivalFollow.objects.create(user=producer, festival=draft.section.edition.festival)
    client.force_login(producer)

    page = text_of(client.get("/dashboard/"))

    assert "My festival strategy" in page
    assert 'badge-submission-draft">Draft</span> 1' in page
    assert "Next deadlines of festivals you follow" in page
    assert "Rotterdam Test Festival" in page


def test_the_dashboard_shows_agency_admins_what_waits_for_a_decision(client, agency_admin, draft):
    draft.status = SubmissionStatus.UNDER_REVIEW
    draft.save()
    client.force_login(agency_admin)

    response = client.get("/dashboard/")

    assert "Submissions awaiting a decision" in text_of(response)
    assert '<span class="stat-number">1</span>' in text_of(response)


def test_the_dashboard_shows_buyers_no_festival_panel(client, buyer):
    client.force_login(buyer)

    assert "My festival strategy" not in text_of(client.get("/dashboard/"))


def test_the_dashboard_costs_the_same_queries_with_one_followed_festival_or_many(client, producer, producer_org):
    client.force_login(producer)

    def follow_and_submit():
        section = SectionFactory(edition=EditionFactory(festival=FestivalFactory(name_en=factory_name("Dash"))))
        DeadlineFactory(edition=section.edition)
        FestivalFollow.objects.create(user=producer, festival=section.edition.festival)
        SubmissionFactory(film=FilmFactory(organization=producer_org), section=section)

    follow_and_submit()
    client.get("/dashboard/")
    one = queries_for(client, "/dashboard/")
    for _n in range(4):
        follow_and_submit()

    assert queries_for(client, "/dashboard/") == one
