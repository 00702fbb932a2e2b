"""The CSV film import in Chromium: a producer uploads a file and the job's page shows the bar
finished and the films; a file with a bad row ends on the rows' errors; and a job still running
moves its bar as the worker reports progress, without a reload, until its outcome shows.

Celery is eager in the tests, so an upload's job has finished before the page that follows it
is served; the third journey holds a job open from the test to watch the page follow it.
"""

import re

import pytest
from playwright.sync_api import expect

from core.jobs import job_progress, job_succeed
from core.models import Job, JobStatus
from films.models import Film
from films.services import IMPORT_JOB
from tests.e2e.journeys import log_in, shots_dir
from tests.factories import OrganizationFactory, member_of
from tests.films.factories import FilmFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

HEADER = "title_original,title_en,production_year,runtime_minutes,genres,director\n"


@pytest.fixture
def producer():
    return member_of(OrganizationFactory(name="Red Lantern Films"), email="chen@redlantern.test")


def _upload(page, tmp_path, text: str) -> None:
    path = tmp_path / "films.csv"
    path.write_text(text, encoding="utf-8")
    page.goto("/films/import/")
    page.get_by_label("CSV file").set_input_files(str(path))
    page.get_by_role("button", name="Import").click()
    page.wait_for_url(re.compile(r"/jobs/\d+/$"))


def test_an_uploaded_file_becomes_films_and_the_bar_shows_it_finished(page, producer, tmp_path):
    log_in(page, producer.email)

    rows = [
        "山河故人,Mountains May Depart,2024,126,drama,贾樟柯|Jia Zhangke",
        "江湖儿女,Ash Is Purest White,2018,136,crime,",
    ]
    _upload(page, tmp_path, HEADER + "\n".join(rows) + "\n")

    expect(page.get_by_role("heading", name="Film import")).to_be_visible()
    expect(page.locator("[data-job-progress]")).to_have_attribute("value", "100")
    expect(page.locator("[data-job-status]")).to_have_text("succeeded")
    expect(page.get_by_role("status")).to_have_text("2 films imported into Red Lantern Films as drafts.")
    page.screenshot(path=str(shots_dir(tmp_path) / "import-finished.png"), full_page=True)
    expect(page.get_by_role("link", name="Mountains May Depart", exact=True)).to_be_visible()
    page.get_by_role("link", name="All your films").click()
    page.wait_for_url("**/films/mine/")
    expect(page.get_by_role("link", name="Mountains May Depart 山河故人")).to_be_visible()
    expect(page.get_by_role("link", name="Ash Is Purest White 江湖儿女")).to_be_visible()
    assert Film.objects.filter(organization__name="Red Lantern Films").count() == 2


def test_a_file_with_a_bad_row_ends_on_the_rows_errors_and_imports_nothing(page, producer, tmp_path):
    log_in(page, producer.email)

    _upload(page, tmp_path, HEADER + "山河故人,Mountains May Depart,2024,126,drama,\n江湖儿女,Ash,2018,0,western,\n")

    expect(page.locator("[data-job-status]")).to_have_text("failed")
    expect(page.get_by_role("status")).to_have_text("Nothing was imported: 2 problems found.")
    errors = page.get_by_role("alert")
    expect(errors).to_contain_text("Row 3, runtime_minutes: Ensure this value is greater than or equal to 1.")
    expect(errors).to_contain_text("Row 3, genres: Unknown genre: western.")
    page.get_by_role("link", name="Try again").click()
    page.wait_for_url("**/films/import/")
    assert Film.objects.count() == 0


def test_a_running_jobs_page_moves_its_bar_without_a_reload_and_then_shows_the_outcome(page, producer, tmp_path):
    film = FilmFactory(organization=producer.memberships.get().organization, title_en="Spring Tide")
    job = Job.objects.create(
        kind=IMPORT_JOB, owner=producer, status=JobStatus.RUNNING, progress_done=1, progress_total=4, message="1 of 4"
    )
    log_in(page, producer.email)
    page.goto(f"/jobs/{job.pk}/")
    bar = page.locator("[data-job-progress]")
    expect(bar).to_have_attribute("value", "25")
    page.evaluate("() => { window.notReloaded = true; }")

    job_progress(job=job, done=3, message="3 of 4")

    expect(bar).to_have_attribute("value", "75")
    expect(page.get_by_role("status")).to_have_text("3 of 4")
    assert page.evaluate("() => window.notReloaded === true")

    job_succeed(job=job, result={"films": [film.pk]}, message="1 film imported.")

    expect(page.get_by_role("link", name="Spring Tide")).to_be_visible()
    expect(bar).to_have_attribute("value", "100")
    expect(page.locator("[data-job-status]")).to_have_text("succeeded")
    expect(page.locator("[data-job-refresh]")).to_have_count(0)
