"""
Random pairing against within-class pairing
===========================================

:class:`~mixup_sklearn.MixupSampler` keeps the label of each synthetic row's
anchor. With ``pairing="random"`` many segments join the two classes, so
synthetic rows fill the gap between them and some of them carry the label of
the farther class's region. With ``pairing="within_class"`` both rows of a
pair have the same label: synthetic rows stay inside each class (but the moons
are curved, so a segment can still leave the moon it belongs to).
"""

import matplotlib.pyplot as plt
from sklearn.datasets import make_moons

from mixup_sklearn import MixupSampler

X, y = make_moons(n_samples=100, noise=0.1, random_state=0)

fig, axes = plt.subplots(1, 2, figsize=(10, 4), sharex=True, sharey=True)
for ax, pairing in zip(axes, ("random", "within_class"), strict=True):
    sampler = MixupSampler(alpha=1.0, n_samples=4.0, pairing=pairing, random_state=0)
    X_new, y_new = sampler.fit_resample(X, y)
    ax.scatter(X_new[:, 0], X_new[:, 1], c=y_new, cmap="coolwarm", s=6, alpha=0.6)
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", edgecolor="k", s=30)
    ax.set_title(f'pairing="{pairing}"')
plt.show()
