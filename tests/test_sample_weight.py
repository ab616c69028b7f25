"""sample_weight through every entry point (issue 23, item 2): one rule,
w' = λ·w_anchor + (1 − λ)·w_partner, and one check."""

import importlib.util

import imblearn
import numpy as np
import pandas as pd
import pytest
import sklearn
from _data import to_library
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.pipeline import make_pipeline
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline as make_sklearn_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.fixes import parse_version

from mixup_sklearn import (
    MixupClassifier,
    MixupRegressor,
    MixupSampler,
    mixup,
    mixup_batches,
)
from mixup_sklearn._plan import MixPlan, blended_weights


def _data(n_rows=12, seed=0):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n_rows, 3))
    y = np.arange(n_rows) % 2
    weights = rng.uniform(0.5, 4.0, size=n_rows)
    return X, y, weights


def _expected(weights, pairs, lambdas):
    return lambdas * weights[pairs[:, 0]] + (1 - lambdas) * weights[pairs[:, 1]]


class WeightRecorder(ClassifierMixin, BaseEstimator):
    """Remembers the rows, labels and weights it is fitted on."""

    def fit(self, X, y, sample_weight=None):
        self.seen_ = (X, y, sample_weight)
        self.classes_ = np.unique(y)
        return self

    def partial_fit(self, X, y, classes=None, sample_weight=None):
        # Every mini-batch, one after the other.
        previous = getattr(self, "seen_", ())
        self.seen_ = (*previous, X, y, sample_weight)
        self.classes_ = np.asarray(classes) if classes is not None else self.classes_
        return self

    def predict(self, X):
        return np.full(len(X), self.classes_[0])


class RegressionWeightRecorder(RegressorMixin, BaseEstimator):
    def fit(self, X, y, sample_weight=None):
        self.seen_ = (X, y, sample_weight)
        return self

    def predict(self, X):
        return np.zeros(len(X))


# --- the rule -----------------------------------------------------------------


def test_blended_weights_on_a_hand_plan():
    weights = np.array([1.0, 2.0, 4.0])
    plan = MixPlan(
        np.array([[0, 1], [1, 2], [2, 0], [2, 2]], dtype=np.int32),
        np.array([0.75, 0.5, 0.25, 1.0]),
        None,
        "mixup",
    )
    # 0.75·1 + 0.25·2, 0.5·2 + 0.5·4, 0.25·4 + 0.75·1, a copy of row 2.
    np.testing.assert_array_equal(blended_weights(weights, plan), [1.25, 3, 1.75, 4])
    np.testing.assert_array_equal(
        blended_weights(weights, plan, concat=True), [1, 2, 4, 1.25, 3, 1.75, 4]
    )


@pytest.mark.parametrize("method", ["mixup", "cutmix"])
@pytest.mark.parametrize("concat", [False, True])
def test_mixup_weights_follow_the_lambda_of_the_target(method, concat):
    # A target equal to the weights is blended with the same λ (under CutMix
    # the anchor's share of cells), so both come back equal.
    X, _, weights = _data()
    X_new, y_new, w_new = mixup(
        X,
        weights,
        sample_weight=weights,
        method=method,
        concat=concat,
        n_samples=30,
        random_state=0,
    )
    assert len(w_new) == len(X_new) == 30 + (12 if concat else 0)
    np.testing.assert_array_equal(w_new, y_new)
    if concat:
        np.testing.assert_array_equal(w_new[:12], weights)
    # Mixed weights lie between their parents': never outside the range.
    assert weights.min() <= w_new.min() and w_new.max() <= weights.max()


def test_cutmix_weighs_a_row_by_its_share_of_anchor_cells():
    # X = I: each CutMix cell names the row it came from.
    n_rows = 10
    X = np.tile(np.arange(n_rows, dtype=float)[:, None], (1, 8))
    weights = np.arange(1.0, n_rows + 1)
    X_new, w_new = mixup(
        X, sample_weight=weights, method="cutmix", alpha=1.0, random_state=3
    )
    anchors = np.arange(n_rows)
    for row, anchor in enumerate(anchors):
        cells = X_new[row].astype(int)
        share = np.mean(cells == anchor)
        partner = cells[cells != anchor][0] if share < 1 else anchor
        expected = share * weights[anchor] + (1 - share) * weights[partner]
        assert w_new[row] == pytest.approx(expected)


def test_mixup_without_y_returns_the_weights_second():
    X, _, weights = _data()
    X_new, w_new = mixup(X, sample_weight=weights, random_state=0)
    np.testing.assert_array_equal(X_new, mixup(X, random_state=0))
    assert w_new.shape == (12,)


