"""Celery tasks: thin, ids in, a service does the work. Every task is safe to run twice:
rows are claimed before they are sent and never sent again once marked sent."""

from celery import shared_task

from notifications import services


@shared_task(name="notifications.deliver", time_limit=300, soft_time_limit=240)
def deliver(*, ids: list[int], token: str | None = None) -> int:
    return services.notification_deliver(ids=ids, token=token)


@shared_task(name="notifications.sweep", time_limit=120, soft_time_limit=100)
def sweep() -> int:
    return services.notification_sweep()


@shared_task(name="notifications.digest_sweep", time_limit=300, soft_time_limit=240)
def digest_sweep() -> int:
    return services.notification_digest_sweep()
