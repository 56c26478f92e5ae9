"""What drives the risk: tornado of the drivers, criticality of the tasks, each risk's
contribution to the P80, and the outside view (published overruns beside the simulation's).

Each chart reads one option's facts (the recommended one unless told otherwise), except the
outside view, which sets every option beside the published reference classes.
"""

from __future__ import annotations

from typing import Any

import decisionkit.i18n as i18n
from decisionkit.charts._base import (
    GREY,
    LINES,
    PALETTE,
    WIDTH,
    best_option,
    distinct_facts,
    finish,
    label,
    money_format,
    money_unit,
    notice,
    option_scale,
    pick_option,
    row_header,
    wrap_label,
)

__all__ = ["criticality", "outside_view", "risk_contributions", "tornado"]

KIND_GROUP = {
    "duration": "duration",
    "cost": "cost",
    "cost_per_day": "cost",
    "run_cost": "cost",
    "legacy_run_cost": "cost",
    "occurs": "risk",
    "delay": "risk",
    "risk_cost": "risk",
    "action_cost": "risk",  # a risk's mitigation
}
"""The input kinds of the engine in three groups: a task's duration, a cost, a risk."""

KIND_COLOURS = ("#332288", "#DDCC77", "#CC6677")
"""Duration, cost, risk: Tol's muted indigo, sand and rose (colour-blind safe), none of them
an option's colour."""

DRIVER_OUTPUTS = ("capex", "tco", "finish")
BAR_STEP = 30  # px per bar: room for a label on two lines


# -- tornado ----------------------------------------------------------------------------------


def tornado(
    study: Any,
    option: str | None = None,
    output: str = "finish",
    *,
    lang: str = "en",
    top: int = 10,
) -> Any:
    """Tornado of the strongest drivers of one output of an option, coloured by kind.

    Parameters
    ----------
    study
        A :class:`~decisionkit.Study`, or the facts of a saved one.
    option
        The option's id or name; ``None``: the recommended option.
    output
        ``"finish"``, ``"capex"`` or ``"tco"``.
    lang
        ``"fr"`` or ``"en"``: titles, labels and number formats.
    top
        How many drivers to show, strongest first (the study keeps ten).

    Returns
    -------
    altair.LayerChart
        One bar per uncertain input (the element's name and the kind of input in words), its
        length the rank correlation with the output, coloured by duration, cost or risk. The
        title names the input that weighs most.
    """
    import altair as alt

    facts = distinct_facts(study)
    lang = i18n.check_lang(lang)
    if output not in DRIVER_OUTPUTS:
        raise ValueError(f"output must be capex, tco or finish, got {output!r}")
    o = pick_option(facts, option)
    phrase = label(f"tornado.output.{output}", lang)
    drivers = (o["drivers"] or {}).get(output) if o["drivers"] is not None else None
    if not drivers:
        heading = label("tornado.heading", lang, output=phrase, option=o["name"])
        reason = "tornado.none" if drivers is not None else "tornado.not_computed"
        return notice(facts, lang, title=heading, text=label(reason, lang))
    groups = ("duration", "cost", "risk")
    kinds = [label(f"tornado.kind.{g}", lang) for g in groups]
    rows = []
    for d in drivers[:top]:
        kind = i18n.t(f"kind.{d['kind']}", lang)
        text = i18n.t("label.input", lang, element=d["name"], kind=kind)
        group = KIND_GROUP.get(d["kind"], "cost")
        rows.append(
            {
                "input": _unique(wrap_label(text), rows),
                "label": text,
                "kind": label(f"tornado.kind.{group}", lang),
                "spearman": d["spearman"],
            }
        )
    order = [r["input"] for r in rows]
    y = alt.Y(
        "input:N",
        sort=order,
        title=None,
        axis=alt.Axis(labelExpr=LINES, labelLimit=340, labelLineHeight=13),
    )
    x = alt.X(
        "spearman:Q",
        title=label("tornado.axis", lang, output=phrase),
        axis=alt.Axis(format=".1f"),
        scale=alt.Scale(zero=True, nice=True),
    )
    bars = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(height={"band": 0.7})
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(domain=kinds, range=list(KIND_COLOURS)),
                title=label("tornado.kind", lang),
            ),
            tooltip=[
                alt.Tooltip("label:N", title=label("tornado.input", lang)),
                alt.Tooltip("kind:N", title=label("tornado.kind", lang)),
                alt.Tooltip("spearman:Q", title=label("tornado.spearman", lang), format=".2f"),
            ],
        )
    )
    zero = alt.Chart(alt.Data(values=[{"x": 0}])).mark_rule(color="#222222").encode(x="x:Q")
    chart = alt.layer(bars, zero).properties(width=WIDTH - 200, height=alt.Step(BAR_STEP))
    first = drivers[0]
    title = label(
        "tornado.title",
        lang,
        element=first["name"],
        kind=i18n.t(f"kind.{first['kind']}", lang),
        output=phrase,
        option=o["name"],
    )
    subtitle = label("tornado.subtitle", lang, output=phrase)
    return finish(chart, facts, lang, title=title, subtitle=subtitle)


