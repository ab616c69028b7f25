"""Rare-target regression balancing: relevance, rare regions and the rows
MixupSampler adds to them."""

import numpy as np
import pandas as pd
import pytest
from _data import to_library
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.pipeline import make_pipeline
from sklearn.linear_model import Ridge
from sklearn.model_selection import cross_val_score
from sklearn.utils._param_validation import InvalidParameterError

from mixup_sklearn import MixupSampler
from mixup_sklearn._pairing import resolve_bandwidth
from mixup_sklearn._relevance import (
    density_relevance,
    rare_regions,
    region_codes,
    regression_strategy,
)


@pytest.fixture
def skewed():
    """A right-skewed target: a long high tail of rare values."""
    rng = np.random.RandomState(0)
    X = rng.normal(size=(400, 3))
    y = np.exp(X[:, 0] + 0.3 * rng.normal(size=400))
    return X, y


def two_tails():
    rng = np.random.RandomState(1)
    y = rng.normal(size=600)
    X = np.column_stack([y + 0.1 * rng.normal(size=600), rng.normal(size=600)])
    return X, y


# --- relevance ---------------------------------------------------------------


def test_density_relevance_is_high_in_the_tails_and_zero_at_the_mode():
    y = np.random.RandomState(0).normal(size=2000)
    relevance = density_relevance(y)
    assert relevance.min() == 0.0 and relevance.max() <= 1.0
    centre = np.abs(y) < 0.3
    tails = np.abs(y) > 2.5
    assert relevance[centre].max() < 0.2
    assert relevance[tails].min() > 0.9
    # A normal density falls to a fifth of its peak at |z| = sqrt(2 ln 5).
    rare = relevance >= 0.8
    assert abs(np.abs(y[rare]).min() - np.sqrt(2 * np.log(5))) < 0.2


def test_constant_target_has_no_rare_rows():
    assert not density_relevance(np.full(50, 3.0)).any()
    X = np.ones((50, 2))
    sampler = MixupSampler(target="regression", sampling_strategy="auto")
    X_res, _ = sampler.fit_resample(X, np.full(50, 3.0))
    assert X_res.shape == (50, 2) and sampler.sampling_strategy_ == {}


def test_two_tails_make_two_regions_around_a_common_run():
    _, y = two_tails()
    runs, sizes = rare_regions(y, "density", 0.8)
    assert [rare for _, _, rare in runs] == [True, False, True]
    assert sum(sizes) == len(y)
    assert runs[0][1] < runs[1][0] and runs[1][1] < runs[2][0]


def test_bin_edges_make_each_bin_a_region_of_its_own():
    y = np.concatenate([np.linspace(0, 1, 90), np.linspace(1.1, 2, 6), [5.0, 6.0]])
    sampler = MixupSampler(
        target="regression",
        sampling_strategy="auto",
        relevance=[-np.inf, 1.0, 2.0, np.inf],
        random_state=0,
    )
    X = y[:, np.newaxis]
    sampler.fit_resample(X, y)
    # Bins of 90, 6 and 2 rows: the two small ones are regions; "auto" brings
    # each to the mean of 98 / 3 rows.
    assert sampler.sampling_strategy_ == {(1.1, 2.0): 27, (5.0, 6.0): 31}


def test_callable_relevance_is_used_as_given():
    X, y = two_tails()
    sampler = MixupSampler(
        target="regression",
        sampling_strategy="auto",
        relevance=lambda target: (target > 1.5).astype(float),
        random_state=0,
    )
    _, y_res = sampler.fit_resample(X, y)
    [(low, high)] = sampler.sampling_strategy_
    assert low == y[y > 1.5].min() and high == y.max()
    assert (y_res[len(y) :] > 1.5).all()


# --- the sampler ---------------------------------------------------------------


