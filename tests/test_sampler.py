"""Tests of :class:`mixup_sklearn.MixupSampler` (core behaviour)."""

import pickle
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.pipeline import make_pipeline
from numpy.testing import assert_allclose, assert_array_equal
from scipy import sparse
from sklearn.base import clone
from sklearn.datasets import load_diabetes, load_iris, load_wine
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.preprocessing import StandardScaler

from mixup_sklearn import MixupSampler


@pytest.fixture
def iris():
    return load_iris(return_X_y=True)


def _expected_rows(X, pairs, lambdas):
    anchors, partners = pairs[:, 0], pairs[:, 1]
    return lambdas[:, None] * X[anchors] + (1 - lambdas[:, None]) * X[partners]


def assert_rows_are_blends(X_res, X, pairs, lambdas):
    """``X_res`` is λ·anchor + (1 − λ)·partner up to the rounding of a few
    float operations on values of the parents' size: a relative tolerance
    alone would demand one order of rounding where the blend cancels. Below
    the smallest normal number rounding is absolute: a few subnormal steps."""
    anchors, partners = pairs[:, 0], pairs[:, 1]
    scale = np.abs(X[anchors]) + np.abs(X[partners])
    error = np.abs(X_res - _expected_rows(X, pairs, lambdas))
    info = np.finfo(X_res.dtype)
    assert np.all(error <= 4 * info.eps * scale + 4 * info.smallest_subnormal)


