"""
SMOTE against mixup for class balance
=====================================

Both over-samplers add minority rows on segments between existing rows until
the classes are balanced. SMOTE joins a minority row to one of its ``k``
nearest minority neighbours with a uniform weight. mixup with
``sampling_strategy`` anchors the new rows in the minority class and, with
``pairing="within_class"``, draws the partner anywhere in that class, with a
Beta(α, α) weight folded towards the anchor.

The scatter plots show the synthetic minority rows; the titles give the
balanced accuracy of a logistic regression trained on each resampled set.
"""

from collections import Counter

import matplotlib.pyplot as plt
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import make_pipeline
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score

from mixup_sklearn import MixupSampler

X, y = make_classification(
    n_samples=400,
    n_features=2,
    n_informative=2,
    n_redundant=0,
    n_clusters_per_class=1,
    weights=[0.9, 0.1],
    class_sep=0.8,
    random_state=0,
)
print("classes before:", dict(Counter(y)))

samplers = {
    "SMOTE(k_neighbors=5)": SMOTE(random_state=0),
    'mixup, alpha=0.4, pairing="within_class"': MixupSampler(
        alpha=0.4,
        sampling_strategy="auto",
        pairing="within_class",
        concat=True,
        random_state=0,
    ),
}

fig, axes = plt.subplots(1, 2, figsize=(11, 4.5), sharex=True, sharey=True)
for ax, (name, sampler) in zip(axes, samplers.items(), strict=True):
    X_res, y_res = sampler.fit_resample(X, y)
    print(f"{name}: classes after {dict(Counter(y_res))}")
    new = slice(len(X), None)  # both put the original rows first
    score = cross_val_score(
        make_pipeline(sampler, LogisticRegression()),
        X,
        y,
        scoring="balanced_accuracy",
        cv=5,
    ).mean()
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", s=12, alpha=0.5)
    ax.scatter(X_res[new, 0], X_res[new, 1], c="tab:orange", s=10, marker="x")
    ax.set_title(f"{name}\nbalanced accuracy {score:.3f}", fontsize="medium")
plt.show()
