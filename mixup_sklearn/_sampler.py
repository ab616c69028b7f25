"""The imbalanced-learn sampler: :class:`MixupSampler`."""

from collections import OrderedDict
from collections.abc import Callable, Mapping
from numbers import Integral, Real

import numpy as np
from imblearn.base import BaseSampler
from imblearn.utils import Substitution, check_sampling_strategy, check_target_type
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import HasMethods, Interval, StrOptions
from sklearn.utils.multiclass import check_classification_targets
from sklearn_compat.base import _fit_context
from sklearn_compat.utils.validation import (
    _check_feature_names,
    _check_n_features,
    validate_data,
)

from ._dependencies import is_dask_collection
from ._docstrings import SHARED_DOCS
from ._pairing import CLASS_PAIRINGS, PAIRINGS, draw_anchors
from ._plan import (
    anchor_labels,
    apply_plan,
    blended_targets,
    cell_rows,
    draw_plan,
    interpolates,
    one_hot_rows,
    remix_labels,
    swaps_cells,
)
from ._relevance import region_codes, regression_strategy
from ._tables import (
    TabularInput,
    _is_frame,
    check_frame_cells,
    copied_rows,
    non_numeric_columns,
    non_numeric_error,
    take_cells,
)
from ._validation import (
    MIXUP_CONSTRAINTS,
    ArrayLike,
    RandomStateLike,
    check_method,
    check_mix_classes,
    check_n_rows,
    check_numeric,
    check_output_size,
    n_synthetic_rows,
    with_unique_labels,
    without_unique_labels,
)


