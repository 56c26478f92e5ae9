"""``decisionkit assess CASE``: footprint, RGESN eco-design maturity and skills gaps.

Printed from the study's facts (``footprint``, ``eco_design`` and ``skills`` of each option);
``--json`` prints the assessment's documented JSON (schema ``decisionkit.assessment/1``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from decisionkit.cli._options import (
    Command,
    json_option,
    lang_option,
    run_options,
    skills_gates_option,
)

__all__ = ["assess"]

SCHEMA = "decisionkit.assessment/1"


@click.command(cls=Command, help_key="cli.help.assess")
@click.argument("case_file", type=click.Path(path_type=Path))
@run_options("cli.help.iterations_assess")
@skills_gates_option
@json_option
@lang_option
def assess(case_file: Path, as_json: bool, lang: str, **settings: Any) -> None:
    """Environmental footprint, RGESN eco-design maturity and skills gaps of CASE_FILE's options."""
    from decisionkit._version import __version__
    from decisionkit.cli._common import console, dump_json, run_study, warn

    st, caught = run_study(case_file, lang, smaa_draws=0, contributions=False, **settings)
    for message in caught:
        warn(lang, message)
    if as_json:
        data = {
            "schema": SCHEMA,
            "decisionkit": __version__,
            "source": str(case_file),
            "input_sha256": st.sha256,
            "seed": st.settings.seed,
            "iterations": settings["iterations"],
            "options": st.assessment.to_dict(),
        }
        click.echo(dump_json(data))
        return
    print_assessment(console(), st, lang)


def print_assessment(out: Any, st: Any, lang: str) -> None:
    """The footprint, eco-design and skills tables of a study, and their details."""
    from decisionkit.cli._common import paragraph
    from decisionkit.cli._print import title
    from decisionkit.i18n import t

    facts = st.to_dict()
    title(out, "cli.assess.title", facts, lang)
    options = facts["options"]
    shown = False
    if any(o["footprint"] for o in options):
        _footprint(out, facts, lang)
        shown = True
    if any(o["eco_design"] for o in options):
        _eco_design(out, options, lang)
        shown = True
    if any(o["skills"] for o in options):
        _skills(out, st, options, facts["case"]["currency"], lang)
        shown = True
    if not shown:
        paragraph(out, t("cli.assess.none", lang))


def _footprint(out: Any, facts: dict[str, Any], lang: str) -> None:
    from decisionkit.cli._common import paragraph
    from decisionkit.cli._print import (
        Column,
        money,
        option_column,
        print_table,
        section,
        years,
    )
    from decisionkit.i18n import keys, listing, number, percent, plural, quantity, t

    case = facts["case"]
    cur = case["currency"]
    feet = [(o, o["footprint"]) for o in facts["options"] if o["footprint"]]
    section(out, t("cli.assess.footprint", lang, years=years(case["horizon_years"], lang)))
    priced = any(f["carbon_cost"] for _, f in feet)
    columns = [
        option_column(lang),
        Column("P10", drop=1),
        Column("P50"),
        Column("P80"),
        Column("P90", drop=1),
        Column(t("cli.assess.col.largest", lang), justify="left", wrap=True),
    ]
    if priced:
        columns.append(Column(t("cli.assess.col.carbon_cost", lang), drop=2))
    rows = []
    for o, f in feet:
        total = f["parts"]["total"]
        part = f.get("largest_part")
        largest = (
            t(
                "cli.assess.part_share",
                lang,
                part=t(f"part.{part['part']}", lang),
                share=percent(part["share"], lang),
            )
            if part
            else "—"
        )
        row = [
            o["name"],
            *(number(total[p] / 1000, lang, digits=1) for p in ("p10", "p50", "p80", "p90")),
            largest,
        ]
        if priced:
            cost = f["carbon_cost"]
            row.append(money(cost["mean"], cur, lang) if cost else "—")
        rows.append(row)
    print_table(out, columns, rows)
    tco2e = t("unit.tco2e", lang)
    for o, f in feet:
        lines = [
            t(
                "cli.assess.line",
                lang,
                line=x["line"],
                part=t(f"part.{x['part']}", lang).lower(),
                value=quantity(x["kgco2e"] / 1000, tco2e, lang, digits=1),
            )
            for x in f["lines"][:3]
        ]
        if lines:
            paragraph(
                out,
                t("cli.assess.lines", lang, option=o["name"], lines=listing(lines, lang)),
                indent=2,
            )
        missing = [k for k, v in (f.get("impacts") or {}).items() if v is None]
        if missing:
            names = [
                t(f"cli.impact.{k}", lang) if f"cli.impact.{k}" in keys(lang) else k
                for k in missing
            ]
            paragraph(
                out,
                plural(
                    "cli.assess.missing",
                    lang,
                    len(names),
                    option=o["name"],
                    impacts=listing(names, lang),
                ),
                indent=2,
                style="dim",
            )
    if priced:
        paragraph(out, t("cli.assess.carbon_cost_note", lang), style="dim")


