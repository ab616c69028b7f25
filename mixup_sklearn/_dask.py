"""The block-wise path: mixup on Dask arrays and DataFrames.

:func:`resample` (behind ``MixupSampler.fit_resample``) and :func:`mixup`
(behind the function ``mixup``) build a lazy Dask graph with one task per row
block: a chunk of rows of an array, a partition of a DataFrame. Each task runs
the in-memory code on its block: the sampler's steps
(:mod:`mixup_sklearn._resample`: validation, anchors, the plan, the
containers) or the function ``mixup`` itself, so that there is one kernel
and no private method of an estimator is called. Nothing of X is computed
while the graph is built (unless y is computed from X); y is read once where
the plan needs its class counts or, for a DataFrame, its partition lengths.
A DataFrame X without y has its index read once instead, for the partition
lengths.

A DataFrame y must be partition-aligned with X: taken from the same frame
(mixed as one frame, partition by partition), or with X's partitions and
index, checked when each block is computed. y is never shuffled to match X.

Semantics:

- partners are drawn inside the anchor's block; ``pairing="lag"`` reads the
  ``lag`` rows on either side of a block from its neighbours, so that its pairs
  are those of the whole data set;
- the anchors follow the in-memory rule block by block: whole cycles put as
  many anchors in a block as it has rows (or members of a class); the
  remainder is split across blocks in proportion to their rows (or members)
  with random rounding (:func:`cycle_split`), and each block draws its share
  as the in-memory sampler draws a remainder (random, class-balanced). Every
  row thus anchors the in-memory number of synthetic rows, give or take one,
  and the class totals (``sampling_strategy_``, computed as the graph is
  built) equal the in-memory ones in expectation, exactly with
  ``sampling_strategy`` or without a remainder;
- block ``b`` draws from ``RandomState(MT19937(SeedSequence(entropy,
  spawn_key=(b,))))`` with the entropy drawn from ``random_state``: the result
  does not depend on the scheduler or the number of workers; it depends on
  the chunking.

This module imports Dask at its top; the entry points import it only when
a Dask collection arrives (:mod:`mixup_sklearn._dependencies`), so that
``import mixup_sklearn`` does not import Dask. ``dask.dataframe`` (which
needs pandas, and takes a second to import) is imported only for a Dask
DataFrame.
"""

import warnings
from collections import OrderedDict

import dask
import dask.array as da
import numpy as np
import pandas as pd
from dask import delayed
from sklearn.utils import _safe_indexing, check_random_state

from ._dependencies import is_dask_collection
from ._pairing import CLASS_PAIRINGS, pair_index_dtype, split_remainder
from ._plan import one_hot_rows
from ._resample import (
    balancing_counts,
    check_labels,
    check_lag_pairing,
    check_param_combinations,
    check_target_given,
    check_X_and_target,
    keeps_originals,
    mix_sources,
    record_features,
    resample_rows,
    restore_containers,
    swaps_frame,
)
from ._tables import TabularInput
from ._validation import allows_missing, label_indicator, n_synthetic_rows
from ._warnings import warn


def block_random_state(entropy, block):
    """The generator of row block ``block``: its own stream, spawned from the
    entropy of ``random_state``, the same on any worker."""
    seed = np.random.SeedSequence(entropy, spawn_key=(int(block),))
    return np.random.RandomState(np.random.MT19937(seed))


def _entropy(random_state):
    # 128 bits drawn once, when the graph is built: recomputing a result
    # gives the same rows even with random_state=None.
    draws = check_random_state(random_state).randint(0, 2**32, size=4, dtype=np.uint64)
    return [int(value) for value in draws]


def cycle_split(n_anchors, pool, random_state):
    """How many of ``n_anchors`` anchors, cycling through the rows of a pool
    that has ``pool[b]`` rows in block ``b``, fall in each block.

    Whole cycles put ``pool[b]`` anchors in every block; the remainder is
    split in proportion to ``pool`` with random rounding
    (:func:`~mixup_sklearn._pairing.split_remainder`, one draw from
    ``random_state``), not given to the first blocks. A block then anchors
    each of its rows as often as the in-memory rule would, give or take one.
    """
    pool = np.asarray(pool, dtype=np.int64)
    total = int(pool.sum())
    if total == 0:
        return np.zeros_like(pool)
    cycles, rest = divmod(int(n_anchors), total)
    return cycles * pool + split_remainder(rest, pool, random_state)


