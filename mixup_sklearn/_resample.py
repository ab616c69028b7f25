"""The sampler's steps, as functions of its parameters.

:class:`~mixup_sklearn.MixupSampler` and the Dask path
(:mod:`mixup_sklearn._dask`) resample through these functions, which take
the sampler's parameters explicitly (``params``, the dict of
``get_params(deep=False)``) rather than an estimator's private state. The
steps, in the order a reader expects:

1. the parameters alone (:func:`check_param_combinations`, with
   :func:`check_regression_balancing`);
2. X and y (:func:`check_target_given`, :func:`check_X_and_target`,
   :func:`record_features`);
3. what depends on the data (:func:`check_labels`, :func:`balancing_counts`,
   :func:`region_counts`, :func:`check_lag_pairing`, together
   :func:`check_against_data`; then :func:`check_output_rows`);
4. the anchors (:func:`draw_sampler_anchors`), then the plan, drawn and
   applied by :func:`resample_rows` (through :func:`~._plan.draw_plan`);
5. the containers put back (:func:`restore_containers`).

The estimator itself appears only where scikit-learn's ``validate_data``
records ``n_features_in_`` and ``feature_names_in_`` on it.
"""

from collections import OrderedDict
from collections.abc import Mapping
from numbers import Integral

import numpy as np
from imblearn.utils import check_sampling_strategy, check_target_type
from sklearn.utils.multiclass import check_classification_targets, type_of_target
from sklearn_compat.utils.validation import (
    _check_feature_names,
    _check_n_features,
    validate_data,
)

from ._pairing import CLASS_PAIRINGS, draw_anchors
from ._plan import (
    anchor_labels,
    apply_plan,
    blended_targets,
    cell_rows,
    draw_plan,
    interpolates,
    remix_labels,
    swaps_cells,
)
from ._relevance import region_codes, regression_strategy
from ._tables import (
    _is_frame,
    check_frame_cells,
    copied_rows,
    non_numeric_columns,
    non_numeric_error,
    take_cells,
)
from ._validation import (
    allows_missing,
    called_strategy,
    check_complete_for_distances,
    check_lag,
    check_method,
    check_mix_classes,
    check_multilabel_options,
    check_n_rows,
    check_numeric,
    check_output_size,
    label_indicator,
    n_synthetic_rows,
    with_unique_labels,
    without_unique_labels,
)

# --- 1. the parameters alone --------------------------------------------------


def check_param_combinations(params):
    """Refuse parameter combinations that cannot work, before any data."""
    check_method(
        params["method"],
        label=(
            params["label"],
            {
                "remix": "Remix reassigns labels from the interpolation "
                "weight λ of a blended row, which a row of swapped cells "
                "does not have. Use label='anchor', or method='mixup'."
            },
        ),
    )
    if params["target"] == "regression":
        needs_classes = {
            "label": (params["label"] != "anchor", "anchor"),
            "mix_classes": (params["mix_classes"] is not None, None),
        }
        for name, (is_set, default) in needs_classes.items():
            if is_set:
                raise ValueError(
                    f"{name}={params[name]!r} needs class labels; it "
                    "cannot be used with target='regression'. Leave "
                    f"{name}={default!r}."
                )
        if params["pairing"] == "within_class":
            raise ValueError(
                "pairing='within_class' needs class labels; it cannot be "
                "used with target='regression'. Use pairing='random'."
            )
        check_regression_balancing(params)
    elif params["pairing"] == "label_kernel":
        raise ValueError(
            "pairing='label_kernel' draws partners with similar regression "
            "targets; it needs target='regression', got "
            f"target={params['target']!r}."
        )
    if params["sampling_strategy"] is not None:
        if params["n_samples"] is not None:
            raise ValueError(
                f"n_samples={params['n_samples']!r} cannot be combined with "
                f"sampling_strategy={params['sampling_strategy']!r}: the number "
                "of synthetic rows is set by sampling_strategy. Leave "
                "n_samples=None."
            )
        if params["label"] == "remix":
            raise ValueError(
                "label='remix' moves synthetic rows to other classes, so "
                "the class counts asked by sampling_strategy="
                f"{params['sampling_strategy']!r} would not be met. Use one or "
                "the other."
            )


