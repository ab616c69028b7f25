"""The functional API: :func:`mixup`."""

from typing import Any

import numpy as np
from imblearn.utils import Substitution
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import validate_params

from ._dependencies import is_dask_collection
from ._docstrings import SHARED_DOCS
from ._plan import (
    apply_plan,
    blended_targets,
    blended_weights,
    cell_rows,
    draw_plan,
    interpolates,
    swaps_cells,
)
from ._tables import TabularInput, _is_frame, check_frame_cells, copied_rows, take_cells
from ._validation import (
    DASK_SAMPLE_WEIGHT,
    MIXUP_CONSTRAINTS,
    ArrayLike,
    RandomStateLike,
    SparseMatrix,
    allows_missing,
    check_n_rows,
    check_numeric,
    check_output_size,
    check_sample_weight,
    n_synthetic_rows,
)


@validate_params(
    {
        "X": ["array-like", "sparse matrix"],
        "y": ["array-like", None],
        "sample_weight": ["array-like", None],
    }
    | MIXUP_CONSTRAINTS,
    prefer_skip_nested_validation=True,
)
@Substitution(**SHARED_DOCS)
def mixup(
    X: ArrayLike | SparseMatrix,
    y: ArrayLike | None = None,
    *,
    alpha: float = 0.4,
    n_samples: int | float | None = None,
    concat: bool = False,
    method: str = "mixup",
    missing: str = "error",
    random_state: RandomStateLike = None,
    sample_weight: ArrayLike | None = None,
) -> Any:
    """Mix rows of ``X`` (and ``y``) into synthetic rows.

    Each synthetic row k blends an anchor row a_k with a partner row p_k
    drawn at random among the other rows, with one weight λ_k shared by the
    features and the target:

    .. math::

        x'_k = \\lambda_k x_{{a_k}} + (1 - \\lambda_k) x_{{p_k}}, \\qquad
        y'_k = \\lambda_k y_{{a_k}} + (1 - \\lambda_k) y_{{p_k}},

    where λ ~ Beta(α, α) is folded to max(λ, 1 − λ) so that the anchor keeps
    the larger share, and the anchors cycle through the rows in order
    (a_k = k mod n). This is the R package ``mixup``'s function, generalised
    to multi-class, soft and multi-output targets and to sparse matrices.
    ``y`` is mixed literally: 0/1 labels become soft values in [0, 1].

    With ``method="cutmix"`` the row swaps cells instead: round((1 − λ_k)·c)
    of its c cells, drawn at random, are the partner's and the others the
    anchor's, and y is mixed with the share of anchor cells in place of λ_k.

    Read more in the :ref:`User Guide <mixup_function>`.

    Parameters
    ----------
    X : {{array-like, sparse matrix}} of shape (n_rows, n_features) or (n_rows,)
        Numeric, finite rows to mix: an array, a DataFrame, a list or a scipy
        sparse matrix; missing values as ``missing`` says. With
        ``method="cutmix"``, a DataFrame's columns may be of any dtype.

    y : array-like of shape (n_rows,) or (n_rows, n_outputs), default=None
        Numeric, finite target mixed with the same λ as its row: 0/1 labels,
        one-hot or soft labels, a multi-label indicator (one 0/1 column per
        label, any number of ones in a row), or regression targets. A
        multi-label y gives soft targets, λ·y_a + (1 − λ)·y_p per column,
        in [0, 1] (under CutMix, with the anchor's share of the cells).

    {alpha}

    {n_samples}

    {concat}

    {method}

    {missing}

    {random_state}

    sample_weight : array-like of shape (n_rows,), default=None
        Finite, non-negative weight of each row (an array, a list, or a
        pandas or polars Series). When given, the weights of the mixed rows
        are returned last: a synthetic row weighs
        w'_k = λ_k w_{{a_k}} + (1 − λ_k) w_{{p_k}}, with the same λ_k as its
        values (under CutMix, the share of cells that are the anchor's), and
        with ``concat=True`` the original rows keep their weights. Not
        supported for Dask collections.

    Returns
    -------
    X_new : {{ndarray, DataFrame, sparse matrix}}
        The synthetic rows, in the container of ``X`` (a DataFrame keeps its
        columns, a sparse matrix its format, 1-D input stays 1-D). Integer
        input gives float output once interpolated (with ``alpha=0`` it keeps
        its dtype); float32 stays float32. With ``method="cutmix"`` every
        dtype is kept.

    y_new : {{ndarray, Series, DataFrame}}
        The mixed target, in the container of ``y``. Only returned when ``y``
        is given.

    w_new : ndarray of shape (n_new,)
        The weights of the returned rows, float64 (float32 for float32
        weights). Only returned when ``sample_weight`` is given, always
        last: ``X_new, y_new, w_new``, or ``X_new, w_new`` without ``y``.

    See Also
    --------
    MixupSampler : The same mixing as a step of an imbalanced-learn pipeline,
        with label preservation for classification.

    Examples
    --------
    >>> import numpy as np
    >>> from mixup_sklearn import mixup
    >>> X = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 4.0]])
    >>> y = np.array([0.0, 1.0, 1.0])
    >>> X_new, y_new = mixup(X, y, alpha=0.4, random_state=0)
    >>> X_new.shape, y_new.shape
    ((3, 2), (3,))
    >>> bool(((0 <= y_new) & (y_new <= 1)).all())
    True
    >>> X_all = mixup(X, concat=True, random_state=0)
    >>> X_all.shape
    (6, 2)

    With sample weights, for a model's ``fit(X, y, sample_weight=...)``:

    >>> w = np.array([1.0, 1.0, 4.0])
    >>> X_new, y_new, w_new = mixup(X, y, sample_weight=w, random_state=0)
    >>> bool(((1 <= w_new) & (w_new <= 4)).all())
    True
    """
    options = {
        "alpha": alpha,
        "n_samples": n_samples,
        "concat": concat,
        "method": method,
        "missing": missing,
        "random_state": random_state,
    }
    if is_dask_collection(X) or is_dask_collection(y):
        if sample_weight is not None:
            raise TypeError(DASK_SAMPLE_WEIGHT.format(caller="mixup()"))
        from ._dask import mixup as dask_mixup

        return dask_mixup(X, y, **options, in_memory=mix_in_memory)
    return mix_in_memory(X, y, **options, sample_weight=sample_weight)


