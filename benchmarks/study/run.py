"""Jobs, workers and the files they write.

One job is one (table, split, condition) cell: the 9 torch fits and the
gradient-boosting reference, or the library-fidelity fits of one split. Each
job writes one compressed ``.npz`` under ``logits/<table>/`` with the per-row
validation and test logits of every fit, its per-epoch log, the labels and
the row indices; the analysis reads nothing else. A cell whose file exists is
not fitted again, so a stopped run resumes where it was.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from .tables import CONDITIONS, MAX_ROWS, TableSpec, load, make_split
from .trainer import fit_plan

# Stored logits are shifted so that their first column is 0, then that column
# is dropped: the softmax, hence every metric, is unchanged.
LOGIT_DTYPE = np.float32


@dataclass(frozen=True)
class Config:
    """What a run covers; stored in ``run.json`` next to the results."""

    tables: tuple[TableSpec, ...]
    n_splits: int = 5
    epochs: int = 60
    max_rows: int = MAX_ROWS
    conditions: tuple[str, ...] = CONDITIONS
    fidelity_splits: int = 3
    hgb: bool = True
    workers: int = 2

    def to_json(self):
        data = asdict(self)
        data["tables"] = [asdict(spec) for spec in self.tables]
        del data["workers"]  # how fast, not what
        # Through JSON, so that a stored config compares equal (lists, not tuples).
        return json.loads(json.dumps(data))


@dataclass(frozen=True)
class Job:
    kind: str  # "cell" or "fidelity"
    spec: TableSpec
    split: int
    condition: str
    epochs: int
    max_rows: int
    hgb: bool = True

    @property
    def path(self):
        stem = "fidelity" if self.kind == "fidelity" else self.condition
        return Path(self.spec.name) / f"{stem}_s{self.split}.npz"


def plan(config: Config):
    """Jobs split by split, so that a stopped run has whole splits."""
    jobs = []
    for split in range(config.n_splits):
        for condition in config.conditions:
            for spec in config.tables:
                jobs.append(
                    Job(
                        "cell",
                        spec,
                        split,
                        condition,
                        config.epochs,
                        config.max_rows,
                        config.hgb,
                    )
                )
        if split < config.fidelity_splits:
            jobs += [
                Job("fidelity", spec, split, "clean", config.epochs, config.max_rows)
                for spec in config.tables
            ]
    return jobs


def _pack(logits):
    """Logits minus their first column, without it (float32)."""
    logits = np.asarray(logits, dtype=np.float64)
    return (logits[:, 1:] - logits[:, :1]).astype(LOGIT_DTYPE)


def fit_key(arm, value):
    return f"{arm}_{'none' if value is None else format(value, 'g')}"


def run_job(job: Job):
    """Fit every arm of one job; returns (relative path, arrays, seconds)."""
    from .references import fit_fidelity, fit_hgb
    from .trainer import fit

    start = time.perf_counter()
    table = load(job.spec)
    split = make_split(table, job.split, job.condition, job.max_rows)
    arrays = {f"rows_{part}": r.astype(np.int32) for part, r in split.rows.items()}
    arrays |= {f"y_{part}": y.astype(np.int16) for part, y in split.y.items()}
    arrays["y_val_clean"] = split.y_clean["val"].astype(np.int16)
    arrays["y_train_clean"] = split.y_clean["train"].astype(np.int16)
    fits = []
    if job.kind == "cell":
        for arm, value in fit_plan():
            result = fit(split, arm, value, job.epochs, seed=job.split)
            key = fit_key(arm, value)
            for (which, part), logits in result.logits.items():
                arrays[f"{key}__{which}__{part}"] = _pack(logits)
            arrays[f"{key}__curve"] = np.vstack(
                [result.val_loss, result.val_error, result.test_error]
            ).astype(np.float32)
            fits.append(
                {
                    "key": key,
                    "arm": arm,
                    "value": value,
                    "best_epoch": result.best_epoch,
                    "epochs": job.epochs,
                    "steps": result.steps,
                    "seconds": round(result.seconds, 3),
                }
            )
        references = [fit_hgb(split, seed=job.split)] if job.hgb else []
    else:
        references = fit_fidelity(split, job.epochs, seed=job.split)
    for result in references:
        key = fit_key(result["arm"], result["value"])
        for (which, part), logits in result["logits"].items():
            arrays[f"{key}__{which}__{part}"] = _pack(logits)
        fits.append(
            {
                "key": key,
                "arm": result["arm"],
                "value": result["value"],
                "best_epoch": None,
                "epochs": result.get("epochs"),
                "steps": result["steps"],
                "seconds": round(result["seconds"], 3),
            }
        )
    meta = {
        "kind": job.kind,
        "table": job.spec.name,
        "source": job.spec.source,
        "split": job.split,
        "condition": job.condition,
        "noise_rate": split.noise_rate,
        "n_classes": split.n_classes,
        "n_features": int(split.X["train"].shape[1]),
        "n_rows_table": len(table.y),
        "fits": fits,
    }
    arrays["meta"] = np.array(json.dumps(meta))
    return job.path, arrays, time.perf_counter() - start


def _init_worker():
    # One thread per fit: the two workers each get one core.
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    try:
        import torch

        torch.set_num_threads(1)
        torch.set_num_interop_threads(1)
    except (ImportError, RuntimeError):
        pass


def _save(out_dir, relative, arrays):
    path = out_dir / "logits" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.npz")
    np.savez_compressed(partial, **arrays)
    os.replace(partial, path)


def execute(config: Config, out_dir: Path, progress=True):
    """Run every job not already on disk; returns the wall time in seconds."""
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = "1"
    out_dir.mkdir(parents=True, exist_ok=True)
    settings = out_dir / "run.json"
    if settings.exists():
        previous = json.loads(settings.read_text())
        if previous.get("config") != config.to_json():
            raise SystemExit(
                f"{out_dir} holds a run of another design (see {settings}); "
                "pass an empty --out folder"
            )
    else:
        settings.write_text(json.dumps({"config": config.to_json()}, indent=1))
    jobs = [job for job in plan(config) if not (out_dir / "logits" / job.path).exists()]
    start = time.perf_counter()
    if not jobs:
        return 0.0
    from tqdm import tqdm

    bar = tqdm(
        total=len(jobs),
        desc="study",
        unit="job",
        disable=not progress,
        mininterval=5 if len(jobs) < 100 else 30,
        file=sys.stderr,
    )
    if config.workers == 1:
        _init_worker()
        results = map(run_job, jobs)
        pool = None
    else:
        pool = multiprocessing.get_context("fork").Pool(
            config.workers, initializer=_init_worker
        )
        results = pool.imap(run_job, jobs)
    try:
        for relative, arrays, _ in results:
            _save(out_dir, relative, arrays)
            bar.update()
            bar.set_postfix_str(str(relative), refresh=False)
    finally:
        bar.close()
        if pool is not None:
            pool.terminate()
            pool.join()
    return time.perf_counter() - start
