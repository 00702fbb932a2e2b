"""The kinds of background job: each app registers its handlers here from ``AppConfig.ready``.

Core runs every job the same way (``core.jobs.services.job_run``) without importing the app
that does the work; the registry is how it finds the handler for a job's ``kind``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from core.models import Job


# The hard time limit of a job's run; a run still "running" after it lost its worker.
JOB_TIME_LIMIT = 15 * 60


@dataclass(frozen=True)
class JobOutcome:
    """What a handler that succeeded leaves: a line for the job's page and a JSON-able result."""

    message: str
    result: dict[str, Any] = field(default_factory=dict)


class JobFailed(Exception):
    """Raised by a handler for an expected failure: the job ends ``failed`` with these errors.

    ``errors`` are dicts the job's page lists, for file imports ``{"row", "column", "message"}``.
    """

    def __init__(self, message: str, errors: list[dict[str, Any]] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or []


@dataclass(frozen=True)
class JobKind:
    """``run(job)`` does the work, reports progress through ``job_progress`` and returns a
    ``JobOutcome`` or raises ``JobFailed``. It runs again from the start when a
    worker died mid-run, so it must be all-or-nothing or idempotent.

    ``links(job)`` gives the ``(text, url)`` pairs the page of a finished job offers, such as
    the films an import created; ``retry_url(job)`` where to start over after a failure.
    """

    name: str
    label: Any
    run: Callable[[Job], JobOutcome]
    links: Callable[[Job], list[tuple[str, str]]] = field(default=lambda job: [])
    retry_url: Callable[[Job], str] = field(default=lambda job: "")


_KINDS: dict[str, JobKind] = {}


def job_kind_register(
    *,
    name: str,
    label,
    run: Callable[[Job], JobOutcome],
    links: Callable[[Job], list[tuple[str, str]]] | None = None,
    retry_url: Callable[[Job], str] | None = None,
) -> JobKind:
    kind = JobKind(
        name=name,
        label=label,
        run=run,
        links=links or (lambda job: []),
        retry_url=retry_url or (lambda job: ""),
    )
    _KINDS[name] = kind
    return kind


def job_kind_get(name: str) -> JobKind:
    try:
        return _KINDS[name]
    except KeyError as exc:
        raise ImproperlyConfigured(f"No background job kind {name!r} is registered.") from exc
