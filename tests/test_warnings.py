"""``mixup_sklearn._warnings``: every warning of the library points at the
caller's own line, whatever the entry point and the wrappers between."""

import warnings

import numpy as np
import pytest
from sklearn.linear_model import Ridge
from sklearn.neighbors import KNeighborsClassifier

from mixup_sklearn import MixupClassifier, MixupRegressor, MixupSampler

X = np.random.RandomState(0).normal(size=(12, 2))


def _the_warning(call):
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        call()
    ours = [w for w in record if issubclass(w.category, UserWarning)]
    assert ours, "no warning was raised"
    return ours[0]


@pytest.mark.parametrize(
    "call",
    [
        # fit_resample, through imbalanced-learn's and scikit-learn's wrappers
        lambda: MixupSampler(pairing="knn", n_neighbors=8, random_state=0).fit_resample(
            X, np.r_[np.zeros(9), np.ones(3)].astype(int)
        ),
        # a meta-estimator's fit, through its own steps
        lambda: MixupRegressor(
            Ridge(), pairing="knn", n_neighbors=20, random_state=0
        ).fit(X, X[:, 0]),
        lambda: MixupClassifier(KNeighborsClassifier(3), random_state=0).fit(
            X, np.arange(12) % 2
        ),
    ],
    ids=["sampler-knn", "regressor-knn", "classifier-unweighted"],
)
def test_a_warning_points_at_the_callers_line(call):
    caught = _the_warning(call)
    assert caught.filename == __file__, caught.filename


def test_a_dask_warning_points_at_the_callers_line():
    da = pytest.importorskip("dask.array")
    X_dask = da.from_array(np.arange(22.0).reshape(11, 2), chunks=(5, 2))
    y_dask = da.from_array(np.arange(11.0), chunks=5)
    caught = _the_warning(
        lambda: MixupSampler(target="regression", random_state=0).fit_resample(
            X_dask, y_dask
        )
    )
    assert "single row" in str(caught.message)
    assert caught.filename == __file__, caught.filename
