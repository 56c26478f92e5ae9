"""Decision charts: the ranking with each criterion's points, SMAA rank acceptability, weight
stability intervals and the options' profile on the normalised criteria.

They read the study's ``appraisal`` and ``robustness`` facts (see docs/study.md) and reshape
them; a study without criteria, SMAA or stability intervals gets a ValueError naming what is
missing.
"""

from __future__ import annotations

import textwrap
from typing import Any

import decisionkit.i18n as i18n
from decisionkit.charts._base import LINES, WIDTH, facts_of, finish, label, option_scale

__all__ = ["CRITERION_PALETTE", "profile", "ranking", "smaa", "weight_stability"]

CRITERION_PALETTE = (
    "#77AADD",  # light blue    (Tol's light scheme, colour-blind safe; none of the options')
    "#EE8866",  # orange
    "#EEDD88",  # light yellow
    "#FFAABB",  # pink
    "#99DDFF",  # light cyan
    "#BBCC33",  # pear
    "#DDDDDD",  # pale grey
    "#AAAA00",  # olive
)
"""One colour per criterion in the ranking's stacks, in case order (repeated past eight)."""

TIPPING = "#CC3311"  # the tipping criterion's bar (the others: OTHER)
OTHER = "#9DB4CC"
INK = "#1A1A1A"


def _appraisal(facts: dict[str, Any], chart: str) -> dict[str, Any]:
    if facts["appraisal"] is None:
        raise ValueError(
            f"the {chart} chart needs the study's criteria, but the case has none "
            "(appraisal is null): add criteria to the case"
        )
    return facts["appraisal"]