def _plan_random_state(entropy):
    """The generator of the plan, built once with the graph: the root of the
    entropy, whose stream is none of the blocks' (spawned children)."""
    return np.random.RandomState(np.random.MT19937(np.random.SeedSequence(entropy)))


# --- the input: row blocks of X and y -------------------------------------------


class _Blocks:
    """The row blocks of a Dask ``X`` (and ``y``) as delayed objects.

    ``kind`` is ``"array"`` or ``"frame"``; ``lengths`` (rows per block) is
    known at once for arrays and read from ``y`` (or, without ``y``, from the
    index of ``X``) for DataFrames. ``label_blocks`` are the blocks that this
    read computes: ``y`` without ``X``.
    """

    def __init__(self, X, y, *, min_ndim=1):
        if isinstance(X, da.Array):
            self.kind = "array"
            if y is not None and not isinstance(y, da.Array):
                raise TypeError(
                    "y must be a dask array when X is one; got "
                    f"{type(y).__name__}. Use dask.array.from_array(y, "
                    "chunks=X.chunks[0])."
                )
            X, y = self._align_arrays(X, y, min_ndim)
            self.lengths = np.array(X.chunks[0], dtype=np.int64)
            # Unoptimised: a y computed from X keeps the tasks of X, which
            # are then computed once for both, not once more inside y's.
            self.x_blocks = list(X.to_delayed(optimize_graph=False).ravel())
            self.y_blocks = (
                None if y is None else list(y.to_delayed(optimize_graph=False).ravel())
            )
            self.label_blocks = self.y_blocks
        elif _is_dask_frame(X):
            import dask.dataframe as dd

            self.kind = "frame"
            if min_ndim == 2 and isinstance(X, dd.Series):
                raise ValueError(
                    "X must be a 2-D dask DataFrame; got a dask Series. Use "
                    "X.to_frame()."
                )
            if y is not None and not isinstance(y, (dd.DataFrame, dd.Series)):
                raise TypeError(
                    "y must be a dask Series (or DataFrame) when X is a dask "
                    f"DataFrame; got {type(y).__name__}. Take both from the "
                    "same dask DataFrame: X = frame[features], y = frame[target]."
                )
            self.lengths = None
            # The partitions as Dask reads them: its tuning would group the
            # files of a Parquet dataset into fewer partitions when fewer
            # columns are read, so that y alone, read for its labels, would
            # not have the partitions of X.
            with dask.config.set({"optimization.tune.active": False}):
                if y is None:
                    self.x_blocks, self.y_blocks = list(X.to_delayed()), None
                    # Only the index, to count the rows of each partition.
                    self.label_blocks = list(X.index.to_delayed())
                elif _co_aligned(X, y) and X.divisions == y.divisions:
                    self._joined_blocks(X, y)
                else:
                    self._paired_blocks(X, y)
            if len(self.label_blocks) != len(self.x_blocks):
                # Read the rows to mix instead: the same partitions by
                # construction.
                self.label_blocks = self.x_blocks if y is None else self.y_blocks
        else:
            raise TypeError(
                "X must be a dask array or a dask DataFrame when y is a dask "
                f"collection; got X of type {type(X).__name__}."
            )
        self.X, self.y = X, y

    def _joined_blocks(self, X, y):
        """Blocks of X and y cut from one frame, for X and y taken from the
        same source: each partition is read once for both. The labels are
        read from y alone, without computing X."""
        X_frame = X.to_frame() if X.ndim == 1 else X
        x_columns = list(X_frame.columns)
        y_columns = [y.name] if y.ndim == 1 else list(y.columns)
        names = _unused_names(x_columns, len(y_columns))
        joined = X_frame.assign(
            **{
                name: y if y.ndim == 1 else y[column]
                for name, column in zip(names, y_columns, strict=True)
            }
        )
        split = delayed(_columns_of, pure=True)
        parts = joined.to_delayed()
        self.x_blocks = [split(part, x_columns, X.ndim == 1) for part in parts]
        self.y_blocks = [split(part, names, y.ndim == 1, y_columns) for part in parts]
        # y alone: Dask cannot leave out X from the joined frame when X went
        # through a function of its own (map_partitions).
        self.label_blocks = list(y.to_delayed())

    def _paired_blocks(self, X, y):
        """Partition ``b`` of X with partition ``b`` of y, for X and y from
        different sources: refused now when their partitions visibly differ,
        and when computed unless each pair has one index."""
        detail = None
        if X.npartitions != y.npartitions:
            detail = f"X has {X.npartitions} partitions and y has {y.npartitions}"
        elif X.known_divisions and y.known_divisions and X.divisions != y.divisions:
            block = next(
                b
                for b, (x_div, y_div) in enumerate(
                    zip(X.divisions, y.divisions, strict=True)
                )
                if x_div != y_div
            )
            detail = (
                f"X has divisions {_short(X.divisions)} and y has "
                f"{_short(y.divisions)} (they differ at position {block})"
            )
        if detail is not None:
            raise ValueError(_misaligned(detail))
        pair = delayed(_aligned_pair, nout=2, pure=True)
        pairs = [
            pair(x_part, y_part, block)
            for block, (x_part, y_part) in enumerate(
                zip(X.to_delayed(), y.to_delayed(), strict=True)
            )
        ]
        self.x_blocks = [x_part for x_part, _ in pairs]
        self.y_blocks = [y_part for _, y_part in pairs]
        self.label_blocks = list(y.to_delayed())

    @staticmethod
    def _align_arrays(X, y, min_ndim):
        if not min_ndim <= X.ndim <= 2:
            raise ValueError(
                f"X must be {'2-D' if min_ndim == 2 else '1-D or 2-D'}; got a "
                f"dask array with {X.ndim} dimensions."
            )
        if np.isnan(X.shape[0]):
            raise ValueError(
                "X has unknown chunk sizes; call X.compute_chunk_sizes() (or "
                "build it with known chunks) first."
            )
        if X.ndim == 2 and len(X.chunks[1]) > 1:
            X = X.rechunk({1: -1})
        if y is None:
            return X, y
        if y.ndim > 2:
            raise ValueError(
                f"y must be 1-D or 2-D; got a dask array with {y.ndim} dimensions."
            )
        if np.isnan(y.shape[0]):
            raise ValueError(
                "y has unknown chunk sizes; call y.compute_chunk_sizes() first."
            )
        if y.shape[0] != X.shape[0]:
            raise ValueError(
                "X and y must have the same number of rows; got X with "
                f"{X.shape[0]} rows and y with {y.shape[0]}."
            )
        chunks = {0: X.chunks[0]} | ({1: -1} if y.ndim == 2 else {})
        return X, y.rechunk(chunks)

    def summarise(self, count_classes):
        """One pass over ``y`` (or, without ``y``, the index of a DataFrame
        ``X``): rows per block and, if asked, the labels and their counts in
        every block, ``(labels, counts[block, label])``. ``X`` is not
        computed, unless ``y`` is computed from it."""
        if self.lengths is not None and not count_classes:
            return None
        summary = delayed(_y_summary, pure=True)
        results = dask.compute(*[summary(b, count_classes) for b in self.label_blocks])
        self.lengths = np.array([n_rows for n_rows, _, _ in results], dtype=np.int64)
        if not count_classes:
            return None
        labels = np.unique(np.concatenate([found for _, found, _ in results]))
        counts = np.zeros((len(results), len(labels)), dtype=np.int64)
        for block, (_, found, found_counts) in enumerate(results):
            counts[block, np.searchsorted(labels, found)] = found_counts
        return labels, counts

    def check_rows(self):
        """Refuse an X without rows: there is nothing to mix."""
        if self.lengths.sum() == 0:
            unit = "chunks" if self.kind == "array" else "partitions"
            raise ValueError(
                f"X has no rows: its {len(self.lengths)} {unit} are all empty. "
                "mixup needs at least one row."
            )

    def rows(self, blocks, lo, hi):
        """A delayed block of the global rows ``lo .. hi − 1`` of ``blocks``."""
        starts = np.cumsum(self.lengths) - self.lengths
        pieces = []
        for block, (start, length) in enumerate(zip(starts, self.lengths, strict=True)):
            first, last = max(lo, start), min(hi, start + length)
            if first < last:
                pieces.append((blocks[block], int(first - start), int(last - start)))
        return delayed(_concat_rows, pure=True)(pieces)


