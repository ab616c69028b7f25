"""Dask arrays and DataFrames through mixup() and MixupSampler: lazy,
block-wise, the same rows on every scheduler and on a LocalCluster."""

import re
import subprocess
import sys
from collections import Counter

import numpy as np
import pandas as pd
import pytest

dask = pytest.importorskip("dask")
da = pytest.importorskip("dask.array")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")

from dask.callbacks import Callback  # noqa: E402
from imblearn.pipeline import make_pipeline  # noqa: E402
from sklearn.base import BaseEstimator, ClassifierMixin  # noqa: E402

from mixup_sklearn import MixupSampler, mixup  # noqa: E402

N_ROWS, CHUNK = 1_000, 300


@pytest.fixture(scope="module")
def client():
    """A real cluster: 2 worker processes of 1 thread, on localhost."""
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        ) as cluster,
        distributed.Client(cluster, set_as_default=False) as client,
    ):
        yield client


@pytest.fixture
def data():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(N_ROWS, 4)).astype(np.float32)
    y = rng.randint(0, 3, N_ROWS)
    return X, y


def as_dask(X, y, chunk=CHUNK):
    return da.from_array(X, chunks=(chunk, X.shape[1])), da.from_array(y, chunks=chunk)


def as_dask_frame(X, y, npartitions=3):
    frame = pd.DataFrame(X, columns=[f"f{k}" for k in range(X.shape[1])])
    frame["label"] = y
    frame = dd.from_pandas(frame, npartitions=npartitions, sort=False)
    return frame.drop(columns="label"), frame["label"]


def blocks_of(result_rows, n_original, n_synthetic):
    """Split a concat=True output into (originals, synthetic) per block."""
    out, start = [], 0
    for n_orig, n_syn in zip(n_original, n_synthetic, strict=True):
        out.append(
            (
                result_rows[start : start + n_orig],
                result_rows[start + n_orig : start + n_orig + n_syn],
            )
        )
        start += n_orig + n_syn
    return out


def test_import_does_not_import_dask():
    code = "import sys, mixup_sklearn; print('dask' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_the_block_wise_path_is_imported_only_when_a_dask_collection_arrives():
    # Dask imported by the user is not enough: in-memory input never loads
    # the block-wise module (which imports Dask at its top).
    code = (
        "import sys, numpy as np, dask.array as da, mixup_sklearn\n"
        "X = np.arange(20.0).reshape(10, 2)\n"
        "mixup_sklearn.mixup(X, random_state=0)\n"
        "sampler = mixup_sklearn.MixupSampler(random_state=0)\n"
        "sampler.fit_resample(X, np.arange(10) % 2)\n"
        "print('mixup_sklearn._dask' in sys.modules)\n"
        "mixup_sklearn.mixup(da.from_array(X, chunks=5), random_state=0)\n"
        "print('mixup_sklearn._dask' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True"]


