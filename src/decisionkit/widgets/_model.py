"""The what-if panel's logic, without widgets: a plain object tested headless.

:class:`WhatIfModel` holds a base :class:`~decisionkit.Study` and the changes a user made
(the keys of a :class:`~decisionkit.Scenario`). A change is validated at once (a bad value
raises :class:`~decisionkit.CaseErrors` and changes nothing). Requests are debounced (a slider
dragged across ten values computes once). Changes that only re-score (weights, method,
confidence, budget, deadline) are applied at once on the last simulated study; the others
(estimates, risks, mitigations, team, start, carbon price, iterations, seed) run in a
background thread, so a panel never freezes: ``busy`` says so, and a newer request
supersedes an older one (its result is dropped). The simulated study of the last heavy
changes is kept, so moving a weight after changing an estimate does not simulate again.

Listeners (``on_result``, ``on_busy``, ``on_error``) receive the new study, the busy flag
or the error; the widgets layer only binds controls to these methods.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from decisionkit.errors import CaseErrors
from decisionkit.studies import Scenario, Study, append_scenario, check_scenario, parse_scenario
from decisionkit.studies.scenario import LIGHT

__all__ = ["WhatIfModel"]


class WhatIfModel:
    """What-if state and recomputation for a study (see the module docstring).

    Parameters
    ----------
    study
        The base study (every change applies to it).
    debounce
        Seconds to wait after a change before computing (0: compute at once).
    background
        Run simulations in a background thread (False: in the caller's thread, for scripts).

    Examples
    --------
    >>> import decisionkit as dk
    >>> st = dk.study("examples/si-rh.yaml", iterations=1_000, smaa_draws=200, seed=1)
    >>> m = WhatIfModel(st, debounce=0, background=False)
    >>> m.set_weight("carbone", 0.4).scenario.weights
    {'carbone': 0.4}
    >>> m.recomputations
    {'light': 1, 'heavy': 0}
    """

    def __init__(self, study: Study, *, debounce: float = 0.15, background: bool = True) -> None:
        self.base = study
        self.debounce = debounce
        self.background = background
        self.changes: dict[str, Any] = {}
        self.current = study
        self.busy = False
        self.error: Exception | None = None
        self.recomputations = {"light": 0, "heavy": 0}
        self._heavy_key: Any = None
        self._heavy = study
        self._generation = 0
        self._lock = threading.RLock()
        self._timer: threading.Timer | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="decisionkit-whatif")
        self._jobs = 0
        self._idle = threading.Event()
        self._idle.set()
        self._listeners: dict[str, list[Callable[[Any], None]]] = {
            "result": [],
            "busy": [],
            "error": [],
        }

    # -- listeners ----------------------------------------------------------------------------
    def on_result(self, callback: Callable[[Study], None]) -> None:
        """Call ``callback(study)`` with each new study."""
        self._listeners["result"].append(callback)

    def on_busy(self, callback: Callable[[bool], None]) -> None:
        """Call ``callback(busy)`` when a background computation starts or ends."""
        self._listeners["busy"].append(callback)

    def on_error(self, callback: Callable[[Exception], None]) -> None:
        """Call ``callback(error)`` when a computation fails (the study stays as it was)."""
        self._listeners["error"].append(callback)

    def _emit(self, kind: str, value: Any) -> None:
        for callback in self._listeners[kind]:
            callback(value)

    # -- changes ------------------------------------------------------------------------------
    def set(self, key: str, value: Any) -> Study:
        """Set one scenario key (``None`` removes it) and request a recomputation.

        Returns the current study: already the new one for a change that only re-scores, the
        previous one while a simulation runs in the background.

        Raises
        ------
        CaseErrors
            When the change is invalid for the case (nothing is changed then).
        """
        changes = copy.deepcopy(self.changes)
        if value is None:
            changes.pop(key, None)
        else:
            changes[key] = value
        self._check(changes)
        self.changes = changes
        return self.request()

    def _set_in(self, key: str, name: str, value: Any) -> Study:
        inner = dict(self.changes.get(key) or {})
        if value is None:
            inner.pop(name, None)
        else:
            inner[name] = value
        return self.set(key, inner or None)

    def set_weight(self, criterion: str, weight: float) -> Study:
        """The weight of one criterion, on the case's own scale."""
        return self._set_in("weights", criterion, float(weight))

    def set_probability(self, risk: str, probability: float | None) -> Study:
        """A risk's probability (``risk`` or ``option.risk``); ``None`` restores the case's."""
        return self._set_in("probabilities", risk, probability)

    def set_scale(
        self, target: str, *, duration: float | None = None, cost: float | None = None
    ) -> Study:
        """Factors on an option's (or ``option.task``'s) durations and costs."""
        factors = {k: v for k, v in (("duration", duration), ("cost", cost)) if v is not None}
        return self._set_in("scale", target, factors or None)

    def set_team(self, competence: str, fte: float | None) -> Study:
        """FTE added to (negative: removed from) a competence of the in-house team."""
        return self._set_in("team", competence, fte)

    def set_mitigation(self, option: str, risk: str, on: bool) -> Study:
        """Apply (or not) the mitigation of one risk of one option."""
        current = self.changes.get("mitigate")
        chosen = list(current) if isinstance(current, list) else []
        ref = f"{option}.{risk}"
        if on and ref not in chosen:
            chosen.append(ref)
        if not on and ref in chosen:
            chosen.remove(ref)
        return self.set("mitigate", chosen or None)

    def reset(self) -> Study:
        """Back to the base study."""
        with self._lock:
            self.changes = {}
            self._generation += 1
            self.current = self.base
        self._emit("result", self.base)
        return self.base

    def scenario(self, name: str = "") -> Scenario:
        """The current changes as a named scenario."""
        return parse_scenario({"name": name, **self.changes}, source="what-if")

    def save_scenario(self, path: str | Path, name: str) -> Path:
        """Append the current changes, named, to a scenarios file ``decisionkit batch`` runs."""
        if self.base.source in ("<case>", "") or not Path(self.base.source).is_file():
            raise ValueError("this study was not made from a case file: save the case first")
        return append_scenario(path, self.scenario(name), self.base.source)

    def _check(self, changes: Mapping[str, Any]) -> None:
        scenario = parse_scenario(dict(changes), source="what-if")
        problems = check_scenario(scenario, self.base.case, source="what-if")
        if problems:
            raise CaseErrors(problems)

    # -- computing ----------------------------------------------------------------------------
    def request(self) -> Study:
        """Recompute after the debounce delay (a newer request restarts the delay)."""
        with self._lock:
            self._generation += 1
            generation = self._generation
            if self._timer is not None:
                self._timer.cancel()
            if self.debounce > 0:
                self._idle.clear()
                self._timer = threading.Timer(self.debounce, self._start, args=(generation,))
                self._timer.daemon = True
                self._timer.start()
                return self.current
        self._start(generation)
        return self.current

    def _split(self) -> tuple[dict[str, Any], dict[str, Any]]:
        light = {k: v for k, v in self.changes.items() if k in LIGHT}
        heavy = {k: v for k, v in self.changes.items() if k not in LIGHT}
        return heavy, light

    def _start(self, generation: int) -> None:
        with self._lock:
            if generation != self._generation:
                return  # superseded while waiting
            heavy, light = self._split()
            key = repr(sorted(heavy.items()))
            if not heavy:
                base: Study | None = self.base
            elif key == self._heavy_key:
                base = self._heavy
            else:
                base = None
        if base is not None:  # only re-scoring: at once, in this thread
            self._finish(generation, base, light)
            return
        with self._lock:
            self._jobs += 1
        self._set_busy(True)
        if self.background:
            self._pool.submit(self._run, generation, heavy, light, key)
        else:
            self._run(generation, heavy, light, key)

    def _run(self, generation: int, heavy: dict, light: dict, key: str) -> None:
        try:
            simulated = self.base.what_if(heavy)
            with self._lock:
                self.recomputations["heavy"] += 1
                self._heavy, self._heavy_key = simulated, key
                stale = generation != self._generation
            if not stale:
                self._finish(generation, simulated, light)
        except Exception as exc:  # shown to the user; the study stays as it was
            self._fail(exc)
        finally:
            with self._lock:
                self._jobs -= 1
                last = self._jobs == 0
            if last:  # busy while any simulation is queued or running
                self._set_busy(False)

    def _finish(self, generation: int, simulated: Study, light: dict) -> None:
        try:
            st = simulated.what_if(light) if light else simulated
            st.to_dict()  # the facts the views read, computed here rather than in the UI
        except Exception as exc:
            self._fail(exc)
            return
        with self._lock:
            if light:
                self.recomputations["light"] += 1
            if generation != self._generation:
                return
            self.current, self.error = st, None
            if not self._jobs:
                self._idle.set()
        self._emit("result", st)

    def _fail(self, exc: Exception) -> None:
        with self._lock:
            self.error = exc
            if not self._jobs:
                self._idle.set()
        self._emit("error", exc)

    def _set_busy(self, busy: bool) -> None:
        with self._lock:
            self.busy = busy
            if busy:
                self._idle.clear()
            elif self._timer is None or not self._timer.is_alive():
                self._idle.set()
        self._emit("busy", busy)

    def wait(self, timeout: float = 30.0) -> Study:
        """Block until the last request is computed (for scripts and tests)."""
        if not self._idle.wait(timeout):
            raise TimeoutError(f"the what-if did not finish within {timeout:g} s")
        return self.current

    def close(self) -> None:
        """Stop the background thread (pending results are dropped)."""
        with self._lock:
            self._generation += 1
            if self._timer is not None:
                self._timer.cancel()
        self._pool.shutdown(wait=False, cancel_futures=True)
