"""The batch generator: :func:`mixup_batches`."""

import itertools
from collections.abc import Callable, Iterator
from numbers import Integral
from typing import Any

import numpy as np
from imblearn.utils import Substitution
from scipy import sparse
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, StrOptions, validate_params
from sklearn.utils.validation import _num_samples

from ._docstrings import LOOP_DRAW_ORDER, SHARED_DOCS, alpha_doc, loop_docs
from ._mixing import float_dtype
from ._plan import (
    apply_plan,
    batch_mix,
    blended_targets,
    blended_weights,
    copy_plan,
    draw_plan,
    loop_methods,
    soft_labels,
    stacked_targets,
)
from ._tables import numeric_or_labels
from ._validation import (
    LOOP_CONSTRAINTS,
    MIXUP_CONSTRAINTS,
    ArrayLike,
    RandomStateLike,
    SparseMatrix,
    allows_missing,
    check_n_rows,
    check_numeric,
    check_sample_weight,
)

# Rows drawn and blended per kernel call, in bytes of mixed X: enough whole
# batches to pay NumPy's per-call overhead once for hundreds of small batches,
# few enough that a chunk of a memmap stays a few batches in memory.
_CHUNK_BYTES = 1 << 21


@validate_params(
    {
        "X": ["array-like", "sparse matrix"],
        "y": ["array-like"],
        "batch_size": [Interval(Integral, 1, None, closed="left")],
        "alpha": MIXUP_CONSTRAINTS["alpha"],
        "n_epochs": [None, Interval(Integral, 1, None, closed="left")],
        "shuffle": ["boolean"],
        "classes": [None, "array-like"],
        "lambda_per": [StrOptions({"sample", "batch"})],
        "targets": [StrOptions({"soft", "stacked"})],
        "method": MIXUP_CONSTRAINTS["method"],
        "missing": MIXUP_CONSTRAINTS["missing"],
        "transform": [None, callable],
        "random_state": MIXUP_CONSTRAINTS["random_state"],
        **LOOP_CONSTRAINTS,
        "sample_weight": ["array-like", None],
    },
    prefer_skip_nested_validation=True,
)
@Substitution(
    alpha=alpha_doc("0.2"),
    method=SHARED_DOCS["method"],
    missing=SHARED_DOCS["missing"],
    random_state=SHARED_DOCS["random_state"],
    mixup_reference=SHARED_DOCS["mixup_reference"],
    loop_draw_order=LOOP_DRAW_ORDER.format(unit="batch"),
    **loop_docs("batch"),
)
def mixup_batches(
    X: ArrayLike | SparseMatrix,
    y: ArrayLike,
    *,
    batch_size: int = 32,
    alpha: float = 0.2,
    n_epochs: int | None = 1,
    shuffle: bool = True,
    classes: ArrayLike | None = None,
    lambda_per: str = "sample",
    targets: str = "soft",
    method: str = "mixup",
    missing: str = "error",
    transform: Callable[[Any], Any] | None = None,
    random_state: RandomStateLike = None,
    prob: float = 1.0,
    switch_prob: float = 0.0,
    cutmix_alpha: float | None = None,
    mixup_off_epoch: int | None = None,
    sample_weight: ArrayLike | None = None,
) -> Iterator[tuple[Any, ...]]:
    """Yield mixed mini-batches ``(X_batch, Y_batch)`` for a training loop.

    Every epoch visits every row once as an anchor, in batches of
    ``batch_size`` rows (the last batch may be smaller). Inside a batch, each
    anchor a_k gets a partner p_k drawn among the other rows of the same
    batch, and a weight λ_k shared by the features and the target:

    .. math::

        x'_k = \\lambda_k x_{{a_k}} + (1 - \\lambda_k) x_{{p_k}}, \\qquad
        Y'_k = \\lambda_k Y_{{a_k}} + (1 - \\lambda_k) Y_{{p_k}}.

    Class labels are turned into one-hot rows first, so ``Y'`` holds soft
    labels. X may have any number of dimensions (tables, images of shape
    (n, height, width, channels), ...): rows are blended through a
    (n, -1) view with the library's one kernel.

    Read more in the :ref:`User Guide <mixup_batches>`.

    Parameters
    ----------
    X : {{array-like, sparse matrix}} of shape (n_rows, ...)
        Numeric, finite rows; any number of dimensions, or a sparse matrix.
        A NumPy array (a :class:`numpy.memmap` too) is checked for NaN and
        infinity as the batches read its rows: a non-finite value raises when
        the batch that reads it is reached, and the batches before it are
        yielded. With ``missing`` other than ``"error"``, NaN is mixed, and
        only infinity raises.

    y : array-like of shape (n_rows,) or (n_rows, n_outputs)
        A 1-D y of integer, boolean, string or object dtype holds class
        labels, which become soft one-hot rows. A 1-D y of float dtype is a
        continuous target, and a 2-D y (one-hot, soft labels, multi-output)
        is a table of numbers: both are mixed as they are. A multi-label
        indicator (2-D, one 0/1 column per label, several ones in a row)
        thus gives soft multi-label targets, λ·y_a + (1 − λ)·y_p per column,
        in [0, 1]. The dtype decides,
        not the values, so that every subset of a data set is read the same
        way: pass ``classes`` to treat float labels as classes, or
        ``y.astype(float)`` to mix integers as numbers.

    batch_size : int, default=32
        Anchors per batch, ``batch_size >= 1``.

    {alpha}

    n_epochs : int or None, default=1
        Passes over the rows. ``None`` yields batches without end.

    shuffle : bool, default=True
        Visit the rows in a fresh random order every epoch; if False, in
        their order (the draws of partners and λ stay random).

    classes : array-like of shape (n_classes,), default=None
        Order of the one-hot columns for 1-D class labels; inferred from y
        (sorted) if None. Every label of y must be in ``classes``. Refused
        with a 2-D y, whose columns keep their order.

    lambda_per : {{"sample", "batch"}}, default="sample"
        ``"sample"`` draws a λ for every row; ``"batch"`` draws one λ shared
        by the whole batch (as in MosaicML Composer).

    targets : {{"soft", "stacked"}}, default="soft"
        ``"soft"`` yields ``(X_batch, Y_batch)`` with mixed targets.
        ``"stacked"`` yields ``(X_batch, (y_a, y_b, lam))``: the anchors' and
        the partners' targets as given in y (hard labels stay hard) and the
        λ of each row, for losses of the form
        ``lam * loss(y_a) + (1 - lam) * loss(y_b)``.

    {method}

        Here X must be a table (at most 2-D): swapping single pixels of an
        image is not CutMix's box. ``lam`` (and the soft Y) is the realised
        share of each row, also with ``lambda_per="batch"``, where the rows
        of a batch share the probability λ.

    {missing}

    transform : callable or None, default=None
        Applied to each mixed X batch, ``X_batch = transform(X_batch)``; for
        augmentations such as random erasing.

    {random_state}

    {prob}

    {switch_prob}

    {cutmix_alpha}

    {mixup_off_epoch}
    sample_weight : array-like of shape (n_rows,), default=None
        Finite, non-negative weight of each row (an array, a list, or a
        pandas or polars Series). When given, every batch ends with the
        weights of its rows, ``w_k = λ_k w_{{a_k}} + (1 − λ_k) w_{{p_k}}``
        with the row's λ (under CutMix, its realised share), for a loss
        weighted row by row.

    Returns
    -------
    batches : generator of tuple
        ``(X_batch, Y_batch)`` with ``X_batch`` of shape
        (batch, ...) like X (sparse stays sparse) and ``Y_batch`` of shape
        (batch, n_classes) for class labels, else of y's shape. Or
        ``(X_batch, (y_a, y_b, lam))`` with ``targets="stacked"``. Floating
        X keeps its dtype; one-hot rows take the dtype of the mixed X.
        With ``sample_weight``, a third item ``w_batch`` of shape (batch,),
        float64 (float32 for float32 weights):
        ``(X_batch, Y_batch, w_batch)``.

    See Also
    --------
    MixupClassifier : Soft-label mixup for any scikit-learn classifier that
        takes sample weights, with the same per-batch re-mixing.
    mixup : Mix a whole data set at once.

    Notes
    -----
    λ ~ Beta(α, α) is folded to max(λ, 1 − λ), as everywhere in this
    library: the anchor keeps the larger share. The partner being uniform
    and the pair symmetric, this changes no distribution of the mixed
    batches. Arguments are checked when the generator is created, not at
    the first batch, except the finiteness of a NumPy X: checking it up
    front would read a memmap in full before the first batch. Nothing here
    depends on a deep-learning framework.

    λ and partners are drawn, and rows blended, for a few MiB of batches at a
    time; each batch is a slice of that block. X is never copied as a
    whole: a :class:`numpy.memmap` larger than memory streams, only the rows
    of each block being read (see :ref:`larger_than_memory`).

    {loop_draw_order}

    With ``prob < 1`` or ``switch_prob > 0`` every batch draws its own plan
    (partners, λ, cells) rather than a block of batches at a time. Batches
    are float (X's floating dtype) whenever some batch may be blended,
    CutMix's batches included, so that every batch of a stream has one
    dtype; only a stream of CutMix alone keeps X's dtype.

    References
    ----------
    {mixup_reference}

    Examples
    --------
    A softmax regression trained by gradient descent on soft labels:

    >>> import numpy as np
    >>> from sklearn.datasets import load_iris
    >>> from mixup_sklearn import mixup_batches
    >>> X, y = load_iris(return_X_y=True)
    >>> X = (X - X.mean(axis=0)) / X.std(axis=0)
    >>> X = np.column_stack([X, np.ones(len(X))])  # the intercept
    >>> W = np.zeros((5, 3))
    >>> for X_batch, Y_batch in mixup_batches(X, y, batch_size=16, n_epochs=50,
    ...                                       random_state=0):
    ...     logits = X_batch @ W
    ...     P = np.exp(logits - logits.max(axis=1, keepdims=True))
    ...     P /= P.sum(axis=1, keepdims=True)
    ...     W -= 0.5 * X_batch.T @ (P - Y_batch) / len(X_batch)
    >>> Y_batch.shape
    (6, 3)
    >>> bool(np.mean((X @ W).argmax(axis=1) == y) > 0.9)
    True
    """
    methods = loop_methods(method, switch_prob)
    if "cutmix" in methods and np.ndim(X) > 2 and not sparse.issparse(X):
        switched = "" if method == "cutmix" else f" (switch_prob={switch_prob!r})"
        raise ValueError(
            f"method='cutmix'{switched} swaps the cells of a table, so X must be "
            f"1-D or 2-D; got X with {np.ndim(X)} dimensions. Use "
            "method='mixup' with switch_prob=0."
        )
    allow_nan = allows_missing(missing)
    X, item_shape = _check_rows(
        X, keep_dtype="mixup" not in methods, allow_nan=allow_nan
    )
    y = numeric_or_labels(y, name="y")
    if _is_labels(y, classes):
        y_given = np.asarray(y)
        codes, n_classes = _class_codes(y_given, classes)
    else:
        y_given = check_numeric(y, name="y", ensure_2d=False, allow_sparse=False)
        codes, n_classes = None, None
    check_n_rows(X, y_given)
    if sample_weight is not None:
        sample_weight = check_sample_weight(sample_weight, X.shape[0])
    return _generate(
        X,
        item_shape,
        y_given,
        codes,
        n_classes,
        batch_size=batch_size,
        alpha=alpha,
        n_epochs=n_epochs,
        shuffle=shuffle,
        lambda_per=lambda_per,
        stacked=targets == "stacked",
        method=method,
        missing=missing,
        transform=transform,
        random_state=check_random_state(random_state),
        prob=prob,
        switch_prob=switch_prob,
        cutmix_alpha=cutmix_alpha,
        mixup_off_epoch=mixup_off_epoch,
        weights=sample_weight,
    )