def check_regression_balancing(params):
    """Refuse, for rare-target regression balancing, the forms of
    ``sampling_strategy`` that name classes, and ``pairing="lag"``, whose
    partner may leave the anchor's rare region."""
    strategy = params["sampling_strategy"]
    if isinstance(strategy, str) and strategy != "auto":
        raise ValueError(
            f"sampling_strategy={strategy!r} names classes; with "
            "target='regression' use 'auto', a float in (0, 1], a dict "
            "{(low, high): n_rows_to_add} or a callable returning one."
        )
    if strategy is not None and params["pairing"] == "lag":
        raise ValueError(
            "pairing='lag' draws partners outside the anchor's rare region; "
            f"it cannot be combined with sampling_strategy={strategy!r} and "
            "target='regression'. Use pairing='random', 'knn' or "
            "'label_kernel'."
        )


def balances_regions(params):
    """Whether the sampler balances the rare regions of a regression target
    (:mod:`mixup_sklearn._relevance`) rather than classes."""
    return params["target"] == "regression" and params["sampling_strategy"] is not None


def keeps_originals(params):
    """Whether the output starts with the input rows: ``concat``, or class
    balancing, which adds rows to the input's."""
    return params["concat"] or params["sampling_strategy"] is not None


def check_multilabel_params(params):
    """Refuse, by name, what needs one class per row, for a multi-label y."""
    check_multilabel_options(
        "MixupSampler",
        sampling_strategy=(
            params["sampling_strategy"],
            lambda value: value is not None,
            "class balancing counts rows per class, and a row of a "
            "multi-label y has several. Leave sampling_strategy=None.",
        ),
        pairing=(
            params["pairing"],
            {"within_class"},
            "a row of a multi-label y has no single class to pair within. "
            "Use pairing='random' or 'knn' (neighbours among all rows).",
        ),
        mix_classes=(
            params["mix_classes"],
            lambda value: value is not None,
            "it names classes, and a row of a multi-label y has several. "
            "Leave mix_classes=None.",
        ),
        label=(
            params["label"],
            {"remix"},
            "Remix moves a row to the class of its partner by class "
            "counts, which a multi-label y does not have. Use "
            "label='anchor'.",
        ),
    )


def is_multilabel(y, params):
    """Whether the validated ``y`` is multi-label: a classification y stays
    2-D only then (a one-hot y is read as its labels)."""
    return params["target"] == "classification" and np.ndim(y) == 2


# --- 2. X and y ---------------------------------------------------------------


def swaps_frame(method, X, pairing):
    """Whether CutMix swaps the columns of the DataFrame ``X`` itself, which
    may then hold any dtype (knn needs numbers for its distances)."""
    return swaps_cells(method) and _is_frame(X) and pairing != "knn"


def check_target_given(y):
    """Refuse a missing ``y``: the sampler needs labels or a target."""
    if y is None:
        raise ValueError(
            # The wording scikit-learn's check_requires_y_none expects.
            "MixupSampler requires y to be passed, but the target y is "
            "None: pass class labels, or a numeric target with "
            "target='regression'."
        )


def check_X_and_target(estimator, X, y, params):
    """Validate the columns to mix and ``y``, as imbalanced-learn's
    ``_check_X_y`` does: return ``X``, ``y`` and whether ``y`` was one-vs-all
    (one-hot). ``validate_data`` records the columns on ``estimator``."""
    check_target_given(y)
    try:
        if params["target"] == "regression":
            # validate_data's own errors ("could not convert string to float")
            # do not say that y is at fault.
            y = check_numeric(y, name="y", ensure_2d=False)
            X, y = _validate_X_y(
                estimator,
                X,
                y,
                params,
                multi_output=True,
                y_numeric=True,
                **_finite(params),
            )
            return X, y, False
        # The two label checks share one pass over y.
        y = with_unique_labels(y)
        try:
            check_classification_targets(y)
        except ValueError:
            # type_of_target raises again what is not about the type (NaN,
            # infinity, refused with target='regression' too); otherwise y
            # holds numbers that are not class labels.
            y_type = type_of_target(y, input_name="y")
            raise ValueError(
                f"Unknown label type: {y_type}. y holds {y_type} values, not "
                "class labels. If y is a regression target, pass "
                "target='regression' to MixupSampler."
            ) from None
        if _is_frame(y):
            # check_target_type reads a one-hot y with ndarray.argmax.
            y = y.to_numpy()
        if label_indicator(y) == "multilabel":
            # check_target_type would refuse it: each synthetic row
            # takes its anchor's label row instead.
            check_multilabel_params(params)
            X, y = _validate_X_y(estimator, X, y, params, multi_output=True)
            return X, y, False
        y, binarize_y = check_target_type(y, indicate_one_vs_all=True)
        X, y = _validate_X_y(
            estimator, X, without_unique_labels(y), params, **_finite(params)
        )
        return X, y, binarize_y
    except ValueError as exc:
        text_columns = non_numeric_columns(X)
        if params["categorical_features"] is None and text_columns:
            raise non_numeric_error(
                "X", text_columns, frame=hasattr(X, "columns"), detail=exc
            ) from None
        raise


