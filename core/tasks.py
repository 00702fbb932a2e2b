"""Celery tasks of core: thin, ids in, a service does the work; safe to retry."""

from celery import shared_task

from core.jobs import services
from core.jobs.registry import JOB_TIME_LIMIT


# No automatic retries: a job's handler is all-or-nothing and its failure is recorded on the
# job for the person watching it. A worker lost mid-run redelivers the task (acks late), and
# the claim in ``job_run`` lets it run again only once the lost run can no longer be going.
@shared_task(name="core.job_run", time_limit=JOB_TIME_LIMIT, soft_time_limit=JOB_TIME_LIMIT - 60)
def job_run(*, job_id: int) -> str:
    return services.job_run(job_id=job_id)
