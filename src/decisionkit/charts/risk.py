"""Cost and schedule risk charts: S-curves, distributions and joint confidence.

The drivers of the risk (tornado, criticality, risk contributions) and the outside view are in
:mod:`decisionkit.charts.schedule`; the helpers they share are in :mod:`decisionkit.charts._base`.
"""

from __future__ import annotations

from typing import Any

import decisionkit.i18n as i18n
from decisionkit.charts._base import (
    GREY,
    WIDTH,
    best_option,
    distinct_facts,
    facts_of,
    finish,
    label,
    money_format,
    money_unit,
    option_scale,
    pick_option,
    row_header,
)

__all__ = ["distribution", "joint_confidence", "s_curves"]

SCHEDULE = ("finish", "go_live")
MONEY = ("capex", "tco")


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
    best = best_option(facts)
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


# -- helpers (the calendar and the targets serve decisionkit.charts.schedule too) ------------


def _calendar(facts: dict[str, Any]) -> Any:
    """Working days from the start -> ISO dates, as the facts write them; ``None`` without a
    start (the dates of the study's S-curves: :class:`decisionkit.case.calendar.Calendar`)."""
    from decisionkit.case.calendar import Calendar

    case = facts["case"]
    if case["start"] is None:
        return None
    calendar = Calendar(_date(case["start"]), case.get("holidays") or "fr")
    return lambda value: calendar.date(value).isoformat()


def _target_value(o: dict[str, Any], output: str, scale: float, dated: bool) -> Any:
    """The option's budget (when its basis is ``output``) or deadline (go-live), on the axis."""
    t = o["targets"]
    if output in MONEY and t["budget"] is not None and t["budget_basis"] == output:
        return t["budget"] / scale
    if output == "go_live" and t["deadline"] is not None:
        return t["deadline"] if dated else t["deadline_days"]
    return None


# -- distribution -----------------------------------------------------------------------------


def distribution(study: Any, output: str = "tco", *, lang: str = "en") -> Any:
    """Histogram of one output per option, from the study's bins, one row per option.

    Parameters
    ----------
    study
        A :class:`~decisionkit.Study`, or the facts of a saved one.
    output
        ``"capex"``, ``"tco"`` (in M€ or k€), ``"go_live"`` or ``"finish"`` (dates when the
        case has a start, else working days).
    lang
        ``"fr"`` or ``"en"``: titles, labels and number and date formats.

    Returns
    -------
    altair.FacetChart
        One row per option (same axis, so the options are compared without hiding each
        other): the share of the iterations in each of the study's bins, the P10-P90 band, the
        median and the budget or the deadline when the case has one. The title states where
        the recommended option lands in 80 % of the iterations.

    Examples
    --------
    >>> import decisionkit as dk
    >>> from decisionkit import charts
    >>> st = dk.study("examples/si-rh.yaml", iterations=500, seed=1)  # doctest: +SKIP
    >>> charts.distribution(st, "go_live", lang="fr")  # doctest: +SKIP
    """
    import altair as alt

    facts = distinct_facts(study)
    lang = i18n.check_lang(lang)
    if output not in (*MONEY, *SCHEDULE):
        raise ValueError(f"output must be capex, tco, finish or go_live, got {output!r}")
    calendar = _calendar(facts) if output in SCHEDULE else None
    dated = calendar is not None
    scale, unit = 1.0, i18n.t("unit.working_days", lang)
    if output in MONEY:
        edges = [v for o in facts["options"] for v in o["outputs"][output]["histogram"]["edges"]]
        scale, unit = money_unit(edges, facts["case"]["currency"], lang)
    rows: list[dict[str, Any]] = []
    for o in facts["options"]:
        out, name = o["outputs"][output], o["name"]
        hist = out["histogram"]
        total = sum(hist["counts"]) or 1
        edges = [calendar(v) if dated else v / scale for v in hist["edges"]]
        for lo, hi, n in zip(edges[:-1], edges[1:], hist["counts"], strict=True):
            rows.append({"layer": "bin", "option": name, "x": lo, "x2": hi, "share": n / total})
        at = out["dates"] if dated else {k: v / scale for k, v in out["percentiles"].items()}
        rows.append({"layer": "band", "option": name, "x": at["p10"], "x2": at["p90"]})
        rows.append({"layer": "median", "option": name, "x": at["p50"]})
        target = _target_value(o, output, scale, dated)
        if target is not None:
            text = label("budget" if output in MONEY else "deadline", lang)
            rows.append({"layer": "target", "option": name, "x": target, "text": text})
    kind = "T" if dated else "Q"
    x_title = label(f"output.{output}", lang) + ("" if dated else f" ({unit})")
    axis = (
        alt.Axis(format="%b %Y", labelAngle=0, tickCount=8)
        if dated
        else alt.Axis(format=money_format(scale) if output in MONEY else ",.0f")
    )
    x = alt.X(f"x:{kind}", title=x_title, axis=axis, scale=alt.Scale(zero=False))
    colour = alt.Color("option:N", scale=option_scale(facts), legend=None)
    share = label("distribution.share", lang)
    fmt = "%d %B %Y" if dated else ",.2f"
    bars = (
        alt.Chart()
        .transform_filter(alt.datum.layer == "bin")
        .mark_rect(opacity=0.85, stroke="white", strokeWidth=0.3)
        .encode(
            x=x,
            x2="x2",
            y=alt.Y("share:Q", title=share, axis=alt.Axis(format="%", tickCount=3)),
            y2=alt.datum(0),
            color=colour,
            tooltip=[
                alt.Tooltip("option:N", title=label("option", lang)),
                alt.Tooltip(f"x:{kind}", title=label("distribution.from", lang), format=fmt),
                alt.Tooltip(f"x2:{kind}", title=label("distribution.to", lang), format=fmt),
                alt.Tooltip("share:Q", title=share, format=".1%"),
            ],
        )
    )
    band = (
        alt.Chart()
        .transform_filter(alt.datum.layer == "band")
        .mark_rect(opacity=0.15)
        .encode(x=x, x2="x2", color=colour)
    )
    median = (
        alt.Chart()
        .transform_filter(alt.datum.layer == "median")
        .mark_rule(color="#222222", strokeWidth=1.5)
        .encode(x=x)
    )
    rule = (
        alt.Chart()
        .transform_filter(alt.datum.layer == "target")
        .mark_rule(strokeDash=[6, 4], color=GREY)
        .encode(x=x)
    )
    note = (
        alt.Chart()
        .transform_filter(alt.datum.layer == "target")
        .mark_text(align="left", dx=4, baseline="top", color="#333333", fontSize=11)
        .encode(x=x, y=alt.value(2), text="text:N")
    )
    n = len(facts["options"])
    layered = alt.layer(band, bars, median, rule, note, data=alt.Data(values=rows)).properties(
        width=WIDTH, height=90 if n <= 3 else 64
    )
    header = row_header()
    names = [o["name"] for o in facts["options"]]
    chart = layered.facet(row=alt.Row("option:N", sort=names, header=header), spacing=8)
    title = _distribution_title(facts, output, lang, dated, scale)
    return finish(chart, facts, lang, title=title, subtitle=label("distribution.subtitle", lang))