def _names(facts: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """Display names of the options and of the criteria, by id."""
    options = {o["id"]: o["name"] for o in facts["options"]}
    criteria = {c["id"]: c["name"] for c in facts["appraisal"]["criteria"]}
    return options, criteria


def _wrapped(name: str, width: int) -> str:
    """A long name on several lines (axis labels split it on ``\\n``)."""
    return "\n".join(textwrap.wrap(name, width, break_on_hyphens=False)) or name


def _digits(a: float, b: float, lang: str) -> int:
    """Just enough decimals (2 to 4) to tell two scores apart."""
    for digits in (2, 3):
        if i18n.number(a, lang, digits=digits) != i18n.number(b, lang, digits=digits):
            return digits
    return 4


def ranking(study: Any, *, lang: str = "en") -> Any:
    """The options in rank order, each bar stacked by the points of each criterion.

    Parameters
    ----------
    study
        A :class:`~decisionkit.Study`, or the facts of a saved one.
    lang
        ``"fr"`` or ``"en"``: titles, labels and number formats.

    Returns
    -------
    altair.LayerChart
        One horizontal bar per option (names on the axis, first-ranked on top), stacked by
        criterion (weight x normalised value, in a criterion palette distinct from the option
        colours); at the end of each bar the method's score and, with SMAA, the probability
        of ranking first. The title names the leader and its margin, or says that the first
        two are effectively tied.

    Raises
    ------
    ValueError
        When the study has no criteria (``appraisal`` is null).
    """
    import altair as alt

    facts = facts_of(study)
    lang = i18n.check_lang(lang)
    ap = _appraisal(facts, "ranking")
    options, criteria = _names(facts)
    method = i18n.t(f"method.{ap['method']}", lang)
    rob = facts["robustness"] or {}
    acceptability = (rob.get("smaa") or {}).get("rank_acceptability")
    order = [r["option"] for r in ap["ranking"]]
    scores = {r["option"]: r["score"] for r in ap["ranking"]}
    leader = rob.get("leader") or {"option": order[0], "runner_up": None, "tied": False}
    first, second = leader["option"], leader["runner_up"]
    digits = _digits(scores[first], scores[second], lang) if second else 2
    crit_names = [criteria[c["id"]] for c in ap["criteria"]]
    index = {c["id"]: i for i, c in enumerate(ap["criteria"])}
    currency = facts["case"]["currency"]
    rows = [
        {
            "option": options[r["option"]],
            "criterion": criteria[r["criterion"]],
            "order": index[r["criterion"]],
            "points": r["points"],
            "weight": r["weight"],
            "normalised": r["normalised"],
            "value": i18n.value(r["value"], r["unit"], lang, currency=currency),
        }
        for r in ap["contributions"]
    ]
    notes = []
    for r in ap["ranking"]:
        text = i18n.number(r["score"], lang, digits=digits)
        if acceptability:
            p = i18n.percent(acceptability[r["option"]][0], lang)
            note = label("ranking.note.smaa", lang, score=text, p_first=p)
        else:
            note = label("ranking.note", lang, score=text)
        notes.append({"option": options[r["option"]], "rank": r["rank"], "note": note})
    names = [options[o] for o in order]
    y = alt.Y(
        "option:N",
        sort=names,
        title=None,
        axis=alt.Axis(labelExpr=LINES, labelLimit=300),
        scale=alt.Scale(paddingInner=0.3),
    )
    colour = alt.Color(
        "criterion:N",
        scale=alt.Scale(
            domain=crit_names,
            range=[CRITERION_PALETTE[i % len(CRITERION_PALETTE)] for i in range(len(crit_names))],
        ),
        legend=alt.Legend(
            title=label("ranking.criterion", lang), columns=2, symbolType="square", labelLimit=360
        ),
    )
    x_title = label("ranking.points", lang)
    bars = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(stroke="white", strokeWidth=1)
        .encode(
            x=alt.X("sum(points):Q", title=x_title, axis=alt.Axis(format=".2f")),
            y=y,
            color=colour,
            order=alt.Order("order:Q", sort="ascending"),
            tooltip=[
                alt.Tooltip("option:N", title=label("option", lang)),
                alt.Tooltip("criterion:N", title=label("ranking.criterion", lang)),
                alt.Tooltip("value:N", title=label("ranking.value", lang)),
                alt.Tooltip("weight:Q", title=label("ranking.weight", lang), format=".1%"),
                alt.Tooltip("normalised:Q", title=label("ranking.normalised", lang), format=".2f"),
                alt.Tooltip("points:Q", title=x_title, format=".3f"),
            ],
        )
    )
    ends = (
        alt.Chart(alt.Data(values=rows))
        .transform_aggregate(total="sum(points)", groupby=["option"])
        .transform_lookup(
            lookup="option",
            from_=alt.LookupData(alt.Data(values=notes), "option", ["note", "rank"]),
        )
        .mark_text(align="left", dx=6, fontSize=11, color=INK)
        .encode(
            x=alt.X("total:Q"),
            y=y,
            text="note:N",
            tooltip=[
                alt.Tooltip("option:N", title=label("option", lang)),
                alt.Tooltip("rank:O", title=label("ranking.rank", lang)),
                alt.Tooltip("note:N", title=method),
            ],
        )
    )
    if second is None:
        title = label("ranking.title.alone", lang, option=options[first], method=method)
    else:
        key = "ranking.title.tied" if leader["tied"] else "ranking.title"
        title = label(
            key,
            lang,
            option=options[first],
            runner_up=options[second],
            method=method,
            score=i18n.number(scores[first], lang, digits=digits),
            runner_score=i18n.number(scores[second], lang, digits=digits),
        )
    sub = "ranking.subtitle.smaa" if acceptability else "ranking.subtitle"
    height = max(90, 56 * len(names))
    chart = alt.layer(bars, ends).properties(width=WIDTH - 120, height=height)
    return finish(chart, facts, lang, title=title, subtitle=label(sub, lang, method=method))


def _robustness(facts: dict[str, Any], part: str, chart: str) -> dict[str, Any]:
    _appraisal(facts, chart)
    found = (facts["robustness"] or {}).get(part)
    if not found:
        why = {
            "smaa": "no SMAA (smaa_draws=0, or a single option)",
            "stability": "no weight stability intervals (a single option, or a method without "
            "them: weighted_product, vikor)",
        }[part]
        raise ValueError(f"the {chart} chart needs robustness.{part}, but the study has {why}")
    return found


