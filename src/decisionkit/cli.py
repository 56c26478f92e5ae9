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


_json_option = click.option(
    "--json", "as_json", is_flag=True, help="Print the JSON result instead of tables."
)
_seed_option = click.option(
    "--seed", "-s", default=None, type=click.IntRange(min=0), help="The one seed."
)
_skills_gates_option = click.option(
    "--skills-gates/--no-skills-gates",
    default=True,
    help="Recruitment and training times delay the tasks needing the skill (default: on).",
)


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
            case = _checked(load_case(path), str(path))
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
            message = exc.strerror or str(exc).removeprefix(f"{path}: ")
            err.print(f"[bold red]✗ {escape(str(path))}[/]: {escape(message)}", markup=True)
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


def _checked(case: Any, source: str) -> Any:
    """The case, once the footprint, eco-design and skills blocks pass their data checks.

    Their problems get the line (or Excel cell) of their field, as the loader's do.
    """
    from decisionkit.appraisal import check_assessments
    from decisionkit.case.loaders import locator
    from decisionkit.errors import CaseError, CaseErrors

    problems = check_assessments(case, source=source)
    if problems:
        where = locator(source)
        located = [
            CaseError(e.path, e.rule, source=source, location=where(e.path)) for e in problems
        ]
        line = {id(e): int(e.location) if (e.location or "").isdigit() else 0 for e in located}
        raise CaseErrors(sorted(located, key=lambda e: line[id(e)]))
    return case


def _load_or_exit(path: Path) -> tuple[Any, bytes]:
    """Load a case, or print every problem and exit 1. Returns the case and the bytes read."""
    from decisionkit.case.loaders import load_case
    from decisionkit.errors import CaseErrors

    try:
        raw = path.read_bytes()
        return _checked(load_case(path), str(path)), raw
    except CaseErrors as exc:
        _console(stderr=True).print(str(exc), markup=False)
    except OSError as exc:
        _fail(f"{path}: {exc.strerror}" if exc.strerror else str(exc))
    sys.exit(1)


def _k(x: float) -> str:
    """Thousands, with a thin space between groups: 1 234 (for 1,234,000)."""
    return f"{x / 1000:,.0f}".replace(",", "\u202f")


def _num(x: float) -> str:
    """Three significant digits below 1,000; whole numbers with thin-space groups above."""
    return f"{x:,.0f}".replace(",", "\u202f") if abs(x) >= 1000 else f"{x:.3g}"


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
        f"[dim]TCO over {_plural(case.horizon_years, 'year')} from the start; working days, "
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


