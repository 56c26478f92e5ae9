import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decisionkit.case.network import find_cycles, topological_order


def test_order_respects_dependencies_and_keeps_input_order_for_ties():
    preds = {"c": ["a"], "a": [], "b": [], "d": ["c", "b"]}
    assert topological_order(preds) == ["a", "c", "b", "d"]  # c is listed before b


def test_cycle_is_reported_in_execution_order():
    assert find_cycles({"a": ["c"], "b": ["a"], "c": ["b"]}) == [["a", "b", "c", "a"]]


def test_self_loop_and_acyclic():
    assert find_cycles({"a": ["a"], "b": []}) == [["a", "a"]]
    assert find_cycles({"a": [], "b": ["a"]}) == []


def test_topological_order_raises_on_a_cycle_naming_it():
    with pytest.raises(ValueError, match="dependency cycle: x -> y -> x"):
        topological_order({"x": ["y"], "y": ["x"], "z": []})


@st.composite
def dags(draw):
    n = draw(st.integers(1, 25))
    names = [f"t{i}" for i in range(n)]
    preds = {
        names[i]: draw(st.lists(st.sampled_from(names[:i]), unique=True, max_size=4)) if i else []
        for i in range(n)
    }
    order = draw(st.permutations(names))
    return {k: preds[k] for k in order}


@given(dags())
def test_every_dag_gets_a_valid_order_and_no_cycle(preds):
    order = topological_order(preds)
    position = {t: i for i, t in enumerate(order)}
    assert sorted(order) == sorted(preds)
    for task, before in preds.items():
        assert all(position[p] < position[task] for p in before)
    assert find_cycles(preds) == []


@given(dags(), st.data())
def test_adding_a_back_edge_makes_a_cycle_that_is_found(preds, data):
    order = topological_order(preds)
    pairs = [(a, b) for a, b in itertools.combinations(order, 2) if a in preds[b]]
    if not pairs:
        return
    first, second = data.draw(st.sampled_from(pairs))
    preds = {k: list(v) for k, v in preds.items()}
    preds[first].append(second)  # first now also comes after second: a loop
    cycles = find_cycles(preds)
    assert cycles
    for cycle in cycles:
        assert cycle[0] == cycle[-1]
        for before, after in itertools.pairwise(cycle):
            assert before in preds[after]  # each task comes after the one before it
