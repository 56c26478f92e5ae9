"""Normalising a stack of matrices equals normalising each one alone (SMAA relies on it)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from decisionkit.mcda.normalization import NORMALIZATIONS, normalize, scale

stacks = st.tuples(st.integers(1, 4), st.integers(2, 5), st.integers(1, 4)).flatmap(
    lambda shape: arrays(float, shape, elements=st.floats(0.5, 1e6, allow_nan=False))
)


@pytest.mark.parametrize("method", NORMALIZATIONS)
@given(data=stacks, flags=st.lists(st.booleans(), min_size=4, max_size=4))
def test_a_stack_is_normalised_matrix_by_matrix(method, data, flags):
    benefit = np.array(flags[: data.shape[2]])
    stacked = normalize(data, benefit, method)
    alone = np.stack([normalize(m, benefit, method) for m in data])
    np.testing.assert_array_equal(stacked, alone)
    np.testing.assert_array_equal(scale(data, method), np.stack([scale(m, method) for m in data]))


def test_a_constant_column_of_one_matrix_does_not_affect_the_others():
    data = np.array([[[1.0, 5.0], [1.0, 7.0]], [[2.0, 5.0], [4.0, 7.0]]])
    out = normalize(data, np.array([True, True]), "minmax")
    np.testing.assert_array_equal(out[0, :, 0], [1.0, 1.0])  # constant: no discrimination
    np.testing.assert_array_equal(out[1, :, 0], [0.0, 1.0])