@main.command()
@click.argument("case_file", type=click.Path(path_type=Path))
@click.option(
    "--iterations",
    "-n",
    default=20_000,
    show_default=True,
    type=click.IntRange(min=2),
    help="Iterations per option.",
)
@click.option(
    "--seed",
    "-s",
    default=None,
    type=click.IntRange(min=0),
    help="The one seed of every draw (default: decisionkit's fixed seed).",
)
@click.option(
    "--workers",
    "-w",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Processes to use; results do not depend on it.",
)
@click.option("--option", "-o", "options", multiple=True, help="Simulate only this option.")
@click.option(
    "--sampling",
    type=click.Choice(["random", "lhs"]),
    default="random",
    show_default=True,
    help="Plain Monte Carlo or Latin hypercube.",
)
@click.option("--mitigated", is_flag=True, help="Apply the risks' mitigations.")
@click.option(
    "--precision",
    type=click.FloatRange(min=0, min_open=True, max=1, max_open=True),
    default=None,
    help="Add iterations until P80's relative standard error is below.",
)
@click.option("--contributions", is_flag=True, help="Each risk's contribution to P80.")
@_json_option
@_skills_gates_option
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Also write the JSON result to this file (atomically).",
)
def simulate(
    case_file: Path,
    iterations: int,
    seed: int | None,
    workers: int,
    options: tuple[str, ...],
    sampling: str,
    mitigated: bool,
    precision: float | None,
    contributions: bool,
    as_json: bool,
    output: Path | None,
    skills_gates: bool,
) -> None:
    """Monte Carlo cost and schedule risk of CASE_FILE's options.

    Prints P50/P80/P90 of capex, TCO P80, finish P50/P80 with the P80 go-live and finish
    dates, contingency against the deterministic plan, the main drivers and the outside
    view; --json prints the documented JSON (schema decisionkit.simulation/1). Recruitment
    lead times (and training times) of the skills needs delay the tasks that need them, as
    tasks hire-<code> (train-<code>) in the network, unless --no-skills-gates.
    """
    import hashlib
    import json
    import warnings

    from decisionkit.appraisal import simulate as run_simulation
    from decisionkit.case.writers import atomic_write

    err = _console(stderr=True)
    case, raw = _load_or_exit(case_file)
    digest = hashlib.sha256(raw).hexdigest()  # of the bytes read just before loading
    unknown = [o for o in options if o not in case.option_ids]
    if unknown:
        _fail(f"no option {', '.join(unknown)} in {case_file}; have {', '.join(case.option_ids)}")
        sys.exit(1)
    with warnings.catch_warnings(record=True) as caught, _Progress(err) as progress:
        warnings.simplefilter("always")
        sim = run_simulation(
            case,
            skills_gates=skills_gates,
            iterations=iterations,
            seed=seed,
            workers=workers,
            sampling=sampling,
            options=options or None,
            mitigated=mitigated,
            precision=precision,
            contributions=contributions,
            progress=progress,
        )
    for w in caught:
        err.print(f"[yellow]warning[/]: {w.message}", markup=True)
    data = {
        **sim.to_dict(),
        "decisionkit": __version__,
        "source": str(case_file),
        "input_sha256": digest,
    }
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if output is not None:
        atomic_write(output, lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"))
    if as_json:
        click.echo(text)
        return
    _print_simulation(_console(), case, sim)
    if output is not None:
        _console().print(f"wrote {output}")


class _Progress:
    """A rich progress bar on a terminal for runs of several chunks; silent otherwise."""

    def __init__(self, console: Any) -> None:
        self.console = console
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> Any:
        if not self.console.is_terminal:
            return None
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TimeRemainingColumn

        self.bar = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            TaskProgressColumn(),
            TimeRemainingColumn(),
            console=self.console,
            transient=True,
        )

        def update(done: int, total: int) -> None:
            if self.task is None and total >= 4:
                self.bar.start()
                self.task = self.bar.add_task("simulating", total=total)
            if self.task is not None:
                self.bar.update(self.task, completed=done, total=total)

        return update

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None and self.task is not None:
            self.bar.stop()


