"""The decision study: every fact a view shows, computed once, labelled, saved and changed.

``study(case)`` runs the engines in order (simulation with the skills gates, footprint and
eco-design and skills assessment, appraisal, SMAA, weight stability) and returns a frozen
:class:`Study`. Views (CLI tables, charts, the what-if panel, memos, the batch index) read
:meth:`Study.to_dict`, so they cannot disagree. :meth:`Study.what_if` applies a
:class:`~decisionkit.studies.scenario.Scenario` and recomputes only what the change touches.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import platform
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

import decisionkit.appraisal as engines
from decisionkit._version import __version__
from decisionkit.case.loaders import load_case, parse_case
from decisionkit.case.model import Case
from decisionkit.errors import CaseErrors, StudyError
from decisionkit.risk import CaseSimulation
from decisionkit.rng import DEFAULT_SEED
from decisionkit.studies.facts import plain as _plain
from decisionkit.studies.scenario import Scenario, apply_scenario, check_scenario, parse_scenario

__all__ = ["SCHEMA", "Study", "StudySettings", "load_study", "study"]

SCHEMA = "decisionkit.study/1"

STABILITY_METHODS = ("weighted_sum", "topsis", "promethee_ii")


@dataclass(frozen=True)
class StudySettings:
    """How a study was computed (the provenance of its numbers)."""

    iterations: int = 20_000
    seed: int = DEFAULT_SEED
    workers: int = 1
    sampling: str = "random"
    mitigated: bool | tuple[tuple[str, str], ...] = False
    skills_gates: bool = True
    smaa_draws: int = 10_000
    contributions: bool = True

    def to_dict(self) -> dict[str, Any]:
        """Plain data (mitigated risks as ``option.risk`` strings)."""
        out = dataclasses.asdict(self)
        if isinstance(self.mitigated, tuple):
            out["mitigated"] = [f"{o}.{r}" for o, r in self.mitigated]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StudySettings:
        """Settings from :meth:`to_dict`'s output."""
        data = dict(data)
        if isinstance(data.get("mitigated"), list):
            data["mitigated"] = tuple(tuple(x.split(".", 1)) for x in data["mitigated"])
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass(frozen=True)
class Study:
    """A decision study: the case, its simulation, assessment, appraisal and robustness.

    Build one with :func:`study`; read its facts with :meth:`to_dict` (schema
    ``decisionkit.study/1``, see ``docs/study.md``); save it with :meth:`save`; change it with
    :meth:`what_if`. A study loaded from a file (:func:`load_study`) has its facts but not the
    engines' results (``simulation`` and the others are ``None``); :meth:`what_if` on it
    recomputes them first, with the same seed, so the numbers are the same.
    """

    case: Case
    source: str
    sha256: str
    settings: StudySettings
    simulation: CaseSimulation | None = field(default=None, repr=False)
    baseline: CaseSimulation | None = field(default=None, repr=False)
    assessment: Any = field(default=None, repr=False)
    appraisal: Any = field(default=None, repr=False)
    smaa: Any = field(default=None, repr=False)
    stability: Any = field(default=None, repr=False)
    scenario: Scenario | None = None
    created: str = ""
    timings: dict[str, float] = field(default_factory=dict, repr=False)
    lang: str = "en"
    stored: dict[str, Any] | None = field(default=None, repr=False)
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    """Facts of options kept across what-ifs while what they read is the same objects."""

    # -- facts ------------------------------------------------------------------------------
    @property
    def is_live(self) -> bool:
        """True when the engines' results are here (not a study loaded from a file)."""
        return self.simulation is not None

    @cached_property
    def _facts(self) -> dict[str, Any]:
        if self.stored is not None:
            return self.stored
        from decisionkit.studies.facts import study_facts

        return study_facts(self)

    def to_dict(self) -> dict[str, Any]:
        """Every fact a memo or a chart shows, as JSON-ready data (``decisionkit.study/1``).

        The dict is shared: do not change it (copy it first).
        """
        return self._facts

    @property
    def options(self) -> tuple[str, ...]:
        """The option ids, in case order."""
        return self.case.option_ids

    @property
    def best(self) -> str | None:
        """The recommended (first-ranked) option id, or ``None`` without criteria."""
        ranking = self._facts["appraisal"]
        return ranking["ranking"][0]["option"] if ranking else None

    def option(self, option_id: str) -> dict[str, Any]:
        """The facts of one option (outputs, targets, drivers, footprint, skills...)."""
        for o in self._facts["options"]:
            if o["id"] == option_id:
                return o
        raise KeyError(f"no option {option_id!r}; have {', '.join(self.options)}")

    def sentences(self, lang: str | None = None) -> dict[str, Any]:
        """The study's sentences in ``lang`` (default: the study's language)."""
        from decisionkit.i18n import check_lang

        return self._facts["sentences"][check_lang(lang or self.lang)]

    # -- change -----------------------------------------------------------------------------
    def what_if(self, changes: Scenario | Mapping[str, Any]) -> Study:
        """A new study with ``changes`` applied, recomputing only what they touch.

        Weights, method or confidence level re-score without simulating; a carbon price
        re-assesses the footprint cost and re-scores; estimates, risks, mitigations, team and
        start date re-simulate the options concerned (the others keep their numbers: each
        option has its own random streams).

        Parameters
        ----------
        changes
            A :class:`Scenario` or a mapping with its keys (``weights``, ``method``,
            ``confidence``, ``mitigate``, ``probabilities``, ``scale``, ``team``, ``start``,
            ``carbon_price``, ``budget``, ``deadline``, ``iterations``, ``seed``).

        Raises
        ------
        CaseErrors
            When a change is invalid or names an unknown criterion, risk, option or task.
        """
        scenario = parse_scenario(changes, source="what_if")
        problems = check_scenario(scenario, self.case, source="what_if", apply=False)
        if problems:
            raise CaseErrors(problems)
        base = self if self.is_live else self._recomputed()
        return _changed(base, scenario)

    def _recomputed(self) -> Study:
        s = self.settings
        out = _run(
            self.case,
            source=self.source,
            sha256=self.sha256,
            settings=s,
            lang=self.lang,
            scenario=self.scenario,
        )
        return out

    # -- files ------------------------------------------------------------------------------
    def save(self, path: str | Path) -> Path:
        """Write the study as JSON (atomically); :func:`load_study` reads it back."""
        from decisionkit.case.writers import atomic_write

        path = Path(path)
        data = dict(self.to_dict())
        data["case_data"] = _plain(self.case.to_data())
        text = json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False)
        atomic_write(path, lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"))
        return path

    def _repr_html_(self) -> str:
        import html

        facts = self._facts
        rows = "".join(
            f"<tr><td>{html.escape(str(r['rank']))}</td><td>{html.escape(r['option'])}</td>"
            f"<td>{html.escape(r['name'])}</td><td>{r['score']:.4g}</td></tr>"
            for r in (facts["appraisal"] or {}).get("ranking", [])
        )
        head = html.escape(facts["case"]["title"])
        return (
            f"<div><strong>{head}</strong> — {facts['provenance']['iterations']:,} iterations, "
            f"seed {facts['provenance']['seed']}<table><tr><th>rank</th><th>option</th>"
            f"<th>name</th><th>score</th></tr>{rows}</table></div>"
        )


# -- building -------------------------------------------------------------------------------


def study(
    case_or_path: Case | str | Path,
    *,
    iterations: int = 20_000,
    seed: int | None = None,
    workers: int = 1,
    sampling: str = "random",
    mitigated: bool = False,
    skills_gates: bool = True,
    smaa_draws: int = 10_000,
    contributions: bool = True,
    lang: str | None = None,
    source: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Study:
    """Study a decision case: simulate, assess, appraise, measure robustness.

    Parameters
    ----------
    case_or_path
        A :class:`~decisionkit.Case` or the path of a case file (YAML, JSON or Excel).
    iterations, seed, workers, sampling
        The simulation's settings (see :func:`decisionkit.simulate`); the same seed gives
        the same numbers whatever ``workers`` is.
    mitigated
        Simulate with every risk's mitigation applied; the unmitigated simulation is kept as
        the baseline, so the study shows each risk's contribution before and after.
    skills_gates
        Recruitment and training lead times delay the tasks needing the competence.
    smaa_draws
        SMAA draws (0: no SMAA).
    contributions
        Measure each risk's contribution to P80 cost and finish (one more run per risk).
    lang
        The language of the study's sentences (``fr`` or ``en``; default: the environment's).
    source
        With a case already loaded: the file it was read from, so the study records that file
        and its SHA-256 (as when given the path).
    progress
        Called with (chunks done, chunks planned) as the simulation runs (a progress bar).

    Returns
    -------
    Study

    Raises
    ------
    CaseErrors
        When the case (or its footprint, eco-design or skills blocks) is invalid.

    Examples
    --------
    >>> import decisionkit as dk
    >>> st = dk.study("examples/si-rh.yaml", iterations=2_000, smaa_draws=500, seed=7)
    >>> st.best in st.options
    True
    """
    from decisionkit.i18n import check_lang, default_lang

    if isinstance(case_or_path, Case):
        case = case_or_path
        if source is not None and Path(source).is_file():
            digest = _file_digest(Path(source))
        else:
            digest = _case_digest(case)
        source = "<case>" if source is None else str(source)
    else:
        path = Path(case_or_path)
        source = str(path)
        raw = path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        case = load_case(path)
    problems = engines.check_assessments(case, source=source)
    if problems:
        raise CaseErrors(problems)
    pairs: bool | tuple[tuple[str, str], ...] = bool(mitigated)
    settings = StudySettings(
        iterations=_check_int("iterations", iterations, 2),
        seed=DEFAULT_SEED if seed is None else _check_int("seed", seed, 0),
        workers=_check_int("workers", workers, 1),
        sampling=sampling,
        mitigated=pairs,
        skills_gates=skills_gates,
        smaa_draws=_check_int("smaa_draws", smaa_draws, 0),
        contributions=contributions,
    )
    return _run(
        case,
        source=source,
        sha256=digest,
        settings=settings,
        lang=check_lang(lang) if lang else default_lang(),
        progress=progress,
    )


def _check_int(name: str, value: Any, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < low:
        raise StudyError(f"{name} must be a whole number >= {low}, got {value!r}")
    return int(value)


def _case_digest(case: Case) -> str:
    text = json.dumps(_plain(case.to_data()), sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Clock:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    def run(self, step: str, fn: Any, *args: Any, **kw: Any) -> Any:
        t = time.perf_counter()
        try:
            return fn(*args, **kw)
        finally:
            self.timings[step] = self.timings.get(step, 0.0) + time.perf_counter() - t


def _simulate(
    case: Case,
    settings: StudySettings,
    options: tuple[str, ...],
    mitigated: bool | tuple[tuple[str, str], ...],
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Simulate ``options`` of ``case`` with the mitigations asked (per risk or all)."""
    common = {
        "progress": progress,
        "skills_gates": settings.skills_gates,
        "iterations": settings.iterations,
        "seed": settings.seed,
        "workers": settings.workers,
        "sampling": settings.sampling,
        "contributions": settings.contributions,
    }
    if not options:
        return {}
    if not isinstance(mitigated, tuple):
        sim = engines.simulate(case, options=options, mitigated=bool(mitigated), **common)
        return dict(sim.results)
    out: dict[str, Any] = {}
    by_option = {o: {r for x, r in mitigated if x == o} for o in options}
    plain = tuple(o for o in options if not by_option[o])
    if plain:
        out |= engines.simulate(case, options=plain, mitigated=False, **common).results
    for o in options:
        chosen = by_option[o]
        if not chosen:
            continue
        # the risks not chosen lose their mitigation; the layout and the draws are the same
        data = case.to_data()
        for opt in data["options"]:
            if opt["id"] == o:
                for r in opt.get("risks", []):
                    if r["id"] not in chosen:
                        r.pop("mitigation", None)
        partial = parse_case(data, source="<case>")
        out |= engines.simulate(partial, options=(o,), mitigated=True, **common).results
    return {o: out[o] for o in options}


def _collect(case: Case, settings: StudySettings, results: dict[str, Any]) -> CaseSimulation:
    gated = engines.simulated_case(case, skills_gates=settings.skills_gates)
    first = next(iter(results.values()))
    return CaseSimulation(
        case=case.case,
        results={o: results[o] for o in case.option_ids},
        seed=first.seed,
        iterations=max(r.iterations for r in results.values()),
        fingerprint=gated.risk_fingerprint(),
    )


def _score(case: Case, sim: CaseSimulation, assessment: Any, settings: StudySettings, clock):
    if not case.criteria:
        return None, None, None
    ap = clock.run("appraise", engines.appraise, case, sim, assessment=assessment)
    smaa = None
    if settings.smaa_draws and len(ap.options) > 1:
        smaa = clock.run("smaa", ap.smaa, n=settings.smaa_draws)
    stability = None
    if ap.method in STABILITY_METHODS and len(ap.options) > 1:
        stability = clock.run("stability", ap.weight_stability)
    return ap, smaa, stability


def _run(
    case: Case,
    *,
    source: str,
    sha256: str,
    settings: StudySettings,
    lang: str,
    scenario: Scenario | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Study:
    clock = _Clock()
    t0 = time.perf_counter()
    options = case.option_ids
    results = clock.run(
        "simulate", _simulate, case, settings, options, settings.mitigated, progress
    )
    sim = _collect(case, settings, results)
    baseline = None
    if settings.mitigated:
        todo = tuple(o for o in options if _mitigation_of(settings.mitigated, o, case))
        base = clock.run("simulate", _simulate, case, settings, todo, False)
        baseline = _collect(case, settings, {o: base.get(o, results[o]) for o in options})
    assessment = clock.run("assess", engines.assess, case, sim)
    ap, smaa, stability = _score(case, sim, assessment, settings, clock)
    results = _results(sim, baseline, assessment, ap, smaa, stability, clock, t0)
    identity = {"case": case, "source": source, "sha256": sha256, "lang": lang}
    return Study(settings=settings, scenario=scenario, **identity, **results)


def _changed(base: Study, scenario: Scenario) -> Study:
    """``base`` with ``scenario`` applied (``base.scenario`` and ``scenario`` merged)."""
    case, fx = apply_scenario(base.case, scenario)
    full = scenario if base.scenario is None else base.scenario.merged(scenario)
    settings = base.settings
    if scenario.iterations is not None or scenario.seed is not None:
        settings = dataclasses.replace(
            settings,
            iterations=scenario.iterations or settings.iterations,
            seed=settings.seed if scenario.seed is None else scenario.seed,
        )
    # options whose unmitigated inputs change, then those whose mitigations change
    if fx.simulate_all or settings.iterations != base.settings.iterations:
        changed = set(case.option_ids)
    else:
        changed = set(fx.simulate)
    moved: set[str] = set()
    if fx.mitigate is not None:
        every = tuple((o.id, r.id) for o in case.options for r in o.risks if r.mitigation)
        mitigated: bool | tuple = (
            True if set(fx.mitigate) == set(every) and every else (fx.mitigate or False)
        )
        old = settings.mitigated
        settings = dataclasses.replace(settings, mitigated=mitigated)
        moved = {
            o
            for o in case.option_ids
            if _mitigation_of(old, o, case) != _mitigation_of(mitigated, o, case)
        }
    clock = _Clock()
    t0 = time.perf_counter()
    assert base.simulation is not None
    redo = tuple(o for o in case.option_ids if o in changed | moved)
    sim, baseline = base.simulation, None
    if redo:
        fresh = clock.run("simulate", _simulate, case, settings, redo, settings.mitigated)
        kept = {o: r for o, r in base.simulation.results.items() if o not in redo}
        sim = _collect(case, settings, {**kept, **fresh})
    if settings.mitigated:
        # the unmitigated run of each option: reused when its inputs did not change
        unmitigated: dict[str, Any] = {}
        for o in case.option_ids:
            if not _mitigation_of(settings.mitigated, o, case):
                unmitigated[o] = sim[o]
            elif o in changed:
                continue
            elif base.baseline is not None:
                unmitigated[o] = base.baseline[o]
            elif not _mitigation_of(base.settings.mitigated, o, case):
                unmitigated[o] = base.simulation[o]
        todo = tuple(o for o in case.option_ids if o not in unmitigated)
        if todo:
            unmitigated |= clock.run("simulate", _simulate, case, settings, todo, False)
        baseline = _collect(case, settings, unmitigated)
    if redo or fx.assess:
        assessment = clock.run("assess", engines.assess, case, sim)
        if not fx.assess and base.assessment is not None:
            # options not simulated again keep their results (the same numbers: their go-live
            # and the seed did not change), so their facts are reused too
            keep = [o for o in case.option_ids if o not in redo]
            assessment = dataclasses.replace(
                assessment,
                **{
                    part: {
                        **getattr(assessment, part),
                        **{o: getattr(base.assessment, part)[o] for o in keep},
                    }
                    for part in ("footprint", "eco_design", "skills")
                },
            )
    else:
        assessment = base.assessment
    if redo or fx.assess or fx.score:
        ap, smaa, stability = _score(case, sim, assessment, settings, clock)
    else:
        ap, smaa, stability = base.appraisal, base.smaa, base.stability
    results = _results(sim, baseline, assessment, ap, smaa, stability, clock, t0)
    return dataclasses.replace(
        base, case=case, settings=settings, scenario=full, stored=None, **results
    )


def _results(
    sim: Any, baseline: Any, assessment: Any, ap: Any, smaa: Any, stability: Any, clock, t0
) -> dict[str, Any]:
    """The engines' results of a study, with when and how long they took."""
    clock.timings["total"] = time.perf_counter() - t0
    return {
        "simulation": sim,
        "baseline": baseline,
        "assessment": assessment,
        "appraisal": ap,
        "smaa": smaa,
        "stability": stability,
        "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "timings": clock.timings,
    }


def _mitigation_of(setting: Any, option: str, case: Case) -> frozenset[str]:
    if setting is True:
        return frozenset(r.id for r in case.option(option).risks if r.mitigation)
    if not setting:
        return frozenset()
    return frozenset(r for o, r in setting if o == option)


# -- files ----------------------------------------------------------------------------------


def load_study(path: str | Path, *, case: str | Path | Case | None = None) -> Study:
    """Read a study saved by :meth:`Study.save`, without recomputing anything.

    Parameters
    ----------
    path
        The JSON file.
    case
        The case file (or case) the study must have been made from: a study of another
        version of it is refused.

    Raises
    ------
    StudyError
        When the file is not a study, is of another schema, or of another version of
        ``case``.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StudyError(f"{path}: not a readable study file ({exc})") from None
    schema = data.get("schema") if isinstance(data, dict) else None
    if schema != SCHEMA:
        raise StudyError(
            f"{path}: schema {schema!r} is not {SCHEMA!r}: this decisionkit "
            f"({__version__}) reads {SCHEMA} studies; run the study again"
        )
    stored = data["case"]["sha256"]
    if case is not None:
        digest = _case_digest(case) if isinstance(case, Case) else _file_digest(Path(case))
        if digest != stored:
            raise StudyError(
                f"{path}: the study was made from another version of the case "
                f"(SHA-256 {stored[:12]}…, the case now {digest[:12]}…): run the study again"
            )
    case_data = data.pop("case_data", None)
    if case_data is None:
        raise StudyError(f"{path}: the study holds no case_data: save it again")
    loaded = parse_case(case_data, source=f"{path}:case_data")
    settings = StudySettings.from_dict(data["provenance"]["settings"])
    scenario = data.get("scenario")
    return Study(
        case=loaded,
        source=data["case"]["source"],
        sha256=stored,
        settings=settings,
        scenario=None if scenario is None else Scenario.model_validate(scenario),
        created=data["provenance"]["created"],
        timings=data.get("timings", {}),
        lang=data.get("lang", "en"),
        stored=data,
    )


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def provenance(st: Study) -> dict[str, Any]:
    """Where the numbers come from: versions, seed, iterations, date, input hash."""
    import sys

    return {
        "decisionkit": __version__,
        "schema": SCHEMA,
        "created": st.created,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "platform": sys.platform,
        "seed": st.settings.seed,
        "iterations": st.settings.iterations,
        "settings": st.settings.to_dict(),
        "source": st.source,
        "input_sha256": st.sha256,
    }
