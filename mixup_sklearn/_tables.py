"""The container layer: tables of every DataFrame library, lists, masked and
sparse inputs read for mixing and built back as they came.

scikit-learn keeps container adaptation apart from its checks
(``sklearn/utils/_set_output.py``); this module does the same. pandas,
polars and pyarrow (and any eager library narwhals reads) take one code path:
a DataFrame is read as a narwhals DataFrame, its columns are named by kind
(numbers, categories and text, time), its numeric columns go to validation
and the kernel as a NumPy array, and the result is built back with the
input's library, column names and dtypes. Here too: the categorical columns
taken from the anchor row, integer columns restored exactly, missing values
refused by column, and the frame-column swap of CutMix (:func:`take_cells`).

The array and parameter checks live in :mod:`._validation`, which imports
this module; this module imports nothing of the package.
"""

import functools

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd
from scipy import sparse

# --- reading a container ------------------------------------------------------


def as_table(data, *, name="X"):
    """``data`` as a narwhals DataFrame or Series when it comes from a
    DataFrame library (pandas, polars, pyarrow, ...); None for arrays, lists
    and sparse matrices.

    What no entry point can read is refused here, by ``name``: a lazy frame
    (scikit-learn refuses them too), a DataFrame with duplicate column names
    and a 1-D sparse array.
    """
    if sparse.issparse(data):
        if data.ndim != 2:
            raise ValueError(
                f"{name} must be 2-D, one row per sample; got a 1-D sparse "
                f"array ({type(data).__name__}) of shape {data.shape}. Pass "
                f"{name}.reshape((-1, 1)) for one column, or {name}.toarray()."
            )
        return None
    if (
        isinstance(data, (np.ndarray, list, tuple))
        or _sparse_frame_columns(data) is not None
    ):
        return None
    try:
        wrapped = nw.from_native(
            data, eager_only=True, allow_series=True, pass_through=True
        )
    except nw.exceptions.DuplicateError:
        columns = list(data.columns)
        repeated = sorted(
            {str(column) for column in columns if columns.count(column) > 1}
        )
        raise ValueError(
            f"{name} has duplicate column names {repeated}; give every column "
            "its own name."
        ) from None
    if wrapped is not data:
        return wrapped
    # Dask collections have their own path, before any table is read.
    if not nw.dependencies.is_dask_dataframe(data) and isinstance(
        nw.from_native(data, pass_through=True), nw.LazyFrame
    ):
        raise TypeError(
            f"{name} is a lazy frame ({type(data).__module__}."
            f"{type(data).__name__}), whose rows are not computed yet; like "
            f"scikit-learn, mixup-sklearn needs them in memory. Call "
            f"{name}.collect() and pass the DataFrame it returns."
        )
    return None


def _sparse_frame_columns(data):
    """The columns of a pandas DataFrame with sparse columns, which
    validation turns into a sparse matrix (narwhals does not read them);
    None for anything else."""
    if not hasattr(data, "sparse"):
        return None
    dtypes = getattr(data, "dtypes", None)
    if not hasattr(dtypes, "items"):
        return None
    if any(type(dtype).__name__ == "SparseDtype" for dtype in dtypes):
        return data.columns
    return None


def _is_frame(data):
    return isinstance(as_table(data, name="X"), nw.DataFrame)


def check_has_columns(array, name):
    """Refuse a 2-D ``array`` with no columns, by name; returns its shape."""
    # np.asarray, not np.ndim: array-likes may refuse NumPy's array functions.
    # A DataFrame's own shape: CutMix's may hold columns NumPy cannot read.
    shape = (
        array.shape
        if sparse.issparse(array) or _is_frame(array)
        else as_array(array, name=name).shape
    )
    if len(shape) == 2 and shape[1] == 0:
        # scikit-learn's wording, which its estimator checks look for.
        raise ValueError(
            f"{name} has no columns: found 0 feature(s) (shape=({shape[0]}, 0)) "
            "while a minimum of 1 is required. Pass at least one numeric "
            "column to mix."
        )
    return shape


def as_array(data, *, name):
    """``data`` (a list, a tuple or an array-like) as a NumPy array, with
    ragged rows refused by ``name``."""
    try:
        return np.asarray(data)
    except ValueError:  # NumPy refuses ragged nested sequences
        raise ValueError(
            f"{name} is ragged: its rows have different lengths. Give every "
            "row the same number of values."
        ) from None


def _native_dtype(series):
    native = series.to_native()
    dtype = getattr(native, "dtype", None)
    return native.type if dtype is None else dtype


def _select(table, columns):
    """The ``columns`` of a narwhals DataFrame, in that order. ``nw.col``
    because narwhals reads a bare integer as an expression, not a name, and
    ``pd.DataFrame(array)`` names its columns 0, 1, ..."""
    return table.select(nw.col(*columns))