def _print_simulation(out: Any, case: Any, sim: Any) -> None:
    from rich.markup import escape
    from rich.table import Table

    k = f"k{case.currency}"
    table = Table(
        title=f"{escape(case.case)} — {sim.iterations:,} iterations, seed {sim.seed}"
        + (" — risks mitigated" if next(iter(sim)).mitigated else ""),
        title_justify="left",
    )
    for col in (
        "option",
        f"capex P50 {k}",
        f"P80 {k}",
        f"P90 {k}",
        f"cont. P80 {k}",
        f"TCO P80 {k}",
        "finish P50 d",
        "P80 d",
        "go-live P80",
        "finish P80",
    ):
        if col == "option":  # ids and dates are never cut: they wrap
            table.add_column(col, justify="left", overflow="fold")
        elif col in ("go-live P80", "finish P80"):
            table.add_column(col, justify="right", no_wrap=True, min_width=10)
        else:
            table.add_column(col, justify="right")
    for r in sim:
        date, live = r.finish_date(80), r.go_live_date(80)
        table.add_row(
            escape(r.option),
            _k(r.capex.percentile(50)),
            _k(r.capex.percentile(80)),
            _k(r.capex.percentile(90)),
            _k(r.capex.contingency(80)),
            _k(r.tco.percentile(80)),
            f"{r.finish.percentile(50):,.0f}",
            f"{r.finish.percentile(80):,.0f}",
            live.isoformat() if live else "—",
            date.isoformat() if date else "—",
        )
    out.print(table)
    for r in sim:
        drivers = []
        if r.input_sensitivity is not None:
            top = r.sensitivity("finish").head(3)
            drivers = [
                f"{escape(i)} ({s:+.2f})"
                for i, s in zip(top["input"], top["spearman"], strict=True)
            ]
        line = (
            f"[bold]{escape(r.option)}[/]: deterministic plan {r.plan.finish:,.0f} d, "
            f"{_k(r.plan.capex)} {k}"
        )
        if drivers:
            line += "; schedule drivers: " + ", ".join(drivers)
        out.print(line, markup=True)
        if r.risk_contributions_p80:
            df = r.risk_contributions()
            cost = [f"{escape(x.risk)} +{_k(x.capex_p80)} {k}" for x in df.head(3).itertuples()]
            late = df.sort_values("finish_p80", ascending=False, kind="stable").head(3)
            days = [f"{escape(x.risk)} +{x.finish_p80:,.0f} d" for x in late.itertuples()]
            out.print(
                f"  risks at P80, cost: {', '.join(cost)}; schedule: {', '.join(days)}", markup=True
            )
        view = r.outside_view()
        means = view[view["statistic"] == "mean cost overrun"]
        swans = view[view["statistic"].str.startswith("mean cost overrun of the worst")]
        if len(means) and means["simulated"].notna().all():
            published = ", ".join(
                f"{row.published:+.1%} ({escape(row.title.split('(')[-1].rstrip(')'))})"
                for row in means.itertuples()
            )
            line = f"  outside view: mean cost overrun {means['simulated'].iloc[0]:+.1%} here; "
            line += f"published {published}"
            for row in swans.itertuples():
                line += (
                    f"; worst sixth {row.simulated:+.0%} here vs {row.published:+.0%} (black swans)"
                )
            out.print(line, markup=True)
    out.print(
        "[dim]Days are working days from the start; cont. (contingency) = P80 minus the "
        "deterministic plan (plan values, no risks); finish includes tasks after go-live.[/]",
        markup=True,
    )


