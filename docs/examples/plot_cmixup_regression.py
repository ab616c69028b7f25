"""
C-Mixup against random pairing in regression
============================================

Mixing the targets of two rows assumes that the target is linear between
them. Random pairs join distant points, and on a curve the mixed rows fall
far from it. C-Mixup (Yao et al., NeurIPS 2022) draws partners with
probability proportional to exp(−(y_i − y_j)² / (2·bandwidth²)), so rows are
mixed with rows of similar target.

That suits a target where a similar value means a nearby row, as on the step
of the top row: random pairs smear the step, C-Mixup keeps each side to
itself. It does not suit a target that distant rows share, as on the sine of
the bottom row: C-Mixup then joins the peaks with each other, across the
troughs. Look
at your target before choosing the pairing, and compare both by
cross-validation.

The titles give the test error of a small neural network trained on the
training rows followed by the synthetic rows.
"""

import matplotlib.pyplot as plt
import numpy as np
from imblearn.pipeline import make_pipeline
from sklearn.metrics import mean_squared_error
from sklearn.neural_network import MLPRegressor

from mixup_sklearn import MixupSampler

rng = np.random.RandomState(0)
X = np.sort(rng.uniform(-3, 3, 40))[:, np.newaxis]
X_test = np.linspace(-3, 3, 400)[:, np.newaxis]
targets = {
    "tanh(4x), a step": lambda x: np.tanh(4 * x),
    "sin(2x)": lambda x: np.sin(2 * x),
}
pairings = {
    'pairing="random"': {},
    'pairing="label_kernel" (C-Mixup)': {"pairing": "label_kernel", "bandwidth": 0.2},
}

fig, axes = plt.subplots(2, 2, figsize=(11, 8), sharex=True, sharey=True)
for row, (target_name, curve) in zip(axes, targets.items(), strict=True):
    y = curve(X.ravel()) + rng.normal(scale=0.1, size=len(X))
    y_test = curve(X_test.ravel())
    for ax, (name, params) in zip(row, pairings.items(), strict=True):
        sampler = MixupSampler(
            alpha=1.0, n_samples=5.0, target="regression", random_state=0, **params
        )
        X_new, y_new = sampler.fit_resample(X, y)
        model = make_pipeline(
            sampler.set_params(concat=True),
            MLPRegressor(hidden_layer_sizes=(64, 64), max_iter=2000, random_state=0),
        ).fit(X, y)
        error = mean_squared_error(y_test, model.predict(X_test))
        ax.plot(X_test, y_test, color="grey", label=target_name)
        ax.scatter(X_new, y_new, s=8, color="tab:orange", label="synthetic rows")
        ax.scatter(X, y, s=20, color="k", label="training rows")
        ax.plot(X_test, model.predict(X_test), color="tab:blue", label="MLP fit")
        ax.set_title(f"{target_name}, {name}\ntest MSE {error:.3f}", fontsize="medium")
    row[0].legend(fontsize="small")
plt.show()