def _is_dask_frame(obj):
    # Checked by name: dask.dataframe needs pandas, and takes a second to
    # import when only arrays arrive.
    return type(obj).__name__ in ("DataFrame", "Series") and is_dask_collection(obj)


def _co_aligned(X, y):
    """Whether y comes from the source of X through row-wise steps only, so
    that Dask joins them partition by partition (its own test; the join also
    needs equal divisions, which ``clear_divisions`` on one of them breaks)."""
    try:
        from dask.dataframe.dask_expr._expr import are_co_aligned
    except ImportError:  # pragma: no cover - another Dask layout
        # The pairs are then checked when they are computed.
        return False
    return are_co_aligned(X.expr, y.expr)


def _unused_names(columns, count):
    """``count`` column names for y that no column of X has."""
    taken = {str(column) for column in columns}
    prefix = "__mixup_y"
    while any(f"{prefix}{k}__" in taken for k in range(count)):
        prefix = "_" + prefix
    return [f"{prefix}{k}__" for k in range(count)]


_FIX = (
    "Each partition of X is mixed with the same partition of y, and y is not "
    "shuffled to match X, since that reorders rows. Take both from the same "
    "dask DataFrame (X = frame.drop(columns=target), y = frame[target]), or "
    "give y the partitions of X (y = y.repartition(divisions=X.divisions), "
    "when both have known divisions)."
)


