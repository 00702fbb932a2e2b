"""Background jobs with progress: a job model (``core.models.Job``), a registry of the kinds
apps add, services to create and report on a job, and one Celery task that runs any job.

An app registers a kind in its ``AppConfig.ready``::

    job_kind_register(name="films.import", label=_("Film import"), run=film_import_run, links=...)

and starts one with ``job_create(kind="films.import", owner=user, params=..., input_file=...)``;
the job's page (``/jobs/<id>/``) and ``/api/v1/jobs/<id>/`` show its progress.
"""

from core.jobs.registry import JobFailed, JobKind, JobOutcome, job_kind_get, job_kind_register
from core.jobs.selectors import job_list_recent_of, job_list_visible_to
from core.jobs.services import job_create, job_fail, job_progress, job_run, job_succeed

__all__ = [
    "JobFailed",
    "JobKind",
    "JobOutcome",
    "job_create",
    "job_fail",
    "job_kind_get",
    "job_kind_register",
    "job_list_recent_of",
    "job_list_visible_to",
    "job_progress",
    "job_run",
    "job_succeed",
]
