"""Cost and schedule risk charts: S-curves (more to come: distribution, tornado, criticality,
risk contributions, joint confidence, outside view)."""

from __future__ import annotations

from typing import Any

import decisionkit.i18n as i18n
from decisionkit.charts._base import WIDTH, facts_of, finish, label, money_unit, option_scale

__all__ = ["s_curves"]

SCHEDULE = ("finish", "go_live")
MONEY = ("capex", "tco")


def _best(facts: dict[str, Any]) -> dict[str, Any]:
    """The recommended option's facts (the first one without criteria)."""
    best = facts["appraisal"]["ranking"][0]["option"] if facts["appraisal"] else None
    return next((o for o in facts["options"] if o["id"] == best), facts["options"][0])


def s_curves(study: Any, output: str = "go_live", *, lang: str = "en") -> Any:
    """S-curves of one output, one line per option: the probability of not exceeding a value.

    Parameters
    ----------
    study
        A :class:`~decisionkit.Study`, or the facts of a saved one.
    output
        ``"capex"``, ``"tco"``, ``"go_live"`` (dates on the axis when the case has a start)
        or ``"finish"``.
    lang
        ``"fr"`` or ``"en"``: titles, labels and number and date formats.

    Returns
    -------
    altair.LayerChart
        The curves, each option's P50 and P80 marked, its deterministic plan as a hollow
        point, and the budget (cost) or the deadline (go-live) as a rule when the case has
        one. The title states the finding for the recommended option.
    """
    import altair as alt

    facts = facts_of(study)
    lang = i18n.check_lang(lang)
    if output not in (*MONEY, *SCHEDULE):
        raise ValueError(f"output must be capex, tco, finish or go_live, got {output!r}")
    currency = facts["case"]["currency"]
    dated = output in SCHEDULE and facts["case"]["start"] is not None
    rows, marks, plans = [], [], []
    scale, unit = 1.0, i18n.t("unit.working_days", lang)
    if output in MONEY:
        every = [v for o in facts["options"] for v in o["outputs"][output]["s_curve"]["value"]]
        scale, unit = money_unit(every, currency, lang)
    for o in facts["options"]:
        out = o["outputs"][output]
        curve = out["s_curve"]
        xs = curve["date"] if dated else [v / scale for v in curve["value"]]
        for p, x in zip(curve["percentile"], xs, strict=True):
            rows.append({"option": o["name"], "probability": p / 100, "x": x})
        for p in (50, 80):
            x = out["dates"][f"p{p}"] if dated else out["percentiles"][f"p{p}"] / scale
            marks.append({"option": o["name"], "probability": p / 100, "x": x, "mark": f"P{p}"})
        x = out["dates"]["plan"] if dated else out["plan"] / scale
        plans.append({"option": o["name"], "probability": 0.0, "x": x})
    colour = alt.Color("option:N", scale=option_scale(facts), title=label("option", lang))
    x_type = "T" if dated else "Q"
    axis = (
        alt.Axis(format="%b %Y", labelAngle=0, tickCount=8)
        if dated
        else alt.Axis(format=",.1f" if output in MONEY else ",.0f")
    )
    x_title = label(f"output.{output}", lang) + ("" if dated else f" ({unit})")
    x = alt.X(f"x:{x_type}", title=x_title, axis=axis, scale=alt.Scale(zero=False))
    y = alt.Y(
        "probability:Q",
        title=label("probability_not_exceeded", lang),
        axis=alt.Axis(format="%", values=[0, 0.2, 0.4, 0.5, 0.6, 0.8, 1]),
        scale=alt.Scale(domain=[0, 1]),
    )
    x_tip = alt.Tooltip(f"x:{x_type}", title=x_title, format="%d %B %Y" if dated else ",.2f")
    tips = [
        alt.Tooltip("option:N", title=label("option", lang)),
        alt.Tooltip("probability:Q", title=label("probability_not_exceeded", lang), format=".0%"),
        x_tip,
    ]
    base = alt.Chart(alt.Data(values=rows)).encode(x=x, y=y, color=colour)
    lines = base.mark_line(strokeWidth=2.2, interpolate="monotone").encode(tooltip=tips)
    points = (
        alt.Chart(alt.Data(values=marks))
        .mark_point(filled=True, size=60)
        .encode(x=x, y=y, color=colour, shape=alt.Shape("mark:N", title=label("marks", lang)))
        .encode(tooltip=[*tips, alt.Tooltip("mark:N", title=label("marks", lang))])
    )
    plan = (
        alt.Chart(alt.Data(values=plans))
        .mark_point(filled=False, size=80, strokeWidth=2)
        .encode(x=x, y=y, color=colour, tooltip=[*tips[:1], x_tip])
    )
    layers = [lines, points, plan]
    target = _target(facts, output, scale, dated, lang)
    if target is not None:
        layers.append(target)
    best = _best(facts)
    title, subtitle = _title(facts, best, output, lang, dated)
    chart = alt.layer(*layers).properties(width=WIDTH, height=320)
    return finish(chart, facts, lang, title=title, subtitle=subtitle)


def _target(facts: dict[str, Any], output: str, scale: float, dated: bool, lang: str) -> Any:
    """The case's budget (capex or TCO, as its basis says) or deadline as a dashed rule."""
    import altair as alt

    case = facts["case"]
    if output in MONEY and case["budget"] is not None and case["budget_basis"] == output:
        x = case["budget"] / scale
        text = label("budget", lang)
    elif output == "go_live" and case["deadline"] is not None and dated:
        x = case["deadline"]
        text = label("deadline", lang)
    else:
        return None
    kind = "T" if dated and output in SCHEDULE else "Q"
    data = alt.Data(values=[{"x": x, "text": text}])
    rule = alt.Chart(data).mark_rule(strokeDash=[6, 4], color="#555555").encode(x=f"x:{kind}")
    note = (
        alt.Chart(data)
        .mark_text(align="left", dx=4, dy=-6, color="#333333", fontSize=11)
        .encode(x=f"x:{kind}", y=alt.value(12), text="text:N")
    )
    return rule + note


def _title(
    facts: dict[str, Any], best: dict[str, Any], output: str, lang: str, dated: bool
) -> tuple[str, str]:
    t = best["targets"]
    level = i18n.percent(t["confidence"], lang)
    subtitle = label(f"s_curve.subtitle.{output}", lang)
    if output == "go_live":
        when = (
            i18n.date(_date(t["go_live_date_at_confidence"]), lang)
            if dated
            else i18n.days(t["go_live_at_confidence"], lang)
        )
        key = "s_curve.title.go_live" if dated else "s_curve.title.go_live_days"
        return label(key, lang, option=best["name"], when=when, confidence=level), subtitle
    if output == "finish":
        return label("s_curve.title.finish", lang), subtitle
    p = best["outputs"][output]["s_curve"]["value"][round(100 * t["confidence"])]
    cost = i18n.money(p, facts["case"]["currency"], lang, compact=True)
    return (
        label(f"s_curve.title.{output}", lang, option=best["name"], cost=cost, confidence=level),
        subtitle,
    )


def _date(value: Any) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(value) if isinstance(value, str) else value
