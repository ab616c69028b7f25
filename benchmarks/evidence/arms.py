"""Every arm of every experiment, as an unfitted estimator built from its name.

An arm's name carries its settings (``"mixup α=0.4"``), so that a row of the
results table says exactly what was fitted. Tuned arms are not built here:
they pick one of the fixed arms by its validation score (see
``statistics.add_tuned_arms``), which costs no fit of its own.
"""

from __future__ import annotations

from imblearn.over_sampling import SMOTE, RandomOverSampler
from imblearn.pipeline import Pipeline
from sklearn.compose import TransformedTargetRegressor
from sklearn.ensemble import (
    HistGradientBoostingClassifier,
    HistGradientBoostingRegressor,
    RandomForestClassifier,
)
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.preprocessing import StandardScaler

from mixup_sklearn import MixupClassifier, MixupSampler


def _cutmix(method):
    """``{"method": "cutmix"}`` for a CutMix arm, ``{}`` for a mixup arm."""
    return {"method": "cutmix"} if method == "cutmix" else {}


def _pipeline(*steps):
    return Pipeline([("scale", StandardScaler()), *steps])


def _alpha(arm):
    """The α written in an arm's name, ``"mixup α=0.4"`` → 0.4."""
    return float(arm.rsplit("=", 1)[1])


# --------------------------------------------------------------------------
# The over-parametrised regime (Kadra et al., 2021) and label noise
# --------------------------------------------------------------------------

LARGE_MLP = "MLP 3×256"
HIDDEN_LAYERS = (256, 256, 256)
L2_GRID = (0.01, 0.1, 1.0)
LARGE_MLP_ALPHAS = (0.1, 0.2, 0.4, 1.0)
NOISE_ALPHAS = (1.0, 2.0, 8.0, 32.0)

LARGE_MLP_ARMS = (
    "plain",
    *(f"L2 penalty={penalty:g}" for penalty in L2_GRID),
    *(f"mixup α={a:g}" for a in LARGE_MLP_ALPHAS),
    *(f"CutMix α={a:g}" for a in LARGE_MLP_ALPHAS),
)
NOISE_ARMS = (
    "plain",
    *(f"mixup α={a:g}" for a in NOISE_ALPHAS),
    *(f"CutMix α={a:g}" for a in NOISE_ALPHAS),
)


def large_mlp(seed, epochs, penalty=0.0):
    """The unregularised, long-trained net in which mixup is said to help.

    ``n_iter_no_change`` above ``max_iter`` makes it train all ``epochs``:
    the loss-plateau rule would otherwise stop the plain net early and
    compare nets trained for different lengths.
    """
    return MLPClassifier(
        hidden_layer_sizes=HIDDEN_LAYERS,
        alpha=penalty,
        solver="adam",
        learning_rate_init=1e-3,
        batch_size=128,
        max_iter=epochs,
        early_stopping=False,
        n_iter_no_change=epochs + 1,
        random_state=seed,
    )


def large_mlp_arm(arm, seed, epochs):
    """plain, an L2 penalty, or a fresh mix every epoch (``partial_fit``)."""
    if arm == "plain":
        return _pipeline(("model", large_mlp(seed, epochs)))
    if arm.startswith("L2 penalty="):
        return _pipeline(("model", large_mlp(seed, epochs, _alpha(arm))))
    method = "cutmix" if arm.startswith("CutMix") else "mixup"
    model = MixupClassifier(
        large_mlp(seed, epochs),
        alpha=_alpha(arm),
        n_epochs=epochs,
        random_state=seed,
        **_cutmix(method),
    )
    return _pipeline(("model", model))


# --------------------------------------------------------------------------
# Four model families, and the candidate default α
# --------------------------------------------------------------------------

DEFAULT_ALPHAS = (0.2, 0.4, 1.0)
ENTRY_POINTS = ("sampler", "soft labels")
CLASSIFIERS = (
    "LogisticRegression",
    "MLPClassifier",
    "HistGradientBoostingClassifier",
    "RandomForestClassifier",
)
REGRESSORS = ("Ridge", "MLPRegressor", "HistGradientBoostingRegressor")

