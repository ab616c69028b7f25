"""
Balancing rare targets in regression
====================================

A skewed target has few rows in its tails, and a model fitted to it learns
the tails least. ``MixupSampler(target="regression", sampling_strategy=...)``
adds mixed rows to the rare regions of y, in the style of SMOGN, as a
sampler that fits in an imbalanced-learn Pipeline.

The default relevance, ``relevance="density"``, rates each target value by
how thin the target's density is there; values rated at least
``relevance_threshold=0.8`` are rare, and each run of them is a region,
named by its interval in ``sampling_strategy_``. Every synthetic row mixes an
anchor and a partner of the same region, so its target stays in the region.

The left panel shows the target before and after balancing, with the rare
regions shaded; the right panel shows where the synthetic rows lie.
"""

import matplotlib.pyplot as plt
import numpy as np

from mixup_sklearn import MixupSampler

rng = np.random.default_rng(0)
X = rng.normal(size=(600, 3))
y = np.exp(0.8 * X[:, 0] + 0.2 * rng.normal(size=600))  # a long right tail

sampler = MixupSampler(
    target="regression", sampling_strategy="auto", pairing="knn", random_state=0
)
X_res, y_res = sampler.fit_resample(X, y)
synthetic = slice(len(y), None)  # the originals come first

fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
bins = np.histogram_bin_edges(y_res, bins=40)
left.hist(y_res, bins=bins, color="tab:orange", label="after balancing")
left.hist(y, bins=bins, color="tab:blue", label="original rows")
for (low, high), n_added in sampler.sampling_strategy_.items():
    left.axvspan(low, high, color="0.85", zorder=0)
    left.text(low, left.get_ylim()[1] * 0.9, f" {n_added} rows added", ha="left")
left.set_xlabel("target y (grey: the rare region)")
left.set_ylabel("rows")
left.legend()

right.scatter(X[:, 0], y, s=8, color="tab:blue", label="original rows")
right.scatter(
    X_res[synthetic, 0], y_res[synthetic], s=8, color="tab:orange", label="synthetic"
)
right.set_xlabel("feature 0")
right.set_ylabel("target y")
right.legend()
fig.suptitle('MixupSampler(target="regression", sampling_strategy="auto")')
fig.tight_layout()
plt.show()
