"""``decisionkit score CASE``: rank the options on the case's criteria, and how robust it is.

Printed from the study's facts (``appraisal``, ``robustness``) and sentences (headline,
explanations, stability); ``--json`` prints the appraisal's documented JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from decisionkit.cli._options import (
    Command,
    Option,
    json_option,
    lang_option,
    run_options,
    skills_gates_option,
    smaa_option,
)

__all__ = ["score"]

METHODS = ("weighted_sum", "weighted_product", "topsis", "vikor", "promethee_ii")


@click.command(cls=Command, help_key="cli.help.score")
@click.argument("case_file", type=click.Path(path_type=Path))
@click.option(
    "--method",
    "-m",
    type=click.Choice(METHODS),
    default=None,
    cls=Option,
    help_key="cli.help.method",
)
@run_options("cli.help.iterations_score")
@skills_gates_option
@smaa_option
@json_option
@lang_option
def score(case_file: Path, method: str | None, as_json: bool, lang: str, **settings: Any) -> None:
    """Rank CASE_FILE's options on its criteria, and show how robust the ranking is."""
    from decisionkit._version import __version__
    from decisionkit.cli._common import console, dump_json, fail, note, run_study, warn
    from decisionkit.i18n import listing, t

    st, caught = run_study(case_file, lang, contributions=False, **settings)
    if st.appraisal is None:
        fail(lang, "cli.score.no_criteria", file=str(case_file))
    if method is not None and method != st.appraisal.method:
        st = st.what_if({"method": method})  # re-scores the same simulation
    for message in caught:
        warn(lang, message)
    ap = st.appraisal
    if as_json:
        click.echo(dump_json(_json(st, case_file, settings["iterations"], __version__)))
        return
    placeholders = _placeholders(st.case)
    if placeholders:
        note(lang, t("cli.score.placeholders", lang, criteria=listing(placeholders, lang)))
    if len(ap.options) == 1:
        note(lang, t("cli.score.one_option", lang, file=str(case_file)))
    print_score(console(), st, lang)


def _placeholders(case: Any) -> list[str]:
    """Criteria still on the template's weight (1): a weight changed since is the user's."""
    from decisionkit.case.templates import PLACEHOLDER

    return [c.id for c in case.criteria if c.notes.startswith(PLACEHOLDER) and c.weight == 1]


def _json(st: Any, case_file: Path, iterations: int, version: str) -> dict[str, Any]:
    """The documented JSON of ``score``: the appraisal, its SMAA and stability intervals."""
    ap, smaa, stability = st.appraisal, st.smaa, st.stability
    data = ap.to_dict() | {
        "decisionkit": version,
        "source": str(case_file),
        "input_sha256": st.sha256,
        "seed": ap.seed,
        "iterations": iterations,
    }
    if smaa is not None:
        data["smaa"] = {
            "draws": smaa.draws,
            "rank_acceptability": {
                o: smaa.rank_acceptability[i].tolist() for i, o in enumerate(ap.options)
            },
            "pairwise": {
                o: dict(zip(ap.options, smaa.pairwise[i].tolist(), strict=True))
                for i, o in enumerate(ap.options)
            },
        }
    if stability is not None:
        data["weight_stability"] = {
            c: list(map(float, stability.intervals[j])) for j, c in enumerate(ap.criteria)
        }
    return data


def print_ranking(out: Any, facts: dict[str, Any], lang: str) -> None:
    """The ranking table: rank, option, score and P(first) when SMAA was run."""
    from decisionkit.cli._print import Column, option_column, print_table
    from decisionkit.i18n import number, percent, t

    ap, rob = facts["appraisal"], facts["robustness"]
    smaa = rob["smaa"] if rob else None
    columns = [
        Column(t("cli.col.rank", lang)),
        option_column(lang),
        Column(t("cli.col.score", lang)),
    ]
    if smaa:
        columns.append(Column(t("cli.col.p_first", lang)))
    rows = []
    for r in ap["ranking"]:
        row = [number(r["rank"], lang), r["name"], number(r["score"], lang, digits=4)]
        if smaa:
            row.append(percent(smaa["rank_acceptability"][r["option"]][0], lang))
        rows.append(row)
    print_table(out, columns, rows)


