"""Seeding: one user seed, child streams keyed on stable names.

Streams are derived with :class:`numpy.random.SeedSequence` from the user's seed and a key made
of stable names (an option id, a chunk index...). The same seed and key always give the same
stream, whatever the number of workers and whatever other options the case holds.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np

__all__ = ["DEFAULT_SEED", "key_words", "make_rng", "seed_sequence"]

DEFAULT_SEED = 20_270_104
"""Seed used when the caller gives none: results stay reproducible by default."""


def key_words(*names: str | int) -> tuple[int, ...]:
    """Turn stable names into 32-bit words for a ``SeedSequence`` spawn key.

    Strings are hashed with BLAKE2b (not Python's salted ``hash``), integers are kept.

    Examples
    --------
    >>> key_words("saas", 3) == key_words("saas", 3)
    True
    """
    words: list[int] = []
    for name in names:
        if isinstance(name, int) and not isinstance(name, bool):
            if name < 0:
                raise ValueError(f"key integers must be >= 0, got {name}")
            words.append(name)
        else:
            words.extend(_name_words(str(name)))
    return tuple(words)


@lru_cache(maxsize=65_536)
def _name_words(name: str) -> tuple[int, int]:
    digest = hashlib.blake2b(name.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest[:4], "little"), int.from_bytes(digest[4:], "little")


def seed_sequence(seed: int | None, *names: str | int) -> np.random.SeedSequence:
    """Return the seed sequence of the stream named ``names`` under ``seed``.

    Parameters
    ----------
    seed
        The user's seed (a non-negative integer); ``None`` means :data:`DEFAULT_SEED`.
    *names
        Stable names, e.g. ``("saas", "chunk", 4)``.
    """
    entropy = DEFAULT_SEED if seed is None else int(seed)
    if entropy < 0:
        raise ValueError(f"seed must be >= 0, got {seed}")
    return np.random.SeedSequence(entropy, spawn_key=key_words(*names))


def make_rng(seed: int | None, *names: str | int) -> np.random.Generator:
    """Return a ``numpy.random.Generator`` for the stream named ``names`` under ``seed``.

    Examples
    --------
    >>> a = make_rng(7, "saas", 0).random(3)
    >>> b = make_rng(7, "saas", 0).random(3)
    >>> bool((a == b).all())
    True
    """
    return np.random.Generator(np.random.PCG64(seed_sequence(seed, *names)))
