"""The array and parameter checks shared by every entry point.

The parameter constraints declared once, the combinations of parameters,
row counts and output sizes, the labels to mix, and the values of an array
(numeric, real, finite, of the right dimensions), each refused with a
message that names the parameter. Containers (DataFrames of any library,
lists, masked arrays) are read by :mod:`._tables`, which this module
imports.
"""

import os
from collections.abc import Mapping
from numbers import Integral, Real
from typing import Any, TypeAlias

import numpy as np
from scipy import sparse
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.multiclass import type_of_target
from sklearn.utils.validation import _num_samples, check_array

from ._plan import METHODS, swaps_cells
from ._tables import (
    _is_frame,
    as_array,
    check_has_columns,
    numeric_values,
    refuse_text,
)

# Type hints of the public signatures.
ArrayLike: TypeAlias = Any  # ndarray, list, DataFrame or Series
SparseMatrix: TypeAlias = Any  # scipy.sparse matrix or array
RandomStateLike: TypeAlias = "int | np.random.RandomState | None"

# NumPy's Beta sampler degenerates near the largest float: beta(1e308, 1e308)
# returns 0, so that every folded λ is 1 and nothing is mixed. Up to 1e300 it
# returns 0.5 to the last bit, the limit of Beta(α, α); larger values are
# refused rather than silently mixing nothing.
MAX_ALPHA = 1e300

# What every entry point may do with missing values (NaN, None, null, pd.NA):
# refuse them (the default), or mix them (see the shared docstring).
MISSING = ("error", "propagate", "observed")

# Parameters shared by every entry point, declared once.
MIXUP_CONSTRAINTS = {
    "alpha": [Interval(Real, 0, MAX_ALPHA, closed="both")],
    "n_samples": [
        None,
        Interval(Integral, 1, None, closed="left"),
        Interval(Real, 0, np.inf, closed="neither"),
    ],
    "concat": ["boolean"],
    "method": [StrOptions(set(METHODS))],
    "missing": [StrOptions(set(MISSING))],
    "random_state": ["random_state"],
}

# The controls of a training loop (timm's names), declared once for
# mixup_batches and the meta-estimators' n_epochs mode.
LOOP_CONSTRAINTS = {
    "prob": [Interval(Real, 0, 1, closed="both")],
    "switch_prob": [Interval(Real, 0, 1, closed="both")],
    "cutmix_alpha": [None, Interval(Real, 0, MAX_ALPHA, closed="both")],
    "mixup_off_epoch": [None, Interval(Integral, 0, None, closed="left")],
}

# The parameters of the regression pairings, declared once for MixupSampler
# and MixupRegressor.
PAIRING_CONSTRAINTS = {
    "n_neighbors": [Interval(Integral, 1, None, closed="left")],
    "bandwidth": [Interval(Real, 0, None, closed="neither"), StrOptions({"scott"})],
    "lag": [Interval(Integral, 1, None, closed="left")],
}
# Why a Dask collection takes no sample_weight, for every entry point.
DASK_SAMPLE_WEIGHT = (
    "{caller} does not take sample_weight with a Dask collection: the "
    "block-wise path mixes each block of X on its own, and the weights would "
    "have to be a Dask collection chunked exactly as X for every block to "
    "find its rows' weights, which is not supported. Compute the data into "
    "memory (.compute()) to mix it with weights, or pass sample_weight=None."
)


def allows_missing(missing):
    """Whether the entry point's ``missing`` lets NaN (never ±inf) through
    validation; the one place that reads it for the checks."""
    return missing != "error"


def check_complete_for_distances(X, *, missing):
    """Refuse missing values in the rows that ``pairing="knn"`` measures
    distances on: nearest neighbours are undefined with a missing
    coordinate. Only ``missing`` other than ``"error"`` lets them get here."""
    if not allows_missing(missing):
        return
    values = X.data if sparse.issparse(X) else X
    if _is_frame(values) or np.asarray(values).dtype.kind != "f":
        return
    if np.isnan(values).any():
        raise ValueError(
            f"pairing='knn' measures distances between rows, which a missing "
            f"value leaves undefined, and X has {int(np.isnan(values).sum())} "
            f"missing values (allowed by missing={missing!r}). Use "
            "pairing='random' or 'within_class', or impute X first."
        )