def print_score(out: Any, st: Any, lang: str) -> None:
    """The ranking, the criteria's values, the explanations and the robustness of a study."""
    from decisionkit.cli._common import paragraph
    from decisionkit.cli._print import Column, print_table, section, title
    from decisionkit.i18n import listing, number, percent, t, value

    facts = st.to_dict()
    said = st.sentences(lang)
    ap, rob = facts["appraisal"], facts["robustness"]
    cur = facts["case"]["currency"]
    names = {o["id"]: o["name"] for o in facts["options"]}
    title(out, "cli.score.title", facts, lang, method=t(f"method.{ap['method']}", lang))
    if said.get("headline"):
        paragraph(out, said["headline"])
    out.print()
    print_ranking(out, facts, lang)
    order = [r["option"] for r in ap["ranking"]]
    values = {m["option"]: m["values"] for m in ap["matrix"]}
    section(out, t("cli.score.values", lang))
    columns = [
        Column(t("cli.col.criterion", lang), justify="left", wrap=True),
        Column(t("cli.col.weight", lang)),
        Column(t("cli.col.better", lang), drop=1),
    ]
    # the options in ranking order; past the third, the last ones go first when narrow
    columns += [
        Column(names[o], wrap=True, drop=0 if i < 3 else 100 - i) for i, o in enumerate(order)
    ]
    rows = [
        [
            c["name"],
            percent(c["weight"], lang),
            t(f"cli.score.direction.{c['direction']}", lang),
            *(value(values[o][c["id"]], c["unit"], lang, currency=cur) for o in order),
        ]
        for c in ap["criteria"]
    ]
    kept = print_table(out, columns, rows)
    hidden = [names[o] for i, o in enumerate(order) if i + 3 not in kept]
    if hidden:
        paragraph(out, t("cli.score.hidden", lang, options=listing(hidden, lang)), style="dim")
    settings = _method_options(ap, lang, cur)
    if settings:
        paragraph(out, t("cli.score.method_options", lang))
        for text in settings:
            paragraph(out, text, indent=2)
    out.print()
    for o in order:
        paragraph(out, said["explanations"][o])
    for loser, winners in ap["dominated"].items():
        paragraph(
            out,
            t(
                "cli.score.dominated",
                lang,
                option=names[loser],
                others=listing([names[w] for w in winners], lang),
            ),
            style="yellow",
        )
    for part in ("stability", "tipping", "swap"):
        if said.get(part):
            paragraph(out, said[part])
    if rob and rob["smaa"]:
        draws = number(rob["smaa"]["draws"], lang)
        paragraph(out, t("cli.score.note.smaa", lang, draws=draws), style="dim")


def _method_options(ap: dict[str, Any], lang: str, currency: str) -> list[str]:
    """The method's settings in words: normalisation, VIKOR's v, PROMETHEE's preferences."""
    from decisionkit.i18n import listing, number, t, value

    o = ap["method_options"] or {}
    out = []
    if o.get("normalization"):
        out.append(t("cli.score.normalization", lang, name=str(o["normalization"])))
    if o.get("v") is not None:
        out.append(t("cli.score.vikor_v", lang, v=number(o["v"], lang, digits=2)))
    if "preference" in o:
        for j, c in enumerate(ap["criteria"]):
            f = o["preference"][j]
            if f == "usual":
                continue
            thresholds = [
                t(
                    "cli.score.threshold",
                    lang,
                    name=k,
                    value=value(o[k][j], c["unit"], lang, currency=currency),
                )
                for k in ("q", "p", "s")
                if o.get(k) is not None and o[k][j] is not None
            ]
            out.append(
                t(
                    "cli.score.preference",
                    lang,
                    criterion=c["name"],
                    function=t("cli.preference." + f.replace("-", "_"), lang),
                    thresholds=listing(thresholds, lang),
                )
            )
    return out
