"""
C-Mixup against random pairing in regression
============================================

Mixing the targets of two rows assumes that the target is linear between
them. On a curve, random pairs join distant points and the mixed rows fall
far from the curve. C-Mixup (Yao et al., NeurIPS 2022) draws partners with
probability proportional to exp(−(y_i − y_j)² / (2·bandwidth²)), so rows are
mixed with rows of similar target and the synthetic rows stay near the curve.

The titles give the test error of a small neural network trained on each
augmented set.
"""

import matplotlib.pyplot as plt
import numpy as np
from imblearn.pipeline import make_pipeline
from sklearn.metrics import mean_squared_error
from sklearn.neural_network import MLPRegressor

from mixup_sklearn import MixupSampler

rng = np.random.RandomState(0)
X = np.sort(rng.uniform(-3, 3, 40))[:, np.newaxis]
y = np.sin(2 * X.ravel()) + rng.normal(scale=0.1, size=40)
X_test = np.linspace(-3, 3, 400)[:, np.newaxis]
y_test = np.sin(2 * X_test.ravel())

samplers = {
    'pairing="random"': MixupSampler(
        alpha=1.0, n_samples=5.0, target="regression", random_state=0
    ),
    'pairing="label_kernel" (C-Mixup)': MixupSampler(
        alpha=1.0,
        n_samples=5.0,
        target="regression",
        pairing="label_kernel",
        bandwidth=0.2,
        random_state=0,
    ),
}

fig, axes = plt.subplots(1, 2, figsize=(11, 4), sharex=True, sharey=True)
for ax, (name, sampler) in zip(axes, samplers.items(), strict=True):
    X_new, y_new = sampler.fit_resample(X, y)
    model = make_pipeline(
        sampler.set_params(concat=True),
        MLPRegressor(hidden_layer_sizes=(64, 64), max_iter=2000, random_state=0),
    ).fit(X, y)
    error = mean_squared_error(y_test, model.predict(X_test))
    ax.plot(X_test, y_test, color="grey", label="sin(2x)")
    ax.scatter(X_new, y_new, s=8, color="tab:orange", label="synthetic rows")
    ax.scatter(X, y, s=20, color="k", label="training rows")
    ax.plot(X_test, model.predict(X_test), color="tab:blue", label="MLP fit")
    ax.set_title(f"{name}\ntest MSE {error:.3f}", fontsize="medium")
axes[0].legend(fontsize="small")
plt.show()
