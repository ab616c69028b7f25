"""The meta-estimators: :class:`MixupClassifier` and :class:`MixupRegressor`."""

import inspect
from numbers import Integral
from typing import Any

import numpy as np
from imblearn.utils import Substitution
from sklearn.base import (
    BaseEstimator,
    ClassifierMixin,
    MetaEstimatorMixin,
    RegressorMixin,
    clone,
    is_classifier,
    is_regressor,
)
from sklearn.utils import check_random_state, get_tags
from sklearn.utils._param_validation import HasMethods, Interval, StrOptions
from sklearn.utils.metaestimators import available_if
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted
from sklearn_compat.base import _fit_context
from sklearn_compat.utils.validation import (
    _check_feature_names,
    _check_n_features,
    validate_data,
)

from ._docstrings import LOOP_DRAW_ORDER, SHARED_DOCS, alpha_doc, loop_docs
from ._pairing import (
    REGRESSION_PAIRINGS,
    draw_anchors,
    pair_index_dtype,
    resolve_bandwidth,
)
from ._plan import (
    anchor_labels,
    apply_plan,
    batch_mix,
    blended_targets,
    blended_weights,
    copy_plan,
    draw_plan,
    label_row_codes,
    weighted_duplication,
)
from ._tables import TabularInput
from ._validation import (
    LOOP_CONSTRAINTS,
    MIXUP_CONSTRAINTS,
    PAIRING_CONSTRAINTS,
    ArrayLike,
    RandomStateLike,
    SparseMatrix,
    allows_missing,
    check_lag,
    check_mix_classes,
    check_multilabel_options,
    check_numeric,
    check_output_size,
    check_sample_weight,
    label_indicator,
    n_synthetic_rows,
)
from ._warnings import warn

_META_DOCS = {
    **SHARED_DOCS,
    # The loop controls act on each call of partial_fit (a step: an epoch,
    # or a mini-batch with batch_size), so prob, switch_prob and
    # mixup_off_epoch need n_epochs.
    **loop_docs("step"),
    "loop_notes": (
        "``prob``, ``switch_prob`` and ``mixup_off_epoch`` act on the calls of\n"
        "    ``partial_fit`` and need ``n_epochs``: a step is one epoch, or one\n"
        "    mini-batch with ``batch_size``. A step that is not mixed trains on\n"
        "    its anchors' own rows, targets and weights (``lambdas_`` all 1).\n\n"
        "    " + LOOP_DRAW_ORDER.format(unit="step")
    ),
    "alpha": alpha_doc("0.2"),
    "estimator": """estimator : estimator object
        The model to train on mixed rows; cloned into ``estimator_``. It must
        have ``fit``, and ``partial_fit`` when ``n_epochs`` is set.""",
    "meta_concat": """concat : bool, default=False
        If True, the estimator is trained on the original rows (with their
        own targets, hard for classes, and weights) followed by the synthetic
        rows, in every epoch or mini-batch. If False, on the synthetic rows
        only.""",
    "n_epochs": """n_epochs : int or None, default=None
        ``None`` draws one mix and calls ``estimator.fit`` once. An int needs
        an estimator with ``partial_fit`` and calls it with a fresh mix in
        every epoch (or every mini-batch, see ``batch_size``); ``n_samples``
        then counts the synthetic rows of one epoch.""",
    "batch_size": """batch_size : int or None, default=None
        Only with ``n_epochs``. ``None`` passes a whole epoch's mix to
        ``partial_fit`` at once. An int shuffles the anchors of each epoch,
        cuts them into mini-batches of that size (the last one may be smaller)
        and draws the partners and λ of every mini-batch inside it, as in the
        paper.""",
    "meta_attributes": """estimator_ : estimator object
        The fitted clone of ``estimator``.

    pairs_ : ndarray of shape (n_synthetic, 2)
        Anchor and partner row index (into the training set) of each
        synthetic row of the last mix drawn: the only one without
        ``n_epochs``, else that of the last epoch or mini-batch; int32 when
        the training set has fewer than 2**31 rows, else int64.

    lambdas_ : ndarray of shape (n_synthetic,)
        The folded weight λ of the anchor in each row of ``pairs_``; with
        ``method="cutmix"``, the realised share of the row's cells that come
        from the anchor.

    n_features_in_ : int
        Number of features seen during `fit`.

    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit`. Defined only when `X` has
        feature names that are all strings.""",
}


