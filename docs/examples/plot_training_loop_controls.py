"""
The training-loop controls: mixing some batches, switching, stopping
=====================================================================

``mixup_batches`` takes the controls of timm's ``Mixup`` under timm's names:
``prob`` (the share of batches mixed at all), ``switch_prob`` and
``cutmix_alpha`` (a batch switches to CutMix, with its own α) and
``mixup_off_epoch`` (from that epoch on, nothing is mixed).

This example streams a small table of whole numbers for six epochs with
``prob=0.7``, ``switch_prob=0.5`` and ``mixup_off_epoch=4``, and reads each
batch's kind from what it holds: a CutMix row holds its parents' cells, so
its values stay whole numbers, while a mixup row's values are blends. Each
dot is one row's λ (``targets="stacked"`` yields it; the anchor keeps the
larger share, so λ ≥ 0.5), at the position of its batch in the stream.
"""

import matplotlib.pyplot as plt
import numpy as np

from mixup_sklearn import mixup_batches

rng = np.random.default_rng(0)
X = rng.integers(0, 1000, size=(256, 6)).astype(np.float64)
y = rng.integers(0, 2, size=256)
batch_size, n_epochs, off = 32, 6, 4

kinds = {"not mixed": [], "mixup": [], "CutMix": []}
colours = {"not mixed": "0.6", "mixup": "tab:blue", "CutMix": "tab:orange"}
stream = mixup_batches(
    X,
    y,
    batch_size=batch_size,
    n_epochs=n_epochs,
    alpha=0.4,
    prob=0.7,
    switch_prob=0.5,
    cutmix_alpha=1.0,
    mixup_off_epoch=off,
    targets="stacked",
    random_state=0,
)
for batch, (X_batch, (_, _, lam)) in enumerate(stream):
    if np.all(lam == 1):
        kind = "not mixed"
    elif np.all(X_batch == np.round(X_batch)):
        kind = "CutMix"
    else:
        kind = "mixup"
    kinds[kind].append((np.full(len(lam), batch), lam))

batches_per_epoch = len(X) // batch_size
fig, ax = plt.subplots(figsize=(10, 4))
for kind, points in kinds.items():
    if points:
        where, lam = map(np.concatenate, zip(*points, strict=True))
        label = f"{kind} ({len(points)})"
        ax.scatter(where, lam, s=6, color=colours[kind], label=label)
for epoch in range(1, n_epochs):
    ax.axvline(epoch * batches_per_epoch - 0.5, color="0.85", lw=0.8)
ax.axvline(off * batches_per_epoch - 0.5, color="k", ls="--", lw=1)
ax.text(off * batches_per_epoch, 0.5, " mixup_off_epoch=4", va="bottom")
ax.set_xlabel("batch in the stream (grey lines: epochs)")
ax.set_ylabel("λ of each row (the anchor's share)")
ax.set_title("prob=0.7, switch_prob=0.5 (mixup α=0.4, CutMix α=1.0)")
ax.set_ylim(0.45, 1.03)
ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), title="batches")
fig.tight_layout()
plt.show()
