"""Partner draws of MixupSampler: knn, label_kernel (C-Mixup) and lag."""

import tracemalloc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.pipeline import make_pipeline
from scipy import sparse
from scipy.stats import chisquare
from sklearn.datasets import load_diabetes, make_classification
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import pairwise_distances
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import (
    KNeighborsClassifier,
    KNeighborsTransformer,
    NearestNeighbors,
)
from sklearn.utils._param_validation import InvalidParameterError

from mixup_sklearn import MixupSampler, mixup
from mixup_sklearn._pairing import (
    CLASS_PAIRINGS,
    PAIRINGS,
    draw_anchors,
    draw_partners,
    label_kernel_partners,
    lag_partners,
    split_remainder,
    uniform_partners,
)
from mixup_sklearn._plan import draw_plan

# --- knn -------------------------------------------------------------------------


def assert_partners_are_neighbours(X, pairs, n_neighbors, groups):
    distances = pairwise_distances(X)
    for anchor, partner in pairs:
        others = np.flatnonzero(
            (groups == groups[anchor]) & (np.arange(len(X)) != anchor)
        )
        radius = np.sort(distances[anchor, others])[min(n_neighbors, len(others)) - 1]
        assert partner != anchor
        assert groups[partner] == groups[anchor]
        assert distances[anchor, partner] <= radius


@pytest.mark.parametrize("n_neighbors", [1, 3])
def test_knn_partner_is_a_near_neighbour_of_the_same_class(n_neighbors):
    X, y = make_classification(
        n_samples=120, n_classes=3, n_informative=3, random_state=0
    )
    sampler = MixupSampler(pairing="knn", n_neighbors=n_neighbors, random_state=0)
    sampler.fit_resample(X, y)
    assert_partners_are_neighbours(X, sampler.pairs_, n_neighbors, y)
    # Every allowed neighbour is used, not only the nearest.
    if n_neighbors == 3:
        distances = pairwise_distances(X)
        ranks = [
            np.sum(distances[a, y == y[a]] < distances[a, p]) for a, p in sampler.pairs_
        ]
        assert set(ranks) == {1, 2, 3}


@pytest.mark.filterwarnings("ignore:n_neighbors=.* is larger:UserWarning")
@settings(max_examples=25, deadline=None)
@given(
    n_rows=st.integers(6, 40),
    n_classes=st.integers(1, 3),
    n_neighbors=st.integers(1, 4),
    seed=st.integers(0, 2**16),
)
def test_property_knn_partner_is_within_the_neighbourhood(
    n_rows, n_classes, n_neighbors, seed
):
    X = np.random.RandomState(seed).normal(size=(n_rows, 3))
    regression = n_classes == 1
    y = X[:, 0] if regression else np.arange(n_rows) % n_classes
    sampler = MixupSampler(
        pairing="knn",
        n_neighbors=n_neighbors,
        target="regression" if regression else "classification",
        random_state=seed,
    )
    sampler.fit_resample(X, y)
    groups = np.zeros(n_rows) if regression else y
    assert_partners_are_neighbours(X, sampler.pairs_, n_neighbors, groups)


def test_knn_regression_uses_all_rows():
    X, y = load_diabetes(return_X_y=True)
    X, y = X[:150], y[:150]
    sampler = MixupSampler(
        pairing="knn", n_neighbors=4, target="regression", random_state=0
    )
    sampler.fit_resample(X, y)
    assert_partners_are_neighbours(X, sampler.pairs_, 4, np.zeros(len(X)))


def test_knn_sparse_matches_dense_and_keeps_float32():
    X, y = make_classification(n_samples=80, random_state=0)
    sampler = MixupSampler(pairing="knn", random_state=0)
    X_dense, _ = sampler.fit_resample(X.astype(np.float32), y)
    pairs_dense = sampler.pairs_
    X_sparse, _ = sampler.fit_resample(sparse.csr_matrix(X.astype(np.float32)), y)
    assert X_dense.dtype == np.float32 and X_sparse.dtype == np.float32
    np.testing.assert_array_equal(sampler.pairs_, pairs_dense)
    # One formula, y + λ·(x − y), entry for entry: the same values exactly.
    np.testing.assert_array_equal(X_sparse.toarray(), X_dense)


