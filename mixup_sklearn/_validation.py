"""Shared parameter constraints, input checks and container round-trips."""

import re
from numbers import Integral, Real
from typing import Any, TypeAlias

import numpy as np
from scipy import sparse
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import _num_samples, check_array

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
    "method": [StrOptions({"mixup", "cutmix"})],
    "random_state": ["random_state"],
}


def check_method(method, **others):
    """Refuse the parameters that have no meaning with ``method="cutmix"``.

    ``others`` maps a parameter's name to its value and to the values that do
    not combine with CutMix.
    """
    if method != "cutmix":
        return
    for name, (value, refused) in others.items():
        if value in refused:
            raise ValueError(
                f"{name}={value!r} cannot be combined with method='cutmix': "
                f"{refused[value]}"
            )


def check_frame_cells(frame, *, name):
    """Refuse an empty DataFrame or one with missing values, naming the
    columns: CutMix takes its cells as they are, of any dtype."""
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        raise ValueError(
            f"{name} must have at least one row and one column; got shape "
            f"{frame.shape}."
        )
    missing = [column for column, gap in frame.isna().any().items() if gap]
    if missing:
        raise ValueError(
            f"{name} has missing values in columns {missing}; fill or drop them."
        )


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


def check_n_rows(X, y):
    """Refuse an ``X`` and a ``y`` with different numbers of rows, by name."""
    n_x, n_y = _num_samples(X), _num_samples(y)
    if n_x != n_y:
        raise ValueError(
            "X and y must have the same number of rows; got X with "
            f"{n_x} rows and y with {n_y}."
        )


def check_mix_classes(mix_classes, labels):
    """The labels to mix, checked against ``labels`` (those of y).

    Returns None (mix every class) or a 1-D array of labels. The same rule for
    every entry point that takes ``mix_classes``: a list of labels of y, at
    least one.
    """
    if mix_classes is None:
        return None
    chosen = np.asarray(mix_classes)
    if chosen.ndim != 1:
        raise ValueError(
            f"mix_classes must be 1-D, a list of labels; got {mix_classes!r}."
        )
    if chosen.size == 0:
        # Nothing would be mixed: the output would equal the input.
        raise ValueError(
            "mix_classes must list at least one label of y; got "
            f"{mix_classes!r}. Use mix_classes=None to mix every class."
        )
    unknown = chosen[~np.isin(chosen, labels)]
    if unknown.size:
        raise ValueError(
            f"mix_classes names labels not in y: {unknown.tolist()}. y has "
            f"the labels {np.asarray(labels).tolist()}."
        )
    return chosen


def non_numeric_error(name, columns, *, frame, detail=None):
    """The error for columns that cannot be interpolated, naming them and the
    parameter that takes them from the anchor row instead."""
    suggestion = "'auto'" if frame else f"{columns}"
    message = (
        f"{name} has non-numeric columns {columns}, which cannot be "
        f"interpolated. Pass categorical_features={suggestion} to "
        "MixupSampler so that synthetic rows take these columns from their "
        "anchor row, or encode them as numbers."
    )
    return ValueError(message if detail is None else f"{message} ({detail})")


def category_columns(data):
    """Names of the pandas ``category`` columns of a DataFrame (``[name]`` for
    a category Series); empty for anything else.

    Such columns must not be interpolated: a mixed value is not among the
    categories, and casting it back to the column's dtype gives NaN.
    """
    if _is_frame(data):
        dtypes = data.dtypes.items()
    elif hasattr(data, "dtype"):
        dtypes = [(getattr(data, "name", None), data.dtype)]
    else:
        return []
    return [
        column for column, dtype in dtypes if type(dtype).__name__ == "CategoricalDtype"
    ]


