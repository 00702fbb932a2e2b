"""Background jobs: the runner, progress, retries, who sees a job, its page and its API."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from core.jobs import JobFailed, JobOutcome, job_create, job_list_visible_to, job_progress, job_run, registry
from core.models import Job, JobStatus
from tests.factories import UserFactory
from tests.pages import ROLE_FIXTURES, status_of

KIND = "tests.count"
# A message the catalogue translates, passed by name so that makemessages does not collect it.
DONE = "Import films"


@pytest.fixture
def seen(monkeypatch):
    """Registers a job kind that counts to ``params["n"]``, recording what a watcher reads."""
    record: list[tuple] = []

    def run(job: Job) -> JobOutcome:
        n = job.params.get("n", 3)
        if job.params.get("fail"):
            raise JobFailed("Nothing was done.", [{"row": 2, "column": "title", "message": "Bad."}])
        if job.params.get("crash"):
            raise RuntimeError("a bug")
        job_progress(job=job, done=0, total=n, message="Starting.")
        for i in range(1, n + 1):
            job_progress(job=job, done=i, message=f"{i} of {n}")
            stored = Job.objects.get(pk=job.pk)  # what the job's page and API read now
            record.append((stored.status, stored.progress_done, stored.progress_total, stored.message))
        return JobOutcome(message=translation.gettext(DONE), result={"counted": n})

    monkeypatch.setitem(
        registry._KINDS,
        KIND,
        registry.JobKind(
            name=KIND,
            label="Counting",
            run=run,
            links=lambda job: [("Counted", "/done/")],
            retry_url=lambda job: "/again/",
        ),
    )
    return record


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Runs (or captures) what the code under test queues for after commit."""
    return django_capture_on_commit_callbacks


def _started(owner, commit, **params) -> Job:
    with commit(execute=True):
        job = job_create(kind=KIND, owner=owner, params=params)
    job.refresh_from_db()
    return job


def test_a_job_runs_after_commit_and_records_its_progress_as_it_goes(seen, producer, commit):
    with commit() as callbacks:
        job = job_create(kind=KIND, owner=producer, params={"n": 3})

    assert (Job.objects.get(pk=job.pk).status, len(callbacks)) == (JobStatus.QUEUED, 1)
    callbacks[0]()
    job.refresh_from_db()

    assert seen == [
        ("running", 1, 3, "1 of 3"),
        ("running", 2, 3, "2 of 3"),
        ("running", 3, 3, "3 of 3"),
    ]
    assert (job.status, job.percent, job.message, job.result) == ("succeeded", 100, "Import films", {"counted": 3})
    assert job.started_at <= job.finished_at


def test_a_failed_job_keeps_its_errors_and_drops_its_input(seen, producer, commit):
    with commit(execute=True):
        job = job_create(
            kind=KIND, owner=producer, params={"fail": True}, input_file=ContentFile(b"a,b\n", name="in.csv")
        )
    stored_as = job.input_file.name
    assert re.fullmatch(r"jobs/\d{4}/\d{2}/input\w*\.csv", stored_as)
    job.refresh_from_db()

    assert (job.status, job.message) == ("failed", "Nothing was done.")
    assert job.errors == [{"row": 2, "column": "title", "message": "Bad."}]
    assert job.input_file.name == ""
    assert not default_storage.exists(stored_as)


def test_a_fault_in_a_handler_fails_the_job_with_a_plain_message(seen, producer, caplog, commit):
    job = _started(producer, commit, crash=True)

    assert (job.status, job.message) == ("failed", "The job stopped because of an unexpected error.")
    assert "failed unexpectedly" in caplog.text


def test_running_a_finished_job_again_does_nothing(seen, producer, commit):
    job = _started(producer, commit, n=2)

    assert job_run(job_id=job.pk) == "skipped"
    assert job_run(job_id=job.pk + 1000) == "skipped"
    assert len(seen) == 2


def test_a_job_another_worker_is_running_is_left_alone_until_that_run_must_be_over(seen, producer):
    job = Job.objects.create(kind=KIND, owner=producer, params={"n": 1}, status=JobStatus.RUNNING)

    assert job_run(job_id=job.pk) == "skipped"

    Job.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    assert job_run(job_id=job.pk) == "succeeded"


def test_an_unknown_kind_is_refused_when_the_job_is_created(producer):
    with pytest.raises(ImproperlyConfigured):
        job_create(kind="no.such.kind", owner=producer)
    assert Job.objects.count() == 0


