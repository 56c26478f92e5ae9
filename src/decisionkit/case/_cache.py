"""A small cache keyed by the identity of an immutable object (a case, an option).

Cases are frozen, so what is derived from one (its risk fingerprint, its gated form) never
changes; a what-if panel asks for it again and again. Pydantic models cannot be weakly
referenced, so the cache holds the object itself beside the value (no stale hit when an id is
reused) and keeps the ``maxsize`` most recent entries.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Generic, TypeVar

__all__ = ["IdentityCache", "PartsCache"]

T = TypeVar("T")


class IdentityCache(Generic[T]):
    """``cache.get(obj, compute)``: ``compute(obj)`` once per object (by identity)."""

    def __init__(self, maxsize: int = 32) -> None:
        self.maxsize = maxsize
        self._items: OrderedDict[int, tuple[Any, T]] = OrderedDict()

    def get(self, obj: Any, compute: Callable[[Any], T]) -> T:
        """The value for ``obj``, computed on the first call."""
        key = id(obj)
        hit = self._items.get(key)
        if hit is not None and hit[0] is obj:
            self._items.move_to_end(key)
            return hit[1]
        value = compute(obj)
        self._items[key] = (obj, value)
        self._items.move_to_end(key)
        while len(self._items) > self.maxsize:
            self._items.popitem(last=False)
        return value


class PartsCache(Generic[T]):
    """``cache.get(parts, compute)``: one value per tuple of objects, compared by identity.

    For values derived from some parts of an immutable object: a copy that shares those parts
    (``model_copy`` is shallow) shares the value, without computing it again.
    """

    def __init__(self, maxsize: int = 32) -> None:
        self.maxsize = maxsize
        self._items: OrderedDict[tuple[int, ...], tuple[tuple[Any, ...], T]] = OrderedDict()

    def get(self, parts: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """The value for ``parts``, computed on the first call."""
        key = tuple(map(id, parts))
        hit = self._items.get(key)
        if hit is not None and all(a is b for a, b in zip(hit[0], parts, strict=True)):
            self._items.move_to_end(key)
            return hit[1]
        value = compute()
        self._items[key] = (parts, value)
        while len(self._items) > self.maxsize:
            self._items.popitem(last=False)
        return value