def _estimator_has(attr):
    """Delegate ``attr`` to the fitted estimator, or to the unfitted one."""

    def check(self):
        if hasattr(self, "estimator_"):
            return hasattr(self.estimator_, attr)
        return hasattr(self.estimator, attr)

    return check


def _accepts(method, parameter):
    try:
        return parameter in inspect.signature(method).parameters
    except (TypeError, ValueError):
        return False


def _validate_fit_data(estimator, X, y, *, multilabel=False, **options):
    """X and y of ``fit``, checked as every entry point checks them (category,
    text and time-like columns and missing values refused by name, in every
    DataFrame library), with the fitted attributes of the whole input. With
    ``multilabel``, a 2-D 0/1 indicator y (one-hot or multi-label) stays 2-D;
    any other y is checked with ``options`` alone."""
    allow_nan = allows_missing(estimator.missing)
    table = TabularInput(
        X,
        y,
        None,
        caller=type(estimator).__name__,
        allow_nan=allow_nan,
    )
    if multilabel and label_indicator(table.y) is not None:
        options["multi_output"] = True
    X_num, y = validate_data(
        estimator,
        table.numeric,
        table.y,
        accept_sparse=["csr", "csc"],
        dtype=None,
        ensure_all_finite="allow-nan" if allow_nan else True,
        **options,
    )
    _check_n_features(estimator, X, reset=True)
    _check_feature_names(estimator, X, reset=True)
    return check_numeric(X_num, name="X", allow_nan=allow_nan), y