def _misaligned(detail):
    return f"y is not partition-aligned with X: {detail}. {_FIX}"


def _short(values, limit=6):
    values = list(values)
    if len(values) <= limit:
        return repr(tuple(values))
    return f"({', '.join(map(repr, values[:limit]))}, ...)"


def _aligned_pair(X_part, y_part, block):
    """Partition ``block`` of X and of y, refused unless they hold the same
    rows in the same order (the same index)."""
    if not X_part.index.equals(y_part.index):
        raise ValueError(
            _misaligned(
                f"partition {block} of y does not have the index of partition "
                f"{block} of X (X: {len(X_part)} rows, index "
                f"{_short(X_part.index[:4], 3)}; y: {len(y_part)} rows, index "
                f"{_short(y_part.index[:4], 3)})"
            )
        )
    return X_part, y_part


def _columns_of(part, columns, series, names=None):
    selected = part[columns]
    if names is not None:
        selected.columns = names
    return selected.iloc[:, 0] if series else selected


def _y_summary(y_block, count_classes):
    if not count_classes:
        return len(y_block), None, None
    return len(y_block), *_label_counts(y_block)


def _label_counts(y_block):
    """The labels of a block of y and their counts; a one-hot row's label is
    the column of its 1, as the in-memory sampler reads it (the block itself
    refuses a 2-D y of other values when it is computed). A multi-label y is
    refused here, as y is read, before any graph is built."""
    values = np.asarray(y_block)
    if values.ndim == 2:
        if label_indicator(values) == "multilabel":
            # Its in-memory rule (the anchor's label row, anchors drawn
            # without classes) has no block plan here yet.
            raise ValueError(
                "y is a multi-label indicator (a 2-D 0/1 y whose rows do not "
                "each hold exactly one 1); MixupSampler on Dask collections "
                "takes class labels or a one-hot y only. Compute X and y into "
                "memory (X.compute(), y.compute()) to resample a multi-label y."
            )
        values = values.argmax(axis=1)
    return np.unique(values, return_counts=True)


def _concat_rows(pieces):
    parts = [block[start:stop] for block, start, stop in pieces]
    if hasattr(parts[0], "iloc"):
        return pd.concat(parts)
    return np.concatenate(parts)


# --- MixupSampler.fit_resample -----------------------------------------------------


def fit(sampler, X, y):
    """``sampler.fit(X, y)`` for a Dask X and y: the checks and fitted
    attributes of :func:`resample`, from one pass over ``y``."""
    _prepare(sampler, X, y)
    return sampler


