"""Celery finds an app's tasks in its ``tasks`` module: the parts' task modules, imported so
their tasks register."""

from campaigns import tasks_reminders, tasks_searches, tasks_sending

__all__ = ["tasks_reminders", "tasks_searches", "tasks_sending"]
