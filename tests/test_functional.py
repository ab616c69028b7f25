"""Tests of the functional API, :func:`mixup_sklearn.mixup`."""

import tracemalloc

import numpy as np
import pandas as pd
import pytest
from _data import (
    TABLES,
    column_cells,
    concat_tables,
    distinct_rows,
    frame_of_every_dtype,
    table_column_names,
    table_dtypes,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose, assert_array_equal
from scipy import sparse
from sklearn.datasets import load_iris

from mixup_sklearn import (
    MixupSampler,
    mixup,
)


@pytest.fixture
def data():
    rng = np.random.RandomState(0)
    return rng.normal(size=(20, 3)), rng.randint(0, 2, size=20)


def _blend_ok(X, y, X_new, y_new, tol=1e-12):
    """Each synthetic row must be λx_a + (1 − λ)x_p for some pair and one λ."""
    for row, target in zip(X_new, y_new, strict=True):
        found = False
        for anchor in range(len(X)):
            for partner in range(len(X)):
                diff = X[anchor] - X[partner]
                if not np.any(diff):
                    continue
                k = np.argmax(np.abs(diff))
                lam = (row[k] - X[partner, k]) / diff[k]
                if (
                    -tol <= lam <= 1 + tol
                    and np.allclose(row, lam * X[anchor] + (1 - lam) * X[partner])
                    and np.isclose(target, lam * y[anchor] + (1 - lam) * y[partner])
                ):
                    found = True
        if not found:
            return False
    return True


def test_returns_synthetic_rows_mixed_with_one_lambda(data):
    X, y = data
    X_new, y_new = mixup(X, y, alpha=1.0, random_state=0)
    assert X_new.shape == X.shape and y_new.shape == y.shape
    assert _blend_ok(X, y, X_new, y_new)


def test_binary_labels_become_soft_values_in_unit_interval(data):
    X, y = data
    _, y_new = mixup(X, y, alpha=1.0, random_state=0)
    assert y_new.dtype == np.float64
    assert np.all((y_new >= 0) & (y_new <= 1))
    assert np.any((y_new > 0) & (y_new < 1))


def test_y_none_returns_only_X(data):
    X, _ = data
    out = mixup(X, random_state=0)
    assert isinstance(out, np.ndarray) and out.shape == X.shape


def test_alpha_zero_returns_exact_input_rows(data):
    X, y = data
    X_new, y_new = mixup(X, y, alpha=0, random_state=0)
    assert_array_equal(X_new, X)
    assert_array_equal(y_new, y)


@pytest.mark.parametrize(
    ("n_samples", "expected"), [(None, 20), (7, 7), (45, 45), (2.0, 40), (0.26, 5)]
)
def test_n_samples(data, n_samples, expected):
    X, y = data
    X_new, y_new = mixup(X, y, n_samples=n_samples, random_state=0)
    assert len(X_new) == len(y_new) == expected


def test_concat_puts_originals_first(data):
    X, y = data
    X_new, y_new = mixup(X, y, concat=True, random_state=0)
    X_syn, y_syn = mixup(X, y, random_state=0)
    assert_array_equal(X_new[:20], X)
    assert_array_equal(y_new[:20], y)
    assert_array_equal(X_new[20:], X_syn)
    assert_array_equal(y_new[20:], y_syn)


def test_one_hot_and_multi_output_targets_share_lambda_with_x():
    X = np.array([[0.0], [1.0], [3.0], [7.0]])
    Y = np.eye(4)
    X_new, Y_new = mixup(X, Y, alpha=1.0, n_samples=50, random_state=0)
    assert_allclose(Y_new.sum(axis=1), 1.0)
    # Y is one-hot, so its entries are the anchor and partner weights.
    assert_allclose(X_new[:, 0], Y_new @ X[:, 0])


def test_same_random_state_same_result_and_different_seeds_differ(data):
    X, y = data
    first = mixup(X, y, random_state=3)
    second = mixup(X, y, random_state=3)
    other = mixup(X, y, random_state=4)
    assert_array_equal(first[0], second[0])
    assert not np.array_equal(first[0], other[0])


def test_float32_stays_float32_and_ints_become_float64(data):
    X, y = data
    assert mixup(X.astype(np.float32), random_state=0).dtype == np.float32
    assert mixup((X * 10).astype(np.int64), random_state=0).dtype == np.float64


def test_alpha_zero_keeps_integer_dtypes(data):
    X, y = data
    X_int = (X * 10).astype(np.int16)
    X_new, y_new = mixup(X_int, y, alpha=0, random_state=0)
    assert X_new.dtype == np.int16 and y_new.dtype == y.dtype
    assert_array_equal(X_new, X_int)
    assert_array_equal(y_new, y)


def test_containers_round_trip():
    iris = load_iris(as_frame=True)
    X_df, y_s = iris.data, iris.target.astype(float).rename("target")
    X_new, y_new = mixup(X_df, y_s, random_state=0)
    assert isinstance(X_new, pd.DataFrame) and list(X_new.columns) == list(X_df)
    assert isinstance(y_new, pd.Series) and y_new.name == "target"
    y_frame = mixup(X_df, y_s.to_frame(), random_state=0)[1]
    assert isinstance(y_frame, pd.DataFrame) and list(y_frame.columns) == ["target"]


def test_one_d_input_stays_one_d():
    x = np.linspace(0, 1, 10)
    out = mixup(x, random_state=0)
    assert out.shape == (10,)
    assert np.all((out >= 0) & (out <= 1))


def test_integer_dataframe_columns_become_float_not_truncated():
    frame = pd.DataFrame({"count": [0, 10, 20, 30], "size": [1.5, 2.5, 3.5, 4.5]})
    out = mixup(frame, alpha=1.0, random_state=0)
    assert out["count"].dtype == np.float64
    assert not np.all(out["count"] % 10 == 0)
    same = mixup(frame, alpha=0.0, random_state=0)
    pd.testing.assert_frame_equal(same, frame)


@pytest.mark.parametrize("fmt", ["csr", "csc", "coo"])
def test_sparse_stays_sparse_in_its_format_and_matches_dense(fmt, data):
    X, y = data
    X_sparse = sparse.random(20, 3, density=0.3, random_state=0, format=fmt)
    out = mixup(X_sparse, y, random_state=0)[0]
    assert sparse.issparse(out) and out.format == fmt
    dense = mixup(X_sparse.toarray(), y, random_state=0)[0]
    assert_allclose(out.toarray(), dense)


def test_inputs_are_not_modified(data):
    X, y = data
    X_copy, y_copy = X.copy(), y.copy()
    mixup(X, y, concat=True, random_state=0)
    assert_array_equal(X, X_copy)
    assert_array_equal(y, y_copy)
    with pytest.raises(ValueError):
        mixup(X, y[:-1])
    assert_array_equal(X, X_copy)


@pytest.mark.parametrize(
    ("alpha", "concat"), [(0.0, False), (0.0, True), (1.0, False), (1.0, True)]
)
def test_blend_allocates_no_full_size_temporary(alpha, concat):
    # The output is allocated once; blocks of temporaries stay small. A copy
    # of X[anchors] (alpha=0 rows) would double the peak memory.
    X = np.random.RandomState(0).normal(size=(4000, 250))
    tracemalloc.start()
    try:
        out = mixup(X, alpha=alpha, concat=concat, random_state=0)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1.25 * out.nbytes


@pytest.mark.parametrize("alpha", [1e-300, 5e-324, 1e-6, 0.2, 1.0, 4.0, 1e6])
def test_any_alpha_gives_finite_convex_output(alpha, data):
    X, y = data
    X_new, y_new = mixup(X, y, alpha=alpha, random_state=0)
    assert np.all(np.isfinite(X_new)) and np.all(np.isfinite(y_new))
    assert np.all((y_new >= 0) & (y_new <= 1))


def test_huge_alpha_mixes_to_the_midpoint():
    X = np.array([[0.0], [2.0]])
    out = mixup(X, alpha=1e6, random_state=0)
    assert_allclose(out.ravel(), [1.0, 1.0], atol=0.01)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"alpha": -1}, ValueError, "'alpha' parameter"),
        ({"alpha": "one"}, ValueError, "'alpha' parameter"),
        ({"alpha": np.nan}, ValueError, "'alpha' parameter"),
        ({"n_samples": 0}, ValueError, "'n_samples' parameter"),
        ({"n_samples": -2.0}, ValueError, "'n_samples' parameter"),
        ({"n_samples": "all"}, ValueError, "'n_samples' parameter"),
        ({"n_samples": 0.001}, ValueError, "n_samples=0.001"),
        ({"concat": 1}, ValueError, "'concat' parameter"),
        ({"random_state": "seed"}, ValueError, "'random_state' parameter"),
    ],
)
def test_bad_parameters_are_refused_with_their_name(kwargs, error, match, data):
    X, y = data
    with pytest.raises(error, match=match):
        mixup(X, y, **kwargs)