def _prepare(sampler, X, y):
    """Check the parameters, X and y, read y once and plan every block; sets
    ``sampling_strategy_``, ``n_features_in_`` and ``feature_names_in_``.
    Returns the blocks, the label summary and the plans."""
    params = sampler.get_params(deep=False)
    check_param_combinations(params)
    if params["target"] == "regression" and params["sampling_strategy"] is not None:
        # Rare regions are read from the whole target and filled from rows of
        # the same region, wherever they are: no block-wise meaning.
        raise ValueError(
            f"sampling_strategy={params['sampling_strategy']!r} with "
            "target='regression' balances rare regions of the whole target, "
            "which a Dask block cannot see; it is not supported on Dask "
            "collections. Compute X and y into memory first, or leave "
            "sampling_strategy=None."
        )
    blocks = _Blocks(X, y, min_ndim=2)
    check_target_given(y)
    classification = params["target"] == "classification"
    summary = blocks.summarise(count_classes=classification)
    blocks.check_rows()
    check_lag_pairing(params, int(blocks.lengths.sum()))
    entropy = _entropy(params["random_state"])
    plans, anchored = _plan(sampler, params, blocks, summary, entropy)
    _check_block_pools(params, blocks, summary, anchored)
    # After _plan, whose check of the labels goes through validate_data.
    _set_feature_attributes(sampler, X)
    return blocks, summary, plans


def resample(sampler, X, y):
    """``sampler.fit_resample(X, y)`` for a Dask X and y: lazy Dask collections
    of the same kind, with ``pairs_`` (global row indices) and ``lambdas_`` as
    lazy dask arrays."""
    blocks, summary, plans = _prepare(sampler, X, y)
    n_rows = int(blocks.lengths.sum())
    params = sampler.get_params(deep=False)
    entropy = _entropy(params["random_state"])
    n_synthetic = np.array([_n_planned(plan) for plan in plans], dtype=np.int64)
    rows_out = n_synthetic + (blocks.lengths if keeps_originals(params) else 0)
    meta_X, meta_y = _sampler_meta(sampler, blocks, summary, params)

    block_task = delayed(_resample_block, nout=4, pure=True)
    starts = np.cumsum(blocks.lengths) - blocks.lengths
    out_starts = np.cumsum(rows_out) - rows_out
    lag = params["lag"] if params["pairing"] == "lag" else 0
    # Global row indices: the dtype that in-memory input of n_rows would get.
    index_dtype = pair_index_dtype(n_rows)
    parts, kept = [], []
    for block, length in enumerate(blocks.lengths):
        if length == 0:
            continue
        start = int(starts[block])
        if lag:
            lo, hi = max(0, start - lag), min(n_rows, start + int(length) + lag)
            X_block = blocks.rows(blocks.x_blocks, lo, hi)
            y_block = blocks.rows(blocks.y_blocks, lo, hi)
            halo = (start - lo, hi - start - int(length))
        else:
            X_block, y_block = blocks.x_blocks[block], blocks.y_blocks[block]
            lo, halo = start, (0, 0)
        parts.append(
            block_task(
                type(sampler),
                params,
                X_block,
                y_block,
                block=block,
                entropy=entropy,
                plan=plans[block],
                out_start=int(out_starts[block]),
                offset=lo,
                halo=halo,
                index_dtype=index_dtype,
            )
        )
        kept.append(block)
    kept = np.array(kept, dtype=np.intp)
    X_res = _collection(blocks.kind, [p[0] for p in parts], rows_out[kept], meta_X)
    y_res = _collection(blocks.kind, [p[1] for p in parts], rows_out[kept], meta_y)
    sampler.pairs_ = _stack(
        [p[2] for p in parts], n_synthetic[kept], np.empty((0, 2), index_dtype)
    )
    sampler.lambdas_ = _stack(
        [p[3] for p in parts], n_synthetic[kept], np.empty(0, np.float64)
    )
    return X_res, y_res


def _set_feature_attributes(sampler, X):
    """``n_features_in_`` and ``feature_names_in_``, as validate_data sets them,
    from the columns of X alone."""
    empty = X._meta if hasattr(X, "columns") else np.empty((0, X.shape[1]))
    record_features(sampler, empty)


def _n_planned(plan):
    return sum(plan.values()) if isinstance(plan, dict) else int(plan)