def _unique(text: str, rows: list[dict[str, Any]]) -> str:
    """The label, made distinct from those already drawn (two inputs with one name)."""
    taken = {r.get("input", r.get("task", r.get("risk"))) for r in rows}
    while text in taken:
        text += "\u200b"  # invisible: the same words, another bar
    return text


# -- criticality ------------------------------------------------------------------------------


def criticality(study: Any, option: str | None = None, *, lang: str = "en", top: int = 15) -> Any:
    """Criticality of the tasks of an option: the share of iterations on a critical path.

    Parameters
    ----------
    study
        A :class:`~decisionkit.Study`, or the facts of a saved one.
    option
        The option's id or name; ``None``: the recommended option.
    lang
        ``"fr"`` or ``"en"``: titles, labels and number formats.
    top
        How many tasks to show, most critical first.

    Returns
    -------
    altair.LayerChart
        One bar per task (its name), in the option's colour, with the share printed and half of
        the iterations marked. The title counts the tasks critical in more than half of the
        iterations.
    """
    import altair as alt

    facts = distinct_facts(study)
    lang = i18n.check_lang(lang)
    o = pick_option(facts, option)
    tasks = o["criticality"]
    if not tasks:
        heading = label("criticality.heading", lang, option=o["name"])
        return notice(facts, lang, title=heading, text=label("criticality.none", lang))
    rows: list[dict[str, Any]] = []
    for task in tasks[:top]:
        name = _unique(wrap_label(task["name"]), rows)
        rows.append(
            {
                "option": o["name"],
                "task": name,
                "name": task["name"],
                "criticality": task["criticality"],
            }
        )
    y = alt.Y(
        "task:N",
        sort=[r["task"] for r in rows],
        title=None,
        axis=alt.Axis(labelExpr=LINES, labelLimit=340, labelLineHeight=13),
    )
    share = label("criticality.axis", lang)
    x = alt.X(
        "criticality:Q",
        title=share,
        axis=alt.Axis(format="%", values=[0, 0.25, 0.5, 0.75, 1]),
        scale=alt.Scale(domain=[0, 1]),
    )
    base = alt.Chart(alt.Data(values=rows)).encode(x=x, y=y)
    bars = base.mark_bar(height={"band": 0.7}).encode(
        color=alt.Color("option:N", scale=option_scale(facts), legend=None),
        tooltip=[
            alt.Tooltip("name:N", title=label("criticality.task", lang)),
            alt.Tooltip("criticality:Q", title=share, format=".1%"),
        ],
    )
    text = base.mark_text(align="left", dx=4, fontSize=11, color="#222222").encode(
        text=alt.Text("criticality:Q", format=".0%")
    )
    half = (
        alt.Chart(alt.Data(values=[{"x": 0.5}]))
        .mark_rule(strokeDash=[4, 4], color=GREY)
        .encode(x="x:Q")
    )
    chart = alt.layer(bars, half, text).properties(width=WIDTH - 200, height=alt.Step(BAR_STEP))
    count = sum(1 for task in tasks if task["criticality"] > 0.5)
    title = i18n.plural(
        "chart.criticality.title",
        lang,
        count,
        count=i18n.number(count, lang),
        total=i18n.number(len(tasks), lang),
        option=o["name"],
    )
    if len(tasks) > top:
        subtitle = label(
            "criticality.subtitle.top",
            lang,
            top=i18n.number(top, lang),
            total=i18n.number(len(tasks), lang),
        )
    else:
        subtitle = label("criticality.subtitle", lang)
    return finish(chart, facts, lang, title=title, subtitle=subtitle)