@main.command()
@click.argument("case_file", type=click.Path(path_type=Path))
@click.option(
    "--method",
    "-m",
    type=click.Choice(["weighted_sum", "weighted_product", "topsis", "vikor", "promethee_ii"]),
    default=None,
    help="The MCDA method (default: the case's).",
)
@click.option(
    "--iterations",
    "-n",
    default=20_000,
    show_default=True,
    type=click.IntRange(min=2),
    help="Iterations of the simulation behind the values.",
)
@_seed_option
@click.option(
    "--smaa",
    "smaa_draws",
    default=10_000,
    show_default=True,
    type=click.IntRange(min=0),
    help="SMAA draws (0: skip).",
)
@_json_option
def score(
    case_file: Path,
    method: str | None,
    iterations: int,
    seed: int | None,
    smaa_draws: int,
    as_json: bool,
) -> None:
    """Rank CASE_FILE's options on its criteria, and show how robust the ranking is."""
    import hashlib
    import json

    from rich.markup import escape
    from rich.table import Table

    from decisionkit.appraisal import appraise
    from decisionkit.case.templates import PLACEHOLDER
    from decisionkit.errors import MCDAError

    case, raw = _load_or_exit(case_file)
    try:
        ap = appraise(case, method=method, iterations=iterations, seed=seed)
    except MCDAError as exc:
        _fail(f"{case_file}: {exc}")
        sys.exit(1)
    # still on the template's weight (1): a weight changed since, in any file, is the user's
    placeholders = [
        c.id for c in case.criteria if c.notes.startswith(PLACEHOLDER) and c.weight == 1
    ]
    if placeholders and not as_json:
        _console(stderr=True).print(
            f"[yellow]note[/]: the weights of {escape(', '.join(placeholders))} are the "
            "template's equal placeholders: set your own with criteria: {template: ..., "
            "weights: {...}}",
            markup=True,
        )
    if len(ap.options) == 1:
        _console(stderr=True).print(
            f"[yellow]note[/]: {escape(str(case_file))} has one option: there is nothing to "
            "rank it against; its values are shown for reference",
            markup=True,
        )
    smaa = ap.smaa(n=smaa_draws) if smaa_draws else None
    stability = (
        ap.weight_stability() if ap.method in ("weighted_sum", "topsis", "promethee_ii") else None
    )
    if as_json:
        data = ap.to_dict() | {
            "decisionkit": __version__,
            "source": str(case_file),
            "input_sha256": hashlib.sha256(raw).hexdigest(),
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
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    out = _console()
    table = Table(title=f"{escape(case.case)} — {ap.method}", title_justify="left")
    table.add_column("rank", justify="right")
    table.add_column("option")
    for c, u in zip(ap.criteria, ap.units, strict=True):
        shown = f"k{u}" if u == case.currency else u
        table.add_column(f"{c}\n[dim]{escape(shown)}[/]" if u else c, justify="right")
    table.add_column("score", justify="right")
    if smaa is not None:
        table.add_column("P(first)", justify="right")
    ranking = ap.ranking()
    for row in ranking.itertuples():
        i = ap.options.index(row.option)
        cells = [str(row.rank), escape(row.option)]
        cells += [
            _k(v) if u == case.currency else _num(v)
            for v, u in zip(ap.matrix[i], ap.units, strict=True)
        ]
        cells.append(f"{row.score:.4g}")
        if smaa is not None:
            cells.append(f"{smaa.rank_acceptability[i, 0]:.0%}")
        table.add_row(*cells)
    out.print(table)
    weights = ", ".join(f"{c} {w:.0%}" for c, w in zip(ap.criteria, ap.weights, strict=True))
    out.print(f"weights: {escape(weights)}", markup=True)
    if ap.method_options:
        shown = {k: v for k, v in ap.method_options.items() if k in ("normalization", "v")}
        if "preference" in ap.method_options:
            o = ap.method_options
            shown["preference"] = ", ".join(
                f"{c} {f}"
                + "".join(f" {t}={o[t][j]:,.10g}" for t in ("q", "p", "s") if o[t][j] is not None)
                for j, (c, f) in enumerate(zip(ap.criteria, o["preference"], strict=True))
                if f != "usual"
            )
        out.print(
            "method options: " + escape("; ".join(f"{k} {v}" for k, v in shown.items())),
            markup=True,
        )
    for text in ap.explain().values():
        out.print(f"  {escape(text)}", markup=True)
    for loser, winners in ap.dominated().items():
        out.print(
            f"  [yellow]{escape(loser)} is dominated by {escape(', '.join(winners))}[/]",
            markup=True,
        )
    if stability is not None:
        parts = [
            f"{c} {lo:.0%}-{hi:.0%}"
            for c, (lo, hi) in zip(ap.criteria, stability.intervals, strict=True)
        ]
        out.print(
            f"{escape(ap.best)} stays first while each weight stays within: "
            + escape(", ".join(parts)),
            markup=True,
        )
        for what, change in (
            (f"dethrones {ap.best}", stability.tipping),
            ("swaps the first two", stability.swap),
        ):
            if change is not None:
                j, new, _ = change
                out.print(
                    f"  smallest change that {escape(what)}: {escape(ap.criteria[j])} "
                    f"from {ap.weights[j]:.0%} to {new:.0%}",
                    markup=True,
                )
    if smaa is not None:
        out.print(
            f"[dim]P(first): SMAA-2 rank-1 acceptability over {smaa.draws:,} draws of "
            "weights uniform on the simplex and of the simulated values.[/]",
            markup=True,
        )


@main.command()
@click.argument("case_file", type=click.Path(path_type=Path))
@click.option(
    "--iterations",
    "-n",
    default=20_000,
    show_default=True,
    type=click.IntRange(min=2),
    help="Iterations per option (the footprint follows each simulated go-live).",
)
@_seed_option
@click.option(
    "--workers",
    "-w",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Processes for the simulation; results do not depend on it.",
)
@_skills_gates_option
@_json_option
def assess(
    case_file: Path,
    iterations: int,
    seed: int | None,
    workers: int,
    skills_gates: bool,
    as_json: bool,
) -> None:
    """Environmental footprint, RGESN eco-design maturity and skills gaps of CASE_FILE's options.

    The footprint (kgCO2e over the horizon) is sampled with each simulated go-live: P10-P90,
    its parts and largest lines, other impacts where factors exist, the carbon cost with a
    carbon price. Eco-design: the RGESN 2024 score, coverage and missing priority criteria.
    Skills: gap FTE, training days, extra cost, contractor dependency and the schedule gates.
    """
    import hashlib
    import json

    from decisionkit.appraisal import assess as run_assess
    from decisionkit.appraisal import simulate as run_simulation

    case, raw = _load_or_exit(case_file)
    sim = run_simulation(
        case,
        skills_gates=skills_gates,
        iterations=iterations,
        seed=seed,
        workers=workers,
        criticality=False,
        sensitivity=False,
    )
    result = run_assess(case, sim)
    if as_json:
        data = {
            "schema": "decisionkit.assessment/1",
            "decisionkit": __version__,
            "source": str(case_file),
            "input_sha256": hashlib.sha256(raw).hexdigest(),
            "seed": sim.seed,
            "iterations": iterations,
            "options": result.to_dict(),
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=float))
        return
    _print_assessment(_console(), case, result)


