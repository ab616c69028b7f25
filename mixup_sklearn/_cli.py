"""The ``mixup-sklearn`` command line (also ``python -m mixup_sklearn``)."""

import argparse
import sys
import time

_DEMO_ALPHAS = (0.2, 0.4, 1.0)


class _Progress:
    """A one-line progress bar on stderr, shown once a task passes a second."""

    def __init__(self, total, label, stream=None, delay=1.0):
        self.total, self.label, self.done = total, label, 0
        self.stream = sys.stderr if stream is None else stream
        self.start, self.delay, self.shown = time.perf_counter(), delay, False

    def step(self):
        self.done += 1
        if time.perf_counter() - self.start < self.delay and self.done < self.total:
            return
        self.shown = True
        filled = int(30 * self.done / self.total)
        bar = "#" * filled + "-" * (30 - filled)
        self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total}")
        self.stream.flush()

    def close(self):
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


def run_demo(out=None):
    """Cross-validate a model with and without mixup on breast_cancer.

    Returns the rows of the printed table: (arm, accuracy, log-loss) with the
    mean and standard deviation over 5 stratified folds.
    """
    from imblearn.pipeline import make_pipeline
    from sklearn.datasets import load_breast_cancer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_validate
    from sklearn.preprocessing import StandardScaler

    from ._sampler import MixupSampler

    out = sys.stdout if out is None else out
    X, y = load_breast_cancer(return_X_y=True)
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    arms = [("ERM (no mixup)", None)] + [
        (f"MixupSampler(alpha={alpha}, concat=True)", alpha) for alpha in _DEMO_ALPHAS
    ]
    progress = _Progress(len(arms), "cross-validating")
    rows = []
    for name, alpha in arms:
        steps = [StandardScaler()]
        if alpha is not None:
            steps.append(MixupSampler(alpha=alpha, concat=True, random_state=0))
        steps.append(LogisticRegression(max_iter=5000))
        scores = cross_validate(
            make_pipeline(*steps), X, y, cv=cv, scoring=("accuracy", "neg_log_loss")
        )
        accuracy = scores["test_accuracy"]
        log_loss = -scores["test_neg_log_loss"]
        rows.append(
            (name, accuracy.mean(), accuracy.std(), log_loss.mean(), log_loss.std())
        )
        progress.step()
    progress.close()

    print(
        "breast_cancer (569 rows, 30 features), StandardScaler + "
        "LogisticRegression, 5-fold stratified CV",
        file=out,
    )
    width = max(len(row[0]) for row in rows)
    print(f"{'arm':<{width}}  {'accuracy':>15}  {'log-loss':>15}", file=out)
    for name, acc, acc_sd, loss, loss_sd in rows:
        print(
            f"{name:<{width}}  {acc:>7.4f} ± {acc_sd:.4f}"
            f"  {loss:>7.4f} ± {loss_sd:.4f}",
            file=out,
        )
    best = min(rows, key=lambda row: row[3])
    print(f"lowest log-loss: {best[0]}", file=out)
    return rows


def build_parser():
    """The argument parser of ``mixup-sklearn``."""
    parser = argparse.ArgumentParser(
        prog="mixup-sklearn",
        description="mixup data augmentation for scikit-learn.",
        epilog="example:\n  mixup-sklearn demo",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "demo",
        help="cross-validate a model with and without mixup on bundled data",
        description="Cross-validate LogisticRegression with and without "
        "MixupSampler on scikit-learn's bundled breast_cancer data and print "
        "accuracy and log-loss.",
    )
    return parser


def main(argv=None):
    """Entry point of the ``mixup-sklearn`` console script."""
    args = build_parser().parse_args(argv)
    if args.command == "demo":
        run_demo()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