# -- risk contributions -----------------------------------------------------------------------


def risk_contributions(study: Any, option: str | None = None, *, lang: str = "en") -> Any:
    """Each risk's contribution to the P80 capex and the P80 finish, before and after mitigation.

    Parameters
    ----------
    study
        A :class:`~decisionkit.Study`, or the facts of a saved one.
    option
        The option's id or name; ``None``: the recommended option.
    lang
        ``"fr"`` or ``"en"``: titles, labels and number formats.

    Returns
    -------
    altair.HConcatChart
        Two panels sharing the risks' rows (their names, the costliest first): the increase of
        the P80 capex (in M€ or k€) and the delay of the P80 finish (working days). With
        mitigation in the study, each risk has a bar before and a paler bar after it. The title
        names the risk that adds the most to the P80 capex.
    """
    import altair as alt

    facts = distinct_facts(study)
    lang = i18n.check_lang(lang)
    o = pick_option(facts, option)
    contributions = o["risk_contributions"] or {}
    before = contributions.get("before_mitigation") or []
    after = contributions.get("after_mitigation") or []
    if not before:
        heading = label("risk_contributions.heading", lang, option=o["name"])
        computed = facts["provenance"]["settings"].get("contributions", True)
        reason = "risk_contributions.no_risk" if computed else "risk_contributions.not_computed"
        return notice(facts, lang, title=heading, text=label(reason, lang))
    currency = facts["case"]["currency"]
    scale, unit = money_unit([r["capex_p80"] for r in (*before, *after)], currency, lang)
    phases = [("before", before)] + ([("after", after)] if after else [])
    names: dict[str, str] = {}
    rows = []
    for phase, items in phases:
        for r in items:
            if r["risk"] not in names:
                names[r["risk"]] = _unique(
                    wrap_label(r["name"]), [{"input": n} for n in names.values()]
                )
            rows.append(
                {
                    "option": o["name"],
                    "risk": names[r["risk"]],
                    "name": r["name"],
                    "phase": label(f"risk_contributions.{phase}", lang),
                    "capex": r["capex_p80"] / scale,
                    "finish": r["finish_p80"],
                }
            )
    order = list(names.values())
    phase_labels = [label(f"risk_contributions.{p}", lang) for p, _ in phases]
    mitigated = len(phases) == 2
    cost_title = label("risk_contributions.cost", lang, unit=unit)
    delay_title = label("risk_contributions.delay", lang, unit=i18n.t("unit.working_days", lang))
    tips = [
        alt.Tooltip("name:N", title=label("risk_contributions.risk", lang)),
        alt.Tooltip("phase:N", title=label("risk_contributions.phase", lang)),
        alt.Tooltip("capex:Q", title=cost_title, format=",.1f"),
        alt.Tooltip("finish:Q", title=delay_title, format=",.1f"),
    ]
    colour = alt.Color("option:N", scale=option_scale(facts), legend=None)
    opacity = alt.Opacity(
        "phase:N",
        scale=alt.Scale(domain=phase_labels, range=[1.0, 0.4][: len(phase_labels)]),
        title=label("risk_contributions.phase", lang),
        legend=alt.Legend(symbolType="square", symbolFillColor=_colour(facts, o))
        if mitigated
        else None,
    )
    offset = {"yOffset": alt.YOffset("phase:N", sort=phase_labels)} if mitigated else {}

    def panel(field: str, title: str, labels: bool) -> Any:
        y = alt.Y(
            "risk:N",
            sort=order,
            title=None,
            axis=alt.Axis(labelExpr=LINES, labelLimit=340, labelLineHeight=13)
            if labels
            else alt.Axis(labels=False, ticks=False, domain=False),
        )
        x = alt.X(
            f"{field}:Q",
            title=title,
            axis=alt.Axis(format=money_format(scale) if field == "capex" else ",.0f"),
        )
        bars = (
            alt.Chart(alt.Data(values=rows))
            .mark_bar(height={"band": 0.75})
            .encode(x=x, y=y, color=colour, opacity=opacity, tooltip=tips, **offset)
        )
        zero = alt.Chart(alt.Data(values=[{"x": 0}])).mark_rule(color="#222222").encode(x="x:Q")
        step = 44 if mitigated else BAR_STEP
        return alt.layer(bars, zero).properties(width=230, height=alt.Step(step))

    chart = alt.hconcat(
        panel("capex", cost_title, True), panel("finish", delay_title, False), spacing=16
    )
    title, subtitle = _contributions_title(o, before, after, currency, lang)
    return finish(chart, facts, lang, title=title, subtitle=subtitle)