# --- what each column is, and the columns that cannot be interpolated ---------


def column_kind(series):
    """What a column (a narwhals Series) is to mixup: ``"integer"``,
    ``"boolean"``, ``"float"``, ``"categorical"`` (category, enum, text and
    object columns, which ``"auto"`` takes from the anchor), ``"time"``
    (datetime, date, time, duration, period and interval) or ``"other"``."""
    dtype = series.dtype
    if dtype.is_integer():
        return "integer"
    if dtype == nw.Boolean:
        return "boolean"
    if dtype.is_float() or dtype == nw.Decimal:
        return "float"
    if dtype.is_temporal():
        return "time"
    if isinstance(dtype, (nw.Categorical, nw.Enum)) or dtype in (nw.String, nw.Object):
        return "categorical"
    # narwhals has no dtype for pandas' periods and intervals.
    if str(_native_dtype(series)).lower().startswith(("period", "interval")):
        return "time"
    return "other"


def _column_kinds(table):
    return {column: column_kind(table.get_column(column)) for column in table.columns}


def _dtype_text(table, columns):
    return ", ".join(
        f"{column!r}: {_native_dtype(table.get_column(column))}" for column in columns
    )


def column_advice(caller, take, *, frame, convert="encode them as numbers"):
    """What the entry point ``caller`` offers for columns that cannot be
    interpolated: ``take`` is the ``categorical_features`` value that names
    them (MixupSampler only), ``frame`` whether X is a DataFrame, whose cells
    CutMix swaps whatever their dtype, and ``convert`` the user's own way
    out. One sentence, in the caller's own parameters."""
    if caller == "MixupSampler":
        advice = (
            f"Pass categorical_features={take} to MixupSampler so that synthetic "
            "rows take them from their anchor row"
        )
        if frame:
            advice += ", or method='cutmix', which swaps whole cells of any dtype"
        return f"{advice}, or {convert}."
    if caller == "mixup" and frame:
        return (
            "Pass method='cutmix' to mixup(), which swaps whole cells of any "
            f"dtype instead of interpolating them, or {convert}."
        )
    if caller in ("MixupClassifier", "MixupRegressor"):
        return (
            f"{caller}'s estimator is fitted on the mixed rows, so {convert} "
            "first, for example with a ColumnTransformer in a Pipeline before "
            f"{caller}."
        )
    if caller == "mixup_batches":
        return f"mixup_batches yields NumPy arrays: {convert} first."
    return f"{convert[0].upper()}{convert[1:]}."


def exact_integer_advice(caller, name):
    """What the entry point ``caller`` offers for integers of ``name`` (X or
    y) that float64 cannot hold exactly once interpolated: one sentence, in
    the caller's own parameters. Only X has such options; y's integers are
    interpolated whatever the method."""
    if name == "X" and caller == "MixupSampler":
        return (
            "Pass round_integers=True to MixupSampler to keep the integer "
            "dtype, pass the column in categorical_features to take it from "
            "the anchor row, or convert it to float yourself if rounding is "
            "acceptable."
        )
    if name == "X" and caller == "mixup":
        return (
            "Pass method='cutmix' to mixup(), which swaps whole cells and "
            "keeps every integer exactly, or convert it to float yourself if "
            "rounding is acceptable."
        )
    return f"Convert {name} to float yourself if rounding is acceptable."


def non_numeric_error(name, columns, *, frame, detail=None, caller="MixupSampler"):
    """The error for columns that cannot be interpolated, naming them and what
    the entry point ``caller`` offers instead (:func:`column_advice`)."""
    suggestion = "'auto'" if frame else f"{columns}"
    message = (
        f"{name} has non-numeric columns {columns}, which cannot be "
        f"interpolated. {column_advice(caller, suggestion, frame=frame)}"
    )
    return ValueError(message if detail is None else f"{message} ({detail})")


