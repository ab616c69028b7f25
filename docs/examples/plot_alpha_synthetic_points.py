"""
Synthetic points for three values of alpha
==========================================

:func:`~mixup_sklearn.mixup` places each synthetic row on the segment between
an anchor and a partner, at a weight λ ~ Beta(α, α) folded towards the anchor.
Small α keeps synthetic rows near real ones; α = 1 spreads them along the
segments; large α gathers them near the midpoints. Colour shows the mixed
label λ·y_anchor + (1 − λ)·y_partner: mixed between the two moons, pure
within one.
"""

import matplotlib.pyplot as plt
from sklearn.datasets import make_moons

from mixup_sklearn import mixup

X, y = make_moons(n_samples=80, noise=0.1, random_state=0)

fig, axes = plt.subplots(1, 3, figsize=(12, 4), sharex=True, sharey=True)
for ax, alpha in zip(axes, (0.2, 1.0, 4.0), strict=True):
    X_new, y_new = mixup(X, y, alpha=alpha, n_samples=5.0, random_state=0)
    points = ax.scatter(
        X_new[:, 0], X_new[:, 1], c=y_new, cmap="coolwarm", s=8, vmin=0, vmax=1
    )
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", edgecolor="k", s=30)
    ax.set_title(f"alpha = {alpha:g}")
fig.colorbar(points, ax=axes, label="mixed label")
plt.show()
