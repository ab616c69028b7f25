"""
PyTorch: an MLP on a table, trained on mixed mini-batches
=========================================================

:func:`~mixup_sklearn.mixup_batches` yields mini-batches that are already
mixed: ``X_batch`` blends each anchor row with a partner from the same batch,
and ``Y_batch`` holds the matching soft one-hot labels
λ·y_anchor + (1 − λ)·y_partner. A PyTorch training loop only has to turn them
into tensors and use a cross-entropy that accepts soft labels,

.. math::

   \\ell = -\\sum_k Y_k \\log \\operatorname{softmax}(f(x))_k.

With ``alpha=0`` the same generator gives plain shuffled batches with one-hot
labels, so one loop trains both the ERM baseline and the mixup model.

This example needs ``torch``; the CPU build is enough. Install it from a
CPU wheel on disk, as ``make test`` does (``pip install ./torch-*.whl``), or
from PyTorch's CPU index (``pip install torch --index-url
https://download.pytorch.org/whl/cpu``), never with a plain ``pip install
torch``, whose Linux build pulls gigabytes of CUDA packages; CONTRIBUTING.md
has the details. It is shown here but not run when the documentation is
built; the test suite runs it whenever torch is installed.
"""

import numpy as np
import torch
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from mixup_sklearn import mixup_batches

torch.manual_seed(0)
torch.set_num_threads(1)  # a small network: threads only add overhead

X, y = load_breast_cancer(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.3, stratify=y, random_state=0
)
scaler = StandardScaler().fit(X_train)  # scale first: mixing is linear
X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)


def soft_cross_entropy(logits, soft_labels):
    """Cross-entropy against soft labels (rows of Y sum to 1)."""
    return -(soft_labels * torch.log_softmax(logits, dim=1)).sum(dim=1).mean()


def train(alpha, n_epochs=40, seed=0):
    """An MLP trained on mixup_batches with the given alpha."""
    torch.manual_seed(seed)
    model = torch.nn.Sequential(
        torch.nn.Linear(X_train.shape[1], 64),
        torch.nn.ReLU(),
        torch.nn.Linear(64, 2),
    )
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-4)
    batches = mixup_batches(
        X_train,
        y_train,
        batch_size=32,
        alpha=alpha,
        n_epochs=n_epochs,
        random_state=seed,
    )
    model.train()
    for X_batch, Y_batch in batches:
        logits = model(torch.as_tensor(X_batch, dtype=torch.float32))
        loss = soft_cross_entropy(logits, torch.as_tensor(Y_batch, dtype=torch.float32))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model


def evaluate(model):
    """Test accuracy and log-loss of a trained model."""
    model.eval()
    with torch.no_grad():
        logits = model(torch.as_tensor(X_test, dtype=torch.float32))
        log_proba = torch.log_softmax(logits, dim=1).numpy()
    accuracy = np.mean(log_proba.argmax(axis=1) == y_test)
    log_loss = -np.mean(log_proba[np.arange(len(y_test)), y_test])
    return accuracy, log_loss


for name, alpha in [("ERM (alpha=0)", 0.0), ("mixup (alpha=0.4)", 0.4)]:
    accuracy, log_loss = evaluate(train(alpha))
    print(f"{name:<18} test accuracy {accuracy:.3f}, log-loss {log_loss:.3f}")

# %%
# ``alpha`` is a hyper-parameter like the learning rate: compare the two runs
# on held-out data (or cross-validate) before keeping mixup. The classes of
# ``y`` may be any labels; ``mixup_batches(classes=...)`` fixes the order of
# the one-hot columns when a batch might miss one. For images, X may have any
# number of dimensions, e.g. ``(n, channels, height, width)``.