@pytest.mark.parametrize(
    ("X", "y", "match"),
    [
        (3.0, None, "'X' parameter of mixup"),
        ("abc", None, "'X' parameter of mixup"),
        (np.ones((3, 2)), "abc", "'y' parameter of mixup"),
        (np.ones((3, 2)), 3, "'y' parameter of mixup"),
    ],
)
def test_bad_X_or_y_types_are_refused_with_their_name(X, y, match):
    with pytest.raises(ValueError, match=match):
        mixup(X, y)


@pytest.mark.parametrize(
    ("X", "y", "match"),
    [
        (np.ones((4, 2)), np.ones(3), "same number of rows"),
        (np.array([[np.nan, 1.0], [1.0, 1.0]]), None, "X contains NaN"),
        (np.array([[np.inf, 1.0], [1.0, 1.0]]), None, "X contains infinity"),
        (np.ones((2, 2)), np.array([0.0, np.nan]), "y contains NaN"),
        (np.array([["a", "b"], ["c", "d"]], dtype=object), None, "X must be numeric"),
        (np.ones((2, 2)), np.array(["a", "b"], dtype=object), "y must be numeric"),
        (np.ones((2, 2, 2)), None, "X must be 1-D or 2-D"),
        (np.ones((0, 3)), None, "0 sample"),
        # Mixed values are not among the categories: cast back, they are NaN.
        (
            pd.DataFrame({"a": [0.0, 1.0], "c": pd.Categorical([0, 1])}),
            None,
            r"X has non-numeric columns \['c'\]",
        ),
        (
            pd.DataFrame({"a": [0.0, 1.0], "c": pd.Categorical(["x", "y"])}),
            None,
            r"X has non-numeric columns \['c'\]",
        ),
        (np.ones((2, 2)), pd.Series(pd.Categorical([0, 1])), "y has a category dtype"),
    ],
)
def test_bad_data_is_refused_with_a_clear_message(X, y, match):
    with pytest.raises(ValueError, match=match):
        mixup(X, y)


