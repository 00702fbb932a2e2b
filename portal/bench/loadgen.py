"""A bounded loopback load generator: threads and ``http.client``, rounds interleaved.

Each round sends every target in turn, one phase per target: ``concurrency`` threads each send
``per_thread`` requests of that target at once, and the phase ends when the last answer is in.
So ping, the floor, the API and the page are measured under the same concurrency, in the same
moments of the machine, and one target's queue never holds up another's. Rounds repeat until
``seconds`` have passed (at least ``min_rounds``). A target's throughput is its requests over
the time its own phases took.
"""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field


class LoadError(Exception):
    """A target answered other than 200, or the server could not be reached."""


@dataclass(frozen=True)
class Target:
    label: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class LoadResult:
    latencies: list[float] = field(default_factory=list)
    busy: float = 0.0  # seconds of this target's own phases

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.busy

    def percentile_ms(self, percent: int) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] * 1000
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[percent - 1] * 1000


def load_run(
    host: str,
    port: int,
    targets: list[Target],
    *,
    concurrency: int,
    seconds: float,
    per_thread: int = 2,
    min_rounds: int = 2,
    warmup_rounds: int = 1,
    timeout: float = 60.0,
) -> dict[str, LoadResult]:
    """Drive ``targets`` in interleaved rounds at ``concurrency``, after ``warmup_rounds`` untimed
    ones (every worker's first answers); their latencies and throughput."""
    local = threading.local()

    def send(target: Target) -> list[float]:
        latencies = []
        for _ in range(per_thread):
            connection = getattr(local, "connection", None)
            if connection is None:
                connection = local.connection = http.client.HTTPConnection(host, port, timeout=timeout)
            t0 = time.perf_counter()
            try:
                connection.request("GET", target.path, headers=target.headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as exc:
                connection.close()
                local.connection = None
                raise LoadError(f"GET {target.path}: {type(exc).__name__}: {exc}") from exc
            latencies.append(time.perf_counter() - t0)
            if response.status != 200:
                raise LoadError(f"GET {target.path} answered {response.status}")
        return latencies

    results = {target.label: LoadResult() for target in targets}
    rounds = -warmup_rounds
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="bench-load") as pool:
        while rounds < 0:
            for target in targets:
                for future in [pool.submit(send, target) for _ in range(concurrency)]:
                    future.result()
            rounds += 1
        started = time.perf_counter()
        while rounds < min_rounds or time.perf_counter() - started < seconds:
            for target in targets:
                t0 = time.perf_counter()
                futures = [pool.submit(send, target) for _ in range(concurrency)]
                for future in futures:
                    results[target.label].latencies.extend(future.result())
                results[target.label].busy += time.perf_counter() - t0
            rounds += 1
    return results
