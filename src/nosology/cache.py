"""The one bounded cache of nosology: least recently used entries go first.

The reference data never changes while it is open (a rebuild replaces the file and needs a
restart), so a value computed for a key stays right; the bound keeps memory in check. The key
must be exactly what the computation reads: every input that changes the value is in the key.
Used for items (the classification), records, notes and figures (pages), and rendered JSON and
HTML (the web layer).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["LruCache"]

V = TypeVar("V")


class LruCache(Generic[V]):
    """Thread-safe LRU map of at most ``maxsize`` entries."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._data: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_make(self, key: Hashable, make: Callable[[], V]) -> V:
        found = self.get(key)
        if found is None:
            found = make()  # outside the lock: two threads may both make it, which is harmless
            self.put(key, found)
        return found

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        return None

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            if len(self._data) > self.maxsize:
                self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)
