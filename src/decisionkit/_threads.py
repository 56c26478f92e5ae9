"""BLAS threads inside the library's hot paths (layer 0).

The Monte Carlo kernels call BLAS on small operands (rank correlations of a few outputs with
the inputs of a 10,000-iteration chunk, Cholesky factors, ``corrcoef`` of a few rows). A
multi-threaded BLAS gains little on them, and when the cores are busy (a notebook kernel next
to a test run, batch workers, a shared server) its threads spin against each other: measured on
2 busy cores, ``simulate`` of the si-rh example took 4 times as long with 2 BLAS threads as
with 1. :func:`single_threaded_blas` runs a block with one BLAS thread and gives the previous
setting back afterwards.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["single_threaded_blas"]

_lock = threading.Lock()
_depth = 0  # blocks inside single_threaded_blas, all Python threads together
_saved: list[tuple[Any, int]] = []  # (library, its thread count before the outermost block)
_libraries: list[Any] = []  # threadpoolctl controllers of the loaded BLAS libraries
_modules_seen = -1  # len(sys.modules) when _libraries was listed


def _blas_libraries() -> list[Any]:
    """The BLAS libraries loaded in this process (a cached scan, redone after new imports).

    Scanning the loaded libraries costs about 0.2 ms, reusing the scan 10 us. A library loaded
    since (scipy brings its own OpenBLAS) comes with new modules, so the scan is redone when
    ``sys.modules`` has changed size. threadpoolctl itself is imported on first use.
    """
    global _libraries, _modules_seen
    if len(sys.modules) != _modules_seen:
        from threadpoolctl import ThreadpoolController

        _libraries = ThreadpoolController().select(user_api="blas").lib_controllers
        _modules_seen = len(sys.modules)
    return _libraries


@contextmanager
def single_threaded_blas() -> Iterator[None]:
    """Run the block (or the decorated function) with one BLAS thread.

    Use it around numerical work made of many small BLAS calls (matrix products of a few rows,
    ``corrcoef``, Cholesky factors), which is faster on one thread and much faster when other
    processes keep the cores busy. The simulated values do not depend on the thread count;
    a product split between threads may add its terms in another order, which moves the last
    bit of a rank correlation (1e-16): inside the block, the numbers are the same whatever the
    user's BLAS setting and the number of worker processes (tested).

    The limit is process-wide, like BLAS's own setting. Blocks nest, and blocks entered from
    several Python threads share one limit; the previous setting comes back when the last
    block exits. Entering costs about 10 us (0.2 ms the first time and after new imports).
    Worker processes started inside a block do not inherit the limit: set it in their
    initializer.

    Examples
    --------
    >>> import numpy as np
    >>> with single_threaded_blas():
    ...     c = np.corrcoef(np.arange(12.0).reshape(3, 4))
    >>> @single_threaded_blas()
    ... def kernel(x):
    ...     return x @ x.T
    >>> kernel(np.eye(2)).tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    """
    global _depth
    with _lock:
        if _depth == 0:
            for lib in _blas_libraries():
                if lib.num_threads != 1:
                    _saved.append((lib, lib.num_threads))
                    lib.set_num_threads(1)
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                while _saved:
                    lib, n = _saved.pop()
                    lib.set_num_threads(n)