def check_columns(table, name, *, categorical=None, caller=None, allow_nan=False):
    """Refuse, by column name, the columns of a narwhals DataFrame (or the
    Series) ``table`` that cannot be interpolated and are not listed in
    ``categorical`` (names taken from the anchor instead): time-like,
    category, text and other non-numeric columns; and missing values in any
    column, those taken from the anchor included, unless ``allow_nan``
    (``missing`` other than ``"error"``). ``caller``, the entry point, is
    named in the advice (:func:`column_advice`)."""
    if isinstance(table, nw.Series):
        if not allow_nan:
            _check_no_nulls(name, {None: table.null_count()}, len(table))
        kind = column_kind(table)
        if kind not in ("integer", "boolean", "float"):
            raise ValueError(
                f"{name} has a {_native_dtype(table)} dtype; {name} must be "
                "numeric to be interpolated: a mixed value is not one of its "
                "values. Encode it as numbers."
            )
        return
    categorical = list(categorical or [])
    kinds = {
        column: kind
        for column, kind in _column_kinds(table).items()
        if column not in categorical
    }
    time_like = [column for column, kind in kinds.items() if kind == "time"]
    if time_like:
        advice = column_advice(
            caller,
            repr([*categorical, *time_like]),
            frame=True,
            convert="convert them to numbers (for example seconds since an epoch)",
        )
        raise ValueError(
            f"{name} has time-like columns {time_like} "
            f"({_dtype_text(table, time_like)}), which cannot be "
            f"interpolated. {advice}"
        )
    other = [column for column, kind in kinds.items() if kind == "other"]
    if other:
        advice = column_advice(
            caller,
            repr([*categorical, *other]),
            frame=True,
            convert="convert them to numbers",
        )
        raise ValueError(
            f"{name} has columns of a dtype that cannot be interpolated: "
            f"{_dtype_text(table, other)}. {advice}"
        )
    text = [column for column, kind in kinds.items() if kind == "categorical"]
    if text:
        raise non_numeric_error(name, text, frame=True, caller=caller)
    if not allow_nan:
        _check_no_nulls(name, _missing_counts(table, table.columns), len(table))


def non_numeric_columns(X):
    """Indices of the columns of a list, a tuple or an object or text array
    holding text (:func:`_is_text`), which cannot be interpolated; empty for
    other containers (a DataFrame's are named by :func:`check_columns`)."""
    if not isinstance(X, (list, tuple, np.ndarray)) or (
        isinstance(X, np.ndarray) and X.dtype.kind not in "OUS"
    ):
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
        if any(map(_is_text, column))
    ]


def _is_text(value):
    """Whether ``value`` is a string that is not a number: ``"a"``, not
    ``"1.5"``, which converts to a float as NumPy converts it."""
    if not isinstance(value, (str, bytes)):
        return False
    try:
        float(value)
    except ValueError:
        return True
    return False


def refuse_text(data, *, name, caller=None, categorical=None):
    """Refuse, by column, the text in a list, a tuple or an object or text
    array (:func:`non_numeric_columns`), with what the entry point
    ``caller`` offers instead (:func:`column_advice`). ``categorical``, the
    :class:`CategoricalColumns` already set aside, maps the columns of
    ``data`` back to those of X, and its columns join the advice."""
    columns = non_numeric_columns(data)
    if not columns:
        return
    value = next(filter(_is_text, np.asarray(data, dtype=object)[:, columns[0]]))
    taken = []
    if categorical is not None:
        columns = np.flatnonzero(~categorical.mask)[columns].tolist()
        taken = np.flatnonzero(categorical.mask).tolist()
    advice = column_advice(caller, repr(sorted([*taken, *columns])), frame=False)
    raise ValueError(
        f"{name} must be numeric; its columns {columns} hold text such as "
        f"{value!r}, which cannot be interpolated. {advice}"
    )


# --- missing and infinite values, in every container --------------------------


def _check_no_nulls(name, counts, n_rows):
    missing = {column: count for column, count in counts.items() if count}
    if not missing:
        return
    where = (
        f"{name} has"
        if None in missing
        else f"{name} column{'s' if len(missing) > 1 else ''} "
        f"{', '.join(repr(column) for column in missing)} ha"
        + ("ve" if len(missing) > 1 else "s")
    )
    raise ValueError(
        f"{where} {sum(missing.values())} missing values (NaN, None, null or "
        f"pd.NA) among {n_rows} rows; a mixed row with a missing value is "
        "missing. Drop those rows or impute them (sklearn.impute) first."
    )


def _missing_counts(table, columns):
    """The missing values of each of ``columns`` of a narwhals DataFrame:
    nulls, and NaN in float columns (polars and pyarrow keep NaN apart from
    null)."""
    counts = {}
    for column in columns:
        series = table.get_column(column)
        count = series.null_count()
        if series.dtype.is_float():
            count = max(count, int(series.is_nan().fill_null(False).sum()))
        counts[column] = count
    return counts


def _is_missing(value):
    return (
        value is None
        or (isinstance(value, float) and value != value)
        or type(value).__name__ in ("NAType", "NaTType")
    )


def refuse_missing(data, name, *, allow_nan=False):
    """Refuse the missing values that NumPy does not see as NaN: masked
    entries of a masked array, None and pd.NA in a list or an object array.
    Returns ``data``, a masked array without masked entries as its data.

    With ``allow_nan`` (``missing`` other than ``"error"``) they are not
    refused but turned into NaN, the one marker the kernel knows."""
    if allow_nan:
        return _missing_as_nan(data)
    if np.ma.isMaskedArray(data):
        n_masked = int(np.ma.count_masked(data))
        if n_masked:
            raise ValueError(
                f"{name} is a masked array with {n_masked} masked values; a "
                "mixed row with a masked value is missing. Fill them "
                f"({name}.filled(value)) or drop those rows first."
            )
        return np.ma.getdata(data)
    _, holes = _object_holes(data)
    if holes is not None and holes.any():
        raise ValueError(
            f"{name} has {int(holes.sum())} missing values (None, NaN or "
            "pd.NA); a mixed row with a missing value is missing. Drop those "
            "rows or impute them (sklearn.impute) first."
        )
    return data


