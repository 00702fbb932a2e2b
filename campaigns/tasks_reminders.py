"""Celery tasks of the reminders part."""
