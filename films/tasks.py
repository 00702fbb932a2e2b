"""Celery tasks for films: thin, ids in, a service does the work; safe to retry.

Listing notifications go through the notifications outbox, which delivers them itself.
"""