class _BaseMixupMeta(MetaEstimatorMixin):
    """Draw mixes, hand them to ``estimator``; the subclasses build the targets.

    It comes first in the bases of the public classes, so that its
    ``score`` (delegated to the estimator) wins over the mixins' own.
    """

    _parameter_constraints: dict = {
        "estimator": [HasMethods(["fit"])],
        **MIXUP_CONSTRAINTS,
        "n_epochs": [None, Interval(Integral, 1, None, closed="left")],
        "batch_size": [None, Interval(Integral, 1, None, closed="left")],
        **LOOP_CONSTRAINTS,
    }

    def _check_schedule(self):
        wrong = is_regressor if is_classifier(self) else is_classifier
        if wrong(self.estimator):
            kind, needed, other = (
                ("regressor", "classifier", "MixupRegressor")
                if is_classifier(self)
                else ("classifier", "regressor", "MixupClassifier")
            )
            raise TypeError(
                f"estimator={self.estimator!r} is a {kind}, but "
                f"{type(self).__name__} needs a {needed}; use {other} for a "
                f"{kind}."
            )
        if self.n_epochs is not None and not hasattr(self.estimator, "partial_fit"):
            raise ValueError(
                f"n_epochs={self.n_epochs!r} re-mixes every epoch through "
                f"partial_fit, which {type(self.estimator).__name__} does not "
                "have; use n_epochs=None to fit once on one mix."
            )
        if self.batch_size is not None and self.n_epochs is None:
            raise ValueError(
                f"batch_size={self.batch_size!r} needs n_epochs: mini-batches "
                "are passed to partial_fit, epoch by epoch. Set n_epochs to an "
                "int >= 1, or batch_size=None."
            )
        if self.n_epochs is None:
            for name, default in (
                ("prob", 1.0),
                ("switch_prob", 0.0),
                ("mixup_off_epoch", None),
            ):
                value = getattr(self, name)
                if value != default:
                    raise ValueError(
                        f"{name}={value!r} decides, for each call of "
                        "partial_fit, whether and how it is mixed, which needs "
                        f"n_epochs. Set n_epochs to an int >= 1, or "
                        f"{name}={default!r}."
                    )

    def _fit(self, X, y, sample_weight, *, classes=None):
        """Fit ``estimator_`` on mixes of ``X`` and the encoded target ``y``."""
        self._check_schedule()
        random_state = check_random_state(self.random_state)
        n_rows = X.shape[0]
        weighted = sample_weight is not None
        # float64 whatever the weights' dtype, as before this check was shared.
        weights = (
            np.ones(n_rows)
            if sample_weight is None
            else check_sample_weight(sample_weight, n_rows).astype(
                np.float64, copy=False
            )
        )
        self.estimator_ = clone(self.estimator)
        method_name = "fit" if self.n_epochs is None else "partial_fit"
        method = getattr(self.estimator_, method_name)
        self._pass_weights = _accepts(method, "sample_weight")
        if weighted and not self._pass_weights:
            raise ValueError(
                f"sample_weight was given, but {type(self.estimator).__name__}."
                f"{method_name} does not accept sample_weight."
            )
        self._warn_if_unweighted(method_name)
        n_synthetic = n_synthetic_rows(self.n_samples, n_rows)
        # A mix with two labels enters twice (MixupClassifier's soft labels).
        check_output_size(
            2 * n_synthetic + (n_rows if self.concat else 0),
            X,
            parameter=f"n_samples={self.n_samples!r}",
        )

        if self.n_epochs is None:
            self._fit_step(method, X, y, weights, n_synthetic, random_state, {})
            return self

        first_call = {} if classes is None else {"classes": classes}
        for epoch in range(self.n_epochs):
            if self.batch_size is None:
                self._fit_step(
                    method,
                    X,
                    y,
                    weights,
                    n_synthetic,
                    random_state,
                    first_call,
                    epoch=epoch,
                )
                first_call = {}
                continue
            anchors = random_state.permutation(
                draw_anchors(
                    n_synthetic, n_rows, random_state, groups=self._anchor_groups(y)
                )
            )
            for start in range(0, n_synthetic, self.batch_size):
                rows = anchors[start : start + self.batch_size]
                self._fit_step(
                    method,
                    X[rows],
                    y[rows],
                    weights[rows],
                    len(rows),
                    random_state,
                    first_call,
                    epoch=epoch,
                )
                # The batch's pairs index the batch; report training-set rows.
                self.pairs_ = rows[self.pairs_].astype(pair_index_dtype(n_rows))
                first_call = {}
        return self

    def _fit_step(
        self, method, X, y, weights, n_synthetic, random_state, extra, *, epoch=0
    ):
        """One call of ``method`` on a fresh mix of ``X`` (or on its rows
        unmixed, as the loop controls decide; :func:`~._plan.batch_mix`)."""
        chosen = batch_mix(
            random_state,
            epoch=epoch,
            method=self.method,
            alpha=self.alpha,
            prob=self.prob,
            switch_prob=self.switch_prob,
            cutmix_alpha=self.cutmix_alpha,
            mixup_off_epoch=self.mixup_off_epoch,
        )
        if chosen is None:
            anchors = draw_anchors(
                n_synthetic, X.shape[0], random_state, groups=self._anchor_groups(y)
            )
            plan = copy_plan(anchors, X.shape[0])
        else:
            plan = draw_plan(
                random_state,
                n_rows=X.shape[0],
                alpha=chosen[1],
                n_synthetic=n_synthetic,
                anchor_groups=self._anchor_groups(y),
                method=chosen[0],
                preserve=self._preserves_labels(),
                pairing=self.pairing,
                groups=self._groups(y),
                mixable=self._mixable(y),
                n_columns=X.shape[1],
                **self._pairing_params(X, y),
            )
        X_train, y_train, w_train = self._training_set(X, y, weights, plan)
        if self._pass_weights:
            extra = {**extra, "sample_weight": w_train}
        method(X_train, y_train, **extra)
        self.pairs_, self.lambdas_ = plan.pairs, plan.lambdas

    def _groups(self, y):
        return None

    def _pairing_params(self, X, y):
        """What the pairing reads besides the classes: X and y and the
        parameters of the regression pairings."""
        return {}

    def _anchor_groups(self, y):
        """The groups over which a remainder of anchors is spread: None
        (all rows alike) for a regression target."""
        return None

    def _mixable(self, y):
        """Which rows may be mixed as anchors: None, every row."""
        return None

    def _preserves_labels(self):
        """Whether the synthetic rows train on their anchor's label, which
        CutMix must then keep the majority of every row."""
        return False

    def _warn_if_unweighted(self, method_name):
        pass

    def _validate_for_predict(self, X):
        check_is_fitted(self)
        # The fitted estimator decides about sparse input and missing values.
        return validate_data(
            self,
            X,
            reset=False,
            accept_sparse=True,
            ensure_all_finite=False,
            dtype=None,
        )

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        inner = get_tags(self.estimator)
        tags.input_tags.sparse = inner.input_tags.sparse
        # NaN is refused at fit time unless missing lets it through; then
        # the estimator, which is fitted on it, must take it too.
        tags.input_tags.allow_nan = (
            allows_missing(self.missing) and inner.input_tags.allow_nan
        )
        return tags

    @available_if(_estimator_has("predict"))
    def predict(self, X, **params):
        """Predict with the fitted estimator.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input rows.

        **params : dict
            Passed on to ``estimator_.predict``.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,) or (n_samples, n_outputs)
            The predictions of ``estimator_``.
        """
        X = self._validate_for_predict(X)
        return self.estimator_.predict(X, **params)

    @available_if(_estimator_has("score"))
    def score(self, X, y, sample_weight=None):
        """Score of the fitted estimator on ``X`` and ``y``.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Test rows.

        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            True targets of ``X``.

        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights.

        Returns
        -------
        score : float
            ``estimator_.score(X, y, sample_weight=sample_weight)``.
        """
        X = self._validate_for_predict(X)
        if sample_weight is None:
            return self.estimator_.score(X, y)
        return self.estimator_.score(X, y, sample_weight=sample_weight)


