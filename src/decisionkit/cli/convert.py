"""``decisionkit convert SOURCE TARGET``: a case between YAML, JSON and Excel, without loss."""

from __future__ import annotations

from pathlib import Path

import click

from decisionkit.cli._options import Command, Option, lang_option

__all__ = ["convert"]


@click.command(cls=Command, help_key="cli.help.convert")
@click.argument("source", type=click.Path(path_type=Path))
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, cls=Option, help_key="cli.help.force_target")
@lang_option
def convert(source: Path, target: Path, force: bool, lang: str) -> None:
    """Convert a case between YAML, JSON and Excel (by file suffix), without loss."""
    import sys

    from decisionkit.case.loaders import load_case
    from decisionkit.case.writers import write_case
    from decisionkit.cli._common import console, fail, paragraph, print_problems
    from decisionkit.errors import CaseErrors, rule_message
    from decisionkit.i18n import number, plural, t

    if target.exists() and not force:
        fail(lang, "cli.exists", file=str(target))
    try:
        case = load_case(source)
    except CaseErrors as exc:
        print_problems(lang, str(source), exc.errors)
        sys.exit(1)
    except OSError as exc:
        from decisionkit.cli._common import os_problem

        fail(lang, "cli.plain", message=os_problem(lang, source, exc))
    try:
        write_case(case, target, origin=source.name)
    except CaseErrors as exc:
        fail(lang, "cli.failed", file=str(target), reason=rule_message(exc.errors[0].rule, lang))
    except OSError as exc:
        fail(lang, "cli.failed", file=str(exc.filename or target), reason=exc.strerror or str(exc))
    n = len(case.options)
    options = plural("cli.count.options", lang, n, n=number(n, lang))
    paragraph(console(), t("cli.convert.wrote", lang, file=str(target), options=options))
