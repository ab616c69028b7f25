"""Missing values, opt-in (issue 23 item 3): ``missing="propagate"`` and
``missing="observed"`` in every entry point, in every container."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from imblearn.pipeline import make_pipeline
from scipy import sparse
from sklearn.ensemble import (
    HistGradientBoostingClassifier,
    HistGradientBoostingRegressor,
)
from sklearn.utils._param_validation import InvalidParameterError

from mixup_sklearn import (
    MixupClassifier,
    MixupRegressor,
    MixupSampler,
    mixup,
    mixup_batches,
)
from mixup_sklearn._mixing import blend

MODES = ["propagate", "observed"]


def _with_gaps(n_rows=40, n_columns=3, share=0.25, seed=0):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n_rows, n_columns))
    X[rng.uniform(size=X.shape) < share] = np.nan
    y = np.arange(n_rows) % 2
    return X, y


def _expected(X, pairs, lambdas, missing):
    """The rule, cell by cell, written independently of the kernel."""
    out = np.empty((len(pairs), X.shape[1]))
    for row, ((anchor, partner), lam) in enumerate(zip(pairs, lambdas, strict=True)):
        for column in range(X.shape[1]):
            a, p = X[anchor, column], X[partner, column]
            if lam == 1:
                out[row, column] = a
            elif np.isnan(a) and np.isnan(p):
                out[row, column] = np.nan
            elif np.isnan(a) or np.isnan(p):
                if missing == "propagate":
                    out[row, column] = np.nan
                else:
                    out[row, column] = p if np.isnan(a) else a
            else:
                out[row, column] = lam * a + (1 - lam) * p
    return out


# --- the rule on hand examples ----------------------------------------------


@pytest.mark.parametrize(
    "missing, expected",
    [
        ("propagate", [[0.5, np.nan, np.nan], [0.0, np.nan, np.nan]]),
        ("observed", [[0.5, 4.0, np.nan], [0.0, np.nan, np.nan]]),
    ],
)
@pytest.mark.parametrize("container", [np.asarray, sparse.csr_matrix])
def test_blend_rule_by_hand(missing, expected, container):
    # Row 0 blends [0, nan, nan] (λ = 0.75) with [2, 4, nan]; row 1 is a copy
    # of [0, nan, nan] (λ = 1), missing cells included, in both modes.
    X = container(np.array([[0.0, np.nan, np.nan], [2.0, 4.0, np.nan]]))
    out = blend(
        X,
        np.array([0, 0]),
        np.array([1, 1]),
        np.array([0.75, 1.0]),
        missing=missing,
    )
    out = out.toarray() if sparse.issparse(out) else out
    np.testing.assert_array_equal(out, expected)


@pytest.mark.parametrize("missing", MODES)
def test_sparse_explicit_nan_agrees_with_dense(missing):
    # An absent entry of a sparse row is an observed 0.
    dense = np.array([[1.0, np.nan, 0.0, 2.0], [3.0, 0.0, np.nan, np.nan]])
    X = sparse.csr_matrix(dense)
    assert np.isnan(X.data).sum() == 3
    anchors, partners = np.array([0, 1, 0]), np.array([1, 0, 0])
    lambdas = np.array([0.6, 0.7, 1.0])
    out = blend(X, anchors, partners, lambdas, missing=missing)
    assert sparse.issparse(out) and out.format == "csr"
    np.testing.assert_array_equal(
        out.toarray(), blend(dense, anchors, partners, lambdas, missing=missing)
    )
    if missing == "observed":
        # Filled from an absent entry: no stored zero is left.
        assert not (out.data == 0).any()


@pytest.mark.parametrize("missing", MODES)
def test_sampler_follows_the_rule(missing):
    X, y = _with_gaps()
    sampler = MixupSampler(alpha=1.0, missing=missing, random_state=0)
    X_new, _ = sampler.fit_resample(X, y)
    np.testing.assert_allclose(
        X_new, _expected(X, sampler.pairs_, sampler.lambdas_, missing), rtol=1e-12
    )


@pytest.mark.parametrize("missing", MODES)
def test_float32_stays_float32(missing):
    X, y = _with_gaps()
    X_new, _ = MixupSampler(missing=missing, random_state=0).fit_resample(
        X.astype(np.float32), y
    )
    assert X_new.dtype == np.float32
    assert np.isnan(X_new).any()


@pytest.mark.parametrize("missing", MODES)
def test_cutmix_copies_missing_cells(missing):
    X, y = _with_gaps()
    sampler = MixupSampler(method="cutmix", missing=missing, random_state=0)
    X_new, _ = sampler.fit_resample(X, y)
    anchors, partners = X[sampler.pairs_[:, 0]], X[sampler.pairs_[:, 1]]
    same = lambda a, b: (a == b) | (np.isnan(a) & np.isnan(b))  # noqa: E731
    assert (same(X_new, anchors) | same(X_new, partners)).all()
    # The same cells in both modes: swapping does not blend.
    other = MixupSampler(
        method="cutmix",
        missing="observed" if missing == "propagate" else "propagate",
        random_state=0,
    ).fit_resample(X, y)[0]
    np.testing.assert_array_equal(X_new, other)


def test_copies_are_exact_with_alpha_zero():
    X, y = _with_gaps()
    for missing in MODES:
        np.testing.assert_array_equal(
            mixup(X, alpha=0, missing=missing, random_state=0), X
        )


@pytest.mark.parametrize("missing", MODES)
def test_list_and_masked_array(missing):
    X_list = [[1.0, None], [3.0, 4.0], [None, 6.0]]
    out = mixup(X_list, alpha=0, missing=missing)
    assert out[0][1] != out[0][1] and out[2][0] != out[2][0]  # NaN
    masked = np.ma.masked_array([[1.0, 2.0], [3.0, 4.0]], mask=[[0, 1], [0, 0]])
    assert np.isnan(mixup(masked, alpha=0, missing=missing)[0, 1])


# --- containers keep their missing markers ----------------------------------


@pytest.mark.parametrize("missing", MODES)
def test_pandas_nullable_integers(missing):
    X = pd.DataFrame(
        {
            "count": pd.array([1, None, 3, 4, None, 6], dtype="Int64"),
            "share": pd.array([0.5, 0.25, None, 1.0, 0.0, 0.75], dtype="Float64"),
        }
    )
    y = np.array([0, 1] * 3)
    # Copies: the input itself, pd.NA and nullable dtypes included.
    pd.testing.assert_frame_equal(mixup(X, alpha=0, missing=missing), X)
    # Rounded integers keep Int64, with pd.NA where the rule leaves a gap.
    sampler = MixupSampler(
        alpha=1.0, round_integers=True, missing=missing, random_state=0
    )
    X_new, _ = sampler.fit_resample(X, y)
    assert X_new.dtypes.tolist() == [pd.Int64Dtype(), pd.Float64Dtype()]
    expected = _expected(
        X.astype("float64").to_numpy(), sampler.pairs_, sampler.lambdas_, missing
    )
    np.testing.assert_array_equal(
        X_new["count"].isna().to_numpy(), np.isnan(expected[:, 0])
    )
    np.testing.assert_array_equal(
        X_new["share"].isna().to_numpy(), np.isnan(expected[:, 1])
    )
    assert X_new["count"].isna().any() == (missing == "propagate")
    # Interpolated integers come back as floats, NaN for the gaps.
    blended = mixup(X, alpha=1.0, missing=missing, random_state=0)
    assert blended["count"].dtype == np.float64


@pytest.mark.parametrize("missing", MODES)
def test_categorical_column_with_missing_values(missing):
    X = pd.DataFrame(
        {
            "size": [1.0, np.nan, 3.0, 4.0, 5.0, 6.0],
            "colour": pd.Categorical(["red", None, "blue", "red", None, "blue"]),
        }
    )
    y = np.array([0, 1] * 3)
    sampler = MixupSampler(categorical_features="auto", missing=missing, random_state=0)
    X_new, _ = sampler.fit_resample(X, y)
    assert X_new["colour"].dtype == X["colour"].dtype
    anchors = sampler.pairs_[:, 0]
    np.testing.assert_array_equal(
        X_new["colour"].isna().to_numpy(), X["colour"].isna().to_numpy()[anchors]
    )
    # CutMix swaps the categorical cells of a DataFrame as they are.
    X_cut = mixup(X, method="cutmix", missing=missing, random_state=0)
    assert X_cut["colour"].dtype == X["colour"].dtype
    assert X_cut["colour"].isna().any()


@pytest.mark.parametrize("missing", MODES)
def test_polars_nulls_stay_nulls(missing):
    pl = pytest.importorskip("polars")
    X = pl.DataFrame(
        {"count": [1, None, 3, 4, None, 6], "size": [0.5, 1.5, None, 2.0, 3.0, None]}
    )
    np.testing.assert_array_equal(
        mixup(X, alpha=0, missing=missing).to_numpy(), X.to_numpy()
    )
    X_new = mixup(X, alpha=1.0, missing=missing, random_state=0)
    # With two gaps among six rows, some blend has a missing parent.
    assert (X_new["size"].null_count() > 0) == (missing == "propagate")
    for column in X_new.columns:
        # A missing cell is null, as in the input, never NaN.
        assert X_new[column].is_nan().sum() == 0
    rounded, _ = MixupSampler(
        round_integers=True, missing=missing, random_state=0
    ).fit_resample(X, np.array([0, 1] * 3))
    assert rounded["count"].dtype == pl.Int64
    assert (rounded["count"].null_count() > 0) == (missing == "propagate")
    assert rounded["count"].is_nan().sum() == 0


# --- what stays refused ------------------------------------------------------


@pytest.mark.parametrize("missing", MODES)
def test_infinity_still_refused(missing):
    X, y = _with_gaps()
    X[3, 0] = np.inf
    with pytest.raises(ValueError, match="infinity"):
        mixup(X, missing=missing)
    with pytest.raises(ValueError, match="infinity"):
        MixupSampler(missing=missing).fit_resample(X, y)
    with pytest.raises(ValueError, match="infinity"):
        list(mixup_batches(X, y, missing=missing, batch_size=8))
    with pytest.raises(ValueError, match="infinity"):
        mixup(pd.DataFrame(X), method="cutmix", missing=missing)


@pytest.mark.parametrize("missing", MODES)
def test_missing_target_refused(missing):
    X, _ = _with_gaps()
    y = np.linspace(0, 1, len(X))
    y[5] = np.nan
    with pytest.raises(ValueError, match="y contains NaN"):
        mixup(X, y, missing=missing)
    with pytest.raises(ValueError, match="y contains NaN"):
        MixupSampler(target="regression", missing=missing).fit_resample(X, y)
    with pytest.raises(ValueError, match="y has 1 missing value"):
        MixupSampler(missing=missing).fit_resample(
            X, pd.Series(pd.array([0, 1] * 19 + [None, 1], dtype="Int64"))
        )


def test_default_still_refuses_missing_values():
    X, y = _with_gaps()
    with pytest.raises(ValueError, match="Input X contains NaN"):
        mixup(X)
    with pytest.raises(ValueError, match="Input X contains NaN"):
        MixupSampler().fit_resample(X, y)
    with pytest.raises(ValueError, match="X contains NaN"):
        list(mixup_batches(X, y))
    with pytest.raises(ValueError, match="column 'a' has 1 missing value"):
        mixup(pd.DataFrame({"a": [1.0, np.nan, 2.0]}))


def test_knn_refuses_missing_values():
    X, y = _with_gaps()
    with pytest.raises(ValueError, match="pairing='knn' measures distances"):
        MixupSampler(pairing="knn", missing="propagate").fit_resample(X, y)


@pytest.mark.parametrize("bad", ["drop", "", None, 1, "Propagate"])
def test_bad_values_of_missing(bad):
    X, y = _with_gaps()
    pattern = r"'missing' parameter .* must be a str among"
    with pytest.raises(InvalidParameterError, match=pattern):
        mixup(X, missing=bad)
    with pytest.raises(InvalidParameterError, match=pattern):
        MixupSampler(missing=bad).fit_resample(X, y)
    with pytest.raises(InvalidParameterError, match=pattern):
        mixup_batches(X, y, missing=bad)
    with pytest.raises(InvalidParameterError, match=pattern):
        MixupClassifier(HistGradientBoostingClassifier(), missing=bad).fit(X, y)
    with pytest.raises(InvalidParameterError, match=pattern):
        MixupRegressor(HistGradientBoostingRegressor(), missing=bad).fit(X, y)


# --- with a model that takes NaN ---------------------------------------------


@pytest.mark.parametrize("missing", MODES)
def test_pipeline_with_a_nan_native_model(missing):
    rng = np.random.RandomState(0)
    X = rng.normal(size=(200, 4))
    y = (X[:, 0] + X[:, 1] > 0).astype(int)
    X[rng.uniform(size=X.shape) < 0.2] = np.nan
    model = make_pipeline(
        MixupSampler(missing=missing, random_state=0),
        HistGradientBoostingClassifier(max_iter=30, random_state=0),
    )
    # The model learnt the signal through the gaps.
    assert model.fit(X, y).score(X, y) > 0.75


@pytest.mark.parametrize("missing", MODES)
def test_meta_estimators_and_batches_mix_missing_values(missing):
    X, y = _with_gaps(n_rows=60)
    model = MixupClassifier(
        HistGradientBoostingClassifier(max_iter=10), missing=missing, random_state=0
    )
    assert model.fit(X, y).predict(X).shape == (60,)
    assert model.__sklearn_tags__().input_tags.allow_nan
    X_batch, Y_batch = next(
        mixup_batches(X, y, batch_size=60, alpha=1.0, missing=missing, random_state=0)
    )
    assert X_batch.shape == (60, 3) and not np.isnan(Y_batch).any()
    n_gaps = np.isnan(X_batch).sum()
    # Every row anchors once: propagating adds the partners' gaps, filling
    # leaves only those of both parents.
    assert (n_gaps > np.isnan(X).sum()) == (missing == "propagate")


def test_dask_passes_missing_through():
    da = pytest.importorskip("dask.array")
    X, y = _with_gaps()
    for missing in MODES:
        X_new = mixup(
            da.from_array(X, chunks=20), missing=missing, random_state=0
        ).compute()
        assert X_new.shape == X.shape and np.isnan(X_new).any()
        X_res, _ = MixupSampler(missing=missing, random_state=0).fit_resample(
            da.from_array(X, chunks=20), da.from_array(y, chunks=20)
        )
        assert np.isnan(X_res.compute()).any()
    with pytest.raises(ValueError, match="NaN"):
        mixup(da.from_array(X, chunks=20), random_state=0).compute()


# --- invariants ----------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    X=arrays(
        np.float64,
        st.tuples(st.integers(2, 6), st.integers(1, 4)),
        elements=st.one_of(
            st.just(np.nan), st.floats(-1e6, 1e6, allow_nan=False, width=64)
        ),
    ),
    data=st.data(),
)
def test_nan_invariants(X, data):
    n_rows = X.shape[0]
    n_synthetic = data.draw(st.integers(1, 8))
    anchors = np.array(
        data.draw(
            st.lists(
                st.integers(0, n_rows - 1), min_size=n_synthetic, max_size=n_synthetic
            )
        )
    )
    partners = np.array(
        data.draw(
            st.lists(
                st.integers(0, n_rows - 1), min_size=n_synthetic, max_size=n_synthetic
            )
        )
    )
    lambdas = np.array(
        data.draw(
            st.lists(
                st.sampled_from([0.0, 0.3, 0.5, 0.9, 1.0]),
                min_size=n_synthetic,
                max_size=n_synthetic,
            )
        )
    )
    a_nan, p_nan = np.isnan(X[anchors]), np.isnan(X[partners])
    blended = ((lambdas > 0) & (lambdas < 1))[:, np.newaxis]
    # A copy's missing cells are its parent's: λ = 1 the anchor's, 0 the
    # partner's; a blend's follow the mode's rule.
    copy_nan = np.where(lambdas[:, np.newaxis] == 1, a_nan, p_nan)
    for container in (np.asarray, sparse.csr_matrix):
        propagated = blend(
            container(X), anchors, partners, lambdas, missing="propagate"
        )
        observed = blend(container(X), anchors, partners, lambdas, missing="observed")
        if sparse.issparse(propagated):
            propagated, observed = propagated.toarray(), observed.toarray()
        np.testing.assert_array_equal(
            np.isnan(propagated), np.where(blended, a_nan | p_nan, copy_nan)
        )
        np.testing.assert_array_equal(
            np.isnan(observed), np.where(blended, a_nan & p_nan, copy_nan)
        )
        # Where both parents are observed, the modes agree with each other.
        complete = ~(a_nan | p_nan)
        np.testing.assert_array_equal(propagated[complete], observed[complete])
