"""What the commands share: --lang and the help in both languages, widths, a light import."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from decisionkit.cli import main
from tests.cli.conftest import flat, split_numbers

COMMANDS = ("validate", "new", "convert", "simulate", "assess", "score", "study")


def test_every_command_is_registered():
    assert set(COMMANDS) <= set(main.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_takes_lang_and_speaks_french_in_its_help(run, command):
    fr = run(command, "--help", lang="fr_FR.UTF-8")
    assert fr.exit_code == 0
    assert "--lang [fr|en]" in fr.output
    assert "Langue des résultats, fr ou en" in flat(fr.output)
    en = run(command, "--lang", "en", "--help", lang="fr_FR.UTF-8")
    assert "Language of the output, fr or en" in flat(en.output)


def test_the_group_help_lists_the_commands_in_the_reader_language(run):
    fr = flat(run("--help", lang="fr_FR.UTF-8").output)
    assert "décider et défendre les options d’un projet numérique" in fr
    assert "study" in fr
    assert "Étudie CASE_FILE" in fr
    en = flat(run("--help").output)
    assert "decide and defend IT project options" in en


def test_version(run):
    import decisionkit as dk

    result = run("--version")
    assert result.exit_code == 0
    assert dk.__version__ in result.output


def test_importing_the_command_line_stays_light():
    code = (
        "import sys, decisionkit.cli; heavy = {'rich', 'pandas', 'numpy', 'yaml', 'babel', "
        "'decisionkit.risk', 'decisionkit.studies'}; print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_console_honours_columns_when_piped(monkeypatch):
    from decisionkit.cli._common import PIPE_WIDTH, console

    monkeypatch.setenv("COLUMNS", "72")
    assert console().width == 72
    monkeypatch.delenv("COLUMNS")
    assert console().width == PIPE_WIDTH


def test_sentences_wrap_at_plain_spaces_only():
    from rich.console import Console

    from decisionkit.cli._common import paragraph

    out = Console(width=24, record=True, file=io.StringIO())
    paragraph(out, "Un coût de 4,8\u00a0M€ pour 20\u202f000 itérations et 75\u202f% des cas.")
    text = out.export_text()
    for number in ("4,8\u00a0M€", "20\u202f000", "75\u202f%"):
        assert number in text
    assert split_numbers(text) == []
    assert split_numbers("un coût de 4,8\nM€")
    assert split_numbers("20\n000")
    assert not split_numbers("1.5,\n1.9")


def test_tables_drop_optional_columns_and_never_cut_a_cell():
    from rich.console import Console

    from decisionkit.cli._print import Column, print_table

    columns = [
        Column("Option", justify="left", wrap=True),
        Column("Identifiant", drop=1),
        Column("Mise en service à P80"),
        Column("Investissement à P80"),
    ]
    rows = [["Développement interne sur socle open source", "build", "13 août 2029", "7,6\u00a0M€"]]
    for width, shown in ((120, [0, 1, 2, 3]), (60, [0, 2, 3])):
        out = Console(width=width, record=True, file=io.StringIO())
        assert print_table(out, columns, rows) == shown
        text = out.export_text()
        assert max(map(len, text.splitlines())) <= width
        assert "13 août 2029" in text
        assert "7,6\u00a0M€" in text
        assert "…" not in text
