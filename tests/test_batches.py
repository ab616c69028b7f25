"""mixup_batches: mixed mini-batches for a training loop of one's own."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import sparse
from sklearn.datasets import load_diabetes
from sklearn.linear_model import SGDClassifier, SGDRegressor
from sklearn.preprocessing import StandardScaler
from sklearn.utils._param_validation import InvalidParameterError

from mixup_sklearn import (
    mixup_batches,
)


def _stacked(X, n_rows, **params):
    """Batches with y = row index, so (y_a, y_b) are anchor and partner rows."""
    return list(mixup_batches(X, np.arange(n_rows), targets="stacked", **params))


# --- what a batch is ------------------------------------------------------------


@pytest.mark.parametrize("shuffle", [True, False])
def test_every_row_anchors_once_per_epoch_and_the_last_batch_is_smaller(shuffle):
    X = np.random.RandomState(0).normal(size=(23, 3))
    batches = _stacked(X, 23, batch_size=5, n_epochs=2, shuffle=shuffle, random_state=0)
    assert [len(X_batch) for X_batch, _ in batches] == [5, 5, 5, 5, 3] * 2
    for epoch in range(2):
        anchors = np.concatenate([y_a for _, (y_a, _, _) in batches[5 * epoch :][:5]])
        np.testing.assert_array_equal(np.sort(anchors), np.arange(23))
        if not shuffle:
            np.testing.assert_array_equal(anchors, np.arange(23))


def test_partners_are_drawn_inside_the_batch_and_rows_are_blended_exactly():
    X = np.random.RandomState(0).normal(size=(40, 2))
    for X_batch, (anchors, partners, lam) in _stacked(
        X, 40, batch_size=8, alpha=1.0, random_state=0
    ):
        assert set(partners) <= set(anchors)
        expected = lam[:, None] * X[anchors] + (1 - lam[:, None]) * X[partners]
        np.testing.assert_allclose(X_batch, expected)


def test_images_keep_their_shape_and_float32():
    images = np.random.RandomState(0).uniform(size=(10, 4, 4, 3)).astype(np.float32)
    batches = _stacked(images, 10, batch_size=4, alpha=1.0, random_state=0)
    assert [X_batch.shape for X_batch, _ in batches] == [(4, 4, 4, 3)] * 2 + [
        (2, 4, 4, 3)
    ]
    _, Y_batch = next(mixup_batches(images, np.arange(10) % 2, random_state=0))
    assert Y_batch.dtype == np.float32
    for X_batch, (anchors, partners, lam) in batches:
        assert X_batch.dtype == np.float32
        lam = lam.astype(np.float32)[:, None, None, None]
        expected = lam * images[anchors] + (1 - lam) * images[partners]
        np.testing.assert_allclose(X_batch, expected, rtol=1e-6)


def test_class_labels_become_soft_one_hot_rows_in_the_order_of_classes():
    y = np.array(["cat", "dog", "emu"] * 4)
    X = (y[:, None] == np.array(["emu", "cat", "dog"])).astype(float)
    for X_batch, Y_batch in mixup_batches(
        X, y, batch_size=5, alpha=1.0, classes=["emu", "cat", "dog"], random_state=0
    ):
        # X is the one-hot code in the order of classes, so a batch's Y must
        # equal its X when λ is shared.
        np.testing.assert_allclose(Y_batch, X_batch)
    inferred = next(mixup_batches(X[:, [1, 2, 0]], y, batch_size=12, random_state=0))
    np.testing.assert_allclose(inferred[1], inferred[0])


def test_continuous_and_two_dimensional_targets_are_mixed_as_they_are():
    y = np.random.RandomState(0).normal(size=(20, 2))
    X = np.column_stack([y, np.ones(20)])
    for X_batch, Y_batch in mixup_batches(X, y, batch_size=6, random_state=0):
        np.testing.assert_allclose(Y_batch, X_batch[:, :2])
    for X_batch, Y_batch in mixup_batches(X, y[:, 0], batch_size=6, random_state=0):
        assert Y_batch.shape == (len(X_batch),)
        np.testing.assert_allclose(Y_batch, X_batch[:, 0])


def test_the_dtype_of_a_1d_target_decides_labels_or_numbers():
    # diabetes' target is integer-valued but float: a regression target.
    X, y = load_diabetes(return_X_y=True)
    X_batch, y_batch = next(mixup_batches(y[:, None], y, batch_size=8))
    assert y_batch.shape == (8,)
    np.testing.assert_allclose(y_batch, X_batch[:, 0])
    # The same values as integers are class labels; classes= forces labels.
    _, Y_batch = next(mixup_batches(X, y.astype(int), batch_size=8))
    assert Y_batch.shape == (8, len(np.unique(y)))
    _, Y_batch = next(mixup_batches(X, y, batch_size=8, classes=np.unique(y)))
    assert Y_batch.shape == (8, len(np.unique(y)))


def test_alpha_zero_yields_the_rows_and_hard_labels():
    X = np.arange(12.0).reshape(6, 2)
    y = np.array([0, 1, 2, 0, 1, 2])
    X_batch, Y_batch = next(
        mixup_batches(X, y, batch_size=6, alpha=0.0, shuffle=False, random_state=0)
    )
    np.testing.assert_array_equal(X_batch, X)
    np.testing.assert_array_equal(Y_batch, np.eye(3)[y])


def test_sparse_rows_stay_sparse_and_blend_like_dense_rows():
    X = sparse.random(30, 6, density=0.3, format="csr", random_state=0)
    y = np.arange(30) % 2
    dense = list(mixup_batches(X.toarray(), y, batch_size=8, random_state=0))
    for (X_sparse, Y_sparse), (X_dense, Y_dense) in zip(
        mixup_batches(X, y, batch_size=8, random_state=0), dense, strict=True
    ):
        assert sparse.issparse(X_sparse)
        np.testing.assert_allclose(X_sparse.toarray(), X_dense)
        np.testing.assert_array_equal(Y_sparse, Y_dense)


def test_n_epochs_none_never_ends():
    X = np.zeros((5, 1))
    batches = mixup_batches(X, np.arange(5) % 2, batch_size=2, n_epochs=None)
    assert len(list(itertools.islice(batches, 100))) == 100


def test_same_random_state_same_batches_and_inputs_untouched():
    X = np.random.RandomState(0).normal(size=(15, 3))
    y = np.arange(15) % 3
    X_before, y_before = X.copy(), y.copy()
    first = list(mixup_batches(X, y, batch_size=4, n_epochs=2, random_state=7))
    second = list(mixup_batches(X, y, batch_size=4, n_epochs=2, random_state=7))
    other = list(mixup_batches(X, y, batch_size=4, n_epochs=2, random_state=8))
    for (X_1, Y_1), (X_2, Y_2) in zip(first, second, strict=True):
        np.testing.assert_array_equal(X_1, X_2)
        np.testing.assert_array_equal(Y_1, Y_2)
    assert not np.array_equal(first[0][0], other[0][0])
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(y, y_before)


# --- training loops -------------------------------------------------------------


def test_a_plain_numpy_softmax_regression_learns_from_soft_labels(breast_cancer_scaled):
    X, y = breast_cancer_scaled
    X = np.column_stack([X, np.ones(len(X))])
    W = np.zeros((X.shape[1], 2))
    for X_batch, Y_batch in mixup_batches(
        X, y, batch_size=32, alpha=0.4, n_epochs=20, random_state=0
    ):
        logits = X_batch @ W
        P = np.exp(logits - logits.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)
        W -= 0.1 * X_batch.T @ (P - Y_batch) / len(X_batch)
    assert np.mean((X @ W).argmax(axis=1) == y) > 0.95


def test_partial_fit_of_a_regressor_on_mixed_batches():
    X, y = load_diabetes(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    y = (y - y.mean()) / y.std()
    model = SGDRegressor(random_state=0)
    for X_batch, y_batch in mixup_batches(
        X, y, batch_size=32, n_epochs=20, random_state=0
    ):
        model.partial_fit(X_batch, y_batch)
    assert model.score(X, y) > 0.4


def test_partial_fit_of_a_classifier_with_stacked_targets(breast_cancer_scaled):
    # A classifier takes hard labels: the soft label goes in as two weighted
    # copies of the mixed row, which is what targets="stacked" makes easy.
    X, y = breast_cancer_scaled
    model = SGDClassifier(loss="log_loss", random_state=0)
    for X_batch, (y_a, y_b, lam) in mixup_batches(
        X, y, batch_size=32, n_epochs=10, targets="stacked", random_state=0
    ):
        model.partial_fit(
            np.vstack([X_batch, X_batch]),
            np.concatenate([y_a, y_b]),
            classes=[0, 1],
            sample_weight=np.concatenate([lam, 1 - lam]),
        )
    # The majority class alone scores 0.63.
    assert model.score(X, y) > 0.9


# --- lambda_per, targets, transform (issue 7) -----------------------------------


def test_stacked_targets_are_the_given_labels_and_lambdas():
    X = np.arange(8.0)[:, None]
    y = np.array(list("abcdefgh"))
    for X_batch, (y_a, y_b, lam) in mixup_batches(
        X, y, batch_size=3, alpha=1.0, targets="stacked", random_state=0
    ):
        assert set(y_a) | set(y_b) <= set(y)
        index = {label: row for row, label in enumerate(y)}
        anchors = np.array([index[label] for label in y_a])
        partners = np.array([index[label] for label in y_b])
        np.testing.assert_allclose(X_batch[:, 0], lam * anchors + (1 - lam) * partners)


def test_lambda_per_batch_shares_one_lambda_that_changes_between_batches():
    X = np.random.RandomState(0).normal(size=(40, 2))
    lambdas = [
        lam for _, (_, _, lam) in _stacked(X, 40, batch_size=10, lambda_per="batch")
    ]
    assert all(np.all(lam == lam[0]) for lam in lambdas)
    assert len({lam[0] for lam in lambdas}) == 4


_ERASING_RNG = np.random.RandomState(0)


def _random_erasing(X_batch):
    """Zero a random 2×2 patch of every image (Zhong et al., 2020)."""
    random_state = _ERASING_RNG
    erased = X_batch.copy()
    for image in erased:
        top, left = random_state.randint(0, image.shape[0] - 1, size=2)
        image[top : top + 2, left : left + 2] = 0
    return erased


def test_transform_is_applied_to_every_mixed_batch():
    images = np.random.RandomState(0).uniform(1, 2, size=(12, 6, 6, 1))
    y = np.arange(12) % 2
    plain = list(mixup_batches(images, y, batch_size=5, random_state=0))
    erased = list(
        mixup_batches(
            images, y, batch_size=5, transform=_random_erasing, random_state=0
        )
    )
    for (X_plain, Y_plain), (X_erased, Y_erased) in zip(plain, erased, strict=True):
        np.testing.assert_array_equal(Y_plain, Y_erased)
        # Every image lost exactly one 2×2 patch of the mixed batch, no more.
        assert np.all(np.sum(X_erased == 0, axis=(1, 2, 3)) == 4)
        kept = X_erased != 0
        np.testing.assert_array_equal(X_erased[kept], X_plain[kept])


# --- bad input ------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, name",
    [
        ({"batch_size": 0}, "batch_size"),
        ({"alpha": -0.5}, "alpha"),
        ({"n_epochs": 0}, "n_epochs"),
        ({"shuffle": "yes"}, "shuffle"),
        ({"lambda_per": "token"}, "lambda_per"),
        ({"targets": "hard"}, "targets"),
        ({"transform": "erase"}, "transform"),
        ({"random_state": "seed"}, "random_state"),
    ],
)
def test_bad_parameters_are_named(params, name):
    with pytest.raises(InvalidParameterError, match=f"'{name}' parameter"):
        mixup_batches(np.zeros((4, 2)), [0, 1, 0, 1], **params)


def test_bad_data_is_named_when_the_generator_is_created():
    with pytest.raises(ValueError, match=r"\bX\b"):
        mixup_batches(np.array([["a"], ["b"]], dtype=object), [0, 1])
    with pytest.raises(ValueError, match=r"\bX\b"):
        mixup_batches(np.array([[np.nan], [1.0]]), [0, 1])
    with pytest.raises(ValueError, match=r"\by\b"):
        mixup_batches(np.zeros((2, 1)), np.array([["a", "b"], ["c", "d"]]))
    with pytest.raises(ValueError, match=r"\by\b"):
        mixup_batches(np.zeros((2, 1)), [0.5, np.nan])
    with pytest.raises(ValueError, match="same number of rows"):
        mixup_batches(np.zeros((3, 1)), [0, 1])
    with pytest.raises(ValueError, match=r"classes.*\['c'\]"):
        mixup_batches(np.zeros((3, 1)), ["a", "b", "c"], classes=["a", "b"])
    with pytest.raises(ValueError, match="distinct"):
        mixup_batches(np.zeros((2, 1)), ["a", "b"], classes=["a", "a", "b"])


# --- properties -----------------------------------------------------------------

_tables = st.integers(2, 12).flatmap(
    lambda n_rows: st.tuples(
        hnp.arrays(
            np.float64,
            (n_rows, 3),
            elements=st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False),
        ),
        st.lists(st.integers(0, 3), min_size=n_rows, max_size=n_rows),
    )
)


@settings(max_examples=40, deadline=None)
@given(
    data=_tables,
    batch_size=st.integers(1, 6),
    alpha=st.sampled_from([0.0, 0.2, 1.0, 8.0]),
    seed=st.integers(0, 2**16),
)
def test_batches_are_convex_and_share_lambda_between_X_and_Y(
    data, batch_size, alpha, seed
):
    X, y = data
    y = np.asarray(y)
    classes = np.unique(y)
    one_hot = (y[:, None] == classes).astype(float)
    # Carry the one-hot code in X: a shared λ makes Y equal to those columns.
    X = np.column_stack([X, one_hot])
    low, high = X.min(axis=0), X.max(axis=0)
    for X_batch, Y_batch in mixup_batches(
        X, y, batch_size=batch_size, alpha=alpha, random_state=seed
    ):
        span = 1e-9 * (1 + np.abs(X).max())
        assert np.all(X_batch >= low - span) and np.all(X_batch <= high + span)
        assert np.all(Y_batch >= 0)
        np.testing.assert_allclose(Y_batch.sum(axis=1), 1)
        np.testing.assert_allclose(Y_batch, X_batch[:, 3:], atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    n_rows=st.integers(2, 20),
    batch_size=st.integers(2, 8),
    alpha=st.sampled_from([0.2, 1.0, 8.0]),
    seed=st.integers(0, 2**16),
)
def test_lambda_per_batch_gives_every_row_of_a_batch_the_same_lambda(
    n_rows, batch_size, alpha, seed
):
    # Distinct labels: each soft row holds λ for its anchor, 1 − λ elsewhere,
    # so the largest entry of every row of a batch is the batch's λ.
    X = np.zeros((n_rows, 1))
    for _, Y_batch in mixup_batches(
        X,
        np.arange(n_rows),
        batch_size=batch_size,
        alpha=alpha,
        lambda_per="batch",
        random_state=seed,
    ):
        if len(Y_batch) > 1:
            np.testing.assert_allclose(Y_batch.max(axis=1), Y_batch.max(axis=1)[0])


@settings(max_examples=25, deadline=None)
@given(data=_tables, batch_size=st.integers(1, 6), seed=st.integers(0, 2**16))
def test_same_seed_same_batches(data, batch_size, seed):
    X, y = data
    runs = [
        list(mixup_batches(X, y, batch_size=batch_size, n_epochs=2, random_state=seed))
        for _ in range(2)
    ]
    for (X_1, Y_1), (X_2, Y_2) in zip(*runs, strict=True):
        np.testing.assert_array_equal(X_1, X_2)
        np.testing.assert_array_equal(Y_1, Y_2)


def test_dataframe_and_series_inputs_give_arrays():
    pd = pytest.importorskip("pandas")
    X = pd.DataFrame({"a": np.arange(6.0), "b": np.arange(6.0) ** 2})
    y = pd.Series(["x", "y", "z", "x", "y", "z"])
    X_batch, Y_batch = next(mixup_batches(X, y, batch_size=6, random_state=0))
    assert isinstance(X_batch, np.ndarray) and X_batch.shape == (6, 2)
    np.testing.assert_allclose(Y_batch.sum(axis=1), 1)
    assert Y_batch.shape == (6, 3)


# --- memory-mapped data (issue 13) ------------------------------------------------


def test_a_memmap_streams_the_same_batches_as_the_array(tmp_path):
    values = np.random.RandomState(0).normal(size=(300, 4)).astype(np.float32)
    X = np.memmap(tmp_path / "X.dat", dtype=np.float32, mode="w+", shape=values.shape)
    X[:] = values
    X.flush()
    X = np.memmap(tmp_path / "X.dat", dtype=np.float32, mode="r", shape=values.shape)
    y = np.arange(300) % 3
    for (X_map, Y_map), (X_mem, Y_mem) in zip(
        mixup_batches(X, y, batch_size=16, random_state=0),
        mixup_batches(values, y, batch_size=16, random_state=0),
        strict=True,
    ):
        np.testing.assert_array_equal(X_map, X_mem)
        np.testing.assert_array_equal(Y_map, Y_mem)


class RowLog(np.ndarray):
    """An array that records which of its rows are read (slices, fancy
    indices and np.take), as a memmap would page them in."""

    def __new__(cls, values):
        array = np.asarray(values).view(cls)
        array.rows_read = set()
        return array

    def __array_finalize__(self, source):
        # Views (the (n, -1) reshape) share the log of their source.
        self.rows_read = getattr(source, "rows_read", None)

    def _record(self, rows):
        if self.rows_read is not None:
            self.rows_read.update(np.arange(len(self))[rows].ravel().tolist())

    def __getitem__(self, key):
        self._record(key[0] if isinstance(key, tuple) else key)
        return np.asarray(super().__getitem__(key))

    def __array_function__(self, func, types, args, kwargs):
        if func is np.take and args[0] is self:
            self._record(args[1])
        args = [np.asarray(a) if isinstance(a, RowLog) else a for a in args]
        return func(*args, **kwargs)


def test_the_first_batch_reads_only_its_own_chunk_of_rows(monkeypatch):
    # Checking finiteness up front read every row of a memmap before the
    # first batch; now each chunk checks the rows it reads.
    monkeypatch.setattr("mixup_sklearn._batches._CHUNK_BYTES", 8 * 8 * 16)
    X = RowLog(np.random.RandomState(0).normal(size=(1000, 8)))
    batches = mixup_batches(X, np.arange(1000) % 2, batch_size=16, random_state=0)
    next(batches)
    # Row 0 (the dtype check) and the 16 anchors of the first chunk.
    assert len(X.rows_read) <= 17


@pytest.mark.parametrize("method", ["mixup", "cutmix"])
def test_a_non_finite_row_of_a_memmap_raises_when_its_batch_is_reached(
    tmp_path, method, monkeypatch
):
    # Chunks of 5 batches: rows 50-99 are read at once, batches 5-9.
    monkeypatch.setattr("mixup_sklearn._batches._CHUNK_BYTES", 4 * 4 * 10 * 5)
    values = np.zeros((100, 4), dtype=np.float32)
    values[97, 2] = np.nan
    X = np.memmap(tmp_path / "X.dat", dtype=np.float32, mode="w+", shape=(100, 4))
    X[:] = values
    X.flush()
    X = np.memmap(tmp_path / "X.dat", dtype=np.float32, mode="r", shape=(100, 4))
    y = np.arange(100) % 2
    batches = mixup_batches(
        X, y, batch_size=10, shuffle=False, method=method, random_state=0
    )
    # Batches 0-8 do not read row 97: they are yielded.
    for _ in range(9):
        X_batch, _ = next(batches)
        assert np.isfinite(X_batch).all()
    with pytest.raises(
        ValueError, match=r"X contains NaN in row 97, which batch 9 of epoch 0"
    ):
        next(batches)


def test_infinity_is_named_with_its_row_and_batch():
    X = np.zeros((100, 4))
    X[42, 1] = -np.inf
    batches = mixup_batches(X, np.arange(100) % 2, batch_size=10, shuffle=False)
    with pytest.raises(
        ValueError, match=r"\bX\b contains infinity in row 42, which batch 4 "
    ):
        list(batches)


def test_integer_rows_are_blended_as_floats():
    X = np.arange(20).reshape(10, 2)
    X_batch, (anchors, partners, lam) = next(
        mixup_batches(
            X, np.arange(10), batch_size=10, targets="stacked", random_state=0
        )
    )
    assert X_batch.dtype == np.float64
    expected = lam[:, None] * X[anchors] + (1 - lam[:, None]) * X[partners]
    np.testing.assert_allclose(X_batch, expected)


@pytest.mark.parametrize("batch_size", [1, 3, 7, 64])
def test_batches_of_a_chunk_draw_partners_within_their_own_batch(batch_size):
    # Many batches share one kernel call: partners must still stay inside
    # their batch, the last one included.
    X = np.zeros((200, 1))
    for _, (anchors, partners, _) in _stacked(
        X, 200, batch_size=batch_size, alpha=1.0, random_state=0
    ):
        assert set(partners) <= set(anchors)
        if len(anchors) > 1:
            assert np.all(partners != anchors)


pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")


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
