"""A film's way into a festival, in Chromium: the producer follows a festival, opens the
calendar for their film, submits it; a film whose world premiere is spent is refused with the
reason; an agency admin records the festival's decision; the film page shows the selection.

Screenshots of the calendar, the refusal and the film page go to $E2E_SCREENSHOTS when set.
"""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from festivals.enums import PremiereRequirement, SubmissionStatus
from festivals.models import FestivalFollow, Submission
from tests.e2e.journeys import log_in, log_out, shots_dir
from tests.factories import AgencyAdminFactory, OrganizationFactory, member_of
from tests.festivals.factories import DeadlineFactory, EditionFactory, FestivalFactory, ScreeningFactory, SectionFactory
from tests.films.factories import PublishedFilmFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def world():
    company = OrganizationFactory(name="Red Lantern Films")
    producer = member_of(company, email="chen@redlantern.test")
    admin = AgencyAdminFactory(email="agency@example.test")
    fresh = PublishedFilmFactory(organization=company, title_en="River Song", title_original="江歌", countries=["CN"])
    shown = PublishedFilmFactory(organization=company, title_en="Old News", title_original="旧闻", countries=["CN"])
    ScreeningFactory(film=shown, country="CN", event_name="FIRST Xining")
    festival = FestivalFactory(name_en="Lakeside Film Festival", name_zh="湖畔电影节", city="Lucerne", country="CH")
    edition = EditionFactory(festival=festival, time_zone="Europe/Zurich")
    DeadlineFactory(
        edition=edition,
        kind="regular",
        closes_at=timezone.now() + timedelta(days=20),
        fee_amount=Decimal("80.00"),
        fee_currency="CHF",
    )
    section = SectionFactory(
        edition=edition, name_en="International Competition", premiere_requirement=PremiereRequirement.WORLD
    )
    return producer, admin, fresh, shown, festival, section


def test_a_film_is_submitted_refused_for_another_and_selected(page, world, tmp_path):
    producer, admin, fresh, shown, festival, section = world
    shots = shots_dir(tmp_path)

    # The producer finds the festival in the directory and follows it.
    log_in(page, producer.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Festivals").click()
    page.get_by_label("Name or city").fill("Lakeside")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Lakeside Film Festival").click()
    page.get_by_role("button", name="Follow").click()
    expect(page.get_by_role("button", name=re.compile("Following"))).to_be_visible()
    assert FestivalFollow.objects.filter(user=producer, festival=festival).exists()

    # The calendar, narrowed to deadlines still open for the film, lists the festival.
    page.get_by_role("link", name="Deadline calendar").click()
    page.get_by_label("Open for my film").select_option(label="River Song (江歌)")
    page.get_by_role("button", name="Filter").click()
    row = page.get_by_role("row", name=re.compile("Lakeside Film Festival"))
    expect(row).to_contain_text("80.00 CHF")
    expect(page.get_by_role("link", name="Download these deadlines (.ics)")).to_have_attribute(
        "href", re.compile(rf"calendar\.ics\?.*film={fresh.pk}")
    )
    page.screenshot(path=str(shots / "festival-calendar.png"), full_page=True)

    # From the festival's page, the section's "Submit a film" opens the form with it chosen.
    row.get_by_role("link", name=re.compile("Lakeside Film Festival")).click()
    page.get_by_role("link", name="Submit a film").click()
    page.get_by_label(re.compile(r"^Film")).select_option(label="River Song (江歌)")
    page.get_by_role("button", name="Check eligibility").click()
    expect(page.get_by_role("heading", name="Eligible")).to_be_visible()
    expect(page.get_by_text("with a fee of 80.00 CHF")).to_be_visible()
    page.get_by_role("button", name="Submit now").click()
    page.wait_for_url(re.compile(r"/festivals/submissions/\d+/$"))
    expect(page.get_by_text("is submitted to")).to_be_visible()
    submission = Submission.objects.get(film=fresh)
    assert (submission.status, submission.fee_amount, submission.fee_currency) == (
        SubmissionStatus.SUBMITTED,
        Decimal("80.00"),
        "CHF",
    )

    # The film already shown at home is refused, with the rule it breaks; nothing is saved.
    page.get_by_role("link", name="My festival strategy").click()
    page.get_by_role("link", name="New submission").click()
    page.get_by_label(re.compile(r"^Film")).select_option(label="Old News (旧闻)")
    page.get_by_label("Festival section").select_option(str(section.pk))
    page.get_by_role("button", name="Submit now").click()
    expect(page.get_by_role("heading", name="Not eligible")).to_be_visible()
    expect(page.get_by_text("asks for a world premiere")).to_be_visible()
    page.screenshot(path=str(shots / "festival-refused.png"), full_page=True)
    assert not Submission.objects.filter(film=shown).exists()
    log_out(page)

    # The agency admin records the festival's decision.
    log_in(page, admin.email)
    page.goto("/festivals/decisions/")
    page.get_by_role("row", name=re.compile("River Song")).get_by_role("button", name="Mark as under review").click()
    expect(page.get_by_text("The submission is marked as under review")).to_be_visible()
    page.get_by_role("link", name=re.compile("Under review")).click()
    page.get_by_role("row", name=re.compile("River Song")).get_by_role("button", name="Mark as selected").click()
    expect(page.get_by_text("The submission is marked as selected")).to_be_visible()
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SELECTED
    log_out(page)

    # Anyone opening the film's page sees the selection in its festival history.
    page.goto(f"/films/{fresh.pk}/")
    history = page.locator(".festival-history")
    expect(history).to_contain_text("Selected")
    expect(history).to_contain_text("Lakeside Film Festival")
    expect(history).to_contain_text("International Competition")
    page.screenshot(path=str(shots / "festival-film-page.png"), full_page=True)
