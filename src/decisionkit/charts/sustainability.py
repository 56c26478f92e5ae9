"""Footprint, eco-design and skills charts: what each option emits, how eco-designed it is
and which competences it lacks, read from the study's assessment facts."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Mapping
from typing import Any

import decisionkit.i18n as i18n
from decisionkit.charts._base import (
    WIDTH,
    co2_unit,
    extreme_options,
    facts_of,
    finish,
    label,
    missing_subtitle,
    option_scale,
    options_with,
)

__all__ = ["eco_design", "footprint", "footprint_lines", "skills"]

PART_COLOURS = {
    "embodied": "#77AADD",  # light blue    (Tol's light scheme, colour-blind safe; pale, so
    "use": "#EEDD88",  # light yellow        that the options' saturated colours stand out)
    "cloud": "#99DDFF",  # light cyan
    "network": "#BBCC33",  # pear
    "devices": "#EE8866",  # orange
    "legacy": "#DDDDDD",  # pale grey
}
"""One colour per footprint part, the same in :func:`footprint` and :func:`footprint_lines`."""

ROUTES = {  # route -> the need's field holding its FTE
    "in_house": "fte_covered",
    "train": "fte_trained",
    "recruit": "fte_recruited",
    "contract": "fte_contracted",
}
ROUTE_COLOURS = ("#DDDDDD", "#88CCEE", "#DDCC77", "#CC6677")  # Tol: grey, cyan, sand, rose
"""How a need is met: in-house in grey, each way of closing a gap in a colour of its own."""

LABEL_LIMIT = 340  # px
LABEL_CHARS = 50  # an axis label line at 11 px (within the axis label limit)


def footprint(study: Any, *, lang: str = "en") -> Any:
    """The carbon footprint of each option over the horizon, stacked by part.

    Parameters
    ----------
    study
        A :class:`~decisionkit.Study`, or the facts of a saved one.
    lang
        ``"fr"`` or ``"en"``: titles, labels and number formats.

    Returns
    -------
    altair.LayerChart
        One bar per option (options without a footprint block are left out and named in
        the subtitle): the mean of each part, stacked, in tCO2e (kgCO2e below a tonne), and
        the P10-P90 range of the total as a whisker in the option's colour. The title names
        the option with the lowest mean footprint, and the runner-up when its mean is within
        that option's P10-P90 range.

    Raises
    ------
    ValueError
        When no option of the study has a footprint block.

    Examples
    --------
    >>> import decisionkit as dk
    >>> st = dk.study(
    ...     "examples/si-rh.yaml", iterations=200, seed=7, smaa_draws=0, contributions=False
    ... )
    >>> footprint(st, lang="fr").to_dict()["title"]["text"][0]  # doctest: +ELLIPSIS
    'SIRH SaaS du marché a l’empreinte carbone la plus faible...'
    """
    import altair as alt

    facts = facts_of(study)
    lang = i18n.check_lang(lang)
    shown, missing = options_with(facts, "footprint")
    years = i18n.number(facts["case"]["horizon_years"], lang)
    totals = [o["footprint"]["parts"]["total"] for o in shown]
    scale, unit = co2_unit([t["p90"] for t in totals], lang)
    parts = _parts(shown)
    bars, ranges = [], []
    for o in shown:
        fp = o["footprint"]
        for order, part in enumerate(parts):
            name = i18n.t(f"part.{part}", lang)
            mean = fp["parts"][part]["mean"]
            bars.append({"option": o["name"], "part": name, "order": order, "x": mean / scale})
        t = fp["parts"]["total"]
        row = {k: t[p] / scale for k, p in (("low", "p10"), ("mean", "mean"), ("high", "p90"))}
        ranges.append({"option": o["name"], **row, "text": i18n.value(t["mean"], "kgCO2e", lang)})
    names = [o["name"] for o in shown]
    x_title = label("footprint.axis", lang, unit=unit)
    fmt = ",.1f" if max((r["high"] for r in ranges), default=0) < 10 else ",.0f"
    x = alt.X("x:Q", title=x_title, stack="zero", axis=alt.Axis(format=fmt))
    y = alt.Y("option:N", title=None, sort=names, axis=alt.Axis(labelLimit=LABEL_LIMIT))
    part_colour = _part_colour(parts, lang)
    opt = alt.Tooltip("option:N", title=label("option", lang))
    stacked = (
        alt.Chart(alt.Data(values=bars))
        .mark_bar(height={"band": 0.6})
        .encode(
            x=x,
            y=y,
            color=part_colour,
            order=alt.Order("order:Q"),
            tooltip=[
                opt,
                alt.Tooltip("part:N", title=label("footprint.part", lang)),
                alt.Tooltip("x:Q", title=x_title, format=",.1f"),
            ],
        )
    )
    colour = alt.Color("option:N", scale=option_scale(facts), legend=None)
    range_tips = [
        opt,
        alt.Tooltip("low:Q", title=label("footprint.p10", lang, unit=unit), format=",.1f"),
        alt.Tooltip("mean:Q", title=label("footprint.mean", lang, unit=unit), format=",.1f"),
        alt.Tooltip("high:Q", title=label("footprint.p90", lang, unit=unit), format=",.1f"),
    ]
    base = alt.Chart(alt.Data(values=ranges)).encode(y=y, color=colour, tooltip=range_tips)
    whisker = base.mark_errorbar(ticks={"size": 14, "thickness": 2}, thickness=2).encode(
        x=alt.X("low:Q", title=x_title), x2="high:Q"
    )
    note = base.mark_text(align="left", dx=8, fontSize=11, fontWeight="bold").encode(
        x=alt.X("high:Q", title=x_title), text="text:N"
    )
    chart = (
        alt.layer(stacked, whisker, note)
        .resolve_scale(color="independent")
        .properties(width=WIDTH, height={"step": 44})
    )
    title = _footprint_title(shown, years, lang)
    subtitle = missing_subtitle("footprint", missing, lang, years=years)
    return finish(chart, facts, lang, title=title, subtitle=subtitle)


def footprint_lines(
    study: Any, option: str | None = None, *, lang: str = "en", top: int = 10
) -> Any:
    """The largest lines of one option's footprint inventory, coloured by part.

    Parameters
    ----------
    study
        A :class:`~decisionkit.Study`, or the facts of a saved one.
    option
        The option's id (or name); by default the best-ranked option with a footprint block
        (the first in case order without criteria).
    lang
        ``"fr"`` or ``"en"``: titles, labels and number formats.
    top
        How many lines to show, largest first.

    Returns
    -------
    altair.LayerChart
        One bar per inventory line: its mean emissions over the horizon, in tCO2e (kgCO2e
        below a tonne), coloured by part as in :func:`footprint`, its value at the bar's end
        in the option's colour. The title names the largest line.

    Raises
    ------
    ValueError
        When the option is unknown or has no footprint block, no option has one, or ``top``
        is below 1.

    Examples
    --------
    >>> import decisionkit as dk
    >>> st = dk.study(
    ...     "examples/si-rh.yaml", iterations=200, seed=7, smaa_draws=0, contributions=False
    ... )
    >>> footprint_lines(st, "build", lang="en", top=3).to_dict()["title"]["text"][0]
    'The largest source of emissions of Développement interne sur socle open'
    """
    import altair as alt

    facts = facts_of(study)
    lang = i18n.check_lang(lang)
    if top < 1:
        raise ValueError(f"top must be 1 or more, got {top}")
    chosen = _footprint_option(facts, option)
    fp = chosen["footprint"]
    lines = fp["lines"][:top]
    years = i18n.number(facts["case"]["horizon_years"], lang)
    scale, unit = co2_unit([line["kgco2e"] for line in lines], lang)
    counts: dict[str, int] = {}
    for line in lines:
        counts[line["line"]] = counts.get(line["line"], 0) + 1
    rows, labels = [], []
    for i, line in enumerate(lines):
        part = i18n.t(f"part.{line['part']}", lang)
        name = line["line"] or part
        if counts[line["line"]] > 1:  # the same equipment's manufacture and its energy
            name = label("footprint_lines.line", lang, line=name, part=part)
        labels.append(_wrap(name))
        value = line["kgco2e"] / scale
        rows.append({"rank": i, "line": name, "part": part, "x": value, "option": chosen["name"]})
    parts = [p for p in PART_COLOURS if any(line["part"] == p for line in lines)]
    x_title = label("footprint.axis", lang, unit=unit)
    fmt = ",.1f" if max((r["x"] for r in rows), default=0) < 10 else ",.0f"
    y = alt.Y(
        "rank:O",
        title=None,
        axis=alt.Axis(labelExpr=f"{json.dumps(labels)}[datum.value]", labelLimit=LABEL_LIMIT),
    )
    tips = [
        alt.Tooltip("line:N", title=label("footprint_lines.line_title", lang)),
        alt.Tooltip("part:N", title=label("footprint.part", lang)),
        alt.Tooltip("x:Q", title=x_title, format=",.1f"),
    ]
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=y, x=alt.X("x:Q", title=x_title, axis=alt.Axis(format=fmt)), tooltip=tips
    )
    bars = base.mark_bar(height={"band": 0.7}).encode(color=_part_colour(parts, lang))
    values = base.mark_text(align="left", dx=4, fontSize=11, fontWeight="bold").encode(
        text=alt.Text("x:Q", format=",.1f"),
        fill=alt.Fill("option:N", scale=option_scale(facts), legend=None),
    )
    chart = alt.layer(bars, values).properties(width=WIDTH - 140, height={"step": _step(labels)})
    if lines:
        top_line = lines[0]
        title = label(
            "footprint_lines.title",
            lang,
            option=chosen["name"],
            line=top_line["line"] or i18n.t(f"part.{top_line['part']}", lang),
            value=i18n.value(top_line["kgco2e"], "kgCO2e", lang),
            years=years,
        )
    else:
        title = label("footprint_lines.title.empty", lang, option=chosen["name"])
    n = len(lines)
    if n == 1:
        subtitle = label("footprint_lines.subtitle.one", lang, years=years)
    else:
        count = i18n.number(n, lang)
        subtitle = label("footprint_lines.subtitle.other", lang, n=count, years=years)
    subtitle = subtitle if lines else ""
    return finish(chart, facts, lang, title=title, subtitle=subtitle)


def eco_design(study: Any, *, lang: str = "en") -> Any:
    """The RGESN eco-design score of each option, family by family.

    Parameters
    ----------
    study
        A :class:`~decisionkit.Study`, or the facts of a saved one.
    lang
        ``"fr"`` or ``"en"``: titles, labels and number formats. The RGESN families keep
        their French names (the referential's own) in both languages.

    Returns
    -------
    altair.LayerChart
        Grouped horizontal bars: one group per family (the overall score first), one bar
        per option in its colour, the score (0-100) at the bar's end; a family without an
        applicable criterion reads "not applicable", not 0. Options without an eco-design
        block are left out and named in the subtitle. The title names the option with the
        best overall score.

    Raises
    ------
    ValueError
        When no option of the study has an eco-design block.
    """
    import altair as alt

    facts = facts_of(study)
    lang = i18n.check_lang(lang)
    shown, missing = options_with(facts, "eco_design")
    overall = label("eco_design.overall", lang)
    families = [overall]
    for o in shown:
        for fam in o["eco_design"]["families"]:
            if fam["family"] not in families:
                families.append(fam["family"])
    na = label("eco_design.not_applicable", lang)
    rows = []
    for o in shown:
        ed = o["eco_design"]
        entries = [(overall, ed["score"], None, None)]
        entries += [
            (f["family"], f["score"], f["compliant"], f["applicable"]) for f in ed["families"]
        ]
        for entry in entries:
            row = dict(zip(("family", "score", "compliant", "applicable"), entry, strict=True))
            text = na if row["score"] is None else i18n.number(row["score"], lang)
            rows.append({"option": o["name"], **row, "text": text})
    names = [o["name"] for o in shown]
    score_title = label("eco_design.axis", lang)
    y = alt.Y("family:N", title=None, sort=families, axis=alt.Axis(labelFontWeight="normal"))
    y_offset = alt.YOffset("option:N", sort=names, scale=alt.Scale(paddingInner=0.1))
    colour = alt.Color(
        "option:N",
        scale=option_scale(facts),  # every option's colour, the legend lists those shown
        title=label("option", lang),
        legend=alt.Legend(values=names),
    )
    tips = [
        alt.Tooltip("option:N", title=label("option", lang)),
        alt.Tooltip("family:N", title=label("eco_design.family", lang)),
        alt.Tooltip("text:N", title=score_title),
        alt.Tooltip("compliant:Q", title=label("eco_design.compliant", lang)),
        alt.Tooltip("applicable:Q", title=label("eco_design.applicable", lang)),
    ]
    x = alt.X(
        "score:Q",
        title=score_title,
        scale=alt.Scale(domain=[0, 100]),
        axis=alt.Axis(values=[0, 20, 40, 60, 80, 100]),
    )
    base = alt.Chart(alt.Data(values=rows)).encode(y=y, yOffset=y_offset, tooltip=tips)
    bars = base.mark_bar().encode(x=x, color=colour)
    values = base.mark_text(align="left", dx=3, fontSize=10).encode(
        x=alt.X("score:Q", title=score_title, scale=alt.Scale(domain=[0, 100])),
        text="text:N",
        color=colour,
    )
    empty = (
        base.transform_filter("datum.score === null")
        .mark_text(align="left", dx=3, fontSize=10, fontStyle="italic")
        .encode(x=alt.value(0), text="text:N", color=colour)
    )
    values = values.transform_filter("datum.score !== null")
    step = 12 if len(names) > 1 else 16
    height = len(families) * (len(names) * step + 10)
    chart = alt.layer(bars, values, empty).properties(width=WIDTH - 140, height=height)
    title = _eco_title(shown, lang)
    subtitle = missing_subtitle("eco_design", missing, lang)
    return finish(chart, facts, lang, title=title, subtitle=subtitle)


def skills(study: Any, *, lang: str = "en") -> Any:
    """The FTE each option needs per competence, and how each gap is closed.

    Parameters
    ----------
    study
        A :class:`~decisionkit.Study`, or the facts of a saved one.
    lang
        ``"fr"`` or ``"en"``: titles, labels and number formats.

    Returns
    -------
    altair.FacetChart
        One panel per option (options without a skills block are left out and named in
        the subtitle), one bar per need (competence and phase: project or run), stacked by
        how its FTE are met: the in-house team, training, recruitment, contracting; the FTE
        needed at the bar's end in the option's colour. The title names the option with the
        largest gap.

    Raises
    ------
    ValueError
        When no option of the study has a skills block.
    """
    import altair as alt

    facts = facts_of(study)
    lang = i18n.check_lang(lang)
    shown, missing = options_with(facts, "skills")
    rows, ends, labels = [], [], []
    for o in shown:
        for need in o["skills"]["lines"]:
            key = len(labels)
            labels.append(_wrap(_need_label(need, lang)))
            at = {"option": o["name"], "need": key}
            for order, (route, field) in enumerate(ROUTES.items()):
                met = {"route": i18n.t(f"close.{route}", lang), "order": order, "fte": need[field]}
                rows.append({**at, **met})
            end = {"fte": need["fte"], "gap": need["gap_fte"], "text": _fte(need["fte"], lang)}
            ends.append({**at, **end})
    names = [o["name"] for o in shown]
    fte_title = label("skills.axis", lang, unit=i18n.t("unit.fte", lang))
    y = alt.Y(
        "need:O",
        title=None,
        axis=alt.Axis(labelExpr=f"{json.dumps(labels)}[datum.value]", labelLimit=LABEL_LIMIT),
    )
    route_colour = alt.Color(
        "route:N",
        title=label("skills.route", lang),
        scale=alt.Scale(
            domain=[i18n.t(f"close.{r}", lang) for r in ROUTES], range=list(ROUTE_COLOURS)
        ),
        legend=alt.Legend(orient="bottom", direction="horizontal"),
    )
    x = alt.X("fte:Q", title=fte_title, stack="zero", axis=alt.Axis(format=",.1~f"))
    stacked = (
        alt.Chart()
        .transform_filter("datum.route != null")
        .mark_bar(height={"band": 0.7})
        .encode(
            x=x,
            y=y,
            color=route_colour,
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("route:N", title=label("skills.route", lang)),
                alt.Tooltip("fte:Q", title=fte_title, format=",.2~f"),
            ],
        )
    )
    totals = (
        alt.Chart()
        .transform_filter("datum.route == null")
        .mark_text(align="left", dx=4, fontSize=11, fontWeight="bold")
        .encode(
            x=alt.X("fte:Q", title=fte_title),
            y=y,
            text="text:N",
            fill=alt.Fill("option:N", scale=option_scale(facts), legend=None),
            tooltip=[
                alt.Tooltip("fte:Q", title=label("skills.needed", lang), format=",.2~f"),
                alt.Tooltip("gap:Q", title=label("skills.gap", lang), format=",.2~f"),
            ],
        )
    )
    data = alt.Data(values=[*rows, *ends])
    chart = (
        alt.layer(stacked, totals, data=data)
        .properties(width=WIDTH - 140, height={"step": _step(labels)})
        .facet(
            row=alt.Row(
                "option:N",
                sort=names,
                title=None,
                header=alt.Header(
                    labelAngle=0,
                    labelAlign="left",
                    labelAnchor="start",
                    labelOrient="top",
                    labelFontSize=12,
                    labelFontWeight="bold",
                ),
            ),
            spacing=14,
        )
        .resolve_scale(y="independent")
    )
    title = _skills_title(shown, lang)
    subtitle = missing_subtitle("skills", missing, lang)
    return finish(chart, facts, lang, title=title, subtitle=subtitle)


# -- helpers ------------------------------------------------------------------------------------
def _parts(shown: list[dict]) -> list[str]:
    """The footprint parts some option emits in, in the facts' order (the total apart)."""
    order = [p for p in shown[0]["footprint"]["parts"] if p != "total"]
    return [p for p in order if any(o["footprint"]["parts"][p]["mean"] for o in shown)] or order


def _part_colour(parts: list[str], lang: str) -> Any:
    """The colour of each footprint part, the same in :func:`footprint` and
    :func:`footprint_lines`."""
    import altair as alt

    return alt.Color(
        "part:N",
        title=label("footprint.part", lang),
        scale=alt.Scale(
            domain=[i18n.t(f"part.{p}", lang) for p in parts],
            range=[PART_COLOURS.get(p, "#BBBBBB") for p in parts],
        ),
        legend=alt.Legend(orient="bottom", direction="horizontal", columns=3),
    )


def _step(labels: list[list[str]]) -> int:
    """The height of a row: room for its axis label's lines."""
    return 8 + 14 * max((len(lines) for lines in labels), default=1)


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, LABEL_CHARS) or [text]