def _colour(facts: dict[str, Any], o: dict[str, Any]) -> str:
    """The option's colour (the one :func:`option_scale` gives it)."""
    return PALETTE[[x["id"] for x in facts["options"]].index(o["id"]) % len(PALETTE)]


def _contributions_title(
    o: dict[str, Any], before: list[Any], after: list[Any], currency: str, lang: str
) -> tuple[str, str]:
    top = max(before, key=lambda r: r["capex_p80"])
    params = {
        "risk": top["name"],
        "option": o["name"],
        "cost": i18n.money(top["capex_p80"], currency, lang, compact=True),
        "delay": i18n.days(top["finish_p80"], lang),
    }
    same = next((r for r in after if r["risk"] == top["risk"]), None)
    if same is None:
        key = "risk_contributions.subtitle.mitigated" if after else "risk_contributions.subtitle"
        return label("risk_contributions.title", lang, **params), label(key, lang)
    params["cost_after"] = i18n.money(same["capex_p80"], currency, lang, compact=True)
    params["delay_after"] = i18n.days(same["finish_p80"], lang)
    return (
        label("risk_contributions.title.mitigated", lang, **params),
        label("risk_contributions.subtitle.mitigated", lang),
    )


# -- outside view -----------------------------------------------------------------------------

STATISTICS = {
    "mean_cost_overrun": "mean_cost",
    "mean_schedule_overrun": "mean_schedule",
    "tail_cost_overrun": "tail_cost",
    "tail_schedule_overrun": "tail_schedule",
}
"""The outside view's statistic ids (``statistic_id``) and their catalogue keys, in order."""


def _statistic(row: dict[str, Any], lang: str) -> str:
    """A statistic of the outside view in words; one the catalogue does not know, as given."""
    key = STATISTICS.get(row.get("statistic_id", ""))
    if key is None:
        return row["statistic"]
    params = {"share": _pct(row["share"], lang)} if row.get("share") is not None else {}
    return label(f"outside_view.statistic.{key}", lang, **params)


def _rank(row: dict[str, Any]) -> int:
    """The place of a statistic: means first, cost before schedule, unknown ones last."""
    ids = list(STATISTICS)
    sid = row.get("statistic_id")
    return ids.index(sid) if sid in ids else len(ids)


NO_PLUS_ZERO = "datum.value === 0 ? replace(datum.label, '+', '') : datum.label"


def _source(row: dict[str, Any], lang: str) -> str:
    key = "outside_view.reference." + row["reference"].replace("-", "_")
    return label(key, lang) if f"chart.{key}" in i18n.keys(lang) else row["title"]


def _pct(x: float, lang: str) -> str:
    """A percentage with a decimal only when it has one (27 %, 10,8 %)."""
    digits = 0 if abs(x * 100 - round(x * 100)) < 1e-9 else 1
    return i18n.percent(x, lang, digits=digits)


