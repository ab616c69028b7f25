"""Multi-label targets (issue 23, item 5): a 2-D 0/1 indicator with any
number of ones in a row, through every entry point."""

import inspect
import warnings

import numpy as np
import pandas as pd
import pytest
from _data import to_library, to_pandas
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.testing import assert_allclose, assert_array_equal
from pandas.testing import assert_frame_equal
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.datasets import make_multilabel_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.multioutput import MultiOutputClassifier
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier

from mixup_sklearn import MixupClassifier, MixupSampler, mixup, mixup_batches

# Six rows, three labels: rows with two and three labels, one with none.
Y_SMALL = np.array(
    [[1, 1, 0], [0, 1, 1], [1, 0, 0], [0, 0, 0], [1, 1, 1], [0, 1, 0]],
)


@pytest.fixture(scope="module")
def multilabel():
    X, Y = make_multilabel_classification(
        n_samples=120, n_features=5, n_classes=4, random_state=0
    )
    assert (Y.sum(axis=1) > 1).any()
    return X, Y


def _frame(Y, library):
    columns = [f"label_{k}" for k in range(Y.shape[1])]
    return to_library(pd.DataFrame(Y, columns=columns), library)


def _values(Y):
    return to_pandas(Y).to_numpy() if hasattr(Y, "columns") else np.asarray(Y)


# --- mixup() and mixup_batches: soft targets -------------------------------------


def test_soft_targets_by_hand():
    # Two rows: each is the other's partner, and x' = λ·x_a + (1 − λ)·x_p
    # gives λ back from X = [0], [1].
    X = np.array([[0.0], [1.0]])
    Y = np.array([[1, 1, 0], [0, 1, 1]])
    X_new, Y_new = mixup(X, Y, alpha=1.0, random_state=0)
    lam_0, lam_1 = 1 - X_new[0, 0], X_new[1, 0]
    assert 0.5 <= lam_0 < 1 and 0.5 <= lam_1 < 1
    assert_allclose(Y_new[0], [lam_0, 1, 1 - lam_0])
    assert_allclose(Y_new[1], [1 - lam_1, 1, lam_1])
    assert Y_new.dtype == np.float64


def test_cutmix_soft_targets_take_the_anchor_share_of_cells():
    # Every cell of row i holds i, so a mixed row tells which cells are whose.
    n_columns = 10
    X = np.repeat(np.arange(6.0)[:, None], n_columns, axis=1)
    X_new, Y_new = mixup(X, Y_SMALL, method="cutmix", alpha=1.0, random_state=0)
    for anchor, (row, target) in enumerate(zip(X_new, Y_new, strict=True)):
        share = np.mean(row == anchor)
        others = np.unique(row[row != anchor])
        partner = int(others[0]) if others.size else anchor
        assert_allclose(
            target, share * Y_SMALL[anchor] + (1 - share) * Y_SMALL[partner]
        )


def test_a_frame_target_comes_back_in_its_library_with_its_columns(library):
    X = np.arange(12.0).reshape(6, 2)
    Y = _frame(Y_SMALL, library)
    _, Y_new = mixup(X, Y, random_state=0)
    _, Y_array = mixup(X, Y_SMALL, random_state=0)
    assert type(Y_new) is type(Y)
    assert list(to_pandas(Y_new).columns) == list(to_pandas(Y).columns)
    assert_array_equal(_values(Y_new), Y_array)


def test_mixup_batches_yields_soft_multilabel_targets_with_the_rows_lambda():
    # X carries Y: the shared λ makes each batch's Y the mixed copy of it.
    X = np.column_stack([np.random.RandomState(0).normal(size=(6, 2)), Y_SMALL])
    for X_batch, Y_batch in mixup_batches(
        X, Y_SMALL, batch_size=3, alpha=1.0, n_epochs=3, random_state=0
    ):
        assert Y_batch.shape == (len(X_batch), 3)
        assert_allclose(Y_batch, X_batch[:, 2:])
        assert ((Y_batch > 0) & (Y_batch < 1)).any() or len(X_batch) == 1


def test_mixup_batches_stacked_targets_are_the_parents_label_rows():
    # X is the identity: a mixed row λ·e_a + (1 − λ)·e_p names its parents.
    for X_batch, (y_a, y_b, lam) in mixup_batches(
        np.eye(6), Y_SMALL, batch_size=3, alpha=0.4, targets="stacked", random_state=0
    ):
        anchors = np.argmax(X_batch, axis=1)
        assert_array_equal(y_a, Y_SMALL[anchors])
        assert_allclose(X_batch[np.arange(len(lam)), anchors], lam)
        mixed = lam < 1
        rest = X_batch.copy()
        rest[np.arange(len(lam)), anchors] = 0
        assert_array_equal(y_b[mixed], Y_SMALL[np.argmax(rest, axis=1)][mixed])


