"""MixupClassifier and MixupRegressor."""

import inspect
import pickle
import warnings

import numpy as np
import pytest
from _data import distinct_rows, realised_share
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize
from scipy.special import log_softmax, softmax
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin, clone
from sklearn.datasets import load_diabetes, load_iris
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import (
    LogisticRegression,
    Ridge,
    SGDClassifier,
    SGDRegressor,
)
from sklearn.metrics import log_loss
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.preprocessing import StandardScaler
from sklearn.utils._param_validation import InvalidParameterError

from mixup_sklearn import (
    MixupClassifier,
    MixupRegressor,
)


class Recorder(ClassifierMixin, BaseEstimator):
    """Remembers what the meta-estimator hands to fit / partial_fit."""

    def fit(self, X, y, sample_weight=None):
        self.calls_ = [{"X": X, "y": y, "sample_weight": sample_weight}]
        self.classes_ = np.unique(y)
        return self

    def partial_fit(self, X, y, classes=None, sample_weight=None):
        if not hasattr(self, "calls_"):
            self.calls_ = []
        self.calls_.append(
            {"X": X, "y": y, "sample_weight": sample_weight, "classes": classes}
        )
        self.classes_ = np.unique(y) if classes is None else np.asarray(classes)
        return self

    def predict(self, X):
        return np.full(len(X), self.classes_[0])


class UnweightedRecorder(ClassifierMixin, BaseEstimator):
    def fit(self, X, y):
        self.y_seen_ = y
        self.classes_ = np.unique(y)
        return self

    def predict(self, X):
        return np.full(len(X), self.classes_[0])


class RegressionRecorder(RegressorMixin, BaseEstimator):
    def fit(self, X, y, sample_weight=None):
        self.calls_ = [{"X": X, "y": y, "sample_weight": sample_weight}]
        return self

    def predict(self, X):
        return np.zeros(len(X))


def _identity_data(n_rows, n_classes=3):
    """X = I: a mixed row λ·e_a + (1 − λ)·e_p names its anchor and partner."""
    X = np.eye(n_rows)
    y = np.arange(n_rows) % n_classes
    return X, y


def _decode(X_mixed):
    """Anchor, partner and λ of rows mixed from the identity."""
    order = np.argsort(-X_mixed, axis=1, kind="stable")
    anchors = order[:, 0]
    lambdas = X_mixed[np.arange(len(X_mixed)), anchors]
    partners = np.where(lambdas < 1, order[:, 1], anchors)
    return anchors, partners, lambdas


# --- soft labels by weighted duplication -----------------------------------


def test_each_mixed_row_enters_once_per_label_weighted_by_lambda():
    X, y = _identity_data(12)
    weights = np.linspace(0.5, 2.0, 12)
    model = MixupClassifier(Recorder(), alpha=1.0, random_state=0)
    model.fit(X, y, sample_weight=weights)
    call = model.estimator_.calls_[0]
    anchors, partners = model.pairs_[:, 0], model.pairs_[:, 1]
    lambdas = model.lambdas_
    two_labels = y[anchors] != y[partners]

    assert len(call["y"]) == 12 + two_labels.sum()
    expected_rows = lambdas[:, None] * X[anchors] + (1 - lambdas[:, None]) * X[partners]
    np.testing.assert_allclose(call["X"][:12], expected_rows)
    np.testing.assert_array_equal(call["X"][12:], call["X"][:12][two_labels])
    # The row weighs w = λ·w_a + (1 − λ)·w_p. First copy: anchor's label
    # with λ·w (w alone if one label); second copy: partner's label with
    # (1 − λ)·w.
    row_weights = lambdas * weights[anchors] + (1 - lambdas) * weights[partners]
    np.testing.assert_array_equal(call["y"][:12], y[anchors])
    np.testing.assert_array_equal(call["y"][12:], y[partners][two_labels])
    np.testing.assert_allclose(
        call["sample_weight"][:12],
        row_weights * np.where(two_labels, lambdas, 1.0),
    )
    np.testing.assert_allclose(
        call["sample_weight"][12:],
        (row_weights * (1 - lambdas))[two_labels],
    )