def _validate_X_y(estimator, X, y, params, **options):
    """``validate_data`` of X and y; a DataFrame that CutMix swaps is
    checked as it is, its columns of any dtype left unconverted."""
    if not swaps_frame(params["method"], X, params["pairing"]):
        return validate_data(
            estimator, X=X, y=y, reset=True, accept_sparse=["csr", "csc"], **options
        )
    options.pop("ensure_all_finite", None)
    check_frame_cells(X, name="X", allow_nan=allows_missing(params["missing"]))
    check_n_rows(X, y)
    y = validate_data(estimator, X="no_validation", y=y, reset=True, **options)
    record_features(estimator, X)
    return X, y


def _finite(params):
    """validate_data's finiteness of X for ``missing``: NaN let through
    (never infinity) unless ``missing="error"``; y stays complete."""
    if allows_missing(params["missing"]):
        return {"ensure_all_finite": "allow-nan"}
    return {}


def check_complete_for_distances_of(X, params):
    """With ``pairing="knn"``, refuse the missing values that its distances
    cannot read (as ``missing`` says)."""
    if params["pairing"] == "knn":
        check_complete_for_distances(X, missing=params["missing"])


def record_features(estimator, X):
    """Set ``n_features_in_`` and ``feature_names_in_`` from the whole input
    ``X`` (validate_data saw only the columns to mix)."""
    _check_n_features(estimator, X, reset=True)
    _check_feature_names(estimator, X, reset=True)


# --- 3. what depends on the data ----------------------------------------------


def check_labels(y, params):
    """Check the labels of a classification ``y``: ``mix_classes`` among
    them, and, for plain augmentation, more than one class."""
    # return_counts is hash-based in NumPy 2, return_inverse sorts.
    labels = np.unique(y, return_counts=True)[0]
    check_mix_classes(params["mix_classes"], labels)
    if params["sampling_strategy"] is None and len(labels) <= 1:
        # imbalanced-learn's own message, which its checks look for.
        raise ValueError(
            "The target 'y' needs to have more than 1 class. "
            f"Got {len(labels)} class instead"
        )


def check_lag_pairing(params, n_rows):
    """Refuse, under ``pairing="lag"``, a ``lag`` that leaves no row a
    partner (:func:`~._validation.check_lag`)."""
    if params["pairing"] == "lag":
        check_lag(params["lag"], n_rows)


def check_strategy_counts(sampling_strategy, y):
    """The ``sampling_strategy`` to hand imbalanced-learn: a callable's dict
    (called once here, refused if it is not a dict), with every count a whole
    number of rows; other forms as they are."""
    strategy = called_strategy(
        sampling_strategy, y, "it must return a dict of class label -> number of rows"
    )
    if isinstance(strategy, Mapping):
        fractional = {
            label: count
            for label, count in strategy.items()
            if isinstance(count, bool) or not isinstance(count, Integral)
        }
        if fractional:
            raise ValueError(
                f"sampling_strategy asks for {fractional!r} rows; the counts "
                "of a sampling_strategy dict must be whole numbers of rows "
                "(int), the number of rows each class should have."
            )
    return strategy


def balancing_counts(sampling_strategy, y):
    """imbalanced-learn's reading of ``sampling_strategy``: the rows to add
    to each class."""
    strategy = check_strategy_counts(sampling_strategy, y)
    try:
        return check_sampling_strategy(strategy, y, "over-sampling")
    except ValueError as exc:
        # imbalanced-learn's messages do not always name the parameter.
        raise ValueError(
            f"sampling_strategy={sampling_strategy!r} does not fit y: {exc}"
        ) from None