def test_rows_are_folded_convex_blends_of_anchor_and_partner(iris):
    X, y = iris
    sampler = MixupSampler(alpha=1.0, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    pairs, lambdas = sampler.pairs_, sampler.lambdas_
    assert pairs.shape == (150, 2) and lambdas.shape == (150,)
    assert_array_equal(pairs[:, 0], np.arange(150))
    assert np.all(pairs[:, 0] != pairs[:, 1])
    assert np.all((lambdas >= 0.5) & (lambdas <= 1))
    assert_rows_are_blends(X_res, X, pairs, lambdas)


def test_pairs_are_int32_and_index_x(iris):
    # int32 holds every row index below 2**31: half the memory of intp.
    X, y = iris
    sampler = MixupSampler(random_state=0)
    sampler.fit_resample(X, y)
    assert sampler.pairs_.dtype == np.int32
    assert_array_equal(X[sampler.pairs_[:, 1]], X[sampler.pairs_.astype(np.intp)[:, 1]])


def test_resampled_labels_carry_no_cached_unique_values(iris):
    # The label checks attach y's unique values to a view of y; two
    # resampled rows of one class must not claim the three classes of y.
    from sklearn.utils.multiclass import type_of_target

    X, y = iris
    sampler = MixupSampler(n_samples=2, random_state=0)
    _, y_res = sampler.fit_resample(X, y)
    assert y_res.dtype.metadata is None
    assert type_of_target(y_res) == "binary"
    assert_array_equal(np.unique(y_res), np.unique(y[sampler.pairs_[:, 0]]))


def test_anchors_cycle_through_the_rows_in_order(iris):
    X, y = iris
    sampler = MixupSampler(n_samples=400, random_state=0).fit(X, y)
    counted_by_fit = sampler.sampling_strategy_
    sampler.fit_resample(X, y)
    anchors = sampler.pairs_[:, 0]
    # Two whole cycles in order, then 100 distinct rows drawn at random.
    assert_array_equal(anchors[:300], np.arange(300) % 150)
    remainder = anchors[300:]
    assert len(np.unique(remainder)) == 100
    assert_array_equal(remainder, np.sort(remainder))
    # The counts are those of the anchors drawn, and fit draws the same.
    assert sampler.sampling_strategy_ == dict(Counter(y[anchors].tolist()))
    assert counted_by_fit == sampler.sampling_strategy_


@pytest.mark.parametrize("n_samples", [100, 1.5, 2.5])
def test_a_remainder_of_anchors_keeps_every_class_of_a_sorted_data_set(iris, n_samples):
    # iris is sorted by class: anchoring the remainder at the first rows gave
    # {0: 50, 1: 50} for n_samples=100 (class 2 lost) and 100/75/50 for 1.5.
    X, y = iris
    for seed in range(20):
        sampler = MixupSampler(n_samples=n_samples, random_state=seed)
        _, y_res = sampler.fit_resample(X, y)
        proportional = len(y_res) / 3
        counts = Counter(y_res.tolist())
        assert sorted(counts) == [0, 1, 2]
        assert all(abs(count - proportional) <= 1 for count in counts.values())
        # Every row anchors as many synthetic rows as any other, give or take 1.
        per_row = np.bincount(sampler.pairs_[:, 0], minlength=len(y))
        assert per_row.max() - per_row.min() <= 1


def test_a_remainder_of_anchors_is_random_and_reproducible(iris):
    X, y = iris

    def remainder(random_state):
        sampler = MixupSampler(n_samples=100, random_state=random_state)
        X_res, _ = sampler.fit_resample(X, y)
        return X_res, tuple(sampler.pairs_[:, 0].tolist())

    X_first, first = remainder(0)
    X_again, again = remainder(0)
    assert_array_equal(X_first, X_again) and first == again
    assert len({remainder(seed)[1] for seed in range(5)}) == 5


def test_a_regression_remainder_of_anchors_does_not_follow_the_row_order():
    X, y = load_diabetes(return_X_y=True)
    order = np.argsort(y)
    X, y = X[order], y[order]
    n_rows = len(y)
    sampler = MixupSampler(
        alpha=0.0, n_samples=1.5, target="regression", random_state=0
    )
    _, y_res = sampler.fit_resample(X, y)
    per_row = np.bincount(sampler.pairs_[:, 0], minlength=n_rows)
    assert set(per_row.tolist()) == {1, 2}
    # A sorted target: the first rows as the remainder would pull the mean
    # down by a quarter of the spread; a random draw keeps it.
    assert abs(y_res.mean() - y.mean()) < 0.1 * y.std()


def test_balancing_remainder_is_drawn_at_random_within_the_class():
    y = np.array([0] * 50 + [1] * 10)
    X = np.arange(60, dtype=float)[:, None]
    counts = np.zeros(60, dtype=int)
    for seed in range(30):
        sampler = MixupSampler(sampling_strategy="auto", random_state=seed)
        sampler.fit_resample(X, y)
        anchors = sampler.pairs_[:, 0]
        per_row = np.bincount(anchors, minlength=60)[50:]
        # 40 rows added to 10: each minority row anchors exactly 4.
        assert_array_equal(per_row, 4)
        sampler = MixupSampler(sampling_strategy={1: 25}, random_state=seed)
        sampler.fit_resample(X, y)
        per_row = np.bincount(sampler.pairs_[:, 0], minlength=60)[50:]
        assert set(per_row.tolist()) == {1, 2}
        counts[50:] += per_row
    # 15 rows added to 10: the 5 extra anchors are not always the first 5;
    # each of the last 5 minority rows was one of them in some draw.
    assert counts[55:].min() > 30


def test_classification_keeps_the_anchor_label_of_any_type(iris):
    X, y = iris
    names = np.array(["setosa", "versicolor", "virginica"], dtype=object)[y]
    sampler = MixupSampler(n_samples=2.0, random_state=0)
    X_res, y_res = sampler.fit_resample(X, names)
    assert_array_equal(y_res, names[sampler.pairs_[:, 0]])
    assert Counter(y_res) == {"setosa": 100, "versicolor": 100, "virginica": 100}


def test_one_vs_all_indicator_target_round_trips(iris):
    X, y = iris
    indicator = np.eye(3, dtype=int)[y]
    sampler = MixupSampler(random_state=0)
    X_res, y_res = sampler.fit_resample(X, indicator)
    assert y_res.shape == (150, 3)
    # Each synthetic row carries its anchor's one-hot row, not just any one.
    assert_array_equal(y_res, indicator[sampler.pairs_[:, 0]])


@pytest.mark.parametrize(
    "labels, n_columns",
    [(np.arange(20) % 2, 2), (np.arange(20) % 2, 3)],
    ids=["two-columns", "unused-column"],
)
def test_one_hot_target_keeps_all_its_columns(labels, n_columns):
    # label_binarize turns two classes into one column, and drops columns of
    # classes absent from y: the output must keep the columns it was given.
    X = np.arange(40.0).reshape(20, 2)
    indicator = np.eye(n_columns, dtype=int)[labels]
    sampler = MixupSampler(n_samples=30, random_state=0)
    _, y_res = sampler.fit_resample(X, indicator)
    assert y_res.shape == (30, n_columns)
    assert_array_equal(y_res, indicator[sampler.pairs_[:, 0]])


def test_one_hot_dataframe_target_round_trips():
    X = np.arange(40.0).reshape(20, 2)
    labels = np.arange(20) % 3
    frame = pd.DataFrame(np.eye(3, dtype=int)[labels], columns=["a", "b", "c"])
    sampler = MixupSampler(pairing="within_class", random_state=0)
    _, y_res = sampler.fit_resample(X, frame)
    assert isinstance(y_res, pd.DataFrame) and list(y_res.columns) == ["a", "b", "c"]
    assert_array_equal(y_res, frame.to_numpy()[sampler.pairs_[:, 0]])
    assert_array_equal(labels[sampler.pairs_[:, 1]], labels[sampler.pairs_[:, 0]])


def test_within_class_partners_share_the_anchor_class():
    X, y = load_wine(return_X_y=True)
    sampler = MixupSampler(pairing="within_class", n_samples=3.0, random_state=0)
    sampler.fit_resample(X, y)
    anchors, partners = sampler.pairs_.T
    assert_array_equal(y[anchors], y[partners])
    assert np.all(anchors != partners)


def test_within_class_singleton_class_is_its_own_partner():
    X = np.arange(10.0).reshape(5, 2)
    y = np.array([0, 0, 0, 0, 1])
    sampler = MixupSampler(pairing="within_class", random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    assert sampler.pairs_[4, 1] == 4
    assert_array_equal(X_res[4], X[4])


def test_random_pairing_reaches_every_other_row():
    X = np.arange(8.0).reshape(4, 2)
    y = np.array([0, 0, 1, 1])
    sampler = MixupSampler(n_samples=400, random_state=0)
    sampler.fit_resample(X, y)
    partners_of_first = set(sampler.pairs_[sampler.pairs_[:, 0] == 0, 1])
    assert partners_of_first == {1, 2, 3}


def test_lambda_one_returns_the_anchor_bit_for_bit():
    X = np.array([[-0.0, 1e-300], [5.0, -3.0], [2.0, 7.0]])
    y = np.array([0, 1, 1])
    X_res, _ = MixupSampler(alpha=0, random_state=0).fit_resample(X, y)
    assert X_res.tobytes() == X.tobytes()


def test_lambda_one_rows_among_mixed_rows_are_their_anchor_bit_for_bit():
    # With a small alpha many λ round to exactly 1 while others do not; the
    # blend 1·(-0.0) + 0·(partner) would turn those rows' -0.0 into +0.0.
    X = np.column_stack([np.tile([-0.0, 1.0], 100), np.arange(200.0)])
    y = np.arange(200) % 2
    sampler = MixupSampler(alpha=0.01, random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    anchors, partners = sampler.pairs_.T
    copied = sampler.lambdas_ == 1
    assert not copied.all()
    assert (copied & (X[anchors, 0] == 0) & (X[partners, 0] > 0)).any()
    assert X_res[copied].tobytes() == X[anchors[copied]].tobytes()


def test_alpha_zero_returns_the_training_set_unchanged(iris):
    X, y = iris
    X_res, y_res = MixupSampler(alpha=0).fit_resample(X, y)
    assert_array_equal(X_res, X)
    assert_array_equal(y_res, y)
    frame = load_iris(as_frame=True).frame.assign(count=np.arange(150))
    X_df, y_s = frame.drop(columns="target"), frame["target"]
    X_out, y_out = MixupSampler(alpha=0).fit_resample(X_df, y_s)
    pd.testing.assert_frame_equal(X_out, X_df)
    pd.testing.assert_series_equal(y_out, y_s)


def test_regression_mixes_the_target_with_the_row_lambda():
    X, y = load_diabetes(return_X_y=True)
    sampler = MixupSampler(target="regression", random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    pairs, lambdas = sampler.pairs_, sampler.lambdas_
    assert_rows_are_blends(X_res, X, pairs, lambdas)
    assert_rows_are_blends(y_res[:, None], y[:, None], pairs, lambdas)


def test_regression_multi_output_and_integer_series_target():
    X, y = load_diabetes(return_X_y=True)
    Y = np.column_stack([y, -2 * y])
    sampler = MixupSampler(target="regression", random_state=0)
    _, Y_res = sampler.fit_resample(X, Y)
    assert Y_res.shape == (442, 2)
    assert_allclose(Y_res[:, 1], -2 * Y_res[:, 0])
    counts = pd.Series(y.astype(np.int64), name="progression")
    _, y_res = sampler.fit_resample(X, counts)
    # An integer target is mixed, so it must not be truncated back to int.
    assert y_res.dtype == np.float64 and y_res.name == "progression"
    assert not np.all(y_res == np.round(y_res))


def test_continuous_target_refused_with_a_hint_to_use_regression():
    X, y = load_diabetes(return_X_y=True)
    y = y / 7  # diabetes targets are whole numbers, which look like classes
    with pytest.raises(ValueError, match=r"Unknown label type.*target='regression'"):
        MixupSampler().fit_resample(X, y)


@pytest.mark.filterwarnings("ignore:invalid value encountered in cast")
@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_non_finite_class_labels_do_not_suggest_regression(bad):
    # target='regression' refuses them too: the hint would send users in a
    # circle.
    X = np.arange(20.0).reshape(10, 2)
    y = np.r_[bad, np.arange(9) % 2]
    with pytest.raises(ValueError, match="Input y contains") as error:
        MixupSampler().fit_resample(X, y)
    assert "target='regression'" not in str(error.value)


@pytest.mark.parametrize(
    ("y", "match"),
    [
        (np.array(["low", "high"] * 5, dtype=object), "y must be numeric"),
        (pd.Series(["low", "high"] * 5, dtype="string"), "y must be numeric"),
        (np.r_[np.nan, np.ones(9)], "y contains NaN"),
        (np.ones((10, 1, 1)), "y must be 1-D or 2-D"),
    ],
    ids=["object", "string", "nan", "3d"],
)
def test_bad_regression_target_is_refused_naming_y(y, match):
    X = np.arange(20.0).reshape(10, 2)
    with pytest.raises(ValueError, match=match):
        MixupSampler(target="regression").fit_resample(X, y)


def test_within_class_refused_for_regression():
    X, y = load_diabetes(return_X_y=True)
    sampler = MixupSampler(pairing="within_class", target="regression")
    with pytest.raises(ValueError, match="pairing='within_class'"):
        sampler.fit_resample(X, y)


@pytest.mark.parametrize(
    ("n_samples", "concat", "expected"),
    [(None, False, 150), (10, False, 10), (2.0, False, 300), (0.5, True, 225)],
)
def test_n_samples_and_concat(iris, n_samples, concat, expected):
    X, y = iris
    sampler = MixupSampler(n_samples=n_samples, concat=concat, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    assert len(X_res) == len(y_res) == expected
    if concat:
        assert_array_equal(X_res[:150], X)
        assert_array_equal(y_res[:150], y)


def test_same_random_state_same_output_dense_and_sparse(iris):
    X, y = iris
    dense_a = MixupSampler(random_state=7).fit_resample(X, y)[0]
    dense_b = MixupSampler(random_state=7).fit_resample(X, y)[0]
    sparse_a = MixupSampler(random_state=7).fit_resample(sparse.csr_matrix(X), y)[0]
    sparse_b = MixupSampler(random_state=7).fit_resample(sparse.csr_matrix(X), y)[0]
    assert_array_equal(dense_a, dense_b)
    assert (sparse_a != sparse_b).nnz == 0
    assert_allclose(sparse_a.toarray(), dense_a)


def test_cloned_sampler_refits_identically(iris):
    X, y = iris
    sampler = MixupSampler(random_state=1)
    first = sampler.fit_resample(X, y)[0]
    assert_array_equal(clone(sampler).fit_resample(X, y)[0], first)
    assert_array_equal(pickle.loads(pickle.dumps(sampler)).fit_resample(X, y)[0], first)


def test_float32_stays_float32(iris):
    X, y = iris
    X_res, _ = MixupSampler(random_state=0).fit_resample(X.astype(np.float32), y)
    assert X_res.dtype == np.float32


def test_sparse_input_is_never_densified():
    X = sparse.random(2000, 5000, density=0.001, format="csr", random_state=0)
    y = np.arange(2000) % 2
    sampler = MixupSampler(random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    assert sparse.issparse(X_res) and X_res.format == "csr"
    # A blended row holds at most the entries of its anchor and its partner.
    row_nnz = np.diff(X.indptr)
    assert X_res.nnz <= row_nnz[sampler.pairs_].sum()


@pytest.mark.parametrize("fmt", ["coo", "lil", "dok", "bsr", "csc", "csr"])
def test_sparse_output_keeps_the_input_format(fmt):
    # User guide: "sparse matrices stay sparse in their format", for the
    # sampler too.
    X = sparse.random(30, 4, density=0.5, format=fmt, random_state=0)
    y = np.arange(30) % 2
    sampler = MixupSampler(concat=True, random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    assert X_res.format == fmt
    dense, _ = sampler.fit_resample(X.toarray(), y)
    assert_allclose(X_res.toarray(), dense)


def test_containers_round_trip_like_imblearn(iris):
    X, y = iris
    frame = load_iris(as_frame=True)
    X_df, y_s = frame.data, frame.target.rename("species")
    X_out, y_out = MixupSampler(random_state=0).fit_resample(X_df, y_s)
    assert list(X_out.columns) == list(X_df.columns)
    assert isinstance(y_out, pd.Series) and y_out.name == "species"
    X_list, y_list = MixupSampler(random_state=0).fit_resample(X.tolist(), y.tolist())
    assert isinstance(X_list, list) and isinstance(y_list, list)


def test_inputs_are_not_modified(iris):
    X, y = iris
    X_df = pd.DataFrame(X.copy())
    X_copy, y_copy, df_copy = X.copy(), y.copy(), X_df.copy()
    MixupSampler(concat=True, random_state=0).fit_resample(X, y)
    MixupSampler(random_state=0).fit_resample(X_df, y)
    assert_array_equal(X, X_copy)
    assert_array_equal(y, y_copy)
    pd.testing.assert_frame_equal(X_df, df_copy)


@pytest.mark.parametrize("alpha", [1e-300, 5e-324, 1e-3, 1e6])
def test_extreme_alpha_gives_finite_output(iris, alpha):
    X, y = iris
    sampler = MixupSampler(alpha=alpha, random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    assert np.all(np.isfinite(X_res)) and np.all(np.isfinite(sampler.lambdas_))


def test_huge_alpha_mixes_at_the_midpoint_and_tiny_alpha_copies_the_anchor(iris):
    X, y = iris
    huge = MixupSampler(alpha=1e6, random_state=0).fit(X, y)
    huge.fit_resample(X, y)
    assert_allclose(huge.lambdas_, 0.5, atol=0.01)
    tiny = MixupSampler(alpha=1e-300, random_state=0)
    X_res, _ = tiny.fit_resample(X, y)
    assert_array_equal(X_res, X)


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"alpha": -1}, "'alpha' parameter of MixupSampler"),
        ({"alpha": "big"}, "'alpha' parameter of MixupSampler"),
        ({"n_samples": 0}, "'n_samples' parameter of MixupSampler"),
        ({"n_samples": "x"}, "'n_samples' parameter of MixupSampler"),
        ({"concat": "yes"}, "'concat' parameter of MixupSampler"),
        ({"pairing": "nearest"}, "'pairing' parameter of MixupSampler"),
        ({"target": "continuous"}, "'target' parameter of MixupSampler"),
        ({"random_state": "x"}, "'random_state' parameter of MixupSampler"),
    ],
)
def test_bad_parameters_are_refused_at_fit(iris, params, match):
    X, y = iris
    sampler = MixupSampler(**params)  # __init__ validates nothing
    with pytest.raises(ValueError, match=match):
        sampler.fit_resample(X, y)


@pytest.mark.parametrize(
    ("X", "y", "match"),
    [
        (np.ones((4, 2)), np.array([0, 1, 0]), "inconsistent numbers of samples"),
        (np.array([[np.nan, 1], [1, 2], [3, 4]]), np.array([0, 1, 0]), "NaN"),
        (np.ones((3, 2, 2)), np.array([0, 1, 0]), "dim 3"),
        (np.ones((4, 2)), np.zeros(4), "more than 1 class"),
        (np.ones((4, 2)), None, "requires y to be passed"),
    ],
)
def test_bad_data_is_refused(X, y, match):
    with pytest.raises(ValueError, match=match):
        MixupSampler().fit_resample(X, y)


@pytest.mark.parametrize(
    "params",
    [{"target": "regression"}, {"categorical_features": [0]}],
    ids=["regression", "categorical"],
)
def test_missing_y_is_refused_naming_y(params):
    with pytest.raises(ValueError, match="requires y to be passed"):
        MixupSampler(**params).fit_resample(np.ones((4, 2)), None)


def test_sampler_has_no_transform_so_imblearn_pipelines_accept_it():
    assert not hasattr(MixupSampler(), "transform")


def test_grid_search_over_alpha_in_parallel_is_reproducible(iris):
    X, y = iris
    pipe = make_pipeline(
        StandardScaler(), MixupSampler(random_state=0), LogisticRegression()
    )
    grid = {"mixupsampler__alpha": [0.0, 1.0], "logisticregression__C": [1]}
    first = GridSearchCV(pipe, grid, cv=3, n_jobs=2).fit(X, y)
    second = GridSearchCV(pipe, grid, cv=3, n_jobs=1).fit(X, y)
    assert_allclose(
        first.cv_results_["mean_test_score"], second.cv_results_["mean_test_score"]
    )
    # alpha=0 is plain training: the same score as the pipeline without mixup.
    plain = cross_val_score(
        make_pipeline(StandardScaler(), LogisticRegression(C=1)), X, y, cv=3
    ).mean()
    params = first.cv_results_["params"]
    erm = params.index({"mixupsampler__alpha": 0.0, "logisticregression__C": 1})
    assert first.cv_results_["mean_test_score"][erm] == pytest.approx(plain)


def test_pipeline_resamples_at_fit_time_only(iris):
    X, y = iris
    pipe = make_pipeline(
        MixupSampler(n_samples=3.0, random_state=0), LogisticRegression(max_iter=500)
    )
    pipe.fit(X, y)
    assert pipe.predict(X).shape == (150,)


def test_cross_val_score_with_a_regressor():
    X, y = load_diabetes(return_X_y=True)
    pipe = make_pipeline(
        MixupSampler(target="regression", alpha=0.2, concat=True, random_state=0),
        Ridge(alpha=0.1),
    )
    scores = cross_val_score(pipe, X, y, cv=5, scoring="r2")
    assert scores.mean() > 0.4


def test_dataframe_through_a_pipeline_keeps_feature_names():
    frame = load_wine(as_frame=True)
    pipe = make_pipeline(
        StandardScaler(),
        MixupSampler(pairing="within_class", random_state=0),
        LogisticRegression(max_iter=1000),
    )
    pipe.fit(frame.data, frame.target)
    assert list(pipe.feature_names_in_) == list(frame.data.columns)
    assert pipe.score(frame.data, frame.target) > 0.9


# ---------------------------------------------------------------- properties

_tables = st.integers(3, 30).flatmap(
    lambda n: st.tuples(
        st.lists(
            st.lists(st.floats(-100, 100), min_size=2, max_size=2),
            min_size=n,
            max_size=n,
        ),
        st.lists(st.integers(0, 2), min_size=n, max_size=n).filter(
            lambda labels: len(set(labels)) > 1
        ),
    )
)


@settings(max_examples=40, deadline=None)
@given(
    data=_tables,
    alpha=st.floats(0, 5),
    pairing=st.sampled_from(["random", "within_class"]),
    seed=st.integers(0, 1000),
)
def test_property_sampler_invariants(data, alpha, pairing, seed):
    X, y = np.array(data[0]), np.array(data[1])
    X_before, y_before = X.copy(), y.copy()
    sampler = MixupSampler(alpha=alpha, pairing=pairing, random_state=seed)
    X_res, y_res = sampler.fit_resample(X, y)
    anchors, partners = sampler.pairs_.T
    # Anchor labels, and within-class partners share the anchor's class.
    assert_array_equal(y_res, y[anchors])
    if pairing == "within_class":
        assert_array_equal(y[partners], y[anchors])
    # Convexity with the folded λ.
    assert np.all((sampler.lambdas_ >= 0.5) & (sampler.lambdas_ <= 1))
    assert_rows_are_blends(X_res, X, sampler.pairs_, sampler.lambdas_)
    # Determinism and no mutation.
    again = MixupSampler(alpha=alpha, pairing=pairing, random_state=seed)
    assert_array_equal(again.fit_resample(X, y)[0], X_res)
    assert_array_equal(X, X_before)
    assert_array_equal(y, y_before)


@settings(max_examples=25, deadline=None)
@given(data=_tables, seed=st.integers(0, 1000))
def test_property_alpha_zero_is_identity(data, seed):
    X, y = np.array(data[0]), np.array(data[1])
    X_res, y_res = MixupSampler(alpha=0, random_state=seed).fit_resample(X, y)
    assert X_res.tobytes() == X.astype(np.float64).tobytes()
    assert_array_equal(y_res, y)


@settings(max_examples=25, deadline=None)
@given(data=_tables, alpha=st.floats(0.01, 5), seed=st.integers(0, 1000))
def test_property_regression_shares_lambda_between_x_and_y(data, alpha, seed):
    X = np.array(data[0])
    y = X @ np.array([2.0, -3.0]) + 1.0  # linear: mixing commutes with the map
    sampler = MixupSampler(alpha=alpha, target="regression", random_state=seed)
    X_res, y_res = sampler.fit_resample(X, y)
    assert_allclose(y_res, X_res @ np.array([2.0, -3.0]) + 1.0, atol=1e-8)