@settings(max_examples=30, deadline=None)
@given(
    n_rows=st.integers(2, 15),
    n_classes=st.integers(1, 4),
    alpha=st.sampled_from([0.0, 0.2, 1.0, 4.0]),
    seed=st.integers(0, 2**16),
)
def test_weights_of_a_mixed_row_are_its_soft_label(n_rows, n_classes, alpha, seed):
    X, y = _identity_data(n_rows, n_classes)
    model = MixupClassifier(Recorder(), alpha=alpha, random_state=seed).fit(X, y)
    call = model.estimator_.calls_[0]
    # Rows are recognised by their mixed features; their weights per label
    # must add up to λ·e_anchor + (1 − λ)·e_partner.
    anchors = _decode(call["X"])[0]
    soft = np.zeros((n_rows, n_rows))
    for anchor, label, weight in zip(
        anchors, call["y"], call["sample_weight"], strict=True
    ):
        soft[anchor, label] += weight
    expected = np.zeros((n_rows, n_rows))
    for anchor, partner, lam in zip(
        model.pairs_[:, 0], model.pairs_[:, 1], model.lambdas_, strict=True
    ):
        expected[anchor, y[anchor]] += lam
        expected[anchor, y[partner]] += 1 - lam
    np.testing.assert_allclose(soft, expected, atol=1e-12)


def _binary_soft_label_minimiser(X_mixed, q, C):
    """argmin 0.5‖w‖² + C Σ CE(q, σ(Xw + b)), the soft-label objective."""

    def objective(theta):
        w, b = theta[:-1], theta[-1]
        z = X_mixed @ w + b
        value = 0.5 * w @ w + C * np.sum(np.logaddexp(0, z) - q * z)
        residual = C * (1 / (1 + np.exp(-z)) - q)
        return value, np.append(w + X_mixed.T @ residual, residual.sum())

    start = np.zeros(X_mixed.shape[1] + 1)
    result = minimize(objective, start, jac=True, method="BFGS", tol=1e-12)
    return result.x, objective


def test_weighted_duplicates_fit_the_soft_label_cross_entropy_minimiser():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(10, 2))
    y = (X[:, 0] + 0.5 * rng.normal(size=10) > 0).astype(int)
    model = MixupClassifier(
        LogisticRegression(C=2.0, tol=1e-12, max_iter=10_000),
        alpha=1.0,
        random_state=0,
    ).fit(X, y)
    anchors, partners = model.pairs_.T
    lam = model.lambdas_
    X_mixed = lam[:, None] * X[anchors] + (1 - lam[:, None]) * X[partners]
    q = lam * y[anchors] + (1 - lam) * y[partners]
    assert np.any((q > 0) & (q < 1)), "the case must contain soft labels"

    theta, objective = _binary_soft_label_minimiser(X_mixed, q, C=2.0)
    fitted = np.append(model.estimator_.coef_.ravel(), model.estimator_.intercept_)
    np.testing.assert_allclose(fitted, theta, rtol=1e-5, atol=1e-6)
    assert objective(fitted)[0] == pytest.approx(objective(theta)[0], rel=1e-9)


def test_weighted_duplicates_fit_the_multinomial_soft_label_minimiser():
    X, y = load_iris(return_X_y=True)
    X = StandardScaler().fit_transform(X[::10])
    y = y[::10]
    C = 0.5
    model = MixupClassifier(
        LogisticRegression(C=C, tol=1e-12, max_iter=10_000),
        alpha=1.0,
        random_state=1,
    ).fit(X, y)
    anchors, partners = model.pairs_.T
    lam = model.lambdas_[:, None]
    X_mixed = lam * X[anchors] + (1 - lam) * X[partners]
    Q = lam * np.eye(3)[y[anchors]] + (1 - lam) * np.eye(3)[y[partners]]

    def objective(theta):
        W = theta[:12].reshape(3, 4)
        b = theta[12:]
        Z = X_mixed @ W.T + b
        value = 0.5 * np.sum(W**2) - C * np.sum(Q * log_softmax(Z, axis=1))
        R = C * (softmax(Z, axis=1) - Q)
        return value, np.concatenate([(W + R.T @ X_mixed).ravel(), R.sum(axis=0)])

    result = minimize(objective, np.zeros(15), jac=True, method="BFGS", tol=1e-12)
    W_ref = result.x[:12].reshape(3, 4)
    np.testing.assert_allclose(model.estimator_.coef_, W_ref, rtol=1e-4, atol=1e-5)
    fitted = np.concatenate(
        [model.estimator_.coef_.ravel(), model.estimator_.intercept_]
    )
    assert objective(fitted)[0] == pytest.approx(result.fun, rel=1e-8)


