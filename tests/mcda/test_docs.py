"""docs/mcda.md shows what its examples print (tools/doc_outputs.py; --write refreshes)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_mcda_doc_shows_what_its_examples_print():
    run = subprocess.run(
        [sys.executable, "tools/doc_outputs.py", "docs/mcda.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "0 stale output block(s)" in run.stdout