def test_mixup_batches_refuses_classes_with_a_2d_y():
    with pytest.raises(ValueError, match=r"classes orders .* y is 2-D"):
        mixup_batches(np.zeros((6, 1)), Y_SMALL, classes=[0, 1])


@settings(max_examples=40, deadline=None)
@given(
    Y=hnp.arrays(
        np.int8,
        st.tuples(st.integers(2, 12), st.integers(2, 5)),
        elements=st.integers(0, 1),
    ),
    alpha=st.floats(0.05, 5.0),
    seed=st.integers(0, 2**16),
)
def test_property_soft_targets_stay_in_unit_interval_and_are_the_lambda_blend(
    Y, alpha, seed
):
    # X is the identity: a mixed row is λ·e_a + (1 − λ)·e_p, so it names its
    # anchor (row k: the anchors cycle in order), its partner and λ.
    n_rows = len(Y)
    X_new, Y_new = mixup(np.eye(n_rows), Y, alpha=alpha, random_state=seed)
    assert ((Y_new >= 0) & (Y_new <= 1)).all()
    for anchor in range(n_rows):
        lam = X_new[anchor, anchor]
        rest = X_new[anchor].copy()
        rest[anchor] = 0
        partner = int(np.argmax(rest)) if lam < 1 else anchor
        assert_allclose(
            Y_new[anchor],
            lam * Y[anchor] + (1 - lam) * Y[partner],
            atol=1e-12,
        )
        # Labels both parents agree on stay hard.
        agree = Y[anchor] == Y[partner]
        assert_array_equal(Y_new[anchor][agree], Y[anchor][agree])


# --- MixupSampler: the anchor's label row -----------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"concat": True},
        {"method": "cutmix"},
        {"pairing": "knn"},
        {"n_samples": 2.5},
    ],
    ids=["default", "concat", "cutmix", "knn", "n_samples"],
)
def test_sampler_gives_each_synthetic_row_its_anchor_label_row(multilabel, params):
    X, Y = multilabel
    Y_given = Y.copy()
    sampler = MixupSampler(random_state=0, **params)
    X_res, Y_res = sampler.fit_resample(X, Y)
    anchors = sampler.pairs_[:, 0]
    expected = Y[anchors]
    if params.get("concat"):
        expected = np.concatenate([Y, expected])
    assert_array_equal(Y_res, expected)
    assert Y_res.dtype == Y.dtype and len(Y_res) == len(X_res)
    assert_array_equal(Y, Y_given)
    assert sampler.sampling_strategy_ == {}
    if params.get("pairing") == "knn":
        # Neighbours among all rows, not among rows of one label set.
        partners = sampler.pairs_[:, 1]
        assert (Y[anchors] != Y[partners]).any(axis=1).any()


def test_sampler_keeps_a_row_without_labels_without_labels():
    # A row of zeros used to be read as class 0 of a one-hot y.
    X = np.arange(12.0).reshape(6, 2)
    sampler = MixupSampler(n_samples=30, random_state=0)
    _, Y_res = sampler.fit_resample(X, Y_SMALL)
    from_empty = sampler.pairs_[:, 0] == 3
    assert from_empty.any()
    assert (Y_res[from_empty] == 0).all()


def test_sampler_returns_a_frame_target_in_its_library(multilabel, library):
    X, Y = multilabel
    frame = _frame(Y, library)
    sampler = MixupSampler(random_state=0)
    _, Y_res = sampler.fit_resample(X, frame)
    assert type(Y_res) is type(frame)
    assert_frame_equal(to_pandas(Y_res).iloc[:0], to_pandas(frame).iloc[:0])
    assert_array_equal(_values(Y_res), Y[sampler.pairs_[:, 0]])


def test_sampler_output_is_reproducible(multilabel):
    X, Y = multilabel
    first = MixupSampler(random_state=3).fit_resample(X, Y)
    second = MixupSampler(random_state=3).fit_resample(X, Y)
    for a, b in zip(first, second, strict=True):
        assert_array_equal(a, b)


def test_a_one_hot_y_is_still_read_as_class_labels(multilabel):
    X, _ = multilabel
    labels = np.arange(len(X)) % 3
    sampler = MixupSampler(sampling_strategy="all", random_state=0)
    _, Y_res = sampler.fit_resample(X, np.eye(3, dtype=int)[labels])
    assert Y_res.shape[1] == 3 and (Y_res.sum(axis=1) == 1).all()
    assert sampler.sampling_strategy_ == {0: 0, 1: 0, 2: 0}


@pytest.mark.parametrize(
    "params, name",
    [
        ({"sampling_strategy": "auto"}, "sampling_strategy='auto'"),
        ({"pairing": "within_class"}, "pairing='within_class'"),
        ({"mix_classes": [1]}, r"mix_classes=\[1\]"),
        ({"label": "remix"}, "label='remix'"),
    ],
)
def test_sampler_refuses_class_options_by_name(multilabel, params, name):
    X, Y = multilabel
    with pytest.raises(ValueError, match=f"{name} cannot be used with a multi-label"):
        MixupSampler(random_state=0, **params).fit_resample(X, Y)


