"""CutMix for tables (``method="cutmix"``) on every entry point (issue 12)."""

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse
from sklearn.linear_model import LogisticRegression, Ridge, SGDClassifier

from mixup_sklearn import (
    MixupClassifier,
    MixupRegressor,
    MixupSampler,
    mixup,
    mixup_batches,
)
from mixup_sklearn._mixing import blend, draw_swap_mask, mix

pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")


def _from_anchor_or_partner(out, X, pairs):
    """Per cell: True where the output equals the anchor's value bit for bit,
    and assert that every other cell equals the partner's."""
    anchor_cells = X[pairs[:, 0]]
    partner_cells = X[pairs[:, 1]]
    out_bytes = out.view(np.uint8).reshape(*out.shape, -1)
    is_anchor = (out_bytes == anchor_cells.view(np.uint8).reshape(out_bytes.shape)).all(
        axis=2
    )
    is_partner = (
        out_bytes == partner_cells.view(np.uint8).reshape(out_bytes.shape)
    ).all(axis=2)
    assert np.all(is_anchor | is_partner)
    return is_anchor, is_partner


def _realised_share(out, X, pairs):
    """Share of the cells of each row equal to the anchor's (rows of X are
    distinct cell by cell, so this is the share the anchor gave), and of
    those that differ from the partner's."""
    is_anchor, is_partner = _from_anchor_or_partner(out, X, pairs)
    return is_anchor.mean(axis=1), (~is_partner).mean(axis=1)


def _distinct_rows(n_rows, n_features, seed, dtype=np.float64):
    """Rows whose cells all differ between rows, so that the source of every
    output cell can be read off its value."""
    rng = np.random.RandomState(seed)
    X = rng.permutation(n_rows * n_features).reshape(n_rows, n_features)
    return X.astype(dtype)


# --- the kernel -------------------------------------------------------------------


def test_mask_takes_cells_from_the_partner_with_probability_one_minus_lambda():
    lambdas = np.repeat([0.5, 0.9, 1.0], 2000)
    mask, shares = draw_swap_mask(lambdas, 50, np.random.RandomState(0))
    assert mask.shape == (6000, 7) and mask.dtype == np.uint8
    cells = np.unpackbits(mask, axis=1, count=50).astype(bool)
    np.testing.assert_allclose(shares, 1 - cells.mean(axis=1))
    for value in (0.5, 0.9):
        rows = lambdas == value
        assert abs(cells[rows].mean() - (1 - value)) < 0.01
    # λ = 1: no cell is swapped.
    assert not cells[lambdas == 1].any()


def test_alpha_zero_mask_draws_nothing():
    random_state = np.random.RandomState(0)
    before = random_state.get_state()[1].copy()
    mask, shares = draw_swap_mask(np.ones(5), 3, random_state)
    assert not mask.any()
    np.testing.assert_array_equal(shares, np.ones(5))
    np.testing.assert_array_equal(random_state.get_state()[1], before)


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64, np.int8, bool])
def test_swap_keeps_the_dtype(dtype):
    X = np.arange(24).reshape(6, 4).astype(dtype)
    lambdas = np.full(6, 0.5)
    mask, _ = draw_swap_mask(lambdas, 4, np.random.RandomState(0))
    out = blend(X, np.arange(6), np.arange(6)[::-1].copy(), lambdas, mask=mask)
    assert out.dtype == np.dtype(dtype)


def test_swap_copies_bits_exactly():
    # -0.0, a subnormal and a NaN payload survive: cells are copied, not
    # computed.
    X = np.array([[-0.0, 1e-310, 0.1], [np.pi, -7.0, np.nan]])
    lambdas = np.array([0.5, 0.5])
    mask, _ = draw_swap_mask(lambdas, 3, np.random.RandomState(3))
    pairs = np.array([[0, 1], [1, 0]])
    out = mix(X, pairs, lambdas, mask=mask)
    _from_anchor_or_partner(out, X, pairs)


