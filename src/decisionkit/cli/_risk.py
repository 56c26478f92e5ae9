"""The risk of one option in words: plan, drivers, risk contributions, the outside view.

Read from either fact document: an option of the study (``Study.to_dict()``) or of the
engine's simulation (``decisionkit.simulation/1``), turned into the same row first.
"""

from __future__ import annotations

from typing import Any

__all__ = ["from_simulation", "from_study", "outside_view", "print_option"]


def from_study(o: dict[str, Any]) -> dict[str, Any]:
    """What the printer needs of one option of ``Study.to_dict()``."""
    out = o["outputs"]
    rc = o["risk_contributions"]
    return {
        "id": o["id"],
        "name": o["name"],
        "iterations": o["iterations"],
        "plan": o["plan"],
        "capex": out["capex"],
        "tco": out["tco"],
        "finish": out["finish"],
        "go_live": out["go_live"],
        "finish_dates": out["finish"].get("dates", {}),
        "go_live_dates": out["go_live"].get("dates", {}),
        "drivers": (o["drivers"] or {}).get("finish") or [],
        "contributions": rc["after_mitigation"] or rc["before_mitigation"] or [],
        "mitigated": bool(rc["after_mitigation"]),
        "outside_view": o["outside_view"],
        "warnings": o["warnings"],
    }


def from_simulation(o: dict[str, Any], r: Any) -> dict[str, Any]:
    """The same from the engine's ``decisionkit.simulation/1`` document (and its result)."""
    plan = dict(o["plan"])
    plan["go_live_date"] = r.date(plan["go_live"])
    plan["finish_date"] = r.date(plan["finish"])
    return {
        "id": o["id"],
        "name": o["name"] or o["id"],
        "iterations": o["iterations"],
        "plan": plan,
        "capex": o["outputs"]["capex"],
        "tco": o["outputs"]["tco"],
        "finish": o["outputs"]["finish"],
        "go_live": o["outputs"]["go_live"],
        "finish_dates": o["dates"].get("finish") or {},
        "go_live_dates": o["dates"].get("go_live") or {},
        "drivers": (o["sensitivity"] or {}).get("finish") or [],
        "contributions": o["risk_contributions_p80"] or [],
        "mitigated": bool(o["mitigated"]) and bool(o["risk_contributions_p80"]),
        "outside_view": o["outside_view"],
        "warnings": o["warnings"],
    }


def print_option(
    out: Any, r: dict[str, Any], said: dict[str, Any] | None, cur: str, lang: str
) -> None:
    from decisionkit.cli._common import paragraph
    from decisionkit.cli._print import as_date, driver_label, money
    from decisionkit.i18n import date, days, listing, number, t

    """One option: its plan, the study's target sentences, drivers, risks, outside view."""
    paragraph(out, r["name"], style="bold")
    plan = r["plan"]
    key = "cli.simulate.plan" if plan.get("go_live_date") is not None else "cli.simulate.plan.days"
    params = {
        "go_live_days": days(plan["go_live"], lang),
        "finish_days": days(plan["finish"], lang),
        "capex": money(plan["capex"], cur, lang),
    }
    if plan.get("go_live_date") is not None:
        params["go_live"] = date(as_date(plan["go_live_date"]), lang)
        params["finish"] = date(as_date(plan["finish_date"]), lang)
    paragraph(out, t(key, lang, **params), indent=2)
    for part in ("cost_delay", "budget", "deadline", "joint"):
        if said and said.get(part):
            paragraph(out, said[part], indent=2)
    if r["drivers"]:
        top = [
            t(
                "cli.simulate.driver",
                lang,
                driver=driver_label(d, lang),
                rho=number(d["spearman"], lang, digits=2),
            )
            for d in r["drivers"][:3]
        ]
        paragraph(out, t("cli.simulate.drivers", lang, drivers=listing(top, lang)), indent=2)
    rc = r["contributions"]
    if rc:
        cost = [
            t(
                "cli.simulate.risk",
                lang,
                risk=x.get("name") or x["risk"],
                value=money(x["capex_p80"], cur, lang),
            )
            for x in sorted(rc, key=lambda x: -x["capex_p80"])[:3]
            if x["capex_p80"] > 0
        ]
        late = [
            t(
                "cli.simulate.risk",
                lang,
                risk=x.get("name") or x["risk"],
                value=days(x["finish_p80"], lang),
            )
            for x in sorted(rc, key=lambda x: -x["finish_p80"])[:3]
            if x["finish_p80"] >= 0.5
        ]
        suffix = ".mitigated" if r["mitigated"] else ""
        if cost:
            paragraph(
                out,
                t("cli.simulate.risks_cost" + suffix, lang, risks=listing(cost, lang)),
                indent=2,
            )
        if late:
            paragraph(
                out,
                t("cli.simulate.risks_finish" + suffix, lang, risks=listing(late, lang)),
                indent=2,
            )
    for sentence in outside_view(r["outside_view"], lang):
        paragraph(out, sentence, indent=2)


def _signed(x: float, lang: str) -> str:
    from decisionkit.i18n import percent

    text = percent(x, lang, digits=1)
    return text if x <= 0 or text.startswith("0") else "+" + text


def _source(row: dict[str, Any], lang: str) -> str:
    from decisionkit.i18n import keys, t

    key = "cli.reference." + row["reference"].replace("-", "_")
    return t(key, lang) if key in keys(lang) else row["title"]


def outside_view(rows: list[dict[str, Any]], lang: str) -> list[str]:
    """The outside view of one option in sentences: mean overruns, then the worst tail.

    Each known statistic (``statistic_id``) has a catalogue sentence; the others are left
    out.
    """
    from decisionkit.i18n import listing, percent, t

    kinds = {
        "mean_cost_overrun": "cost",
        "mean_schedule_overrun": "schedule",
        "tail_cost_overrun": "tail_cost",
    }
    groups: dict[str, list[dict[str, Any]]] = {}
    share: dict[str, str] = {}
    for row in rows:
        kind = kinds.get(row.get("statistic_id", ""))
        if kind is None:
            continue
        groups.setdefault(kind, []).append(row)
        if row.get("share") is not None:
            share[kind] = percent(row["share"], lang, digits=1)
    out = []
    for kind in ("cost", "schedule", "tail_cost"):
        found = [row for row in groups.get(kind, []) if row["simulated"] is not None]
        if not found:
            continue
        published = listing(
            [
                t(
                    "cli.outside.value",
                    lang,
                    value=_signed(row["published"], lang),
                    source=_source(row, lang),
                )
                for row in found
            ],
            lang,
        )
        params = {"simulated": _signed(found[0]["simulated"], lang), "published": published}
        if kind == "tail_cost":
            params["share"] = share[kind]
        out.append(t(f"cli.outside.{kind}", lang, **params))
    return out