@pytest.mark.parametrize("pairing", ["random", "knn", "label_kernel"])
def test_synthetic_rows_stay_in_their_rare_region(pairing):
    X, y = two_tails()
    sampler = MixupSampler(
        target="regression",
        sampling_strategy="auto",
        pairing=pairing,
        bandwidth=0.2,
        random_state=0,
    )
    X_res, y_res = sampler.fit_resample(X, y)
    added = sum(sampler.sampling_strategy_.values())
    assert len(sampler.sampling_strategy_) == 2 and added > 0
    # Originals first, unchanged, then the synthetic rows.
    np.testing.assert_array_equal(X_res[: len(y)], X)
    np.testing.assert_array_equal(y_res[: len(y)], y)
    assert len(y_res) == len(y) + added
    regions = list(sampler.sampling_strategy_)
    codes = region_codes(y, regions)
    anchors, partners = sampler.pairs_.T
    assert (codes[anchors] == codes[partners]).all()
    synthetic = region_codes(y_res[len(y) :], regions)
    np.testing.assert_array_equal(synthetic, codes[anchors])
    for region, n_new in enumerate(sampler.sampling_strategy_.values()):
        assert (synthetic == region).sum() == n_new
    # Each synthetic row is a blend of its pair, with the row's λ.
    lambdas = sampler.lambdas_
    np.testing.assert_allclose(
        X_res[len(y) :],
        lambdas[:, None] * X[anchors] + (1 - lambdas[:, None]) * X[partners],
    )


def test_auto_brings_each_region_to_the_mean_run_size():
    X, y = two_tails()
    sampler = MixupSampler(target="regression", sampling_strategy="auto")
    sampler.fit_resample(X, y)
    _, sizes = rare_regions(y, "density", 0.8)
    goal = int(np.ceil(np.mean(sizes)))
    assert list(sampler.sampling_strategy_.values()) == [
        goal - sizes[0],
        goal - sizes[2],
    ]


def test_float_strategy_is_a_ratio_to_the_largest_common_run(skewed):
    X, y = skewed
    sampler = MixupSampler(target="regression", sampling_strategy=0.5)
    sampler.fit_resample(X, y)
    runs, sizes = rare_regions(y, "density", 0.8)
    common = max(
        size for (_, _, rare), size in zip(runs, sizes, strict=True) if not rare
    )
    for (low, high), n_new in sampler.sampling_strategy_.items():
        size = int(((y >= low) & (y <= high)).sum())
        assert n_new == max(int(np.ceil(0.5 * common)) - size, 0)


def test_dict_and_callable_strategies_name_the_regions(skewed):
    X, y = skewed
    wanted = {(3.0, 100.0): 40, (0.0, 0.2): 10}
    by_dict = MixupSampler(
        target="regression", sampling_strategy=wanted, random_state=0
    )
    _, y_dict = by_dict.fit_resample(X, y)
    assert list(by_dict.sampling_strategy_.items()) == [
        ((0.0, 0.2), 10),
        ((3.0, 100.0), 40),
    ]
    synthetic = y_dict[len(y) :]
    assert ((synthetic <= 0.2).sum(), (synthetic >= 3.0).sum()) == (10, 40)
    by_callable = MixupSampler(
        target="regression", sampling_strategy=lambda target: wanted, random_state=0
    )
    _, y_callable = by_callable.fit_resample(X, y)
    np.testing.assert_array_equal(y_callable, y_dict)


def test_same_random_state_same_rows_and_float32_kept(skewed):
    X, y = skewed
    sampler = MixupSampler(
        target="regression", sampling_strategy="auto", random_state=3
    )
    first = sampler.fit_resample(X.astype(np.float32), y)
    second = sampler.fit_resample(X.astype(np.float32), y)
    assert first[0].dtype == np.float32
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[1], second[1])


def test_frames_round_trip(skewed, library):
    X, y = skewed
    X_in = to_library(X, library)
    y_in = to_library(pd.DataFrame({"t": y}), library)["t"]
    sampler = MixupSampler(
        target="regression", sampling_strategy="auto", random_state=0
    )
    X_res, y_res = sampler.fit_resample(X_in, y_in)
    assert type(X_res) is type(X_in) and type(y_res) is type(y_in)
    X_np, y_np = sampler.fit_resample(X, y)
    np.testing.assert_array_equal(np.asarray(X_res), X_np)
    np.testing.assert_array_equal(np.asarray(y_res), y_np)


def test_inputs_are_not_modified(skewed):
    X, y = skewed
    X_before, y_before = X.copy(), y.copy()
    MixupSampler(target="regression", sampling_strategy="auto").fit_resample(X, y)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(y, y_before)


