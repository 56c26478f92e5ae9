"""The bundled examples are the demo and the fixtures of every later issue: keep them honest."""

from __future__ import annotations

import pytest

import decisionkit as dk
from decisionkit.case.writers import write_case
from tests.conftest import EXAMPLES, ROOT


def test_there_are_at_least_three_examples():
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_is_a_realistic_case(path):
    case = dk.load_case(path)
    assert case.organisation
    assert case.start is not None
    assert len(case.options) == 3
    for option in case.options:
        assert 10 <= len(option.tasks) <= 40, option.id
        assert option.risks, option.id
        assert any(t.is_milestone for t in option.tasks), option.id
        assert set(option.scores) == set(case.options[0].scores)
    assert case.criteria
    assert any(r.mitigation for o in case.options for r in o.risks)
    assert any(o.correlations for o in case.options)
    kinds = {e.distribution for o in case.options for t in o.tasks for e in (t.duration, t.cost)}
    assert {"pert", "fixed"} <= kinds or {"triangular", "fixed"} <= kinds
    assert path.read_text(encoding="utf-8").count("#") >= 10  # figures are explained
    # every option has a footprint, an RGESN self-assessment and skills needs
    for option in case.options:
        assert option.footprint is not None, option.id
        assert option.eco_design is not None, option.id
        assert option.skills, option.id
    assert case.team
    assert dk.check_assessments(case) == []
    heads = {c.source.split(".")[0] for c in case.criteria}
    assert {"footprint", "skills"} <= heads


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
@pytest.mark.parametrize("suffix", [".xlsx", ".json"])
def test_example_round_trips(path, suffix, tmp_path):
    case = dk.load_case(path)
    assert dk.load_case(write_case(case, tmp_path / f"case{suffix}")) == case


def test_readme_python_example_runs(tmp_path):
    import re
    import subprocess
    import sys

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    assert blocks
    script = tmp_path / "readme_example.py"
    script.write_text("\n".join(blocks), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    assert "demo.yaml: options: the option list is empty" in run.stdout


def test_readme_yaml_example_is_a_valid_case(tmp_path):
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.findall(r"```yaml\n(.*?)```", readme, flags=re.S)[0]
    path = tmp_path / "readme.yaml"
    path.write_text(block, encoding="utf-8")
    assert dk.load_case(path).option_ids == ("saas",)
