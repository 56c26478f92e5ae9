"""The ``decisionkit`` command line (layer 6): one module per command.

``validate``, ``new``, ``convert``, ``simulate``, ``assess``, ``score`` and ``study``; the
memo, batch and app commands will join them. Every command takes ``--lang fr|en`` (default:
the environment's, see :func:`decisionkit.i18n.default_lang`) and prints from the library's
facts, in words from the catalogues (``cli.*`` messages). Bad input never gives a traceback:
messages go to standard error and the exit status is 1 (2 for a bad option).

- :mod:`._common`: the shared options, consoles, messages, case loading and the study run;
- :mod:`._print`: tables that fit the terminal, values written for a reader.

Importing this package loads click and the command modules only: each command imports rich,
pandas and the engines when it runs.
"""

from __future__ import annotations

import click

from decisionkit._version import __version__
from decisionkit.cli._options import Group
from decisionkit.cli.assess import assess
from decisionkit.cli.convert import convert
from decisionkit.cli.new import new
from decisionkit.cli.score import score
from decisionkit.cli.simulate import simulate
from decisionkit.cli.study import study
from decisionkit.cli.validate import validate

__all__ = ["main"]


@click.group(
    cls=Group, help_key="cli.help.main", context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, "--version", "-V", prog_name="decisionkit")
def main() -> None:
    """decisionkit: decide and defend IT project options.

    Describe a decision case (YAML, JSON or Excel), then validate, simulate, assess, score
    and study it. Every command takes --lang fr|en (default: LC_ALL, LC_MESSAGES, LANG).
    """


for _command in (validate, new, convert, simulate, assess, score, study):
    main.add_command(_command)