@Substitution(**_META_DOCS)
class MixupClassifier(_BaseMixupMeta, ClassifierMixin, BaseEstimator):
    """Train a classifier on mixup's soft labels.

    Each synthetic row k blends an anchor row a_k (the anchors cycle through
    the rows; those of a remainder are a random, class-balanced draw) with a
    partner row p_k, and its label is the same blend of the
    two one-hot labels:

    .. math::

        x'_k = \\lambda_k x_{{a_k}} + (1 - \\lambda_k) x_{{p_k}}, \\qquad
        y'_k = \\lambda_k e_{{y_{{a_k}}}} + (1 - \\lambda_k) e_{{y_{{p_k}}}}.

    scikit-learn classifiers take hard labels only, so the soft label is
    passed by weighted duplication: the synthetic row enters twice, with the
    anchor's label and weight λ_k, and with the partner's label and weight
    1 − λ_k, both times multiplied by the row's weight
    λ_k w_{{a_k}} + (1 − λ_k) w_{{p_k}}, the same blend of its parents'
    ``sample_weight``. For
    every model whose loss is a (weighted) log-loss the weighted loss then
    equals the soft-label cross-entropy

    .. math::

        -\\lambda_k \\log p(y_{{a_k}} \\mid x'_k)
        - (1 - \\lambda_k) \\log p(y_{{p_k}} \\mid x'_k),

    so ``LogisticRegression``, ``SGDClassifier(loss="log_loss")``,
    ``MLPClassifier`` and ``HistGradientBoostingClassifier`` are trained
    exactly on mixup's objective. A row whose parents share a label, or
    whose λ is 1, enters once.

    Read more in the :ref:`User Guide <meta_estimators>`.

    Parameters
    ----------
    {estimator}

    {alpha}

    {n_samples}

    {meta_concat}

    {method}

    pairing : {{"random", "within_class"}}, default="random"
        How the partner of an anchor is drawn: ``"random"`` draws uniformly
        among all other rows (of the mini-batch); ``"within_class"`` among the
        other rows of the anchor's class, so every label stays hard.

    mix_classes : array-like or None, default=None
        Labels whose rows are mixed. ``None`` mixes every row. Otherwise only
        synthetic rows anchored in one of these classes are mixed; every other
        anchor yields its own row, exactly: λ = 1, its hard label and its
        weight. Partners are still drawn from all rows.

    {n_epochs}

    {batch_size}

    {missing}

    {random_state}

    {prob}

    {switch_prob}

    {cutmix_alpha}

    {mixup_off_epoch}

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The class labels.

    {meta_attributes}

    See Also
    --------
    MixupRegressor : The same for regression, with mixed targets.
    MixupSampler : Mixup as a step of an imbalanced-learn pipeline, keeping
        the anchor's hard label.
    mixup_batches : Mixed mini-batches for a training loop of your own.

    Notes
    -----
    λ ~ Beta(α, α) is folded to max(λ, 1 − λ), as everywhere in this
    library. Since the pair is symmetric and the partner uniform, folding
    changes no distribution of (x', y').

    An estimator whose ``fit`` (or ``partial_fit``) has no ``sample_weight``
    cannot receive soft labels; it is then trained on the anchor's label of
    each mixed row (label preservation, as :class:`MixupSampler` does), with
    a warning that says so. This includes a ``Pipeline``, whose weights go
    through ``step__sample_weight``: wrap the classifier, not the pipeline.

    With ``n_epochs``, all the labels of y (``classes_``) are passed as
    ``classes`` to the first ``partial_fit`` call, and every later call draws
    a fresh mix.

    {loop_notes}

    Prediction uses real rows: ``predict``, ``predict_proba``,
    ``predict_log_proba``, ``decision_function`` and ``score`` are those of
    ``estimator_``.

    References
    ----------
    {mixup_reference}

    Examples
    --------
    >>> from sklearn.datasets import load_breast_cancer
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.preprocessing import StandardScaler
    >>> from mixup_sklearn import MixupClassifier
    >>> X, y = load_breast_cancer(return_X_y=True)
    >>> X = StandardScaler().fit_transform(X)
    >>> model = MixupClassifier(LogisticRegression(max_iter=1000), random_state=0)
    >>> model.fit(X, y).predict_proba(X[:2]).shape
    (2, 2)
    >>> model.classes_
    array([0, 1])

    Re-mixing every mini-batch, as in the paper:

    >>> from sklearn.linear_model import SGDClassifier
    >>> sgd = MixupClassifier(SGDClassifier(loss="log_loss", random_state=0),
    ...                       alpha=0.4, n_epochs=5, batch_size=64, random_state=0)
    >>> bool(sgd.fit(X, y).score(X, y) > 0.9)
    True
    """

    _parameter_constraints: dict = {
        **_BaseMixupMeta._parameter_constraints,
        "pairing": [StrOptions({"random", "within_class"})],
        "mix_classes": [None, "array-like"],
    }

    def __init__(
        self,
        estimator: Any,
        *,
        alpha: float = 0.2,
        n_samples: int | float | None = None,
        concat: bool = False,
        method: str = "mixup",
        pairing: str = "random",
        mix_classes: ArrayLike | None = None,
        n_epochs: int | None = None,
        batch_size: int | None = None,
        missing: str = "error",
        random_state: RandomStateLike = None,
        prob: float = 1.0,
        switch_prob: float = 0.0,
        cutmix_alpha: float | None = None,
        mixup_off_epoch: int | None = None,
    ) -> None:
        self.estimator = estimator
        self.alpha = alpha
        self.n_samples = n_samples
        self.concat = concat
        self.method = method
        self.pairing = pairing
        self.mix_classes = mix_classes
        self.n_epochs = n_epochs
        self.batch_size = batch_size
        self.missing = missing
        self.random_state = random_state
        self.prob = prob
        self.switch_prob = switch_prob
        self.cutmix_alpha = cutmix_alpha
        self.mixup_off_epoch = mixup_off_epoch

    @_fit_context(
        # The estimator's own parameters are validated by its own fit.
        prefer_skip_nested_validation=False
    )
    def fit(
        self,
        X: ArrayLike | SparseMatrix,
        y: ArrayLike,
        sample_weight: ArrayLike | None = None,
    ) -> "MixupClassifier":
        """Fit the estimator on mixed rows with soft labels.

        Parameters
        ----------
        X : {{array-like, sparse matrix}} of shape (n_samples, n_features)
            Numeric, finite training rows.

        y : array-like of shape (n_samples,) or (n_samples, n_labels)
            Class labels, or a multi-label indicator: a 2-D 0/1 array or
            DataFrame, one column per label, for an estimator that takes one.

        sample_weight : array-like of shape (n_samples,), default=None
            Finite, non-negative weights of the rows; a synthetic row weighs
            λ·w_anchor + (1 − λ)·w_partner, with its own λ (under CutMix,
            the anchor's share of its cells).

        Returns
        -------
        self : object
            The fitted meta-estimator.
        """
        X, y = _validate_fit_data(self, X, y, multilabel=True)
        check_classification_targets(y)
        if y.ndim == 2:
            return self._fit_multilabel(X, y, sample_weight)
        classes, codes = np.unique(y, return_inverse=True)
        self.classes_ = classes
        # What the codes of the training rows stand for.
        self._code_labels = classes
        chosen = check_mix_classes(self.mix_classes, classes)
        self._mixed_codes = None if chosen is None else np.searchsorted(classes, chosen)
        self._fit(X, codes, sample_weight, classes=classes)
        # The estimator sees labels, not codes; its classes_ can be a subset
        # when n_samples is too small for every class to appear.
        self.classes_ = getattr(self.estimator_, "classes_", classes)
        return self

    def _fit_multilabel(self, X, Y, sample_weight):
        """Fit on a 2-D 0/1 indicator ``Y``: its distinct label rows are the
        classes of weighted duplication, so a row mixed from two label rows
        enters twice, with the anchor's row weighted λ and the partner's
        weighted 1 − λ."""
        check_multilabel_options(
            "MixupClassifier",
            pairing=(
                self.pairing,
                {"within_class"},
                "a row of a multi-label y has no single class to pair "
                "within. Use pairing='random'.",
            ),
            mix_classes=(
                self.mix_classes,
                lambda value: value is not None,
                "it names classes, and a row of a multi-label y has several. "
                "Leave mix_classes=None.",
            ),
            n_epochs=(
                self.n_epochs,
                lambda value: value is not None,
                "partial_fit's classes has no one form for a 2-D y across "
                "estimators. Use n_epochs=None.",
            ),
        )
        if not _accepts(self.estimator.fit, "sample_weight"):
            raise ValueError(
                "y is a multi-label indicator, and MixupClassifier passes a "
                "mix of two label rows as two weighted rows (the anchor's "
                "labels weighted λ, the partner's 1 − λ), but "
                f"{type(self.estimator).__name__}.fit "
                "does not accept sample_weight. Use an estimator whose fit "
                "takes sample_weight (for example RandomForestClassifier or "
                "MultiOutputClassifier(LogisticRegression())), "
                "or MixupSampler in an imblearn Pipeline, which gives each "
                "mixed row its anchor's labels."
            )
        self._code_labels, codes = label_row_codes(Y)
        self._mixed_codes = None
        self._fit(X, codes, sample_weight)
        # The wrapped estimator's classes_ (for a multi-label y often one
        # array per label); else one per column, as LabelBinarizer's.
        self.classes_ = getattr(self.estimator_, "classes_", np.arange(Y.shape[1]))
        return self

    def _groups(self, codes):
        return codes if self.pairing == "within_class" else None

    def _anchor_groups(self, codes):
        # A remainder of anchors is class-balanced.
        return codes

    def _mixable(self, codes):
        if self._mixed_codes is None:
            return None
        return np.isin(codes, self._mixed_codes)

    def _preserves_labels(self):
        # Without sample weights there are no soft labels: each row trains on
        # its anchor's label.
        return not self._pass_weights

    def _warn_if_unweighted(self, method_name):
        if not self._pass_weights:
            warn(
                f"{type(self.estimator).__name__}.{method_name} has no "
                "sample_weight, so MixupClassifier cannot pass soft labels; "
                "each mixed row is trained on its anchor's label instead "
                "(label preservation)."
            )

    def _training_set(self, X, codes, weights, plan):
        if self._pass_weights:
            # Soft labels as weighted duplication: rows mixed from two labels
            # enter once per label, weighted λ and 1 − λ.
            rows, y_new, w_new = weighted_duplication(codes, weights, plan)
            plan = plan.take(rows)
        else:
            y_new, w_new = anchor_labels(codes, plan), blended_weights(weights, plan)
        X_new = apply_plan(plan, X, concat=self.concat, missing=self.missing)
        if self.concat:
            y_new = np.concatenate([codes, y_new])
            w_new = np.concatenate([weights, w_new])
        return X_new, self._code_labels[y_new], w_new

    @available_if(_estimator_has("predict_proba"))
    def predict_proba(self, X):
        """Class probabilities of the fitted estimator.

        Parameters
        ----------
        X : {{array-like, sparse matrix}} of shape (n_samples, n_features)
            The input rows.

        Returns
        -------
        proba : ndarray of shape (n_samples, n_classes)
            Columns ordered as ``classes_``.
        """
        X = self._validate_for_predict(X)
        return self.estimator_.predict_proba(X)

    @available_if(_estimator_has("predict_log_proba"))
    def predict_log_proba(self, X):
        """Log of the class probabilities of the fitted estimator.

        Parameters
        ----------
        X : {{array-like, sparse matrix}} of shape (n_samples, n_features)
            The input rows.

        Returns
        -------
        log_proba : ndarray of shape (n_samples, n_classes)
            Columns ordered as ``classes_``.
        """
        X = self._validate_for_predict(X)
        return self.estimator_.predict_log_proba(X)

    @available_if(_estimator_has("decision_function"))
    def decision_function(self, X):
        """Decision function of the fitted estimator.

        Parameters
        ----------
        X : {{array-like, sparse matrix}} of shape (n_samples, n_features)
            The input rows.

        Returns
        -------
        scores : ndarray of shape (n_samples,) or (n_samples, n_classes)
            ``estimator_.decision_function(X)``.
        """
        X = self._validate_for_predict(X)
        return self.estimator_.decision_function(X)