def _plan(sampler, params, blocks, summary, entropy):
    """Each block's plan (its number of synthetic rows, or with
    ``sampling_strategy`` its rows to add per class) and
    ``anchored[block, label]``, the synthetic rows anchored in each class of
    each block (None for regression). Sets ``sampling_strategy_``."""
    n_blocks = len(blocks.lengths)
    random_state = _plan_random_state(entropy)
    if params["target"] == "regression":
        sampler.sampling_strategy_ = OrderedDict()
        n_new = n_synthetic_rows(params["n_samples"], int(blocks.lengths.sum()))
        plans = cycle_split(n_new, blocks.lengths, random_state)
        return [int(m) for m in plans], None
    labels, counts = summary
    # The labels found, checked as the in-memory y is (a stand-in X of one
    # column per label).
    check_X_and_target(sampler, np.zeros((len(labels), 1)), labels, params)
    check_labels(labels, params)
    class_counts = counts.sum(axis=0)
    if params["sampling_strategy"] is not None:
        # imbalanced-learn's rule reads only the class counts of y: a stand-in
        # with the same counts gives the same targets.
        stand_in = np.repeat(labels, class_counts)
        sampler.sampling_strategy_ = balancing_counts(
            params["sampling_strategy"], stand_in
        )
        del stand_in
        anchored = np.zeros_like(counts)
        for label, n_new in sampler.sampling_strategy_.items():
            column = np.searchsorted(labels, label)
            anchored[:, column] = cycle_split(n_new, counts[:, column], random_state)
        order = [np.searchsorted(labels, label) for label in sampler.sampling_strategy_]
        plans = [
            OrderedDict(
                (label, int(anchored[block, column]))
                for label, column in zip(sampler.sampling_strategy_, order, strict=True)
            )
            for block in range(n_blocks)
        ]
        return plans, anchored
    n_new = n_synthetic_rows(params["n_samples"], int(blocks.lengths.sum()))
    plans = cycle_split(n_new, blocks.lengths, random_state)
    # A block anchors its rows plans[b] // n_b times, then a remainder split
    # across its classes by the first draw of its own generator: the same
    # draw here gives its class counts without reading y.
    whole, rest = np.divmod(plans, np.maximum(blocks.lengths, 1))
    anchored = whole[:, np.newaxis] * counts
    for block in np.flatnonzero(rest):
        anchored[block] += split_remainder(
            int(rest[block]), counts[block], block_random_state(entropy, block)
        )
    sampler.sampling_strategy_ = OrderedDict(
        zip(labels.tolist(), anchored.sum(axis=0).tolist(), strict=True)
    )
    return [int(m) for m in plans], anchored


def _check_block_pools(params, blocks, summary, anchored):
    """Refuse, or warn about, rows that could be mixed in memory but have no
    partner inside their block."""
    pairing = params["pairing"]
    if pairing == "lag":
        return
    if params["target"] == "classification" and pairing in CLASS_PAIRINGS:
        labels, counts = summary
        for column, label in enumerate(labels.tolist()):
            pool, used = counts[:, column], anchored[:, column] > 0
            if pool.sum() < 2 or not used.any():
                continue
            if pool.max() < 2:
                raise ValueError(
                    f"pairing={pairing!r} draws partners inside each "
                    f"block, but class {label!r} has at most one row in every "
                    f"block ({int(pool.sum())} rows in {int((pool > 0).sum())} "
                    "blocks), so none of its rows could be mixed. Use larger "
                    "blocks (rechunk or repartition), or pairing='random'."
                )
            lonely = int((used & (pool == 1)).sum())
            if lonely:
                warn(
                    f"class {label!r} has a single row in {lonely} block(s); "
                    f"with pairing={pairing!r} partners are drawn "
                    "inside the block, so those rows are copied, not mixed."
                )
        return
    pool = blocks.lengths
    if pool.sum() >= 2 and pool.max() < 2:
        raise ValueError(
            "partners are drawn inside each block, but every block of X has "
            "at most one row, so no row could be mixed. Use larger blocks "
            "(rechunk or repartition)."
        )
    lonely = int((pool == 1).sum())
    if lonely:
        warn(
            f"{lonely} block(s) of X have a single row; partners are drawn "
            "inside the block, so those rows are copied, not mixed."
        )