def test_knn_with_duplicate_rows_never_pairs_a_row_with_itself():
    X = np.repeat(np.arange(5.0)[:, np.newaxis], 4, axis=0)
    y = np.zeros(20, dtype=int)
    y[::2] = 1
    sampler = MixupSampler(pairing="knn", n_neighbors=2, random_state=0)
    sampler.fit_resample(X, y)
    assert (sampler.pairs_[:, 0] != sampler.pairs_[:, 1]).all()


def test_knn_larger_than_smallest_class_is_clamped_with_a_warning():
    X, y = make_classification(n_samples=60, weights=[0.95], flip_y=0, random_state=0)
    assert np.bincount(y).min() == 3
    sampler = MixupSampler(pairing="knn", n_neighbors=5, random_state=0)
    with pytest.warns(UserWarning, match="n_neighbors=5 is larger than the number"):
        sampler.fit_resample(X, y)
    assert_partners_are_neighbours(X, sampler.pairs_, 5, y)


@pytest.mark.filterwarnings("ignore:n_neighbors=True is larger:UserWarning")
def test_knn_n_neighbors_true_is_one():
    # bool is an Integral, so validation lets True through; it must act as 1.
    X, y = make_classification(n_samples=60, random_state=0)
    one = MixupSampler(pairing="knn", n_neighbors=1, random_state=0)
    true = MixupSampler(pairing="knn", n_neighbors=True, random_state=0)
    np.testing.assert_array_equal(true.fit_resample(X, y)[0], one.fit_resample(X, y)[0])


def test_knn_regression_larger_than_the_data_is_clamped_with_a_warning():
    # As for a small class: the neighbourhood is then every other row, which
    # is no longer local, and the user should hear about it.
    X, y = load_diabetes(return_X_y=True)
    X, y = X[:8], y[:8]
    sampler = MixupSampler(
        pairing="knn", n_neighbors=10, target="regression", random_state=0
    )
    with pytest.warns(UserWarning, match=r"n_neighbors=10 is larger than .* \(7\)"):
        sampler.fit_resample(X, y)
    assert_partners_are_neighbours(X, sampler.pairs_, 10, np.zeros(len(X)))


def test_knn_bad_n_neighbors_names_the_parameter():
    X, y = make_classification(random_state=0)
    with pytest.raises(InvalidParameterError, match="n_neighbors"):
        MixupSampler(pairing="knn", n_neighbors=0).fit_resample(X, y)


def test_knn_neighbours_estimator_with_the_same_size_draws_the_same_rows():
    # The int path is unchanged, and an estimator's n_neighbors counts the
    # other rows as the int does.
    X, y = make_classification(
        n_samples=90, n_classes=3, n_informative=3, random_state=0
    )
    search = NearestNeighbors(n_neighbors=3)
    by_int = MixupSampler(pairing="knn", n_neighbors=3, random_state=0)
    by_estimator = MixupSampler(pairing="knn", n_neighbors=search, random_state=0)
    X_int, y_int = by_int.fit_resample(X, y)
    X_est, y_est = by_estimator.fit_resample(X, y)
    np.testing.assert_array_equal(X_est, X_int)
    np.testing.assert_array_equal(y_est, y_int)


@pytest.mark.parametrize("fitted", [False, True])
def test_knn_custom_metric_estimator_defines_the_neighbourhoods(fitted):
    X, y = make_classification(n_samples=120, n_classes=2, random_state=1)
    search = NearestNeighbors(n_neighbors=2, metric="chebyshev")
    if fitted:
        search.fit(X[:10])
    before = search.get_params()
    sampler = MixupSampler(pairing="knn", n_neighbors=search, random_state=0)
    sampler.fit_resample(X, y)
    distances = pairwise_distances(X, metric="chebyshev")
    for anchor, partner in sampler.pairs_:
        others = np.flatnonzero((y == y[anchor]) & (np.arange(len(X)) != anchor))
        assert distances[anchor, partner] <= np.sort(distances[anchor, others])[1]
    # The user's estimator is cloned, never refitted or changed.
    assert search.get_params() == before
    assert hasattr(search, "n_samples_fit_") == fitted
    if fitted:
        assert search.n_samples_fit_ == 10
    # Chebyshev neighbourhoods differ from Euclidean ones on this data.
    euclidean = MixupSampler(pairing="knn", n_neighbors=2, random_state=0)
    euclidean.fit_resample(X, y)
    assert not np.array_equal(euclidean.pairs_, sampler.pairs_)