@pytest.mark.parametrize("fmt", ["csr", "csc", "coo"])
def test_sparse_swap_equals_the_dense_swap_and_keeps_its_format(fmt):
    rng = np.random.RandomState(0)
    dense = sparse.random(40, 9, density=0.3, random_state=rng).toarray()
    X = sparse.csr_matrix(dense).asformat(fmt)
    pairs = np.column_stack([np.arange(40), rng.randint(0, 40, 40)])
    lambdas = rng.uniform(0.5, 1, 40)
    mask, _ = draw_swap_mask(lambdas, 9, rng)
    out = mix(X, pairs, lambdas, mask=mask, concat=True)
    assert out.format == fmt
    np.testing.assert_array_equal(
        out.toarray(), mix(dense, pairs, lambdas, mask=mask, concat=True)
    )


@settings(max_examples=60, deadline=None)
@given(
    n_rows=st.integers(2, 30),
    n_features=st.integers(1, 20),
    alpha=st.floats(0.05, 5.0),
    seed=st.integers(0, 2**16),
)
def test_property_every_cell_is_the_anchors_or_the_partners(
    n_rows, n_features, alpha, seed
):
    X = _distinct_rows(n_rows, n_features, seed)
    sampler = MixupSampler(method="cutmix", alpha=alpha, random_state=seed)
    X_res, _ = sampler.fit_resample(X, np.arange(n_rows) % 2)
    is_anchor, _ = _from_anchor_or_partner(X_res, X, sampler.pairs_)
    # Cells are distinct across rows, so lambdas_ is exactly the share of
    # anchor cells (a row paired with itself is all anchor).
    np.testing.assert_array_equal(sampler.lambdas_, is_anchor.mean(axis=1))


# --- MixupSampler -----------------------------------------------------------------


