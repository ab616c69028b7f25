"""The reference arms: gradient boosting and the scikit-learn path (§3).

Neither enters a test family. Their "logits" are log-probabilities, which
give the same softmax, so the analysis treats every arm alike.
"""

from __future__ import annotations

import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning

from mixup_sklearn import MixupClassifier

FIDELITY_ALPHA = 1.0


def _log_proba(model, X, n_classes):
    """(n, n_classes) log-probabilities, also for a class the fit never saw."""
    proba = np.full((len(X), n_classes), 1e-12)
    proba[:, model.classes_] = np.maximum(model.predict_proba(X), 1e-12)
    return np.log(proba / proba.sum(axis=1, keepdims=True)).astype(np.float32)


def _adam_steps(model):
    """Adam updates an MLPClassifier (possibly inside MixupClassifier) took."""
    model = getattr(model, "estimator_", model)
    return int(model._optimizer.t)


def _result(arm, value, model, split, seconds, steps=None):
    logits = {
        ("last", part): _log_proba(model, split.X[part], split.n_classes)
        for part in ("val", "test")
    }
    return {
        "arm": arm,
        "value": value,
        "logits": logits,
        "seconds": seconds,
        "steps": steps,
    }


def fit_hgb(split, seed):
    """HistGradientBoostingClassifier, early-stopped on the validation split."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    start = time.perf_counter()
    model = HistGradientBoostingClassifier(
        early_stopping=True, max_iter=1000, n_iter_no_change=20, random_state=seed
    )
    model.fit(
        split.X["train"], split.y["train"], X_val=split.X["val"], y_val=split.y["val"]
    )
    return _result(
        "hgb", None, model, split, time.perf_counter() - start, model.n_iter_
    )


def check_soft_labels():
    """Refuse the fidelity arm where MixupClassifier would fall back to hard labels."""
    import inspect

    from sklearn.neural_network import MLPClassifier

    if "sample_weight" not in inspect.signature(MLPClassifier.partial_fit).parameters:
        import sklearn

        raise SystemExit(
            "the library-fidelity arm needs "
            "MLPClassifier.partial_fit(sample_weight=...)"
            f" (scikit-learn >= 1.7), got scikit-learn {sklearn.__version__}; "
            "MixupClassifier would train on hard labels instead. Upgrade "
            "scikit-learn or pass --no-fidelity"
        )


def _mlp(seed):
    from sklearn.neural_network import MLPClassifier

    return MLPClassifier(
        hidden_layer_sizes=(256, 256, 256),
        batch_size=128,
        alpha=0.0,
        learning_rate_init=1e-3,
        random_state=seed,
    )


def fidelity_epochs(y_train, epochs):
    """Step-matched epochs: a mix of two labels enters twice, so fewer epochs."""
    shares = np.bincount(y_train) / len(y_train)
    differ = 1 - np.sum(shares**2)
    return max(1, round(epochs / (1 + differ)))


def fit_fidelity(split, epochs, seed):
    """Plain MLPClassifier, and MixupClassifier natural and step-matched."""
    check_soft_labels()
    classes = np.arange(split.n_classes)
    X, y = split.X["train"], split.y["train"]
    results = []
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        plain = _mlp(seed)
        for _ in range(epochs):
            plain.partial_fit(X, y, classes=classes)
        results.append(
            _result(
                "sk_plain",
                None,
                plain,
                split,
                time.perf_counter() - start,
                _adam_steps(plain),
            )
        )
        for arm, n_epochs in (
            ("sk_mixup_natural", epochs),
            ("sk_mixup_matched", fidelity_epochs(y, epochs)),
        ):
            start = time.perf_counter()
            with warnings.catch_warnings():
                # A fall-back to hard labels must stop the run, not warn.
                warnings.simplefilter("error", UserWarning)
                model = MixupClassifier(
                    _mlp(seed),
                    alpha=FIDELITY_ALPHA,
                    n_epochs=n_epochs,
                    random_state=seed,
                ).fit(X, y)
            result = _result(
                arm,
                FIDELITY_ALPHA,
                model,
                split,
                time.perf_counter() - start,
                _adam_steps(model),
            )
            result["epochs"] = n_epochs
            results.append(result)
    results[0]["epochs"] = epochs
    return results