def _missing_as_nan(data):
    """``data`` with its missing values as NaN: a masked array's masked
    entries, None and pd.NA in a list or an object array; other data as it
    is (NaN is already NaN)."""
    if np.ma.isMaskedArray(data):
        if not np.ma.count_masked(data):
            return np.ma.getdata(data)
        return np.ma.filled(data.astype(np.float64), np.nan)
    values, holes = _object_holes(data)
    if holes is not None and holes.any():
        values[holes] = np.nan
        return values
    return data


def _object_holes(data):
    """A list, a tuple or an object array as a new object array, with the
    mask of its missing values (None, NaN, pd.NA, pd.NaT); ``(None, None)``
    for other data and ragged lists (check_array says what is wrong)."""
    if not isinstance(data, (list, tuple)) and not (
        isinstance(data, np.ndarray) and data.dtype == object
    ):
        return None, None
    try:
        values = np.array(data, dtype=object)
    except ValueError:  # ragged
        return None, None
    return values, np.frompyfunc(_is_missing, 1, 1)(values).astype(bool)


def numeric_values(data, *, name, caller=None, allow_nan=False):
    """The values of ``data`` for :func:`check_numeric`: a DataFrame or a
    Series as a NumPy array, once :func:`check_columns` has refused what
    cannot be interpolated; any other container as it is, once
    :func:`refuse_missing` has refused missing values (with ``allow_nan``,
    made them NaN)."""
    table = as_table(data, name=name)
    if table is None:
        return refuse_missing(data, name, allow_nan=allow_nan)
    check_columns(table, name, caller=caller, allow_nan=allow_nan)
    return _frame_values(table, allow_nan)


def _frame_values(table, allow_nan):
    """A narwhals DataFrame or Series as a NumPy array; with ``allow_nan``
    its nulls as NaN (recent narwhals gives them so, older ones may give
    objects with pd.NA)."""
    values = table.to_numpy()
    return _missing_as_nan(values) if allow_nan else values


def numeric_or_labels(y, *, name):
    """``y`` with its missing values refused by name (None, NaN, pd.NA,
    null or a mask), as a NumPy array if it is a Series or a DataFrame.
    Labels of any type stay as they are; their type is checked later."""
    table = as_table(y, name=name)
    if table is None:
        return refuse_missing(y, name)
    if isinstance(table, nw.Series):
        _check_no_nulls(name, {None: table.null_count()}, len(table))
    else:
        _check_no_nulls(
            name,
            {column: table.get_column(column).null_count() for column in table.columns},
            len(table),
        )
    return table.to_numpy()


def check_frame_cells(frame, *, name, allow_nan=False):
    """Refuse an empty DataFrame (of any library), or one with missing values
    (None, null, NaN, NaT, pd.NA, unless ``allow_nan``) or infinite values in
    any column, naming the columns: CutMix takes its cells as they are, of
    any dtype, and an array with the same values is refused by validation."""
    table = frame if isinstance(frame, nw.DataFrame) else as_table(frame, name=name)
    if table.shape[0] == 0 or table.shape[1] == 0:
        raise ValueError(
            f"{name} must have at least one row and one column; got shape "
            f"{table.shape}."
        )
    if not allow_nan:
        _check_no_nulls(name, _missing_counts(table, table.columns), len(table))
    infinite = [
        column
        for column in table.columns
        if table.get_column(column).dtype.is_float()
        and _has_infinity(table.get_column(column))
    ]
    if infinite:
        raise ValueError(
            f"{name} contains infinity (inf or -inf) in columns {infinite}; a "
            "synthetic row would copy it. Replace those values or drop those "
            "rows first."
        )


def _has_infinity(series):
    """Whether a float column (a narwhals Series) holds +inf or -inf."""
    return bool((series.abs() == float("inf")).fill_null(False).any())


# --- CutMix's frame-column swap -----------------------------------------------


def take_cells(frame, rows_of):
    """A DataFrame in the library of ``frame`` whose column at position c is
    that column's values at the rows ``rows_of(c)`` (an integer array, the
    same length for every column).

    Each column is gathered by its own library (narwhals' row selection), so
    every dtype is kept exactly: enum, categorical and dictionary columns,
    dates, times at any resolution, decimals, fixed-size arrays, large and
    object text, nullable and pyarrow-backed pandas dtypes. The output has
    a fresh row index.
    """
    table = nw.from_native(frame, eager_only=True)
    columns = {
        column: nw.maybe_reset_index(table.get_column(column)[rows_of(position)])
        for position, column in enumerate(table.columns)
    }
    out = nw.from_dict(columns).to_native()
    if nw.dependencies.is_pandas_like_dataframe(out):
        # The input's column index itself: its name, dtype and levels.
        out.columns = frame.columns
    return out