def _eco_design(out: Any, options: list[dict[str, Any]], lang: str) -> None:
    from decisionkit.cli._common import paragraph
    from decisionkit.cli._print import Column, option_column, print_table, section
    from decisionkit.i18n import listing, number, percent, t

    designs = [(o, o["eco_design"]) for o in options if o["eco_design"]]
    section(out, t("cli.assess.eco_design", lang))
    print_table(
        out,
        [
            option_column(lang),
            Column(t("cli.assess.col.score", lang)),
            Column(t("cli.assess.col.coverage", lang)),
            Column(t("cli.assess.col.missing_priority", lang)),
        ],
        [
            [
                o["name"],
                number(e["score"], lang),
                percent(e["coverage"], lang),
                number(len(e["missing_priority"]), lang),
            ]
            for o, e in designs
        ],
    )
    for o, e in designs:
        if e["missing_priority"]:
            ids = listing(e["missing_priority"], lang)
            paragraph(
                out, t("cli.assess.missing_priority", lang, option=o["name"], ids=ids), indent=2
            )


def _skills(out: Any, st: Any, options: list[dict[str, Any]], cur: str, lang: str) -> None:
    from decisionkit.cli._common import paragraph
    from decisionkit.cli._print import (
        Column,
        money,
        option_column,
        print_table,
        section,
    )
    from decisionkit.i18n import listing, number, percent, t

    gaps = [(o, o["skills"]) for o in options if o["skills"]]
    section(out, t("cli.assess.skills", lang))
    print_table(
        out,
        [
            option_column(lang),
            Column(t("cli.assess.col.fte", lang)),
            Column(t("cli.assess.col.gap_fte", lang)),
            Column(t("cli.assess.col.training_days", lang), drop=1),
            Column(t("cli.assess.col.extra_cost", lang)),
            Column(t("cli.assess.col.dependency", lang), drop=2),
        ],
        [
            [
                o["name"],
                number(s["totals"]["fte"], lang, digits=1),
                number(s["totals"]["gap_fte"], lang, digits=1),
                number(s["totals"]["training_days"], lang),
                money(s["totals"]["extra_cost"], cur, lang),
                percent(s["totals"]["dependency"], lang),
            ]
            for o, s in gaps
        ],
    )
    for o, s in gaps:
        option = st.case.option(o["id"])
        named = {x.id: x.name or x.id for x in option.tasks}
        competences = {x["competence"]: x.get("name") for x in s["lines"]}
        for gate in s["gates"]:
            code = gate["competence"]
            title = competences.get(code)
            competence = t("cli.assess.competence", lang, code=code, name=title) if title else code
            paragraph(
                out,
                t(
                    "cli.assess.gate",
                    lang,
                    option=o["name"],
                    route=t(f"close.{gate['kind']}", lang),
                    competence=competence,
                    tasks=listing([named.get(x, x) for x in gate["tasks"]], lang),
                    gate=gate["task"],
                ),
                indent=2,
            )
    if any(s["gates"] for _, s in gaps):
        paragraph(out, t("cli.assess.gates_note", lang), style="dim")