def check_numeric(
    array,
    *,
    name,
    ensure_2d=True,
    allow_sparse=True,
    allow_nd=False,
    dtype="numeric",
):
    """Validate a numeric, finite array; the error names the parameter.

    1-D input is returned as it is when ``ensure_2d`` is False. Complex,
    non-numeric, non-finite and empty inputs are refused, and so are pandas
    category columns; more than 2-D input too, unless ``allow_nd``.
    """
    categories = category_columns(array)
    if categories:
        if _is_frame(array):
            raise non_numeric_error(name, categories, frame=True)
        raise ValueError(
            f"{name} has a category dtype, which cannot be interpolated: a "
            "mixed value is not one of the categories. Encode it as numbers."
        )
    if sparse.issparse(array) and not allow_sparse:
        raise TypeError(f"{name} must be dense; got a sparse matrix.")
    if not allow_nd and not sparse.issparse(array) and np.ndim(array) > 2:
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
            allow_nd=allow_nd,
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


def _round_to(values, dtype):
    """Round to the nearest integer (halves to even) and cast to ``dtype``,
    a NumPy or a pandas (nullable) integer or boolean dtype. A sparse
    matrix stays sparse in its format."""
    if sparse.issparse(values):
        rounded = values.copy()
        rounded.data = np.rint(rounded.data)
        rounded.eliminate_zeros()  # values that round to 0
        return rounded.astype(dtype)
    rounded = np.rint(np.asarray(values, dtype=np.float64))
    if isinstance(dtype, np.dtype):
        return rounded.astype(dtype)
    import pandas as pd

    return pd.array(rounded).astype(dtype)


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
            # Not getattr: a DataFrame column may be called "format".
            "format": array.format if sparse.issparse(array) else None,
        }

    def restore(
        self,
        X,
        y=None,
        *,
        interpolated_x=True,
        interpolated_y=False,
        round_integers=False,
    ):
        """Return ``X`` (and ``y``) in the containers seen at construction.

        ``interpolated_x`` / ``interpolated_y`` tell whether values were
        blended; only then do integer columns turn into float64. With
        ``round_integers``, integer columns of ``X`` (or an integer array
        ``X``) are rounded to the nearest integer and keep their dtype.
        """
        X = self._restore_one(X, self.x_props, interpolated_x, round_integers)
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
    def _restore_one(array, props, interpolated, round_integers=False):
        kind = props["type"]
        if kind == "dataframe" and _is_frame(array):
            # CutMix swapped the columns of the DataFrame itself, dtypes kept.
            return array
        dtype = props["dtype"]
        if (
            not interpolated
            and isinstance(dtype, np.dtype)
            and _is_integer_dtype(dtype)
            and array.dtype != dtype
        ):
            # Every row is a copy (alpha=0): the values are exact integers,
            # so the input's dtype comes back, as it does for DataFrames.
            array = array.astype(dtype)
        if (
            round_integers
            and kind not in ("dataframe", "series")
            and _is_integer_dtype(props["dtype"])
        ):
            array = _round_to(array, props["dtype"])
        if sparse.issparse(array) and props["format"] not in (None, array.format):
            # Validation may have converted the matrix (the sampler accepts
            # CSR and CSC only): give it back in the format it came in.
            array = array.asformat(props["format"])
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
            if interpolated and round_integers and not sparse.issparse(array):
                for position, dtype in enumerate(dtypes):
                    if _is_integer_dtype(dtype):
                        frame.isetitem(
                            position, _round_to(frame.iloc[:, position], dtype)
                        )
            elif interpolated:
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


def _auto_categorical(column_dtype):
    """Whether a pandas column dtype is categorical for ``"auto"``."""
    import pandas as pd

    return (
        isinstance(column_dtype, pd.CategoricalDtype)
        or pd.api.types.is_object_dtype(column_dtype)
        or pd.api.types.is_string_dtype(column_dtype)
        or pd.api.types.is_bool_dtype(column_dtype)
    )


def _is_frame(X):
    return hasattr(X, "columns") and hasattr(X, "iloc")


