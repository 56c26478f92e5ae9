"""The notebooks: stored clean, with parameters, run headless on every example in both languages."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import decisionkit as dk

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXECUTED = ["01_quickstart.ipynb", "03_sustainability_and_skills.ipynb"]
EXAMPLES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "examples").glob("*.yaml"))
PARAMETERS = {"case", "lang", "iterations", "seed"}
ITERATIONS = 800


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _code_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def _source(cell: dict) -> str:
    src = cell["source"]
    return src if isinstance(src, str) else "".join(src)


def test_the_notebooks_are_there():
    assert {p.name for p in NOTEBOOKS} >= set(EXECUTED)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_clean(path):
    nb = _load(path)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    for cell in _code_cells(nb):
        assert cell["outputs"] == [], f"{path.name}: a cell has outputs"
        assert cell["execution_count"] is None, f"{path.name}: a cell has an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_code_cell_holds_the_annotated_parameters(path):
    first = _code_cells(_load(path))[0]
    assert "parameters" in first["metadata"].get("tags", [])
    tree = ast.parse(_source(first))
    assert all(isinstance(node, ast.AnnAssign) for node in tree.body), "every name is annotated"
    names = {node.target.id for node in tree.body}
    assert names >= PARAMETERS


@pytest.fixture(scope="session")
def python3_kernel():
    """The ``python3`` kernel runs this interpreter (installed into the venv when it does not)."""
    from jupyter_client.kernelspec import KernelSpecManager

    def ours() -> bool:
        argv0 = KernelSpecManager().get_kernel_spec("python3").argv[0]
        # jupyter_client replaces a bare "python" with the interpreter starting the kernel
        return argv0 in {"python", "python3", f"python3.{sys.version_info[1]}"} or (
            Path(argv0).resolve() == Path(sys.executable).resolve()
        )

    if not ours():
        subprocess.run(
            [sys.executable, "-m", "ipykernel", "install", "--sys-prefix", "--name", "python3"],
            check=True,
            capture_output=True,
        )
    assert ours(), "the python3 kernel is not this interpreter's (see jupyter kernelspec list)"
    return "python3"


def _run(notebook: str, tmp_path: Path, cwd: Path, **parameters) -> dict:
    import papermill as pm

    out = tmp_path / notebook
    pm.execute_notebook(
        str(ROOT / "notebooks" / notebook),
        str(out),
        parameters={"iterations": ITERATIONS, **parameters},
        kernel_name="python3",
        cwd=str(cwd),
        progress_bar=False,
    )
    return _load(out)


def _texts(nb: dict) -> str:
    parts = []
    for cell in _code_cells(nb):
        for output in cell["outputs"]:
            if output["output_type"] == "stream":
                parts.append("".join(output["text"]))
            elif "data" in output:
                parts.append("".join(output["data"].get("text/plain", "")))
    return "\n".join(parts)


def _charts_missing(nb: dict) -> list[str]:
    """The chart cells (``charts.…(st, …)``) that drew no chart: each must show an SVG
    drawn in the kernel (``charts.display_offline``), and no page that loads Vega from a CDN."""
    return [
        _source(cell)
        for cell in _code_cells(nb)
        if _source(cell).startswith("charts.")
        and not any(
            "<svg" in "".join(out.get("data", {}).get("image/svg+xml", ""))
            and "text/html" not in out.get("data", {})
            for out in cell["outputs"]
        )
    ]


def _headline(case: str, lang: str) -> str:
    st = dk.study(ROOT / case, iterations=ITERATIONS, seed=7, lang=lang)
    return st.sentences(lang)["headline"]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("case", EXAMPLES)
@pytest.mark.parametrize("notebook", EXECUTED)
def test_notebook_runs_on_every_example(notebook, case, lang, tmp_path, python3_kernel):
    nb = _run(notebook, tmp_path, ROOT, case=case, lang=lang)
    text = _texts(nb)
    assert _headline(case, lang) in text
    marker = {"fr": (" arrive en tête", "à égalité"), "en": (" ranks first", "tied")}[lang]
    assert any(m in text for m in marker)
    assert "Traceback" not in text
    assert _charts_missing(nb) == []


@pytest.mark.parametrize("notebook", EXECUTED)
def test_notebook_reads_an_absolute_path_from_its_own_folder(notebook, tmp_path, python3_kernel):
    # as JupyterLab runs it: in notebooks/, here with an absolute case path
    case = ROOT / EXAMPLES[0]
    nb = _run(notebook, tmp_path, ROOT / "notebooks", case=str(case), lang="en")
    assert _headline(EXAMPLES[0], "en") in _texts(nb)


def test_notebook_reads_a_relative_path_from_its_own_folder(tmp_path, python3_kernel):
    nb = _run(EXECUTED[0], tmp_path, ROOT / "notebooks", case=EXAMPLES[0], lang="fr")
    assert _headline(EXAMPLES[0], "fr") in _texts(nb)
