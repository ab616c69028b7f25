"""
CutMix against mixup on two features
====================================

mixup puts a synthetic row on the segment between its anchor and its
partner: x' = λ·x_a + (1 − λ)·x_p. CutMix for tables (``method="cutmix"``)
swaps cells instead: round((1 − λ)·d) of a row's d features, drawn at
random, come from the partner and the others from the anchor. With two
features a CutMix row therefore lands on a corner of the rectangle spanned
by its parents: the anchor itself, the partner, or one of the two rows that
mix their coordinates. Every value it holds is a real value of its column.

The left panel draws mixup rows, the right panel CutMix rows from the same
pairs, with a grey line from each synthetic row to its anchor.
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_moons

from mixup_sklearn import MixupSampler

X, y = make_moons(n_samples=60, noise=0.15, random_state=0)

fig, axes = plt.subplots(1, 2, figsize=(11, 4.5), sharex=True, sharey=True)
for ax, method in zip(axes, ["mixup", "cutmix"], strict=True):
    sampler = MixupSampler(alpha=1.0, method=method, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    anchors = sampler.pairs_[:, 0]
    for anchor, synthetic in zip(X[anchors], X_res, strict=True):
        ax.plot(*np.column_stack([anchor, synthetic]), color="0.8", lw=0.8)
    ax.scatter(*X.T, c=y, cmap="coolwarm", s=25, label="original rows")
    ax.scatter(
        *X_res.T, c=y_res, cmap="coolwarm", marker="x", s=35, label="synthetic rows"
    )
    swapped = np.mean(sampler.lambdas_ < 1)
    ax.set_title(
        f'method="{method}": mean share of the anchor {sampler.lambdas_.mean():.2f}'
        f"\n{swapped:.0%} of the rows differ from their anchor"
    )
    ax.set_xlabel("feature 0")
axes[0].set_ylabel("feature 1")
axes[0].legend(loc="lower left")
fig.tight_layout()
plt.show()