def non_numeric_columns(X):
    """Columns that cannot be interpolated: names of a DataFrame's columns
    that ``"auto"`` calls categorical (bool excepted, it converts to numbers),
    or indices of the columns of an object array or a list holding strings.
    Empty for other containers. Used for error messages only."""
    if _is_frame(X):
        import pandas as pd

        return [
            column
            for column, dtype in X.dtypes.items()
            if _auto_categorical(dtype) and not pd.api.types.is_bool_dtype(dtype)
        ]
    if sparse.issparse(X):
        return []
    try:
        array = np.asarray(X, dtype=object)
    except ValueError:
        return []
    if array.ndim != 2:
        return []
    return [
        position
        for position, column in enumerate(array.T)
        if any(isinstance(value, str) for value in column)
    ]


class CategoricalColumns:
    """Set the categorical columns of ``X`` aside, and put them back.

    The numeric columns go through validation and the mixing kernel; each
    synthetic row takes the categorical values of its anchor. Output columns
    come back in their original order; DataFrame columns keep their dtypes
    (categories included).

    Parameters
    ----------
    X : DataFrame, ndarray or list of shape (n_rows, n_features)
        Dense input. Sparse matrices are refused.
    categorical_features : "auto" or array-like
        ``"auto"``: pandas category, object, string and bool columns of a
        DataFrame (no column of an array). Otherwise column indices, column
        names or a boolean mask.
    """

    def __init__(self, X, categorical_features):
        if sparse.issparse(X) and isinstance(categorical_features, str):
            # "auto" finds no categorical column in a (numeric) sparse matrix.
            self.mask = np.zeros(X.shape[1], dtype=bool)
            return
        if sparse.issparse(X):
            raise TypeError(
                "categorical_features needs a dense X (an array or a "
                "DataFrame); got a sparse matrix. Pass categorical_features="
                "None to mix every column of a sparse matrix."
            )
        self.kind = type(X).__name__.lower()
        if _is_frame(X):
            self.frame = X
            self.columns = X.columns
            n_features = X.shape[1]
        else:
            array = np.asarray(X, dtype=object if self.kind == "list" else None)
            if array.ndim != 2:
                raise ValueError(
                    "categorical_features needs a 2-D X; got an array with "
                    f"{array.ndim} dimensions."
                )
            self.frame = None
            self.array = array
            n_features = array.shape[1]
        self.mask = self._mask(categorical_features, n_features)
        if self.mask.size and self.mask.all():
            raise ValueError(
                "categorical_features selects every column of X, which leaves "
                "nothing to mix; keep at least one numeric column."
            )

    def _mask(self, categorical_features, n_features):
        if isinstance(categorical_features, str):  # "auto"
            if self.frame is not None:
                return np.array([_auto_categorical(d) for d in self.frame.dtypes])
            return np.zeros(n_features, dtype=bool)
        selection = np.asarray(categorical_features)
        if selection.ndim != 1:
            raise ValueError(
                "categorical_features must be 1-D: column indices, column "
                f"names or a boolean mask; got shape {selection.shape}."
            )
        mask = np.zeros(n_features, dtype=bool)
        if selection.size == 0:
            return mask
        if selection.dtype == bool:
            if len(selection) != n_features:
                raise ValueError(
                    "categorical_features is a boolean mask of length "
                    f"{len(selection)}, but X has {n_features} columns."
                )
            return selection.copy()
        if np.issubdtype(selection.dtype, np.integer):
            outside = selection[(selection < -n_features) | (selection >= n_features)]
            if outside.size:
                raise ValueError(
                    f"categorical_features has column indices {outside.tolist()} "
                    f"out of range for X with {n_features} columns."
                )
            mask[selection] = True
            return mask
        if all(isinstance(name, str) for name in selection):
            if self.frame is None:
                raise ValueError(
                    "categorical_features names columns, which needs X to be a "
                    "DataFrame; pass column indices or a boolean mask instead."
                )
            names = list(self.columns)
            unknown = [str(name) for name in selection if name not in names]
            if unknown:
                raise ValueError(
                    f"categorical_features names columns not in X: {unknown}. "
                    f"X has the columns {names}."
                )
            return np.asarray(self.columns.isin(selection))
        raise ValueError(
            "categorical_features must be None, 'auto', column indices, column "
            f"names or a boolean mask; got {categorical_features!r}."
        )

    @property
    def numeric(self):
        """The columns to mix, in the container of ``X``."""
        if self.frame is not None:
            return self.frame.iloc[:, ~self.mask]
        return self.array[:, ~self.mask]

    def rebuild(self, numeric_out, rows):
        """Put the mixed numeric columns and the anchors' categorical values
        (``rows``: the anchor of each output row) back in the original order
        and container."""
        if self.frame is not None:
            import pandas as pd

            categorical = self.frame.iloc[rows, self.mask].reset_index(drop=True)
            joined = pd.concat(
                [numeric_out.reset_index(drop=True), categorical], axis=1
            )
            positions = np.concatenate(
                [np.flatnonzero(~self.mask), np.flatnonzero(self.mask)]
            )
            out = joined.iloc[:, np.argsort(positions, kind="stable")]
            out.columns = self.columns
            out.index = numeric_out.index
            return out
        dtype = (
            object
            if self.array.dtype == object
            else np.result_type(numeric_out.dtype, self.array.dtype)
        )
        out = np.empty((len(rows), len(self.mask)), dtype=dtype)
        out[:, ~self.mask] = numeric_out
        # The anchors' categorical values, a block of rows at a time: gathering
        # them all at once would be a temporary as large as the output.
        categorical = np.flatnonzero(self.mask)
        block = max(1, (1 << 18) // (len(categorical) * self.array.itemsize))
        for start in range(0, len(rows), block):
            chosen = rows[start : start + block]
            out[start : start + len(chosen), categorical] = self.array[
                np.ix_(chosen, categorical)
            ]
        return out.tolist() if self.kind == "list" else out


class TabularInput:
    """The input of a sampler: X split into the columns to mix and the
    categorical columns, with the containers of X and y remembered.

    Parameters
    ----------
    X : DataFrame, ndarray, list or sparse matrix of shape (n_rows, n_features)
        The input.
    y : array-like
        The target, whose container is remembered.
    categorical_features : None, "auto" or array-like
        As :class:`CategoricalColumns` takes it.
    swap : bool, default=False
        True for CutMix, which swaps cells of any dtype: category columns
        are then not refused.

    Attributes
    ----------
    numeric : DataFrame, ndarray, list or sparse matrix
        The columns to mix, in the container of ``X``.
    columns : CategoricalColumns or None
        The categorical columns, None when there are none.
    """

    def __init__(self, X, y, categorical_features, *, swap=False):
        columns = None
        if categorical_features is not None:
            columns = CategoricalColumns(X, categorical_features)
            if not columns.mask.any():
                columns = None
        self.columns = columns
        self.numeric = X if columns is None else columns.numeric
        # CutMix swaps cells of any dtype; only interpolation needs numbers.
        if not swap and category_columns(self.numeric):
            # Validation would accept numeric categories, and casting the
            # mixed values back to the category dtype would make them NaN.
            raise non_numeric_error("X", non_numeric_columns(self.numeric), frame=True)
        self._round_trip = ContainerRoundTrip(self.numeric, y)

    def restore(self, X, y, rows, **options):
        """Put the mixed numeric columns ``X`` and the target ``y`` back into
        the containers of the input; ``rows`` is the row of the input whose
        categorical values each output row takes. ``options`` go to
        :meth:`ContainerRoundTrip.restore`."""
        X, y = self._round_trip.restore(X, y, **options)
        if self.columns is not None:
            X = self.columns.rebuild(X, rows)
        return X, y