def region_counts(y, params):
    """The rows to add to each rare region ``(low, high)`` of a regression
    ``y``, in increasing y (:func:`~._relevance.regression_strategy`, which
    checks ``relevance`` and a dict or callable ``sampling_strategy``
    against y)."""
    return regression_strategy(
        y,
        params["sampling_strategy"],
        params["relevance"],
        params["relevance_threshold"],
    )


def check_against_data(y, params):
    """Check what depends on the data (the labels, ``sampling_strategy``
    against them or against the regression target, then ``lag`` against the
    rows) and return the number of synthetic rows per class (per rare region
    for regression balancing): empty for plain augmentation, whose anchors
    (:func:`draw_sampler_anchors`) count them."""
    strategy = OrderedDict()
    if balances_regions(params):
        strategy = region_counts(y, params)
    elif params["target"] == "classification" and not is_multilabel(y, params):
        check_labels(y, params)
        if params["sampling_strategy"] is not None:
            strategy = balancing_counts(params["sampling_strategy"], y)
    check_lag_pairing(params, len(y))
    return strategy


def check_output_rows(params, n_rows, strategy, X):
    """Refuse an output too large to allocate, naming the parameter that asks
    for it (``n_samples``, or ``sampling_strategy``)."""
    balancing = params["sampling_strategy"] is not None
    n_out = (
        sum(strategy.values())
        if balancing
        else n_synthetic_rows(params["n_samples"], n_rows)
    )
    check_output_size(
        n_out + (n_rows if keeps_originals(params) else 0),
        X,
        parameter=(
            f"sampling_strategy={params['sampling_strategy']!r}"
            if balancing
            else f"n_samples={params['n_samples']!r}"
        ),
    )


# --- 4. the anchors and the plan ----------------------------------------------


def balancing_anchors(y, strategy, random_state):
    """Anchors of the rows that balancing adds: for each class of
    ``strategy`` (label → rows to add), in its order, whole cycles through the
    class's rows and a random remainder of them
    (:func:`~mixup_sklearn._pairing.draw_anchors`)."""
    blocks = [np.empty(0, dtype=np.intp)]
    for label, n_new in strategy.items():
        members = np.flatnonzero(y == label)
        blocks.append(members[draw_anchors(n_new, len(members), random_state)])
    return np.concatenate(blocks)