def outside_view(study: Any, *, lang: str = "en") -> Any:
    """This case's overruns next to the published overruns of reference classes of IT projects.

    Parameters
    ----------
    study
        A :class:`~decisionkit.Study`, or the facts of a saved one.
    lang
        ``"fr"`` or ``"en"``: titles, labels and number formats.

    Returns
    -------
    altair.FacetChart
        One panel per statistic (mean cost overrun, mean schedule overrun, the costliest
        cases' overruns), each with its own axis: the overrun against the deterministic plan
        simulated for each option (its colour) and published by each reference class (grey).
        The title sets the recommended option's mean cost overrun beside the published ones.
    """
    import altair as alt

    facts = distinct_facts(study)
    lang = i18n.check_lang(lang)
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    panels: list[str] = []
    rank: dict[str, int] = {}
    sources: list[str] = []
    for o in facts["options"]:
        for r in o["outside_view"] or []:
            panel = _statistic(r, lang)
            if panel not in panels:
                panels.append(panel)
                rank[panel] = _rank(r)
            source = label("outside_view.published", lang, source=_source(r, lang))
            if (panel, source) not in seen:
                seen.add((panel, source))
                if source not in sources:
                    sources.append(source)
                rows.append(
                    {"panel": panel, "series": source, "kind": "published", "value": r["published"]}
                )
            if r["simulated"] is not None and (panel, o["name"]) not in seen:
                seen.add((panel, o["name"]))
                rows.append(
                    {
                        "panel": panel,
                        "series": o["name"],
                        "kind": "simulated",
                        "option": o["name"],
                        "value": r["simulated"],
                    }
                )
    if not rows:
        return notice(
            facts,
            lang,
            title=label("outside_view.title.plain", lang),
            text=label("outside_view.none", lang),
        )
    panels.sort(key=rank.__getitem__)
    order = sources + [o["name"] for o in facts["options"]]
    value = label("outside_view.value", lang)
    x = alt.X(
        "value:Q",
        title=None,
        axis=alt.Axis(format="+.0%", tickCount=5, labelExpr=NO_PLUS_ZERO),
        scale=alt.Scale(nice=True),
    )
    y = alt.Y("series:N", sort=order, title=None, axis=alt.Axis(labelLimit=300))
    tips = [
        alt.Tooltip("panel:N", title=label("outside_view.statistic", lang)),
        alt.Tooltip("series:N", title=label("outside_view.series", lang)),
        alt.Tooltip("value:Q", title=value, format="+.1%"),
    ]
    simulated = (
        alt.Chart()
        .transform_filter(alt.datum.kind == "simulated")
        .mark_bar(height={"band": 0.7})
        .encode(
            x=x,
            y=y,
            color=alt.Color("option:N", scale=option_scale(facts), legend=None),
            tooltip=tips,
        )
    )
    published = (
        alt.Chart()
        .transform_filter(alt.datum.kind == "published")
        .mark_bar(height={"band": 0.7}, color="#9A9A9A")
        .encode(x=x, y=y, tooltip=tips)
    )
    text = (
        alt.Chart()
        .mark_text(align="left", dx=4, fontSize=11, color="#222222")
        .encode(x=x, y=y, text=alt.Text("value:Q", format="+.1~%"))
    )
    zero = alt.Chart().mark_rule(color="#222222").encode(x=alt.datum(0))
    layered = alt.layer(published, simulated, text, zero, data=alt.Data(values=rows)).properties(
        width=WIDTH - 220, height=alt.Step(20)
    )
    header = row_header()
    chart = (
        layered.facet(row=alt.Row("panel:N", sort=panels, header=header), spacing=10)
        .resolve_scale(x="independent", y="independent")
        .resolve_axis(x="independent", y="independent")
    )
    return finish(
        chart,
        facts,
        lang,
        title=_outside_title(facts, lang),
        subtitle=label("outside_view.subtitle", lang),
    )


def _outside_title(facts: dict[str, Any], lang: str) -> str:
    best = best_option(facts)
    mean = [r for r in best["outside_view"] or [] if r.get("statistic_id") == "mean_cost_overrun"]
    if not mean or mean[0]["simulated"] is None:
        return label("outside_view.title.plain", lang)
    published = i18n.listing(
        [
            label(
                "outside_view.source",
                lang,
                value=_pct(r["published"], lang),
                source=_source(r, lang),
            )
            for r in mean
        ],
        lang,
    )
    simulated = i18n.percent(mean[0]["simulated"], lang, digits=1)
    return label(
        "outside_view.title", lang, option=best["name"], simulated=simulated, published=published
    )