def _print_assessment(out: Any, case: Any, result: Any) -> None:
    from rich.markup import escape
    from rich.table import Table

    feet = {o: f for o, f in result.footprint.items() if f is not None}
    if feet:
        t = Table(title=f"Footprint over {case.horizon_years} years (tCO2e)", title_justify="left")
        cost_col = f"carbon cost (k{case.currency})"
        for col in ("option", "P10", "P50", "P80", "P90", "largest part", cost_col):
            t.add_column(col, justify="left" if col in ("option", "largest part") else "right")
        for o, f in feet.items():
            ps = f.total.percentiles((10, 50, 80, 90)) / 1000
            parts = {k: v.mean() for k, v in f.parts.items() if k != "total"}
            top = max(parts, key=parts.__getitem__)
            share = parts[top] / f.total.mean() if f.total.mean() else None
            cost = _k(f.carbon_cost.mean()) if f.carbon_cost is not None else "-"
            largest = f"{top} {share:.0%}" if share is not None else "-"
            t.add_row(o, *(f"{p:,.1f}" for p in ps), largest, cost)
        out.print(t)
        for o, f in feet.items():
            lines = ", ".join(f"{n} ({p}) {v / 1000:,.1f} t" for p, n, v in f.lines[:3])
            out.print(f"  {escape(o)}: largest lines: {escape(lines)}", markup=True)
            unknown = sorted({m.split(":")[0] for m in f.missing})
            if unknown:
                out.print(
                    f"  [dim]{escape(o)}: {escape(', '.join(unknown))} not computed (no factor "
                    "for every line; see --json)[/]",
                    markup=True,
                )
    designs = {o: e for o, e in result.eco_design.items() if e is not None}
    if designs:
        t = Table(title="Eco-design maturity (RGESN 2024)", title_justify="left")
        for col in ("option", "score /100", "assessed", "priority criteria missing"):
            t.add_column(col, justify="left" if col == "option" else "right")
        for o, e in designs.items():
            t.add_row(o, f"{e.score:.0f}", f"{e.coverage:.0%}", str(len(e.missing_priority)))
        out.print(t)
    gaps = {o: s for o, s in result.skills.items() if s is not None}
    if gaps:
        t = Table(title="Skills needs", title_justify="left")
        extra = f"extra cost (k{case.currency})"
        cols = ("option", "needed FTE", "gap FTE", "training days", extra, "dependency")
        for col in cols:
            t.add_column(col, justify="left" if col == "option" else "right")
        for o, s in gaps.items():
            t.add_row(
                o,
                f"{s.fte:.1f}",
                f"{s.gap_fte:.1f}",
                f"{s.training_days:.0f}",
                _k(s.extra_cost),
                f"{s.dependency:.0%}",
            )
        out.print(t)
        for o, s in gaps.items():
            for gate in s.gates:
                out.print(
                    f"  {escape(o)}: {escape(gate[0])} ({escape(gate[2])} {escape(gate[1])}) "
                    f"before {escape(', '.join(gate[3]))}",
                    markup=True,
                )
    if not (feet or designs or gaps):
        out.print("no footprint, eco_design or skills block in this case")