def _check_rows(X, keep_dtype=False, allow_nan=False):
    """Numeric X as an (n, -1) array or CSR matrix, and its item shape.

    An ndarray, np.memmap included, is checked without a copy and without a
    pass over its rows: dtype and shape on its first row here, finiteness by
    the batches as they read their rows (:func:`_first_non_finite`), so that
    the time to the first batch does not grow with a memmap. The batches
    gather their own rows and turn them into floats, so a memmap larger than
    memory streams. Other input is checked in full here. A sparse X becomes
    CSR, in float unless ``keep_dtype`` (CutMix, which never blends X).
    ``allow_nan`` lets NaN through (``missing`` other than ``"error"``).
    """
    if (
        isinstance(X, np.ndarray)
        and not np.ma.isMaskedArray(X)  # its mask is refused by check_numeric
        and X.dtype.kind in "biuf"
        and X.ndim >= 1
    ):
        check_numeric(
            X[:1], name="X", ensure_2d=False, allow_nd=True, allow_nan=allow_nan
        )
        return X.reshape(len(X), -1), X.shape[1:]
    X = check_numeric(
        X,
        name="X",
        ensure_2d=False,
        allow_nd=True,
        caller="mixup_batches",
        allow_nan=allow_nan,
    )
    if X.ndim == 0:
        raise ValueError("X must have one row per sample; got a scalar.")
    if sparse.issparse(X):
        dtype = X.dtype if keep_dtype else float_dtype(X.dtype)
        return X.tocsr().astype(dtype, copy=False), None
    return X.reshape(len(X), -1), X.shape[1:]