def test_knn_estimator_larger_than_a_class_warns_with_its_size():
    X, y = make_classification(n_samples=60, weights=[0.95], flip_y=0, random_state=0)
    sampler = MixupSampler(
        pairing="knn", n_neighbors=NearestNeighbors(n_neighbors=7), random_state=0
    )
    with pytest.warns(UserWarning, match="n_neighbors=7 is larger than the number"):
        sampler.fit_resample(X, y)


class _NotANeighbourSearch:
    def fit(self, X):
        return self


@pytest.mark.parametrize(
    ("n_neighbors", "error", "match"),
    [
        (_NotANeighbourSearch(), InvalidParameterError, "'n_neighbors' parameter"),
        ("5", InvalidParameterError, "'n_neighbors' parameter"),
        (
            KNeighborsTransformer(n_neighbors=0),
            ValueError,
            r"n_neighbors=KNeighborsTransformer\(n_neighbors=0\) is a neighbours "
            "estimator without an int n_neighbors parameter >= 1",
        ),
        (
            # It has fit and kneighbors, but its fit needs y.
            KNeighborsClassifier(n_neighbors=3),
            TypeError,
            r"n_neighbors=KNeighborsClassifier\(n_neighbors=3\) could not be "
            "fitted on the rows alone .*NearestNeighbors",
        ),
    ],
)
def test_knn_bad_neighbours_object_is_refused_by_name(n_neighbors, error, match):
    X, y = make_classification(n_samples=40, random_state=0)
    sampler = MixupSampler(pairing="knn", n_neighbors=n_neighbors, random_state=0)
    with pytest.raises(error, match=match):
        sampler.fit_resample(X, y)


# --- label_kernel (C-Mixup) --------------------------------------------------------


def kernel_probabilities(y, anchor, bandwidth):
    y = np.asarray(y, dtype=float).reshape(len(y), -1)
    weights = np.exp(-((y - y[anchor]) ** 2).sum(axis=1) / (2 * bandwidth**2))
    weights[anchor] = 0
    return weights / weights.sum()


@pytest.mark.parametrize("multi_output", [False, True], ids=["1d", "2d"])
@pytest.mark.parametrize("anchor", [0, 4, 7])
def test_label_kernel_partner_distribution_matches_the_kernel(anchor, multi_output):
    y = np.array([0.0, 0.3, 0.5, 0.5, 1.2, 2.0, 2.1, 5.0, -1.0, 0.9])
    target = np.column_stack([y, 0.5 * y]) if multi_output else y
    bandwidth = 0.8
    n_draws = 20_000
    partners = label_kernel_partners(
        target, np.full(n_draws, anchor), bandwidth, np.random.RandomState(0)
    )
    expected = kernel_probabilities(target, anchor, bandwidth)
    observed = np.bincount(partners, minlength=len(y))
    assert observed[anchor] == 0
    # Cells with tiny expected counts are pooled, as chi-square requires.
    small = expected * n_draws < 5
    observed_cells = np.append(observed[~small], observed[small].sum())
    expected_cells = np.append(expected[~small], expected[small].sum()) * n_draws
    assert chisquare(observed_cells, expected_cells).pvalue > 0.001


def test_label_kernel_far_apart_targets_pick_the_nearest():
    # exp(−d²/2h²) underflows for every partner; the distribution is still
    # defined by the ratios, which favour the nearest target overwhelmingly.
    y = np.array([0.0, 1000.0, 3000.0, 3001.5])
    partners = label_kernel_partners(y, np.arange(4), 1.0, np.random.RandomState(0))
    np.testing.assert_array_equal(partners, [1, 0, 3, 2])


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("multi_output", [False, True], ids=["1d", "2d"])
def test_label_kernel_extreme_bandwidths_reach_their_limits(multi_output):
    y = np.array([0.0, 1.0, 2.5, 2.5, 6.0])
    target = np.column_stack([y, y]) if multi_output else y
    anchors = np.repeat(np.arange(5), 200)
    tiny = label_kernel_partners(target, anchors, 1e-300, np.random.RandomState(0))
    # Vanishing bandwidth: only the nearest other rows.
    nearest = {0: {1}, 1: {0}, 2: {3}, 3: {2}, 4: {2, 3}}
    for anchor, partner in zip(anchors, tiny, strict=True):
        assert partner in nearest[anchor]
    # Huge bandwidth: uniform over the other rows, so every one turns up.
    huge = label_kernel_partners(target, anchors, 1e300, np.random.RandomState(0))
    for anchor in range(5):
        assert set(huge[anchors == anchor]) == set(range(5)) - {anchor}