def test_in_a_pipeline_with_a_regressor(skewed):
    X, y = skewed
    model = make_pipeline(
        MixupSampler(target="regression", sampling_strategy="auto", random_state=0),
        Ridge(),
    )
    scores = cross_val_score(model, X, y, cv=3)
    assert np.isfinite(scores).all()


def test_sample_weight_of_added_rows_follows_the_shared_weight_rule(skewed):
    # Rows added to a rare region weigh λ·w_a + (1 − λ)·w_p, as every
    # synthetic row does; the originals lead with their own weights, and the
    # weights change no row.
    X, y = skewed
    weights = np.random.RandomState(3).uniform(0.5, 2.0, size=len(y))
    sampler = MixupSampler(
        target="regression", sampling_strategy="auto", random_state=0
    )
    X_res, y_res = sampler.fit_resample(X, y, sample_weight=weights)
    anchors, partners = sampler.pairs_.T
    lambdas = sampler.lambdas_
    np.testing.assert_allclose(
        sampler.sample_weight_,
        np.concatenate(
            [weights, lambdas * weights[anchors] + (1 - lambdas) * weights[partners]]
        ),
    )
    assert len(sampler.sample_weight_) == len(y_res) > len(y)
    X_plain, y_plain = sampler.fit_resample(X, y)
    assert sampler.sample_weight_ is None
    np.testing.assert_array_equal(X_res, X_plain)
    np.testing.assert_array_equal(y_res, y_plain)


def test_missing_values_in_X_are_mixed_as_missing_says(skewed):
    X, y = skewed
    X = X.copy()
    X[::7, 1] = np.nan
    balancer = {"target": "regression", "sampling_strategy": "auto"}
    with pytest.raises(ValueError, match="NaN"):
        MixupSampler(**balancer).fit_resample(X, y)
    sampler = MixupSampler(**balancer, missing="propagate", random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    anchors, partners = sampler.pairs_.T
    missing = np.isnan(X[anchors, 1]) | np.isnan(X[partners, 1])
    blended = sampler.lambdas_ < 1
    np.testing.assert_array_equal(
        np.isnan(X_res[len(y) :, 1])[blended], missing[blended]
    )
    assert np.isfinite(y_res).all()
    # knn's distances cannot read a missing value: refused by name.
    with pytest.raises(ValueError, match="pairing='knn' measures distances"):
        MixupSampler(**balancer, pairing="knn", missing="propagate").fit_resample(X, y)


def test_scott_bandwidth_reads_the_whole_target_in_each_region():
    # bandwidth="scott" is one bandwidth, from all rows' targets; partners
    # are still drawn in the anchor's region.
    X, y = two_tails()
    params = {"target": "regression", "sampling_strategy": "auto"}
    params.update(pairing="label_kernel", random_state=0)
    scott = MixupSampler(**params, bandwidth="scott").fit_resample(X, y)
    fixed = MixupSampler(
        **params, bandwidth=resolve_bandwidth("scott", y)
    ).fit_resample(X, y)
    np.testing.assert_array_equal(scott[0], fixed[0])
    np.testing.assert_array_equal(scott[1], fixed[1])


@pytest.mark.filterwarnings("ignore:n_neighbors=5 is larger:UserWarning")
@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n_rows=st.integers(10, 80),
    threshold=st.floats(0.3, 1.0),
    pairing=st.sampled_from(["random", "knn", "label_kernel"]),
)
def test_property_synthetic_targets_stay_in_their_region(
    seed, n_rows, threshold, pairing
):
    rng = np.random.RandomState(seed)
    y = rng.standard_exponential(n_rows)
    X = rng.normal(size=(n_rows, 2))
    sampler = MixupSampler(
        target="regression",
        sampling_strategy="auto",
        relevance_threshold=threshold,
        pairing=pairing,
        random_state=seed,
    )
    X_res, y_res = sampler.fit_resample(X, y)
    regions = list(sampler.sampling_strategy_)
    assert len(y_res) == n_rows + sum(sampler.sampling_strategy_.values())
    synthetic = y_res[n_rows:]
    codes = region_codes(synthetic, regions)
    np.testing.assert_array_equal(codes, region_codes(y, regions)[sampler.pairs_[:, 0]])
    assert (codes < len(regions)).all()


