"""The PyTorch trainer shared by every torch arm (PREREGISTRATION.md §2–3).

A 3×256 ReLU MLP, AdamW at lr 1e-3 with per-step cosine decay to 0, batch
128, exact soft-label cross-entropy. Every arm of a split starts from the same
weights and takes the same number of optimiser steps; mixing goes through the
library's own :func:`mixup_sklearn.mixup_batches`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from mixup_sklearn import mixup_batches

HIDDEN = (256, 256, 256)
LEARNING_RATE = 1e-3
BATCH_SIZE = 128

# arm -> (kind, grid). One regulariser per arm.
ARMS = {
    "erm": ("erm", (None,)),
    "wd": ("weight_decay", (0.1, 1.0)),
    "ls": ("label_smoothing", (0.1, 0.2)),
    "mixup": ("mixup", (0.2, 1.0)),
    "cutmix": ("cutmix", (1.0, 8.0)),
}
BASELINES = ("erm", "wd", "ls")
MIXING = ("mixup", "cutmix")


def import_torch():
    """torch, or a one-line refusal that says how to install the CPU build."""
    try:
        import torch
    except ImportError:
        raise SystemExit(
            "the study needs PyTorch: install the CPU wheel, e.g. `pip install "
            "torch --index-url https://download.pytorch.org/whl/cpu` (or `make "
            "test`, which installs a local wheel offline)"
        ) from None
    return torch


def fit_plan():
    """Every (arm, value) that one (table, split, condition) fits."""
    return [(arm, value) for arm, (_, grid) in ARMS.items() for value in grid]


@dataclass
class FitResult:
    """Per-epoch log and the logits of the early-stopped and the last epoch."""

    arm: str
    value: float | None
    val_loss: np.ndarray  # per epoch
    val_error: np.ndarray
    test_error: np.ndarray
    best_epoch: int  # 1-based, lowest validation cross-entropy (earliest tie)
    logits: dict  # ("best" | "last", "val" | "test") -> float32 (n, C)
    steps: int
    seconds: float


def _network(torch, n_features, n_classes):
    layers, width = [], n_features
    for units in HIDDEN:
        layers += [torch.nn.Linear(width, units), torch.nn.ReLU()]
        width = units
    layers.append(torch.nn.Linear(width, n_classes))
    return torch.nn.Sequential(*layers)


def _plain_batches(y_train, n_classes, epochs, seed, smoothing):
    """Row indices and target rows of each batch, a fresh order every epoch."""
    rng = np.random.default_rng(seed)
    eye = np.eye(n_classes, dtype=np.float32)
    if smoothing:
        eye = (1 - smoothing) * eye + smoothing / n_classes
    for _ in range(epochs):
        order = rng.permutation(len(y_train))
        for start in range(0, len(order), BATCH_SIZE):
            rows = order[start : start + BATCH_SIZE]
            yield rows, eye[y_train[rows]]


def fit(split, arm, value, epochs, seed):
    """Train one arm on one split; returns a :class:`FitResult`."""
    import time

    torch = import_torch()
    kind = ARMS[arm][0]
    start = time.perf_counter()
    X_train, y_train = split.X["train"], split.y["train"]
    n_classes = split.n_classes
    steps_per_epoch = math.ceil(len(y_train) / BATCH_SIZE)
    total_steps = epochs * steps_per_epoch

    torch.manual_seed(seed)
    net = _network(torch, X_train.shape[1], n_classes)
    optimizer = torch.optim.AdamW(
        net.parameters(),
        lr=LEARNING_RATE,
        weight_decay=value if kind == "weight_decay" else 0.0,
    )
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: 0.5 * (1 + math.cos(math.pi * step / total_steps))
    )

    if kind in ("mixup", "cutmix"):
        batches = mixup_batches(
            X_train,
            y_train,
            batch_size=BATCH_SIZE,
            alpha=value,
            n_epochs=epochs,
            classes=np.arange(n_classes),
            lambda_per="sample",
            targets="soft",
            method=kind,
            random_state=seed,
        )
    else:
        smoothing = value if kind == "label_smoothing" else 0.0
        batches = (
            (X_train[rows], Y)
            for rows, Y in _plain_batches(y_train, n_classes, epochs, seed, smoothing)
        )

    X_eval = {part: torch.from_numpy(split.X[part]) for part in ("val", "test")}
    y_val = torch.from_numpy(split.y["val"])
    y_test = split.y["test"]
    val_loss = np.empty(epochs)
    val_error = np.empty(epochs)
    test_error = np.empty(epochs)
    best = (math.inf, None)
    logits = {}
    steps = 0
    for batch, (X_batch, Y_batch) in enumerate(batches, start=1):
        net.train()
        optimizer.zero_grad()
        out = net(torch.from_numpy(np.asarray(X_batch, dtype=np.float32)))
        target = torch.from_numpy(np.asarray(Y_batch, dtype=np.float32))
        loss = -(target * torch.log_softmax(out, dim=1)).sum(dim=1).mean()
        loss.backward()
        optimizer.step()
        schedule.step()
        steps += 1
        if batch % steps_per_epoch:
            continue
        epoch = batch // steps_per_epoch
        net.eval()
        with torch.no_grad():
            z_val = net(X_eval["val"])
            z_test = net(X_eval["test"])
            loss_val = torch.nn.functional.cross_entropy(z_val, y_val).item()
        z_val, z_test = z_val.numpy(), z_test.numpy()
        val_loss[epoch - 1] = loss_val
        val_error[epoch - 1] = np.mean(z_val.argmax(axis=1) != split.y["val"])
        test_error[epoch - 1] = np.mean(z_test.argmax(axis=1) != y_test)
        if loss_val < best[0]:
            best = (loss_val, epoch)
            logits["best", "val"], logits["best", "test"] = z_val, z_test
    if steps != total_steps:
        raise RuntimeError(f"{arm}: {steps} optimiser steps, expected {total_steps}")
    logits["last", "val"], logits["last", "test"] = z_val, z_test
    return FitResult(
        arm,
        value,
        val_loss,
        val_error,
        test_error,
        best[1],
        logits,
        steps,
        time.perf_counter() - start,
    )
