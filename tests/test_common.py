"""scikit-learn's and imbalanced-learn's own estimator checks for MixupSampler."""

from functools import partial

import numpy as np
import pytest
from imblearn.utils.estimator_checks import (
    check_dataframe_column_names_consistency,
    check_param_validation,
    estimator_checks_generator,
)
from sklearn.neighbors import NearestNeighbors
from sklearn.utils.estimator_checks import parametrize_with_checks

from mixup_sklearn import MixupSampler

# A fixed random_state: several checks compare two fits (sparse vs dense,
# list vs array, one-vs-all vs labels) and expect the same draws.
SAMPLERS = [
    MixupSampler(random_state=0),
    MixupSampler(pairing="within_class", random_state=0),
    MixupSampler(concat=True, n_samples=2.0, random_state=0),
    # Class balancing (issue 3): imbalanced-learn's over-sampler contract.
    MixupSampler(sampling_strategy="auto", random_state=0),
    MixupSampler(sampling_strategy="auto", pairing="knn", random_state=0),
    MixupSampler(label="remix", tau=0.7, random_state=0),
    MixupSampler(categorical_features="auto", round_integers=True, random_state=0),
    MixupSampler(pairing="lag", random_state=0),
    # CutMix (issue 12): cells swapped, the realised share in lambdas_.
    MixupSampler(method="cutmix", random_state=0),
    # Missing values mixed (issue 23): NaN accepted, infinity refused.
    MixupSampler(missing="observed", random_state=0),
    MixupSampler(method="cutmix", missing="propagate", random_state=0),
    # A neighbours estimator for pairing="knn" (issue 23), cloned per class.
    MixupSampler(
        pairing="knn",
        n_neighbors=NearestNeighbors(n_neighbors=3, metric="manhattan"),
        random_state=0,
    ),
]


@parametrize_with_checks(SAMPLERS)
def test_sklearn_checks(estimator, check):
    check(estimator)


# imbalanced-learn's check_target_type demands that a multi-label y be
# refused; MixupSampler resamples it (each row keeps its anchor's label row,
# issue 23). test_target_type below checks the rest of its contract. (Left
# out rather than marked: a marked check has no stable test id for xdist.)
REPLACED_CHECKS = {"check_target_type"}

IMBLEARN_CHECKS = [
    (estimator, check)
    for sampler in SAMPLERS
    for estimator, check in estimator_checks_generator(
        sampler, expected_failed_checks={}, mark="xfail"
    )
    if getattr(check, "func", check).__name__ not in REPLACED_CHECKS
]


def _check_id(obj):
    if isinstance(obj, partial):
        return obj.func.__name__
    return repr(obj).replace(" ", "")


@pytest.mark.parametrize("estimator, check", IMBLEARN_CHECKS, ids=_check_id)
def test_imblearn_checks(estimator, check):
    check(estimator)


@pytest.mark.parametrize("estimator", SAMPLERS, ids=_check_id)
def test_imblearn_param_validation(estimator):
    check_param_validation(type(estimator).__name__, estimator)


@pytest.mark.parametrize("estimator", SAMPLERS, ids=_check_id)
def test_imblearn_dataframe_column_names(estimator):
    check_dataframe_column_names_consistency(type(estimator).__name__, estimator)


@pytest.mark.parametrize("estimator", SAMPLERS, ids=_check_id)
def test_target_type(estimator):
    # imbalanced-learn's check_target_type, but for a multi-label y: a
    # continuous y and a 2-D y of more than two values are refused; a
    # multi-label y is resampled, or refused by name where an option needs
    # one class per row.
    rng = np.random.RandomState(42)
    X = rng.random_sample((20, 2))
    with pytest.raises(ValueError, match="Unknown label type:"):
        estimator.fit_resample(X, np.linspace(0, 1, 20))
    with pytest.raises(ValueError, match="1d array"):
        estimator.fit_resample(X, rng.randint(3, size=(20, 3)))
    Y = rng.randint(2, size=(20, 3))
    class_options = estimator.sampling_strategy is not None or (
        estimator.pairing == "within_class" or estimator.label == "remix"
    )
    if class_options:
        with pytest.raises(ValueError, match="cannot be used with a multi-label"):
            estimator.fit_resample(X, Y)
    else:
        _, Y_res = estimator.fit_resample(X, Y)
        assert Y_res.shape[1] == 3


# Rare-target regression balancing (issue 23): scikit-learn's checks and the
# parameter checks; imbalanced-learn's generator asserts class counts, which a
# regression sampler does not have.
REGRESSION_BALANCERS = [
    MixupSampler(
        target="regression",
        sampling_strategy="auto",
        relevance_threshold=0.5,
        pairing="label_kernel",
        random_state=0,
    ),
]


@parametrize_with_checks(REGRESSION_BALANCERS)
def test_sklearn_checks_regression_balancing(estimator, check):
    check(estimator)


@pytest.mark.parametrize("estimator", REGRESSION_BALANCERS, ids=_check_id)
def test_imblearn_param_validation_regression_balancing(estimator):
    check_param_validation(type(estimator).__name__, estimator)
    check_dataframe_column_names_consistency(type(estimator).__name__, estimator)