def _resample_block(
    sampler_class,
    params,
    X_block,
    y_block,
    *,
    block,
    entropy,
    plan,
    out_start,
    offset,
    halo,
    index_dtype=np.int64,
):
    """One block through the sampler's steps (:mod:`._resample`), with
    ``params`` (``n_samples`` set to the block's plan, or its rows to add per
    class with ``sampling_strategy``): validation of X and y, the anchors,
    the plan and the container round trip. A ``sampler_class`` made from
    ``params`` records what ``validate_data`` sets. ``X_block`` holds
    ``halo`` = (before, after) rows of the neighbouring blocks for
    ``pairing="lag"``; only its own rows are anchors and originals.

    Returns the block's X and y, its pairs as global row indices (``offset``
    is the global index of the block's first row, ``index_dtype`` the dtype
    that holds them) and its λ.
    """
    if len(X_block) != len(y_block):
        raise ValueError(
            "X and y must have the same number of rows in every block; block "
            f"{block} has {len(X_block)} rows of X and {len(y_block)} of y. "
            "Take both from the same dask DataFrame."
        )
    random_state = block_random_state(entropy, block)
    strategy = plan if isinstance(plan, dict) else None
    params = params | {"random_state": random_state}
    if strategy is None:
        params["n_samples"] = plan
    table = TabularInput(
        X_block,
        y_block,
        params["categorical_features"],
        swap=swaps_frame(params["method"], X_block, params["pairing"]),
        allow_nan=allows_missing(params["missing"]),
    )
    X_num, y_num, binarize_y = check_X_and_target(
        sampler_class(**params), table.numeric, y_block, params
    )
    before, after = halo
    n_own = X_num.shape[0] - before - after
    # The block's generator: its first draws are the anchors, of its own rows.
    X_res, y_res, mixed, _ = resample_rows(
        X_num,
        y_num,
        params,
        random_state=random_state,
        strategy=strategy,
        own=slice(before, before + n_own),
        **mix_sources(table, X_num, params["method"]),
    )
    originals = None
    if keeps_originals(params):
        originals = np.arange(before, before + n_own)
        if before or after:
            keep = np.concatenate([originals, np.arange(X_num.shape[0], len(X_res))])
            # X_res is a DataFrame when CutMix swaps a frame's own cells.
            X_res, y_res = _safe_indexing(X_res, keep), y_res[keep]
    if binarize_y:
        y_res = one_hot_rows(y_res, np.shape(y_block)[1])
    X_out, y_out = restore_containers(
        table,
        X_res,
        y_res,
        params,
        pairs=mixed.pairs,
        lambdas=mixed.lambdas,
        originals=originals,
    )
    _set_index(X_out, y_out, out_start)
    pairs = mixed.pairs.astype(index_dtype)
    pairs += offset
    return X_out, y_out, pairs, mixed.lambdas


