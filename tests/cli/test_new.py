"""decisionkit new: a starter case that validates, or a blank workbook."""

from __future__ import annotations

import decisionkit as dk
from tests.cli.conftest import flat


def test_the_yaml_template_validates_and_is_not_overwritten(run, tmp_path):
    path = tmp_path / "mine.yaml"
    result = run("new", path)
    assert result.exit_code == 0
    assert f"decisionkit validate {path}" in flat(result.output)
    assert dk.load_case(path).option_ids == ("buy", "build")
    again = run("new", path)
    assert again.exit_code == 1
    assert "exists; use --force" in flat(again.output)
    fr = run("new", path, "--lang", "fr")
    assert fr.exit_code == 1
    assert "existe déjà\u202f; ajoutez --force" in flat(fr.output)
    assert run("new", "--force", path).exit_code == 0


def test_xlsx_and_its_flag(run, tmp_path):
    result = run("new", "--xlsx", tmp_path / "case.xlsx", lang="fr_FR.UTF-8")
    assert result.exit_code == 0
    assert "écrit\u202f; complétez-le" in flat(result.output)
    assert (tmp_path / "case.xlsx").stat().st_size > 0
    wrong = run("new", "--xlsx", tmp_path / "case.yaml")
    assert wrong.exit_code == 1
    assert "name it with .xlsx" in flat(wrong.output)
