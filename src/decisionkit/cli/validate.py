"""``decisionkit validate FILE...``: check case files and scenario files, list every problem."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from decisionkit.cli._options import Command, Option, lang_option

__all__ = ["validate"]


@click.command(cls=Command, help_key="cli.help.validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--quiet", "-q", is_flag=True, cls=Option, help_key="cli.help.quiet")
@lang_option
def validate(files: tuple[Path, ...], quiet: bool, lang: str) -> None:
    """Check case FILES (and scenario files); print each case's plan, or every problem.

    Exit status: 0 when every file is valid, 1 otherwise.
    """
    from decisionkit.cli._common import console

    out = console()
    failed = 0
    for path in files:
        if _scenario_data(path):
            failed += not _validate_scenarios(out, path, lang)
        else:
            failed += not _validate_case(out, path, lang, quiet)
    if failed:
        sys.exit(1)


def _scenario_data(path: Path) -> bool:
    """True when ``path`` holds a scenarios file (YAML or JSON with ``scenarios:``/``grid:``)."""
    if path.suffix.lower() not in (".yaml", ".yml", ".json"):
        return False
    import yaml

    from decisionkit.studies import is_scenario_file

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False  # the case loader says what is wrong, with the line
    return is_scenario_file(data)


def _unreadable(path: Path, lang: str, exc: OSError) -> None:
    from rich.text import Text

    from decisionkit.cli._common import console, os_problem
    from decisionkit.i18n import t

    message = t("cli.validate.failed", lang, message=os_problem(lang, path, exc))
    console(stderr=True).print(Text(message, style="bold red"))


def _read(load: Callable[[Path], Any], path: Path, lang: str) -> Any:
    """What ``load`` reads in ``path``; None, once every problem is printed, when it cannot."""
    from decisionkit.cli._common import print_problems
    from decisionkit.errors import CaseErrors

    try:
        return load(path)
    except CaseErrors as exc:
        print_problems(lang, str(path), exc.errors)
    except OSError as exc:
        _unreadable(path, lang, exc)
    return None


def _validate_scenarios(out: Any, path: Path, lang: str) -> bool:
    from rich.text import Text

    from decisionkit.i18n import plural, t
    from decisionkit.studies import load_scenarios

    specs = _read(load_scenarios, path, lang)
    if specs is None:
        return False
    n, cases = len(specs), len({s.case_path for s in specs})
    text = t(
        "cli.validate.scenarios",
        lang,
        file=str(path),
        scenarios=plural("cli.count.scenarios", lang, n, n=str(n)),
        cases=plural("cli.count.cases", lang, cases, n=str(cases)),
    )
    out.print(Text(text, style="bold green"))
    return True


def _validate_case(out: Any, path: Path, lang: str, quiet: bool) -> bool:
    from rich.text import Text

    from decisionkit.cli._common import checked_case
    from decisionkit.i18n import listing, number, plural, t

    case = _read(checked_case, path, lang)
    if case is None:
        return False

    def count(key: str, n: int) -> str:
        return plural(key, lang, n, n=number(n, lang))

    counts = [
        count("cli.count.options", len(case.options)),
        count("cli.count.tasks", sum(len(o.tasks) for o in case.options)),
        count("cli.count.risks", sum(len(o.risks) for o in case.options)),
        count("cli.count.criteria", len(case.criteria)),
    ]
    text = t("cli.validate.ok", lang, file=str(path), title=case.case, counts=listing(counts, lang))
    out.print(Text(text, style="bold green"))
    if not quiet:
        print_plan(out, case, lang)
    return True


def print_plan(out: Any, case: Any, lang: str) -> None:
    """The deterministic plan of each option: plan values, no risks (``Case.summary()``)."""
    from decisionkit.cli._common import paragraph
    from decisionkit.cli._print import (
        Column,
        heading,
        money,
        option_column,
        print_table,
        years,
    )
    from decisionkit.i18n import date, number, t

    df = case.summary()
    cur = case.currency
    heading(out, t("cli.plan.title", lang, title=case.case))
    columns = [
        option_column(lang),
        Column(t("cli.col.id", lang), justify="left", drop=2),
        Column(t("cli.col.tasks", lang), drop=3),
        Column(t("cli.col.risks", lang), drop=3),
        Column(t("cli.plan.col.go_live_days", lang), drop=4),
        Column(t("cli.plan.col.go_live_date", lang)),
        Column(t("output.capex", lang)),
        Column(t("cli.plan.col.run", lang), drop=1),
        Column(t("output.tco", lang)),
        Column(t("cli.plan.col.risk_cost", lang), drop=1),
    ]
    rows = [
        [
            row.name or row.option,
            row.option,
            number(row.tasks, lang),
            number(row.risks, lang),
            number(row.plan_days, lang),
            date(row.go_live_date, lang),
            money(row.plan_capex, cur, lang),
            money(row.run_cost_per_year, cur, lang),
            money(row.plan_tco, cur, lang),
            money(row.expected_risk_cost, cur, lang),
        ]
        for row in df.itertuples(index=False)
    ]
    print_table(out, columns, rows)
    key = "cli.plan.note.fr" if case.holidays == "fr" else "cli.plan.note.weekends"
    paragraph(out, t(key, lang, years=years(case.horizon_years, lang)), style="dim")
