"""The imbalanced-learn sampler: :class:`MixupSampler`."""

from collections.abc import Callable, Mapping
from numbers import Integral, Real

import numpy as np
from imblearn.base import BaseSampler
from imblearn.utils import Substitution
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import HasMethods, Interval, StrOptions
from sklearn_compat.base import _fit_context

from ._dependencies import is_dask_collection
from ._docstrings import SHARED_DOCS
from ._pairing import PAIRINGS
from ._plan import blended_weights, one_hot_rows
from ._resample import (
    check_against_data,
    check_complete_for_distances_of,
    check_output_rows,
    check_param_combinations,
    check_X_and_target,
    draw_sampler_anchors,
    keeps_originals,
    mix_sources,
    record_features,
    resample_rows,
    restore_containers,
    swaps_frame,
)
from ._tables import TabularInput
from ._validation import (
    DASK_SAMPLE_WEIGHT,
    MIXUP_CONSTRAINTS,
    PAIRING_CONSTRAINTS,
    ArrayLike,
    RandomStateLike,
    allows_missing,
    check_sample_weight,
    refuse_unknown_params,
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
    :class:`MixupClassifier` for soft labels. A multi-label y (a 2-D 0/1
    indicator, one column per label, whose rows do not each hold exactly one
    1) keeps its anchor's label row the same way; a one-hot y is read as its
    labels. For regression the target is
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

        Not supported for Dask collections.

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

    bandwidth : float or "scott", default=1.0
        Kernel bandwidth for ``pairing="label_kernel"``, > 0, in the units of
        y; or ``"scott"``, 1.06·σ·n^(−1/5) on the rows' target, as in
        :class:`MixupRegressor` (on Dask, on each block's). A 1-D target is
        sampled exactly in O(n log n); a multi-output target (Euclidean
        distance) costs O(n) per synthetic row.

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

    {missing}

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

    sample_weight_ : ndarray of shape (n_samples_new,) or None
        The weight of each row that ``fit_resample`` returned, in order:
        λ_k w_{{a_k}} + (1 − λ_k) w_{{p_k}} for synthetic row k (λ_k as in
        ``lambdas_``), an original row's own weight where originals lead the
        output. None when ``fit_resample`` was given no ``sample_weight``.
        Pass it to the model yourself: an imbalanced-learn ``Pipeline``
        cannot (see the :ref:`User Guide <sample_weights>`).

    sampling_strategy_ : dict
        For classification, the number of synthetic rows anchored in each
        class (with ``sampling_strategy``, the rows added to each class).
        For regression balancing, the rows added to each region
        ``(low, high)``, in increasing y. Empty for plain regression
        augmentation and for a multi-label y.

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
        "bandwidth": PAIRING_CONSTRAINTS["bandwidth"],
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
        missing: str = "error",
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
        self.missing = missing
        self.random_state = random_state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        # missing="propagate" or "observed" mixes NaN; infinity stays refused.
        tags.input_tags.allow_nan = allows_missing(self.missing)
        return tags

    # --- imbalanced-learn's hooks ---------------------------------------------

    def _check_X_y(self, X, y):
        """Validate the columns to mix and ``y``; return ``X``, ``y`` and
        whether ``y`` was one-vs-all (one-hot)."""
        return check_X_and_target(self, X, y, self.get_params(deep=False))

    def _fit_resample(self, X, y, *, source=None, n_fixed=0, sample_weight=None):
        """Mix the validated ``X`` and ``y`` (:func:`~._resample.resample_rows`)
        and record ``pairs_``, ``lambdas_``, ``sample_weight_`` (from the
        checked ``sample_weight``, or None) and, for plain augmentation of
        classes, ``sampling_strategy_``."""
        params = self.get_params(deep=False)
        random_state = check_random_state(self.random_state)
        X_res, y_res, plan, counts = resample_rows(
            X,
            y,
            params,
            random_state=random_state,
            strategy=self.sampling_strategy_,
            source=source,
            n_fixed=n_fixed,
        )
        if counts is not None:
            self.sampling_strategy_ = counts
        self.pairs_, self.lambdas_ = plan.pairs, plan.lambdas
        self.sample_weight_ = (
            None
            if sample_weight is None
            else blended_weights(sample_weight, plan, concat=keeps_originals(params))
        )
        return X_res, y_res

    # --- the steps, in the order a reader expects ------------------------------

    def _validate(self, X, y):
        """The parameters alone, then X and y, then what depends on the data;
        sets ``sampling_strategy_``, ``n_features_in_`` and
        ``feature_names_in_``. Returns the parameters, the
        :class:`TabularInput`, the columns to mix, ``y`` and whether ``y`` was
        one-hot."""
        params = self.get_params(deep=False)
        check_param_combinations(params)
        table = TabularInput(
            X,
            y,
            self.categorical_features,
            swap=swaps_frame(self.method, X, self.pairing),
            allow_nan=allows_missing(self.missing),
        )
        # A regression target is checked as numbers, in its own container
        # (a category Series is refused by name); labels as values.
        y_values = y if self.target == "regression" else table.y
        X_num, y, binarize_y = self._check_X_y(table.numeric, y_values)
        # validate_data saw the numeric columns (as an array, or as the
        # DataFrame CutMix swaps); the fitted attributes describe the whole
        # input.
        record_features(self, X)
        check_complete_for_distances_of(X_num, params)
        self.sampling_strategy_ = check_against_data(y, params)
        check_output_rows(params, len(y), self.sampling_strategy_, X_num)
        return params, table, X_num, y, binarize_y

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, sample_weight=None, **params):
        """Check inputs and statistics of the sampler.

        You should use ``fit_resample`` in all cases.

        Parameters
        ----------
        X : {array-like, dataframe, sparse matrix} of shape (n_samples, n_features)
            Data array.

        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Target array.

        sample_weight : array-like of shape (n_samples,), default=None
            Finite, non-negative weight of each row; checked only, since
            ``fit`` mixes nothing.

        **params : dict
            Refused: any other keyword raises a TypeError that names it, so
            that a misspelt ``sample_weight`` cannot be ignored.

        Returns
        -------
        self : object
            Return the instance itself.
        """
        refuse_unknown_params(params, caller="MixupSampler.fit")
        if is_dask_collection(X) or is_dask_collection(y):
            if sample_weight is not None:
                raise TypeError(DASK_SAMPLE_WEIGHT.format(caller="MixupSampler"))
            from ._dask import fit

            return fit(self, X, y)
        parameters, _, _, y, _ = self._validate(X, y)
        if sample_weight is not None:
            check_sample_weight(sample_weight, len(y))
        if self.sampling_strategy is None and self.target == "classification":
            # sampling_strategy_ counts the anchors that fit_resample, with
            # the same random_state, draws first.
            _, counts = draw_sampler_anchors(
                y, parameters, None, check_random_state(self.random_state)
            )
            if counts is not None:  # None for a multi-label y
                self.sampling_strategy_ = counts
        return self

    @_fit_context(prefer_skip_nested_validation=True)
    def fit_resample(self, X, y, sample_weight=None, **params):
        """Resample the dataset with mixup.

        Parameters
        ----------
        X : {array-like, dataframe, sparse matrix} of shape (n_samples, n_features)
            Matrix containing the data to mix.

        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Class labels, a one-hot or multi-label indicator (2-D, one 0/1
            column per label), or the regression target with
            ``target="regression"``. A multi-label y refuses
            ``sampling_strategy``, ``pairing="within_class"``,
            ``mix_classes`` and ``label="remix"``, which need one class per
            row; ``pairing="knn"`` then draws neighbours among all rows.

        sample_weight : array-like of shape (n_samples,), default=None
            Finite, non-negative weight of each row. The weights of the
            resampled rows are stored in ``sample_weight_``, for the model's
            ``fit(X_resampled, y_resampled, sample_weight=...)``. Not
            supported for Dask collections.

        **params : dict
            Refused: any other keyword raises a TypeError that names it, so
            that a misspelt ``sample_weight`` cannot be ignored.

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
        # Its _fit_resample hook is filled (it mixes and records pairs_ and
        # lambdas_), with what the rows are made from (CutMix's DataFrame)
        # as keywords. A Dask collection takes the block-wise path instead,
        # through the same steps (mixup_sklearn._resample).
        refuse_unknown_params(params, caller="MixupSampler.fit_resample")
        if is_dask_collection(X) or is_dask_collection(y):
            if sample_weight is not None:
                raise TypeError(DASK_SAMPLE_WEIGHT.format(caller="MixupSampler"))
            from ._dask import resample

            self.sample_weight_ = None
            return resample(self, X, y)
        n_columns = np.shape(y)[1] if np.ndim(y) == 2 else None
        parameters, table, X_num, y, binarize_y = self._validate(X, y)
        if sample_weight is not None:
            sample_weight = check_sample_weight(sample_weight, X_num.shape[0])
        X_res, y_res = self._fit_resample(
            X_num,
            y,
            **mix_sources(table, X_num, self.method),
            sample_weight=sample_weight,
        )
        if binarize_y:
            y_res = one_hot_rows(y_res, n_columns)
        originals = np.arange(X_num.shape[0]) if keeps_originals(parameters) else None
        return restore_containers(
            table,
            X_res,
            y_res,
            parameters,
            pairs=self.pairs_,
            lambdas=self.lambdas_,
            originals=originals,
        )
