"""scikit-learn's estimator checks for the meta-estimators."""

import inspect

from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.linear_model import LogisticRegression, Ridge, SGDClassifier, SGDRegressor
from sklearn.utils.estimator_checks import parametrize_with_checks

from mixup_sklearn import MixupClassifier, MixupRegressor

ESTIMATORS = [
    MixupClassifier(LogisticRegression(max_iter=1000), random_state=0),
    # The paper's setting: a fresh mix for every mini-batch via partial_fit.
    MixupClassifier(
        SGDClassifier(loss="log_loss", random_state=0),
        alpha=0.4,
        n_epochs=3,
        batch_size=16,
        random_state=0,
    ),
    MixupRegressor(Ridge(alpha=0.1), alpha=0.2, random_state=0),
    # CutMix (issue 12): soft labels from the realised share of anchor cells.
    MixupClassifier(LogisticRegression(max_iter=1000), method="cutmix", random_state=0),
    # The training-loop controls (issue 23, item 4), each off its default.
    MixupClassifier(
        SGDClassifier(loss="log_loss", random_state=0),
        n_epochs=3,
        prob=0.7,
        switch_prob=0.5,
        cutmix_alpha=1.0,
        mixup_off_epoch=2,
        random_state=0,
    ),
    MixupRegressor(
        SGDRegressor(random_state=0),
        n_epochs=3,
        batch_size=16,
        prob=0.5,
        switch_prob=0.3,
        cutmix_alpha=0.5,
        mixup_off_epoch=2,
        random_state=0,
    ),
    # The regression pairings (issue 23, item 7), with a fixed bandwidth too.
    MixupRegressor(Ridge(alpha=0.1), pairing="label_kernel", random_state=0),
    MixupRegressor(
        Ridge(alpha=0.1), pairing="label_kernel", bandwidth=0.5, random_state=0
    ),
    MixupRegressor(Ridge(alpha=0.1), pairing="knn", n_neighbors=3, random_state=0),
    MixupRegressor(Ridge(alpha=0.1), pairing="lag", lag=1, random_state=0),
    # Missing values mixed (issue 23), for an estimator that takes NaN.
    MixupRegressor(
        HistGradientBoostingRegressor(max_iter=10),
        missing="propagate",
        random_state=0,
    ),
]

# A weight of 2 and a duplicated row are different training sets for mixup:
# the duplicate is a second anchor and a likelier partner, so the mixed rows
# differ. No mixing scheme that draws partners among rows can pass these.
_WEIGHT_IS_NOT_DUPLICATION = (
    "mixup draws partners among rows, so a duplicated row changes the mix "
    "while a weight of 2 does not"
)
EXPECTED_FAILED_CHECKS = {
    "check_sample_weight_equivalence_on_dense_data": _WEIGHT_IS_NOT_DUPLICATION,
    "check_sample_weight_equivalence_on_sparse_data": _WEIGHT_IS_NOT_DUPLICATION,
}


# xfail_strict is new in scikit-learn 1.7; make test-floors runs 1.6.
_STRICT = (
    {"xfail_strict": True}
    if "xfail_strict" in inspect.signature(parametrize_with_checks).parameters
    else {}
)


@parametrize_with_checks(
    ESTIMATORS,
    expected_failed_checks=lambda estimator: EXPECTED_FAILED_CHECKS,
    **_STRICT,
)
def test_sklearn(estimator, check):
    check(estimator)