# --- exact integers -----------------------------------------------------------


def copied_rows(pairs, lambdas, originals=None):
    """A function that returns the output rows that are exact copies of input
    rows, and those input rows: the ``originals`` (input rows) that come first
    (``concat``), then every synthetic row with λ = 1, a copy of its anchor.

    Only integer values need them, so they are found when first asked for:
    with CutMix most rows may be copies, and two index arrays of them would
    add 16 bytes a row to the peak memory of every float table.
    """

    @functools.cache
    def rows():
        copies = np.flatnonzero(lambdas == 1)
        first = np.empty(0, np.intp) if originals is None else np.asarray(originals)
        n_first = len(first)
        return (
            np.concatenate([np.arange(n_first, dtype=np.intp), copies + n_first]),
            np.concatenate([first, pairs[copies, 0]]),
        )

    return rows


def _is_integer_dtype(dtype):
    """True for NumPy integer or boolean dtypes (sparse included)."""
    dtype = getattr(dtype, "subtype", dtype)
    return getattr(dtype, "kind", "O") in ("b", "i", "u")


def _round_clipped(values, dtype):
    """Round to the nearest integer (halves to even) and cast to the NumPy
    integer or boolean ``dtype``, clipped to its range: a value beyond the
    range becomes its end, never a wrapped-around number."""
    rounded = np.rint(np.asarray(values, dtype=np.float64))
    if dtype.kind == "b":
        return rounded.astype(dtype)
    info = np.iinfo(dtype)
    # float(info.max) rounds up past info.max for 64-bit integers, where a
    # cast would wrap around: such values are set after the cast.
    high, low = rounded >= float(info.max), rounded <= float(info.min)
    rounded[high | low] = 0
    out = rounded.astype(dtype)
    out[high], out[low] = info.max, info.min
    return out


def _exact_integers(values, dtype, source, copies):
    """Integer output of the NumPy ``dtype``: ``values`` (floats from the
    kernel) rounded and clipped, then the rows that are copies (``copies()``,
    see :func:`copied_rows`) set from ``source``, the input, exactly: floats
    hold integers exactly up to 2**53 only."""
    if values.dtype == dtype:  # labels taken from the anchors: exact already
        return values
    out = _round_clipped(values, dtype)
    if copies is not None:
        out_rows, source_rows = copies()
        out[out_rows] = source[source_rows]
    return out


def _nullable_integers(values, source, copies):
    """Integer values with NaN where they are missing, as floats: rounded
    (a blend lies between two integers of the column, so in its range), the
    copied rows the input's (``source``: the input column as floats, NaN for
    its nulls). The container layer casts them back with their nulls."""
    out = np.rint(np.asarray(values, dtype=np.float64))
    if copies is not None:
        out_rows, source_rows = copies()
        out[out_rows] = _missing_as_nan(source).astype(np.float64)[source_rows]
    return out


def _check_exact_in_float(source, label, advice):
    """Refuse integers that float64 cannot hold exactly (beyond ±2**53),
    which an interpolated integer column would silently round; ``advice``
    is the caller's way out (:func:`exact_integer_advice`)."""
    if source.dtype.itemsize < 8 or source.size == 0:
        return
    low, high = source.min(), source.max()
    if high > 2**53 or low < -(2**53):
        value = high if high > 2**53 else low
        raise ValueError(
            f"{label} holds integers such as {int(value)} beyond 2**53, which "
            "float64 cannot hold exactly, and mixed integer values come back "
            f"as float64. {advice}"
        )


# --- the round trip: results back into the input's containers -----------------


