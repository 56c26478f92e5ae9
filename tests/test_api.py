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


def test_import_decisionkit_does_not_load_scipy():
    # scipy.special was imported for ndtri alone; it cost more than the rest of the package
    import subprocess
    import sys

    code = "import sys, decisionkit; print(sorted(m for m in sys.modules if m.startswith('scipy')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