CLASSIFICATION_ARMS = (
    "ERM",
    *(
        f"{prefix}{entry} α={a:g}"
        for prefix in ("", "CutMix ")
        for entry in ENTRY_POINTS
        for a in DEFAULT_ALPHAS
    ),
)


def classifier(name, seed, epochs):
    """The four classifiers, with the settings used in every arm."""
    if name == "LogisticRegression":
        return LogisticRegression(max_iter=2000)
    if name == "MLPClassifier":
        return MLPClassifier(
            hidden_layer_sizes=(64,), max_iter=epochs, random_state=seed
        )
    if name == "HistGradientBoostingClassifier":
        # 50 rounds, not the default 100: on digits (10 classes, 1 tree per
        # class per round) the 13 arms would dominate the run.
        return HistGradientBoostingClassifier(
            max_iter=50, early_stopping=False, random_state=seed
        )
    if name == "RandomForestClassifier":
        return RandomForestClassifier(n_estimators=50, random_state=seed, n_jobs=1)
    raise ValueError(f"unknown classifier {name!r}")


def classification_arm(arm, model, seed, epochs):
    """ERM, the anchor-label sampler, or soft labels in one fit.

    As many mixed rows as training rows, originals not kept: the library's
    defaults, so that only α and the method differ between arms.
    """
    base = classifier(model, seed, epochs)
    if arm == "ERM":
        return _pipeline(("model", base))
    method = "cutmix" if arm.startswith("CutMix") else "mixup"
    options = {"alpha": _alpha(arm), "random_state": seed, **_cutmix(method)}
    if "sampler" in arm:
        return _pipeline(("mixup", MixupSampler(**options)), ("model", base))
    return _pipeline(("model", MixupClassifier(base, **options)))


# --------------------------------------------------------------------------
# The paper's tabular set-up (Zhang et al., 2018)
# --------------------------------------------------------------------------

PAPER_ARMS = ("ERM", "mixup α=1, per mini-batch")


def paper_arm(arm, seed, epochs=10, batch_size=16):
    """Zhang et al.'s tabular set-up: MLP 2×128 ReLU, Adam, batches of 16."""
    mlp = MLPClassifier(
        hidden_layer_sizes=(128, 128),
        activation="relu",
        solver="adam",
        batch_size=batch_size,
        max_iter=epochs,
        n_iter_no_change=epochs + 1,
        random_state=seed,
    )
    if arm == "ERM":
        return _pipeline(("model", mlp))
    model = MixupClassifier(
        mlp, alpha=1.0, n_epochs=epochs, batch_size=batch_size, random_state=seed
    )
    return _pipeline(("model", model))


# --------------------------------------------------------------------------
# Class balancing
# --------------------------------------------------------------------------

IMBALANCE_ARMS = (
    "no resampling",
    "SMOTE",
    "RandomOverSampler",
    "mixup balancing, within_class",
    "mixup balancing, knn",
    "CutMix balancing, within_class",
    "Remix",
)


def imbalance_arm(arm, model, seed, epochs):
    """Each resampler balances the classes of the training split."""
    base = classifier(model, seed, epochs)
    if arm == "no resampling":
        return _pipeline(("model", base))
    if arm == "SMOTE":
        sampler = SMOTE(random_state=seed)
    elif arm == "RandomOverSampler":
        sampler = RandomOverSampler(random_state=seed)
    elif arm == "mixup balancing, within_class":
        sampler = MixupSampler(
            sampling_strategy="auto", pairing="within_class", random_state=seed
        )
    elif arm == "CutMix balancing, within_class":
        # The same pairing as the mixup arm above, so that only the method
        # differs between the two.
        sampler = MixupSampler(
            sampling_strategy="auto",
            pairing="within_class",
            random_state=seed,
            **_cutmix("cutmix"),
        )
    elif arm == "mixup balancing, knn":
        sampler = MixupSampler(
            sampling_strategy="auto", pairing="knn", n_neighbors=5, random_state=seed
        )
    elif arm == "Remix":
        # Remix relabels mixes instead of balancing counts, and refuses
        # sampling_strategy; with hard labels, tau = 0.5 would be the
        # larger-share rule, so tau = 0.9 lets it favour the minority.
        sampler = MixupSampler(
            label="remix", kappa=3.0, tau=0.9, concat=True, random_state=seed
        )
    else:
        raise ValueError(f"unknown arm {arm!r}")
    return _pipeline(("resample", sampler), ("model", base))