# --- MixupClassifier: weighted duplication of label rows ------------------------


@pytest.mark.parametrize(
    "estimator",
    [
        RandomForestClassifier(n_estimators=20, random_state=0),
        MLPClassifier(hidden_layer_sizes=(8,), max_iter=50, random_state=0),
        MultiOutputClassifier(LogisticRegression()),
    ],
    ids=["forest", "mlp", "multioutput"],
)
def test_classifier_end_to_end_predicts_a_label_row_per_row(multilabel, estimator):
    if "sample_weight" not in inspect.signature(estimator.fit).parameters:
        pytest.skip(f"{type(estimator).__name__}.fit has no sample_weight here")
    X, Y = multilabel
    model = MixupClassifier(estimator, alpha=0.4, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the MLP's convergence
        model.fit(X, Y)
    predicted = model.predict(X[:7])
    assert predicted.shape == (7, Y.shape[1])
    assert set(np.unique(predicted)) <= {0, 1}
    inner = model.estimator_.classes_
    assert model.classes_ is inner


class _Recorder(ClassifierMixin, BaseEstimator):
    """Records what fit receives."""

    def fit(self, X, y, sample_weight=None):
        self.X_, self.y_, self.sample_weight_ = X, y, sample_weight
        return self

    def predict(self, X):
        return np.zeros((len(X), self.y_.shape[1]), dtype=int)


@pytest.mark.parametrize("concat", [False, True])
def test_classifier_passes_two_weighted_copies_of_a_mix_of_two_label_rows(
    multilabel, concat
):
    X, Y = multilabel
    weights = np.linspace(1, 2, len(X))
    model = MixupClassifier(_Recorder(), alpha=1.0, concat=concat, random_state=0)
    model.fit(X, Y, sample_weight=weights)
    inner = model.estimator_
    anchors, partners = model.pairs_.T
    lambdas = model.lambdas_
    n_given = len(X) if concat else 0
    if concat:
        assert_array_equal(inner.y_[: len(X)], Y)
        assert_array_equal(inner.sample_weight_[: len(X)], weights)
    first = slice(n_given, n_given + len(anchors))
    assert_array_equal(inner.y_[first], Y[anchors])
    twice = np.flatnonzero(
        (Y[anchors] != Y[partners]).any(axis=1) & (lambdas < 1) & (lambdas > 0)
    )
    assert len(inner.y_) == n_given + len(anchors) + len(twice)
    second = slice(n_given + len(anchors), None)
    assert_array_equal(inner.y_[second], Y[partners[twice]])
    # Both copies are the same blended row.
    assert_allclose(inner.X_[second], inner.X_[first][twice])
    # Each row weighs the blend of its parents' weights, split λ / 1 − λ
    # between the copies of a row that mixes two label rows.
    blended = lambdas * weights[anchors] + (1 - lambdas) * weights[partners]
    share = np.ones(len(anchors))
    share[twice] = lambdas[twice]
    assert_allclose(inner.sample_weight_[first], blended * share)
    assert_allclose(inner.sample_weight_[second], blended[twice] * (1 - lambdas[twice]))


def test_classifier_takes_a_frame_target(multilabel, library):
    X, Y = multilabel
    estimator = RandomForestClassifier(n_estimators=10, random_state=0)
    on_frame = MixupClassifier(estimator, random_state=0).fit(X, _frame(Y, library))
    on_array = MixupClassifier(estimator, random_state=0).fit(X, Y)
    assert_array_equal(on_frame.predict(X), on_array.predict(X))


def test_classifier_refuses_an_estimator_without_sample_weight(multilabel):
    X, Y = multilabel
    with pytest.raises(
        ValueError, match=r"KNeighborsClassifier\.fit does not accept sample_weight"
    ):
        MixupClassifier(KNeighborsClassifier(), random_state=0).fit(X, Y)


@pytest.mark.parametrize(
    "params, name",
    [
        ({"pairing": "within_class"}, "pairing='within_class'"),
        ({"mix_classes": [1]}, r"mix_classes=\[1\]"),
        ({"n_epochs": 2}, "n_epochs=2"),
    ],
)
def test_classifier_refuses_class_options_by_name(multilabel, params, name):
    X, Y = multilabel
    estimator = MLPClassifier(max_iter=5)
    with pytest.raises(ValueError, match=f"{name} cannot be used with a multi-label"):
        MixupClassifier(estimator, random_state=0, **params).fit(X, Y)


def test_classifier_still_refuses_a_2d_y_that_is_not_an_indicator(multilabel):
    X, _ = multilabel
    y = np.column_stack([np.arange(len(X)) % 3, np.arange(len(X)) % 2])
    with pytest.raises(ValueError, match="1d array"):
        MixupClassifier(RandomForestClassifier(), random_state=0).fit(X, y)