def test_mixup_lowers_the_test_log_loss_on_breast_cancer(breast_cancer):
    X, y = breast_cancer
    plain, mixed = [], []
    splits = StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(X, y)
    for train, test in splits:
        scaler = StandardScaler().fit(X[train])
        X_train, X_test = scaler.transform(X[train]), scaler.transform(X[test])
        # newton-cholesky reaches the optimum of this near-separable problem,
        # where lbfgs stops early; the comparison is between two optima.
        base = LogisticRegression(C=100, solver="newton-cholesky", max_iter=1000)
        plain_model = clone(base).fit(X_train, y[train])
        mixup_model = MixupClassifier(base, alpha=1.0, random_state=0)
        mixup_model.fit(X_train, y[train])
        plain.append(log_loss(y[test], plain_model.predict_proba(X_test)))
        mixed.append(log_loss(y[test], mixup_model.predict_proba(X_test)))
    # Reported in the user guide's soft-labels table
    # (benchmarks/bench_soft_labels.py): 0.228 without mixup, 0.154 with it.
    assert np.mean(mixed) < np.mean(plain)


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
@pytest.mark.parametrize(
    "estimator",
    [
        LogisticRegression(max_iter=1000),
        SGDClassifier(loss="log_loss", random_state=0),
        MLPClassifier(hidden_layer_sizes=(8,), max_iter=300, random_state=0),
        HistGradientBoostingClassifier(max_iter=10),
    ],
    ids=lambda estimator: type(estimator).__name__,
)
def test_works_with_log_loss_classifiers(estimator):
    if "sample_weight" not in inspect.signature(estimator.fit).parameters:
        pytest.skip(f"{type(estimator).__name__}.fit has no sample_weight here")
    X, y = load_iris(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    with warnings.catch_warnings():
        # The fallback warning would mean no soft labels reached the model.
        warnings.filterwarnings("error", message=".*sample_weight")
        model = MixupClassifier(estimator, alpha=0.4, random_state=0).fit(X, y)
    proba = model.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1)
    np.testing.assert_array_equal(model.classes_, [0, 1, 2])
    assert model.score(X, y) > 0.8


def test_an_estimator_without_sample_weight_trains_on_anchor_labels():
    X, y = _identity_data(9)
    model = MixupClassifier(UnweightedRecorder(), random_state=0)
    with pytest.warns(UserWarning, match="no sample_weight.*anchor's label"):
        model.fit(X, y)
    np.testing.assert_array_equal(model.estimator_.y_seen_, y[model.pairs_[:, 0]])
    with pytest.warns(UserWarning, match="no sample_weight"):
        MixupClassifier(KNeighborsClassifier(n_neighbors=3)).fit(X, y)


def test_sample_weight_for_an_estimator_without_it_is_refused():
    X, y = _identity_data(9)
    model = MixupClassifier(UnweightedRecorder())
    with pytest.raises(ValueError, match="sample_weight"):
        model.fit(X, y, sample_weight=np.ones(9))


def test_pairing_within_class_keeps_labels_hard():
    X, y = _identity_data(12)
    model = MixupClassifier(Recorder(), pairing="within_class", random_state=0)
    model.fit(X, y)
    call = model.estimator_.calls_[0]
    np.testing.assert_array_equal(y[model.pairs_[:, 0]], y[model.pairs_[:, 1]])
    assert len(call["y"]) == 12
    np.testing.assert_array_equal(call["sample_weight"], np.ones(12))


def test_concat_puts_the_original_rows_first_with_hard_labels():
    X, y = _identity_data(6)
    weights = np.arange(1.0, 7.0)
    model = MixupClassifier(Recorder(), concat=True, random_state=0)
    call = model.fit(X, y, sample_weight=weights).estimator_.calls_[0]
    np.testing.assert_array_equal(call["X"][:6], X)
    np.testing.assert_array_equal(call["y"][:6], y)
    np.testing.assert_array_equal(call["sample_weight"][:6], weights)
    # Then at least one synthetic row per anchor.
    assert len(call["y"]) >= 6 + 6


