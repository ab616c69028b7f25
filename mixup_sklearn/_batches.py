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

from ._docstrings import SHARED_DOCS, alpha_doc
from ._mixing import blend, draw_lambdas, float_dtype
from ._pairing import uniform_partners
from ._validation import (
    MIXUP_CONSTRAINTS,
    ArrayLike,
    RandomStateLike,
    SparseMatrix,
    check_n_rows,
    check_numeric,
    numeric_or_labels,
)


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
        "transform": [None, callable],
        "random_state": MIXUP_CONSTRAINTS["random_state"],
    },
    prefer_skip_nested_validation=True,
)
@Substitution(
    alpha=alpha_doc("0.2"),
    random_state=SHARED_DOCS["random_state"],
    mixup_reference=SHARED_DOCS["mixup_reference"],
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
    transform: Callable[[Any], Any] | None = None,
    random_state: RandomStateLike = None,
) -> Iterator[tuple[Any, Any]]:
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

    y : array-like of shape (n_rows,) or (n_rows, n_outputs)
        A 1-D y of integer, boolean, string or object dtype holds class
        labels, which become soft one-hot rows. A 1-D y of float dtype is a
        continuous target, and a 2-D y (one-hot, soft labels, multi-output)
        is a table of numbers: both are mixed as they are. The dtype decides,
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
        (sorted) if None. Every label of y must be in ``classes``.

    lambda_per : {{"sample", "batch"}}, default="sample"
        ``"sample"`` draws a λ for every row; ``"batch"`` draws one λ shared
        by the whole batch (as in MosaicML Composer).

    targets : {{"soft", "stacked"}}, default="soft"
        ``"soft"`` yields ``(X_batch, Y_batch)`` with mixed targets.
        ``"stacked"`` yields ``(X_batch, (y_a, y_b, lam))``: the anchors' and
        the partners' targets as given in y (hard labels stay hard) and the
        λ of each row, for losses of the form
        ``lam * loss(y_a) + (1 - lam) * loss(y_b)``.

    transform : callable or None, default=None
        Applied to each mixed X batch, ``X_batch = transform(X_batch)``; for
        augmentations such as random erasing.

    {random_state}

    Returns
    -------
    batches : generator of tuple
        ``(X_batch, Y_batch)`` with ``X_batch`` of shape
        (batch, ...) like X (sparse stays sparse) and ``Y_batch`` of shape
        (batch, n_classes) for class labels, else of y's shape. Or
        ``(X_batch, (y_a, y_b, lam))`` with ``targets="stacked"``. Floating
        X keeps its dtype; one-hot rows take the dtype of the mixed X.

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
    the first batch. Nothing here depends on a deep-learning framework.

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
    X, item_shape = _check_rows(X)
    y = numeric_or_labels(y, name="y")
    y_given = y
    labels = _is_labels(y, classes)
    if labels:
        y_given = np.asarray(y)
        Y = _one_hot(y_given, classes, dtype=X.dtype)
    else:
        Y = check_numeric(y, name="y", ensure_2d=False, allow_sparse=False)
        y_given = Y
    check_n_rows(X, Y)
    return _generate(
        X,
        item_shape,
        Y,
        y_given,
        batch_size=batch_size,
        alpha=alpha,
        n_epochs=n_epochs,
        shuffle=shuffle,
        lambda_per=lambda_per,
        stacked=targets == "stacked",
        transform=transform,
        random_state=check_random_state(random_state),
    )


def _check_rows(X):
    """Numeric, finite X as a float (n, -1) array or CSR matrix, and its item shape."""
    X = check_numeric(X, name="X", ensure_2d=False, allow_nd=True)
    if X.ndim == 0:
        raise ValueError("X must have one row per sample; got a scalar.")
    dtype = float_dtype(X.dtype)
    if sparse.issparse(X):
        return X.tocsr().astype(dtype, copy=False), None
    # A view when X is contiguous: the batches are blended from it, never
    # written to it.
    return X.astype(dtype, copy=False).reshape(len(X), -1), X.shape[1:]


def _is_labels(y, classes):
    y = np.asarray(y)
    if y.ndim != 1:
        return False
    return classes is not None or y.dtype.kind not in "fc"


def _one_hot(y, classes, *, dtype):
    if classes is None:
        try:
            classes = np.unique(y)
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
    positions = np.searchsorted(classes[order], y).clip(0, len(classes) - 1)
    known = classes[order][positions] == y
    if not known.all():
        raise ValueError(
            f"y contains labels missing from classes: "
            f"{np.unique(y[~known]).tolist()!r}; classes={classes.tolist()!r}."
        )
    Y = np.zeros((len(y), len(classes)), dtype=dtype)
    Y[np.arange(len(y)), order[positions]] = 1
    return Y


def _generate(
    X,
    item_shape,
    Y,
    y_given,
    *,
    batch_size,
    alpha,
    n_epochs,
    shuffle,
    lambda_per,
    stacked,
    transform,
    random_state,
):
    n_rows = X.shape[0]
    epochs = itertools.count() if n_epochs is None else range(n_epochs)
    for _ in epochs:
        order = random_state.permutation(n_rows) if shuffle else np.arange(n_rows)
        for start in range(0, n_rows, batch_size):
            anchors = order[start : start + batch_size]
            size = len(anchors)
            if lambda_per == "batch":
                lambdas = np.repeat(draw_lambdas(alpha, 1, random_state), size)
            else:
                lambdas = draw_lambdas(alpha, size, random_state)
            # Partners come from the same batch, as in the paper.
            partners = anchors[
                uniform_partners(np.arange(size), random_state, n_rows=size)
            ]
            X_batch = blend(X, anchors, partners, lambdas)
            if item_shape is not None:
                X_batch = X_batch.reshape((size, *item_shape))
            if transform is not None:
                X_batch = transform(X_batch)
                if _num_samples(X_batch) != size:
                    raise ValueError(
                        f"transform returned {_num_samples(X_batch)} rows for a "
                        f"batch of {size}; it must keep one row per anchor, or "
                        "X and Y batches no longer match."
                    )
            if stacked:
                yield X_batch, (y_given[anchors], y_given[partners], lambdas)
            else:
                Y_batch = blend(Y.reshape(n_rows, -1), anchors, partners, lambdas)
                yield X_batch, Y_batch.reshape((size, *Y.shape[1:]))
