"""The reference documents show what their examples print (tools/doc_outputs.py checks each
Python block against the text block after it, and each pycon session; --write refreshes)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

CHECKED = ("docs/assessments.md", "docs/simulation.md", "docs/mcda.md")


@pytest.mark.parametrize("document", CHECKED)
def test_the_document_shows_what_its_examples_print(document):
    run = subprocess.run(
        [sys.executable, "tools/doc_outputs.py", document],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "0 stale output block(s)" in run.stdout
