"""Versioned answers in the shared cache (Redis in production).

A ``CachedAnswers`` keeps answers under keys built from a request's facts, tagged with the
current *generation*: a counter that writers bump (after commit) when anything the answers
show may have changed. An answer from an older generation is never served; a short time to
live bounds what a write no bump covers. One round trip reads both the generation and the
answer.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.cache import cache
from django.db import transaction


class CachedAnswers:
    def __init__(self, name: str) -> None:
        self.name = name
        self.generation_key = f"{name}:generation"

    def _key(self, parts: tuple) -> str:
        digest = hashlib.sha256(repr(parts).encode()).hexdigest()
        return f"{self.name}:answer:{digest}"

    def get(self, parts: tuple) -> tuple[Any, int]:
        """``(answer or None, current generation)`` for the request described by ``parts``."""
        key = self._key(parts)
        found = cache.get_many([self.generation_key, key])
        generation = found.get(self.generation_key, 0)
        stored = found.get(key)
        if stored is not None and stored[0] == generation:
            return stored[1], generation
        return None, generation

    def set(self, parts: tuple, answer: Any, *, generation: int, seconds: int) -> None:
        """Keep ``answer``, made under ``generation`` (as ``get`` returned it, read before the
        answer was built: an answer built while a writer committed is then already stale)."""
        cache.set(self._key(parts), (generation, answer), timeout=seconds)

    def invalidate(self) -> None:
        """Every answer so far is stale, from the end of the current transaction on."""
        transaction.on_commit(self._bump)

    def _bump(self) -> None:
        if cache.add(self.generation_key, 1, timeout=None):
            return
        try:
            cache.incr(self.generation_key)
        except ValueError:  # expired or evicted between add and incr
            cache.add(self.generation_key, 1, timeout=None)