def smaa(study: Any, *, lang: str = "en") -> Any:
    """The SMAA rank acceptability: the share of draws in which each option holds each rank.

    Parameters
    ----------
    study
        A :class:`~decisionkit.Study`, or the facts of a saved one.
    lang
        ``"fr"`` or ``"en"``: titles, labels and number formats.

    Returns
    -------
    altair.LayerChart
        A heatmap, options (in rank order) by rank, the percentage written in each cell in a
        colour readable on dark and light cells. The title names the option most often first
        and the next one.

    Raises
    ------
    ValueError
        When the study has no criteria or no SMAA (``robustness.smaa`` is null).
    """
    import altair as alt

    facts = facts_of(study)
    lang = i18n.check_lang(lang)
    found = _robustness(facts, "smaa", "SMAA")
    options, _ = _names(facts)
    order = [r["option"] for r in facts["appraisal"]["ranking"]]
    acceptability = found["rank_acceptability"]
    rows = [
        {"option": options[o], "rank": k + 1, "share": share}
        for o in order
        for k, share in enumerate(acceptability[o])
    ]
    ranks = len(acceptability[order[0]])
    y = alt.Y("option:N", sort=[options[o] for o in order], title=None)
    y = y.axis(labelExpr=LINES, labelLimit=300, grid=False, ticks=False, domain=False)
    x = alt.X(
        "rank:O",
        title=label("smaa.rank", lang),
        axis=alt.Axis(labelAngle=0, orient="top", grid=False, ticks=False, domain=False),
    )
    share_title = label("smaa.share", lang)
    tips = [
        alt.Tooltip("option:N", title=label("option", lang)),
        alt.Tooltip("rank:O", title=label("smaa.rank", lang)),
        alt.Tooltip("share:Q", title=share_title, format=".1%"),
    ]
    base = alt.Chart(alt.Data(values=rows)).encode(x=x, y=y, tooltip=tips)
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("share:Q", scale=alt.Scale(scheme="blues", domain=[0, 1]), legend=None)
    )
    text = base.mark_text(fontSize=13).encode(
        text=alt.Text("share:Q", format=".0%"),
        color=alt.condition("datum.share > 0.5", alt.value("white"), alt.value(INK)),
    )
    by_first = sorted(order, key=lambda o: -acceptability[o][0])
    top, other = by_first[0], by_first[1 % len(by_first)]
    title = label(
        "smaa.title",
        lang,
        option=options[top],
        share=i18n.percent(acceptability[top][0], lang),
        other=options[other],
        other_share=i18n.percent(acceptability[other][0], lang),
    )
    subtitle = label("smaa.subtitle", lang, draws=i18n.number(found["draws"], lang))
    chart = alt.layer(cells, text).properties(
        width=min(WIDTH - 160, 90 * ranks), height=46 * len(order)
    )
    return finish(chart, facts, lang, title=title, subtitle=subtitle)