def check_method(method, **others):
    """Refuse the parameters that have no meaning with ``method="cutmix"``.

    ``others`` maps a parameter's name to its value and to the values that do
    not combine with CutMix.
    """
    if not swaps_cells(method):
        return
    for name, (value, refused) in others.items():
        if value in refused:
            raise ValueError(
                f"{name}={value!r} cannot be combined with method='cutmix': "
                f"{refused[value]}"
            )


def check_lag(lag, n_rows):
    """Refuse a ``lag`` that leaves no row a partner: ``lag >= n_rows``.

    A single row has no partner under any pairing and is copied, as
    ``pairing="random"`` copies it; it is not refused here either.
    """
    if n_rows > 1 and lag >= n_rows:
        raise ValueError(
            f"lag must be smaller than the number of rows ({n_rows}); got lag={lag}."
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


def _memory_bytes():
    """The machine's physical memory in bytes, or None where unknown."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, OSError, ValueError):  # not on Linux or macOS
        return None


def check_output_size(n_rows_out, X, *, parameter):
    """Refuse an output that could not be allocated, before allocating it:
    ``n_rows_out`` rows like those of ``X`` (dense: float64 or its floating
    dtype; sparse: its entries per row) need more bytes than the machine's
    physical memory. ``parameter`` (``"n_samples=..."``) is named."""
    limit = _memory_bytes()
    if limit is None:
        return
    if sparse.issparse(X):
        per_entry = max(np.dtype(X.dtype).itemsize, 8) + 4
        row_bytes = max(1.0, X.nnz / max(1, X.shape[0])) * per_entry
    elif _is_frame(X):  # CutMix's DataFrame: about 8 bytes a cell
        row_bytes = 8 * max(1, X.shape[1])
    else:
        row_bytes = max(1, int(np.prod(X.shape[1:], dtype=np.float64))) * max(
            np.dtype(X.dtype).itemsize, 8 if X.dtype.kind != "f" else 0
        )
    needed = float(n_rows_out) * row_bytes
    if needed > limit:
        raise ValueError(
            f"{parameter} asks for {n_rows_out} output rows of {row_bytes:.0f} "
            f"bytes each, {needed:.3g} bytes in all, more than this machine's "
            f"memory ({limit:.3g} bytes). Ask for fewer rows, or draw them in "
            "batches with mixup_batches."
        )


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


def label_indicator(y):
    """What a 2-D 0/1 target holds: ``"one-hot"``, ``"multilabel"`` or None.

    The one place that tells a one-hot y from a multi-label one. A y that
    scikit-learn's ``type_of_target`` calls ``"multilabel-indicator"`` (2-D,
    more than one column, every value 0 or 1) is one-hot when every row
    holds exactly one 1, and multi-label otherwise (a row with several ones,
    or with none: a row without labels is not class 0). Any other y, a 1-D
    y included, gives None.
    """
    # np.asarray first: array-likes may refuse NumPy's array functions
    # (scikit-learn's _NotAnArray refuses np.ndim).
    y = np.asarray(y)
    if y.ndim != 2 or type_of_target(y) != "multilabel-indicator":
        return None
    return "one-hot" if (y.sum(axis=1) == 1).all() else "multilabel"


def check_multilabel_options(caller, **options):
    """Refuse, by name, the options that have no meaning for a multi-label y.

    ``options`` maps a parameter's name to its value and to the values (or a
    predicate on the value) that need one class per row, with the reason.
    """
    for name, (value, refused, reason) in options.items():
        if refused(value) if callable(refused) else value in refused:
            raise ValueError(
                f"{name}={value!r} cannot be used with a multi-label y (a 2-D "
                f"0/1 indicator, one column per label) in {caller}: {reason}"
            )


def check_numeric(
    array,
    *,
    name,
    ensure_2d=True,
    allow_sparse=True,
    allow_nd=False,
    dtype="numeric",
    caller=None,
    allow_nan=False,
):
    """Validate a numeric, finite array; the error names the parameter.

    1-D input is returned as it is when ``ensure_2d`` is False. Complex,
    non-numeric, non-finite, missing and empty inputs are refused, and so are
    category, text and time-like columns of a DataFrame
    (:func:`numeric_values`); more than 2-D input too, unless ``allow_nd``.
    ``caller``, the entry point, is named in what the errors advise
    (:func:`column_advice`). With ``allow_nan`` (``missing`` other than
    ``"error"``), missing values are let through as NaN; infinity is still
    refused.
    """
    array = numeric_values(array, name=name, caller=caller, allow_nan=allow_nan)
    if sparse.issparse(array) and not allow_sparse:
        raise TypeError(f"{name} must be dense; got a sparse matrix.")
    array = _check_values(array, name=name, ensure_2d=ensure_2d, caller=caller)
    shape = check_has_columns(array, name)
    if not allow_nd and len(shape) > 2:
        raise ValueError(
            f"{name} must be 1-D or 2-D; got an array with {len(shape)} dimensions."
        )
    # What is left to check_array is finiteness, which it reports by the
    # input_name given ("Input X contains NaN."), and the conversion itself.
    return check_array(
        array,
        accept_sparse=["csr", "csc", "coo", "lil", "dok", "bsr", "dia"]
        if allow_sparse
        else False,
        dtype=dtype,
        ensure_all_finite="allow-nan" if allow_nan else True,
        ensure_2d=ensure_2d,
        allow_nd=allow_nd,
        input_name=name,
    )


def _check_values(array, *, name, ensure_2d, caller):
    """Refuse, in our own words and by ``name``, what ``check_array`` would
    refuse in its own: ragged rows, a scalar, a 1-D array where rows are
    needed (``ensure_2d``), no rows, and values that are not real numbers
    (text, records, complex and time-like values, objects float() refuses).

    Returns ``array`` as a NumPy array (an object array converted to
    float64 once, here), or as it is when sparse or a pandas DataFrame of
    sparse columns, whose dtypes are checked without densifying them.
    """
    if sparse.issparse(array) or hasattr(array, "dtypes"):
        dtypes = [array.dtype] if sparse.issparse(array) else list(array.dtypes)
        for dtype in dtypes:
            _check_dtype(np.dtype(getattr(dtype, "subtype", dtype)), name)
        values = array
    else:
        values = as_array(array, name=name)
        if values.ndim == 0:
            raise ValueError(
                f"{name} must be {'2-D' if ensure_2d else '1-D or 2-D'}, one "
                f"row per sample; got a scalar, {values.item()!r}."
            )
        if ensure_2d and values.ndim == 1:
            raise ValueError(
                f"{name} must be 2-D, one row per sample; got a 1-D array of "
                f"shape {values.shape}. Pass {name}.reshape((-1, 1)) for one "
                "column."
            )
        if values.dtype.kind in "US":
            refuse_text(values, name=name, caller=caller)
        if values.dtype == object:
            values = _object_as_float(values, name=name, caller=caller)
        _check_dtype(values.dtype, name)
    if values.shape[0] == 0:
        raise ValueError(
            f"{name} has no rows: found 0 sample(s) (shape={values.shape}) while "
            "a minimum of 1 is required."
        )
    return values


def _check_dtype(dtype, name):
    """Refuse a dtype whose values are not real numbers, by ``name``."""
    if dtype.kind == "c":
        # "Complex data not supported": scikit-learn's wording, which its
        # check_complex_data looks for.
        raise ValueError(
            f"{name} has complex values (dtype {dtype}). Complex data not "
            f"supported: pass {name}.real, or the real and imaginary parts as "
            "separate columns."
        )
    if dtype.kind in "USV":
        what = "records" if dtype.kind == "V" else "text"
        raise ValueError(
            f"{name} must be numeric; got {what} (dtype {dtype}). Encode it as "
            "numbers first."
        )
    if dtype.kind in "Mm":
        raise ValueError(
            f"{name} must be numeric; got time-like values (dtype {dtype}), "
            "which cannot be interpolated. Convert them to numbers first (for "
            "example seconds since an epoch)."
        )


def _object_as_float(values, *, name, caller):
    """An object array as float64, or the error that names the first value
    float() refuses: text, by column with the caller's advice
    (:func:`refuse_text`), or another object."""
    try:
        return values.astype(np.float64)
    except (TypeError, ValueError):
        pass
    for value in values.ravel():
        try:
            float(value)
        except (TypeError, ValueError):
            break
    if isinstance(value, (str, bytes)):
        refuse_text(values, name=name, caller=caller)
        raise ValueError(
            f"{name} must be numeric; got text such as {value!r}. Encode it as "
            "numbers first."
        ) from None
    # float()'s own words, which scikit-learn's check_dtype_object looks for.
    raise TypeError(
        f"{name} must be numeric; got {value!r} ({type(value).__name__}), "
        "which float() refuses: its argument must be a string or a number."
    ) from None


def with_unique_labels(y):
    """``y`` as a view that carries its unique values, for the label checks.

    scikit-learn's ``type_of_target`` (which ``check_classification_targets``
    and imbalanced-learn's ``check_target_type`` both call) reads unique
    values cached in the dtype's metadata, as its own ``attach_unique`` leaves
    them. They come from ``np.unique(..., return_counts=True)``, hash-based
    in NumPy 2 and ten times faster on a million labels than the sort of
    ``np.unique`` alone: the two checks cost one fast pass instead of two
    sorts. Numeric 1-D arrays only; anything else is returned as it is. Pass
    the checked labels through :func:`without_unique_labels` before using
    them: a subset of rows would carry the wrong unique values.
    """
    if (
        not isinstance(y, np.ndarray)
        or y.ndim != 1
        or y.dtype.kind not in "biuf"
        or y.dtype.metadata is not None
    ):
        return y
    labels = np.unique(y, return_counts=True)[0]
    return y.view(np.dtype(y.dtype, metadata={"unique": labels}))


def without_unique_labels(y):
    """``y`` without the unique values :func:`with_unique_labels` attached."""
    if isinstance(y, np.ndarray) and "unique" in (y.dtype.metadata or {}):
        return y.view(np.dtype(y.dtype.str))
    return y


def check_sample_weight(sample_weight, n_rows, *, name="sample_weight"):
    """The weights of ``n_rows`` rows, checked; the errors name ``name``.

    ``sample_weight`` is an array, a list, or a pandas or polars Series: 1-D,
    one finite, non-negative number per row, not all zero. A negative weight has no
    meaning for a mix (it would make a blended row's weight depend on which
    parent is the anchor in a way no loss can read), so it is refused by
    name. float32 weights stay float32, as float32 data does everywhere in
    this library; every other dtype becomes float64.

    Returns
    -------
    weights : ndarray of shape (n_rows,), dtype float64 or float32
    """
    weights = check_numeric(
        sample_weight,
        name=name,
        ensure_2d=False,
        allow_sparse=False,
        dtype=[np.float64, np.float32],
    )
    if weights.ndim != 1:
        raise ValueError(
            f"{name} must be 1-D, one weight per row; got an array of shape "
            f"{weights.shape}."
        )
    if len(weights) != n_rows:
        raise ValueError(
            f"{name} must have one weight per row of X: got {len(weights)} "
            f"weights for {n_rows} rows."
        )
    negative = np.flatnonzero(weights < 0)
    if negative.size:
        raise ValueError(
            f"{name} must be >= 0; got {negative.size} negative weight(s), "
            f"such as {weights[negative[0]].item()!r} in row {int(negative[0])}."
        )
    if not weights.any():
        raise ValueError(
            f"{name} has every weight zero: every mixed row would weigh zero "
            "too, leaving nothing to learn from. Give at least one row a "
            "positive weight, or pass sample_weight=None."
        )
    return weights


def refuse_unknown_params(params, *, caller, accepted=("sample_weight",)):
    """Refuse the keywords ``params`` that ``caller`` (``"MixupSampler.fit"``)
    does not take, by name, rather than ignoring them: a misspelt
    ``sample_wieght`` would otherwise train without weights."""
    if params:
        unknown = ", ".join(repr(name) for name in params)
        raise TypeError(
            f"{caller} got unexpected keyword argument(s) {unknown}; it accepts "
            f"{', '.join(accepted)} besides X and y."
        )


def called_strategy(sampling_strategy, y, returns):
    """A callable ``sampling_strategy`` called once, on a copy of ``y``, and
    refused unless it returns a dict (``returns`` says of what, in the
    message); any other form as it is."""
    if not callable(sampling_strategy):
        return sampling_strategy
    strategy = sampling_strategy(y.copy())
    if not isinstance(strategy, Mapping):
        raise TypeError(
            f"sampling_strategy is a callable that returned {strategy!r} "
            f"(a {type(strategy).__name__}); {returns}."
        )
    return strategy