@settings(max_examples=25, deadline=None)
@given(
    weight=st.floats(1e-3, 1e6),
    alpha=st.sampled_from([0.0, 0.2, 1.0, 30.0]),
    method=st.sampled_from(["mixup", "cutmix"]),
    seed=st.integers(0, 2**16),
)
def test_uniform_weights_stay_uniform_bit_for_bit(weight, alpha, method, seed):
    X, y, _ = _data(9, seed)
    weights = np.full(9, weight)
    X_new, y_new, w_new = mixup(
        X, y, sample_weight=weights, alpha=alpha, method=method, random_state=seed
    )
    np.testing.assert_array_equal(w_new, weights)
    # The weights change no draw: the same rows as without them.
    X_plain, y_plain = mixup(X, y, alpha=alpha, method=method, random_state=seed)
    np.testing.assert_array_equal(X_new, X_plain)
    np.testing.assert_array_equal(y_new, y_plain)


def test_weights_keep_float32_and_turn_integers_into_float64():
    X, y, _ = _data()
    w32 = mixup(X, y, sample_weight=np.ones(12, np.float32), random_state=0)[2]
    w_int = mixup(X, y, sample_weight=np.arange(1, 13), random_state=0)[2]
    assert w32.dtype == np.float32
    assert w_int.dtype == np.float64


def test_the_weights_are_not_modified():
    X, y, weights = _data()
    before = weights.copy()
    mixup(X, y, sample_weight=weights, concat=True, random_state=0)
    MixupSampler(random_state=0).fit_resample(X, y, sample_weight=weights)
    MixupRegressor(RegressionWeightRecorder(), random_state=0).fit(
        X, y.astype(float), sample_weight=weights
    )
    np.testing.assert_array_equal(weights, before)


# --- the sampler ----------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"concat": True, "n_samples": 2.0},
        {"sampling_strategy": {0: 10, 1: 6}},
        {"method": "cutmix"},
        {"target": "regression", "pairing": "label_kernel"},
    ],
    ids=["plain", "concat", "balancing", "cutmix", "regression"],
)
def test_sampler_stores_the_weights_of_the_rows_it_returns(params):
    X, y, weights = _data()
    if params.get("target") == "regression":
        y = X[:, 0].copy()
    sampler = MixupSampler(random_state=0, **params)
    X_res, y_res = sampler.fit_resample(X, y, sample_weight=weights)
    w_res = sampler.sample_weight_
    assert len(w_res) == len(X_res) == len(y_res)
    n_original = len(X_res) - len(sampler.pairs_)
    np.testing.assert_array_equal(w_res[:n_original], weights[:n_original])
    np.testing.assert_allclose(
        w_res[n_original:], _expected(weights, sampler.pairs_, sampler.lambdas_)
    )
    # The rows themselves are those drawn without weights.
    X_plain, y_plain = MixupSampler(random_state=0, **params).fit_resample(X, y)
    np.testing.assert_array_equal(X_res, X_plain)
    np.testing.assert_array_equal(y_res, y_plain)


def test_sampler_forgets_the_weights_of_an_earlier_call():
    X, y, weights = _data()
    sampler = MixupSampler(random_state=0)
    sampler.fit_resample(X, y, sample_weight=weights)
    sampler.fit_resample(X, y)
    assert sampler.sample_weight_ is None


@pytest.mark.parametrize("method", ["fit", "fit_resample"])
def test_a_misspelt_keyword_is_refused_by_name(method):
    X, y, weights = _data()
    sampler = MixupSampler(random_state=0)
    with pytest.raises(TypeError, match=rf"MixupSampler\.{method}.*'sample_wieght'"):
        getattr(sampler, method)(X, y, sample_wieght=weights)
    with pytest.raises(TypeError, match="'bogus'"):
        getattr(sampler, method)(X, y, bogus=3)


def test_sampler_fit_checks_the_weights():
    X, y, _ = _data()
    with pytest.raises(ValueError, match="sample_weight must be >= 0"):
        MixupSampler().fit(X, y, sample_weight=-np.ones(12))
    assert MixupSampler().fit(X, y, sample_weight=np.ones(12)).n_features_in_ == 3


# --- bad values ------------------------------------------------------------------


BAD_WEIGHTS = [
    (np.r_[-1.0, np.ones(11)], r"sample_weight must be >= 0; .* -1\.0 in row 0"),
    (np.r_[np.nan, np.ones(11)], "sample_weight (contains NaN|has 1 missing value)"),
    (np.r_[np.inf, np.ones(11)], "sample_weight contains infinity"),
    (np.ones(11), "one weight per row of X: got 11 weights for 12 rows"),
    (np.ones((12, 1)), r"sample_weight must be 1-D.*\(12, 1\)"),
    (np.zeros(12), "sample_weight has every weight zero"),
    (np.array(["a"] * 12), "sample_weight must be numeric"),
]


