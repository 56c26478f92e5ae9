"""The ``decisionkit`` command line (layer 6).

Commands: ``validate``, ``new``, ``convert``; more arrive with the risk, scoring and memo layers.
Bad input never gives a traceback: messages go to standard error and the exit code is 1.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from decisionkit._version import __version__

__all__ = ["main"]


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() else 120  # pipes and CI logs get a readable width
    return Console(stderr=stderr, highlight=False, width=width, soft_wrap=True)


def _fail(message: str) -> None:
    from rich.markup import escape

    _console(stderr=True).print(f"[bold red]error[/]: {escape(message)}", markup=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="decisionkit")
def main() -> None:
    """decisionkit: decide and defend IT project options.

    Describe a decision case (YAML, JSON or Excel), then validate, simulate and score it.
    """


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--quiet", "-q", is_flag=True, help="Print only problems, no summary.")
def validate(files: tuple[Path, ...], quiet: bool) -> None:
    """Check case FILES; print each case's summary, or every problem found.

    Exit status: 0 when every file is valid, 1 otherwise.
    """
    from rich.markup import escape

    from decisionkit.case.loaders import load_case
    from decisionkit.errors import CaseErrors

    out, err = _console(), _console(stderr=True)
    failed = 0
    for path in files:
        try:
            case = load_case(path)
        except CaseErrors as exc:
            failed += 1
            n = len(exc.errors)
            err.print(
                f"[bold red]✗ {escape(str(path))}[/]: {n} problem{'s' if n != 1 else ''}",
                markup=True,
            )
            for e in exc.errors:
                err.print(f"  {e}", markup=False)
            continue
        except OSError as exc:
            failed += 1
            err.print(f"[bold red]✗ {escape(str(path))}[/]: {escape(str(exc))}", markup=True)
            continue
        ntasks = sum(len(o.tasks) for o in case.options)
        nrisks = sum(len(o.risks) for o in case.options)
        out.print(
            f"[bold green]✓ {escape(str(path))}[/]: {escape(case.case)} — "
            f"{_plural(len(case.options), 'option')}, "
            f"{_plural(ntasks, 'task')}, {_plural(nrisks, 'risk')}, "
            f"{_plural(len(case.criteria), 'criterion').replace('criterions', 'criteria')}",
            markup=True,
        )
        if not quiet:
            _print_summary(out, case)
    if failed:
        sys.exit(1)


def _k(x: float) -> str:
    """Thousands, with a thin space between groups: 1 234 (for 1,234,000)."""
    return f"{x / 1000:,.0f}".replace(",", "\u202f")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _print_summary(out: Any, case: Any) -> None:
    from rich.markup import escape
    from rich.table import Table

    df = case.summary()
    k = f"k{case.currency}"
    table = Table(
        title=f"{escape(case.case)} — deterministic plan (plan values, no risks)",
        title_justify="left",
    )
    columns = (
        "option",
        "name",
        "tasks",
        "risks",
        "days to go-live",
        "go-live",
        f"capex {k}",
        f"run/yr {k}",
        f"TCO {k}",
        f"exp. risk cost {k}",
    )
    for col in columns:
        table.add_column(col, justify="left" if col in ("option", "name") else "right")
    for row in df.itertuples(index=False):
        table.add_row(
            escape(row.option),
            escape(row.name),
            str(row.tasks),
            str(row.risks),
            f"{row.plan_days:,.0f}",
            row.go_live_date.isoformat() if row.go_live_date else "—",
            _k(row.plan_capex),
            _k(row.run_cost_per_year),
            _k(row.plan_tco),
            _k(row.expected_risk_cost),
        )
    out.print(table)
    out.print(
        f"[dim]TCO over {case.horizon_years} years from the start; working days, "
        f"{'French public holidays excluded' if case.holidays == 'fr' else 'weekends only'}.[/]",
        markup=True,
    )


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--xlsx", "as_xlsx", is_flag=True, help="Write a blank Excel workbook.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def new(path: Path, as_xlsx: bool, force: bool) -> None:
    """Write a starter case at PATH: a commented YAML example or a blank Excel workbook."""
    from decisionkit.case.writers import write_template
    from decisionkit.errors import CaseErrors

    if as_xlsx and path.suffix.lower() != ".xlsx":
        _fail(f"{path}: --xlsx writes an Excel workbook; name it with .xlsx")
        sys.exit(1)
    if path.exists() and not force:
        _fail(f"{path} exists; use --force to overwrite it")
        sys.exit(1)
    try:
        write_template(path)
    except CaseErrors as exc:
        _fail(str(exc.errors[0]))
        sys.exit(1)
    _console().print(f"wrote {path}; fill it in, then: decisionkit validate {path}")


@main.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite an existing TARGET.")
def convert(source: Path, target: Path, force: bool) -> None:
    """Convert a case between YAML, JSON and Excel (by file suffix), without loss."""
    from decisionkit.case.loaders import load_case
    from decisionkit.case.writers import write_case
    from decisionkit.errors import CaseErrors

    if target.exists() and not force:
        _fail(f"{target} exists; use --force to overwrite it")
        sys.exit(1)
    try:
        case = load_case(source)
        write_case(case, target, origin=source.name)
    except CaseErrors as exc:
        _console(stderr=True).print(str(exc), markup=False)
        sys.exit(1)
    except OSError as exc:
        _fail(f"{exc.filename or source}: {exc.strerror or exc}")
        sys.exit(1)
    _console().print(f"wrote {target} ({len(case.options)} options)")