@Substitution(**SHARED_DOCS)
class MixupSampler(BaseSampler):
    """Augment a training set with mixup, as a step of an imbalanced-learn pipeline.

    Synthetic row k blends an anchor row a_k with a partner row p_k. The
    anchors cycle through the n rows in order (a_k = k mod n) as many whole
    times as fit in ``n_samples``; the anchors of a remainder are a random
    draw of distinct rows, class-balanced for classification, so that every
    row anchors as many synthetic rows as any other, give or take one, and
    no class is left out:

    .. math::

        x'_k = \\lambda_k x_{{a_k}} + (1 - \\lambda_k) x_{{p_k}}, \\qquad
        \\lambda_k = \\max(\\mu_k, 1 - \\mu_k), \\quad \\mu_k \\sim
        \\mathrm{{Beta}}(\\alpha, \\alpha).

    Folding λ keeps the larger share with the anchor, so that a synthetic row
    is closer to its anchor than to its partner. A row with λ = 1 is its
    anchor, bit for bit.

    For classification the synthetic row keeps its anchor's label (label
    preservation), since scikit-learn classifiers take hard labels only; use
    :class:`MixupClassifier` for soft labels. For regression the target is
    mixed with the same λ as the row: y'_k = λ_k y_{{a_k}} + (1 − λ_k) y_{{p_k}}.

    Resampling happens in ``fit_resample`` only, so that in an
    :class:`imblearn.pipeline.Pipeline` the model is trained on mixed rows and
    predicts on real ones.

    Read more in the :ref:`User Guide <sampler>`.

    Parameters
    ----------
    {alpha}

    {n_samples}

    {concat}

    {method}

    pairing : {{"random", "within_class", "knn", "label_kernel", "lag"}}, \
            default="random"
        How the partner of an anchor is drawn:

        - ``"random"``: uniformly among all other rows;
        - ``"within_class"``: uniformly among the other rows of the anchor's
          class (classification only), so a synthetic row lies between two
          rows of the same class;
        - ``"knn"``: uniformly among the anchor's ``n_neighbors`` nearest
          other rows (Euclidean distance on the numeric columns), within the
          anchor's class for classification and among all rows for
          regression: SMOTE's neighbourhood with Beta weights (local mixup);
        - ``"label_kernel"``: C-Mixup (regression only): partner p of anchor
          a with probability ∝ exp(−‖y_a − y_p‖² / (2·bandwidth²)), p ≠ a;
        - ``"lag"``: rows are in time order; the partner of row a is row
          a + lag, or a − lag where a + lag runs off the end. An anchor with
          neither (lag > n / 2) is copied unchanged.

    target : {{"classification", "regression"}}, default="classification"
        ``"classification"``: y holds class labels of any type imbalanced-learn
        accepts, and synthetic rows take their anchor's label.
        ``"regression"``: y is a numeric target, single- or multi-output,
        mixed with the same λ as the row.

    sampling_strategy : float, str, dict, callable or None, default=None
        ``None``: plain augmentation, as set by ``n_samples`` and ``concat``.
        Otherwise class balancing, an alternative to SMOTE, in any of
        imbalanced-learn's over-sampling forms (``"auto"``, ``"minority"``,
        ``"not minority"``, ``"not majority"``, ``"all"``, a float for binary
        targets, a dict of class → target count, or a callable). The output is
        then the original rows followed by the synthetic rows that bring each
        class to its target count, each anchored in the class it adds to
        (anchors cycle through that class's rows, a remainder drawn at
        random among them). ``concat`` is then
        ignored, and ``n_samples`` must stay None.

        With ``target="regression"`` (a 1-D target): rare-target balancing,
        in the SMOGN style. Rows whose ``relevance`` is at least
        ``relevance_threshold`` are rare; rare rows contiguous in the order of
        y form a region, named by the closed interval ``(low, high)`` of its
        targets. Each synthetic row mixes an anchor and a partner of the same
        region (``pairing`` "random", "knn" or "label_kernel" within the
        region), so its target stays in the region. The forms:

        - ``"auto"``: each rare region is brought to the mean size of all
          runs of rows, rare regions and the common runs between them
          (SMOGN's "balance");
        - a float r in (0, 1]: each rare region is brought to r times the
          size of the largest common run;
        - a dict ``{{(low, high): n_rows_to_add}}``: the regions and the rows
          to add to each (``relevance`` is then not used); regions must not
          overlap;
        - a callable ``y -> dict`` of that form.

    relevance : "density", callable or array-like, default="density"
        The relevance φ(y) in [0, 1] of each target, for regression
        balancing (``target="regression"`` with ``sampling_strategy``):

        - ``"density"``: φ(y) = 1 − f̂(y) / max f̂, with f̂ the Gaussian kernel
          density of the target (Silverman's bandwidth), so that rare targets
          are relevant; a value whose density is a fifth of the peak's has
          φ = 0.8;
        - a callable ``y -> relevance``, returning an array of y's shape
          with values in [0, 1];
        - an array of increasing bin edges covering y (use ``-inf`` and
          ``inf`` as outer edges): each bin is a region, of relevance
          1 − (its rows) / (the rows of the largest bin).

    relevance_threshold : float, default=0.8
        Rows with relevance >= ``relevance_threshold`` are rare, in (0, 1].

    label : {{"anchor", "remix"}}, default="anchor"
        The hard label of a synthetic row (classification). ``"anchor"``: the
        anchor's label. ``"remix"``: Remix (Chou et al., 2020). λ is then not
        folded; with n_a and n_p the class counts of the anchor's and the
        partner's labels, and λ the anchor's weight, the label is

        - the partner's label if n_a / n_p ≥ kappa and λ < tau;
        - otherwise the anchor's label if n_a / n_p ≤ 1 / kappa and
          1 − λ < tau;
        - otherwise the label of the larger share (the anchor's if λ ≥ 0.5).

        At ``tau=0.5`` this is the larger-share rule; ``tau`` above 0.5 moves
        labels towards the minority class. Cannot be combined with
        ``sampling_strategy``, whose class counts it would change, nor with
        ``method="cutmix"``.

    kappa : float, default=3.0
        Remix's imbalance ratio, ``kappa >= 1``. Used with ``label="remix"``.

    tau : float, default=0.5
        Remix's threshold on the weight, in [0, 1]. Used with
        ``label="remix"``.

    n_neighbors : int or estimator, default=5
        Neighbourhood size for ``pairing="knn"``, >= 1. A class (for
        regression, the data set) with fewer other rows uses all of them,
        with a warning (SMOTE refuses instead). Or a neighbours estimator
        with ``fit`` and ``kneighbors``, fitted or not (for example
        ``NearestNeighbors(n_neighbors=5, metric="manhattan")``, or an
        approximate search), whose own ``n_neighbors`` parameter is the
        size, counting the other rows as the int does: a clone is fitted on
        each class, and the estimator given is never modified.

    bandwidth : float, default=1.0
        Kernel bandwidth for ``pairing="label_kernel"``, > 0, in the units of
        y. A 1-D target is sampled exactly in O(n log n); a multi-output target
        (Euclidean distance) costs O(n) per synthetic row.

    lag : int, default=1
        Offset between anchor and partner for ``pairing="lag"``, >= 1 and
        smaller than the number of rows.

    mix_classes : array-like or None, default=None
        Labels whose rows are mixed. Synthetic rows anchored in another class
        are copies of their anchor (λ = 1), exactly. ``None`` mixes every
        class. Classification only.

    categorical_features : "auto", array-like or None, default=None
        Columns that are not interpolated: each synthetic row takes its
        anchor's value. ``"auto"``: pandas category, object, string and bool
        columns of a DataFrame (no column of an array or a sparse matrix).
        Otherwise column indices,
        column names (for a DataFrame) or a boolean mask. ``None``: every
        column is interpolated, and non-numeric columns are refused. Needs
        a dense ``X``; categorical columns keep their dtype and categories.

    round_integers : bool, default=False
        If True, integer columns of a DataFrame (or an integer array or
        sparse matrix) are rounded to the nearest integer after mixing and
        keep their dtype. If
        False, they come back as float64 once interpolated, never truncated.

    {random_state}

    Attributes
    ----------
    pairs_ : ndarray of shape (n_synthetic, 2)
        Anchor and partner row index (into the input) of each synthetic row;
        int32 when the input has fewer than 2**31 rows, else int64.

    lambdas_ : ndarray of shape (n_synthetic,)
        The weight λ of the anchor in each synthetic row: folded to [0.5, 1],
        except with ``label="remix"``, which does not fold it. With
        ``method="cutmix"``, the realised share of the row's cells that come
        from the anchor.

    sampling_strategy_ : dict
        For classification, the number of synthetic rows anchored in each
        class (with ``sampling_strategy``, the rows added to each class).
        For regression balancing, the rows added to each region
        ``(low, high)``, in increasing y; empty for plain regression
        augmentation.

    n_features_in_ : int
        Number of features in the input dataset.

    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit_resample`. Defined only when `X`
        has feature names that are all strings.

    See Also
    --------
    mixup : The functional form, mixing the target literally.
    imblearn.over_sampling.SMOTE : Interpolation between neighbours of the
        same class, for class balancing.

    Notes
    -----
    With the defaults, ``alpha=0`` returns the training set unchanged, so a
    grid over ``alpha`` that contains 0 also contains plain empirical risk
    minimisation.

    Integer and boolean columns of a DataFrame (and an integer regression
    target) come back as float64 once they are interpolated, rather than
    being truncated to their original dtype; ``round_integers=True`` rounds
    them instead. With ``alpha=0`` the output equals the input, dtypes
    included.

    ``mix_classes`` and ``pairing="lag"`` leave some anchors without a partner;
    those synthetic rows have λ = 1 and partner = anchor in ``pairs_``.

    References
    ----------
    {mixup_reference}

    .. [2] H.-P. Chou, S.-C. Chang, J.-Y. Pan, W. Wei and D.-C. Juan, "Remix:
       Rebalanced Mixup", ECCV Workshops 2020, arXiv:2007.03943.

    .. [3] H. Yao, Y. Wang, L. Zhang, J. Zou and C. Finn, "C-Mixup: Improving
       Generalization in Regression", NeurIPS 2022.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import load_iris
    >>> from mixup_sklearn import MixupSampler
    >>> X, y = load_iris(return_X_y=True)
    >>> sampler = MixupSampler(alpha=0.4, concat=True, random_state=0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> X_res.shape
    (300, 4)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 100), (1, 100), (2, 100)]

    Class balancing, as an alternative to SMOTE:

    >>> from sklearn.datasets import make_classification
    >>> X, y = make_classification(weights=[0.9], random_state=0)
    >>> balancer = MixupSampler(sampling_strategy="auto", pairing="knn",
    ...                         random_state=0)
    >>> X_bal, y_bal = balancer.fit_resample(X, y)
    >>> sorted(Counter(y_bal.tolist()).items())
    [(0, 91), (1, 91)]

    In a pipeline, with ``alpha`` tuned next to the model's parameters:

    >>> from imblearn.pipeline import make_pipeline
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.model_selection import GridSearchCV
    >>> model = make_pipeline(MixupSampler(random_state=0),
    ...                       LogisticRegression(max_iter=1000))
    >>> grid = GridSearchCV(model, {{"mixupsampler__alpha": [0.0, 0.2, 1.0]}}, cv=3)
    >>> grid.fit(X, y).best_params_["mixupsampler__alpha"] in (0.0, 0.2, 1.0)
    True
    """

    _sampling_type = "bypass"

    _parameter_constraints: dict = {
        **MIXUP_CONSTRAINTS,
        "pairing": [StrOptions(set(PAIRINGS))],
        "target": [StrOptions({"classification", "regression"})],
        "sampling_strategy": [
            None,
            Interval(Real, 0, 1, closed="right"),
            StrOptions({"auto", "minority", "not minority", "not majority", "all"}),
            Mapping,
            callable,
        ],
        "label": [StrOptions({"anchor", "remix"})],
        "kappa": [Interval(Real, 1, None, closed="left")],
        "tau": [Interval(Real, 0, 1, closed="both")],
        "relevance": [StrOptions({"density"}), callable, "array-like"],
        "relevance_threshold": [Interval(Real, 0, 1, closed="right")],
        "n_neighbors": [
            Interval(Integral, 1, None, closed="left"),
            HasMethods(["fit", "kneighbors"]),
        ],
        "bandwidth": [Interval(Real, 0, None, closed="neither")],
        "lag": [Interval(Integral, 1, None, closed="left")],
        "mix_classes": [None, "array-like"],
        "categorical_features": [None, StrOptions({"auto"}), "array-like"],
        "round_integers": ["boolean"],
    }

    def __init__(
        self,
        *,
        alpha: float = 0.4,
        n_samples: int | float | None = None,
        concat: bool = False,
        method: str = "mixup",
        pairing: str = "random",
        target: str = "classification",
        sampling_strategy: float | str | Mapping | Callable | None = None,
        relevance: str | Callable | ArrayLike = "density",
        relevance_threshold: float = 0.8,
        label: str = "anchor",
        kappa: float = 3.0,
        tau: float = 0.5,
        n_neighbors: int | object = 5,
        bandwidth: float = 1.0,
        lag: int = 1,
        mix_classes: ArrayLike | None = None,
        categorical_features: str | ArrayLike | None = None,
        round_integers: bool = False,
        random_state: RandomStateLike = None,
    ) -> None:
        self.alpha = alpha
        self.n_samples = n_samples
        self.concat = concat
        self.method = method
        self.pairing = pairing
        self.target = target
        self.sampling_strategy = sampling_strategy
        self.relevance = relevance
        self.relevance_threshold = relevance_threshold
        self.label = label
        self.kappa = kappa
        self.tau = tau
        self.n_neighbors = n_neighbors
        self.bandwidth = bandwidth
        self.lag = lag
        self.mix_classes = mix_classes
        self.categorical_features = categorical_features
        self.round_integers = round_integers
        self.random_state = random_state

    # --- validation, in three steps: parameters, X and y, then the plan ------

    def _check_params(self):
        """Refuse parameter combinations that cannot work, before any data."""
        check_method(
            self.method,
            label=(
                self.label,
                {
                    "remix": "Remix reassigns labels from the interpolation "
                    "weight λ of a blended row, which a row of swapped cells "
                    "does not have. Use label='anchor', or method='mixup'."
                },
            ),
        )
        if self.target == "regression":
            needs_classes = {
                "label": (self.label != "anchor", "anchor"),
                "mix_classes": (self.mix_classes is not None, None),
            }
            for name, (is_set, default) in needs_classes.items():
                if is_set:
                    raise ValueError(
                        f"{name}={getattr(self, name)!r} needs class labels; it "
                        "cannot be used with target='regression'. Leave "
                        f"{name}={default!r}."
                    )
            if self.pairing == "within_class":
                raise ValueError(
                    "pairing='within_class' needs class labels; it cannot be "
                    "used with target='regression'. Use pairing='random'."
                )
            self._check_regression_balancing()
        elif self.pairing == "label_kernel":
            raise ValueError(
                "pairing='label_kernel' draws partners with similar regression "
                "targets; it needs target='regression', got "
                f"target={self.target!r}."
            )
        if self.sampling_strategy is not None:
            if self.n_samples is not None:
                raise ValueError(
                    f"n_samples={self.n_samples!r} cannot be combined with "
                    f"sampling_strategy={self.sampling_strategy!r}: the number "
                    "of synthetic rows is set by sampling_strategy. Leave "
                    "n_samples=None."
                )
            if self.label == "remix":
                raise ValueError(
                    "label='remix' moves synthetic rows to other classes, so "
                    "the class counts asked by sampling_strategy="
                    f"{self.sampling_strategy!r} would not be met. Use one or "
                    "the other."
                )

    def _check_regression_balancing(self):
        """Refuse the forms of ``sampling_strategy`` that name classes, and
        ``pairing="lag"``, whose partner may leave the rare region."""
        strategy = self.sampling_strategy
        if isinstance(strategy, str) and strategy != "auto":
            raise ValueError(
                f"sampling_strategy={strategy!r} names classes; with "
                "target='regression' use 'auto', a float in (0, 1], a dict "
                "{(low, high): n_rows_to_add} or a callable returning one."
            )
        if strategy is not None and self.pairing == "lag":
            raise ValueError(
                "pairing='lag' draws partners outside the anchor's rare region; "
                f"it cannot be combined with sampling_strategy={strategy!r} and "
                "target='regression'. Use pairing='random', 'knn' or "
                "'label_kernel'."
            )

    def _check_X_y(self, X, y):
        """Validate the columns to mix and ``y``, as imbalanced-learn's
        ``_check_X_y`` does: return ``X``, ``y`` and whether ``y`` was
        one-vs-all (one-hot)."""
        if y is None:
            raise ValueError(
                # The wording scikit-learn's check_requires_y_none expects.
                "MixupSampler requires y to be passed, but the target y is "
                "None: pass class labels, or a numeric target with "
                "target='regression'."
            )
        try:
            if self.target == "regression":
                # validate_data's own errors ("could not convert string to float")
                # do not say that y is at fault.
                y = check_numeric(y, name="y", ensure_2d=False)
                X, y = self._validate_X_y(X, y, multi_output=True, y_numeric=True)
                return X, y, False
            # The two label checks share one pass over y.
            y = with_unique_labels(y)
            try:
                check_classification_targets(y)
            except ValueError as exc:
                if "Unknown label type" not in str(exc):
                    # NaN or infinity: refused with target='regression' too.
                    raise
                raise ValueError(
                    f"{exc} If y is a regression target, pass target='regression' "
                    "to MixupSampler."
                ) from None
            if _is_frame(y):
                # check_target_type reads a one-hot y with ndarray.argmax.
                y = y.to_numpy()
            y, binarize_y = check_target_type(y, indicate_one_vs_all=True)
            X, y = self._validate_X_y(X, without_unique_labels(y))
            return X, y, binarize_y
        except ValueError as exc:
            text_columns = non_numeric_columns(X)
            if self.categorical_features is None and text_columns:
                raise non_numeric_error(
                    "X", text_columns, frame=hasattr(X, "columns"), detail=exc
                ) from None
            raise

    def _swaps_frame(self, X):
        """Whether CutMix swaps the columns of the DataFrame ``X`` itself,
        which may then hold any dtype (knn needs numbers for its distances)."""
        return swaps_cells(self.method) and _is_frame(X) and self.pairing != "knn"

    def _validate_X_y(self, X, y, **params):
        """``validate_data`` of X and y; a DataFrame that CutMix swaps is
        checked as it is, its columns of any dtype left unconverted."""
        if not self._swaps_frame(X):
            return validate_data(
                self, X=X, y=y, reset=True, accept_sparse=["csr", "csc"], **params
            )
        check_frame_cells(X, name="X")
        check_n_rows(X, y)
        y = validate_data(self, X="no_validation", y=y, reset=True, **params)
        _check_n_features(self, X, reset=True)
        _check_feature_names(self, X, reset=True)
        return X, y

    def _check_sampling_strategy(self, y):
        """Check what depends on the data (``mix_classes``, the number of
        classes and ``sampling_strategy`` against the labels, then ``lag``
        against the rows) and return the number of synthetic rows per class:
        empty for regression and for plain augmentation, whose anchors
        (drawn by :meth:`_anchors`) fill it in."""
        strategy = OrderedDict()
        if self.target == "classification":
            # return_counts is hash-based in NumPy 2, return_inverse sorts.
            labels = np.unique(y, return_counts=True)[0]
            check_mix_classes(self.mix_classes, labels)
            if self.sampling_strategy is not None:
                strategy = self._balancing_counts(y)
            elif len(labels) <= 1:
                # imbalanced-learn's own message, which its checks look for.
                raise ValueError(
                    "The target 'y' needs to have more than 1 class. "
                    f"Got {len(labels)} class instead"
                )
        elif self.sampling_strategy is not None:
            strategy = regression_strategy(
                y, self.sampling_strategy, self.relevance, self.relevance_threshold
            )
        if self.pairing == "lag" and self.lag >= len(y):
            raise ValueError(
                f"lag must be smaller than the number of rows ({len(y)}); "
                f"got lag={self.lag}."
            )
        return strategy

    def _balancing_counts(self, y):
        """imbalanced-learn's reading of ``sampling_strategy``: the rows to add
        to each class."""
        strategy = check_strategy_counts(self.sampling_strategy, y)
        try:
            return check_sampling_strategy(strategy, y, "over-sampling")
        except ValueError as exc:
            if "sampling_strategy" in str(exc):
                raise
            # imbalanced-learn's messages ("The {7} target class is/are not
            # present in the data.") do not name the parameter.
            raise ValueError(
                f"sampling_strategy={self.sampling_strategy!r} does not fit y: {exc}"
            ) from None

    def _validate(self, X, y):
        """The three steps; sets the fitted attributes that describe the input
        and returns the :class:`TabularInput`, the columns to mix, ``y`` and
        whether ``y`` was one-hot."""
        self._check_params()
        table = TabularInput(X, y, self.categorical_features, swap=self._swaps_frame(X))
        # A regression target is checked as numbers, in its own container
        # (a category Series is refused by name); labels as values.
        y_values = y if self.target == "regression" else table.y
        X_num, y, binarize_y = self._check_X_y(table.numeric, y_values)
        # validate_data saw the numeric columns (as an array, or as the
        # DataFrame CutMix swaps); the fitted attributes describe the whole
        # input.
        _check_n_features(self, X, reset=True)
        _check_feature_names(self, X, reset=True)
        self.sampling_strategy_ = self._check_sampling_strategy(y)
        n_out = (
            n_synthetic_rows(self.n_samples, len(y))
            if self.sampling_strategy is None
            else sum(self.sampling_strategy_.values())
        )
        check_output_size(
            n_out + (len(y) if self._keeps_originals() else 0),
            X_num,
            parameter=(
                f"n_samples={self.n_samples!r}"
                if self.sampling_strategy is None
                else f"sampling_strategy={self.sampling_strategy!r}"
            ),
        )
        return table, X_num, y, binarize_y

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, **params):
        """Check inputs and statistics of the sampler.

        You should use ``fit_resample`` in all cases.

        Parameters
        ----------
        X : {array-like, dataframe, sparse matrix} of shape (n_samples, n_features)
            Data array.

        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Target array.

        **params : dict
            Ignored; accepted for compatibility with imbalanced-learn.

        Returns
        -------
        self : object
            Return the instance itself.
        """
        if is_dask_collection(X) or is_dask_collection(y):
            from ._dask import fit

            return fit(self, X, y)
        _, _, y, _ = self._validate(X, y)
        if self.sampling_strategy is None and self.target == "classification":
            # sampling_strategy_ counts the anchors that fit_resample, with
            # the same random_state, draws first.
            self._anchors(y, check_random_state(self.random_state))
        return self

    @_fit_context(prefer_skip_nested_validation=True)
    def fit_resample(self, X, y, **params):
        """Resample the dataset with mixup.

        Parameters
        ----------
        X : {array-like, dataframe, sparse matrix} of shape (n_samples, n_features)
            Matrix containing the data to mix.

        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Class labels, or the regression target with
            ``target="regression"``.

        **params : dict
            Ignored; accepted for compatibility with imbalanced-learn.

        Returns
        -------
        X_resampled : {array-like, dataframe, sparse matrix} of shape \
                (n_samples_new, n_features)
            The synthetic rows (after the original rows if ``concat=True`` or
            ``sampling_strategy`` is set), in the container of ``X``.

        y_resampled : array-like of shape (n_samples_new,) or \
                (n_samples_new, n_outputs)
            The corresponding target, in the container of ``y``.
        """
        # imbalanced-learn's template (SamplerMixin.fit_resample: validate,
        # _check_X_y, sampling_strategy_, _fit_resample, ArraysTransformer)
        # cannot be used as it is, so this method follows its steps with the
        # same hooks (_check_X_y, _fit_resample) but its own first and last
        # step. The template
        # - calls check_classification_targets(y) before any hook, which
        #   refuses every target="regression" y ("continuous");
        # - sets sampling_strategy_ from check_sampling_strategy(None, y,
        #   "bypass"), i.e. None, where this sampler reports the rows anchored
        #   in each class;
        # - restores containers with ArraysTransformer, which casts a
        #   DataFrame's columns back to their input dtypes (blended integer
        #   columns truncated), knows pandas only (not polars or pyarrow), and
        #   cannot put back categorical columns or CutMix's swapped frame;
        # - one-hot encodes y again with label_binarize, which gives one
        #   column for a two-column one-hot y.
        # A Dask collection takes the block-wise path instead.
        if is_dask_collection(X) or is_dask_collection(y):
            from ._dask import resample

            return resample(self, X, y)
        n_columns = np.shape(y)[1] if np.ndim(y) == 2 else None
        table, X_num, y, binarize_y = self._validate(X, y)
        X_res, y_res = self._fit_resample(X_num, y, **self._sources(table, X_num))
        if binarize_y:
            y_res = one_hot_rows(y_res, n_columns)
        originals = np.arange(X_num.shape[0]) if self._keeps_originals() else None
        return self._restore(table, X_res, y_res, originals=originals)

    def _sources(self, table, X_num):
        """What the rows are made from, as ``_fit_resample``'s keywords: the
        validated numeric columns, or, when CutMix swaps a DataFrame, its own
        columns, so that their dtypes and values stay exact (with
        ``pairing="knn"`` too, whose distances use the numeric columns); and
        the number of categorical columns, which count in CutMix's share."""
        swap_frame = swaps_cells(self.method) and table.frame is not None
        return {
            "source": table.frame if swap_frame else X_num,
            "n_fixed": 0 if table.columns is None else int(table.columns.mask.sum()),
        }

    def _restore(self, table, X_res, y_res, *, originals):
        """Put the mixed rows back into the containers of the input.

        ``originals`` are the input rows that lead the output (or None).
        Whether integer columns turn float is :func:`interpolates`'s rule.
        """
        blended = interpolates(self.alpha, self.method)
        rows = self.pairs_[:, 0]
        if originals is not None:
            rows = np.concatenate([originals, rows])
        return table.restore(
            X_res,
            y_res,
            rows,
            copies=copied_rows(self.pairs_, self.lambdas_, originals),
            interpolated_x=blended,
            interpolated_y=(
                self.target == "regression"
                and interpolates(self.alpha, self.method, target=True)
            ),
            # Swapped cells are their rows' own values: nothing to round.
            round_integers=self.round_integers and blended,
        )

    # --- resampling ------------------------------------------------------------

    def _keeps_originals(self):
        return self.concat or self.sampling_strategy is not None

    def _anchors(self, y, random_state):
        """The anchor of each synthetic row, drawn first from
        ``random_state``: whole cycles through the rows and a random remainder
        (:func:`~mixup_sklearn._pairing.draw_anchors`), class-balanced for
        classification; with ``sampling_strategy``, the same within each
        class. Sets ``sampling_strategy_`` for plain augmentation."""
        if self.sampling_strategy is not None and self.target == "regression":
            regions = list(self.sampling_strategy_)
            return balancing_anchors(
                region_codes(y, regions),
                dict(enumerate(self.sampling_strategy_.values())),
                random_state,
            )
        if self.sampling_strategy is not None:
            return balancing_anchors(y, self.sampling_strategy_, random_state)
        n_rows = len(y)
        n_synthetic = n_synthetic_rows(self.n_samples, n_rows)
        if self.target == "regression":
            return draw_anchors(n_synthetic, n_rows, random_state)
        if n_synthetic % n_rows == 0:
            # No remainder: the class counts alone (hash-based, no sort).
            labels, class_counts = np.unique(y, return_counts=True)
            anchors = draw_anchors(n_synthetic, n_rows, random_state)
            anchored = class_counts * (n_synthetic // n_rows)
        else:
            labels, codes = np.unique(y, return_inverse=True)
            anchors = draw_anchors(n_synthetic, n_rows, random_state, groups=codes)
            anchored = np.bincount(codes[anchors], minlength=len(labels))
        self.sampling_strategy_ = OrderedDict(
            zip(labels.tolist(), anchored.tolist(), strict=True)
        )
        return anchors

    def _fit_resample(self, X, y, source=None, *, anchors=None, n_fixed=0):
        """Mix the validated ``X`` and ``y``; ``source`` (default ``X``) is
        what the rows are made from: a DataFrame for CutMix on one.
        ``n_fixed`` counts the categorical columns, which keep the anchor's
        value and count in CutMix's share. ``anchors`` is the Dask path's
        seam, for a block given with rows of its neighbours
        (``pairing="lag"``) whose own rows only are anchors."""
        random_state = check_random_state(self.random_state)
        classification = self.target == "classification"
        # Class codes only where partners or labels depend on the class: an
        # n-vector alive during the blend counts against the memory budget.
        codes = None
        pairing = self.pairing
        if classification and (self.pairing in CLASS_PAIRINGS or self.label == "remix"):
            codes = np.unique(y, return_inverse=True)[1]
        elif self.sampling_strategy is not None and not classification:
            # Regression balancing: partners from the anchor's rare region,
            # uniform ("random") being "within_class" over the regions.
            codes = region_codes(y, list(self.sampling_strategy_))
            if pairing == "random":
                pairing = "within_class"
        if anchors is None:
            anchors = self._anchors(y, random_state)
        source = X if source is None else source
        plan = draw_plan(
            random_state,
            n_rows=X.shape[0],
            alpha=self.alpha,
            anchors=anchors,
            fold=self.label != "remix",
            method=self.method,
            preserve=classification,
            pairing=pairing,
            X=X,
            y=y,
            groups=codes,
            n_neighbors=self.n_neighbors,
            bandwidth=self.bandwidth,
            lag=self.lag,
            mixable=(
                None
                if self.mix_classes is None
                else np.isin(y, np.asarray(self.mix_classes))
            ),
            n_columns=source.shape[1],
            n_fixed=n_fixed,
        )
        del anchors
        self.pairs_, self.lambdas_ = plan.pairs, plan.lambdas
        concat = self._keeps_originals()
        if _is_frame(source):
            X_res = take_cells(source, cell_rows(plan, X.shape[0], concat=concat))
        else:
            X_res = apply_plan(plan, source, concat=concat)
        if not classification:
            y_res = blended_targets(y, plan, concat=concat)
        else:
            if self.label == "remix":
                y_res = remix_labels(y, codes, plan, kappa=self.kappa, tau=self.tau)
            else:
                y_res = anchor_labels(y, plan)
            if concat:
                y_res = np.concatenate([y, y_res])
        return X_res, y_res


def check_strategy_counts(sampling_strategy, y):
    """The ``sampling_strategy`` to hand imbalanced-learn: a callable's dict
    (called once here, refused if it is not a dict), with every count a whole
    number of rows; other forms as they are."""
    strategy = sampling_strategy
    if callable(strategy):
        strategy = strategy(y)
        if not isinstance(strategy, Mapping):
            raise TypeError(
                f"sampling_strategy is a callable that returned {strategy!r} "
                f"(a {type(strategy).__name__}); it must return a dict of "
                "class label -> number of rows."
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