def test_a_handler_runs_in_the_language_of_the_jobs_owner(seen, producer, commit):
    producer.language = "zh-hans"
    producer.save()

    job = _started(producer, commit)

    assert job.message == "导入影片"


# --- Who sees a job ---------------------------------------------------------------------


def test_a_job_is_visible_to_its_owner_and_agency_admins_only(producer, other_producer, agency_admin, buyer):
    mine = Job.objects.create(kind=KIND, owner=producer)
    theirs = Job.objects.create(kind=KIND, owner=other_producer)

    assert list(job_list_visible_to(user=producer)) == [mine]
    assert list(job_list_visible_to(user=buyer)) == []
    assert set(job_list_visible_to(user=agency_admin)) == {mine, theirs}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 200),
        ("other", 404),
        ("buyer", 404),
        ("unverified", 404),
        ("anonymous", "login"),
        ("reviewer", 404),
        ("admin", 200),
    ],
)
def test_a_jobs_page_is_for_its_owner_and_admins(seen, client, as_role, producer, role, expected):
    job = Job.objects.create(kind=KIND, owner=producer)
    as_role(role)

    assert status_of(client.get(f"/jobs/{job.pk}/")) == expected


@pytest.mark.parametrize(("role", "expected"), [("owner", 200), ("other", 404), ("buyer", 404), ("admin", 200)])
def test_a_jobs_api_status_is_for_its_owner_and_admins(seen, api_client, request, producer, role, expected):
    job = Job.objects.create(kind=KIND, owner=producer)
    api_client.force_authenticate(request.getfixturevalue(ROLE_FIXTURES[role]))

    assert api_client.get(f"/api/v1/jobs/{job.pk}/").status_code == expected


def test_an_anonymous_api_request_for_a_job_answers_401(seen, api_client, producer):
    job = Job.objects.create(kind=KIND, owner=producer)

    assert api_client.get(f"/api/v1/jobs/{job.pk}/").status_code == 401


def test_a_running_jobs_page_shows_its_bar_and_follows_it_with_a_static_script(seen, client, producer):
    job = Job.objects.create(
        kind=KIND, owner=producer, status=JobStatus.RUNNING, progress_done=1, progress_total=4, message="1 of 4"
    )
    client.force_login(producer)

    page = client.get(f"/jobs/{job.pk}/").content.decode()

    assert 'max="100" value="25" data-job-progress>25%</progress>' in page
    assert f'data-job-status-url="/api/v1/jobs/{job.pk}/"' in page
    assert 'data-job-finished="false"' in page
    assert '<script src="/static/js/jobs.js" defer></script>' in page
    assert "<script>" not in page
    assert "1 of 4" in page


def test_a_failed_jobs_page_lists_the_errors_by_row_and_column(seen, client, producer, commit):
    job = _started(producer, commit, fail=True)
    client.force_login(producer)

    response = client.get(f"/jobs/{job.pk}/")

    page = response.content.decode()
    assert "Row 2, title: Bad." in page
    assert 'href="/again/"' in page
    assert 'data-job-finished="true"' in page


def test_a_succeeded_jobs_page_links_to_what_it_made(seen, client, producer, commit):
    job = _started(producer, commit)
    client.force_login(producer)

    page = client.get(f"/jobs/{job.pk}/").content.decode()

    assert '<a href="/done/">Counted</a>' in page
    assert 'value="100"' in page


def test_the_api_tells_a_jobs_progress_and_outcome(seen, api_client, producer, commit):
    job = _started(producer, commit, fail=True)
    api_client.force_authenticate(producer)

    body = api_client.get(f"/api/v1/jobs/{job.pk}/").json()

    assert {k: body[k] for k in ("kind", "kind_label", "status", "status_display", "finished", "percent")} == {
        "kind": KIND,
        "kind_label": "Counting",
        "status": "failed",
        "status_display": "failed",
        "finished": True,
        "percent": 0,
    }
    assert body["errors"] == [{"row": 2, "column": "title", "message": "Bad."}]
    assert body["page"] == f"http://testserver/jobs/{job.pk}/"


@pytest.mark.parametrize("count", [1, 5])
def test_the_job_list_costs_the_same_queries_for_one_job_or_several(seen, api_client, producer, count):
    for _i in range(count):
        Job.objects.create(kind=KIND, owner=producer)
    Job.objects.create(kind=KIND, owner=UserFactory())
    api_client.force_authenticate(producer)

    with CaptureQueriesContext(connection) as queries:
        body = api_client.get("/api/v1/jobs/").json()

    assert body["count"] == count
    # Django's permission tables (user's and groups') asked for core.view_job, the count, the page
    assert len(queries) == 4