@settings(max_examples=40, deadline=None)
@given(
    X=arrays(
        np.float64,
        st.tuples(st.integers(2, 12), st.integers(1, 4)),
        elements=st.floats(-1e6, 1e6),
    ),
    alpha=st.floats(0, 10),
    seed=st.integers(0, 2**31 - 1),
)
def test_property_rows_stay_in_the_bounding_box_and_one_hot_y_sums_to_one(
    X, alpha, seed
):
    Y = np.eye(len(X))
    X_new, Y_new = mixup(X, Y, alpha=alpha, random_state=seed)
    # Convexity: every synthetic value lies between the column's min and max.
    scale = 1e-9 * (1 + np.abs(X).max())
    assert np.all(X_new >= X.min(axis=0) - scale)
    assert np.all(X_new <= X.max(axis=0) + scale)
    # One shared λ: Y_new holds the weights, which rebuild X_new exactly.
    assert_allclose(Y_new.sum(axis=1), 1.0)
    assert_allclose(X_new, Y_new @ X, atol=scale)
    # Determinism.
    assert_array_equal(mixup(X, Y, alpha=alpha, random_state=seed)[0], X_new)


pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")


def test_mixup_cutmix_mixes_y_with_the_share():
    X = distinct_rows(20, 5, 10)
    y = np.random.RandomState(10).rand(20)
    X_new, y_new = mixup(X, y, method="cutmix", random_state=0)
    # mixup() uses the same draws as the sampler.
    sampler = MixupSampler(method="cutmix", target="regression", random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    np.testing.assert_array_equal(X_new, X_res)
    np.testing.assert_allclose(y_new, y_res)


def test_mixup_cutmix_on_a_dataframe_keeps_every_dtype():
    frame = frame_of_every_dtype()
    out = mixup(frame, method="cutmix", concat=True, random_state=0)
    assert (out.dtypes == frame.dtypes).all()
    assert out.iloc[:40].equals(frame)
    assert len(out) == 80


def test_mixup_cutmix_one_d_and_alpha_zero():
    x = np.arange(10, dtype=np.int32)
    out = mixup(x, method="cutmix", random_state=0)
    assert out.dtype == np.int32 and out.shape == (10,)
    assert np.all(np.isin(out, x))
    np.testing.assert_array_equal(mixup(x, method="cutmix", alpha=0), x)


@pytest.mark.parametrize("library", list(TABLES))
def test_mixup_cutmix_keeps_every_dtype_with_concat(library):
    X = TABLES[library](12)
    X_new = mixup(X, method="cutmix", concat=True, alpha=1.0, random_state=0)
    assert table_dtypes(X_new) == table_dtypes(X)
    assert len(concat_tables([X, X_new])) == 36
    for column in table_column_names(X):
        assert column_cells(X_new, column)[:12] == column_cells(X, column)
