"""``decisionkit new PATH``: a commented starter case (YAML) or a blank Excel workbook."""

from __future__ import annotations

from pathlib import Path

import click

from decisionkit.cli._options import Command, Option, lang_option

__all__ = ["new"]


@click.command(cls=Command, help_key="cli.help.new")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--xlsx", "as_xlsx", is_flag=True, cls=Option, help_key="cli.help.xlsx")
@click.option("--force", is_flag=True, cls=Option, help_key="cli.help.force")
@lang_option
def new(path: Path, as_xlsx: bool, force: bool, lang: str) -> None:
    """Write a starter case at PATH: a commented YAML example or a blank Excel workbook."""
    from decisionkit.case.writers import write_template
    from decisionkit.cli._common import console, fail, paragraph
    from decisionkit.errors import CaseErrors, rule_message
    from decisionkit.i18n import t

    if as_xlsx and path.suffix.lower() != ".xlsx":
        fail(lang, "cli.new.not_xlsx", file=str(path))
    if path.exists() and not force:
        fail(lang, "cli.exists", file=str(path))
    try:
        write_template(path)
    except CaseErrors as exc:
        fail(lang, "cli.failed", file=str(path), reason=rule_message(exc.errors[0].rule, lang))
    paragraph(console(), t("cli.new.wrote", lang, file=str(path)))
