"""decisionkit convert: YAML, JSON and Excel, without loss."""

from __future__ import annotations

import decisionkit as dk
from tests.cli.conftest import flat
from tests.conftest import EXAMPLES, VALID_YAML


def test_round_trip(run, tmp_path):
    source = EXAMPLES[0]
    xlsx, back = tmp_path / "case.xlsx", tmp_path / "back.yaml"
    result = run("convert", source, xlsx)
    assert result.exit_code == 0
    assert f"wrote {xlsx} (3 options)" in flat(result.output)
    fr = run("convert", xlsx, back, lang="fr_FR.UTF-8")
    assert fr.exit_code == 0
    assert f"{back} écrit (3 options)." in flat(fr.output)
    assert dk.load_case(back) == dk.load_case(source)
    assert run("convert", source, xlsx).exit_code == 1  # no silent overwrite
    assert run("convert", "--force", source, xlsx).exit_code == 0


def test_bad_input_and_bad_target(run, case_file, tmp_path):
    bad = case_file(VALID_YAML.replace("horizon_years: 5", "horizon_years: 0"))
    result = run("convert", bad, tmp_path / "out.json")
    assert result.exit_code == 1
    assert f"✗ {bad}: 1 problem" in flat(result.output)
    assert "horizon_years 0 must be between 1 and 50" in flat(result.output)
    assert not (tmp_path / "out.json").exists()
    result = run("convert", case_file(VALID_YAML, "ok.yaml"), tmp_path / "out.csv")
    assert result.exit_code == 1
    assert "cannot write '.csv'" in flat(result.output)
    missing = run("convert", tmp_path / "nope.yaml", tmp_path / "out.json", "--lang", "fr")
    assert missing.exit_code == 1
    assert "fichier introuvable" in flat(missing.output)
