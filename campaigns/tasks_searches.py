"""Celery tasks of the searches part: the alert sweep, run by beat every few minutes."""

from celery import shared_task

from campaigns.services import searches


@shared_task(name="campaigns.alert_saved_searches", time_limit=600, soft_time_limit=540)
def alert_saved_searches() -> int:
    return searches.saved_searches_alert()
