"""Run the command line in-process, in a chosen language and width."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from decisionkit.cli import main
from tests.conftest import ROOT

SI_RH = ROOT / "examples" / "si-rh.yaml"
DPI = ROOT / "examples" / "dpi-hopital.yaml"
PORTAIL = ROOT / "examples" / "portail-citoyen.yaml"

FRENCH_DATE = re.compile(
    r"\b\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
    r"décembre) 20\d\d\b"
)
ENGLISH_DATE = re.compile(
    r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|"
    r"December) 20\d\d\b"
)


@pytest.fixture
def run():
    """``run(*args, lang=None, columns=None)``: the result of ``decisionkit args``.

    ``lang`` sets ``LANG`` (``fr_FR.UTF-8``...) with ``LC_ALL`` and ``LC_MESSAGES`` unset: the
    default language comes from it; ``--lang`` in ``args`` overrides it. ``COLUMNS`` is 100
    unless given.
    """

    def invoke(*args, lang="C.UTF-8", columns=100):
        env = {"LANG": lang, "LC_ALL": None, "LC_MESSAGES": None, "COLUMNS": str(columns)}
        return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)

    return invoke


# a line that ends with a digit (and perhaps a no-break space) and a next line that goes on
# with digits or a unit sign: "20" / "000", "4,8" / "M€", "75" / "%"
SPLIT = re.compile(r"\d[\u00a0\u202f]?\n\s*[\u00a0\u202f]?(?:[\d%€]|[kM]€)")


def split_numbers(text: str) -> list[str]:
    """Places where a number, an amount or a percentage runs over two lines."""
    return [m.group() for m in SPLIT.finditer(text)]


def flat(text: str) -> str:
    """The output with its lines joined (at plain spaces: no-break spaces stay)."""
    return re.sub(r"[ \n]+", " ", text)


def shown(result) -> str:
    """The output of a run that succeeded, its lines joined (see :func:`flat`)."""
    assert result.exit_code == 0, result.output
    return flat(result.output)