def weight_stability(study: Any, *, lang: str = "en") -> Any:
    """Each criterion's range of weights that keeps the first-ranked option first.

    Parameters
    ----------
    study
        A :class:`~decisionkit.Study`, or the facts of a saved one.
    lang
        ``"fr"`` or ``"en"``: titles, labels and number formats.

    Returns
    -------
    altair.LayerChart
        One bar per criterion (names on the axis) from the lowest to the highest weight (in
        percent, the other weights keeping their proportions) that keeps the winner first,
        today's weight as a diamond, the tipping criterion (the smallest single change that
        dethrones the winner) in its own colour. The title states that change.

    Raises
    ------
    ValueError
        When the study has no criteria or no stability intervals (``robustness.stability``
        is null).
    """
    import altair as alt

    from decisionkit.studies.sentences import weight_pair

    facts = facts_of(study)
    lang = i18n.check_lang(lang)
    found = _robustness(facts, "stability", "weight stability")
    options, criteria = _names(facts)
    tipping = found["tipping"]
    kinds = [label("weight_stability.tipping", lang), label("weight_stability.others", lang)]
    rows = [
        {
            "criterion": criteria[x["criterion"]],
            "label": _wrapped(criteria[x["criterion"]], 40),
            "weight": x["weight"],
            "low": x["low"],
            "high": x["high"],
            "kind": kinds[0] if tipping and tipping["criterion"] == x["criterion"] else kinds[1],
        }
        for x in found["intervals"]
    ]
    x_title = label("weight_stability.weight", lang)
    y = alt.Y(
        "label:N",
        sort=[r["label"] for r in rows],
        title=None,
        axis=alt.Axis(labelExpr=LINES, labelLimit=300),
    )
    x = alt.X("low:Q", title=x_title, scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%"))
    tips = [
        alt.Tooltip("criterion:N", title=label("weight_stability.criterion", lang)),
        alt.Tooltip("weight:Q", title=label("weight_stability.current", lang), format=".2%"),
        alt.Tooltip("low:Q", title=label("weight_stability.low", lang), format=".2%"),
        alt.Tooltip("high:Q", title=label("weight_stability.high", lang), format=".2%"),
    ]
    base = alt.Chart(alt.Data(values=rows)).encode(y=y, tooltip=tips)
    track = (
        base.mark_rule(color="#E4E4E4", strokeWidth=10)
        .encode(x=alt.X("zero:Q", scale=alt.Scale(domain=[0, 1])), x2=alt.X2("one:Q"))
        .transform_calculate(zero="0", one="1")
    )
    present = [k for k in kinds if any(r["kind"] == k for r in rows)]
    bars = base.mark_bar(height=14, cornerRadius=2).encode(
        x=x,
        x2="high:Q",
        color=alt.Color(
            "kind:N",
            scale=alt.Scale(domain=kinds, range=[TIPPING, OTHER]),
            legend=alt.Legend(title=None, values=present, symbolType="square"),
        ),
    )
    today = base.mark_point(shape="diamond", size=110, filled=True, color=INK).encode(
        x=alt.X("weight:Q")
    )
    winner = options[found["winner"]]
    if tipping:
        old, new = weight_pair(tipping["from"], tipping["to"], lang)
        title = label(
            "weight_stability.title",
            lang,
            option=winner,
            criterion=criteria[tipping["criterion"]],
            old=old,
            new=new,
        )
    else:
        title = label("weight_stability.title.none", lang, option=winner)
    subtitle = label("weight_stability.subtitle", lang, option=winner)
    height = max(60, 34 * len(rows) + 8 * sum(r["label"].count("\n") for r in rows))
    chart = alt.layer(track, bars, today).properties(width=WIDTH - 140, height=height)
    return finish(chart, facts, lang, title=title, subtitle=subtitle)


def profile(study: Any, *, lang: str = "en") -> Any:
    """The options' profile: parallel coordinates of the normalised criteria.

    Parameters
    ----------
    study
        A :class:`~decisionkit.Study`, or the facts of a saved one.
    lang
        ``"fr"`` or ``"en"``: titles, labels and number formats.

    Returns
    -------
    altair.LayerChart
        One line per option in the option colours across the criteria (names wrapped on the
        axis, in case order), each criterion's value normalised from 0 (the worst option) to 1
        (the best). The title says which option is dominated, or that none is.

    Raises
    ------
    ValueError
        When the study has no criteria (``appraisal`` is null).
    """
    import altair as alt

    facts = facts_of(study)
    lang = i18n.check_lang(lang)
    ap = _appraisal(facts, "profile")
    options, criteria = _names(facts)
    width = max(14, min(24, (WIDTH - 40) // max(1, len(ap["criteria"])) // 6))
    wrapped = {c["id"]: _wrapped(c["name"], width) for c in ap["criteria"]}
    currency = facts["case"]["currency"]
    rows = [
        {
            "option": options[r["option"]],
            "criterion": criteria[r["criterion"]],
            "label": wrapped[r["criterion"]],
            "normalised": r["normalised"],
            "weight": r["weight"],
            "value": i18n.value(r["value"], r["unit"], lang, currency=currency),
        }
        for r in ap["contributions"]
    ]
    x = alt.X(
        "label:N",
        sort=[wrapped[c["id"]] for c in ap["criteria"]],
        title=None,
        scale=alt.Scale(padding=0.3),
        axis=alt.Axis(labelExpr=LINES, labelAngle=0, labelLimit=200, orient="bottom"),
    )
    y = alt.Y(
        "normalised:Q",
        title=label("profile.normalised", lang),
        scale=alt.Scale(domain=[0, 1]),
        axis=alt.Axis(format=".1f", values=[0, 0.2, 0.4, 0.6, 0.8, 1]),
    )
    colour = alt.Color("option:N", scale=option_scale(facts), title=label("option", lang))
    tips = [
        alt.Tooltip("option:N", title=label("option", lang)),
        alt.Tooltip("criterion:N", title=label("profile.criterion", lang)),
        alt.Tooltip("value:N", title=label("profile.value", lang)),
        alt.Tooltip("normalised:Q", title=label("profile.normalised", lang), format=".2f"),
        alt.Tooltip("weight:Q", title=label("profile.weight", lang), format=".1%"),
    ]
    base = alt.Chart(alt.Data(values=rows)).encode(x=x, y=y, color=colour, tooltip=tips)
    lines = base.mark_line(strokeWidth=2.2, opacity=0.85)
    points = base.mark_point(filled=True, size=60)
    dominated = {o: by for o, by in ap["dominated"].items() if by}
    if len(options) == 1:
        title = label("profile.title.alone", lang, option=next(iter(options.values())))
    elif dominated:
        o, by = next(iter(dominated.items()))
        by_names = i18n.listing([options[b] for b in by], lang)
        title = label("profile.title.dominated", lang, option=options[o], by=by_names)
    else:
        title = label("profile.title.none", lang)
    chart = alt.layer(lines, points).properties(width=WIDTH, height=300)
    return finish(chart, facts, lang, title=title, subtitle=label("profile.subtitle", lang))
