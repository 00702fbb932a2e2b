"""Writes of background jobs: create and queue, claim, progress, finish, and the one runner.

A job's progress is written in its own short transaction (the handler's work may be inside a
longer one, or none), so the job's page sees it move while the work goes on.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import PurePath

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import tasks
from core.jobs.registry import JOB_TIME_LIMIT, JobFailed, job_kind_get
from core.models import Job, JobStatus

logger = logging.getLogger(__name__)

# A running job whose progress has not moved for this long lost its worker: the task's hard
# time limit has passed, so nothing can still be running it and a redelivered task may run it.
STALE_AFTER = timedelta(seconds=JOB_TIME_LIMIT + 60)


def job_create(*, kind: str, owner, params: dict | None = None, input_file: File | None = None) -> Job:
    """Record a queued job of a registered ``kind`` and queue its run once the caller commits.

    Side effects: stores ``input_file`` in the default storage; queues ``core.job_run``
    after commit.
    """
    job_kind_get(kind)  # refuse an unknown kind now, not in the worker
    job = Job(kind=kind, owner=owner, params=params or {})
    if input_file is not None:
        # The person's file name is not kept: the storage names the file, the suffix says its type.
        suffix = PurePath(input_file.name or "").suffix[:10]
        job.input_file.save(f"input{suffix}", input_file, save=False)
    job.save()
    transaction.on_commit(lambda: tasks.job_run.delay(job_id=job.pk))
    return job


def _job_claim(job_id: int) -> Job | None:
    """Mark the job running, unless it is finished or another worker is running it."""
    now = timezone.now()
    claimable = Q(status=JobStatus.QUEUED) | Q(status=JobStatus.RUNNING, updated_at__lt=now - STALE_AFTER)
    claimed = Job.objects.filter(claimable, pk=job_id).update(
        status=JobStatus.RUNNING, started_at=now, updated_at=now, progress_done=0, message=""
    )
    if not claimed:
        return None
    return Job.objects.select_related("owner").get(pk=job_id)


def job_progress(*, job: Job, done: int, total: int | None = None, message: str | None = None) -> None:
    """Record how far a running job has got; the job's page and API read it at once."""
    job.progress_done = done
    fields = {"progress_done": done, "updated_at": timezone.now()}
    if total is not None:
        job.progress_total = fields["progress_total"] = total
    if message is not None:
        job.message = fields["message"] = message[:300]
    job.updated_at = fields["updated_at"]
    Job.objects.filter(pk=job.pk).update(**fields)


_FINISH_FIELDS = ("status", "message", "finished_at", "updated_at", "result", "errors", "progress_done", "input_file")


def _job_finish(job: Job, *, status: str, message: str, result: dict | None = None, errors: list | None = None):
    now = timezone.now()
    job.status, job.message, job.finished_at, job.updated_at = status, message[:300], now, now
    job.result = result or {}
    job.errors = errors or []
    if status == JobStatus.SUCCEEDED:
        job.progress_done = job.progress_total
    # The input has been read; a finished job is never run again, so its file is not kept.
    if job.input_file:
        job.input_file.delete(save=False)
    job.save(update_fields=[*_FINISH_FIELDS])


def job_succeed(*, job: Job, result: dict, message: str = "") -> None:
    """End a job as succeeded. Side effects: deletes its stored input file."""
    _job_finish(job, status=JobStatus.SUCCEEDED, message=message, result=result)


def job_fail(*, job: Job, message: str, errors: list | None = None) -> None:
    """End a job as failed with its errors. Side effects: deletes its stored input file."""
    _job_finish(job, status=JobStatus.FAILED, message=message, errors=errors)


def job_run(*, job_id: int) -> str:
    """Run a queued job's handler and record how it ended; returns the job's status.

    A finished job, a missing one, or one another worker is running is skipped, so the task
    that calls this is safe to retry or deliver twice. The handler runs in the language of
    the job's owner, so the messages it leaves read in that language.
    """
    job = _job_claim(job_id)
    if job is None:
        logger.info("Job %s is missing, finished or running elsewhere; skipped.", job_id)
        return "skipped"
    kind = job_kind_get(job.kind)
    with translation.override(getattr(job.owner, "language", None) or settings.LANGUAGE_CODE):
        try:
            outcome = kind.run(job)
        except JobFailed as exc:
            job_fail(job=job, message=exc.message, errors=exc.errors)
        except Exception:
            # A fault in the handler (or its time limit): the job must not stay "running" for
            # ever, and the person watching it gets an answer. The traceback goes to the log.
            logger.exception("Job %s (%s) failed unexpectedly.", job.pk, job.kind)
            job_fail(job=job, message=_("The job stopped because of an unexpected error."))
        else:
            job_succeed(job=job, result=outcome.result, message=outcome.message)
    return job.status
