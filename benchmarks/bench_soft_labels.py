"""Test log-loss with and without MixupClassifier on breast_cancer.

Five stratified splits, features standardised on each training split. Prints a
table of the mean (and worst) test log-loss of each classifier fitted plainly
and through ``MixupClassifier`` with α = 0.2 and 1, which passes mixup's soft
labels by weighted duplication. Run: ``python benchmarks/bench_soft_labels.py``.
"""

import warnings

import numpy as np
from sklearn.base import clone
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.metrics import log_loss
from sklearn.model_selection import StratifiedKFold
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

from mixup_sklearn import MixupClassifier

MODELS = {
    "LogisticRegression(C=100)": (
        LogisticRegression(C=100, solver="newton-cholesky", max_iter=1000),
        {},
    ),
    "SGDClassifier(log_loss), 20 epochs × batches of 64": (
        # The default "optimal" step size is too noisy here, with or without
        # mixup, for the log-loss to say anything.
        SGDClassifier(
            loss="log_loss", learning_rate="adaptive", eta0=0.01, random_state=0
        ),
        {"n_epochs": 20, "batch_size": 64},
    ),
    "MLPClassifier(32)": (
        MLPClassifier(hidden_layer_sizes=(32,), max_iter=500, random_state=0),
        {},
    ),
    "HistGradientBoostingClassifier": (
        HistGradientBoostingClassifier(random_state=0),
        {},
    ),
}


def _fit_plain(estimator, X, y, schedule):
    """The same schedule without mixing: partial_fit on shuffled batches."""
    model = clone(estimator)
    if not schedule:
        return model.fit(X, y)
    rng = np.random.RandomState(0)
    for _ in range(schedule["n_epochs"]):
        order = rng.permutation(len(X))
        for start in range(0, len(X), schedule["batch_size"]):
            rows = order[start : start + schedule["batch_size"]]
            model.partial_fit(X[rows], y[rows], classes=np.unique(y))
    return model


def main():
    X, y = load_breast_cancer(return_X_y=True)
    splits = list(StratifiedKFold(5, shuffle=True, random_state=0).split(X, y))
    alphas = [0.2, 1.0]
    header = "".join(f"{f'mixup α={alpha}':>16}" for alpha in alphas)
    print(f"{'model':<52} {'plain':>15}{header}")
    print(f"{'':<52} {'mean (worst)':>15}" + f"{'mean (worst)':>16}" * len(alphas))
    for name, (estimator, schedule) in MODELS.items():
        losses = {"plain": [], **{alpha: [] for alpha in alphas}}
        for train, test in splits:
            scaler = StandardScaler().fit(X[train])
            X_train, X_test = scaler.transform(X[train]), scaler.transform(X[test])
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                models = {"plain": _fit_plain(estimator, X_train, y[train], schedule)}
                for alpha in alphas:
                    models[alpha] = MixupClassifier(
                        estimator, alpha=alpha, random_state=0, **schedule
                    ).fit(X_train, y[train])
            for key, model in models.items():
                losses[key].append(log_loss(y[test], model.predict_proba(X_test)))
        cells = "".join(
            f"{np.mean(values):>9.3f} ({max(values):.3f})" for values in losses.values()
        )
        print(f"{name:<52}{cells}")


if __name__ == "__main__":
    main()
