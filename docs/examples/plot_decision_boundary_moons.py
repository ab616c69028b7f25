"""
Decision boundaries with and without mixup
==========================================

A multi-layer perceptron trained on 150 noisy two-moons points draws a
boundary that follows individual training points. Training it on mixup rows
(:class:`~mixup_sklearn.MixupSampler` in an imbalanced-learn pipeline)
smooths the boundary and softens the predicted probabilities away from the
data. The accuracy on 1000 fresh points is printed in each title.
"""

import matplotlib.pyplot as plt
from imblearn.pipeline import make_pipeline
from sklearn.datasets import make_moons
from sklearn.inspection import DecisionBoundaryDisplay
from sklearn.neural_network import MLPClassifier

from mixup_sklearn import MixupSampler

X, y = make_moons(n_samples=150, noise=0.3, random_state=0)
X_test, y_test = make_moons(n_samples=1000, noise=0.3, random_state=1)


def mlp():
    # L-BFGS converges in a few hundred iterations on this little data.
    return MLPClassifier(
        hidden_layer_sizes=(32, 32),
        solver="lbfgs",
        alpha=1e-3,
        max_iter=2000,
        random_state=0,
    )


models = {
    "ERM (no mixup)": mlp(),
    "mixup, alpha=0.4": make_pipeline(
        MixupSampler(alpha=0.4, n_samples=3.0, concat=True, random_state=0), mlp()
    ),
}

fig, axes = plt.subplots(1, 2, figsize=(10, 4), sharex=True, sharey=True)
for ax, (name, model) in zip(axes, models.items(), strict=True):
    model.fit(X, y)
    DecisionBoundaryDisplay.from_estimator(
        model, X, response_method="predict_proba", cmap="coolwarm", alpha=0.8, ax=ax
    )
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", edgecolor="k", s=20)
    ax.set_title(f"{name}: test accuracy {model.score(X_test, y_test):.3f}")
plt.show()