def test_string_labels_reach_the_estimator_as_labels():
    X, codes = _identity_data(9)
    y = np.array(["cat", "dog", "emu"])[codes]
    model = MixupClassifier(LogisticRegression(), random_state=0).fit(X, y)
    np.testing.assert_array_equal(model.classes_, ["cat", "dog", "emu"])
    assert set(model.predict(X)) <= {"cat", "dog", "emu"}


# --- classes: mix only some classes (issue 7) -------------------------------


def test_classes_mixes_only_rows_anchored_in_those_classes():
    X, y = _identity_data(15)
    weights = np.linspace(1, 3, 15)
    model = MixupClassifier(Recorder(), mix_classes=[2], random_state=0)
    call = model.fit(X, y, sample_weight=weights).estimator_.calls_[0]
    anchors = model.pairs_[:, 0]
    kept = y[anchors] != 2
    # Other anchors are their own row, exactly, with hard label and weight.
    np.testing.assert_array_equal(call["X"][:15][kept], X[anchors[kept]])
    np.testing.assert_array_equal(call["y"][:15][kept], y[anchors[kept]])
    np.testing.assert_array_equal(
        call["sample_weight"][:15][kept], weights[anchors[kept]]
    )
    assert np.all(model.lambdas_[kept] == 1)
    assert np.all(model.lambdas_[~kept] < 1)
    # Only the mixed rows of class 2 are duplicated.
    assert len(call["y"]) == 15 + np.sum(y[model.pairs_[:, 1]][~kept] != 2)


def test_classes_with_an_unknown_label_or_not_a_list_is_refused():
    X, y = _identity_data(6)
    with pytest.raises(ValueError, match=r"mix_classes .*\[7\]"):
        MixupClassifier(Recorder(), mix_classes=[1, 7]).fit(X, y)
    with pytest.raises(InvalidParameterError, match="'mix_classes' parameter"):
        MixupClassifier(Recorder(), mix_classes=2).fit(X, y)
    with pytest.raises(ValueError, match="mix_classes must be 1-D"):
        MixupClassifier(Recorder(), mix_classes=[[1, 2]]).fit(X, y)


# --- re-mixing through partial_fit ------------------------------------------


def test_every_epoch_draws_a_fresh_mix_and_classes_go_to_the_first_call():
    X, y = _identity_data(12)
    model = MixupClassifier(Recorder(), n_epochs=3, random_state=0).fit(X, y)
    calls = model.estimator_.calls_
    assert len(calls) == 3
    np.testing.assert_array_equal(calls[0]["classes"], [0, 1, 2])
    assert calls[1]["classes"] is None and calls[2]["classes"] is None
    assert not np.array_equal(calls[0]["X"], calls[1]["X"])
    for call in calls:
        anchors, _, _ = _decode(call["X"][:12])
        np.testing.assert_array_equal(anchors, np.arange(12))


def test_every_mini_batch_is_mixed_inside_itself():
    X, y = _identity_data(25)
    model = MixupClassifier(Recorder(), n_epochs=2, batch_size=10, random_state=0).fit(
        X, y
    )
    calls = model.estimator_.calls_
    assert len(calls) == 2 * 3
    for epoch in range(2):
        batches = calls[3 * epoch : 3 * epoch + 3]
        anchor_sets = []
        for call, size in zip(batches, [10, 10, 5], strict=True):
            anchors, partners, _ = _decode(call["X"])
            batch = set(anchors[:size])
            assert len(batch) == size
            assert set(partners) <= batch
            anchor_sets.append(batch)
        # Every row anchors exactly once per epoch.
        assert set.union(*anchor_sets) == set(range(25))
    # pairs_ describes the last mini-batch, in rows of the training set.
    last_anchors, last_partners, _ = _decode(calls[-1]["X"][:5])
    np.testing.assert_array_equal(model.pairs_[:, 0], last_anchors)
    np.testing.assert_array_equal(model.pairs_[:, 1], last_partners)
    # In the dtype of the sampler's pairs_ for as many rows.
    assert model.pairs_.dtype == np.int32


