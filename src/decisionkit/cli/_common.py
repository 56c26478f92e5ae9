"""What the commands share: the consoles, messages, case loading, the study run.

Every text comes from the catalogues (``cli.*`` keys of :mod:`decisionkit.i18n`), in the
language of ``--lang`` (see :mod:`._options`). Only the standard library and
:mod:`decisionkit.i18n` are imported here at module level, so that ``import decisionkit.cli``
stays light; rich and the engines load inside the functions.
"""

from __future__ import annotations

import contextlib
import os
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

from decisionkit.i18n import plural, t

__all__ = [
    "busy",
    "console",
    "dump_json",
    "fail",
    "load_case_or_exit",
    "note",
    "paragraph",
    "print_problems",
    "progress_bar",
    "run_study",
    "warn",
]

PIPE_WIDTH = 100
"""The width of output sent to a pipe or a file when ``COLUMNS`` does not say."""


# -- consoles and messages ------------------------------------------------------------------


def _width(stream: Any) -> int | None:
    """None on a terminal (rich asks it); else ``COLUMNS`` when set, or :data:`PIPE_WIDTH`."""
    if stream.isatty():
        return None
    columns = os.environ.get("COLUMNS", "").strip()
    return int(columns) if columns.isdigit() and int(columns) > 0 else PIPE_WIDTH


def console(stderr: bool = False) -> Any:
    """A rich console on standard output (or error), as wide as the terminal or ``COLUMNS``."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    return Console(stderr=stderr, highlight=False, width=_width(stream), soft_wrap=True)


def paragraph(out: Any, text: str, *, indent: int = 0, style: str | None = None) -> None:
    """Print ``text`` wrapped to the console's width, at spaces only.

    Numbers, amounts and percentages hold no-break spaces (``20 000``, ``4,8 M€``,
    ``75 %``): wrapping at plain spaces never splits one across two lines.
    """
    from rich.text import Text

    pad = " " * indent
    lines = textwrap.wrap(
        text,
        width=max(out.width, 20),
        initial_indent=pad,
        subsequent_indent=pad + ("  " if indent else ""),
        break_long_words=False,
        break_on_hyphens=False,
    )
    for line in lines or [pad]:
        out.print(Text(line, style=style or ""))


def fail(lang: str, key: str, /, **params: Any) -> NoReturn:
    """Print the error message ``key`` on standard error and exit with status 1."""
    message = t(key, lang, **params)
    paragraph(console(stderr=True), t("cli.error", lang, message=message), style="red")
    sys.exit(1)


def warn(lang: str, message: str) -> None:
    """Print a warning (a message already in words) on standard error."""
    paragraph(console(stderr=True), t("cli.warning", lang, message=message), style="yellow")


def note(lang: str, message: str) -> None:
    """Print a note (a message already in words) on standard error."""
    paragraph(console(stderr=True), t("cli.note", lang, message=message), style="yellow")


def print_problems(lang: str, source: str, errors: Any) -> None:
    """``✗ file: N problems``, then each problem (file:line: path: rule) in ``lang``."""
    err = console(stderr=True)
    n = len(errors)
    from rich.text import Text

    err.print(
        Text(
            plural("cli.problems", lang, n, file=source, n=str(n)),
            style="bold red",
        )
    )
    for e in errors:
        err.print(Text(f"  {e.message(lang)}" if hasattr(e, "message") else f"  {e}"))


def dump_json(data: Any) -> str:
    """Data as indented UTF-8 JSON (numpy scalars as floats)."""
    import json

    return json.dumps(data, ensure_ascii=False, indent=2, default=float)


# -- cases and studies ----------------------------------------------------------------------


def checked_case(path: Path) -> Any:
    """The case in ``path``, once its footprint, eco-design and skills blocks pass their checks.

    Raises :class:`~decisionkit.errors.CaseErrors` with every problem, each with the line (or
    Excel cell) of its field, as the loader gives them.
    """
    from decisionkit.appraisal import check_assessments
    from decisionkit.case.loaders import load_case, locator
    from decisionkit.errors import CaseError, CaseErrors

    case = load_case(path)
    source = str(path)
    problems = check_assessments(case, source=source)
    if problems:
        where = locator(source)
        located = [
            CaseError(e.path, e.rule, source=source, location=where(e.path)) for e in problems
        ]
        line = {id(e): int(e.location) if (e.location or "").isdigit() else 0 for e in located}
        raise CaseErrors(sorted(located, key=lambda e: line[id(e)]))
    return case


def os_problem(lang: str, path: Path, exc: OSError) -> str:
    """An unreadable file in words: missing, or the system's own reason."""
    if isinstance(exc, FileNotFoundError):
        return t("cli.no_such_file", lang, file=str(path))
    return t("cli.unreadable", lang, file=str(path), reason=exc.strerror or str(exc))


def load_case_or_exit(path: Path, lang: str) -> tuple[Any, bytes]:
    """Load and check a case; on any problem print them all and exit 1.

    Returns the case and the bytes read (their SHA-256 is the input's provenance).
    """
    from decisionkit.errors import CaseErrors

    try:
        raw = path.read_bytes()
        return checked_case(path), raw
    except CaseErrors as exc:
        print_problems(lang, str(path), exc.errors)
    except OSError as exc:
        paragraph(
            console(stderr=True),
            t("cli.error", lang, message=os_problem(lang, path, exc)),
            style="red",
        )
    sys.exit(1)


@contextlib.contextmanager
def busy(lang: str, key: str = "cli.busy.study") -> Iterator[None]:
    """A spinner on standard error while the engines run (on a terminal only)."""
    err = console(stderr=True)
    if not err.is_terminal:
        yield
        return
    with err.status(t(key, lang)):
        yield


@contextlib.contextmanager
def capture_warnings() -> Iterator[list[Any]]:
    """Collect the engines' warnings (repaired correlations...) to print them in words."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught


def run_study(path: Path, lang: str, **settings: Any) -> tuple[Any, list[str]]:
    """Check the case in ``path``, then study it: the facts every command prints.

    Problems of the case are printed, all of them, and the exit status is 1; so is a
    multi-criteria error (all weights zero...). Returns the study and the engines' warnings
    (deduplicated, in order).
    """
    from decisionkit.errors import MCDAError, StudyError
    from decisionkit.studies import study

    load_case_or_exit(path, lang)  # every problem, with its line
    with capture_warnings() as caught, busy(lang):
        try:
            st = study(path, lang=lang, **settings)
        except (MCDAError, StudyError) as exc:
            fail(lang, "cli.failed", file=str(path), reason=str(exc))
    messages = list(dict.fromkeys(str(w.message) for w in caught))
    return st, messages


class _Progress:
    """A rich progress bar on a terminal for runs of several chunks; silent otherwise."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.console = console(stderr=True)
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
                self.task = self.bar.add_task(t("cli.busy.simulate", self.lang), total=total)
            if self.task is not None:
                self.bar.update(self.task, completed=done, total=total)

        return update

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None and self.task is not None:
            self.bar.stop()


def progress_bar(lang: str) -> _Progress:
    """A context manager giving the engines' ``progress(done, total)`` callback (or None)."""
    return _Progress(lang)
