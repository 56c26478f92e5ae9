"""The decision matrix: case + simulation + assessments -> ranking, explanation, robustness.

``appraise(case, simulation)`` reads each criterion's value ``from`` the simulation (``tco.p80``,
``finish.mean``...), the assessments (``footprint.total.p80``, ``eco_design.score``,
``skills.gap_fte``...) or the options' expert scores, applies the case's method (or another) and
returns an :class:`Appraisal`: the matrix, the scores and ranking, each criterion's contribution,
dominated options, SMAA on the simulated samples and weight stability. Re-scoring with other
weights or another method is cheap: the simulation is not run again.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

import decisionkit.i18n as i18n
import decisionkit.mcda as mcda
from decisionkit.appraisal.assess import Assessment, assess, is_stale, simulate
from decisionkit.case.model import Case
from decisionkit.case.sources import Source, parse_source
from decisionkit.errors import MCDAError, SimulationError
from decisionkit.risk import CaseSimulation
from decisionkit.rng import DEFAULT_SEED
from decisionkit.sustainability.ecodesign import SCORE_UNIT

__all__ = ["Appraisal", "appraise", "explain_option"]

_ECO_DESIGN = ("eco_design",)  # Source.kind of eco_design.score (ecodesign.score too)


def _value(source: Source, option: Any, result: Any, assessment: Assessment | None) -> float:
    if source.kind == "scores":
        return float(option.scores[source.name])
    if source.kind in ("simulated", "footprint"):
        out = (
            getattr(result, source.name)
            if source.kind == "simulated"
            else assessment.footprint[option.id].part(source.name)  # type: ignore[union-attr]
        )
        if source.stat == "mean":
            return out.mean()
        if source.stat == "std":
            return out.std()
        return out.percentile(source.percentile)
    if source.kind in _ECO_DESIGN:
        return float(assessment.eco_design[option.id].score)  # type: ignore[union-attr]
    return float(getattr(assessment.skills[option.id], source.name))  # type: ignore[union-attr]


def _samples(
    source: Source, option: Any, result: Any, assessment: Assessment | None, n: int
) -> np.ndarray:
    """Per-iteration values for SMAA: the simulated outcome itself, or a constant."""
    if source.kind == "simulated" and source.stat != "std":
        return np.asarray(getattr(result, source.name).values[:n], dtype=float)
    if source.kind == "footprint" and source.stat != "std":
        part = assessment.footprint[option.id].part(source.name)  # type: ignore[union-attr]
        return np.asarray(part.values[:n], dtype=float)
    return np.full(n, _value(source, option, result, assessment))


@dataclass(frozen=True)
class Appraisal:
    """The decision matrix of a case and what the chosen method makes of it.

    Attributes
    ----------
    options, criteria
        Option ids (rows) and criterion ids (columns).
    matrix
        Criterion values per option, in the criteria's own units.
    directions, weights
        ``"max"``/``"min"`` per criterion, and weights normalised to sum to 1.
    weight_scale
        The sum of the weights as the case writes them (as :meth:`rescore` was given them):
        ``weights x weight_scale`` are the case's own weights (e.g. 40/40/20 for a scale of
        100); 1.0 for weights given normalised.
    currency
        The case's currency (the unit of cost criteria), for the explanations.
    method
        The MCDA method used for :attr:`scores`.
    scores
        One score per option, higher is better (for VIKOR: minus Q).
    """

    case: str
    options: tuple[str, ...]
    option_names: tuple[str, ...]
    criteria: tuple[str, ...]
    criterion_names: tuple[str, ...]
    sources: tuple[str, ...]
    units: tuple[str, ...]
    matrix: np.ndarray
    directions: tuple[str, ...]
    weights: np.ndarray
    method: str
    method_options: dict[str, Any]
    scores: np.ndarray
    samples: np.ndarray | None = field(default=None, repr=False)
    seed: int | None = None
    conventions: dict[str, Any] = field(default_factory=dict)
    weight_scale: float = 1.0
    currency: str = "EUR"

    @property
    def order(self) -> np.ndarray:
        """Option indices, best first (ties to the option listed first)."""
        return np.argsort(-self.scores, kind="stable")

    @property
    def best(self) -> str:
        """The first-ranked option id."""
        return self.options[int(self.order[0])]

    def rescore(
        self,
        *,
        method: str | None = None,
        weights: Sequence[float] | None = None,
        **method_options: Any,
    ) -> Appraisal:
        """The same matrix scored with another method or other weights (no new simulation)."""
        method = method or self.method
        if method not in mcda.METHODS:
            raise MCDAError(f"method must be one of {', '.join(mcda.METHODS)}, got {method!r}")
        w = self.weights if weights is None else np.asarray(weights, dtype=float)
        options = (
            method_options if method_options or method != self.method else (self.method_options)
        )
        scores = mcda.METHODS[method](self.matrix, w, list(self.directions), **options)
        return replace(
            self,
            method=method,
            weights=w / w.sum(),
            weight_scale=self.weight_scale if weights is None else float(w.sum()),
            scores=np.asarray(scores),
            method_options=dict(options),
        )

    def ranking(self, method: str | None = None) -> Any:
        """A DataFrame: option, name, score, rank (1 = best), for this or another method."""
        import pandas as pd

        ap = self if method is None or method == self.method else self.rescore(method=method)
        ranks = np.empty(len(ap.options), dtype=int)
        # competition ranking: equal scores share a rank (1, 1, 3)
        ranks[:] = 1 + (ap.scores[None, :] > ap.scores[:, None]).sum(axis=1)
        return (
            pd.DataFrame(
                {
                    "option": ap.options,
                    "name": [n or o for o, n in zip(ap.options, ap.option_names, strict=True)],
                    "score": ap.scores,
                    "rank": ranks,
                }
            )
            .sort_values("rank", kind="stable")
            .reset_index(drop=True)
        )

    def dominated(self) -> dict[str, list[str]]:
        """Options dominated on every criterion, with the options that dominate them."""
        d = mcda.dominance(self.matrix, list(self.directions))
        return {
            self.options[b]: [self.options[a] for a in np.flatnonzero(d[:, b])]
            for b in range(len(self.options))
            if d[:, b].any()
        }

    def contributions(self) -> Any:
        """What each criterion brings to each option, in points of a weighted min-max sum.

        Columns ``option``, ``criterion`` (id), ``name`` (the criterion's display name, its
        id when it has none), ``value`` (in ``unit``), ``unit``, ``weight`` (normalised),
        ``normalised`` and ``points``. ``normalised`` is 1 for the best option on the criterion
        and 0 for the worst; ``points`` = weight x normalised. It explains a ranking in plain
        terms whatever the method (the weighted sum is exactly the sum of the points).
        """
        import pandas as pd

        benefit = np.array([d == "max" for d in self.directions])
        norm = mcda.normalization.normalize(self.matrix, benefit, "minmax")
        rows = []
        for i, o in enumerate(self.options):
            for j, c in enumerate(self.criteria):
                rows.append(
                    {
                        "option": o,
                        "criterion": c,
                        "name": self.criterion_names[j] or c,
                        "value": self.matrix[i, j],
                        "unit": self.units[j],
                        "weight": self.weights[j],
                        "normalised": norm[i, j],
                        "points": self.weights[j] * norm[i, j],
                    }
                )
        return pd.DataFrame(rows)

    def explain(self, lang: str = "en") -> dict[str, str]:
        """One sentence per option, in ``lang``: its strongest and weakest criteria.

        Options and criteria by their names, values formatted for the language.

        Examples
        --------
        >>> import decisionkit as dk
        >>> case = dk.load_case("examples/si-rh.yaml")
        >>> ap = dk.appraise(case, dk.simulate(case, iterations=1_000, seed=1))
        >>> ap.explain("en")["build"].split(":")[0]
        'Développement interne sur socle open source'
        """
        rows = self.contributions().to_dict("records")
        names = dict(zip(self.options, self.option_names, strict=True))
        return {
            o: explain_option(
                names[o] or o, [r for r in rows if r["option"] == o], lang, currency=self.currency
            )
            for o in self.options
        }

    def smaa(
        self, n: int = 10_000, seed: int | None = None, *, weights: str = "uniform", **options: Any
    ) -> mcda.SMAAResult:
        """SMAA-2 with uncertain weights and, where simulated, uncertain values.

        ``weights="uniform"`` draws weights on the simplex (no preference information);
        ``"ordered"`` keeps the order of the case's weights; ``"fixed"`` keeps them (only the
        data is uncertain). The result is labelled with the option and criterion ids.
        """
        data = self.samples if self.samples is not None else self.matrix
        kw: dict[str, Any] = dict(self.method_options)
        if weights == "fixed":
            kw["weights"] = self.weights
        elif weights == "ordered":  # equal weights share a rank
            distinct = np.unique(-self.weights)
            kw["weight_order"] = list(np.searchsorted(distinct, -self.weights) + 1)
        elif weights != "uniform":
            raise MCDAError("weights must be 'uniform', 'ordered' or 'fixed'")
        result = mcda.smaa(
            data,
            list(self.directions),
            method=self.method,
            n=n,
            seed=self.seed if seed is None else seed,
            **kw,
            **options,
        )
        return replace(result, alternatives=self.options, criteria=self.criteria)

    def weight_stability(self, *, full_ranking: bool = False) -> mcda.StabilityResult:
        """Weight stability intervals of the current method (weighted sum, TOPSIS, PROMETHEE),
        labelled with the option and criterion ids; the weights are normalised."""
        result = mcda.weight_stability(
            self.matrix,
            self.weights,
            list(self.directions),
            method=self.method,
            full_ranking=full_ranking,
            **self.method_options,
        )
        return replace(result, alternatives=self.options, criteria=self.criteria)

    def stability_dict(
        self, stability: mcda.StabilityResult | None = None, *, full_ranking: bool = False
    ) -> dict[str, Any]:
        """Weight stability as plain data, both normalised and on the case's own scale.

        ``stability`` defaults to :meth:`weight_stability` (``full_ranking`` goes to it). The
        keys are those of :meth:`~decisionkit.mcda.StabilityResult.to_dict` with
        ``scale=weight_scale``: each interval's ``weight``, ``low``, ``high`` and the
        ``tipping`` and ``swap`` changes' ``from`` and ``to`` normalised, and the same
        times :attr:`weight_scale` as ``weight_case``, ``low_case``... (40/40/20 on the
        case's scale when the case writes 40/40/20).

        Examples
        --------
        >>> import decisionkit as dk
        >>> case = dk.load_case("examples/si-rh.yaml")
        >>> ap = dk.appraise(case, dk.simulate(case, iterations=1_000, seed=1))
        >>> d = ap.stability_dict()
        >>> d["winner"] == ap.best, d["weight_scale"] == ap.weight_scale
        (True, True)
        """
        if stability is None:
            stability = self.weight_stability(full_ranking=full_ranking)
        elif stability.alternatives != self.options or stability.criteria != self.criteria:
            stability = replace(stability, alternatives=self.options, criteria=self.criteria)
        return stability.to_dict(scale=self.weight_scale)

    def to_frame(self) -> Any:
        """The decision matrix with scores and ranks (one row per option).

        Columns ``option``, ``name`` (the option's display name), one column per criterion
        (in its own unit: :attr:`units`, or the long form :meth:`contributions`), ``score``
        and ``rank``.
        """
        import pandas as pd

        df = pd.DataFrame(self.matrix, columns=list(self.criteria))
        df.insert(0, "option", self.options)
        df.insert(1, "name", [n or o for o, n in zip(self.options, self.option_names, strict=True)])
        ranking = self.ranking().set_index("option")
        df["score"] = ranking.loc[list(self.options), "score"].to_numpy()
        df["rank"] = ranking.loc[list(self.options), "rank"].to_numpy()
        return df

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        ranking = self.ranking()
        return {
            "schema": "decisionkit.appraisal/1",
            "case": self.case,
            "method": self.method,
            "method_options": self.method_options,
            "weight_scale": float(self.weight_scale),
            "criteria": [
                {"id": c, "name": n, "from": s, "unit": u, "direction": d, "weight": float(w)}
                for c, n, s, u, d, w in zip(
                    self.criteria,
                    self.criterion_names,
                    self.sources,
                    self.units,
                    self.directions,
                    self.weights,
                    strict=True,
                )
            ],
            "options": [
                {
                    "id": o,
                    "name": n,
                    "values": dict(zip(self.criteria, map(float, row), strict=True)),
                }
                for o, n, row in zip(self.options, self.option_names, self.matrix, strict=True)
            ],
            "ranking": [
                {"option": r.option, "score": float(r.score), "rank": int(r.rank)}
                for r in ranking.itertuples()
            ],
            "dominated": self.dominated(),
            "explanations": self.explain(),
        }

    def _repr_html_(self) -> str:
        table = self.to_frame().to_html(index=False, float_format=lambda x: f"{x:,.3g}")
        return f"<div><strong>{html.escape(self.case)} — {self.method}</strong>{table}</div>"


def explain_option(
    option: str, rows: Sequence[Mapping[str, Any]], lang: str, *, currency: str = "EUR"
) -> str:
    """The sentence of one option's strongest and weakest criteria, in ``lang``.

    ``rows`` are the option's :meth:`Appraisal.contributions` rows (``name``, ``value``,
    ``unit``, ``weight``, ``normalised``, ``points``): the strongest criterion brings the most
    points, the weakest loses the most (``weight x (1 - normalised)``); ties go to the
    criterion listed first.
    """
    strong = max(rows, key=lambda r: r["points"])
    weak = max(rows, key=lambda r: r["weight"] * (1 - r["normalised"]))
    lost = weak["weight"] * (1 - weak["normalised"])
    if strong["points"] == min(r["points"] for r in rows) or lost == 0:
        return i18n.t("explain.even", lang, option=option)
    return i18n.t(
        "explain.option",
        lang,
        option=option,
        strong=strong["name"],
        strong_value=i18n.value(strong["value"], strong["unit"], lang, currency=currency),
        weak=weak["name"],
        weak_value=i18n.value(weak["value"], weak["unit"], lang, currency=currency),
    )


def _unit(source: Source, case: Case) -> str:
    if source.kind == "simulated":
        return case.currency if source.name in ("capex", "tco") else "working days"
    if source.kind == "footprint" and source.name == "carbon_cost":
        return case.currency
    units = {
        "footprint": "kgCO2e",
        "eco_design": SCORE_UNIT,
        "gap_fte": "FTE",
        "training_days": "days",
        "extra_cost": case.currency,
        "dependency": "share",
    }
    return units.get(source.kind, units.get(source.name, ""))


def _case_options(case: Case, method: str) -> dict[str, Any]:
    """The method options the case file sets (normalisation, VIKOR's v, PROMETHEE's functions)."""
    if method in ("topsis", "weighted_sum") and case.normalization:
        return {"normalization": case.normalization}
    if method == "vikor" and case.vikor_v is not None:
        return {"v": case.vikor_v}
    if method == "promethee_ii" and any(c.preference for c in case.criteria):
        return {
            "preference": [c.preference or "usual" for c in case.criteria],
            "q": [c.q for c in case.criteria],
            "p": [c.p for c in case.criteria],
            "s": [c.s for c in case.criteria],
        }
    return {}


def appraise(
    case: Case,
    simulation: CaseSimulation | None = None,
    *,
    method: str | None = None,
    iterations: int = 20_000,
    seed: int | None = None,
    samples: int = 10_000,
    assessment: Assessment | None = None,
    **method_options: Any,
) -> Appraisal:
    """Build the decision matrix of ``case`` and score it.

    Parameters
    ----------
    case
        The case; its ``criteria`` say where each value comes from.
    simulation
        A simulation of the case; run here (``iterations``, ``seed``) when a criterion needs
        one and none is given.
    method
        The MCDA method (default: the case's ``method``); ``method_options`` go to it.
    samples
        Iterations kept per option for SMAA on the simulated values.
    assessment
        Footprint, eco-design and skills results (:func:`decisionkit.assess`); computed here
        when a criterion needs them and none is given.

    Raises
    ------
    MCDAError
        Without criteria, or for an unknown method.
    SimulationError
        When ``simulation`` was run on another version of the case (as :func:`assess`
        raises), or lacks an option.

    Examples
    --------
    >>> import decisionkit as dk
    >>> case = dk.load_case("examples/si-rh.yaml")
    >>> ap = dk.appraise(case, dk.simulate(case, iterations=2_000, seed=1))
    >>> ap.best in case.option_ids
    True
    """
    if not case.criteria:
        raise MCDAError("the case has no criteria: add some to compare its options")
    sources = [parse_source(c.source) for c in case.criteria]
    if is_stale(simulation, case):
        raise SimulationError(
            "the simulation was run on a different version of the case (tasks, risks, costs, "
            "horizon, calendar or skills): simulate the case again"
        )
    if simulation is None and any(s.kind in ("simulated", "footprint") for s in sources):
        simulation = simulate(
            case, iterations=iterations, seed=seed, criticality=False, sensitivity=False
        )
    if assessment is None and any(s.kind in ("footprint", *_ECO_DESIGN, "skills") for s in sources):
        assessment = assess(case, simulation, seed=seed)
    n = min(samples, min((r.iterations for r in simulation), default=samples)) if simulation else 1
    rows, sample_rows = [], []
    for option in case.options:
        if simulation is not None and option.id not in simulation.options:
            raise SimulationError(
                f"the simulation has no option {option.id!r}: simulate every option first"
            )
        result = simulation[option.id] if simulation is not None else None
        rows.append([_value(s, option, result, assessment) for s in sources])
        sample_rows.append(
            np.stack([_samples(s, option, result, assessment, n) for s in sources], axis=1)
        )
    matrix = np.array(rows, dtype=float)
    stacked = np.stack(sample_rows, axis=1) if simulation is not None else None  # n x alt x crit
    method = method or case.method
    if method not in mcda.METHODS:
        raise MCDAError(f"method must be one of {', '.join(mcda.METHODS)}, got {method!r}")
    weights = np.array([c.weight for c in case.criteria], dtype=float)
    directions = tuple(c.direction for c in case.criteria)
    method_options = {**_case_options(case, method), **method_options}
    scores = mcda.METHODS[method](matrix, weights, list(directions), **method_options)
    return Appraisal(
        case=case.case,
        options=case.option_ids,
        option_names=tuple(o.name for o in case.options),
        criteria=tuple(c.id for c in case.criteria),
        criterion_names=tuple(c.name for c in case.criteria),
        sources=tuple(c.source for c in case.criteria),
        units=tuple(c.unit or _unit(s, case) for c, s in zip(case.criteria, sources, strict=True)),
        matrix=matrix,
        directions=directions,
        weights=weights / weights.sum(),
        weight_scale=float(weights.sum()),
        currency=case.currency,
        method=method,
        method_options=dict(method_options),
        scores=np.asarray(scores, dtype=float),
        samples=stacked,
        seed=simulation.seed
        if simulation is not None
        else (DEFAULT_SEED if seed is None else seed),
        conventions={
            "samples": "simulated criteria use each iteration's value in SMAA; "
            "scores and std statistics are constants"
        },
    )
