"""Celery tasks of the sending part."""