class ContainerRoundTrip:
    """Remember the containers of X and y, and put results back into them.

    Like imbalanced-learn's ``ArraysTransformer``, for every DataFrame
    library narwhals reads (pandas, polars, pyarrow): a DataFrame comes back
    in its library with its column names and dtypes, a Series with its name,
    a list as a list, a sparse matrix in its format. An integer or boolean
    column (or target) whose values were interpolated comes back as float64
    instead of being silently truncated; one that was not, or with
    ``round_integers``, keeps its dtype, and its copied rows are the input's
    values exactly. ``caller``, the entry point, is named in what the errors
    advise (:func:`exact_integer_advice`).
    """

    def __init__(self, X, y=None, *, caller, x_name="X", y_name="y"):
        self.x_props = self._props(X, x_name, caller)
        self.y_props = None if y is None else self._props(y, y_name, caller)

    @staticmethod
    def _props(data, name, caller):
        table = as_table(data, name=name)
        values = None
        if table is None and not sparse.issparse(data):
            try:
                # np.asarray, not np.ndim: array-likes may refuse NumPy's
                # array functions (scikit-learn's _NotAnArray does).
                values = np.asarray(
                    np.ma.getdata(data) if np.ma.isMaskedArray(data) else data
                )
            except ValueError:  # ragged: validation says so
                values = None
        props = {
            "name": name,
            "advice": exact_integer_advice(caller, name),
            "table": table,
            "type": type(data).__name__.lower(),
            "ndim": 2
            if sparse.issparse(data)
            else getattr(values if table is None else data, "ndim", 1),
            # Not getattr: a DataFrame column may be called "format".
            "format": data.format if sparse.issparse(data) else None,
            "source": None,
            "sparse_frame_columns": _sparse_frame_columns(data),
        }
        if values is not None and _is_integer_dtype(values.dtype):
            props["source"] = values
        props["dtype"] = (
            data.dtype
            if sparse.issparse(data)
            else getattr(props["source"], "dtype", None)
        )
        return props

    def restore(
        self,
        X,
        y=None,
        *,
        interpolated_x=True,
        interpolated_y=False,
        round_integers=False,
        copies=None,
    ):
        """Return ``X`` (and ``y``) in the containers seen at construction.

        ``interpolated_x`` / ``interpolated_y`` tell whether values were
        blended; only then do integer columns turn into float64. With
        ``round_integers``, integer columns of ``X`` (or an integer array
        ``X``) are rounded to the nearest integer, clipped to their dtype's
        range, and keep their dtype. ``copies`` (see :func:`copied_rows`)
        names the output rows that are copies of input rows, whose integer
        values are then the input's, exactly.
        """
        X = self._restore_one(X, self.x_props, interpolated_x, round_integers, copies)
        if y is None:
            return X
        y = self._restore_one(y, self.y_props, interpolated_y, False, copies)
        return X, y

    @classmethod
    def _restore_one(cls, array, props, interpolated, round_integers, copies):
        if props["table"] is not None and _is_frame(array):
            # CutMix swapped the cells of the DataFrame itself, in its own
            # library (take_cells), every dtype kept.
            return array
        if props["table"] is not None:
            return cls._restore_table(
                array, props, interpolated, round_integers, copies
            )
        dtype = props["dtype"]
        if sparse.issparse(array):
            if round_integers and _is_integer_dtype(dtype):
                # Rounded and clipped by the rule of dense integers.
                array = array.copy()
                array.data = _round_clipped(array.data, dtype)
                array.eliminate_zeros()  # values that round to 0
            elif not interpolated and _is_integer_dtype(dtype):
                array = array.astype(dtype)
            if props["format"] not in (None, array.format):
                # Validation may have converted the matrix (the sampler
                # accepts CSR and CSC only): give it back in its format.
                array = array.asformat(props["format"])
        elif _is_integer_dtype(dtype) and array.dtype != dtype:
            if not interpolated or round_integers:
                array = _exact_integers(array, dtype, props["source"], copies)
            else:
                _check_exact_in_float(props["source"], props["name"], props["advice"])
        if props["ndim"] == 1 and getattr(array, "ndim", 1) == 2:
            array = array.ravel() if not sparse.issparse(array) else array
        if props["type"] == "list":
            return array.tolist()
        if props["sparse_frame_columns"] is not None:
            return pd.DataFrame.sparse.from_spmatrix(
                array, columns=props["sparse_frame_columns"]
            )
        return array

    @classmethod
    def _restore_table(cls, array, props, interpolated, round_integers, copies):
        table = props["table"]
        if isinstance(table, nw.Series):
            values, dtype = cls._restore_column(
                np.asarray(array).ravel(),
                table,
                props["name"],
                props["advice"],
                interpolated,
                round_integers,
                copies,
            )
            out = nw.new_series(
                table.name or "", values, dtype, backend=table.implementation
            )
            return _native_like(out.to_native(), table.to_native(), dtype)
        array = array.reshape(len(array), -1)
        data, schema, with_nulls = {}, {}, {}
        for position, column in enumerate(table.columns):
            source = table.get_column(column)
            data[column], schema[column] = cls._restore_column(
                array[:, position],
                source,
                f"{props['name']} column {column!r}",
                props["advice"],
                interpolated,
                round_integers,
                copies,
            )
            if source.null_count():
                with_nulls[column] = schema[column]
                if schema[column] != nw.Float64():
                    # Integers with NaN for their nulls: built as floats,
                    # cast back with their nulls below.
                    schema[column] = nw.Float64()
        out = nw.from_dict(data, schema=schema, backend=table.implementation)
        native = out.to_native()
        if with_nulls and not nw.dependencies.is_pandas_like_dataframe(native):
            # polars and pyarrow keep null apart from NaN: a missing cell
            # (NaN to the kernel) is null again, in the column's own dtype.
            # (when/then without otherwise is null: fill_nan is newer than
            # the narwhals floor.)
            native = out.with_columns(
                nw.when(~nw.col(column).is_nan())
                .then(nw.col(column))
                .cast(dtype)
                .alias(column)
                for column, dtype in with_nulls.items()
            ).to_native()
        # pandas' own cast (nullable and NumPy dtypes) puts pd.NA back.
        return _native_like(native, table.to_native(), {**schema, **with_nulls})

    @staticmethod
    def _restore_column(
        values, column, label, advice, interpolated, round_integers, copies
    ):
        """The values and narwhals dtype of one output column."""
        if column_kind(column) in ("integer", "boolean"):
            source = column.to_numpy()
            if column.null_count() and (not interpolated or round_integers):
                # Missing values allowed (missing="propagate"/"observed"):
                # rounded as floats, NaN kept for the nulls.
                return _nullable_integers(values, source, copies), column.dtype
            if not interpolated or round_integers:
                values = _exact_integers(values, source.dtype, source, copies)
                return values, column.dtype
            _check_exact_in_float(source, label, advice)
            return values.astype(np.float64, copy=False), nw.Float64()
        return values, column.dtype