def _footprint_option(facts: Mapping[str, Any], option: str | None) -> dict:
    options = facts["options"]
    if option is None:
        ranking = facts["appraisal"]["ranking"] if facts["appraisal"] else []
        order = [r["option"] for r in ranking] + [o["id"] for o in options]
        by_id = {o["id"]: o for o in options}
        for oid in order:
            if by_id[oid]["footprint"] is not None:
                return by_id[oid]
        options_with(facts, "footprint")  # raises: no footprint at all
    found = next((o for o in options if option in (o["id"], o["name"])), None)
    if found is None:
        ids = ", ".join(o["id"] for o in options)
        raise ValueError(f"no option {option!r} in the study; options: {ids}")
    if found["footprint"] is None:
        with_block = ", ".join(o["id"] for o in options if o["footprint"] is not None)
        raise ValueError(
            f"option {option!r} has no footprint block; options with one: {with_block or 'none'}"
        )
    return found


def _footprint_title(shown: list[dict], years: str, lang: str) -> str:
    def text(o: dict) -> str:
        return i18n.value(o["footprint"]["parts"]["total"]["mean"], "kgCO2e", lang)

    if len(shown) == 1:
        o = shown[0]
        largest = o["footprint"]["largest_part"]
        if largest is None or not largest["mean"]:
            return label("footprint.title.zero", lang, option=o["name"])
        return label(
            "footprint.title.single",
            lang,
            option=o["name"],
            total=text(o),
            years=years,
            part=i18n.t(f"part.{largest['part']}", lang),
            share=i18n.percent(largest["share"], lang),
        )
    leaders = extreme_options(shown, text, lambda o: o["footprint"]["parts"]["total"]["mean"], min)
    if len(leaders) > 1:
        names = i18n.listing([o["name"] for o in leaders], lang)
        return label(
            "footprint.title.tied", lang, options=names, total=text(leaders[0]), years=years
        )
    o = leaders[0]
    total = o["footprint"]["parts"]["total"]
    others = [x for x in shown if x is not o]
    runner = min(others, key=lambda x: x["footprint"]["parts"]["total"]["mean"])
    if runner["footprint"]["parts"]["total"]["mean"] <= total["p90"]:
        # the runner-up's mean is within the leader's P10-P90 range: say so
        return label(
            "footprint.title.close",
            lang,
            option=o["name"],
            total=text(o),
            years=years,
            runner_up=runner["name"],
            runner_total=text(runner),
        )
    return label("footprint.title", lang, option=o["name"], total=text(o), years=years)


