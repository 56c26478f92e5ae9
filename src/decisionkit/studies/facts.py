"""The facts of a study as plain data: what :meth:`Study.to_dict` returns.

Everything a memo or a chart shows is here, labelled with ids and display names, with units;
no per-iteration arrays (a thinned sample of at most :data:`JOINT_SAMPLE` points feeds the
joint-confidence scatter). The field-by-field reference is ``docs/study.md``.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

import numpy as np

from decisionkit.case.calendar import Calendar
from decisionkit.risk.results import JSON_PERCENTILES

if TYPE_CHECKING:
    from decisionkit.studies.core import Study

__all__ = ["JOINT_SAMPLE", "S_CURVE_POINTS", "plain", "study_facts"]

S_CURVE_POINTS = 101
HISTOGRAM_BINS = 40
JOINT_SAMPLE = 1_000
TOP_DRIVERS = 10
OUTPUTS = ("capex", "tco", "finish", "go_live")
SCHEDULE = ("finish", "go_live")


def _outcome(r: Any, out: Any, cal: Calendar | None) -> dict[str, Any]:
    """Statistics, S-curve and histogram of one simulated output."""
    n = out.n
    probs = np.linspace(0, 100, S_CURVE_POINTS)
    curve = out.percentiles(probs)
    counts, edges = np.histogram(out.values, bins=HISTOGRAM_BINS)
    facts: dict[str, Any] = {
        "id": out.name,
        "unit": out.unit,
        "plan": out.plan,
        "mean": out.mean(),
        "se_mean": out.std() / np.sqrt(n) if n > 1 else 0.0,
        "std": out.std(),
        "percentiles": {f"p{p}": out.percentile(p) for p in JSON_PERCENTILES},
        "standard_error": {f"p{p}": out.standard_error(p) for p in (50, 80, 90)},
        "contingency": {f"p{p}": out.contingency(p) for p in (50, 80, 90, 95)},
        "s_curve": {"percentile": probs.tolist(), "value": curve.tolist()},
        "histogram": {"edges": edges.tolist(), "counts": counts.tolist()},
    }
    if out.name in SCHEDULE and cal is not None:
        facts["dates"] = {
            "plan": cal.date(out.plan),
            **{f"p{p}": cal.date(out.percentile(p)) for p in JSON_PERCENTILES},
        }
        facts["s_curve"]["date"] = [cal.date(v) for v in curve]
    return facts


def _targets(st: Study, option: str, r: Any, cal: Calendar | None) -> dict[str, Any]:
    """Budget and deadline: the probabilities of meeting them and what the confidence needs."""
    case = st.case
    level, basis = case.confidence, case.budget_basis
    budget, deadline = case.budget_for(option), case.deadline_for(option)
    cost = getattr(r, basis)
    facts: dict[str, Any] = {
        "confidence": level,
        "budget": budget,
        "budget_basis": basis,
        "currency": case.currency,
        "p_within_budget": None,
        "deadline": deadline,
        "deadline_days": None,
        "p_by_deadline": None,
        "joint": None,
        "budget_at_confidence": cost.percentile(100 * level),
        "go_live_at_confidence": r.go_live.percentile(100 * level),
        "go_live_date_at_confidence": cal.date(r.go_live.percentile(100 * level)) if cal else None,
    }
    within = by = None
    if budget is not None:
        within = cost.values <= budget
        facts["p_within_budget"] = float(within.mean())
    if deadline is not None and r.start is not None:
        days = r._days(deadline)
        by = r.go_live.values <= days
        facts["deadline_days"] = days
        facts["p_by_deadline"] = float(by.mean())
    if within is not None and by is not None:
        facts["joint"] = float((within & by).mean())
    return facts


def _records(df: Any, columns: tuple[str, ...]) -> list[dict[str, Any]]:
    keep = [c for c in columns if c in df.columns]
    return [dict(zip(keep, row, strict=True)) for row in df[keep].itertuples(index=False)]


def _drivers(r: Any) -> dict[str, Any] | None:
    if r.input_sensitivity is None:
        return None
    cols = ("input", "element", "name", "kind", "spearman")
    return {out: _records(r.sensitivity(out).head(TOP_DRIVERS), cols) for out in OUTPUTS[:3]}


def _criticality(r: Any) -> list[dict[str, Any]] | None:
    if r.critical_fraction is None:
        return None
    df = r.criticality().sort_values("criticality", ascending=False, kind="stable")
    return _records(df, ("task", "name", "criticality"))


def _contributions(r: Any, names: dict[str, str]) -> list[dict[str, Any]] | None:
    if not r.risk_contributions_p80:
        return None
    rows = _records(r.risk_contributions(), ("risk", "name", "capex_p80", "finish_p80"))
    for row in rows:
        row.setdefault("name", names.get(row["risk"], row["risk"]))
    return rows


def _joint(r: Any, level: float, cal: Calendar | None) -> dict[str, Any]:
    n = r.capex.n
    step = max(1, -(-n // JOINT_SAMPLE))
    frontier = r.jcl_frontier(level, points=21)
    go_live = r.jcl_frontier(level, points=21, schedule="go_live")
    return {
        "level": level,
        "frontier": [
            {"finish": f, "capex": c, "finish_date": cal.date(f) if cal else None}
            for f, c in zip(frontier["finish"], frontier["capex"], strict=True)
        ],
        "go_live_frontier": [
            {"go_live": g, "capex": c, "go_live_date": cal.date(g) if cal else None}
            for g, c in zip(go_live["go_live"], go_live["capex"], strict=True)
        ],
        "sample": {
            "capex": r.capex.values[::step].round(0).tolist(),
            "tco": r.tco.values[::step].round(0).tolist(),
            "finish": r.finish.values[::step].round(1).tolist(),
            "go_live": r.go_live.values[::step].round(1).tolist(),
        },
    }


def _footprint(f: Any) -> dict[str, Any] | None:
    if f is None:
        return None
    data = f.to_dict()
    parts = {k: v.mean() for k, v in f.parts.items() if k != "total"}
    total = f.total.mean()
    top = max(parts, key=parts.__getitem__) if parts else None
    data["largest_part"] = (
        None
        if top is None or not total
        else {"part": top, "mean": parts[top], "share": parts[top] / total}
    )
    for name, stats in data["parts"].items():  # how far a mean may be from the truth
        out = f.parts[name]
        stats["se_mean"] = out.std() / math.sqrt(out.n) if out.n > 1 else 0.0
    lines_total = sum(line["kgco2e"] for line in data["lines"])
    for line in data["lines"]:
        line["share"] = line["kgco2e"] / lines_total if lines_total else None
    return data


def _skills(s: Any, task_names: dict[str, str]) -> dict[str, Any]:
    """The skills facts, the gates named: the competence, and the tasks they hold back."""
    data = s.to_dict()
    names = {line["competence"]: line["name"] for line in data["lines"]}
    for gate in data["gates"]:
        gate["name"] = task_names.get(gate["task"], gate["task"])
        gate["competence_name"] = names.get(gate["competence"], gate["competence"])
        gate["task_names"] = [task_names.get(t, t) for t in gate["tasks"]]
    return data


def _option_facts(st: Study, option: Any) -> dict[str, Any]:
    """The facts of one option, reused from an earlier study when nothing they read changed."""
    assert st.simulation is not None
    a = st.assessment
    inputs = (
        st.simulation[option.id],
        None if st.baseline is None else st.baseline[option.id],
        None if a is None else a.footprint.get(option.id),
        None if a is None else _eco(a).get(option.id),
        None if a is None else a.skills.get(option.id),
        option,
    )
    key = (
        option.id,
        st.case.currency,
        st.case.confidence,
        st.case.budget_basis,
        st.case.budget_for(option.id),
        st.case.deadline_for(option.id),
        st.settings.mitigated,
    )
    hit = st.memo.get(key)
    # the engines' results by identity (a what-if reuses them), the option by value
    same = hit is not None and all(x is y for x, y in zip(hit[0][:-1], inputs[:-1], strict=True))
    if same and hit[0][-1] == option:
        return hit[1]
    facts = plain(_compute_option_facts(st, option))
    st.memo[key] = (inputs, facts)
    return facts


def _eco(a: Any) -> dict[str, Any]:
    return a.eco_design


def _compute_option_facts(st: Study, option: Any) -> dict[str, Any]:
    assert st.simulation is not None
    r = st.simulation[option.id]
    cal = Calendar(r.start, r.holidays) if r.start is not None else None
    level = st.case.confidence
    risk_names = {x.id: x.name or x.id for x in option.risks}
    pre = post = None
    if st.baseline is not None:
        pre = _contributions(st.baseline[option.id], risk_names)
        post = _contributions(r, risk_names)
    else:
        pre = _contributions(r, risk_names)
    a = st.assessment
    eco = _eco(a) if a is not None else {}
    skills = a.skills.get(option.id) if a is not None else None
    return {
        "id": option.id,
        "name": option.name or option.id,
        "description": option.description,
        "iterations": r.iterations,
        "mitigated": sorted(_mitigated_risks(st, option)),
        "plan": {
            "finish": r.plan.finish,
            "go_live": r.plan.go_live,
            "capex": r.plan.capex,
            "tco": r.plan.tco,
            "finish_date": cal.date(r.plan.finish) if cal else None,
            "go_live_date": cal.date(r.plan.go_live) if cal else None,
            "critical_path": list(r.plan.critical_path),
        },
        "outputs": {out: _outcome(r, getattr(r, out), cal) for out in OUTPUTS},
        "targets": _targets(st, option.id, r, cal),
        "drivers": _drivers(r),
        "criticality": _criticality(r),
        "risk_contributions": {"before_mitigation": pre, "after_mitigation": post},
        "joint": _joint(r, level, cal),
        "outside_view": _plain_records(r.outside_view()),
        "footprint": _footprint(a.footprint.get(option.id)) if a is not None else None,
        "eco_design": eco[option.id].to_dict() if eco.get(option.id) is not None else None,
        "skills": _skills(skills, dict(r.task_names)) if skills is not None else None,
        "warnings": list(r.warnings),
    }


def _mitigated_risks(st: Study, option: Any) -> set[str]:
    m = st.settings.mitigated
    if m is True:
        return {x.id for x in option.risks if x.mitigation}
    if not m:
        return set()
    return {r for o, r in m if o == option.id}


def _plain_records(df: Any) -> list[dict[str, Any]]:
    return [dict(row) for row in df.to_dict("records")]


def _appraisal_facts(st: Study) -> dict[str, Any] | None:
    ap = st.appraisal
    if ap is None:
        return None
    scale = ap.weight_scale
    ranking = ap.ranking()
    criteria = [
        {
            "id": c,
            "name": n or c,
            "from": s,
            "unit": u,
            "direction": d,
            "weight": float(w),
            "weight_case": float(w) * scale,
        }
        for c, n, s, u, d, w in zip(
            ap.criteria,
            ap.criterion_names,
            ap.sources,
            ap.units,
            ap.directions,
            ap.weights,
            strict=True,
        )
    ]
    contrib = ap.contributions()
    return {
        "method": ap.method,
        "method_options": ap.method_options,
        "weight_scale": scale,
        "criteria": criteria,
        "matrix": [
            {"option": o, "values": dict(zip(ap.criteria, row.tolist(), strict=True))}
            for o, row in zip(ap.options, ap.matrix, strict=True)
        ],
        "ranking": [
            {"option": x.option, "name": x.name or x.option, "score": x.score, "rank": x.rank}
            for x in ranking.itertuples()
        ],
        "contributions": _records(
            contrib, ("option", "criterion", "value", "unit", "weight", "normalised", "points")
        ),
        "dominated": ap.dominated(),
    }


def _robustness(st: Study) -> dict[str, Any] | None:
    ap = st.appraisal
    if ap is None:
        return None
    out: dict[str, Any] = {"smaa": None, "stability": None}
    if st.smaa is not None:
        out["smaa"] = st.smaa.to_dict()  # labelled with the option and criterion ids
    if st.stability is not None:
        out["stability"] = ap.stability_dict(st.stability)
        if len(ap.criteria) == 1:  # one criterion: no weight to move, nothing to tip
            out["stability"] |= {"tipping": None, "swap": None}
    out["leader"] = _leader(st)
    return out


def _leader(st: Study) -> dict[str, Any]:
    """The leader, its runner-up and whether they are effectively tied."""
    ap = st.appraisal
    order = ap.order
    first = ap.options[int(order[0])]
    if len(order) < 2:
        return {"option": first, "runner_up": None, "tied": False}
    second = ap.options[int(order[1])]
    s1, s2 = float(ap.scores[order[0]]), float(ap.scores[order[1]])
    spread = float(np.ptp(ap.scores)) or 1.0
    gap = (s1 - s2) / spread  # the gap as a share of the spread of all scores
    p_first = p_beats = None
    if st.smaa is not None:
        p_first = float(st.smaa.rank_acceptability[order[0], 0])
        p_beats = float(st.smaa.pairwise[order[0], order[1]])
    # within noise: the scores nearly equal, or the leader beats the runner-up barely more
    # often than not when weights and simulated values vary
    tied = abs(s1 - s2) <= 0.01 * max(abs(s1), 1e-12) or (p_beats is not None and p_beats < 0.6)
    return {
        "option": first,
        "runner_up": second,
        "score_gap": s1 - s2,
        "relative_gap": gap,
        "p_first": p_first,
        "p_beats_runner_up": p_beats,
        "tied": bool(tied),
    }


def study_facts(st: Study) -> dict[str, Any]:
    """Every fact of ``st`` as plain data (schema ``decisionkit.study/1``)."""
    from decisionkit.studies.core import SCHEMA, provenance
    from decisionkit.studies.sentences import sentences

    case = st.case
    facts: dict[str, Any] = {
        "schema": SCHEMA,
        "lang": st.lang,
        "case": {
            "title": case.case,
            "organisation": case.organisation,
            "description": case.description,
            "currency": case.currency,
            "start": case.start,
            "horizon_years": case.horizon_years,
            "holidays": case.holidays,
            "confidence": case.confidence,
            "budget": case.budget,
            "budget_basis": case.budget_basis,
            "deadline": case.deadline,
            "source": st.source,
            "sha256": st.sha256,
        },
        "scenario": None
        if st.scenario is None
        else {"name": st.scenario.name, "changes": st.scenario.to_data()},
        "provenance": provenance(st),
        "timings": dict(st.timings),
        "appraisal": _appraisal_facts(st),
        "robustness": _robustness(st),
    }
    facts = plain(facts)
    facts["options"] = [_option_facts(st, o) for o in case.options]
    facts["sentences"] = {lang: sentences(facts, lang) for lang in ("fr", "en")}
    return facts


def plain(value: Any) -> Any:
    """JSON-ready data: numpy scalars to Python, NaN and infinities to ``None``, dates to ISO."""
    kind = type(value)
    if kind is float:  # the common case first: most facts are floats
        return value if math.isfinite(value) else None
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is list and value and all(type(v) is float for v in value):
        return value if all(map(math.isfinite, value)) else [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return plain(value.tolist())
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        v = float(value)
        return v if math.isfinite(v) else None
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "to_data"):
        return plain(value.to_data())
    return value
