"""The imbalanced-learn sampler: :class:`MixupSampler`."""

from collections import OrderedDict

import numpy as np
from imblearn.base import BaseSampler
from imblearn.utils import Substitution, check_sampling_strategy, check_target_type
from sklearn.preprocessing import label_binarize
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import StrOptions
from sklearn.utils.multiclass import check_classification_targets
from sklearn_compat.base import _fit_context
from sklearn_compat.utils.validation import validate_data

from ._docstrings import SHARED_DOCS
from ._mixing import draw_pairs, mix
from ._validation import (
    MIXUP_CONSTRAINTS,
    ContainerRoundTrip,
    RandomStateLike,
    n_synthetic_rows,
)


@Substitution(**SHARED_DOCS)
class MixupSampler(BaseSampler):
    """Augment a training set with mixup, as a step of an imbalanced-learn pipeline.

    Synthetic row k blends an anchor row a_k = k mod n (the anchors cycle
    through the rows in order) with a partner row p_k:

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

    pairing : {{"random", "within_class"}}, default="random"
        How the partner of an anchor is drawn: ``"random"`` draws uniformly
        among all other rows; ``"within_class"`` among the other rows of the
        anchor's class (classification only), so a synthetic row lies between
        two rows of the same class.

    target : {{"classification", "regression"}}, default="classification"
        ``"classification"``: y holds class labels of any type imbalanced-learn
        accepts, and synthetic rows take their anchor's label.
        ``"regression"``: y is a numeric target, single- or multi-output,
        mixed with the same λ as the row.

    {random_state}

    Attributes
    ----------
    pairs_ : ndarray of shape (n_synthetic, 2)
        Anchor and partner row index (into the input) of each synthetic row.

    lambdas_ : ndarray of shape (n_synthetic,)
        The folded weight λ of the anchor in each synthetic row.

    sampling_strategy_ : dict
        For classification, the number of synthetic rows anchored in each
        class; empty for regression.

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
    being truncated to their original dtype.

    References
    ----------
    .. [1] H. Zhang, M. Cisse, Y. N. Dauphin and D. Lopez-Paz, "mixup: Beyond
       Empirical Risk Minimization", ICLR 2018.

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
        "pairing": [StrOptions({"random", "within_class"})],
        "target": [StrOptions({"classification", "regression"})],
    }

    def __init__(
        self,
        *,
        alpha: float = 1.0,
        n_samples: int | float | None = None,
        concat: bool = False,
        pairing: str = "random",
        target: str = "classification",
        random_state: RandomStateLike = None,
    ) -> None:
        self.alpha = alpha
        self.n_samples = n_samples
        self.concat = concat
        self.pairing = pairing
        self.target = target
        self.random_state = random_state

    def _check_X_y(self, X, y, accept_sparse=None):
        if accept_sparse is None:
            accept_sparse = ["csr", "csc"]
        if self.target == "regression":
            if self.pairing == "within_class":
                raise ValueError(
                    "pairing='within_class' needs class labels; it cannot be "
                    "used with target='regression'. Use pairing='random'."
                )
            X, y = validate_data(
                self,
                X=X,
                y=y,
                reset=True,
                accept_sparse=accept_sparse,
                multi_output=True,
                y_numeric=True,
            )
            return X, y, False
        try:
            check_classification_targets(y)
        except ValueError as exc:
            raise ValueError(
                f"{exc} If y is a regression target, pass target='regression' "
                "to MixupSampler."
            ) from None
        y, binarize_y = check_target_type(y, indicate_one_vs_all=True)
        X, y = validate_data(self, X=X, y=y, reset=True, accept_sparse=accept_sparse)
        return X, y, binarize_y

    def _plan(self, y):
        """Validate the class structure of ``y``; return the fitted strategy."""
        if self.target == "regression":
            return OrderedDict()
        # Raises imbalanced-learn's error for a single class.
        check_sampling_strategy("auto", y, "bypass")
        classes, codes = np.unique(y, return_inverse=True)
        n_synthetic = n_synthetic_rows(self.n_samples, len(y))
        anchors = np.arange(n_synthetic) % len(y)
        counts = np.bincount(codes[anchors], minlength=len(classes))
        return OrderedDict(zip(classes.tolist(), counts.tolist(), strict=True))

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
        _, y, _ = self._check_X_y(X, y)
        self.sampling_strategy_ = self._plan(y)
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
            The synthetic rows (after the original rows if ``concat=True``),
            in the container of ``X``.

        y_resampled : array-like of shape (n_samples_new,) or \
                (n_samples_new, n_outputs)
            The corresponding target, in the container of ``y``.
        """
        round_trip = ContainerRoundTrip(X, y)
        X, y, binarize_y = self._check_X_y(X, y)
        self.sampling_strategy_ = self._plan(y)
        X_res, y_res = self._fit_resample(X, y)
        if binarize_y:
            y_res = label_binarize(y_res, classes=np.unique(y))
        regression = self.target == "regression"
        interpolated = bool(np.any(self.lambdas_ < 1))
        return round_trip.restore(
            X_res,
            y_res,
            interpolated_x=interpolated,
            interpolated_y=interpolated and regression,
        )

    def _fit_resample(self, X, y):
        random_state = check_random_state(self.random_state)
        n_rows = X.shape[0]
        groups = None
        if self.pairing == "within_class":
            groups = np.unique(y, return_inverse=True)[1]
        self.pairs_, self.lambdas_ = draw_pairs(
            n_rows,
            n_synthetic_rows(self.n_samples, n_rows),
            self.alpha,
            random_state,
            groups=groups,
        )
        X_res = mix(X, self.pairs_, self.lambdas_, concat=self.concat)
        if self.target == "regression":
            y_res = mix(y, self.pairs_, self.lambdas_, concat=self.concat)
        else:
            y_res = y[self.pairs_[:, 0]]
            if self.concat:
                y_res = np.concatenate([y, y_res])
        return X_res, y_res