def test_partial_fit_classifiers_learn_with_per_batch_mixing(breast_cancer):
    X, y = breast_cancer
    X = StandardScaler().fit_transform(X)
    for estimator in [
        SGDClassifier(loss="log_loss", random_state=0),
        MLPClassifier(hidden_layer_sizes=(8,), random_state=0),
    ]:
        # The median over seeds: SGD's last steps on mixed batches move one
        # seed's training accuracy anywhere between 0.76 and 0.97.
        scores = [
            MixupClassifier(
                estimator, alpha=0.2, n_epochs=20, batch_size=64, random_state=seed
            )
            .fit(X, y)
            .score(X, y)
            for seed in range(5)
        ]
        assert np.median(scores) > 0.9, type(estimator).__name__


# --- regression ---------------------------------------------------------------


def test_regressor_mixes_multi_output_targets_with_the_rows_lambda():
    X, _ = _identity_data(10)
    y = np.column_stack([np.arange(10.0), np.arange(10.0) ** 2])
    weights = np.arange(1.0, 11.0)
    model = MixupRegressor(RegressionRecorder(), random_state=0)
    call = model.fit(X, y, sample_weight=weights).estimator_.calls_[0]
    anchors, partners, lambdas = _decode(call["X"])
    lam = lambdas[:, None]
    np.testing.assert_allclose(call["y"], lam * y[anchors] + (1 - lam) * y[partners])
    # The weight is blended with the same λ as the target.
    np.testing.assert_allclose(
        call["sample_weight"],
        lambdas * weights[anchors] + (1 - lambdas) * weights[partners],
    )


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
@pytest.mark.parametrize(
    "estimator",
    [SGDRegressor(random_state=0), MLPRegressor(hidden_layer_sizes=(16,))],
    ids=lambda estimator: type(estimator).__name__,
)
def test_regressors_learn_with_per_batch_mixing(estimator):
    X, y = load_diabetes(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    y = (y - y.mean()) / y.std()
    estimator = clone(estimator).set_params(random_state=0)
    model = MixupRegressor(
        estimator, alpha=0.2, n_epochs=20, batch_size=32, random_state=0
    ).fit(X, y)
    assert model.score(X, y) > 0.4


def test_regressor_single_output_prediction_and_score():
    X, y = load_diabetes(return_X_y=True)
    model = MixupRegressor(Ridge(alpha=0.01), alpha=0.2, random_state=0).fit(X, y)
    assert model.predict(X).shape == (len(X),)
    assert model.score(X, y) > 0.4


# --- scikit-learn interface ---------------------------------------------------


def test_methods_are_delegated_only_when_the_estimator_has_them():
    hinge = MixupClassifier(SGDClassifier(loss="hinge"))
    assert not hasattr(hinge, "predict_proba")
    assert hasattr(hinge, "decision_function")
    logistic = MixupClassifier(LogisticRegression())
    for name in ["predict_proba", "predict_log_proba", "decision_function"]:
        assert hasattr(logistic, name)
    assert not hasattr(MixupRegressor(Ridge()), "predict_proba")


def test_delegated_outputs_equal_the_fitted_estimators():
    X, y = load_iris(return_X_y=True)
    model = MixupClassifier(LogisticRegression(max_iter=1000), random_state=0)
    model.fit(X, y)
    for name in ["predict", "predict_proba", "predict_log_proba", "decision_function"]:
        np.testing.assert_array_equal(
            getattr(model, name)(X), getattr(model.estimator_, name)(X)
        )
    assert model.score(X, y) == model.estimator_.score(X, y)
    assert model.n_features_in_ == 4


def test_feature_names_are_recorded():
    pd = pytest.importorskip("pandas")
    X, y = load_iris(return_X_y=True, as_frame=True)
    model = MixupClassifier(LogisticRegression(max_iter=1000), random_state=0)
    model.fit(X, y)
    np.testing.assert_array_equal(model.feature_names_in_, X.columns)
    assert isinstance(X, pd.DataFrame)


def test_grid_search_over_alpha_and_estimator_parameters_in_parallel():
    X, y = load_iris(return_X_y=True)
    grid = GridSearchCV(
        MixupClassifier(LogisticRegression(max_iter=1000), random_state=0),
        {"alpha": [0.0, 1.0], "estimator__C": [0.1, 10.0]},
        scoring="neg_log_loss",
        cv=2,
        n_jobs=2,
    ).fit(X, y)
    assert grid.best_params_["alpha"] in (0.0, 1.0)
    assert grid.best_params_["estimator__C"] in (0.1, 10.0)
    assert len(grid.cv_results_["params"]) == 4


def test_same_random_state_same_model_and_pickle_keeps_it():
    X, y = load_iris(return_X_y=True)
    model = MixupClassifier(LogisticRegression(max_iter=1000), random_state=3)
    first = model.fit(X, y).predict_proba(X)
    second = clone(model).fit(X, y).predict_proba(X)
    np.testing.assert_array_equal(first, second)
    other = clone(model).set_params(random_state=4).fit(X, y).predict_proba(X)
    assert not np.array_equal(first, other)
    restored = pickle.loads(pickle.dumps(model))
    np.testing.assert_array_equal(restored.predict_proba(X), first)


def test_inputs_are_not_modified_and_float32_reaches_the_estimator():
    X, y = _identity_data(8)
    X = X.astype(np.float32)
    weights = np.ones(8)
    X_before, y_before, weights_before = X.copy(), y.copy(), weights.copy()
    model = MixupClassifier(Recorder(), random_state=0)
    call = model.fit(X, y, sample_weight=weights).estimator_.calls_[0]
    assert call["X"].dtype == np.float32
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(y, y_before)
    np.testing.assert_array_equal(weights, weights_before)


# --- bad input ----------------------------------------------------------------


@pytest.mark.parametrize("Meta", [MixupClassifier, MixupRegressor])
@pytest.mark.parametrize(
    "params, match",
    [
        ({"estimator": object()}, "'estimator' parameter"),
        ({"batch_size": 0, "n_epochs": 1}, "'batch_size' parameter"),
        ({"n_epochs": 0}, "'n_epochs' parameter"),
        ({"alpha": -1}, "'alpha' parameter"),
        ({"n_samples": 0}, "'n_samples' parameter"),
        ({"pairing": "nearest"}, "'pairing' parameter"),
        ({"concat": "yes"}, "'concat' parameter"),
        ({"random_state": "seed"}, "'random_state' parameter"),
    ],
)
def test_bad_parameters_are_named(Meta, params, match):
    X, y = _identity_data(6)
    params = {"estimator": LogisticRegression(), **params}
    with pytest.raises(InvalidParameterError, match=match):
        Meta(**params).fit(X, y)


@pytest.mark.parametrize("Meta", [MixupClassifier, MixupRegressor])
def test_n_epochs_needs_partial_fit(Meta):
    X, y = _identity_data(6)
    estimator = Ridge() if Meta is MixupRegressor else LogisticRegression()
    with pytest.raises(ValueError, match=r"n_epochs=2 .*partial_fit"):
        Meta(estimator, n_epochs=2).fit(X, y)


def test_batch_size_needs_n_epochs():
    X, y = _identity_data(6)
    with pytest.raises(ValueError, match="batch_size=4 needs n_epochs"):
        MixupClassifier(SGDClassifier(), batch_size=4).fit(X, y)


def test_classifier_pairing_within_class_is_not_a_regressor_option():
    X, y = _identity_data(6)
    with pytest.raises(InvalidParameterError, match="'pairing' parameter"):
        MixupRegressor(Ridge(), pairing="within_class").fit(X, y)


def test_non_numeric_regression_target_is_named():
    X, _ = _identity_data(4)
    with pytest.raises(ValueError, match=r"\by\b"):
        MixupRegressor(Ridge()).fit(X, np.array(["a", "b", "c", "d"], dtype=object))


def test_non_numeric_features_are_named():
    X = np.array([["a", "b"], ["c", "d"], ["e", "f"]], dtype=object)
    with pytest.raises(ValueError, match=r"\bX\b"):
        MixupClassifier(LogisticRegression()).fit(X, [0, 1, 0])


def test_continuous_target_for_the_classifier_is_refused():
    X, _ = _identity_data(4)
    with pytest.raises(ValueError, match="Unknown label type"):
        MixupClassifier(LogisticRegression()).fit(X, [0.1, 0.5, 0.7, 0.2])


def test_classes_also_restricts_the_mix_of_every_mini_batch():
    X, y = _identity_data(12)
    model = MixupClassifier(
        Recorder(), alpha=1.0, mix_classes=[0], n_epochs=2, batch_size=5, random_state=0
    ).fit(X, y)
    for call in model.estimator_.calls_:
        anchors, _, lambdas = _decode(call["X"])
        assert np.all(lambdas[y[anchors] != 0] == 1)
        assert np.any(lambdas[y[anchors] == 0] < 1)


def test_partial_fit_without_sample_weight_warns_and_trains_on_anchor_labels():
    class Unweighted(ClassifierMixin, BaseEstimator):
        def fit(self, X, y):
            return self

        def partial_fit(self, X, y, classes=None):
            self.classes_ = (
                np.asarray(classes) if classes is not None else self.classes_
            )
            self.last_y_ = y
            return self

    X, y = _identity_data(9)
    model = MixupClassifier(Unweighted(), n_epochs=2, random_state=0)
    with pytest.warns(
        UserWarning, match=r"Unweighted\.partial_fit has no sample_weight"
    ):
        model.fit(X, y)
    np.testing.assert_array_equal(model.estimator_.last_y_, y[model.pairs_[:, 0]])


def test_alpha_zero_is_plain_training():
    X, y = load_iris(return_X_y=True)
    plain = LogisticRegression(max_iter=1000).fit(X, y)
    model = MixupClassifier(LogisticRegression(max_iter=1000), alpha=0.0).fit(X, y)
    np.testing.assert_allclose(model.predict_proba(X), plain.predict_proba(X))


def test_score_is_the_estimators_own_not_the_mixins():
    class OwnScore(Recorder):
        def score(self, X, y, sample_weight=None):
            return 42.0

    class OwnRegressionScore(RegressionRecorder):
        def score(self, X, y, sample_weight=None):
            return -7.0

    X, y = _identity_data(6)
    assert MixupClassifier(OwnScore()).fit(X, y).score(X, y) == 42.0
    assert MixupRegressor(OwnRegressionScore()).fit(X, y * 1.0).score(X, y) == -7.0


def test_a_remainder_of_anchors_keeps_every_class_of_a_sorted_data_set():
    # iris is sorted by class: anchoring the remainder at the first rows left
    # class 2 out of n_samples=100.
    X, y = load_iris(return_X_y=True)
    for seed in range(10):
        model = MixupClassifier(Recorder(), n_samples=100, random_state=seed)
        model.fit(X, y)
        anchors = model.pairs_[:, 0]
        per_class = np.bincount(y[anchors], minlength=3)
        assert np.all(np.abs(per_class - 100 / 3) <= 1), per_class
        assert set(model.estimator_.calls_[0]["y"].tolist()) == {0, 1, 2}
        per_row = np.bincount(anchors, minlength=len(y))
        assert per_row.max() - per_row.min() <= 1


def test_a_remainder_of_an_epochs_anchors_keeps_every_class():
    # The mini-batches of an epoch share out its anchors: 10 anchors of 30
    # rows sorted by class were rows 0-9, all of class 0.
    X = np.eye(30)
    y = np.repeat([0, 1, 2], 10)
    for seed in range(10):
        model = MixupClassifier(
            Recorder(), n_samples=10, n_epochs=1, batch_size=4, random_state=seed
        ).fit(X, y)
        anchors = np.unique(
            np.concatenate([_decode(call["X"])[0] for call in model.estimator_.calls_])
        )
        assert len(anchors) == 10
        assert np.bincount(y[anchors], minlength=3).min() >= 3


pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")


class _Recorder(LogisticRegression):
    """Keeps what fit received."""

    def fit(self, X, y, sample_weight=None):
        self.seen_ = (X, y, sample_weight)
        return super().fit(X, y, sample_weight=sample_weight)


def _soft_labels_by_row(X_rows, labels, weights, n_classes):
    """Total weight of each label for each distinct row of X_rows."""
    totals = {}
    for row, label, weight in zip(X_rows, labels, weights, strict=True):
        totals.setdefault(row.tobytes(), np.zeros(n_classes))[label] += weight
    return totals


@settings(max_examples=25, deadline=None)
@given(n_features=st.integers(1, 12), seed=st.integers(0, 2**16))
def test_property_classifier_soft_labels_are_the_realised_share(n_features, seed):
    n_rows = 30
    X = distinct_rows(n_rows, n_features, seed)
    y = np.arange(n_rows) % 3
    model = MixupClassifier(_Recorder(max_iter=20), method="cutmix", random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence of the tiny model
        model.fit(X, y)
    X_seen, y_seen, w_seen = model.estimator_.seen_
    anchors, partners = model.pairs_.T
    # The first n_rows rows are the synthetic rows, in the order of pairs_.
    shares, _ = realised_share(X_seen[:n_rows], X, model.pairs_)
    np.testing.assert_array_equal(model.lambdas_, shares)
    # Weighted duplication: each synthetic row's label weights are its share
    # (the anchor's label) and one minus it (the partner's).
    seen = _soft_labels_by_row(X_seen, y_seen, w_seen, 3)
    expected = _soft_labels_by_row(
        np.concatenate([X_seen[:n_rows], X_seen[:n_rows]]),
        np.concatenate([y[anchors], y[partners]]),
        np.concatenate([shares, 1 - shares]),
        3,
    )
    assert seen.keys() == expected.keys()
    for row, weights in expected.items():
        np.testing.assert_allclose(seen[row], weights, atol=1e-12)


def test_regressor_cutmix_targets_follow_the_share():
    X = distinct_rows(40, 6, 7)
    y = np.random.RandomState(7).normal(size=(40, 2))

    class Seen(Ridge):
        def fit(self, X, y, sample_weight=None):
            self.seen_ = (X, y)
            return super().fit(X, y, sample_weight=sample_weight)

    model = MixupRegressor(Seen(), method="cutmix", random_state=7).fit(X, y)
    X_seen, y_seen = model.estimator_.seen_
    shares, _ = realised_share(X_seen, X, model.pairs_)
    np.testing.assert_array_equal(model.lambdas_, shares)
    anchors, partners = model.pairs_.T
    np.testing.assert_allclose(
        y_seen,
        shares[:, None] * y[anchors] + (1 - shares[:, None]) * y[partners],
    )


def test_classifier_cutmix_alpha_zero_trains_on_the_data_and_is_deterministic():
    X = distinct_rows(30, 4, 8)
    y = np.arange(30) % 2
    model = MixupClassifier(_Recorder(), method="cutmix", alpha=0).fit(X, y)
    np.testing.assert_array_equal(model.estimator_.seen_[0], X)
    np.testing.assert_array_equal(model.estimator_.seen_[1], y)
    runs = [
        MixupClassifier(
            SGDClassifier(loss="log_loss", random_state=0),
            method="cutmix",
            n_epochs=2,
            batch_size=8,
            random_state=1,
        )
        .fit(X, y)
        .lambdas_
        for _ in range(2)
    ]
    np.testing.assert_array_equal(*runs)


def test_classifier_cutmix_with_within_class_and_mix_classes():
    X = distinct_rows(30, 4, 9)
    y = np.arange(30) % 3
    model = MixupClassifier(
        _Recorder(), method="cutmix", pairing="within_class", random_state=0
    ).fit(X, y)
    _, y_seen, w_seen = model.estimator_.seen_
    # Same-class partners: one entry per row, with weight 1.
    assert len(y_seen) == 30 and np.all(w_seen == 1)
    model = MixupClassifier(
        _Recorder(), method="cutmix", mix_classes=[0], random_state=0
    ).fit(X, y)
    assert np.all(model.lambdas_[y[model.pairs_[:, 0]] != 0] == 1)


def test_classifier_without_weights_keeps_the_anchor_majority():
    # KNeighborsClassifier has no sample_weight: the rows train on their
    # anchor's label, so CutMix keeps the anchor's cells in the majority.
    from sklearn.neighbors import KNeighborsClassifier

    X = np.arange(600.0).reshape(200, 3)
    y = np.arange(200) % 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        model = MixupClassifier(
            KNeighborsClassifier(1), alpha=1.0, method="cutmix", random_state=0
        ).fit(X, y)
    # At least 2 of 3 cells are the anchor's: λ is 1 or 2/3, never 1/3 or 0.
    assert set(np.round(model.lambdas_ * 3).astype(int).tolist()) <= {2, 3}
