"""MixupRegressor's pairings (C-Mixup's label kernel, knn, lag) and the
scale-free bandwidth="scott", shared with MixupSampler."""

import numpy as np
import pytest
from sklearn.linear_model import Ridge, SGDRegressor
from sklearn.neighbors import NearestNeighbors
from sklearn.utils._param_validation import InvalidParameterError

from mixup_sklearn import MixupRegressor, MixupSampler
from mixup_sklearn._pairing import resolve_bandwidth

RNG = np.random.RandomState(0)
X = RNG.normal(size=(200, 3))
Y = X @ np.array([1.0, -2.0, 0.5]) + RNG.normal(size=200)


def test_scott_is_the_normal_reference_rule():
    expected = 1.06 * np.std(Y) * len(Y) ** (-1 / 5)
    model = MixupRegressor(Ridge(), pairing="label_kernel", random_state=0).fit(X, Y)
    assert model.bandwidth_ == pytest.approx(expected, rel=1e-3)
    # d outputs: (4 / (d + 2))^(1/(d+4)) σ n^(−1/(d+4)), σ² the mean variance.
    Y2 = np.column_stack([Y, 3 * Y])
    sigma = np.sqrt(np.mean(np.var(Y2, axis=0)))
    assert resolve_bandwidth("scott", Y2) == pytest.approx(
        (4 / 4) ** (1 / 6) * sigma * 200 ** (-1 / 6)
    )
    assert resolve_bandwidth("scott", np.full(5, 7.0)) == 1.0
    assert resolve_bandwidth(0.25, Y) == 0.25


def test_scott_is_scale_free_and_a_fixed_bandwidth_is_not():
    """The same pairs on a target in other units: y·1024 (exact in floats)."""
    params = dict(pairing="label_kernel", random_state=0)
    small = MixupRegressor(Ridge(), **params).fit(X, Y)
    large = MixupRegressor(Ridge(), **params).fit(X, Y * 1024)
    assert large.bandwidth_ == small.bandwidth_ * 1024
    np.testing.assert_array_equal(small.pairs_, large.pairs_)
    fixed = dict(params, bandwidth=small.bandwidth_)
    np.testing.assert_array_equal(
        MixupRegressor(Ridge(), **fixed).fit(X, Y).pairs_, small.pairs_
    )
    assert not np.array_equal(
        MixupRegressor(Ridge(), **fixed).fit(X, Y * 1024).pairs_, small.pairs_
    )


def test_label_kernel_pairs_rows_with_near_targets():
    kernel = MixupRegressor(Ridge(), pairing="label_kernel", random_state=0).fit(X, Y)
    uniform = MixupRegressor(Ridge(), random_state=0).fit(X, Y)
    gap = np.abs(Y[kernel.pairs_[:, 0]] - Y[kernel.pairs_[:, 1]]).mean()
    random_gap = np.abs(Y[uniform.pairs_[:, 0]] - Y[uniform.pairs_[:, 1]]).mean()
    assert gap < random_gap / 3
    assert np.all(kernel.pairs_[:, 0] != kernel.pairs_[:, 1])


def test_the_regressor_and_the_sampler_share_the_label_kernel():
    regressor = MixupRegressor(
        Ridge(), pairing="label_kernel", alpha=0.4, random_state=0
    ).fit(X, Y)
    sampler = MixupSampler(
        target="regression", pairing="label_kernel", bandwidth="scott", random_state=0
    )
    sampler.fit_resample(X, Y)
    np.testing.assert_array_equal(regressor.pairs_, sampler.pairs_)
    np.testing.assert_array_equal(regressor.lambdas_, sampler.lambdas_)


def test_knn_partners_are_among_the_nearest_rows():
    model = MixupRegressor(Ridge(), pairing="knn", n_neighbors=3, random_state=0)
    model.fit(X, Y)
    nearest = NearestNeighbors(n_neighbors=4).fit(X).kneighbors(X)[1][:, 1:]
    anchors, partners = model.pairs_[:, 0], model.pairs_[:, 1]
    assert all(p in nearest[a] for a, p in zip(anchors, partners, strict=True))


def test_lag_pairs_rows_lag_places_apart():
    model = MixupRegressor(Ridge(), pairing="lag", lag=3, random_state=0).fit(X, Y)
    anchors, partners = model.pairs_[:, 0], model.pairs_[:, 1]
    np.testing.assert_array_equal(np.abs(partners - anchors), 3)


def test_lag_with_mini_batches_or_too_large_is_refused():
    with pytest.raises(ValueError, match=r"pairing='lag'.*batch_size=10"):
        MixupRegressor(SGDRegressor(), pairing="lag", n_epochs=1, batch_size=10).fit(
            X, Y
        )
    with pytest.raises(ValueError, match=r"lag must be smaller .*\(200\); got lag=200"):
        MixupRegressor(Ridge(), pairing="lag", lag=200).fit(X, Y)


def test_pairings_draw_inside_each_mini_batch():
    model = MixupRegressor(
        SGDRegressor(random_state=0),
        pairing="label_kernel",
        bandwidth=0.5,
        n_epochs=2,
        batch_size=50,
        random_state=0,
    ).fit(X, Y)
    assert model.bandwidth_ == 0.5
    # The last mini-batch's pairs, as training-set rows: anchors and partners
    # both among the batch's 50 rows.
    assert len(np.union1d(model.pairs_[:, 0], model.pairs_[:, 1])) <= 50


def test_the_default_pairing_ignores_the_bandwidth():
    default = MixupRegressor(Ridge(), random_state=0).fit(X, Y)
    other = MixupRegressor(Ridge(), bandwidth=3.0, random_state=0).fit(X, Y)
    np.testing.assert_array_equal(default.estimator_.coef_, other.estimator_.coef_)


@pytest.mark.parametrize(
    "params, match",
    [
        ({"pairing": "within_class"}, "'pairing' parameter"),
        ({"bandwidth": 0.0}, "'bandwidth' parameter"),
        ({"bandwidth": -1}, "'bandwidth' parameter"),
        ({"bandwidth": "silverman"}, "'bandwidth' parameter"),
        ({"n_neighbors": 0}, "'n_neighbors' parameter"),
        ({"lag": 0}, "'lag' parameter"),
    ],
)
def test_bad_pairing_values_are_named(params, match):
    with pytest.raises(InvalidParameterError, match=match):
        MixupRegressor(Ridge(), **params).fit(X, Y)


def test_the_sampler_takes_scott_and_keeps_its_default():
    assert MixupSampler().bandwidth == 1.0
    scott = MixupSampler(
        target="regression", pairing="label_kernel", bandwidth="scott", random_state=0
    )
    fixed = MixupSampler(
        target="regression",
        pairing="label_kernel",
        bandwidth=resolve_bandwidth("scott", Y),
        random_state=0,
    )
    np.testing.assert_array_equal(
        scott.fit_resample(X, Y)[0], fixed.fit_resample(X, Y)[0]
    )
    with pytest.raises(InvalidParameterError, match="'bandwidth' parameter"):
        MixupSampler(target="regression", bandwidth="silverman").fit_resample(X, Y)
