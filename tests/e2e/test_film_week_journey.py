"""A film's way into an overseas film week, in Chromium: a producer finds an upcoming week and
proposes a published film, an agency admin accepts it and puts it in the programme, and the
public page shows it at its local time.

A screenshot of the week's page goes to $E2E_SCREENSHOTS (a folder) when set.
"""

import re
import zoneinfo

import pytest

from festivals.enums import ProposalStatus
from festivals.models import ShowcaseProposal, ShowcaseScreening
from tests.e2e.journeys import log_in, log_out, shots_dir
from tests.factories import AgencyAdminFactory, OrganizationFactory, member_of
from tests.festivals.factories import ShowcaseFactory, VenueFactory
from tests.films.factories import PublishedFilmFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def scene():
    company = OrganizationFactory(name="Red Lantern Films")
    producer = member_of(company, email="chen@redlantern.test")
    film = PublishedFilmFactory(organization=company, title_en="Mountains May Depart", title_original="山河故人")
    admin = AgencyAdminFactory(email="agency@example.test")
    week = ShowcaseFactory(title_en="Chinese Film Week Rome", time_zone="Europe/Rome")
    VenueFactory(showcase=week, name="Cinema Nuovo")
    return producer, admin, film, week


def test_a_proposed_film_reaches_the_programme_of_a_film_week(page, scene, tmp_path):
    producer, admin, film, week = scene
    first_day = f"{week.starts_on:%Y-%m-%d}"

    # The producer finds the upcoming week and proposes the film.
    log_in(page, producer.email)
    page.goto("/festivals/film-weeks/")
    upcoming = page.get_by_role("region", name="Upcoming film weeks")
    assert upcoming.get_by_text(re.compile("Proposals open until")).is_visible()
    upcoming.get_by_role("link", name="Chinese Film Week Rome").click()
    page.get_by_role("heading", name="Chinese Film Week Rome", level=1).wait_for()
    page.get_by_role("combobox", name=re.compile(r"^Film")).select_option(label="Mountains May Depart")
    page.get_by_label("Note for the agency").fill("A family across three decades; subtitled in Italian.")
    page.get_by_role("button", name="Propose the film").click()
    page.get_by_text("“Mountains May Depart” is proposed for Chinese Film Week Rome.").wait_for()
    assert page.locator("#proposals").get_by_text("Proposed", exact=True).is_visible()
    proposal = ShowcaseProposal.objects.get()
    assert (proposal.film_id, proposal.status) == (film.pk, ProposalStatus.PROPOSED)
    log_out(page)

    # The agency admin accepts it and programmes it on the first evening, local time.
    log_in(page, admin.email)
    page.goto(f"/festivals/film-weeks/{week.pk}/")
    page.get_by_role("button", name="Accept for the programme").click()
    page.get_by_text("The proposal is accepted for the programme: Mountains May Depart").wait_for()
    form = page.locator("#programme-add")
    form.get_by_role("combobox", name=re.compile(r"^Film")).select_option(label="Mountains May Depart")
    form.get_by_label("Venue").select_option(label="Cinema Nuovo")
    form.get_by_label("Starts (local date and time)").fill(f"{first_day}T19:30")
    form.get_by_role("button", name="Add the screening").click()
    page.get_by_text("“Mountains May Depart” is in the programme at Cinema Nuovo").wait_for()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    screening = ShowcaseScreening.objects.get()
    local_start = screening.starts_at.astimezone(zoneinfo.ZoneInfo(week.time_zone))
    assert f"{local_start:%Y-%m-%d %H:%M}" == f"{first_day} 19:30"
    log_out(page)

    # Anyone now sees it in the programme, at the week's local time, linking to the film.
    page.goto(f"/festivals/film-weeks/{week.pk}/")
    programme = page.locator("#programme")
    assert programme.get_by_text("Times are local to the film week (Europe/Rome).").is_visible()
    row = programme.get_by_role("row", name=re.compile("Mountains May Depart"))
    assert row.locator("time").inner_text() == "19:30"
    assert row.get_by_role("cell", name="Cinema Nuovo").is_visible()
    assert programme.locator(f'time[datetime="{first_day}"]').count() == 1
    assert page.locator("#proposals").count() == 0
    page.screenshot(path=str(shots_dir(tmp_path) / "film_week.png"), full_page=True)

    row.get_by_role("link", name="Mountains May Depart").click()
    page.wait_for_url(f"**/films/{film.pk}/")
    page.get_by_role("heading", name=re.compile("山河故人")).wait_for()