def _sampler_meta(sampler, blocks, summary, params):
    """Empty X and y with the output's dtypes (and columns): one small fake
    block through the same function. Its validation refuses, now rather than
    at compute time, columns that cannot be mixed."""
    X_fake, y_fake = _fake_block(blocks, summary)
    params = params | {
        "pairing": "random",
        "sampling_strategy": None,
        "mix_classes": None,
        "label": "anchor",
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        X_meta, y_meta, _, _ = _resample_block(
            type(sampler),
            params,
            X_fake,
            y_fake,
            block=0,
            entropy=[0],
            plan=len(X_fake),
            out_start=0,
            offset=0,
            halo=(0, 0),
        )
    return X_meta[:0], y_meta[:0]


def _fake_block(blocks, summary):
    """Two rows of the dtypes (and columns) of X and y, for the output meta."""
    X, y = blocks.X, blocks.y
    if blocks.kind == "frame":
        # Row 0 of the non-empty meta: its row 1 holds <NA> in string columns.
        X_fake = X._meta_nonempty.iloc[[0, 0]]
        y_fake = None if y is None else y._meta_nonempty.iloc[[0, 0]]
        if summary is not None:
            y_fake = y_fake.copy()
            y_fake[:] = _first_and_last_labels(summary, y_fake.shape)
        return X_fake, y_fake
    X_fake = np.ones((2, *X.shape[1:]), dtype=X.dtype)
    if y is None:
        return X_fake, None
    if summary is not None:
        return X_fake, _first_and_last_labels(summary, (2, *y.shape[1:])).astype(
            y.dtype
        )
    return X_fake, np.ones((2, *y.shape[1:]), dtype=y.dtype)


def _first_and_last_labels(summary, shape):
    """Two rows of y holding the first and the last label found; one-hot rows
    for a 2-D y."""
    labels = np.asarray(summary[0])[[0, -1]]
    return labels if len(shape) == 1 else np.eye(shape[1], dtype=int)[labels]


# --- mixup() ------------------------------------------------------------------------


def mixup(X, y, *, alpha, n_samples, concat, method, missing, random_state, in_memory):
    """The function ``mixup`` for a Dask X (and y): lazy Dask collections of
    the same kind. ``in_memory`` is the function ``mixup`` itself, after its
    parameters are validated (which a block with no synthetic row would not
    pass), given by the caller so that this module does not import it."""
    blocks = _Blocks(X, y)
    blocks.summarise(count_classes=False)
    blocks.check_rows()
    n_new = n_synthetic_rows(n_samples, int(blocks.lengths.sum()))
    entropy = _entropy(random_state)
    n_synthetic = cycle_split(n_new, blocks.lengths, _plan_random_state(entropy))
    rows_out = n_synthetic + (blocks.lengths if concat else 0)
    options = {
        "alpha": alpha,
        "concat": concat,
        "method": method,
        "missing": missing,
        "entropy": entropy,
        "in_memory": in_memory,
    }
    X_fake, y_fake = _fake_block(blocks, None)
    X_meta, y_meta = _mixup_block(
        X_fake, y_fake, **options, n_synthetic=2, block=0, out_start=0, meta=None
    )

    block_task = delayed(_mixup_block, nout=2, pure=True)
    out_starts = np.cumsum(rows_out) - rows_out
    parts, kept = [], []
    meta = (X_meta[:0], None if y is None else y_meta[:0])
    for block, length in enumerate(blocks.lengths):
        if length == 0:
            continue
        y_block = None if y is None else blocks.y_blocks[block]
        parts.append(
            block_task(
                blocks.x_blocks[block],
                y_block,
                **options,
                n_synthetic=int(n_synthetic[block]),
                block=block,
                out_start=int(out_starts[block]),
                meta=meta,
            )
        )
        kept.append(block)
    X_new = _collection(blocks.kind, [p[0] for p in parts], rows_out[kept], meta[0])
    if y is None:
        return X_new
    y_new = _collection(blocks.kind, [p[1] for p in parts], rows_out[kept], meta[1])
    return X_new, y_new


def _mixup_block(
    X_block,
    y_block,
    *,
    alpha,
    concat,
    method,
    missing,
    entropy,
    n_synthetic,
    block,
    out_start,
    meta,
    in_memory,
):
    """One block through the in-memory function ``mixup``."""
    result = in_memory(
        X_block,
        y_block,
        alpha=alpha,
        n_samples=int(n_synthetic),
        concat=concat,
        method=method,
        missing=missing,
        random_state=block_random_state(entropy, block),
    )
    X_new, y_new = result if y_block is not None else (result, None)
    if meta is not None:
        # A block whose rows are all copies keeps integer dtypes; the others
        # do not. Every block takes the dtypes of the output.
        X_new = _as_meta(X_new, meta[0])
        y_new = None if y_new is None else _as_meta(y_new, meta[1])
    _set_index(X_new, y_new, out_start)
    return X_new, y_new


def _as_meta(part, meta):
    if hasattr(meta, "dtypes") and hasattr(meta, "columns"):
        return part.astype(meta.dtypes.to_dict())
    return part.astype(meta.dtype, copy=False)


# --- the output -------------------------------------------------------------------


def _set_index(X_out, y_out, out_start):
    """A global RangeIndex on a DataFrame block, so that the output's
    divisions are known."""
    if hasattr(X_out, "iloc"):
        index = pd.RangeIndex(out_start, out_start + len(X_out))
        X_out.index = index
        if y_out is not None and hasattr(y_out, "iloc"):
            y_out.index = index


def _collection(kind, parts, rows, meta):
    """Delayed blocks of known row counts as one dask array (known chunks) or
    dask DataFrame (known divisions)."""
    if kind == "array":
        return _stack(parts, rows, meta)
    import dask.dataframe as dd

    nonempty = [part for part, n_rows in zip(parts, rows, strict=True) if n_rows]
    counts = np.asarray([n_rows for n_rows in rows if n_rows], dtype=np.int64)
    starts = np.cumsum(counts) - counts
    divisions = (*starts.tolist(), int(starts[-1] + counts[-1] - 1))
    return dd.from_delayed(nonempty, meta=meta, divisions=divisions, verify_meta=False)


def _stack(parts, rows, meta):
    if not parts:
        return da.from_array(meta)
    return da.concatenate(
        [
            da.from_delayed(part, shape=(int(n_rows), *meta.shape[1:]), meta=meta)
            for part, n_rows in zip(parts, rows, strict=True)
        ]
    )