def mix_in_memory(
    X,
    y,
    *,
    alpha,
    n_samples,
    concat,
    method,
    random_state,
    sample_weight=None,
    missing="error",
):
    """:func:`mixup` on in-memory input, its parameters already validated;
    each block of the Dask path calls it (``n_samples`` may then be 0)."""
    swap = swaps_cells(method)
    allow_nan = allows_missing(missing)
    table = TabularInput(X, y, None, swap=swap, caller="mixup", allow_nan=allow_nan)
    frame = swap and _is_frame(table.numeric)
    if frame:
        # CutMix swaps the DataFrame's own columns, of any dtype.
        check_frame_cells(table.numeric, name="X", allow_nan=allow_nan)
        X = table.numeric
    else:
        X = check_numeric(table.numeric, name="X", ensure_2d=False, allow_nan=allow_nan)
    n_rows = X.shape[0]
    if y is not None:
        y = check_numeric(y, name="y", ensure_2d=False, allow_sparse=False)
        check_n_rows(X, y)
    if sample_weight is not None:
        sample_weight = check_sample_weight(sample_weight, n_rows)
    n_synthetic = n_synthetic_rows(n_samples, n_rows)
    check_output_size(
        n_synthetic + (n_rows if concat else 0),
        X,
        parameter=f"n_samples={n_samples!r}",
    )
    plan = draw_plan(
        check_random_state(random_state),
        n_rows=n_rows,
        alpha=alpha,
        n_synthetic=n_synthetic,
        method=method,
        n_columns=X.shape[1] if len(X.shape) == 2 else 1,
    )
    if frame:
        X_new = take_cells(X, cell_rows(plan, n_rows, concat=concat))
    else:
        X_new = apply_plan(plan, X, concat=concat, missing=missing)
    y_new = None if y is None else blended_targets(y, plan, concat=concat)
    restored = table.restore(
        X_new,
        y_new,
        interpolated_x=interpolates(alpha, method),
        interpolated_y=interpolates(alpha, method, target=True),
        copies=copied_rows(
            plan.pairs, plan.lambdas, np.arange(n_rows) if concat else None
        ),
    )
    if sample_weight is None:
        return restored
    w_new = blended_weights(sample_weight, plan, concat=concat)
    if y is None:
        return restored, w_new
    return (*restored, w_new)