def test_label_kernel_multi_output_memory_scales_with_the_target():
    # The per-block differences are (block, n_rows, n_outputs); a block sized
    # for one output held 16 anchors × 2000 rows × 50 outputs (12.8 MB).
    y = np.random.RandomState(0).normal(size=(2000, 50))
    tracemalloc.start()
    try:
        label_kernel_partners(y, np.arange(2000), 1.0, np.random.RandomState(0))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5 * y.nbytes


def test_label_kernel_sampler_pairs_similar_targets():
    X, y = load_diabetes(return_X_y=True)
    kernel = MixupSampler(
        pairing="label_kernel", bandwidth=5.0, target="regression", random_state=0
    )
    kernel.fit_resample(X, y)
    anchors, partners = kernel.pairs_.T
    assert (anchors != partners).all()
    gap = np.abs(y[anchors] - y[partners])
    random_gap = np.abs(y[anchors] - y[np.random.RandomState(0).permutation(len(y))])
    assert np.median(gap) < 10 < np.median(random_gap)


def test_label_kernel_in_a_pipeline_is_reproducible():
    X, y = load_diabetes(return_X_y=True)
    model = make_pipeline(
        MixupSampler(
            pairing="label_kernel",
            bandwidth=20.0,
            target="regression",
            alpha=0.5,
            random_state=0,
        ),
        Ridge(alpha=0.1),
    )
    scores = cross_val_score(model, X, y, cv=3)
    assert scores.mean() > 0.4
    np.testing.assert_array_equal(scores, cross_val_score(model, X, y, cv=3))


@pytest.mark.parametrize(
    "params, error, message",
    [
        ({"bandwidth": 0.0}, InvalidParameterError, "bandwidth"),
        ({"bandwidth": -1.0}, InvalidParameterError, "bandwidth"),
        ({"target": "classification"}, ValueError, "needs target='regression'"),
    ],
)
def test_label_kernel_bad_input_is_refused(params, error, message):
    X, y = make_classification(random_state=0)
    params = {"target": "regression", **params}
    with pytest.raises(error, match=message):
        MixupSampler(pairing="label_kernel", **params).fit_resample(X, y)


@settings(max_examples=30, deadline=None)
@given(
    y=st.lists(st.floats(-1e3, 1e3, allow_nan=False), min_size=2, max_size=40),
    bandwidth=st.floats(1e-3, 1e3),
    seed=st.integers(0, 2**16),
)
def test_property_label_kernel_partner_is_another_row_with_positive_weight(
    y, bandwidth, seed
):
    y = np.asarray(y)
    partners = label_kernel_partners(
        y, np.arange(len(y)), bandwidth, np.random.RandomState(seed)
    )
    assert (partners != np.arange(len(y))).all()
    # A row whose kernel weight, relative to the nearest other row,
    # underflows to 0 in float64 is never drawn.
    for anchor, partner in enumerate(partners):
        distances = np.abs(np.delete(y, anchor) - y[anchor])
        excess = (y[partner] - y[anchor]) ** 2 - distances.min() ** 2
        assert np.exp(-excess / (2 * bandwidth**2)) > 0


# --- lag -----------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    n_rows=st.integers(2, 50),
    lag=st.integers(1, 49),
    regression=st.booleans(),
    seed=st.integers(0, 2**16),
)
def test_property_lag_partner_is_lag_rows_away(n_rows, lag, regression, seed):
    lag = min(lag, n_rows - 1)
    X = np.random.RandomState(seed).normal(size=(n_rows, 2))
    y = X[:, 0] if regression else np.arange(n_rows) % 2
    sampler = MixupSampler(
        pairing="lag",
        lag=lag,
        target="regression" if regression else "classification",
        random_state=seed,
    )
    X_res, _ = sampler.fit_resample(X, y)
    anchors, partners = sampler.pairs_.T
    np.testing.assert_array_equal(anchors, np.arange(n_rows))
    has_partner = (anchors + lag < n_rows) | (anchors - lag >= 0)
    expected = np.where(anchors + lag < n_rows, anchors + lag, anchors - lag)
    np.testing.assert_array_equal(partners[has_partner], expected[has_partner])
    # Anchors with neither neighbour are copied exactly.
    np.testing.assert_array_equal(X_res[~has_partner], X[~has_partner])


