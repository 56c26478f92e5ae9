"""The study's sentences, in French and English, built from its facts.

Every sentence is a catalogue message (``study.*`` keys of :mod:`decisionkit.i18n`) filled
with numbers formatted for the language at the last moment. The memo, the panel and the CLI
show these sentences; they never write their own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import decisionkit.i18n as i18n
from decisionkit.appraisal.matrix import explain_option

__all__ = ["input_label", "sentences", "weight_pair"]


def _num_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def weight_pair(old: float, new: float, lang: str) -> tuple[str, str]:
    """Two weights (fractions) as percentages with just enough decimals to tell them apart."""
    for digits in range(4):
        a, b = i18n.percent(old, lang, digits=digits), i18n.percent(new, lang, digits=digits)
        if a != b:
            return a, b
    return a, b


def _cost_delay(o: dict[str, Any], case: dict[str, Any], lang: str) -> str:
    t = o["targets"]
    level = i18n.percent(t["confidence"], lang)
    basis = t["budget_basis"]
    cost = i18n.money(t["budget_at_confidence"], case["currency"], lang, compact=True)
    params = {"option": o["name"], "confidence": level, "cost": cost}
    key = "study.cost_delay." + basis
    if t["go_live_date_at_confidence"] is not None:
        return i18n.t(
            key, lang, **params, date=i18n.date(_num_date(t["go_live_date_at_confidence"]), lang)
        )
    return i18n.t(key + ".days", lang, **params, days=i18n.days(t["go_live_at_confidence"], lang))


def _targets(o: dict[str, Any], case: dict[str, Any], lang: str) -> dict[str, str | None]:
    t = o["targets"]
    cur = case["currency"]
    out: dict[str, str | None] = {"budget": None, "deadline": None, "joint": None}
    if t["p_within_budget"] is not None:
        out["budget"] = i18n.t(
            "study.budget." + t["budget_basis"],
            lang,
            budget=i18n.money(t["budget"], cur, lang, compact=True),
            p=i18n.percent(t["p_within_budget"], lang),
        )
    if t["p_by_deadline"] is not None:
        out["deadline"] = i18n.t(
            "study.deadline",
            lang,
            deadline=i18n.date(_num_date(t["deadline"]), lang),
            p=i18n.percent(t["p_by_deadline"], lang),
        )
    if t["joint"] is not None:
        out["joint"] = i18n.t("study.joint", lang, p=i18n.percent(t["joint"], lang))
    return out


def input_label(row: dict[str, Any], lang: str) -> str:
    """A driver as people read it: "Marché — durée" (the element's name, the kind in words)."""
    kind = row.get("kind")
    name = row.get("name") or row.get("element") or row["input"]
    key = f"kind.{kind}"
    if kind and key in i18n.keys(lang):
        return i18n.t("label.input", lang, element=name, kind=i18n.t(key, lang))
    return str(row["input"])


def _drivers(o: dict[str, Any], lang: str) -> str | None:
    drivers = o["drivers"]
    if not drivers or not drivers.get("finish"):
        return None
    top = [input_label(row, lang) for row in drivers["finish"][:3]]
    return i18n.t("study.drivers", lang, drivers=", ".join(top))


def _main_risk(o: dict[str, Any], case: dict[str, Any], lang: str) -> str | None:
    rc = o["risk_contributions"]
    before = rc["before_mitigation"]
    if not before:
        return None
    top = max(before, key=lambda r: (r["capex_p80"], r["finish_p80"]))
    cur = case["currency"]
    text = i18n.t(
        "study.main_risk",
        lang,
        risk=top.get("name") or top["risk"],
        cost=i18n.money(top["capex_p80"], cur, lang, compact=True),
        days=i18n.days(top["finish_p80"], lang),
    )
    after = {r["risk"]: r for r in rc["after_mitigation"] or []}
    if top["risk"] in after and top["risk"] in o["mitigated"]:
        a = after[top["risk"]]
        text += " " + i18n.t(
            "study.main_risk.mitigated",
            lang,
            cost=i18n.money(a["capex_p80"], cur, lang, compact=True),
            days=i18n.days(a["finish_p80"], lang),
        )
    return text


def _footprint(o: dict[str, Any], case: dict[str, Any], lang: str) -> str | None:
    f = o["footprint"]
    if not f:
        return None
    total = f["parts"]["total"]
    tco2 = i18n.t("unit.tco2e", lang)
    q = lambda v: i18n.quantity(v / 1000, tco2, lang, digits=1)  # noqa: E731
    text = i18n.t(
        "study.footprint",
        lang,
        years=i18n.number(case["horizon_years"], lang),
        p50=q(total["p50"]),
        p10=q(total["p10"]),
        p90=q(total["p90"]),
    )
    part = f.get("largest_part")
    if part:
        text += " " + i18n.t(
            "study.footprint.largest",
            lang,
            part=i18n.t(f"part.{part['part']}", lang),
            share=i18n.percent(part["share"], lang),
        )
    return text


def _skills(o: dict[str, Any], case: dict[str, Any], lang: str) -> str | None:
    s = o["skills"]
    if not s:
        return None
    totals = s["totals"]
    if not totals.get("gap_fte"):
        return i18n.t("study.skills.covered", lang)
    return i18n.t(
        "study.skills",
        lang,
        gap=i18n.number(totals["gap_fte"], lang, digits=1),
        cost=i18n.money(totals.get("extra_cost", 0.0), case["currency"], lang, compact=True),
    )


def _explanations(facts: dict[str, Any], lang: str) -> dict[str, str]:
    ap = facts["appraisal"]
    names = {c["id"]: c["name"] for c in ap["criteria"]}
    rows = [{**r, "name": names[r["criterion"]]} for r in ap["contributions"]]
    return {
        o["id"]: explain_option(
            o["name"],
            [r for r in rows if r["option"] == o["id"]],
            lang,
            currency=facts["case"]["currency"],
        )
        for o in facts["options"]
    }


def _robustness(facts: dict[str, Any], lang: str) -> dict[str, str | None]:
    ap, rob = facts["appraisal"], facts["robustness"]
    display = {o["id"]: o["name"] for o in facts["options"]}
    names = {c["id"]: c["name"] for c in ap["criteria"]}
    leader = rob["leader"]
    out: dict[str, str | None] = {
        "headline": None,
        "stability": None,
        "tipping": None,
        "swap": None,
    }
    method = i18n.t(f"method.{ap['method']}", lang)
    first = display[leader["option"]]
    if leader["runner_up"] is None:
        out["headline"] = i18n.t("study.headline.alone", lang, option=first)
        return out
    second = display[leader["runner_up"]]
    if leader["tied"]:
        out["headline"] = i18n.t(
            "study.headline.tied", lang, option=first, runner_up=second, method=method
        )
    elif leader["p_first"] is not None:
        out["headline"] = i18n.t(
            "study.headline",
            lang,
            option=first,
            method=method,
            p_first=i18n.percent(leader["p_first"], lang),
            runner_up=second,
            p_beats=i18n.percent(leader["p_beats_runner_up"], lang),
        )
    else:
        out["headline"] = i18n.t("study.headline.plain", lang, option=first, method=method)
    stab = rob.get("stability")
    if stab:
        parts = [
            i18n.t(
                "study.interval",
                lang,
                criterion=names[x["criterion"]],
                low=i18n.percent(x["low"], lang),
                high=i18n.percent(x["high"], lang),
            )
            for x in stab["intervals"]
        ]
        joined = i18n.listing(parts, lang)
        out["stability"] = i18n.t("study.stability", lang, option=first, intervals=joined)
        for key in ("tipping", "swap"):
            change = stab[key]
            if change is None:
                continue
            old, new = weight_pair(change["from"], change["to"], lang)
            params = {"criterion": names[change["criterion"]], "old": old, "new": new}
            if key == "tipping":
                params["option"] = first
            out[key] = i18n.t(f"study.{key}", lang, **params)
    return out


def sentences(facts: dict[str, Any], lang: str) -> dict[str, Any]:
    """Every sentence of a study's facts in ``lang`` (a mapping of message roles to text)."""
    case = facts["case"]
    options = {}
    for o in facts["options"]:
        options[o["id"]] = {
            "cost_delay": _cost_delay(o, case, lang),
            **_targets(o, case, lang),
            "drivers": _drivers(o, lang),
            "main_risk": _main_risk(o, case, lang),
            "footprint": _footprint(o, case, lang),
            "skills": _skills(o, case, lang),
        }
    out: dict[str, Any] = {"options": options}
    if facts["appraisal"] is not None:
        out["explanations"] = _explanations(facts, lang)
        out |= _robustness(facts, lang)
    p = facts["provenance"]
    out["provenance"] = i18n.t(
        "study.provenance",
        lang,
        date=i18n.date(dt.date.fromisoformat(p["created"][:10]), lang),
        version=p["decisionkit"],
        iterations=i18n.number(p["iterations"], lang),
        seed=str(p["seed"]),
    )
    return out
