"""Reads of background jobs: only the person who started a job sees it, and agency admins
(``core.view_job``, given to them by ``accounts.rules``)."""

from __future__ import annotations

from django.db.models import QuerySet

from core.models import Job


def job_list_visible_to(*, user) -> QuerySet[Job]:
    if not getattr(user, "is_authenticated", False):
        return Job.objects.none()
    jobs = Job.objects.select_related("owner")
    if user.has_perm("core.view_job"):
        return jobs
    return jobs.filter(owner=user)


def job_list_recent_of(*, user, kind: str, limit: int = 5) -> list[Job]:
    """The jobs of one kind that ``user`` started, newest first, for a "your recent jobs" list."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Job.objects.filter(owner=user, kind=kind).order_by("-created_at", "-id")[:limit])