def test_lag_in_a_pipeline():
    X, y = make_classification(n_samples=200, random_state=0)
    model = make_pipeline(
        MixupSampler(pairing="lag", lag=2, random_state=0),
        LogisticRegression(),
    )
    assert cross_val_score(model, X, y, cv=3).mean() > 0.8


@pytest.mark.parametrize(
    "lag, error, message",
    [
        (0, InvalidParameterError, "lag"),
        (1.5, InvalidParameterError, "lag"),
        (
            10,
            ValueError,
            r"lag must be smaller than the number of rows \(10\); got lag=10",
        ),
    ],
)
def test_lag_bad_values_are_refused(lag, error, message):
    X = np.arange(20.0).reshape(10, 2)
    with pytest.raises(error, match=message):
        MixupSampler(pairing="lag", lag=lag).fit_resample(X, np.arange(10) % 2)


def test_lag_on_a_single_row_copies_it_as_every_entry_point_does():
    # One rule for every entry point: a single row has no partner under any
    # pairing and is copied, whatever the lag.
    X, y = np.array([[1.0, 2.0]]), np.array([3.0])
    X_res, y_res = MixupSampler(
        pairing="lag", lag=5, target="regression", random_state=0
    ).fit_resample(X, y)
    np.testing.assert_array_equal(X_res, X)
    np.testing.assert_array_equal(y_res, y)


def test_pairing_bad_value_names_the_parameter():
    X, y = make_classification(random_state=0)
    with pytest.raises(InvalidParameterError, match="pairing"):
        MixupSampler(pairing="smote").fit_resample(X, y)


# --- the strategies, called directly -------------------------------------------


@settings(max_examples=50, deadline=None)
@given(n_rows=st.integers(2, 30), seed=st.integers(0, 2**16))
def test_property_uniform_partner_is_another_row(n_rows, seed):
    anchors = np.arange(3 * n_rows) % n_rows
    partners = uniform_partners(anchors, np.random.RandomState(seed), n_rows=n_rows)
    assert np.all(partners != anchors)
    assert partners.min() >= 0 and partners.max() < n_rows


def test_uniform_partner_within_groups_stays_in_the_group_or_alone_is_itself():
    groups = np.array([0, 0, 1, 1, 1, 2])
    anchors = np.tile(np.arange(6), 50)
    partners = uniform_partners(anchors, np.random.RandomState(0), groups=groups)
    assert np.all(groups[partners] == groups[anchors])
    alone = anchors == 5
    assert np.all(partners[alone] == 5) and np.all(partners[~alone] != anchors[~alone])
    # Uniform over the other rows of the group.
    counts = np.bincount(partners[anchors == 2], minlength=6)
    assert counts[2] == 0 and abs(counts[3] - counts[4]) < 20


def test_lag_partner_steps_back_at_the_end_and_is_alone_past_both_ends():
    anchors = np.arange(5)
    np.testing.assert_array_equal(lag_partners(anchors, 2, 5), [2, 3, 4, 1, 2])
    np.testing.assert_array_equal(lag_partners(anchors, 3, 5), [3, 4, 2, 0, 1])
    np.testing.assert_array_equal(lag_partners(np.arange(3), 2, 3), [2, 1, 0])


@pytest.mark.parametrize("pairing", PAIRINGS)
def test_draw_partners_dispatches_to_the_named_strategy(pairing):
    X, y = make_classification(60, 4, random_state=0)
    codes = y if pairing in CLASS_PAIRINGS else None
    anchors = np.arange(60)
    partners = draw_partners(
        pairing,
        anchors,
        np.random.RandomState(0),
        n_rows=60,
        X=X,
        y=y.astype(float),
        groups=codes,
        n_neighbors=3,
        lag=2,
    )
    assert partners.shape == (60,) and partners.dtype == np.intp
    if pairing == "lag":
        np.testing.assert_array_equal(partners, lag_partners(anchors, 2, 60))
    if codes is not None:
        assert np.all(y[partners] == y[anchors])
    if pairing == "knn":
        assert_partners_are_neighbours(X, np.column_stack([anchors, partners]), 3, y)


