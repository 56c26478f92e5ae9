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
