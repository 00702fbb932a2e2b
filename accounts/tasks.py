"""Celery tasks: thin, keyword-only ids in, a service does the work; safe to retry."""

from celery import shared_task

from accounts import services


@shared_task(name="accounts.remind_stale_verifications")
def remind_stale_verifications() -> int:
    return services.organization_remind_stale_verifications()
