"""``decisionkit simulate CASE``: Monte Carlo cost and schedule risk of each option.

It prints the study's facts (``dk.study``: outputs, targets, drivers, risk contributions,
outside view). Runs the study cannot make (``--option``, ``--precision``) print the engine's
own documented result (``CaseSimulation.to_dict()``, schema ``decisionkit.simulation/1``),
read the same way (:mod:`._risk`). Nothing is computed here.
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
    mitigated_option,
    output_option,
    run_options,
    skills_gates_option,
)

__all__ = ["simulate"]


@click.command(cls=Command, help_key="cli.help.simulate")
@click.argument("case_file", type=click.Path(path_type=Path))
@run_options()
@click.option("--option", "-o", "options", multiple=True, cls=Option, help_key="cli.help.option")
@click.option(
    "--sampling",
    type=click.Choice(["random", "lhs"]),
    default="random",
    show_default=True,
    cls=Option,
    help_key="cli.help.sampling",
)
@mitigated_option
@click.option(
    "--precision",
    type=click.FloatRange(min=0, min_open=True, max=1, max_open=True),
    default=None,
    cls=Option,
    help_key="cli.help.precision",
)
@click.option("--contributions", is_flag=True, cls=Option, help_key="cli.help.contributions")
@json_option
@skills_gates_option
@output_option("cli.help.output_json")
@lang_option
def simulate(
    case_file: Path,
    options: tuple[str, ...],
    precision: float | None,
    contributions: bool,
    as_json: bool,
    output: Path | None,
    lang: str,
    **settings: Any,
) -> None:
    """Monte Carlo cost and schedule risk of CASE_FILE's options."""
    from decisionkit._version import __version__
    from decisionkit.case.writers import atomic_write
    from decisionkit.cli._common import console, dump_json, paragraph, warn
    from decisionkit.i18n import t

    if options or precision is not None:
        from decisionkit.cli._risk import from_simulation

        sim, case, digest, caught = _engine(
            case_file, lang, {**settings, "contributions": contributions}, options, precision
        )
        sim_data = sim.to_dict()
        rows = [from_simulation(o, sim[o["id"]]) for o in sim_data["options"]]
        sentences: dict[str, Any] = {}
    else:
        from decisionkit.cli._common import run_study
        from decisionkit.cli._risk import from_study

        st, caught = run_study(
            case_file, lang, smaa_draws=0, contributions=contributions, **settings
        )
        case, digest = st.case, st.sha256
        sim_data = st.simulation.to_dict()
        rows = [from_study(o) for o in st.to_dict()["options"]]
        sentences = st.sentences(lang)["options"]
    for message in caught:
        warn(lang, message)
    text = dump_json(
        {**sim_data, "decisionkit": __version__, "source": str(case_file), "input_sha256": digest}
    )
    if output is not None:
        atomic_write(output, lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"))
    if as_json:
        click.echo(text)
        return
    out = console()
    _print(out, case, sim_data, rows, sentences, lang, precision)
    if output is not None:
        paragraph(out, t("cli.wrote_json", lang, file=str(output)))


def _engine(
    path: Path, lang: str, settings: dict[str, Any], options: tuple[str, ...], precision: Any
) -> tuple[Any, Any, str, list[str]]:
    """The engine's run, for what the study does not do: some options only, a precision."""
    import hashlib

    from decisionkit.appraisal import simulate as run_simulation
    from decisionkit.cli._common import capture_warnings, fail, load_case_or_exit, progress_bar
    from decisionkit.i18n import listing

    case, raw = load_case_or_exit(path, lang)
    unknown = [o for o in options if o not in case.option_ids]
    if unknown:
        fail(
            lang,
            "cli.simulate.no_option",
            options=listing(unknown, lang),
            file=str(path),
            have=listing(case.option_ids, lang),
        )
    with capture_warnings() as caught, progress_bar(lang) as progress:
        sim = run_simulation(
            case,
            options=options or None,
            precision=precision,
            progress=progress,
            **settings,
        )
    messages = list(dict.fromkeys(str(w.message) for w in caught))
    return sim, case, hashlib.sha256(raw).hexdigest(), messages


# -- printing -------------------------------------------------------------------------------


def _print(
    out: Any,
    case: Any,
    sim_data: dict[str, Any],
    rows: list[dict[str, Any]],
    sentences: dict[str, Any],
    lang: str,
    precision: float | None,
) -> None:
    from decisionkit.cli._common import paragraph
    from decisionkit.cli._print import (
        Column,
        as_date,
        heading,
        money,
        option_column,
        print_table,
        section,
        years,
    )
    from decisionkit.cli._risk import print_option
    from decisionkit.i18n import date, listing, number, percent, t

    cur = case.currency
    key = (
        "cli.simulate.title.mitigated"
        if any(o["mitigated"] for o in sim_data["options"])
        else ("cli.simulate.title")
    )
    iterations = max(r["iterations"] for r in rows)
    paragraph(
        out,
        t(
            key,
            lang,
            title=case.case,
            iterations=number(iterations, lang),
            seed=str(sim_data["seed"]),
        ),
        style="bold",
    )
    if precision is not None:
        counts = [
            t("cli.simulate.iterations_of", lang, option=r["name"], n=number(r["iterations"], lang))
            for r in rows
        ]
        paragraph(
            out,
            t(
                "cli.simulate.precision",
                lang,
                precision=percent(precision, lang, digits=1),
                counts=listing(counts, lang),
            ),
        )
    out.print()
    heading(out, t("cli.simulate.costs", lang, years=years(case.horizon_years, lang)))
    print_table(
        out,
        [
            option_column(lang),
            Column(t("cli.col.plan", lang), drop=2),
            Column("P50"),
            Column("P80"),
            Column("P90", drop=1),
            Column(t("cli.simulate.col.contingency", lang)),
            Column(t("cli.simulate.col.tco", lang)),
        ],
        [
            [
                r["name"],
                money(r["capex"]["plan"], cur, lang),
                money(r["capex"]["percentiles"]["p50"], cur, lang),
                money(r["capex"]["percentiles"]["p80"], cur, lang),
                money(r["capex"]["percentiles"]["p90"], cur, lang),
                money(r["capex"]["contingency"]["p80"], cur, lang),
                money(r["tco"]["percentiles"]["p80"], cur, lang),
            ]
            for r in rows
        ],
    )
    section(out, t("cli.simulate.schedule", lang))
    print_table(
        out,
        [
            option_column(lang),
            Column(t("cli.simulate.col.go_live_plan", lang), drop=1),
            Column(t("cli.simulate.col.go_live_p50", lang), drop=3),
            Column(t("cli.simulate.col.go_live_p80", lang)),
            Column(t("cli.simulate.col.finish_p80", lang)),
            Column(t("cli.simulate.col.finish_p80_days", lang), drop=2),
        ],
        [
            [
                r["name"],
                date(as_date(r["plan"]["go_live_date"]), lang),
                date(as_date(r["go_live_dates"].get("p50")), lang),
                date(as_date(r["go_live_dates"].get("p80")), lang),
                date(as_date(r["finish_dates"].get("p80")), lang),
                number(r["finish"]["percentiles"]["p80"], lang),
            ]
            for r in rows
        ],
    )
    for r in rows:
        out.print()
        print_option(out, r, sentences.get(r["id"]), cur, lang)
    out.print()
    start = case.start
    note = (
        t("cli.simulate.note", lang, start=date(start, lang))
        if start is not None
        else t("cli.simulate.note.no_start", lang)
    )
    paragraph(out, note, style="dim")
