"""Fire the same work from many threads at once, for PostgreSQL race tests.

Each thread waits at a barrier so the calls overlap, keeps what its call returned or raised,
and closes its own database connection (Django opens one per thread; left open, the test
database could not be dropped). Use with ``@pytest.mark.postgres`` and the ``transactional_db``
fixture: the threads read only what the test has committed.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection


@dataclass(frozen=True)
class Outcome:
    value: object = None
    error: BaseException | None = None

    @property
    def kind(self) -> str:
        return "ok" if self.error is None else type(self.error).__name__


def at_once(count: int, work: Callable[[int], object], *, timeout: float = 60) -> list[Outcome]:
    """Run ``work(i)`` for i in range(count), each in its own thread, all released together."""
    barrier = threading.Barrier(count)
    outcomes: list[Outcome | None] = [None] * count

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=timeout)
            outcomes[i] = Outcome(value=work(i))
        except Exception as exc:  # kept for the test to judge, never lost in the thread
            outcomes[i] = Outcome(error=exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "a thread is still running"
    return [outcome for outcome in outcomes if outcome is not None]


def kinds(outcomes: list[Outcome]) -> Counter:
    """How many calls succeeded ("ok") and how many raised each exception type."""
    return Counter(outcome.kind for outcome in outcomes)
