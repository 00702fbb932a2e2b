"""Celery tasks for films: thin, ids in, a service does the work; safe to retry."""

from celery import shared_task

from films import services


@shared_task(
    name="films.notify_listing_change", autoretry_for=(OSError,), retry_backoff=True, retry_kwargs={"max_retries": 5}
)
def notify_listing_change(*, event_id: int) -> int:
    return services.film_notify_listing_change(event_id=event_id)
