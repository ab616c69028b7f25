"""Shared parameter constraints, input checks and container round-trips."""

import re
from numbers import Integral, Real
from typing import Any, TypeAlias

import numpy as np
from scipy import sparse
from sklearn.utils._param_validation import Interval
from sklearn.utils.validation import check_array

# Type hints of the public signatures.
ArrayLike: TypeAlias = Any  # ndarray, list, DataFrame or Series
SparseMatrix: TypeAlias = Any  # scipy.sparse matrix or array
RandomStateLike: TypeAlias = "int | np.random.RandomState | None"

# Parameters shared by every entry point, declared once.
MIXUP_CONSTRAINTS = {
    "alpha": [Interval(Real, 0, np.inf, closed="left")],
    "n_samples": [
        None,
        Interval(Integral, 1, None, closed="left"),
        Interval(Real, 0, np.inf, closed="neither"),
    ],
    "concat": ["boolean"],
    "random_state": ["random_state"],
}


def n_synthetic_rows(n_samples, n_rows):
    """Number of synthetic rows that ``n_samples`` asks for, given ``n_rows``."""
    if n_samples is None:
        return n_rows
    if isinstance(n_samples, Integral):
        return int(n_samples)
    count = round(n_samples * n_rows)
    if count < 1:
        raise ValueError(
            f"n_samples={n_samples!r} asks for {n_samples} × {n_rows} rows, "
            "which rounds to 0; pass a larger multiple or an int >= 1."
        )
    return count


def check_numeric(array, *, name, ensure_2d=True, allow_sparse=True, dtype="numeric"):
    """Validate a numeric, finite array; the error names the parameter.

    1-D input is returned as it is when ``ensure_2d`` is False. Complex,
    non-numeric, non-finite, empty and more than 2-D inputs are refused.
    """
    if sparse.issparse(array) and not allow_sparse:
        raise TypeError(f"{name} must be dense; got a sparse matrix.")
    if not sparse.issparse(array) and np.ndim(array) > 2:
        raise ValueError(
            f"{name} must be 1-D or 2-D; got an array with {np.ndim(array)} dimensions."
        )
    try:
        return check_array(
            array,
            accept_sparse=["csr", "csc", "coo", "lil", "dok", "bsr", "dia"]
            if allow_sparse
            else False,
            dtype=dtype,
            ensure_all_finite=True,
            ensure_2d=ensure_2d,
            input_name=name,
        )
    except (ValueError, TypeError) as exc:
        message = str(exc)
        # A word match: "y" occurs in almost any message ("bytes", ...).
        if not re.search(rf"\b{re.escape(name)}\b", message):
            message = f"{name} must be numeric and finite: {message}"
        raise type(exc)(message) from None


def _is_integer_dtype(dtype):
    """True for NumPy and pandas integer or boolean dtypes (sparse included)."""
    dtype = getattr(dtype, "subtype", dtype)
    return getattr(dtype, "kind", "O") in ("b", "i", "u")


class ContainerRoundTrip:
    """Remember the containers of X and y, and put results back into them.

    Like imbalanced-learn's ``ArraysTransformer``, but an integer or boolean
    column (or target) whose values were interpolated comes back as float64
    instead of being silently truncated to its original dtype.
    """

    def __init__(self, X, y=None):
        self.x_props = self._props(X)
        self.y_props = None if y is None else self._props(y)

    @staticmethod
    def _props(array):
        return {
            "type": type(array).__name__.lower(),
            "columns": getattr(array, "columns", None),
            "name": getattr(array, "name", None),
            "dtypes": getattr(array, "dtypes", None),
            "dtype": getattr(array, "dtype", None),
            "ndim": np.ndim(array) if not sparse.issparse(array) else 2,
        }

    def restore(self, X, y=None, *, interpolated_x=True, interpolated_y=False):
        """Return ``X`` (and ``y``) in the containers seen at construction.

        ``interpolated_x`` / ``interpolated_y`` tell whether values were
        blended; only then do integer columns turn into float64.
        """
        X = self._restore_one(X, self.x_props, interpolated_x)
        if y is None:
            return X
        y = self._restore_one(y, self.y_props, interpolated_y)
        if self.x_props["type"] == "dataframe" and self.y_props["type"] in {
            "series",
            "dataframe",
        }:
            y.index = X.index
        return X, y

    @staticmethod
    def _restore_one(array, props, interpolated):
        kind = props["type"]
        if props["ndim"] == 1 and getattr(array, "ndim", 1) == 2:
            array = array.ravel() if not sparse.issparse(array) else array
        if kind == "list":
            return array.tolist()
        if kind == "dataframe":
            import pandas as pd

            if sparse.issparse(array):
                frame = pd.DataFrame.sparse.from_spmatrix(
                    array, columns=props["columns"]
                )
            else:
                frame = pd.DataFrame(
                    array.reshape(len(array), -1), columns=props["columns"]
                )
            dtypes = props["dtypes"]
            if interpolated:
                dtypes = {
                    column: dtype
                    for column, dtype in dtypes.items()
                    if not _is_integer_dtype(dtype)
                }
            return frame.astype(dtypes)
        if kind == "series":
            import pandas as pd

            dtype = props["dtype"]
            if interpolated and _is_integer_dtype(dtype):
                dtype = None
            return pd.Series(np.asarray(array).ravel(), dtype=dtype, name=props["name"])
        return array