def _all_finite(values):
    # A finite sum means finite values; only values whose sum is not finite
    # (a NaN, an inf, or an overflow of the sum) are checked one by one.
    with np.errstate(over="ignore", invalid="ignore"):
        total = np.sum(values)
    return bool(np.isfinite(total)) or bool(np.isfinite(values).all())


def _first_non_finite(X, rows, X_chunk, swap, allow_nan=False):
    """The position in ``rows`` of the first row of a dense float ``X`` that
    holds a NaN or an infinity, and which of the two; None if there is none.

    ``X_chunk`` is what the chunk made of those rows. Every row of a chunk is
    an anchor in it (partners are other anchors of the batch), and a blend
    keeps at least half of its anchor, so a non-finite row always shows in
    the blended chunk: only then are the rows gathered again. CutMix may
    leave a cell out, so its rows are always checked. With ``allow_nan``
    (``missing`` other than ``"error"``) only infinity counts, and the rows
    are always checked: a missing partner may hide it in the blend.
    """
    if sparse.issparse(X) or X.dtype.kind != "f":
        return None
    if allow_nan:
        infinite = np.isinf(X[rows]).reshape(len(rows), -1).any(axis=1)
        if not infinite.any():
            return None
        return int(np.argmax(infinite)), "infinity"
    if not swap and _all_finite(X_chunk):
        return None
    values = X[rows]
    if _all_finite(values):
        # The blend overflowed finite rows; X itself is finite.
        return None
    bad = ~np.isfinite(values).all(axis=1)
    position = int(np.argmax(bad))
    kind = "NaN" if np.isnan(values[position]).any() else "infinity"
    return position, kind


