"""Celery tasks of the reminders part: the beat sweep that sends the reminders due."""

from celery import shared_task

from campaigns.services.reminders import reminder_sweep


# Beat runs it every five minutes; a run that overlaps another, or follows a broker outage,
# sends only what no run has sent (unique rows), so it is safe to retry.
@shared_task(name="campaigns.remind_due", time_limit=600, soft_time_limit=540)
def remind_due() -> int:
    return reminder_sweep()