def _native_like(native_out, native_in, dtypes):
    """Give a pandas output the pandas dtypes of the input (nullable, pyarrow
    or category with its categories) where the narwhals dtype is unchanged:
    narwhals builds pandas columns with NumPy dtypes. Other libraries have
    one native dtype per narwhals dtype and are returned as they are."""
    if not nw.dependencies.is_pandas_like_dataframe(
        native_out
    ) and not nw.dependencies.is_pandas_like_series(native_out):
        return native_out
    if hasattr(native_out, "columns"):
        kept = {
            column: native_in[column].dtype
            for column, dtype in dtypes.items()
            if nw.from_native(native_in[column], series_only=True).dtype == dtype
        }
        return native_out.astype(kept)
    native_out.name = native_in.name
    if nw.from_native(native_in, series_only=True).dtype == dtypes:
        return native_out.astype(native_in.dtype)
    return native_out


# --- categorical columns, taken from the anchor row ---------------------------


def _auto_categorical(series):
    """Whether ``categorical_features="auto"`` takes a column (a narwhals
    Series) from the anchor: category, enum, text, object and bool columns."""
    return column_kind(series) in ("categorical", "boolean")


class CategoricalColumns:
    """Set the categorical columns of ``X`` aside, and put them back.

    The numeric columns go through validation and the mixing kernel; each
    synthetic row takes the categorical values of its anchor. Output columns
    come back in their original order; DataFrame columns keep their dtypes
    (categories included), in every DataFrame library.

    Parameters
    ----------
    X : DataFrame, ndarray or list of shape (n_rows, n_features)
        Dense input. Sparse matrices are refused.
    categorical_features : "auto" or array-like
        ``"auto"``: the category, enum, text, object and bool columns of a
        DataFrame (no column of an array). Otherwise column indices, column
        names or a boolean mask.
    """

    def __init__(self, X, categorical_features):
        self.table = None
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
        table = as_table(X)
        if isinstance(table, nw.DataFrame):
            levels = getattr(getattr(X, "columns", None), "nlevels", 1)
            if levels > 1:
                raise ValueError(
                    f"X has MultiIndex columns ({levels} levels), which "
                    "categorical_features cannot name. Flatten them first, for "
                    "example X.columns = ['_'.join(map(str, c)) for c in "
                    "X.columns]."
                )
            self.table = table
            n_features = len(table.columns)
        else:
            array = np.asarray(X, dtype=object if self.kind == "list" else None)
            if array.ndim != 2:
                raise ValueError(
                    "categorical_features needs a 2-D X; got an array with "
                    f"{array.ndim} dimensions."
                )
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
            if self.table is not None:
                return np.array(
                    [
                        _auto_categorical(self.table.get_column(column))
                        for column in self.table.columns
                    ],
                    dtype=bool,
                )
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
            if self.table is None:
                raise ValueError(
                    "categorical_features names columns, which needs X to be a "
                    "DataFrame; pass column indices or a boolean mask instead."
                )
            names = list(self.table.columns)
            unknown = [str(name) for name in selection if name not in names]
            if unknown:
                raise ValueError(
                    f"categorical_features names columns not in X: {unknown}. "
                    f"X has the columns {names}."
                )
            return np.isin(np.asarray(names, dtype=object), selection)
        raise ValueError(
            "categorical_features must be None, 'auto', column indices, column "
            f"names or a boolean mask; got {categorical_features!r}."
        )

    @property
    def names(self):
        """The names of the categorical columns of a DataFrame."""
        return [
            c for c, chosen in zip(self.table.columns, self.mask, strict=True) if chosen
        ]

    @property
    def numeric(self):
        """The columns to mix: a narwhals DataFrame, or an array."""
        if self.table is not None:
            return _select(
                self.table,
                [
                    c
                    for c, chosen in zip(self.table.columns, self.mask, strict=True)
                    if not chosen
                ],
            )
        return self.array[:, ~self.mask]

    def rebuild(self, numeric_out, rows):
        """Put the mixed numeric columns and the anchors' categorical values
        (``rows``: the anchor of each output row) back in the original order
        and container."""
        if self.table is not None:
            # Row selection keeps a pandas index, which a horizontal concat
            # would align on (narwhals < 2.x does not reset it).
            categorical = nw.maybe_reset_index(_select(self.table, self.names)[rows])
            numeric = nw.maybe_reset_index(nw.from_native(numeric_out, eager_only=True))
            joined = nw.concat([numeric, categorical], how="horizontal")
            return _select(joined, self.table.columns).to_native()
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