@Substitution(**_META_DOCS)
class MixupRegressor(_BaseMixupMeta, RegressorMixin, BaseEstimator):
    """Train a regressor on mixup's mixed rows and targets.

    Each synthetic row k blends an anchor row a_k (the anchors cycle through
    the rows; those of a remainder are a random draw) with a partner row p_k,
    and the target is mixed with the same
    weight:

    .. math::

        x'_k = \\lambda_k x_{{a_k}} + (1 - \\lambda_k) x_{{p_k}}, \\qquad
        y'_k = \\lambda_k y_{{a_k}} + (1 - \\lambda_k) y_{{p_k}}.

    Single- and multi-output targets work. A synthetic row weighs
    λ_k w_{{a_k}} + (1 − λ_k) w_{{p_k}}: the same blend of its parents'
    ``sample_weight``.

    Read more in the :ref:`User Guide <meta_estimators>`.

    Parameters
    ----------
    {estimator}

    {alpha}

    {n_samples}

    {meta_concat}

    {method}

    pairing : {{"random", "knn", "label_kernel", "lag"}}, default="random"
        How the partner of an anchor is drawn, among the rows of the
        training set (of the mini-batch, with ``batch_size``), as in
        :class:`MixupSampler`:

        - ``"random"``: uniformly among all other rows;
        - ``"knn"``: uniformly among the anchor's ``n_neighbors`` nearest
          other rows (Euclidean distance on X);
        - ``"label_kernel"``: C-Mixup (Yao et al., 2022), row p for anchor
          a with probability ∝ exp(−‖y_a − y_p‖² / (2·bandwidth²)), p ≠ a;
        - ``"lag"``: rows are in time order; the partner of row a is row
          a + lag, or a − lag where a + lag runs off the end. Not with
          ``batch_size``, whose shuffled mini-batches have no time order.

    n_neighbors : int, default=5
        Neighbourhood size for ``pairing="knn"``, >= 1; with fewer other
        rows, all of them.

    bandwidth : float or "scott", default="scott"
        Kernel bandwidth for ``pairing="label_kernel"``: a float > 0 in the
        units of y, or ``"scott"``, the normal-reference rule on y, which
        scales with the target: ``1.06·σ·n^(−1/5)`` for a 1-D target (σ the
        standard deviation of y, n its rows), and
        ``(4 / (d + 2))^(1/(d+4))·σ·n^(−1/(d+4))`` for d outputs, σ² the mean
        of their variances. The value used is ``bandwidth_``.

    lag : int, default=1
        Offset between anchor and partner for ``pairing="lag"``, >= 1 and
        smaller than the number of rows.

    {n_epochs}

    {batch_size}

    {missing}

    {random_state}

    {prob}

    {switch_prob}

    {cutmix_alpha}

    {mixup_off_epoch}

    Attributes
    ----------
    bandwidth_ : float
        The bandwidth of the label kernel: ``bandwidth``, or the value that
        ``bandwidth="scott"`` gives on the training target.

    {meta_attributes}

    See Also
    --------
    MixupClassifier : The same for classification, with soft labels.
    MixupSampler : Mixup as a step of an imbalanced-learn pipeline
        (``target="regression"``).
    mixup_batches : Mixed mini-batches for a training loop of your own.

    Notes
    -----
    λ ~ Beta(α, α) is folded to max(λ, 1 − λ), as everywhere in this
    library; the pair being symmetric, this changes no distribution of
    (x', y'). Prediction uses real rows: ``predict`` and ``score`` are those
    of ``estimator_``.

    {loop_notes}

    References
    ----------
    {mixup_reference}

    Examples
    --------
    >>> from sklearn.datasets import load_diabetes
    >>> from sklearn.linear_model import Ridge, SGDRegressor
    >>> from mixup_sklearn import MixupRegressor
    >>> X, y = load_diabetes(return_X_y=True)
    >>> model = MixupRegressor(Ridge(alpha=0.1), alpha=0.2, random_state=0)
    >>> model.fit(X, y).predict(X[:3]).shape
    (3,)

    Re-mixing every mini-batch through ``partial_fit``:

    >>> sgd = MixupRegressor(SGDRegressor(random_state=0), alpha=0.2,
    ...                      n_epochs=3, batch_size=32, random_state=0)
    >>> sgd.fit(X, y).n_features_in_
    10
    """

    _parameter_constraints: dict = {
        **_BaseMixupMeta._parameter_constraints,
        "pairing": [StrOptions(set(REGRESSION_PAIRINGS))],
        **PAIRING_CONSTRAINTS,
    }

    def __init__(
        self,
        estimator: Any,
        *,
        alpha: float = 0.2,
        n_samples: int | float | None = None,
        concat: bool = False,
        method: str = "mixup",
        pairing: str = "random",
        n_neighbors: int = 5,
        bandwidth: float | str = "scott",
        lag: int = 1,
        n_epochs: int | None = None,
        batch_size: int | None = None,
        missing: str = "error",
        random_state: RandomStateLike = None,
        prob: float = 1.0,
        switch_prob: float = 0.0,
        cutmix_alpha: float | None = None,
        mixup_off_epoch: int | None = None,
    ) -> None:
        self.estimator = estimator
        self.alpha = alpha
        self.n_samples = n_samples
        self.concat = concat
        self.method = method
        self.pairing = pairing
        self.n_neighbors = n_neighbors
        self.bandwidth = bandwidth
        self.lag = lag
        self.n_epochs = n_epochs
        self.batch_size = batch_size
        self.missing = missing
        self.random_state = random_state
        self.prob = prob
        self.switch_prob = switch_prob
        self.cutmix_alpha = cutmix_alpha
        self.mixup_off_epoch = mixup_off_epoch

    @_fit_context(
        # The estimator's own parameters are validated by its own fit.
        prefer_skip_nested_validation=False
    )
    def fit(
        self,
        X: ArrayLike | SparseMatrix,
        y: ArrayLike,
        sample_weight: ArrayLike | None = None,
    ) -> "MixupRegressor":
        """Fit the estimator on mixed rows and mixed targets.

        Parameters
        ----------
        X : {{array-like, sparse matrix}} of shape (n_samples, n_features)
            Numeric, finite training rows.

        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Numeric, finite target.

        sample_weight : array-like of shape (n_samples,), default=None
            Finite, non-negative weights of the rows; a synthetic row weighs
            λ·w_anchor + (1 − λ)·w_partner, with its own λ (under CutMix,
            the anchor's share of its cells).

        Returns
        -------
        self : object
            The fitted meta-estimator.
        """
        # The target in its own container: a category Series is refused by name.
        if y is not None:
            y = check_numeric(y, name="y", ensure_2d=False, allow_sparse=False)
        X, y = _validate_fit_data(self, X, y, multi_output=True)
        if self.pairing == "lag":
            if self.batch_size is not None:
                raise ValueError(
                    f"pairing='lag' pairs each row with the row lag={self.lag} "
                    "places later in time, which the shuffled mini-batches of "
                    f"batch_size={self.batch_size!r} do not keep. Use "
                    "batch_size=None (a whole epoch per call of partial_fit)."
                )
            check_lag(self.lag, X.shape[0])
        self.bandwidth_ = resolve_bandwidth(self.bandwidth, y)
        return self._fit(X, y, sample_weight)

    def _pairing_params(self, X, y):
        return {
            "X": X,
            "y": y,
            "n_neighbors": self.n_neighbors,
            "bandwidth": self.bandwidth_,
            "lag": self.lag,
        }

    def _training_set(self, X, y, weights, plan):
        X_new = apply_plan(plan, X, concat=self.concat, missing=self.missing)
        y_new = blended_targets(y, plan, concat=self.concat)
        w_new = blended_weights(weights, plan, concat=self.concat)
        return X_new, y_new, w_new

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = get_tags(
            self.estimator
        ).target_tags.multi_output
        return tags
