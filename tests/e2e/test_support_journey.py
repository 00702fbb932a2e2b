"""Export support, in Chromium: a producer applies for festival-participation support for a film
a festival selected (the application pre-filled with the selection), completes the budget and
the documents and submits; an agency admin assigns a reviewer; the reviewer declares no
conflict and scores the rubric; the admin approves part of the amount; the producer reads the
decision and the timeline of every step.

Screenshots of the application form, the review and the decision go to $E2E_SCREENSHOTS when set.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from festivals.enums import FestivalTier, SubmissionStatus
from support.enums import ApplicationStatus, DocumentKind
from support.models import Application
from tests.e2e.journeys import log_in, log_out, shots_dir
from tests.factories import AgencyAdminFactory, OrganizationFactory, ReviewerFactory, member_of
from tests.festivals.factories import EditionFactory, FestivalFactory, SectionFactory, SubmissionFactory
from tests.films.factories import PublishedFilmFactory
from tests.support.factories import ProgrammeFactory, cny, rubric

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def world():
    company = OrganizationFactory(name="Red Lantern Films")
    producer = member_of(company, email="chen@redlantern.test")
    admin = AgencyAdminFactory(email="agency@example.test")
    reviewer = ReviewerFactory(email="li.wei@example.test", full_name="Li Wei")
    film = PublishedFilmFactory(organization=company, title_en="River Song", title_original="江歌")
    festival = FestivalFactory(name_en="Lakeside Film Festival", name_zh="湖畔电影节", tier=FestivalTier.A)
    section = SectionFactory(edition=EditionFactory(festival=festival), name_en="International Competition")
    SubmissionFactory(film=film, section=section, status=SubmissionStatus.SELECTED)
    programme = ProgrammeFactory(
        title_en="Festival Travel Support",
        title_zh="电影节参展资助",
        min_festival_tier=FestivalTier.B,
        required_documents=[DocumentKind.BUDGET, DocumentKind.INVITATION],
        max_grant=cny(100_000),
        closes_at=timezone.now() + timedelta(days=30),
    )
    rubric(programme, weights=(3, 2))
    return producer, admin, reviewer, film, programme


def test_a_producer_applies_a_reviewer_scores_and_the_agency_grants_part(page, world, tmp_path):
    producer, admin, reviewer, film, _programme = world
    shots = shots_dir(tmp_path)
    pdf = tmp_path / "budget.pdf"
    pdf.write_bytes(PDF)

    # The producer finds the open call and starts an application for the selected film.
    log_in(page, producer.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Export support").click()
    page.get_by_role("link", name="Festival Travel Support").click()
    page.get_by_role("link", name="Apply").click()
    page.get_by_label(re.compile(r"^Film")).select_option(str(film.pk))
    page.get_by_role("button", name="Start the application").click()
    page.wait_for_url(re.compile(r"/support/applications/\d+/edit/$"))
    application = Application.objects.get(film=film)
    assert application.submission.section.edition.festival.name_en == "Lakeside Film Festival"

    # The budget, the statement and the two documents the programme asks for.
    page.get_by_role("textbox", name="Statement").fill("The director and the lead actress attend the premiere.")
    line = page.get_by_role("group", name="Line 1")
    line.get_by_label("Item").fill("Flights for two")
    line.get_by_role("textbox").nth(1).fill("30000")
    line.get_by_role("combobox").select_option("CNY")
    line = page.get_by_role("group", name="Line 2")
    line.get_by_label("Item").fill("Hotel, five nights")
    line.get_by_role("textbox").nth(1).fill("50000")
    line.get_by_role("combobox").select_option("CNY")
    page.get_by_role("button", name="Save the application").click()
    expect(page.get_by_text("80,000.00 CNY").first).to_be_visible()
    for kind in ("Detailed budget", "Festival invitation or selection letter"):
        page.goto(f"/support/applications/{application.pk}/edit/")
        page.get_by_label("Kind of document").select_option(label=kind)
        page.get_by_label("PDF file").set_input_files(str(pdf))
        page.get_by_role("button", name="Attach the document").click()
    page.screenshot(path=str(shots / "support-application-form.png"), full_page=True)

    page.goto(f"/support/applications/{application.pk}/")
    expect(page.get_by_text("Lakeside Film Festival").first).to_be_visible()
    page.get_by_role("button", name="Submit the application").click()
    expect(page.get_by_text("The application is submitted")).to_be_visible()
    application.refresh_from_db()
    assert (application.status, application.requested) == (ApplicationStatus.SUBMITTED, cny(80_000))
    log_out(page)

    # The agency admin assigns a reviewer, which starts the review.
    log_in(page, admin.email)
    page.goto(f"/support/applications/{application.pk}/")
    page.get_by_label("Reviewer").select_option(str(reviewer.pk))
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_text("Under review").first).to_be_visible()
    log_out(page)

    # The reviewer declares no conflict of interest, then scores each criterion and submits.
    log_in(page, reviewer.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My reviews").click()
    page.get_by_role("link", name="River Song").click()
    page.get_by_label("I have no conflict of interest with the applicant").check()
    page.get_by_role("button", name="Declare").click()
    page.get_by_role("group", name=re.compile("Artistic quality")).get_by_label("4 · very good").check()
    page.get_by_role("group", name=re.compile("Market potential")).get_by_label("3 · good").check()
    page.screenshot(path=str(shots / "support-review.png"), full_page=True)
    page.get_by_role("button", name="Submit the review").click()
    expect(page.get_by_text(re.compile("submitted", re.IGNORECASE)).first).to_be_visible()
    log_out(page)

    # The admin sees the weighted mean (4×3 + 3×2) / 5 = 3.60 and approves 60,000 of the 80,000.
    log_in(page, admin.email)
    page.goto(f"/support/applications/{application.pk}/")
    expect(page.locator("#reviews-weighted")).to_contain_text("3.60")
    page.get_by_role("link", name=re.compile("Decide")).first.click()
    expect(page.locator("#decision-ceiling")).to_contain_text("80,000.00 CNY")
    page.get_by_label("Granted amount").fill("60000")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("The application is approved")).to_be_visible()
    application.refresh_from_db()
    assert (application.status, application.granted) == (ApplicationStatus.APPROVED, cny(60_000))
    log_out(page)

    # The producer reads the decision and the timeline of every step.
    log_in(page, producer.email)
    page.goto(f"/support/applications/{application.pk}/")
    expect(page.locator("#application-decision")).to_contain_text("60,000.00 CNY")
    timeline = page.locator(".timeline")
    for step in ("Draft", "Submitted", "Under review", "Approved"):
        expect(timeline).to_contain_text(step)
    page.screenshot(path=str(shots / "support-decision.png"), full_page=True)
