import pytest

import decisionkit as dk


def test_all_is_sorted_and_exported():
    assert list(dk.__all__) == sorted(dk.__all__)
    for name in dk.__all__:
        assert hasattr(dk, name), name


def test_public_callables_have_docstrings():
    for name in dk.__all__:
        obj = getattr(dk, name)
        if callable(obj):
            assert obj.__doc__, name
            assert obj.__doc__.strip(), name


def run_fresh(code: str) -> str:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_import_decisionkit_loads_no_engine():
    # the public names are imported on first use; scipy.special, once imported for ndtri
    # alone, cost more than the rest of the package
    code = (
        "import sys, decisionkit; print(sorted({m.split('.')[0] for m in sys.modules} "
        "& {'scipy', 'numpy', 'pydantic', 'yaml', 'threadpoolctl'}))"
    )
    assert run_fresh(code) == "[]"


def test_public_names_import_on_first_use():
    assert set(dk.__all__) <= set(dir(dk))
    code = (
        "import decisionkit as dk\n"
        "from decisionkit import simulate, Case\n"
        "from decisionkit.appraisal import simulate as s\n"
        "from decisionkit.case import Case as C\n"
        "assert simulate is s and Case is C and dk.simulate is s\n"
        "ns = {}\n"
        "exec('from decisionkit import *', ns)\n"
        "print(sorted(set(dk.__all__) - set(ns)))"
    )
    assert run_fresh(code) == "[]"
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        dk.nothing  # noqa: B018