def _is_labels(y, classes):
    """Whether ``y`` holds 1-D class labels, to be turned into one-hot rows.

    A 2-D y (one-hot, multi-label indicator, soft labels, several outputs)
    is mixed column by column as it is (:func:`~._plan.blended_targets`), in
    its own column order, which ``classes`` cannot reorder.
    """
    y = np.asarray(y)
    if y.ndim != 1:
        if classes is not None:
            raise ValueError(
                f"classes orders the one-hot columns of 1-D class labels; y "
                f"is 2-D (shape {y.shape}), a one-hot, multi-label or "
                "multi-output target mixed column by column in its own order. "
                "Leave classes=None."
            )
        return False
    return classes is not None or y.dtype.kind not in "fc"


def _class_codes(y, classes):
    """The column of each label in the one-hot code, and the number of columns."""
    if classes is None:
        try:
            # return_counts takes NumPy 2's hash path: ten times faster on
            # numeric labels than the sort of np.unique alone, same result.
            classes = np.unique(y, return_counts=True)[0]
        except TypeError as exc:
            raise TypeError(
                f"y mixes label types that cannot be sorted ({exc}); pass "
                "classes to give their order."
            ) from None
    classes = np.asarray(classes)
    if classes.size == 0:
        raise ValueError(
            f"classes must list the labels of y, at least one; got "
            f"{classes.tolist()!r}. Use classes=None to take them from y."
        )
    if classes.ndim != 1 or len(np.unique(classes)) != len(classes):
        raise ValueError(
            f"classes must be a 1-D list of distinct labels; got {classes.tolist()!r}."
        )
    order = np.argsort(classes, kind="stable")
    ordered = classes[order]
    # The smallest integer dtype, filled a chunk at a time: the codes of a
    # memmap's labels cost one or two bytes per row, not a copy of y in intp.
    codes = np.empty(len(y), dtype=np.min_scalar_type(max(0, len(classes) - 1)))
    chunk = max(1, _CHUNK_BYTES // 8)
    for start in range(0, len(y), chunk):
        labels = y[start : start + chunk]
        positions = np.searchsorted(ordered, labels).clip(0, len(classes) - 1)
        known = ordered[positions] == labels
        if not known.all():
            raise ValueError(
                f"y contains labels missing from classes: "
                f"{np.unique(labels[~known]).tolist()!r}; "
                f"classes={classes.tolist()!r}."
            )
        codes[start : start + chunk] = order[positions]
    return codes, len(classes)


def _chunk_rows(X, batch_size):
    """Anchors drawn and blended per kernel call: whole batches, ~_CHUNK_BYTES."""
    row_bytes = max(1, X.shape[1]) * float_dtype(X.dtype).itemsize
    if sparse.issparse(X):
        row_bytes = max(1.0, X.nnz / max(1, X.shape[0])) * (row_bytes // X.shape[1] + 4)
    batches = max(1, int(_CHUNK_BYTES // (row_bytes * batch_size)))
    return batches * batch_size


def _generate(
    X,
    item_shape,
    y_given,
    codes,
    n_classes,
    *,
    batch_size,
    alpha,
    n_epochs,
    shuffle,
    lambda_per,
    stacked,
    transform,
    random_state,
    method="mixup",
    prob=1.0,
    switch_prob=0.0,
    cutmix_alpha=None,
    mixup_off_epoch=None,
    weights=None,
    missing="error",
):
    """The batches: each epoch's anchors (shuffled, or in order) cut into
    chunks of whole batches, whose plan is drawn with partners inside each
    batch (:func:`~mixup_sklearn._pairing.batch_partners`) and applied to
    the chunk at once. A chunk is one batch when the batches of a chunk
    could differ in whether or how they are mixed (:func:`~._plan.batch_mix`)."""
    n_rows = X.shape[0]
    blends = "mixup" in loop_methods(method, switch_prob)
    per_batch = prob < 1 or switch_prob > 0
    chunk_rows = batch_size if per_batch else _chunk_rows(X, batch_size)
    n_columns = X.shape[1] if X.ndim == 2 else 1
    epochs = itertools.count() if n_epochs is None else range(n_epochs)
    for epoch in epochs:
        order = random_state.permutation(n_rows) if shuffle else np.arange(n_rows)
        for chunk_start in range(0, n_rows, chunk_rows):
            anchors = order[chunk_start : chunk_start + chunk_rows]
            chosen = batch_mix(
                random_state,
                epoch=epoch,
                method=method,
                alpha=alpha,
                prob=prob,
                switch_prob=switch_prob,
                cutmix_alpha=cutmix_alpha,
                mixup_off_epoch=mixup_off_epoch,
            )
            if chosen is None:
                plan = copy_plan(
                    anchors,
                    n_rows,
                    method="mixup" if blends else "cutmix",
                    n_columns=n_columns,
                )
            else:
                plan = draw_plan(
                    random_state,
                    n_rows=n_rows,
                    alpha=chosen[1],
                    anchors=anchors,
                    method=chosen[0],
                    pairing="batch",
                    batch_size=batch_size,
                    lambda_per=lambda_per,
                    n_columns=n_columns,
                )
            anchors = plan.anchors
            # A NaN or infinity in X is reported by name below, at its batch,
            # not as NumPy's warning about inf − inf.
            with np.errstate(invalid="ignore"):
                X_chunk = apply_plan(plan, X, missing=missing)
            if blends and plan.swaps:
                # A switched CutMix batch in a stream that blends: one dtype
                # for every batch.
                X_chunk = X_chunk.astype(float_dtype(X.dtype), copy=False)
            non_finite = _first_non_finite(
                X, anchors, X_chunk, plan.swaps, allow_nan=allows_missing(missing)
            )
            if stacked:
                targets = stacked_targets(y_given, plan)
            elif codes is not None:
                # Two rows of the identity blended: no one-hot array of y.
                targets = soft_labels(
                    codes, n_classes, plan, dtype=float_dtype(X.dtype)
                )
            else:
                targets = blended_targets(y_given.reshape(n_rows, -1), plan).reshape(
                    (len(plan), *y_given.shape[1:])
                )
            chunk_weights = None if weights is None else blended_weights(weights, plan)
            for start in range(0, len(anchors), batch_size):
                if non_finite is not None and (
                    non_finite[0] // batch_size == start // batch_size
                ):
                    position, kind = non_finite
                    raise ValueError(
                        f"X must be numeric and finite: X contains {kind} in "
                        f"row {int(anchors[position])}, which batch "
                        f"{(chunk_start + start) // batch_size} of epoch {epoch} "
                        "reads (both counted from 0). Drop or impute that row."
                    )
                batch = slice(start, start + batch_size)
                X_batch = X_chunk[batch]
                if item_shape is not None:
                    X_batch = X_batch.reshape((len(X_batch), *item_shape))
                if transform is not None:
                    size = X_batch.shape[0]
                    X_batch = transform(X_batch)
                    if _num_samples(X_batch) != size:
                        raise ValueError(
                            f"transform returned {_num_samples(X_batch)} rows "
                            f"for a batch of {size}; it must keep one row per "
                            "anchor, or X and Y batches no longer match."
                        )
                Y_batch = (
                    tuple(part[batch] for part in targets)
                    if stacked
                    else targets[batch]
                )
                if chunk_weights is None:
                    yield X_batch, Y_batch
                else:
                    yield X_batch, Y_batch, chunk_weights[batch]
