"""Fixtures shared by the test modules."""

import pytest
from _data import LIBRARIES
from sklearn.datasets import load_breast_cancer
from sklearn.preprocessing import StandardScaler


@pytest.fixture(scope="session")
def breast_cancer():
    """scikit-learn's breast_cancer, as it ships: (X, y)."""
    return load_breast_cancer(return_X_y=True)


@pytest.fixture(scope="session")
def breast_cancer_scaled(breast_cancer):
    """breast_cancer with standardised features, for gradient-based models."""
    X, y = breast_cancer
    return StandardScaler().fit_transform(X), y


@pytest.fixture(params=LIBRARIES)
def library(request):
    """Each DataFrame library in turn, for a test of the same table in all of
    them (with ``_data.to_library``)."""
    return request.param
