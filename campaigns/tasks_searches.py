"""Celery tasks of the searches part."""