# --- refusals ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"relevance": "kde"}, "'relevance' parameter of MixupSampler"),
        ({"relevance": 3}, "'relevance' parameter of MixupSampler"),
        ({"relevance_threshold": 0}, "'relevance_threshold' parameter"),
        ({"relevance_threshold": 1.5}, "'relevance_threshold' parameter"),
        ({"relevance_threshold": "high"}, "'relevance_threshold' parameter"),
    ],
)
def test_bad_relevance_parameters_are_refused(skewed, params, match):
    X, y = skewed
    sampler = MixupSampler(target="regression", sampling_strategy="auto", **params)
    with pytest.raises(InvalidParameterError, match=match):
        sampler.fit_resample(X, y)


@pytest.mark.parametrize(
    ("params", "error", "match"),
    [
        (
            {"relevance": [1.0, 0.5]},
            ValueError,
            r"relevance=\[1.0, 0.5\] must be 'density', a callable, or at least "
            "two strictly increasing bin edges",
        ),
        ({"relevance": [0.0, 1.0]}, ValueError, "bin edges must cover the target"),
        (
            {"relevance": lambda y: y},
            ValueError,
            r"relevance is a callable that returned .* every value in \[0, 1\]",
        ),
        (
            {"relevance": lambda y: np.zeros(3)},
            ValueError,
            r"must return an array of shape \(400,\)",
        ),
        (
            {"sampling_strategy": "minority"},
            ValueError,
            "sampling_strategy='minority' names classes; with target='regression'",
        ),
        (
            {"sampling_strategy": {(0.0, 1.0): 2.5}},
            ValueError,
            r"asks for 2.5 rows in region \(0.0, 1.0\)",
        ),
        (
            {"sampling_strategy": {(0.0, 1.0): -1}},
            ValueError,
            "whole numbers >= 0",
        ),
        (
            {"sampling_strategy": {"high": 10}},
            ValueError,
            "has the key 'high'; with target='regression' its keys are regions",
        ),
        (
            {"sampling_strategy": {(2.0, 1.0): 10}},
            ValueError,
            r"has the key \(2.0, 1.0\)",
        ),
        (
            {"sampling_strategy": {(0.0, 1.0): 3, (0.5, 2.0): 3}},
            ValueError,
            "overlapping regions",
        ),
        (
            {"sampling_strategy": {(500.0, 600.0): 3}},
            ValueError,
            "which holds no row of y",
        ),
        (
            {"sampling_strategy": lambda y: [(0.0, 1.0)]},
            TypeError,
            "must return a dict of \\(low, high\\) -> number of rows to add",
        ),
        (
            {"sampling_strategy": "auto", "pairing": "lag"},
            ValueError,
            "pairing='lag' draws partners outside the anchor's rare region",
        ),
        (
            {"sampling_strategy": "auto", "n_samples": 10},
            ValueError,
            "n_samples=10 cannot be combined with sampling_strategy='auto'",
        ),
    ],
)
def test_bad_regression_balancing_is_refused_by_name(skewed, params, error, match):
    X, y = skewed
    params = {"sampling_strategy": "auto", **params}
    sampler = MixupSampler(target="regression", **params)
    with pytest.raises(error, match=match):
        sampler.fit_resample(X, y)


def test_multi_output_target_is_refused():
    X = np.ones((20, 2))
    y = np.random.RandomState(0).normal(size=(20, 2))
    sampler = MixupSampler(target="regression", sampling_strategy="auto")
    with pytest.raises(ValueError, match="balances rare regions of a 1-D target"):
        sampler.fit_resample(X, y)


def test_strategy_functions_agree_with_the_sampler(skewed):
    X, y = skewed
    sampler = MixupSampler(target="regression", sampling_strategy="auto")
    sampler.fit(X, y)
    assert sampler.sampling_strategy_ == regression_strategy(y, "auto", "density", 0.8)


def test_a_bad_relevance_callable_is_described_in_plain_numbers(skewed):
    # NumPy 2 writes a scalar as np.float64(...): the message must show the
    # range the callable returned as numbers a user can read.
    X, y = skewed
    sampler = MixupSampler(
        target="regression", sampling_strategy="auto", relevance=lambda y: y * 0 + 2
    )
    with pytest.raises(ValueError, match=r"from 2\.0 to 2\.0; it must") as info:
        sampler.fit_resample(X, y)
    assert "np." not in str(info.value)
