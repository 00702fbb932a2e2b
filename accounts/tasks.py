"""Celery tasks: thin, keyword-only ids in, a service does the work; safe to retry."""

from celery import shared_task

from accounts import services

_MAIL_RETRY = {
    "autoretry_for": (OSError,),
    "retry_backoff": True,
    "retry_kwargs": {"max_retries": 5},
}


@shared_task(name="accounts.send_verification_decision", **_MAIL_RETRY)
def send_verification_decision(*, event_id: int) -> int:
    return services.organization_send_verification_decision(event_id=event_id)


@shared_task(name="accounts.notify_admins_of_buyer_signup", **_MAIL_RETRY)
def notify_admins_of_buyer_signup(*, organization_id: int) -> int:
    return services.buyer_notify_admins_of_signup(organization_id=organization_id)


@shared_task(name="accounts.remind_stale_verifications", **_MAIL_RETRY)
def remind_stale_verifications() -> int:
    return services.organization_remind_stale_verifications()