def test_returns_lazy_dask_arrays_with_known_chunks(data):
    X, y = as_dask(*data)
    sampler = MixupSampler(concat=True, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    assert isinstance(X_res, da.Array) and isinstance(y_res, da.Array)
    assert isinstance(sampler.pairs_, da.Array)
    assert isinstance(sampler.lambdas_, da.Array)
    assert X_res.chunks[0] == (600, 600, 600, 200)
    assert y_res.chunks[0] == X_res.chunks[0]
    assert sampler.pairs_.chunks == ((300, 300, 300, 100), (2,))
    assert X_res.dtype == np.float32
    assert sampler.n_features_in_ == 4
    assert not hasattr(sampler, "feature_names_in_")


calls = []


def _counted(block):
    calls.append(len(block))
    return block


def test_building_the_result_computes_nothing_of_X(data):
    X, y = as_dask(*data)
    X = X.map_blocks(_counted, dtype=X.dtype)
    calls.clear()
    for sampler in (
        MixupSampler(random_state=0),
        MixupSampler(sampling_strategy="all", pairing="within_class", random_state=0),
        MixupSampler(pairing="lag", lag=400, random_state=0),
    ):
        X_res, _ = sampler.fit_resample(X, y)
    X_new, _ = mixup(X, y.astype(float), random_state=0)
    assert calls == []
    X_res.compute(scheduler="sync")
    assert sum(calls) >= N_ROWS


def test_pairs_are_global_row_indices_and_rows_are_their_blend(data):
    X_np, y_np = data
    sampler = MixupSampler(concat=True, random_state=0)
    X_res, y_res = sampler.fit_resample(*as_dask(X_np, y_np))
    X_out, y_out, pairs, lambdas = dask.compute(
        X_res, y_res, sampler.pairs_, sampler.lambdas_, scheduler="sync"
    )
    assert pairs.max() >= 900  # rows of the last block, by their global index
    # The dtype in-memory input of as many rows gets.
    assert pairs.dtype == sampler.pairs_.dtype == np.int32
    blocks = blocks_of(np.arange(len(X_out)), [300, 300, 300, 100], [300] * 3 + [100])
    starts = [0, 300, 600, 900]
    for (originals, synthetic), start in zip(blocks, starts, strict=True):
        block_pairs = pairs[start : start + len(synthetic)]
        np.testing.assert_array_equal(
            X_out[originals], X_np[start : start + len(originals)]
        )
        # Partners inside the anchor's block.
        assert np.all(block_pairs // CHUNK == start // CHUNK)
        weight = lambdas[start : start + len(synthetic), np.newaxis].astype(np.float32)
        expected = (
            weight * X_np[block_pairs[:, 0]] + (1 - weight) * X_np[block_pairs[:, 1]]
        )
        np.testing.assert_allclose(X_out[synthetic], expected, rtol=1e-5, atol=1e-6)
        np.testing.assert_array_equal(y_out[synthetic], y_np[block_pairs[:, 0]])
    # The anchors of the in-memory sampler: every row once.
    np.testing.assert_array_equal(np.sort(pairs[:, 0]), np.arange(N_ROWS))


def _arrays(scheduler, client, sampler, X, y):
    X_res, y_res = sampler.fit_resample(X, y)
    collections = (X_res, y_res, sampler.pairs_, sampler.lambdas_)
    if scheduler == "cluster":
        return client.compute(collections, sync=True)
    return dask.compute(*collections, scheduler=scheduler)


@pytest.mark.parametrize(
    "params",
    [
        {"concat": True},
        {"pairing": "knn", "sampling_strategy": "all"},
        {"pairing": "lag", "lag": 350, "target": "regression"},
    ],
    ids=["random", "knn-balancing", "lag"],
)
def test_same_rows_on_every_scheduler_and_on_a_cluster(client, data, params):
    X_np, y_np = data
    if params.get("target") == "regression":
        y_np = X_np[:, 0].astype(np.float64)
    sampler = MixupSampler(random_state=42, **params)
    reference = _arrays("sync", client, sampler, *as_dask(X_np, y_np))
    # A process pool costs seconds to start: one configuration uses it.
    schedulers = ("threads", "cluster") + (("processes",) if "concat" in params else ())
    for scheduler in schedulers:
        sampler = MixupSampler(random_state=42, **params)
        results = _arrays(scheduler, client, sampler, *as_dask(X_np, y_np))
        for expected, got in zip(reference, results, strict=True):
            np.testing.assert_array_equal(got, expected)


def test_dataframes_are_the_same_on_a_cluster(client, data):
    X, y = as_dask_frame(*data)
    sampler = MixupSampler(concat=True, random_state=3)
    X_res, y_res = sampler.fit_resample(X, y)
    local = dask.compute(X_res, y_res, scheduler="sync")
    remote = client.compute((X_res, y_res), sync=True)
    pd.testing.assert_frame_equal(local[0], remote[0])
    pd.testing.assert_series_equal(local[1], remote[1])


def test_dataframes_keep_columns_and_have_known_divisions(data):
    X_np, y_np = data
    frame = pd.DataFrame(X_np, columns=[f"f{k}" for k in range(4)])
    frame["colour"] = pd.Categorical(np.array(["red", "blue"])[y_np % 2])
    frame["label"] = y_np
    frame = dd.from_pandas(frame, npartitions=3, sort=False)
    X, y = frame.drop(columns="label"), frame["label"]
    sampler = MixupSampler(categorical_features=["colour"], random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    assert isinstance(X_res, dd.DataFrame) and isinstance(y_res, dd.Series)
    assert X_res.known_divisions and X_res.divisions == y_res.divisions
    assert list(sampler.feature_names_in_) == ["f0", "f1", "f2", "f3", "colour"]
    X_out, y_out, pairs = dask.compute(X_res, y_res, sampler.pairs_, scheduler="sync")
    assert list(X_out.columns) == list(X.columns)
    assert X_out.index.equals(pd.RangeIndex(N_ROWS))
    assert isinstance(X_out["colour"].dtype, pd.CategoricalDtype)
    # Categorical values come from the anchor.
    colours = np.array(["red", "blue"])[y_np % 2]
    np.testing.assert_array_equal(X_out["colour"].astype(str), colours[pairs[:, 0]])
    np.testing.assert_array_equal(y_out.to_numpy(), y_np[pairs[:, 0]])


@pytest.mark.parametrize("strategy", ["auto", "all", {0: 700, 1: 420, 2: 333}])
def test_sampling_strategy_hits_the_in_memory_class_totals(data, strategy):
    X_np, y_np = data
    y_np = np.where(np.arange(N_ROWS) % 10 == 0, 2, y_np % 2)
    in_memory = MixupSampler(sampling_strategy=strategy, random_state=0)
    _, y_expected = in_memory.fit_resample(X_np, y_np)
    sampler = MixupSampler(
        sampling_strategy=strategy, pairing="within_class", random_state=0
    )
    _, y_res = sampler.fit_resample(*as_dask(X_np, y_np))
    assert sampler.sampling_strategy_ == in_memory.sampling_strategy_
    assert Counter(y_res.compute().tolist()) == Counter(y_expected.tolist())
    # As in memory, every row of a class anchors as many rows as any other of
    # its class, give or take one (a remainder is drawn, block by block).
    per_row = np.bincount(sampler.pairs_[:, 0].compute(), minlength=N_ROWS)
    for label, n_new in sampler.sampling_strategy_.items():
        members = per_row[y_np == label]
        assert members.sum() == n_new and members.max() - members.min() <= 1


@pytest.mark.parametrize("strategy", [None, "auto"])
def test_one_hot_y_is_mixed_as_its_labels_and_returned_one_hot(data, strategy):
    # As in memory: the column of each row's 1 is its label, and every output
    # row is its anchor's one-hot row, with all the columns given (the fourth
    # is never used).
    X_np, y_np = data
    indicator = np.eye(4, dtype=int)[y_np]
    X, labels = as_dask(X_np, y_np)
    y = da.from_array(indicator, chunks=(CHUNK, 4))
    by_labels = MixupSampler(sampling_strategy=strategy, random_state=0)
    X_labels, y_labels = dask.compute(*by_labels.fit_resample(X, labels))
    sampler = MixupSampler(sampling_strategy=strategy, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    assert y_res.shape == (len(y_labels), 4) and not np.isnan(y_res.shape[0])
    X_out, y_out = dask.compute(X_res, y_res)
    np.testing.assert_array_equal(X_out, X_labels)
    np.testing.assert_array_equal(y_out, np.eye(4, dtype=int)[y_labels])
    assert sampler.sampling_strategy_ == by_labels.sampling_strategy_


def test_one_hot_dataframe_y_keeps_its_columns(data):
    X_np, y_np = data
    X, labels = as_dask_frame(X_np, y_np)
    columns = ["a", "b", "c"]
    y = dd.from_pandas(
        pd.DataFrame(np.eye(3, dtype=int)[y_np], columns=columns),
        npartitions=3,
        sort=False,
    )
    by_labels = MixupSampler(concat=True, random_state=0)
    X_labels, y_labels = dask.compute(*by_labels.fit_resample(X, labels))
    sampler = MixupSampler(concat=True, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    assert isinstance(y_res, dd.DataFrame) and list(y_res.columns) == columns
    X_out, y_out = dask.compute(X_res, y_res)
    assert list(y_out.columns) == columns
    pd.testing.assert_frame_equal(X_out, X_labels)
    np.testing.assert_array_equal(y_out.to_numpy(), np.eye(3, dtype=int)[y_labels])


@pytest.mark.parametrize("method", ["fit", "fit_resample"])
def test_a_multi_label_y_is_refused_by_name_before_any_graph(data, method):
    # A row with two ones makes y multi-label, which the in-memory sampler
    # resamples by anchor label rows; Dask refuses it as y is read, not when
    # a result is computed.
    X_np, y_np = data
    indicator = np.eye(3, dtype=int)[y_np]
    indicator[5] = [1, 1, 0]
    X, _ = as_dask(X_np, y_np)
    with pytest.raises(ValueError, match=r"multi-label indicator.*Dask"):
        getattr(MixupSampler(random_state=0), method)(
            X, da.from_array(indicator, chunks=(CHUNK, 3))
        )


@pytest.mark.parametrize("n_samples", [0.5, 1234, 2.5])
def test_n_samples_gives_the_in_memory_anchors_and_counts(data, n_samples):
    X_np, y_np = data
    in_memory = MixupSampler(n_samples=n_samples, random_state=0).fit(X_np, y_np)
    in_memory_pairs = MixupSampler(n_samples=n_samples, random_state=0)
    in_memory_pairs.fit_resample(X_np, y_np)
    sampler = MixupSampler(n_samples=n_samples, random_state=0)
    X_res, _ = sampler.fit_resample(*as_dask(X_np, y_np))
    assert X_res.shape[0] == len(in_memory_pairs.pairs_)
    anchors = sampler.pairs_[:, 0].compute()
    # The in-memory rule, block by block: every row anchors as many rows as
    # any other, give or take one, and sampling_strategy_ (known before
    # anything is computed) counts the anchors drawn.
    per_row = np.bincount(anchors, minlength=N_ROWS)
    assert per_row.max() - per_row.min() <= 1
    assert sampler.sampling_strategy_ == dict(Counter(y_np[anchors].tolist()))
    n_blocks = -(-N_ROWS // CHUNK)
    for label, count in sampler.sampling_strategy_.items():
        assert abs(count - in_memory.sampling_strategy_[label]) <= n_blocks


@pytest.mark.parametrize("pairing", ["random", "lag"])
def test_a_remainder_of_anchors_keeps_every_class_of_sorted_blocks(pairing):
    # Sorted by class, one class per block: a remainder given to the first
    # blocks, in row order, lost classes 1 and 2 at n_samples=0.5.
    y_np = np.repeat([0, 1, 2], 200)
    X_np = np.arange(600, dtype=float)[:, np.newaxis]
    for seed in range(5):
        sampler = MixupSampler(n_samples=0.5, pairing=pairing, random_state=seed)
        _, y_res = sampler.fit_resample(*as_dask(X_np, y_np, chunk=200))
        counts = Counter(y_res.compute().tolist())
        assert sorted(counts) == [0, 1, 2]
        assert all(abs(count - 100) <= 1 for count in counts.values())
        assert sampler.sampling_strategy_ == dict(counts)
        anchors = sampler.pairs_[:, 0].compute()
        assert len(np.unique(anchors)) == 300


def test_mixup_remainder_is_spread_over_blocks_and_rows():
    # A sorted target: the remainder in the first blocks' first rows pulled
    # the mean of the copies (alpha=0) down.
    y_np = np.arange(900, dtype=float)
    X, y = as_dask(y_np[:, np.newaxis], y_np)
    _, y_new = mixup(X, y, alpha=0.0, n_samples=1.5, random_state=0)
    values = y_new.compute().astype(int)
    counts = np.bincount(values, minlength=900)
    assert len(values) == 1350 and set(counts.tolist()) == {1, 2}
    assert abs(values.mean() - y_np.mean()) < 0.05 * y_np.std()


@pytest.mark.parametrize("lag", [1, 7, 350])
def test_lag_pairs_cross_block_boundaries_exactly(data, lag):
    X_np, _ = data
    y_np = X_np[:, 1].astype(np.float64)
    params = {"pairing": "lag", "lag": lag, "target": "regression", "concat": True}
    in_memory = MixupSampler(random_state=0, **params)
    in_memory.fit_resample(X_np, y_np)
    sampler = MixupSampler(random_state=0, **params)
    X_res, y_res = sampler.fit_resample(*as_dask(X_np, y_np, chunk=5 * lag + 3))
    X_out, y_out, pairs, lambdas = dask.compute(
        X_res, y_res, sampler.pairs_, sampler.lambdas_, scheduler="sync"
    )
    np.testing.assert_array_equal(pairs, in_memory.pairs_)
    # Each block: its originals, then its synthetic rows.
    chunks = X_res.chunks[0]
    n_orig = [c // 2 for c in chunks]
    synthetic = np.concatenate(
        [syn for _, syn in blocks_of(np.arange(len(X_out)), n_orig, n_orig)]
    )
    weight = lambdas[:, np.newaxis]
    expected_y = lambdas * y_np[pairs[:, 0]] + (1 - lambdas) * y_np[pairs[:, 1]]
    np.testing.assert_allclose(y_out[synthetic], expected_y)
    expected_X = weight * X_np[pairs[:, 0]] + (1 - weight) * X_np[pairs[:, 1]]
    np.testing.assert_allclose(X_out[synthetic], expected_X, rtol=1e-5, atol=1e-6)


def test_cutmix_on_a_frame_with_lag_keeps_the_originals_and_swaps_cells(data):
    # The halo rows of lag pairing are dropped from a block's output; under
    # CutMix on a DataFrame those rows are a frame, not an array.
    X_np, _ = data
    y_np = X_np[:, 1].astype(np.float64)
    X, y = as_dask_frame(X_np, y_np)
    params = {"pairing": "lag", "lag": 7, "target": "regression", "concat": True}
    sampler = MixupSampler(method="cutmix", random_state=0, **params)
    X_res, _ = sampler.fit_resample(X, y)
    X_out, pairs = dask.compute(X_res, sampler.pairs_, scheduler="sync")
    in_memory = MixupSampler(method="cutmix", random_state=0, **params)
    in_memory.fit_resample(X_np, y_np)
    np.testing.assert_array_equal(pairs, in_memory.pairs_)
    values = X_out.to_numpy()
    chunks = X.map_partitions(len).compute().tolist()
    parts = blocks_of(np.arange(len(values)), chunks, chunks)
    originals = np.concatenate([orig for orig, _ in parts])
    synthetic = np.concatenate([syn for _, syn in parts])
    np.testing.assert_array_equal(values[originals], X_np)
    mixed = values[synthetic]
    from_anchor = mixed == X_np[pairs[:, 0]]
    from_partner = mixed == X_np[pairs[:, 1]]
    assert (from_anchor | from_partner).all()
    assert from_anchor.sum(axis=1).min() >= 2  # the anchor keeps half the cells


def test_mix_classes_and_label_kernel_inside_blocks(data):
    X_np, y_np = data
    sampler = MixupSampler(mix_classes=[1], random_state=0)
    sampler.fit_resample(*as_dask(X_np, y_np))
    pairs, lambdas = dask.compute(sampler.pairs_, sampler.lambdas_)
    other = y_np[pairs[:, 0]] != 1
    assert np.all(lambdas[other] == 1) and np.all(lambdas[~other] < 1)
    kernel = MixupSampler(pairing="label_kernel", target="regression", random_state=0)
    kernel.fit_resample(*as_dask(X_np, X_np[:, 0].astype(float)))
    pairs = kernel.pairs_.compute()
    assert np.all(pairs[:, 0] // CHUNK == pairs[:, 1] // CHUNK)


def test_mixup_function_mixes_x_and_y_with_one_weight(data):
    X_np, _ = data
    X = da.from_array(X_np.astype(np.float64), chunks=(CHUNK, 4))
    y = X[:, 2]
    X_new, y_new = mixup(X, y, n_samples=2.0, concat=True, random_state=0)
    assert X_new.chunks[0] == (900, 900, 900, 300)
    X_out, y_out = dask.compute(X_new, y_new)
    np.testing.assert_array_equal(X_out[:, 2], y_out)
    again = mixup(X, y, n_samples=2.0, concat=True, random_state=0)[0]
    np.testing.assert_array_equal(again.compute(scheduler="processes"), X_out)
    frame = dd.from_pandas(pd.DataFrame(X_np, columns=list("abcd")), npartitions=2)
    frame_new = mixup(frame, random_state=0)
    assert frame_new.known_divisions and list(frame_new.columns) == list("abcd")
    assert len(frame_new.compute()) == N_ROWS


def test_refusals_name_the_problem(data):
    X_np, y_np = data
    X, y = as_dask(X_np, y_np)
    with pytest.raises(TypeError, match="y must be a dask array"):
        MixupSampler().fit_resample(X, y_np)
    # Class 7 has 4 rows, one in each block: in memory they would be mixed.
    y_sparse_class = y_np.copy()
    y_sparse_class[[0, 300, 600, 900]] = 7
    with pytest.raises(ValueError, match="class 7 has at most one row in every"):
        MixupSampler(pairing="within_class").fit_resample(
            X, da.from_array(y_sparse_class, chunks=CHUNK)
        )
    with pytest.raises(ValueError, match="sampling_strategy"):
        MixupSampler(sampling_strategy="auto", n_samples=3).fit_resample(X, y)
    with pytest.raises(ValueError, match="lag must be smaller"):
        MixupSampler(pairing="lag", lag=N_ROWS).fit_resample(X, y)
    # Rare regions are read from the whole target; no block-wise meaning.
    balancer = MixupSampler(target="regression", sampling_strategy="auto")
    target = da.from_array(X_np[:, 0], chunks=CHUNK)
    for method in (balancer.fit, balancer.fit_resample):
        with pytest.raises(ValueError, match="which a Dask block cannot see"):
            method(X, target)
    with pytest.raises(ValueError, match="pass target='regression'"):
        MixupSampler().fit_resample(X, da.from_array(X_np[:, 0], chunks=CHUNK))
    text = pd.DataFrame({"a": X_np[:, 0], "b": "x", "label": y_np})
    text = dd.from_pandas(text, npartitions=2)
    with pytest.raises(ValueError, match="categorical_features"):
        MixupSampler().fit_resample(text[["a", "b"]], text["label"])
    other = dd.from_pandas(pd.Series(y_np), npartitions=3)
    with pytest.raises(ValueError, match="X has 2 partitions and y has 3"):
        MixupSampler().fit_resample(text[["a"]], other)


# --- DataFrame X and y: alignment, column names, passes over X ---------------------


def _iris_like(n_rows=150):
    """A frame sorted by class, as iris ships, with a row id to check rows by."""
    rng = np.random.RandomState(0)
    frame = pd.DataFrame(rng.normal(size=(n_rows, 3)), columns=["f0", "f1", "f2"])
    frame.insert(0, "row", np.arange(n_rows))
    frame["label"] = np.arange(n_rows) * 3 // n_rows
    return frame


def _labels_follow_rows(X_res, y_res, sampler, frame, compute=dask.compute):
    """At alpha=0 every output row is a copy: its label must be its row's."""
    X_out, y_out, pairs = compute(X_res, y_res, sampler.pairs_)
    rows = X_out["row"].to_numpy()
    np.testing.assert_array_equal(y_out.to_numpy(), frame["label"].to_numpy()[rows])
    # pairs_ index X: the synthetic rows are copies of their anchors.
    n_in = len(frame)
    synthetic = np.concatenate(
        [syn for _, syn in blocks_of(rows, [n_in // 3] * 3, [n_in // 3] * 3)]
    )
    np.testing.assert_array_equal(synthetic, pairs[:, 0])


def test_a_y_in_another_order_is_refused_not_shuffled(client):
    # The case: the same index values in another order, unknown
    # divisions. Dask shuffled y to match X, and 140 of 300 rows came out
    # with another row's label, at alpha=0.
    frame = _iris_like()
    X = dd.from_pandas(frame.drop(columns="label"), npartitions=3)
    shuffled = frame["label"].sample(frac=1, random_state=0)
    y = dd.from_pandas(shuffled, npartitions=3, sort=False)
    sampler = MixupSampler(alpha=0, concat=True, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    with pytest.raises(ValueError, match="y is not partition-aligned with X") as error:
        client.compute((X_res, y_res), sync=True)
    # Whichever partition a worker checks first.
    assert re.search(
        r"partition (\d) of y does not have the index of partition \1 of X",
        str(error.value),
    )
    assert "y = frame[target]" in str(error.value)


@pytest.mark.parametrize(
    "make_y, expected",
    [
        (
            lambda y: dd.from_pandas(y, npartitions=4),
            "X has 3 partitions and y has 4",
        ),
        (
            lambda y: dd.from_pandas(y, npartitions=3).repartition(
                divisions=[0, 10, 100, 149]
            ),
            "X has divisions (0, 50, 100, 149) and y has (0, 10, 100, 149)",
        ),
        (
            lambda y: dd.from_pandas(y.set_axis(y.index + 1000), npartitions=3),
            "y has (1000, 1050, 1100, 1149)",
        ),
    ],
    ids=["npartitions", "divisions", "index"],
)
def test_a_y_with_other_partitions_is_refused_by_name(make_y, expected):
    # Before: realigned by a shuffle, or "Input y contains NaN" for another
    # index.
    frame = _iris_like()
    X = dd.from_pandas(frame.drop(columns="label"), npartitions=3)
    with pytest.raises(ValueError, match="y is not partition-aligned") as error:
        MixupSampler(random_state=0).fit_resample(X, make_y(frame["label"]))
    message = str(error.value)
    assert expected in message
    assert "y = y.repartition(divisions=X.divisions)" in message
    with pytest.raises(ValueError, match="y is not partition-aligned"):
        mixup(X, make_y(frame["label"].astype(float)), random_state=0)


@pytest.mark.parametrize(
    "make_X_y",
    [
        lambda ddf: (ddf.drop(columns="label"), ddf["label"]),
        lambda ddf: (ddf.drop(columns="label"), ddf["label"].clear_divisions()),
        lambda ddf: (
            ddf.drop(columns="label").clear_divisions(),
            dd.from_pandas(ddf["label"].compute(), npartitions=3).clear_divisions(),
        ),
        lambda ddf: (
            ddf.drop(columns="label"),
            dd.from_pandas(ddf["label"].compute().rename(None), npartitions=3),
        ),
    ],
    ids=["same-frame", "y-divisions-cleared", "both-cleared", "unnamed-y"],
)
def test_an_aligned_y_keeps_every_row_with_its_label(client, make_X_y):
    # Cleared divisions made Dask shuffle (280 of 600 rows with another
    # row's label); an unnamed y was refused though its partitions were X's.
    frame = _iris_like()
    X, y = make_X_y(dd.from_pandas(frame, npartitions=3))
    sampler = MixupSampler(alpha=0, concat=True, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    assert y_res.name == y.name
    _labels_follow_rows(X_res, y_res, sampler, frame)
    # The same rows on the cluster.
    sampler = MixupSampler(alpha=0, concat=True, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    _labels_follow_rows(
        X_res, y_res, sampler, frame, lambda *c: client.compute(c, sync=True)
    )


def test_an_x_column_named_like_the_internal_label_column_keeps_its_values():
    frame = _iris_like()
    frame["__mixup_y0__"] = np.arange(len(frame)) * 10.0
    frame["___mixup_y0__"] = np.arange(len(frame)) * 100.0
    ddf = dd.from_pandas(frame, npartitions=3)
    X, y = ddf.drop(columns="label"), ddf["label"]
    sampler = MixupSampler(alpha=0, concat=True, random_state=0)
    X_out, y_out = dask.compute(*sampler.fit_resample(X, y))
    assert list(X_out.columns) == list(X.columns)
    rows = X_out["row"].to_numpy()
    np.testing.assert_array_equal(X_out["__mixup_y0__"], rows * 10.0)
    np.testing.assert_array_equal(X_out["___mixup_y0__"], rows * 100.0)
    np.testing.assert_array_equal(y_out, frame["label"].to_numpy()[rows])


def test_a_frame_without_rows_is_refused_by_name():
    # Before: IndexError: index -1 is out of bounds, or scikit-learn's
    # "Found array with 0 sample(s)".
    frame = _iris_like()
    ddf = dd.from_pandas(frame, npartitions=3)
    empty = ddf[ddf["f0"] > 100]
    with pytest.raises(ValueError, match="X has no rows: its 3 partitions are all"):
        mixup(empty.drop(columns="label"), random_state=0)
    with pytest.raises(ValueError, match="X has no rows"):
        MixupSampler().fit_resample(empty.drop(columns="label"), empty["label"])
    with pytest.raises(ValueError, match="X has no rows"):
        mixup(da.zeros((0, 3), chunks=2), random_state=0)


frame_calls = []


def _counted_partition(part):
    frame_calls.append(len(part))
    return part


def test_building_and_fitting_compute_no_partition_of_a_frame_x():
    # Before: the label pass computed all of X, and fit computed it 3 times.
    frame = _iris_like()
    ddf = dd.from_pandas(frame, npartitions=3)
    features = ddf.drop(columns="label")
    X = features.map_partitions(_counted_partition, meta=features._meta)
    y = ddf["label"]
    frame_calls.clear()
    MixupSampler(random_state=0).fit(X, y)
    MixupSampler(n_samples=1.5, random_state=0).fit(X, y)
    sampler = MixupSampler(n_samples=1.5, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    mixup(X, y.astype(float), random_state=0)
    assert frame_calls == []
    assert sum(sampler.sampling_strategy_.values()) == 225
    # Computing the result computes each partition of X once.
    dask.compute(X_res, y_res, sampler.pairs_, scheduler="sync")
    assert sorted(frame_calls) == [50, 50, 50]


def test_a_y_computed_from_x_costs_one_pass_over_x_to_build_and_one_to_compute(
    data,
):
    # As in the user guide's LightGBM example. Before, computing the result
    # computed X twice: once for X's blocks and once inside y's.
    X_np, _ = data
    X = da.from_array(X_np, chunks=(CHUNK, 4)).map_blocks(_counted, dtype=X_np.dtype)
    y = (X[:, 0] > 0).astype(int)
    calls.clear()
    sampler = MixupSampler(concat=True, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    # The labels of y are read once, which computes X.
    assert sorted(calls) == [100, 300, 300, 300]
    calls.clear()
    X_out, y_out, pairs = dask.compute(X_res, y_res, sampler.pairs_, scheduler="sync")
    assert sorted(calls) == [100, 300, 300, 300]
    # Every row once as an original and once as an anchor, with its label.
    expected = (X_np[:, 0] > 0).astype(int)
    np.testing.assert_array_equal(np.sort(pairs[:, 0]), np.arange(N_ROWS))
    assert Counter(y_out.tolist()) == {k: 2 * v for k, v in Counter(expected).items()}


class _ReadColumns(Callback):
    """The columns of every DataFrame or Series a local scheduler computes."""

    def __init__(self):
        super().__init__()
        self.columns = set()

    def _posttask(self, key, result, dsk, state, id):
        if isinstance(result, pd.DataFrame):
            self.columns.update(result.columns)
        elif isinstance(result, pd.Series):
            self.columns.add(result.name)


def test_building_reads_only_the_label_column_of_a_parquet_dataset(tmp_path):
    # Read alone, the label column of 4 files would come in 2 partitions
    # (Dask groups small reads), unlike X: the plan read X then.
    frame = _iris_like(200)
    ddf = dd.read_parquet(parquet_directory(frame, tmp_path / "train"))
    X, y = ddf.drop(columns="label"), ddf["label"]
    sampler = MixupSampler(alpha=0, concat=True, random_state=0)
    with _ReadColumns() as read:
        X_res, y_res = sampler.fit_resample(X, y)
    assert read.columns == {"label"}
    X_out, y_out, pairs = dask.compute(X_res, y_res, sampler.pairs_)
    assert X_res.npartitions == 4
    rows = X_out["row"].to_numpy()
    np.testing.assert_array_equal(y_out, frame["label"].to_numpy()[rows])


class _Recorder(ClassifierMixin, BaseEstimator):
    """Records the type of what it is fitted on."""

    def fit(self, X, y):
        self.seen_ = (type(X), type(y))
        self.classes_ = np.unique(y.compute())
        return self

    def predict(self, X):
        return np.zeros(len(X), dtype=int)


def test_pipeline_passes_dask_collections_to_the_next_step(data):
    X, y = as_dask(*data)
    model = make_pipeline(MixupSampler(random_state=0), _Recorder()).fit(X, y)
    assert model[-1].seen_ == (da.Array, da.Array)


def test_lightgbm_dask_trains_on_mixed_rows_in_a_pipeline(client, data):
    lightgbm = pytest.importorskip("lightgbm")
    X_np, y_np = data
    y_np = (X_np[:, 0] + X_np[:, 1] > 0).astype(int)
    X, y = as_dask(X_np, y_np)
    model = make_pipeline(
        MixupSampler(alpha=0.2, concat=True, random_state=0),
        lightgbm.DaskLGBMClassifier(
            client=client, n_estimators=20, num_leaves=7, verbose=-1
        ),
    )
    # lightgbm.dask waits on its futures with the current client.
    with client.as_current():
        model.fit(X, y)
        predicted = model.predict(X).compute()
    accuracy = (predicted == y_np).mean()
    assert accuracy > 0.9


def parquet_directory(frame, source, n_files=4):
    """``frame`` written as ``n_files`` Parquet files of consecutive rows."""
    source.mkdir()
    size = -(-len(frame) // n_files)
    for part in range(n_files):
        rows = frame.iloc[part * size : (part + 1) * size]
        rows.to_parquet(source / f"part-{part}.parquet", index=False)
    return source


def test_cli_mixes_a_parquet_directory_out_of_core(tmp_path, capsys, data):
    from mixup_sklearn._cli import main

    X_np, y_np = data
    frame = pd.DataFrame(X_np, columns=list("abcd")).assign(label=y_np)
    source = parquet_directory(frame, tmp_path / "train")
    command = f"augment {source} --target label --concat --random-state 0 --output"
    assert main([*command.split(), str(tmp_path / "out")]) == 0
    assert "Completed" in capsys.readouterr().err  # Dask's progress bar
    written = pd.read_parquet(tmp_path / "out")
    assert list(written.columns) == list(frame.columns)
    assert len(written) == 2 * N_ROWS
    assert Counter(written["label"]) == {k: 2 * v for k, v in Counter(y_np).items()}
    # A glob reads the same files, and the same seed gives the same rows.
    glob = str(source / "part-*.parquet")
    assert main(["augment", glob, *command.split()[2:], str(tmp_path / "again")]) == 0
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "again"), written)
    assert main(["augment", str(tmp_path / "none-*.parquet"), "-o", "x"]) == 2
    assert "names no Parquet files" in capsys.readouterr().err


def test_cli_matches_typed_labels_to_every_partition(tmp_path, capsys, data):
    # Label 2 first appears in the second file: it is still a label.
    from mixup_sklearn._cli import main

    X_np, _ = data
    labels = np.r_[np.arange(250) % 2, np.arange(750) % 3]
    frame = pd.DataFrame(X_np, columns=list("abcd")).assign(label=labels)
    source = parquet_directory(frame, tmp_path / "train")
    command = (
        f"augment {source} --target label --sampling-strategy 2=400 "
        f"--random-state 0 --output {tmp_path / 'out'}"
    )
    assert main(command.split()) == 0, capsys.readouterr().err
    written = pd.read_parquet(tmp_path / "out")
    assert Counter(written["label"]) == {0: 375, 1: 375, 2: 400}
    command = command.replace(
        "--sampling-strategy 2=400", "--mix-classes 5 --overwrite"
    )
    assert main(command.split()) == 2
    assert "labels that are not in column 'label': 5" in capsys.readouterr().err


# --- CutMix -------------------------------------------------------------------------


def test_cutmix_on_a_dask_array_takes_every_cell_from_a_parent():
    X = np.random.RandomState(0).normal(size=(100, 4))
    y = np.arange(100) % 3
    sampler = MixupSampler(method="cutmix", random_state=0)
    X_res, _ = sampler.fit_resample(
        da.from_array(X, chunks=25), da.from_array(y, chunks=25)
    )
    X_res, pairs = X_res.compute(), sampler.pairs_.compute()
    from_anchor = X_res == X[pairs[:, 0]]
    assert np.all(from_anchor | (X_res == X[pairs[:, 1]]))
    np.testing.assert_allclose(sampler.lambdas_.compute(), from_anchor.mean(axis=1))
    X_fun = mixup(da.from_array(X, chunks=25), method="cutmix", random_state=0)
    assert np.isin(X_fun.compute(), X).all()


def test_cutmix_on_a_dask_frame_keeps_text_and_integer_columns():
    frame = pd.DataFrame(
        {"rooms": np.arange(40), "city": list("abcd") * 10, "y": np.arange(40) % 2}
    )
    ddf = dd.from_pandas(frame, npartitions=4)
    X_res, _ = MixupSampler(method="cutmix", random_state=0).fit_resample(
        ddf[["rooms", "city"]], ddf["y"]
    )
    X_res = X_res.compute()
    assert X_res["rooms"].dtype == np.int64
    assert set(X_res["city"]) <= set("abcd")