# --- anchors --------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    class_sizes=st.lists(st.integers(1, 12), min_size=1, max_size=6),
    n_synthetic=st.integers(0, 120),
    shuffled=st.booleans(),
    seed=st.integers(0, 2**16),
)
def test_property_anchors_are_balanced_over_rows_and_classes(
    class_sizes, n_synthetic, shuffled, seed
):
    groups = np.repeat(np.arange(len(class_sizes)), class_sizes)
    if shuffled:
        groups = np.random.RandomState(seed).permutation(groups)
    n_rows = len(groups)
    anchors = draw_anchors(
        n_synthetic, n_rows, np.random.RandomState(seed), groups=groups
    )
    assert anchors.shape == (n_synthetic,) and anchors.dtype == np.intp
    # Every row anchors floor or ceil of n_synthetic / n_rows rows.
    per_row = np.bincount(anchors, minlength=n_rows)
    assert per_row.max() - per_row.min() <= 1
    # Every class gets its proportional share, within 1.
    per_class = np.bincount(groups[anchors], minlength=len(class_sizes))
    share = n_synthetic * np.array(class_sizes) / n_rows
    assert np.all(np.abs(per_class - share) < 1)
    # The same generator state gives the same anchors.
    again = draw_anchors(
        n_synthetic, n_rows, np.random.RandomState(seed), groups=groups
    )
    np.testing.assert_array_equal(anchors, again)


@settings(max_examples=100, deadline=None)
@given(
    sizes=st.lists(st.integers(0, 50), min_size=1, max_size=8),
    fraction=st.floats(0, 1),
    seed=st.integers(0, 2**16),
)
def test_property_split_remainder_rounds_each_share_down_or_up(sizes, fraction, seed):
    total = sum(sizes)
    n_extra = int(fraction * total)
    shares = split_remainder(n_extra, sizes, np.random.RandomState(seed))
    assert shares.sum() == n_extra
    exact = n_extra * np.array(sizes) / max(total, 1)
    assert np.all(shares >= np.floor(exact)) and np.all(shares <= np.ceil(exact))
    # Groups of no rows get nothing and do not change the others' draw.
    with_empty = split_remainder(n_extra, [0, *sizes, 0], np.random.RandomState(seed))
    np.testing.assert_array_equal(with_empty, [0, *shares.tolist(), 0])


def test_split_remainder_rounds_up_with_the_fractional_part():
    # 1 item over sizes 1, 1, 2: shares 1/4, 1/4, 1/2 in expectation.
    hits = sum(
        split_remainder(1, [1, 1, 2], np.random.RandomState(seed))
        for seed in range(4000)
    )
    assert chisquare(hits, [1000, 1000, 2000]).pvalue > 1e-3


def test_a_remainder_of_anchors_is_a_uniform_draw_of_rows():
    # 2 anchors among 5 rows: each row is drawn with probability 2/5.
    drawn = np.concatenate(
        [draw_anchors(2, 5, np.random.RandomState(seed)) for seed in range(2000)]
    )
    assert chisquare(np.bincount(drawn, minlength=5)).pvalue > 1e-3


def test_mixup_remainder_does_not_follow_the_row_order():
    # draw_plan, behind mixup(): with alpha=0 each row is a copy of its
    # anchor. The first 50 of a sorted target as the remainder would give
    # a mean of 62.5 instead of 50.
    y = np.arange(100, dtype=float)
    X = y[:, np.newaxis]
    _, y_new = mixup(X, y, alpha=0.0, n_samples=1.5, random_state=0)
    assert len(y_new) == 150
    counts = np.bincount(y_new.astype(int), minlength=100)
    assert set(counts.tolist()) == {1, 2}
    assert counts[50:].sum() > 50 + 10
    plan = draw_plan(np.random.RandomState(0), n_rows=100, n_synthetic=150, alpha=0.0)
    np.testing.assert_array_equal(np.sort(plan.anchors), np.sort(y_new.astype(int)))
