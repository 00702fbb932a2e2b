"""Celery tasks of the sending part: the beat sweep that finds due campaigns, and the worker
task that sends (or resumes) one. Thin and safe to run twice: the rows make it exactly once."""

from celery import shared_task

from campaigns.services import sending as services


@shared_task(name="campaigns.dispatch_due", time_limit=120, soft_time_limit=100)
def dispatch_due() -> int:
    return len(services.campaign_dispatch_due())


# A long campaign outlives one run's time limit only in batches already committed: the next
# sweep queues it again and it resumes with the deliveries that have no notification yet.
@shared_task(name="campaigns.send", time_limit=1800, soft_time_limit=1700)
def send(*, campaign_id: int) -> int:
    return services.campaign_send(campaign_id=campaign_id)