def draw_sampler_anchors(y, params, strategy, random_state):
    """The anchor of each synthetic row, drawn first from ``random_state``:
    whole cycles through the rows and a random remainder
    (:func:`~mixup_sklearn._pairing.draw_anchors`), class-balanced for
    classification; with ``sampling_strategy`` (``strategy``: the rows to
    add per class, or per rare region of a regression target), the same
    within each class (region).

    Returns the anchors and, for plain augmentation of classes, the number
    anchored in each class (``sampling_strategy_``); otherwise None.
    """
    if balances_regions(params):
        return (
            balancing_anchors(
                region_codes(y, list(strategy)),
                dict(enumerate(strategy.values())),
                random_state,
            ),
            None,
        )
    if params["sampling_strategy"] is not None:
        return balancing_anchors(y, strategy, random_state), None
    n_rows = len(y)
    n_synthetic = n_synthetic_rows(params["n_samples"], n_rows)
    if params["target"] == "regression" or is_multilabel(y, params):
        # A multi-label y has no classes to balance a remainder over.
        return draw_anchors(n_synthetic, n_rows, random_state), None
    if n_synthetic % n_rows == 0:
        # No remainder: the class counts alone (hash-based, no sort).
        labels, class_counts = np.unique(y, return_counts=True)
        anchors = draw_anchors(n_synthetic, n_rows, random_state)
        anchored = class_counts * (n_synthetic // n_rows)
    else:
        labels, codes = np.unique(y, return_inverse=True)
        anchors = draw_anchors(n_synthetic, n_rows, random_state, groups=codes)
        anchored = np.bincount(codes[anchors], minlength=len(labels))
    counts = OrderedDict(zip(labels.tolist(), anchored.tolist(), strict=True))
    return anchors, counts


def mix_sources(table, X, method):
    """What the rows are made from, as :func:`resample_rows`' keywords: the
    validated numeric columns ``X``, or, when CutMix swaps a DataFrame, its
    own columns, so that their dtypes and values stay exact (with
    ``pairing="knn"`` too, whose distances use the numeric columns); and the
    number of categorical columns, which count in CutMix's share."""
    swap_frame = swaps_cells(method) and table.frame is not None
    return {
        "source": table.frame if swap_frame else X,
        "n_fixed": 0 if table.columns is None else int(table.columns.mask.sum()),
    }


def resample_rows(
    X,
    y,
    params,
    *,
    random_state,
    strategy=None,
    own=slice(None),
    source=None,
    n_fixed=0,
):
    """Draw the anchors (:func:`draw_sampler_anchors`, the first draws of
    ``random_state``) and the plan, and apply it: the mixed rows and their
    targets, after the input rows when :func:`keeps_originals`.

    ``strategy`` is :func:`check_against_data`'s count per class or region:
    with :func:`balances_regions`, partners are drawn in the anchor's rare
    region (``pairing="random"`` uniformly within it), so that the mixed
    target stays in the region. ``own`` is the slice of rows that may be
    anchors (a Dask block's own rows; its halo rows are only partners).

    ``X`` and ``y`` are validated; ``source`` (default ``X``) is what the
    rows are made from: a DataFrame for CutMix on one. ``n_fixed`` counts
    the categorical columns, which keep the anchor's value and count in
    CutMix's share. Returns ``X_res``, ``y_res``, the
    :class:`~._plan.MixPlan` and :func:`draw_sampler_anchors`' class counts
    (or None).
    """
    # Drawn here, so that the anchors are freed once the plan holds its
    # pairs: an n-vector alive during the blend counts against the memory
    # budget.
    anchors, counts = draw_sampler_anchors(y[own], params, strategy, random_state)
    anchors += own.start or 0
    classification = params["target"] == "classification"
    remix = params["label"] == "remix"
    # Class codes only where partners or labels depend on the class: an
    # n-vector alive during the blend counts against the memory budget.
    codes = None
    pairing = params["pairing"]
    if (
        classification
        and not is_multilabel(y, params)
        and (pairing in CLASS_PAIRINGS or remix)
    ):
        # (knn on a multi-label y: neighbours among all rows.)
        codes = np.unique(y, return_inverse=True)[1]
    elif balances_regions(params):
        codes = region_codes(y, list(strategy))
        if pairing == "random":
            # Uniform among all other rows of the region.
            pairing = "within_class"
    source = X if source is None else source
    mix_classes = params["mix_classes"]
    plan = draw_plan(
        random_state,
        n_rows=X.shape[0],
        alpha=params["alpha"],
        anchors=anchors,
        fold=not remix,
        method=params["method"],
        preserve=classification,
        pairing=pairing,
        X=X,
        y=y,
        groups=codes,
        n_neighbors=params["n_neighbors"],
        bandwidth=params["bandwidth"],
        lag=params["lag"],
        mixable=None if mix_classes is None else np.isin(y, np.asarray(mix_classes)),
        n_columns=source.shape[1],
        n_fixed=n_fixed,
    )
    del anchors
    concat = keeps_originals(params)
    if _is_frame(source):
        X_res = take_cells(source, cell_rows(plan, X.shape[0], concat=concat))
    else:
        X_res = apply_plan(plan, source, concat=concat, missing=params["missing"])
    if not classification:
        y_res = blended_targets(y, plan, concat=concat)
    else:
        if remix:
            y_res = remix_labels(
                y, codes, plan, kappa=params["kappa"], tau=params["tau"]
            )
        else:
            y_res = anchor_labels(y, plan)
        if concat:
            y_res = np.concatenate([y, y_res])
    return X_res, y_res, plan, counts


# --- 5. the containers --------------------------------------------------------


def restore_containers(table, X_res, y_res, params, *, pairs, lambdas, originals):
    """Put the mixed rows back into the containers of the input.

    ``pairs`` and ``lambdas`` are the plan's; ``originals`` are the input
    rows that lead the output (or None). Whether integer columns turn float
    is :func:`~._plan.interpolates`'s rule.
    """
    alpha, method = params["alpha"], params["method"]
    blended = interpolates(alpha, method)
    rows = pairs[:, 0]
    if originals is not None:
        rows = np.concatenate([originals, rows])
    return table.restore(
        X_res,
        y_res,
        rows,
        copies=copied_rows(pairs, lambdas, originals),
        interpolated_x=blended,
        interpolated_y=(
            params["target"] == "regression"
            and interpolates(alpha, method, target=True)
        ),
        # Swapped cells are their rows' own values: nothing to round.
        round_integers=params["round_integers"] and blended,
    )