# --- the input of an entry point ----------------------------------------------


class TabularInput:
    """The input of an entry point: X split into the columns to mix and the
    categorical columns, with the containers of X and y remembered.

    Every check of a DataFrame's columns happens here, by name, in the same
    way for every entry point and every DataFrame library: time-like,
    category, text and other non-numeric columns outside
    ``categorical_features``, and missing values in the columns to mix.

    Parameters
    ----------
    X : DataFrame, ndarray, list or sparse matrix of shape (n_rows, n_features)
        The input.
    y : array-like or None
        The target, whose container is remembered.
    categorical_features : None, "auto" or array-like
        As :class:`CategoricalColumns` takes it.
    swap : bool, default=False
        True for CutMix, which swaps cells of any dtype: category, text and
        time-like columns are then not refused (missing and infinite values
        are, in every column).
    caller : str, default="MixupSampler"
        The entry point, whose own options the errors advise
        (:func:`column_advice`).
    allow_nan : bool, default=False
        Let missing values through (``missing`` other than ``"error"``):
        nulls of the columns to mix become NaN, and come back as the
        input's own marker (:class:`ContainerRoundTrip`).

    Attributes
    ----------
    numeric : ndarray, list, sparse matrix or DataFrame
        The columns to mix: a DataFrame's as a NumPy array (with ``swap``,
        the DataFrame itself), other containers as they are (missing values
        refused).
    frame : DataFrame or None
        The columns to mix of a DataFrame ``X``, in its library: what CutMix
        swaps, also when a pairing needs ``numeric`` for its distances.
    y : ndarray or array-like
        The target: a Series' or a DataFrame's values as a NumPy array.
    columns : CategoricalColumns or None
        The categorical columns, None when there are none.
    """

    def __init__(
        self,
        X,
        y,
        categorical_features,
        *,
        swap=False,
        caller="MixupSampler",
        allow_nan=False,
    ):
        columns = None
        if categorical_features is not None:
            columns = CategoricalColumns(X, categorical_features)
            if not columns.mask.any():
                columns = None
        self.columns = columns
        self.frame = None
        table = as_table(X)
        if isinstance(table, nw.DataFrame):
            numeric = table if columns is None else columns.numeric
            self.frame = numeric.to_native()
            self._round_trip = ContainerRoundTrip(self.frame, y, caller=caller)
            if swap:
                # CutMix swaps cells of any dtype in the DataFrame's own
                # library (take_cells); only interpolation needs numbers.
                check_frame_cells(table, name="X", allow_nan=allow_nan)
                self.numeric = self.frame
            else:
                check_columns(
                    table,
                    "X",
                    categorical=None if columns is None else columns.names,
                    caller=caller,
                    allow_nan=allow_nan,
                )
                self.numeric = _frame_values(numeric, allow_nan)
        else:
            numeric = X if columns is None else columns.numeric
            self._round_trip = ContainerRoundTrip(numeric, y, caller=caller)
            self.numeric = numeric_values(
                numeric, name="X", caller=caller, allow_nan=allow_nan
            )
            refuse_text(self.numeric, name="X", caller=caller, categorical=columns)
        check_has_columns(self.numeric, "X")
        self.y = None if y is None else numeric_or_labels(y, name="y")

    def restore(self, X, y=None, rows=None, **options):
        """Put the mixed numeric columns ``X`` and the target ``y`` back into
        the containers of the input; ``rows`` is the row of the input whose
        categorical values each output row takes. ``options`` go to
        :meth:`ContainerRoundTrip.restore`."""
        restored = self._round_trip.restore(X, y, **options)
        if self.columns is None:
            return restored
        X = restored[0] if y is not None else restored
        X = self.columns.rebuild(X, rows)
        return (X, restored[1]) if y is not None else X