def test_sampler_cutmix_keeps_the_anchors_label_and_records_the_share():
    X = _distinct_rows(50, 8, 0)
    y = np.arange(50) % 3
    sampler = MixupSampler(alpha=1.0, method="cutmix", concat=True, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    np.testing.assert_array_equal(y_res[50:], y[sampler.pairs_[:, 0]])
    shares, _ = _realised_share(X_res[50:], X, sampler.pairs_)
    np.testing.assert_array_equal(sampler.lambdas_, shares)
    np.testing.assert_array_equal(X_res[:50], X)
    # Cells are swapped, not only kept: with alpha=1 most rows change.
    assert np.mean(sampler.lambdas_ < 1) > 0.5


def test_sampler_cutmix_regression_targets_follow_the_share():
    X = _distinct_rows(40, 5, 1)
    y = np.random.RandomState(1).normal(size=40)
    sampler = MixupSampler(method="cutmix", target="regression", random_state=1)
    _, y_res = sampler.fit_resample(X, y)
    share = sampler.lambdas_
    anchors, partners = sampler.pairs_.T
    np.testing.assert_allclose(y_res, share * y[anchors] + (1 - share) * y[partners])


def test_sampler_cutmix_is_deterministic_and_alpha_zero_is_the_identity():
    X = _distinct_rows(30, 6, 2).astype(np.int64)
    y = np.arange(30) % 2
    first = MixupSampler(method="cutmix", random_state=5).fit_resample(X, y)
    second = MixupSampler(method="cutmix", random_state=5).fit_resample(X, y)
    np.testing.assert_array_equal(first[0], second[0])
    X_res, y_res = MixupSampler(method="cutmix", alpha=0).fit_resample(X, y)
    assert X_res.dtype == np.int64
    np.testing.assert_array_equal(X_res, X)
    np.testing.assert_array_equal(y_res, y)


def test_sampler_cutmix_default_method_is_unchanged():
    X = _distinct_rows(30, 6, 2)
    y = np.arange(30) % 2
    default = MixupSampler(random_state=3).fit_resample(X, y)
    explicit = MixupSampler(method="mixup", random_state=3).fit_resample(X, y)
    assert default[0].tobytes() == explicit[0].tobytes()


def _mixed_frame(n_rows=40):
    rng = np.random.RandomState(0)
    return pd.DataFrame(
        {
            "count": rng.randint(0, 2**62, n_rows, dtype=np.int64),
            "size": rng.normal(size=n_rows).astype(np.float32),
            "name": [f"name {k}" for k in range(n_rows)],
            "colour": pd.Categorical(
                rng.choice(["red", "green", "blue"], n_rows),
                categories=["red", "green", "blue", "unused"],
            ),
            "flag": rng.rand(n_rows) < 0.5,
            "when": pd.date_range("2020-01-01", periods=n_rows, freq="h", tz="UTC"),
            "nullable": pd.array(rng.randint(0, 9, n_rows), dtype="Int16"),
        }
    )


def _assert_frame_cells_from_parents(out, frame, pairs, categorical=()):
    anchors = frame.iloc[pairs[:, 0]].reset_index(drop=True)
    partners = frame.iloc[pairs[:, 1]].reset_index(drop=True)
    for column in frame.columns:
        got, a, p = out[column], anchors[column], partners[column]
        assert got.dtype == frame[column].dtype, column
        if column in categorical:
            assert got.equals(a), column
        else:
            assert ((got == a) | (got == p)).all(), column


@pytest.mark.parametrize("categorical", [None, ["name", "colour"]])
def test_sampler_cutmix_swaps_every_dtype_of_a_dataframe(categorical):
    frame = _mixed_frame()
    y = pd.Series(np.arange(40) % 2, name="label")
    sampler = MixupSampler(
        method="cutmix", categorical_features=categorical, random_state=0
    )
    X_res, y_res = sampler.fit_resample(frame, y)
    assert list(X_res.columns) == list(frame.columns)
    _assert_frame_cells_from_parents(X_res, frame, sampler.pairs_, categorical or ())
    assert y_res.name == "label" and (X_res.index == y_res.index).all()
    np.testing.assert_array_equal(sampler.feature_names_in_, frame.columns)
    # int64 beyond 2**53 are kept bit for bit: no round trip through float.
    assert set(X_res["count"]) <= set(frame["count"])
    if categorical:
        # The realised share counts all 7 columns, the 2 categorical ones
        # (always the anchor's) included, and the anchor keeps at least 4.
        cells = sampler.lambdas_ * 7
        np.testing.assert_allclose(cells, np.rint(cells))
        assert np.all(np.isin(np.rint(cells), np.arange(4, 8)))


@settings(max_examples=25, deadline=None)
@given(
    n_rows=st.integers(2, 30),
    alpha=st.floats(0.0, 4.0),
    concat=st.booleans(),
    seed=st.integers(0, 2**16),
)
def test_property_frame_dtypes_are_kept_and_draws_are_deterministic(
    n_rows, alpha, concat, seed
):
    frame = _mixed_frame(n_rows)
    y = np.arange(n_rows) % 2

    def resample():
        sampler = MixupSampler(
            method="cutmix", alpha=alpha, concat=concat, random_state=seed
        )
        return sampler, *sampler.fit_resample(frame, y)

    sampler, X_res, y_res = resample()
    assert (X_res.dtypes == frame.dtypes).all()
    synthetic = X_res.iloc[n_rows:] if concat else X_res
    _assert_frame_cells_from_parents(
        synthetic.reset_index(drop=True), frame, sampler.pairs_
    )
    if concat:
        assert X_res.iloc[:n_rows].equals(frame)
    if alpha == 0:
        assert synthetic.reset_index(drop=True).equals(frame)
    _, X_again, _ = resample()
    assert X_again.equals(X_res)


def test_sampler_cutmix_frame_gives_the_arrays_rows():
    frame = _mixed_frame()[["count", "size", "flag"]].astype(np.float64)
    y = np.arange(40) % 2
    from_frame, _ = MixupSampler(method="cutmix", random_state=4).fit_resample(frame, y)
    from_array, _ = MixupSampler(method="cutmix", random_state=4).fit_resample(
        frame.to_numpy(), y
    )
    np.testing.assert_array_equal(from_frame.to_numpy(), from_array)


def test_sampler_cutmix_refuses_missing_values_of_a_frame():
    frame = _mixed_frame()
    frame.loc[3, "name"] = None
    with pytest.raises(ValueError, match=r"X column 'name' has 1 missing values"):
        MixupSampler(method="cutmix").fit_resample(frame, np.arange(40) % 2)


def test_sampler_cutmix_composes_with_pairings_and_balancing():
    X = _distinct_rows(60, 4, 3)
    y = (np.arange(60) % 6 == 0).astype(int)
    for params in (
        {"pairing": "within_class"},
        {"pairing": "knn", "n_neighbors": 3},
        {"pairing": "lag", "lag": 2},
        {"sampling_strategy": "auto"},
        {"mix_classes": [1]},
        {"n_samples": 2.5},
    ):
        sampler = MixupSampler(method="cutmix", random_state=0, **params)
        X_res, y_res = sampler.fit_resample(X, y)
        synthetic = X_res[-len(sampler.pairs_) :]
        shares, _ = _realised_share(synthetic, X, sampler.pairs_)
        np.testing.assert_array_equal(sampler.lambdas_, shares)
        if params.get("pairing") in ("within_class", "knn"):
            anchors, partners = sampler.pairs_.T
            assert np.all(y[anchors] == y[partners])
    sampler = MixupSampler(method="cutmix", sampling_strategy="auto", random_state=0)
    _, y_res = sampler.fit_resample(X, y)
    assert np.bincount(y_res).tolist() == [50, 50]
    restricted = MixupSampler(method="cutmix", mix_classes=[1], random_state=0)
    restricted.fit_resample(X, y)
    assert np.all(restricted.lambdas_[y[restricted.pairs_[:, 0]] == 0] == 1)


def test_sampler_cutmix_with_label_kernel():
    X = _distinct_rows(50, 4, 4)
    y = np.linspace(0, 1, 50)
    sampler = MixupSampler(
        method="cutmix", target="regression", pairing="label_kernel", bandwidth=0.1
    )
    X_res, y_res = sampler.fit_resample(X, y)
    shares, _ = _realised_share(X_res, X, sampler.pairs_)
    np.testing.assert_array_equal(sampler.lambdas_, shares)


def test_sampler_refuses_remix_with_cutmix_naming_both():
    with pytest.raises(ValueError, match=r"label='remix'.*method='cutmix'"):
        MixupSampler(method="cutmix", label="remix").fit_resample(
            np.eye(4), [0, 1, 0, 1]
        )


def test_sampler_cutmix_sparse_stays_sparse():
    X = sparse.random(50, 12, density=0.3, format="csc", random_state=0)
    sampler = MixupSampler(method="cutmix", random_state=0)
    X_res, _ = sampler.fit_resample(X, np.arange(50) % 2)
    assert X_res.format == "csc"
    dense, _ = MixupSampler(method="cutmix", random_state=0).fit_resample(
        X.toarray(), np.arange(50) % 2
    )
    np.testing.assert_array_equal(X_res.toarray(), dense)


# --- MixupClassifier and MixupRegressor -------------------------------------------


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
    X = _distinct_rows(n_rows, n_features, seed)
    y = np.arange(n_rows) % 3
    model = MixupClassifier(_Recorder(max_iter=20), method="cutmix", random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence of the tiny model
        model.fit(X, y)
    X_seen, y_seen, w_seen = model.estimator_.seen_
    anchors, partners = model.pairs_.T
    # The first n_rows rows are the synthetic rows, in the order of pairs_.
    shares, _ = _realised_share(X_seen[:n_rows], X, model.pairs_)
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
    X = _distinct_rows(40, 6, 7)
    y = np.random.RandomState(7).normal(size=(40, 2))

    class Seen(Ridge):
        def fit(self, X, y, sample_weight=None):
            self.seen_ = (X, y)
            return super().fit(X, y, sample_weight=sample_weight)

    model = MixupRegressor(Seen(), method="cutmix", random_state=7).fit(X, y)
    X_seen, y_seen = model.estimator_.seen_
    shares, _ = _realised_share(X_seen, X, model.pairs_)
    np.testing.assert_array_equal(model.lambdas_, shares)
    anchors, partners = model.pairs_.T
    np.testing.assert_allclose(
        y_seen,
        shares[:, None] * y[anchors] + (1 - shares[:, None]) * y[partners],
    )


def test_classifier_cutmix_alpha_zero_trains_on_the_data_and_is_deterministic():
    X = _distinct_rows(30, 4, 8)
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
    X = _distinct_rows(30, 4, 9)
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


# --- mixup() ----------------------------------------------------------------------


def test_mixup_cutmix_mixes_y_with_the_share():
    X = _distinct_rows(20, 5, 10)
    y = np.random.RandomState(10).rand(20)
    X_new, y_new = mixup(X, y, method="cutmix", random_state=0)
    # mixup() uses the same draws as the sampler.
    sampler = MixupSampler(method="cutmix", target="regression", random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    np.testing.assert_array_equal(X_new, X_res)
    np.testing.assert_allclose(y_new, y_res)


def test_mixup_cutmix_on_a_dataframe_keeps_every_dtype():
    frame = _mixed_frame()
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


# --- mixup_batches ----------------------------------------------------------------


@pytest.mark.parametrize("lambda_per", ["sample", "batch"])
def test_batches_cutmix_soft_and_stacked_targets_follow_the_share(lambda_per):
    n_rows, n_features = 40, 6
    # Value v sits in row v // n_features: every cell tells where it came from.
    X = np.arange(n_rows * n_features, dtype=np.int64).reshape(n_rows, n_features)
    y = np.arange(n_rows)  # one label per row: y_a names the anchor
    common = dict(
        batch_size=16, alpha=1.0, lambda_per=lambda_per, method="cutmix", random_state=0
    )
    soft = list(mixup_batches(X, y, **common))
    stacked = list(mixup_batches(X, y, targets="stacked", **common))
    for (X_soft, Y), (X_stacked, (y_a, y_b, lam)) in zip(soft, stacked, strict=True):
        assert X_soft.dtype == np.int64
        np.testing.assert_array_equal(X_soft, X_stacked)
        source = X_soft // n_features
        assert np.all(X_soft % n_features == np.arange(n_features))
        assert np.all((source == y_a[:, None]) | (source == y_b[:, None]))
        np.testing.assert_array_equal(lam, (source == y_a[:, None]).mean(axis=1))
        expected = np.zeros_like(Y)
        np.add.at(expected, (np.arange(len(Y)), y_a), lam)
        np.add.at(expected, (np.arange(len(Y)), y_b), 1 - lam)
        np.testing.assert_allclose(Y, expected)


def test_batches_cutmix_refuses_images():
    with pytest.raises(ValueError, match=r"method='cutmix'.*3 dimensions"):
        mixup_batches(np.zeros((4, 2, 2)), [0, 1, 0, 1], method="cutmix")


# --- bad values, every entry point ------------------------------------------------

_BAD = "bogus"
_MESSAGE = r"'method' parameter .* must be a str among .*'cutmix'.*Got 'bogus'"


@pytest.mark.parametrize(
    "call",
    [
        lambda: mixup(np.eye(3), method=_BAD),
        lambda: MixupSampler(method=_BAD).fit_resample(np.eye(4), [0, 1, 0, 1]),
        lambda: MixupClassifier(LogisticRegression(), method=_BAD).fit(
            np.eye(4), [0, 1, 0, 1]
        ),
        lambda: MixupRegressor(Ridge(), method=_BAD).fit(np.eye(4), [0.0, 1, 2, 3]),
        lambda: mixup_batches(np.eye(4), [0, 1, 0, 1], method=_BAD),
    ],
    ids=["mixup", "MixupSampler", "MixupClassifier", "MixupRegressor", "batches"],
)
def test_bad_method_is_refused_by_name(call):
    with pytest.raises(ValueError, match=_MESSAGE):
        call()


# --- DataFrames of every library: exact cells, exact dtypes ------------------------


def _cells(table, column):
    """The values of one column of a pandas, polars or pyarrow table, as a list."""
    if isinstance(table, pd.DataFrame):
        return table[column].tolist()
    if isinstance(table, pl.DataFrame):
        return table[column].to_list()
    return table.column(column).to_pylist()


def _assert_cells_from_anchor_or_partner(out, X, pairs, *, concat=False):
    n_rows = len(X)
    if concat:
        for column in _column_names(X):
            assert _cells(out, column)[:n_rows] == _cells(X, column), column
    for column in _column_names(X):
        values = _cells(X, column)
        got = _cells(out, column)[n_rows if concat else 0 :]
        for cell, anchor, partner in zip(got, *pairs.T, strict=True):
            assert cell in (values[anchor], values[partner]), column


def _column_names(table):
    return (
        list(table.columns) if not isinstance(table, pa.Table) else table.column_names
    )


def _dtypes(table):
    if isinstance(table, pd.DataFrame):
        return table.dtypes.to_dict()
    return table.schema


def _polars_table(n_rows):
    import datetime
    import decimal

    return pl.DataFrame(
        {
            "enum": pl.Series(
                ["u", "v", "w"] * (n_rows // 3) + ["u"] * (n_rows % 3),
                dtype=pl.Enum(["u", "v", "w", "unused"]),
            ),
            "date": [datetime.date(2020, 1, 1 + k % 28) for k in range(n_rows)],
            "money": pl.Series(
                [decimal.Decimal(f"{k}.{k % 100:02d}") for k in range(n_rows)],
                dtype=pl.Decimal(10, 2),
            ),
            "pair": pl.Series(
                [[k, -k] for k in range(n_rows)], dtype=pl.Array(pl.Int64, 2)
            ),
            # Nanoseconds that no coarser unit holds.
            "clock": pl.Series(np.arange(n_rows) * 1_001 + 7, dtype=pl.Int64).cast(
                pl.Time
            ),
            "id": pl.Series(2**60 + np.arange(n_rows) * 3, dtype=pl.Int64),
            "x": np.linspace(0, 1, n_rows),
        }
    )


def _pyarrow_table(n_rows):
    import datetime
    import decimal

    return pa.table(
        {
            "code": pa.array([f"c{k % 3}" for k in range(n_rows)]).dictionary_encode(),
            "text": pa.array([f"t{k}" for k in range(n_rows)], pa.large_string()),
            "items": pa.array(
                [[k] * (k % 3) for k in range(n_rows)], pa.large_list(pa.int64())
            ),
            "clock": pa.array(np.arange(n_rows) * 1_001 + 7, pa.time64("ns")),
            "money": pa.array(
                [decimal.Decimal(f"{k}.25") for k in range(n_rows)],
                pa.decimal128(10, 2),
            ),
            "day": pa.array(
                [datetime.date(2020, 1, 1 + k % 28) for k in range(n_rows)], pa.date32()
            ),
            "x": np.linspace(0, 1, n_rows),
        }
    )


def _pandas_table(n_rows):
    return pd.DataFrame(
        {
            "object text": pd.Series([f"t{k}" for k in range(n_rows)], dtype=object),
            "string": pd.array([f"s{k}" for k in range(n_rows)], dtype="string"),
            "small": pd.array(np.arange(n_rows) % 7, dtype="Int16"),
            "arrow int": pd.array(2**60 + np.arange(n_rows), dtype="int64[pyarrow]"),
            "x": np.linspace(0, 1, n_rows),
        }
    )


TABLES = {"polars": _polars_table, "pyarrow": _pyarrow_table, "pandas": _pandas_table}


def _concat(tables):
    if isinstance(tables[0], pl.DataFrame):
        return pl.concat(tables)
    if isinstance(tables[0], pa.Table):
        return pa.concat_tables(tables)
    return pd.concat(tables, ignore_index=True)


@pytest.mark.parametrize("alpha", [0.0, 1.0])
@pytest.mark.parametrize("library", list(TABLES))
def test_cutmix_keeps_every_dtype_of_every_library(library, alpha):
    # Enum stays Enum, Date stays Date, Decimal(10, 2) stays Decimal(10, 2),
    # Array stays Array; dictionary, large and time64[ns] arrow types stay;
    # pandas object text stays object. The output then stacks with X.
    X = TABLES[library](30)
    y = np.arange(30) % 2
    sampler = MixupSampler(method="cutmix", alpha=alpha, random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    assert type(X_res) is type(X)
    assert _dtypes(X_res) == _dtypes(X)
    assert len(_concat([X, X_res])) == 60
    _assert_cells_from_anchor_or_partner(X_res, X, sampler.pairs_)
    if alpha == 1.0:
        assert np.any(sampler.lambdas_ < 1)  # cells were swapped


@pytest.mark.parametrize("library", list(TABLES))
def test_mixup_cutmix_keeps_every_dtype_with_concat(library):
    X = TABLES[library](12)
    X_new = mixup(X, method="cutmix", concat=True, alpha=1.0, random_state=0)
    assert _dtypes(X_new) == _dtypes(X)
    assert len(_concat([X, X_new])) == 36
    for column in _column_names(X):
        assert _cells(X_new, column)[:12] == _cells(X, column)


@pytest.mark.parametrize(
    "X",
    [
        pl.DataFrame(
            {
                "clock": pl.Series(np.arange(20) * 1_001 + 1, dtype=pl.Int64).cast(
                    pl.Time
                ),
                "x": np.arange(20.0),
            }
        ),
        pa.table(
            {
                "clock": pa.array(np.arange(20) * 1_001 + 1, pa.time64("ns")),
                "x": np.arange(20.0),
            }
        ),
    ],
    ids=["polars Time", "pyarrow time64[ns]"],
)
def test_cutmix_copies_nanosecond_times_exactly(X):
    y = np.arange(20) % 2
    sampler = MixupSampler(method="cutmix", alpha=1.0, random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    assert X_res.schema == X.schema
    _assert_cells_from_anchor_or_partner(X_res, X, sampler.pairs_)
    X_new = mixup(X, method="cutmix", alpha=1.0, random_state=0)
    assert X_new.schema == X.schema


@pytest.mark.parametrize("library", ["pandas", "polars"])
def test_cutmix_with_knn_pairing_copies_large_integers_exactly(library):
    # knn measures distances on the numbers, but the cells come from X
    # itself: ids beyond 2**53 are not rounded through float64.
    ids = 2**60 + np.arange(40) * 7
    frame = pd.DataFrame({"id": ids, "x": np.linspace(0, 1, 40)})
    X = frame if library == "pandas" else pl.from_pandas(frame)
    sampler = MixupSampler(method="cutmix", pairing="knn", alpha=1.0, random_state=0)
    X_res, _ = sampler.fit_resample(X, np.arange(40) % 2)
    assert _dtypes(X_res) == _dtypes(X)
    assert set(_cells(X_res, "id")) <= set(ids.tolist())
    _assert_cells_from_anchor_or_partner(X_res, X, sampler.pairs_)


def _with_infinity(library):
    frame = pd.DataFrame({"x": [0.0, np.inf, 2.0, -np.inf], "name": list("abcd")})
    if library == "pandas":
        return frame
    if library == "polars":
        return pl.from_pandas(frame)
    return pa.Table.from_pandas(frame, preserve_index=False)


@pytest.mark.parametrize("library", ["pandas", "polars", "pyarrow"])
@pytest.mark.parametrize("entry", ["mixup", "sampler"])
def test_cutmix_refuses_infinity_in_a_frame_as_in_an_array(library, entry):
    X, y = _with_infinity(library), np.array([0, 1, 0, 1])
    run = {
        "mixup": lambda X: mixup(X, y, method="cutmix"),
        "sampler": lambda X: MixupSampler(method="cutmix").fit_resample(X, y),
    }[entry]
    with pytest.raises(ValueError, match=r"X .*infinity"):
        run(X[["x"]] if library == "pandas" else np.asarray([[0.0], [np.inf]] * 2))
    with pytest.raises(ValueError, match=r"X contains infinity .* \['x'\]"):
        run(X)


def _with_missing(case):
    x = [0.0, 1.0, 2.0, 3.0]
    if case == "polars NaN":
        return pl.DataFrame({"x": [0.0, float("nan"), 2.0, 3.0], "name": list("abcd")})
    if case == "polars null text":
        return pl.DataFrame({"x": x, "name": ["a", None, "c", "d"]})
    if case == "pyarrow null date":
        return pa.table(
            {
                "x": x,
                "name": list("abcd"),
                "day": pa.array([1, 2, None, 4], pa.date32()),
            }
        )
    if case == "pandas NaT":
        when = pd.to_datetime(["2020-01-01", None, "2020-01-03", "2020-01-04"])
        return pd.DataFrame({"x": x, "name": list("abcd"), "when": when})
    return pd.DataFrame({"x": x, "name": pd.Categorical(["a", "b", None, "d"])})


MISSING = [
    "polars NaN",
    "polars null text",
    "pyarrow null date",
    "pandas NaT",
    "pandas NaN category",
]


@pytest.mark.parametrize("case", MISSING)
@pytest.mark.parametrize("categorical_features", [None, "auto"])
def test_cutmix_refuses_missing_values_in_any_column(case, categorical_features):
    X, y = _with_missing(case), np.array([0, 1, 0, 1])
    sampler = MixupSampler(method="cutmix", categorical_features=categorical_features)
    with pytest.raises(ValueError, match=r"X column '\w+' has 1 missing values"):
        sampler.fit_resample(X, y)
    with pytest.raises(ValueError, match=r"X column '\w+' has 1 missing values"):
        mixup(X, y, method="cutmix")


def test_missing_values_in_columns_taken_from_the_anchor_are_refused():
    # The columns that categorical_features takes from the anchor are not
    # mixed, but a synthetic row would copy their missing values all the same.
    X = pd.DataFrame({"x": [0.0, 1.0, 2.0, 3.0], "name": ["a", None, "c", "d"]})
    for categorical_features in ("auto", ["name"]):
        sampler = MixupSampler(categorical_features=categorical_features)
        with pytest.raises(ValueError, match=r"X column 'name' has 1 missing values"):
            sampler.fit_resample(X, [0, 1, 0, 1])


# --- the anchor's label keeps the majority of the row (issue 21, item 9) ---


def test_one_column_sampler_rows_are_never_their_partners_copy():
    # With one Bernoulli cell per column, 26% of these rows were whole copies
    # of their partner, labelled as their anchor.
    X = np.arange(1000.0)[:, np.newaxis]
    y = np.arange(1000) % 2
    sampler = MixupSampler(alpha=1.0, method="cutmix", random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    np.testing.assert_array_equal(X_res, X[sampler.pairs_[:, 0]])
    np.testing.assert_array_equal(y_res, y[sampler.pairs_[:, 0]])
    assert np.all(sampler.lambdas_ == 1)


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


def test_lambdas_count_the_categorical_columns():
    # 5 numeric columns swapped, 2 categorical columns kept from the anchor:
    # a row with one swapped cell is 6/7 anchor, not 4/5.
    rng = np.random.RandomState(0)
    n_rows = 300
    frame = pd.DataFrame(
        {f"x{c}": np.arange(n_rows) * 10.0 + c for c in range(5)}
        | {
            "colour": pd.Categorical(rng.choice(["red", "blue"], n_rows)),
            "size": rng.choice(["S", "M", "L"], n_rows),
        }
    )
    y = np.arange(n_rows) % 2
    sampler = MixupSampler(
        alpha=1.0, method="cutmix", categorical_features="auto", random_state=0
    )
    X_res, _ = sampler.fit_resample(frame, y)
    anchors = sampler.pairs_[:, 0]
    numeric = [f"x{c}" for c in range(5)]
    from_anchor = (X_res[numeric].to_numpy() == frame[numeric].to_numpy()[anchors]).sum(
        axis=1
    )
    np.testing.assert_array_equal(sampler.lambdas_, (from_anchor + 2) / 7)
    # The anchor keeps at least 4 of the 7 cells of every row.
    assert from_anchor.min() >= 2
    assert (sampler.lambdas_ < 1).any()