def _eco_title(shown: list[dict], lang: str) -> str:
    def text(o: dict) -> str:
        return i18n.number(o["eco_design"]["score"], lang)

    if len(shown) == 1:
        return label("eco_design.title.single", lang, option=shown[0]["name"], score=text(shown[0]))
    leaders = extreme_options(shown, text, lambda o: o["eco_design"]["score"] or 0.0, max)
    if len(leaders) > 1:
        names = i18n.listing([o["name"] for o in leaders], lang)
        return label("eco_design.title.tied", lang, options=names, score=text(leaders[0]))
    o = leaders[0]
    return label("eco_design.title", lang, option=o["name"], score=text(o))


def _skills_title(shown: list[dict], lang: str) -> str:
    def text(o: dict) -> str:
        return _fte(o["skills"]["totals"]["gap_fte"], lang)

    leaders = extreme_options(shown, text, lambda o: o["skills"]["totals"]["gap_fte"], max)
    o = leaders[0]
    if not o["skills"]["totals"]["gap_fte"]:
        if len(shown) == 1:
            return label("skills.title.covered_single", lang, option=o["name"])
        return label("skills.title.covered", lang)
    if len(shown) == 1:
        return label("skills.title.single", lang, option=o["name"], gap=text(o))
    if len(leaders) > 1:
        names = i18n.listing([o["name"] for o in leaders], lang)
        return label("skills.title.tied", lang, options=names, gap=text(o))
    return label("skills.title", lang, option=o["name"], gap=text(o))


def _need_label(need: Mapping[str, Any], lang: str) -> str:
    phase = label(f"skills.phase.{need.get('phase') or 'build'}", lang)
    if need.get("name"):
        return label(
            "skills.need", lang, competence=need["competence"], name=need["name"], phase=phase
        )
    return label("skills.need.code", lang, competence=need["competence"], phase=phase)


def _fte(x: float, lang: str) -> str:
    """FTE with a decimal only when there is one: ``13 ETP``, ``1,5 ETP``."""
    digits = 0 if float(x).is_integer() else (1 if round(x, 1) == round(x, 2) else 2)
    return i18n.quantity(x, i18n.t("unit.fte", lang), lang, digits=digits)