def _distribution_title(
    facts: dict[str, Any], output: str, lang: str, dated: bool, scale: float
) -> str:
    """Where the recommended option lands from P10 to P90."""
    best = best_option(facts)
    out = best["outputs"][output]
    p = out["percentiles"]
    share = i18n.percent(0.8, lang)
    if output in MONEY:
        currency = facts["case"]["currency"]
        low = i18n.money(p["p10"], currency, lang, compact=True)
        high = i18n.money(p["p90"], currency, lang, compact=True)
        key = output
    elif dated:
        low = i18n.date(_date(out["dates"]["p10"]), lang)
        high = i18n.date(_date(out["dates"]["p90"]), lang)
        key = output
    else:
        low, high = i18n.number(p["p10"], lang), i18n.days(p["p90"], lang)
        key = f"{output}_days"
    return label(
        f"distribution.title.{key}", lang, option=best["name"], low=low, high=high, share=share
    )


# -- joint confidence -------------------------------------------------------------------------


def joint_confidence(study: Any, option: str | None = None, *, lang: str = "en") -> Any:
    """Capex against go-live, one point per sampled iteration, with the budget and deadline.

    Parameters
    ----------
    study
        A :class:`~decisionkit.Study`, or the facts of a saved one.
    option
        The option's id or name; ``None``: the recommended option.
    lang
        ``"fr"`` or ``"en"``: titles, labels and number and date formats.

    Returns
    -------
    altair.LayerChart
        The study's thinned sample (at most 1,000 iterations) in the option's colour, the
        budget (capex basis) and the deadline as dashed rules, the area within both shaded with
        the joint confidence printed (``targets.joint``), and the iso-confidence frontier when
        the facts give it on go-live. The title states the joint confidence.
    """
    import altair as alt

    facts = distinct_facts(study)
    lang = i18n.check_lang(lang)
    o = pick_option(facts, option)
    t, joint = o["targets"], o["joint"]
    calendar = _calendar(facts)
    dated = calendar is not None
    sample = joint["sample"]
    budget = t["budget"] if t["budget_basis"] == "capex" else None
    deadline = (t["deadline"] if dated else None) if t["deadline"] is not None else None
    frontier = [
        f
        for f in joint.get("go_live_frontier") or []
        if f.get("go_live") is not None and f["capex"] is not None
    ]
    amounts = [*sample["capex"], *([budget] if budget is not None else [])]
    scale, unit = money_unit(amounts, facts["case"]["currency"], lang)
    when = (lambda d: calendar(d)) if dated else (lambda d: d)
    points = [
        {"option": o["name"], "capex": c / scale, "go_live": when(g)}
        for c, g in zip(sample["capex"], sample["go_live"], strict=True)
    ]
    kind = "T" if dated else "Q"
    x_title = label("output.go_live", lang) + ("" if dated else f" ({_days_unit(lang)})")
    x_axis = alt.Axis(format="%b %Y", labelAngle=0, tickCount=8) if dated else alt.Axis()
    x = alt.X(f"go_live:{kind}", title=x_title, axis=x_axis, scale=alt.Scale(zero=False))
    y_title = f"{label('output.capex', lang)} ({unit})"
    y = alt.Y(
        "capex:Q",
        title=y_title,
        axis=alt.Axis(format=money_format(scale)),
        scale=alt.Scale(zero=False),
    )
    height = 340
    layers = []
    if budget is not None and deadline is not None:
        zone = alt.Data(values=[{"capex": budget / scale, "go_live": deadline}])
        layers.append(
            alt.Chart(zone)
            .mark_rect(color="#009E73", opacity=0.08)
            .encode(x=x, x2=alt.value(0), y=y, y2=alt.value(height))
        )
    layers.append(
        alt.Chart(alt.Data(values=points))
        .mark_circle(size=16, opacity=0.45)
        .encode(
            x=x,
            y=y,
            color=alt.Color("option:N", scale=option_scale(facts), legend=None),
            tooltip=[
                alt.Tooltip("option:N", title=label("option", lang)),
                alt.Tooltip(
                    f"go_live:{kind}", title=x_title, format="%d %B %Y" if dated else ",.0f"
                ),
                alt.Tooltip("capex:Q", title=y_title, format=",.2f"),
            ],
        )
    )
    if frontier:
        level = i18n.percent(joint["level"], lang)
        line = [
            {
                "go_live": (f.get("go_live_date") or when(f["go_live"])) if dated else f["go_live"],
                "capex": f["capex"] / scale,
            }
            for f in frontier
        ]
        path = alt.Chart(alt.Data(values=line)).encode(x=x, y=y)
        layers.append(path.mark_line(color="#222222", strokeWidth=2))
        # named where the curve bends, away from the budget and deadline labels at the edges
        end = {
            **line[len(line) // 4],
            "text": label("joint_confidence.frontier", lang, level=level),
        }
        layers.append(
            alt.Chart(alt.Data(values=[end]))
            .mark_text(align="left", dx=8, dy=-10, fontSize=11, color="#222222")
            .encode(x=x, y=y, text="text:N")
        )
    if budget is not None:
        data = alt.Data(values=[{"capex": budget / scale, "text": label("budget", lang)}])
        rule = alt.Chart(data).encode(y="capex:Q")
        layers.append(rule.mark_rule(strokeDash=[6, 4], color=GREY))
        layers.append(
            rule.mark_text(align="right", dy=-6, fontSize=11, color="#333333").encode(
                x=alt.value(WIDTH - 4), text="text:N"
            )
        )
    if deadline is not None:
        data = alt.Data(values=[{"go_live": deadline, "text": label("deadline", lang)}])
        rule = alt.Chart(data).encode(x=f"go_live:{kind}")
        layers.append(rule.mark_rule(strokeDash=[6, 4], color=GREY))
        layers.append(
            rule.mark_text(align="left", dx=4, baseline="top", fontSize=11, color="#333333").encode(
                y=alt.value(2), text="text:N"
            )
        )
    if budget is not None and deadline is not None and t["joint"] is not None:
        zone = alt.Data(
            values=[
                {"text": label("joint_confidence.zone", lang, jcl=i18n.percent(t["joint"], lang))}
            ]
        )
        layers.append(
            alt.Chart(zone)
            .mark_text(
                align="left", baseline="bottom", fontSize=12, fontWeight="bold", color="#00694D"
            )
            .encode(x=alt.value(6), y=alt.value(height - 6), text="text:N")
        )
    chart = alt.layer(*layers).properties(width=WIDTH, height=height)
    title, subtitle = _joint_title(o, lang, bool(frontier), budget, deadline, len(points))
    return finish(chart, facts, lang, title=title, subtitle=subtitle)


def _days_unit(lang: str) -> str:
    return i18n.t("unit.working_days", lang)


def _joint_title(
    o: dict[str, Any], lang: str, frontier: bool, budget: Any, deadline: Any, n: int
) -> tuple[str, str]:
    t = o["targets"]
    if t["joint"] is not None:
        title = label(
            "joint_confidence.title", lang, option=o["name"], jcl=i18n.percent(t["joint"], lang)
        )
    else:
        title = label("joint_confidence.title.plain", lang, option=o["name"])
    targets = budget is not None and deadline is not None
    key = {
        (False, False): "joint_confidence.subtitle",
        (True, False): "joint_confidence.subtitle.targets",
        (False, True): "joint_confidence.subtitle.frontier",
        (True, True): "joint_confidence.subtitle.targets_frontier",
    }[(targets, frontier)]
    params = {"n": i18n.number(n, lang), "iterations": i18n.number(o["iterations"], lang)}
    if frontier:
        params["level"] = i18n.percent(o["joint"]["level"], lang)
    return title, label(key, lang, **params)
