"""Architecture: lower layers never import higher ones; siblings of one layer stay apart."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "decisionkit"

LAYERS = {
    "_version": 0,
    "_threads": 0,  # BLAS thread limits of the hot paths
    "rng": 0,
    "resources": 0,
    "i18n": 0,  # fr/en catalogues and babel formatting
    "errors": 0.5,  # its rules and problem lists are catalogue messages
    "case": 1,
    "montecarlo": 1.5,  # shared samplers and outcomes, below the engines that use them
    "risk": 2,
    "mcda": 2,
    "sustainability": 2,
    "skills": 2,
    "appraisal": 3,  # a package: assess (wiring of the layer-2 engines) and matrix
    "studies": 3.5,  # wires the appraisal with the simulation and assessments; views read it
    "charts": 4,
    "widgets": 5,
    "memo": 5,
    "cli": 6,
    "__main__": 7,  # the entry points sit on top: they may import anything
    "__init__": 7,  # the package root re-exports the public API
}


def unit(module: str) -> str:
    """The layer unit of a dotted module name inside decisionkit (``case``, ``risk``...)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def modules():
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC.parent).with_suffix("")
        name = ".".join(rel.parts)
        yield (
            name.removesuffix(".__init__")
            if name.endswith(".__init__") and name.count(".") > 1
            else name,
            path,
        )


def imports(path: Path, name: str):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                yield ".".join([*base, node.module] if node.module else base)
            elif node.module:
                yield node.module


ALL = list(modules())


def test_every_module_belongs_to_a_layer():
    unknown = {unit(name) for name, _ in ALL} - set(LAYERS)
    assert not unknown, f"add these to LAYERS: {unknown}"


@pytest.mark.parametrize(("name", "path"), ALL, ids=[n for n, _ in ALL])
def test_no_upward_or_sideways_import(name, path):
    mine = unit(name)
    for target in imports(path, name):
        if not target.startswith("decisionkit"):
            continue
        theirs = unit(target) if target != "decisionkit" else "__init__"
        if theirs == mine:
            continue
        assert LAYERS[theirs] < LAYERS[mine], (
            f"{name} (layer {LAYERS[mine]}) imports {target} (layer {LAYERS[theirs]})"
        )


def test_import_decisionkit_stays_light():
    import subprocess
    import sys

    code = (
        "import sys, decisionkit; heavy = {'altair', 'ipywidgets', 'papermill', 'nbconvert', "
        "'pandas', 'openpyxl', 'rich', 'click'}; print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