@pytest.mark.parametrize("weights, message", BAD_WEIGHTS)
@pytest.mark.parametrize(
    "entry",
    ["mixup", "sampler", "batches", "classifier", "regressor"],
)
def test_bad_weights_are_refused_by_name(entry, weights, message):
    X, y, _ = _data()
    calls = {
        "mixup": lambda: mixup(X, y, sample_weight=weights),
        "sampler": lambda: MixupSampler().fit_resample(X, y, sample_weight=weights),
        "batches": lambda: mixup_batches(X, y, sample_weight=weights),
        "classifier": lambda: MixupClassifier(WeightRecorder()).fit(
            X, y, sample_weight=weights
        ),
        "regressor": lambda: MixupRegressor(RegressionWeightRecorder()).fit(
            X, y.astype(float), sample_weight=weights
        ),
    }
    with pytest.raises(ValueError, match=message):
        calls[entry]()


def test_sample_weight_that_is_not_array_like_is_refused_by_validate_params():
    X, y, _ = _data()
    with pytest.raises(ValueError, match="'sample_weight' parameter of mixup"):
        mixup(X, y, sample_weight=3.0)
    with pytest.raises(ValueError, match="'sample_weight' parameter of mixup_batches"):
        mixup_batches(X, y, sample_weight=3.0)


# --- the batches -------------------------------------------------------------------


@pytest.mark.parametrize("targets", ["soft", "stacked"])
def test_batches_end_with_their_weights(targets):
    X, _, weights = _data(20)
    batches = list(
        mixup_batches(
            X,
            weights,  # a float target: blended as the weights are
            batch_size=6,
            targets=targets,
            sample_weight=weights,
            random_state=0,
        )
    )
    assert [len(batch) for batch in batches] == [3] * 4
    for X_batch, Y_batch, w_batch in batches:
        assert len(w_batch) == len(X_batch)
        if targets == "soft":
            np.testing.assert_array_equal(w_batch, Y_batch)
        else:
            y_a, y_b, lam = Y_batch
            np.testing.assert_allclose(w_batch, lam * y_a + (1 - lam) * y_b)
    # The same stream as without weights.
    plain = mixup_batches(X, weights, batch_size=6, targets=targets, random_state=0)
    for (X_batch, *_), (X_plain, _) in zip(batches, plain, strict=True):
        np.testing.assert_array_equal(X_batch, X_plain)


# --- the meta-estimators -------------------------------------------------------


@pytest.mark.parametrize("method", ["mixup", "cutmix"])
def test_regressor_passes_blended_weights(method):
    X, _, weights = _data()
    y = X[:, 0].copy()
    model = MixupRegressor(
        RegressionWeightRecorder(), method=method, concat=True, random_state=0
    ).fit(X, y, sample_weight=weights)
    _, y_seen, w_seen = model.estimator_.seen_
    np.testing.assert_array_equal(w_seen[:12], weights)
    np.testing.assert_allclose(
        w_seen[12:], _expected(weights, model.pairs_, model.lambdas_)
    )
    # The weight and the target are blended with the same λ.
    np.testing.assert_allclose(y_seen[12:], _expected(y, model.pairs_, model.lambdas_))


@pytest.mark.parametrize(
    "make",
    [
        lambda: MixupClassifier(WeightRecorder(), random_state=0),
        lambda: MixupClassifier(WeightRecorder(), method="cutmix", random_state=0),
        lambda: MixupClassifier(
            WeightRecorder(), n_epochs=2, batch_size=5, random_state=0
        ),
        lambda: MixupRegressor(RegressionWeightRecorder(), concat=True, random_state=0),
    ],
    ids=["classifier", "cutmix", "mini-batches", "regressor"],
)
def test_meta_estimators_train_the_same_with_none_and_ones(make):
    X, y, _ = _data()
    if isinstance(make(), MixupRegressor):
        y = X[:, 0].copy()
    seen_none = make().fit(X, y).estimator_.seen_
    seen_ones = make().fit(X, y, sample_weight=np.ones(12)).estimator_.seen_
    for part_none, part_ones in zip(seen_none, seen_ones, strict=True):
        np.testing.assert_array_equal(part_none, part_ones)


def test_classifier_splits_the_blended_weight_between_two_labels():
    X, y, weights = _data()
    model = MixupClassifier(WeightRecorder(), alpha=1.0, random_state=0)
    _, _, w_seen = model.fit(X, y, sample_weight=weights).estimator_.seen_
    anchors, partners = model.pairs_[:, 0], model.pairs_[:, 1]
    row_weights = _expected(weights, model.pairs_, model.lambdas_)
    # The copies of a row, one per label, add up to the row's weight.
    totals = np.bincount(
        np.r_[np.arange(12), np.flatnonzero(y[anchors] != y[partners])],
        weights=w_seen,
        minlength=12,
    )
    np.testing.assert_allclose(totals, row_weights)