# --------------------------------------------------------------------------
# Regression
# --------------------------------------------------------------------------

REGRESSION_ARMS = ("ERM", "mixup, random pairs", "C-Mixup (label_kernel)")


def regressor(name, seed, epochs):
    """The three regressors, with the settings used in every arm."""
    if name == "Ridge":
        return Ridge(alpha=1.0)
    if name == "MLPRegressor":
        return MLPRegressor(
            hidden_layer_sizes=(64,), max_iter=epochs, random_state=seed
        )
    if name == "HistGradientBoostingRegressor":
        return HistGradientBoostingRegressor(
            max_iter=100, early_stopping=False, random_state=seed
        )
    raise ValueError(f"unknown regressor {name!r}")


def regression_arm(arm, model, seed, epochs):
    """Regression arms; the target is standardised first, so that C-Mixup's
    bandwidth is in units of the target's standard deviation."""
    base = regressor(model, seed, epochs)
    if arm == "ERM":
        steps = [("model", base)]
    elif arm == "mixup, random pairs":
        sampler = MixupSampler(target="regression", random_state=seed)
        steps = [("mixup", sampler), ("model", base)]
    elif arm == "C-Mixup (label_kernel)":
        sampler = MixupSampler(
            target="regression",
            pairing="label_kernel",
            bandwidth=0.5,
            random_state=seed,
        )
        steps = [("mixup", sampler), ("model", base)]
    else:
        raise ValueError(f"unknown arm {arm!r}")
    return TransformedTargetRegressor(_pipeline(*steps), transformer=StandardScaler())


# --------------------------------------------------------------------------
# Tuned arms: the best fixed arm of a family by its validation score
# --------------------------------------------------------------------------

TUNED_ARMS = {
    "large_mlp": {
        "L2 tuned": [a for a in LARGE_MLP_ARMS if a.startswith("L2")],
        "mixup, tuned α": [a for a in LARGE_MLP_ARMS if a.startswith("mixup")],
        "CutMix, tuned α": [a for a in LARGE_MLP_ARMS if a.startswith("CutMix")],
    },
    "classification": {
        f"{prefix}{entry}, tuned α": [
            f"{prefix}{entry} α={a:g}" for a in DEFAULT_ALPHAS
        ]
        for prefix in ("", "CutMix ")
        for entry in ENTRY_POINTS
    },
}

ARMS = {
    "large_mlp": (*LARGE_MLP_ARMS, *TUNED_ARMS["large_mlp"]),
    "label_noise": NOISE_ARMS,
    "classification": (*CLASSIFICATION_ARMS, *TUNED_ARMS["classification"]),
    "paper": PAPER_ARMS,
    "imbalance": IMBALANCE_ARMS,
    "regression": REGRESSION_ARMS,
}
BASELINE = {
    "large_mlp": "plain",
    "label_noise": "plain",
    "classification": "ERM",
    "paper": "ERM",
    "imbalance": "no resampling",
    "regression": "ERM",
}


def build(task, seed):
    """The unfitted estimator of ``task``."""
    if task.experiment in ("large_mlp", "label_noise"):
        return large_mlp_arm(task.arm, seed, task.epochs)
    if task.experiment == "classification":
        return classification_arm(task.arm, task.model, seed, task.epochs)
    if task.experiment == "paper":
        return paper_arm(task.arm, seed)
    if task.experiment == "imbalance":
        return imbalance_arm(task.arm, task.model, seed, task.epochs)
    return regression_arm(task.arm, task.model, seed, task.epochs)
