"""The options every command shares, and help texts from the catalogue (``cli.help.*``).

``--help`` speaks the reader's language: ``--lang`` when it comes before ``--help``, else
the environment's (:func:`decisionkit.i18n.default_lang`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from decisionkit.i18n import LANGS, default_lang, t

__all__ = [
    "Command",
    "Group",
    "Option",
    "iterations_option",
    "json_option",
    "lang_option",
    "mitigated_option",
    "output_option",
    "run_options",
    "seed_option",
    "skills_gates_option",
    "smaa_option",
    "workers_option",
]


def _help_lang(ctx: click.Context | None) -> str:
    """The language of ``--help``: ``--lang`` when given before it, else the environment's."""
    while ctx is not None:
        lang = ctx.params.get("lang")
        if lang:
            return str(lang)
        ctx = ctx.parent
    return default_lang()


class Option(click.Option):
    """A click option whose help text is a catalogue message (``help_key``)."""

    def __init__(self, *args: Any, help_key: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_key = help_key

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        self.help = t(self.help_key, _help_lang(ctx))
        return super().get_help_record(ctx)


class _Localised:
    """Help text from the catalogue (``help_key``), in the reader's language."""

    help: str | None
    help_key: str

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.help = t(self.help_key, _help_lang(ctx))
        super().format_help_text(ctx, formatter)  # type: ignore[misc]

    def get_short_help_str(self, limit: int = 45) -> str:
        self.help = t(self.help_key, default_lang())
        return super().get_short_help_str(limit)  # type: ignore[misc]


class Command(_Localised, click.Command):
    """A click command whose help text is a catalogue message (``help_key``)."""

    def __init__(self, *args: Any, help_key: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_key = help_key


class Group(_Localised, click.Group):
    """The command group, its help text from the catalogue too."""

    def __init__(self, *args: Any, help_key: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_key = help_key


def _option(*decls: str, help_key: str, **kwargs: Any) -> Callable[[Any], Any]:
    return click.option(*decls, cls=Option, help_key=help_key, **kwargs)


def lang_option(fn: Any) -> Any:
    """``--lang fr|en``: the language of the output (default: the environment's)."""
    return _option(
        "--lang",
        type=click.Choice(LANGS),
        default=default_lang,
        is_eager=True,  # read before --help, so that --lang fr --help is in French
        help_key="cli.help.lang",
    )(fn)


def json_option(fn: Any) -> Any:
    """``--json``: the JSON result instead of tables."""
    return _option("--json", "as_json", is_flag=True, help_key="cli.help.json")(fn)


def seed_option(fn: Any) -> Any:
    """``--seed``: the one seed of every draw."""
    return _option(
        "--seed", "-s", default=None, type=click.IntRange(min=0), help_key="cli.help.seed"
    )(fn)


def _count_option(
    long: str, short: str, default: int, minimum: int, help_key: str
) -> Callable[[Any], Any]:
    """A whole-number option, its default shown, at least ``minimum``."""
    return _option(
        long,
        short,
        default=default,
        show_default=True,
        type=click.IntRange(min=minimum),
        help_key=help_key,
    )


def iterations_option(help_key: str = "cli.help.iterations") -> Callable[[Any], Any]:
    """``--iterations``: Monte Carlo iterations per option (20,000 by default)."""
    return _count_option("--iterations", "-n", 20_000, 2, help_key)


def workers_option(fn: Any) -> Any:
    """``--workers``: processes to simulate with; the numbers do not depend on it."""
    return _count_option("--workers", "-w", 1, 1, "cli.help.workers")(fn)


def run_options(iterations_help: str = "cli.help.iterations") -> Callable[[Any], Any]:
    """``--iterations``, ``--seed`` and ``--workers``, in this order: how the study runs.

    The commands take them, with their other study settings (``--skills-gates``, ``--smaa``...),
    as ``**settings``, handed as they are to :func:`._common.run_study`.
    """

    def decorate(fn: Any) -> Any:
        return iterations_option(iterations_help)(seed_option(workers_option(fn)))

    return decorate


def mitigated_option(fn: Any) -> Any:
    """``--mitigated``: apply the risks' mitigations."""
    return _option("--mitigated", is_flag=True, help_key="cli.help.mitigated")(fn)


def smaa_option(fn: Any) -> Any:
    """``--smaa``: SMAA draws of the robustness analysis (0: skip)."""
    return _option(
        "--smaa",
        "smaa_draws",
        default=10_000,
        show_default=True,
        type=click.IntRange(min=0),
        help_key="cli.help.smaa",
    )(fn)


def output_option(help_key: str) -> Callable[[Any], Any]:
    """``--output PATH``: also write the result to this file."""
    return _option("--output", type=click.Path(path_type=Path), default=None, help_key=help_key)


def skills_gates_option(fn: Any) -> Any:
    """``--skills-gates/--no-skills-gates``: recruitment and training delay the tasks."""
    return _option(
        "--skills-gates/--no-skills-gates", default=True, help_key="cli.help.skills_gates"
    )(fn)