# --- pipelines ------------------------------------------------------------------


class _LogisticRecorder(LogisticRegression):
    def fit(self, X, y, sample_weight=None):
        self.seen_weights_ = sample_weight
        return super().fit(X, y, sample_weight=sample_weight)


@pytest.mark.skipif(
    parse_version(imblearn.__version__) < parse_version("0.14"),
    reason="the user guide describes imbalanced-learn 0.14's Pipeline",
)
def test_an_imblearn_pipeline_routes_the_original_weights_to_the_model():
    # What the user guide says an imbalanced-learn Pipeline cannot do: with
    # metadata routing the sampler gets the weights, the model too, but the
    # original ones, not the sampler's. If this starts failing, imblearn
    # learnt to carry them: update the "Sample weights" section.
    X, y, weights = _data(40)
    with sklearn.config_context(enable_metadata_routing=True):
        sampler = (
            MixupSampler(random_state=0)
            .set_fit_request(sample_weight=True)
            .set_fit_resample_request(sample_weight=True)
        )
        model = _LogisticRecorder().set_fit_request(sample_weight=True)
        pipeline = make_pipeline(sampler, model).fit(X, y, sample_weight=weights)
    fitted_sampler, fitted_model = pipeline[0], pipeline[-1]
    assert fitted_sampler.sample_weight_ is not None
    np.testing.assert_array_equal(fitted_model.seen_weights_, weights)
    assert not np.allclose(fitted_model.seen_weights_, fitted_sampler.sample_weight_)


def test_the_documented_alternatives_pass_the_mixed_weights():
    X, y, weights = _data(40)
    # The sampler outside the pipeline, its weights handed on by hand.
    sampler = MixupSampler(concat=True, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y, sample_weight=weights)
    by_hand = _LogisticRecorder().fit(
        X_res, y_res, sample_weight=sampler.sample_weight_
    )
    assert len(by_hand.seen_weights_) == 80
    # A scikit-learn pipeline whose last step is the meta-estimator.
    pipeline = make_sklearn_pipeline(
        StandardScaler(), MixupClassifier(WeightRecorder(), random_state=0)
    ).fit(X, y, mixupclassifier__sample_weight=weights)
    meta = pipeline[-1]
    alone = MixupClassifier(WeightRecorder(), random_state=0).fit(
        StandardScaler().fit_transform(X), y, sample_weight=weights
    )
    np.testing.assert_array_equal(meta.estimator_.seen_[2], alone.estimator_.seen_[2])


# --- containers ------------------------------------------------------------------


def test_frames_and_series_give_the_weights_of_arrays(library):
    X, y, weights = _data()
    X_frame = to_library(X, library)
    table = to_library(pd.DataFrame({"y": y, "w": weights}), library)
    # A Series (pandas, polars) or a ChunkedArray (pyarrow), each its
    # library's column.
    y_series, w_series = table["y"], table["w"]
    expected = mixup(X, y, sample_weight=weights, random_state=0)[2]
    np.testing.assert_array_equal(
        mixup(X_frame, y_series, sample_weight=w_series, random_state=0)[2],
        expected,
    )
    sampler = MixupSampler(random_state=0)
    sampler.fit_resample(X_frame, y_series, sample_weight=w_series)
    reference = MixupSampler(random_state=0)
    reference.fit_resample(X, y, sample_weight=weights)
    np.testing.assert_array_equal(sampler.sample_weight_, reference.sample_weight_)


@pytest.mark.skipif(
    importlib.util.find_spec("dask") is None, reason="needs the dask extra"
)
def test_dask_refuses_weights_and_says_why():
    import dask.array as da

    X, y, weights = _data()
    X_dask, y_dask = da.from_array(X, chunks=6), da.from_array(y, chunks=6)
    with pytest.raises(TypeError, match=r"mixup.*Dask.*chunked exactly as X"):
        mixup(X_dask, y_dask, sample_weight=weights)
    for method in ("fit", "fit_resample"):
        with pytest.raises(TypeError, match=r"MixupSampler.*Dask"):
            getattr(MixupSampler(), method)(X_dask, y_dask, sample_weight=weights)
    # Weights of an earlier in-memory call do not outlive a Dask call.
    sampler = MixupSampler(random_state=0)
    sampler.fit_resample(X, y, sample_weight=weights)
    sampler.fit_resample(X_dask, y_dask)
    assert sampler.sample_weight_ is None
