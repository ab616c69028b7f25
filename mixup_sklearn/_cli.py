"""The ``mixup-sklearn`` command line (also ``python -m mixup_sklearn``).

Two subcommands: ``demo`` cross-validates a model with and without mixup on
bundled data; ``augment`` reads a CSV or Parquet file, adds mixup rows and
writes the result. Bad input ends with one line on stderr and exit code 2,
and never leaves a partial output file behind.
"""

import argparse
import os
import sys
import tempfile
import textwrap
import time
from pathlib import Path

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


def _demo_arms():
    """(name, model) of each row of the demo's table.

    The same scaler and LogisticRegression in every arm: without mixup, with
    MixupSampler (anchor labels), and with MixupClassifier (soft labels).
    """
    from imblearn.pipeline import make_pipeline
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    from ._meta import MixupClassifier
    from ._sampler import MixupSampler

    def model():
        return LogisticRegression(max_iter=5000)

    arms = [("ERM (no mixup)", make_pipeline(StandardScaler(), model()))]
    for alpha in _DEMO_ALPHAS:
        sampler = MixupSampler(alpha=alpha, concat=True, random_state=0)
        arms.append(
            (
                f"MixupSampler(alpha={alpha}, concat=True)",
                make_pipeline(StandardScaler(), sampler, model()),
            )
        )
    for alpha in _DEMO_ALPHAS:
        soft = MixupClassifier(model(), alpha=alpha, concat=True, random_state=0)
        arms.append(
            (
                f"MixupClassifier(alpha={alpha}, concat=True)",
                make_pipeline(StandardScaler(), soft),
            )
        )
    return arms


def _cross_validate_arm(name, model, X, y, cv):
    """One row of the demo's table: accuracy and log-loss, mean and std."""
    from sklearn.model_selection import cross_validate

    scores = cross_validate(model, X, y, cv=cv, scoring=("accuracy", "neg_log_loss"))
    accuracy = scores["test_accuracy"]
    log_loss = -scores["test_neg_log_loss"]
    return (name, accuracy.mean(), accuracy.std(), log_loss.mean(), log_loss.std())


def run_demo(out=None):
    """Cross-validate a model with and without mixup on breast_cancer.

    Returns the rows of the printed table: (arm, accuracy, log-loss) with the
    mean and standard deviation over 5 stratified folds.
    """
    from sklearn.datasets import load_breast_cancer
    from sklearn.model_selection import StratifiedKFold
    from threadpoolctl import threadpool_limits

    out = sys.stdout if out is None else out
    X, y = load_breast_cancer(return_X_y=True)
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    arms = _demo_arms()
    progress = _Progress(len(arms), "cross-validating")
    rows = []
    # Small problems: BLAS threads only contend for the cores (7x slower
    # measured on a busy 2-core machine), so the demo runs single-threaded.
    with threadpool_limits(limits=1, user_api="blas"):
        for name, model in arms:
            rows.append(_cross_validate_arm(name, model, X, y, cv))
            progress.step()
    progress.close()

    print(
        "breast_cancer (569 rows, 30 features), StandardScaler + "
        "LogisticRegression, 5-fold stratified CV.\nMixupSampler keeps the "
        "anchor's label; MixupClassifier trains on soft labels.",
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
    print(
        "mixup is a regulariser: it helps weakly regularised or over-confident "
        "models\nmore than this one. Where it helps and where it hurts: "
        "benchmarks/results/evidence.md",
        file=out,
    )
    return rows


_MAX_CLASS_LINES = 20
_FORMATS = {".csv": "CSV", ".parquet": "Parquet", ".pq": "Parquet"}

_EPILOG = """examples:
  mixup-sklearn demo
  mixup-sklearn augment train.csv --target label --output train_mixup.csv
  mixup-sklearn augment train.parquet --target price --regression \\
      --alpha 0.2 --n-samples 2.0 --concat --output train_mixup.parquet

Run 'mixup-sklearn augment --help' for every option of augment."""

_AUGMENT_EPILOG = """examples:
  # 150 rows in, 150 original + 300 mixed rows out, labels kept per anchor
  mixup-sklearn augment iris.csv --target species --alpha 0.4 \\
      --n-samples 2.0 --concat --random-state 0 --output iris_mixup.csv

  # a regression target, mixed with the same weight as its row
  mixup-sklearn augment houses.parquet --target price --regression \\
      --output houses_mixup.parquet

  # no target: every column is mixed (the function mixup())
  mixup-sklearn augment features.csv --output features_mixup.csv

The format is chosen by extension: .csv, .parquet or .pq (Parquet needs
pyarrow). Rows are written with the input's column order and no index."""


class CliError(Exception):
    """Bad input: reported as one line on stderr, exit code 2."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors fit on one line of stderr."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _one_line(exc):
    """The message of an exception on one line, for stderr."""
    return " ".join(str(exc).split()) or type(exc).__name__


def _n_samples(text):
    """Parse --n-samples like the library: '300' is a count, '2.0' a multiple."""
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be an int (a number of rows) or a float (a multiple of the "
            f"input rows), got {text!r}"
        ) from None


def _table_format(path, role):
    """The format of ``path`` from its extension, or a CliError."""
    suffix = Path(path).suffix.lower()
    if suffix not in _FORMATS:
        raise CliError(
            f"{role} {str(path)!r} has extension {suffix or '(none)'!r}; "
            "use .csv, .parquet or .pq"
        )
    return _FORMATS[suffix]


def _import_pandas(file_format):
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is in the test extra
        raise CliError(
            "augment needs pandas: pip install 'mixup-sklearn[pandas]'"
        ) from None
    if file_format == "Parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:  # pragma: no cover - pyarrow is in the test extra
            raise CliError("Parquet files need pyarrow: pip install pyarrow") from None
    return pd


def read_table(path):
    """Read a CSV or Parquet file into a DataFrame; CliError if it cannot."""
    file_format = _table_format(path, "input")
    pd = _import_pandas(file_format)
    if not Path(path).is_file():
        raise CliError(f"input file {str(path)!r} does not exist")
    try:
        reader = pd.read_csv if file_format == "CSV" else pd.read_parquet
        frame = reader(path)
    except Exception as exc:  # every reader error means "not a readable file"
        raise CliError(
            f"cannot read {str(path)!r} as {file_format}: {_one_line(exc)}"
        ) from None
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        raise CliError(f"input file {str(path)!r} has no rows or no columns")
    return frame


def write_table(frame, path):
    """Write ``frame`` to ``path`` atomically: a temporary file, then os.replace.

    A failure leaves neither a partial output file nor the temporary file.
    """
    file_format = _table_format(path, "output")
    _import_pandas(file_format)
    directory = Path(path).resolve().parent
    handle, temporary = tempfile.mkstemp(
        dir=directory, prefix=".mixup-sklearn-", suffix=Path(path).suffix
    )
    os.close(handle)
    try:
        if file_format == "CSV":
            frame.to_csv(temporary, index=False)
        else:
            frame.to_parquet(temporary, index=False)
        # mkstemp makes the file private (0600); give the output the mode any
        # new file would get.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _check_output(path):
    """Fail before any work if the output cannot be written where asked."""
    _table_format(path, "output")
    directory = Path(path).resolve().parent
    if not directory.is_dir():
        raise CliError(f"output directory {str(directory)!r} does not exist")
    if Path(path).is_dir():
        raise CliError(f"output {str(path)!r} is a directory")


def _check_columns(frame, args):
    """The feature columns, after checking every column the user named."""
    columns = [str(column) for column in frame.columns]
    frame.columns = columns
    if args.target is not None and args.target not in columns:
        raise CliError(
            f"--target {args.target!r} is not a column of the input; "
            f"columns are {', '.join(columns)}"
        )
    features = [column for column in columns if column != args.target]
    if not features:
        raise CliError("the input has no feature columns besides the target")
    categorical = args.categorical
    if categorical is not None and categorical != "auto":
        categorical = [name.strip() for name in categorical.split(",")]
        unknown = [name for name in categorical if name not in features]
        if unknown or "" in categorical:
            raise CliError(
                f"--categorical names columns that are not features: "
                f"{', '.join(unknown) or '(empty name)'}; features are "
                f"{', '.join(features)}"
            )
    missing = [column for column in columns if frame[column].isna().any()]
    if missing:
        rows = frame.index[frame[missing].isna().any(axis=1)]
        raise CliError(
            f"missing values in column(s) {', '.join(missing)} ({len(rows)} "
            f"row(s), the first is data row {rows[0] + 1}); fill or drop them "
            "first"
        )
    from pandas.api.types import is_numeric_dtype

    if args.regression and not is_numeric_dtype(frame[args.target]):
        raise CliError(
            f"--regression needs a numeric target, but column {args.target!r} "
            "is not numeric; drop --regression for class labels"
        )
    if args.target is not None and not args.regression:
        from sklearn.utils.multiclass import type_of_target

        if type_of_target(frame[args.target]).startswith("continuous"):
            raise CliError(
                f"--target {args.target!r} holds continuous values, not class "
                "labels; pass --regression to mix it as a numeric target"
            )
    if categorical is None:
        non_numeric = [
            column for column in features if not is_numeric_dtype(frame[column])
        ]
        if non_numeric and args.target is None:
            # --categorical needs a target, so it is no advice here.
            raise CliError(
                f"non-numeric columns {', '.join(non_numeric)}: without --target "
                "every column is mixed; name the label column with --target, "
                "or drop them"
            )
        if non_numeric:
            raise CliError(
                f"non-numeric feature columns {', '.join(non_numeric)}; pass "
                "--categorical auto (or a list of columns) to keep them as "
                "categories, or drop them"
            )
    return features, categorical


def _check_options(args):
    """Options that only make sense together."""
    if args.target is None:
        for option, value, default in (
            ("--regression", args.regression, False),
            ("--pairing", args.pairing, None),
            ("--categorical", args.categorical, None),
        ):
            if value != default:
                raise CliError(
                    f"{option} needs --target: without a target every column "
                    "is mixed by mixup()"
                )


def _sampler(args, categorical):
    """The MixupSampler that the options describe."""
    from ._sampler import MixupSampler

    params = {
        "alpha": args.alpha,
        "n_samples": args.n_samples,
        "concat": args.concat,
        "target": "regression" if args.regression else "classification",
        "random_state": args.random_state,
    }
    if args.pairing is not None:
        params["pairing"] = args.pairing
    if categorical is not None:
        params["categorical_features"] = categorical
    return MixupSampler(**params)


def augment_frame(frame, args):
    """Mix the rows of ``frame`` as the options say; return the new frame.

    With a target, rows go through :class:`~mixup_sklearn.MixupSampler`
    (labels of the anchors for classification, mixed targets with
    ``--regression``); without one, every column goes through
    :func:`~mixup_sklearn.mixup`. The library's ValueError and TypeError
    become a CliError.
    """
    from ._functional import mixup

    _check_options(args)
    features, categorical = _check_columns(frame, args)
    try:
        if args.target is None:
            out = mixup(
                frame,
                alpha=args.alpha,
                n_samples=args.n_samples,
                concat=args.concat,
                random_state=args.random_state,
            )
        else:
            sampler = _sampler(args, categorical)
            X_res, y_res = sampler.fit_resample(frame[features], frame[args.target])
            out = X_res.assign(**{args.target: y_res.to_numpy()})[list(frame.columns)]
    # MemoryError: an output that fits the machine but not its free memory.
    except (ValueError, TypeError, MemoryError) as exc:
        raise CliError(_one_line(exc)) from None
    return out.reset_index(drop=True)


def summary(frame, out, args):
    """The lines printed after augment: rows, alpha and per-class counts."""
    n_in, n_out = len(frame), len(out)
    synthetic = n_out - n_in if args.concat else n_out
    lines = [
        f"read   {args.input}: {n_in} rows, {frame.shape[1]} columns",
        f"wrote  {args.output}: {n_out} rows "
        + (f"({n_in} original + {synthetic} mixed)" if args.concat else "(all mixed)"),
        f"mixup  alpha={args.alpha:g}, n_samples={args.n_samples}, "
        f"pairing={args.pairing or 'random'}, random_state={args.random_state}",
    ]
    if args.target is None:
        lines.append("target none: every column mixed")
    elif args.regression:
        lines.append(
            f"target {args.target} (regression): "
            f"in [{frame[args.target].min():g}, {frame[args.target].max():g}], "
            f"out [{out[args.target].min():g}, {out[args.target].max():g}]"
        )
    else:
        counts_in = frame[args.target].value_counts(sort=False)
        counts_out = out[args.target].value_counts(sort=False)
        width = max(len("class"), *(len(str(label)) for label in counts_in.index))
        lines.append(f"target {args.target}")
        lines.append(f"  {'class':<{width}}  {'in':>8}  {'out':>8}")
        classes = sorted(counts_in.items(), key=lambda item: str(item[0]))
        for label, count in classes[:_MAX_CLASS_LINES]:
            lines.append(
                f"  {label!s:<{width}}  {count:>8}  {counts_out.get(label, 0):>8}"
            )
        if len(classes) > _MAX_CLASS_LINES:
            # The summary has to fit on one screen.
            lines.append(f"  ... and {len(classes) - _MAX_CLASS_LINES} more classes")
    return lines


def run_augment(args, out=None):
    """Read, mix, write atomically and print the summary; CliError on bad input."""
    out = sys.stdout if out is None else out
    _check_output(args.output)
    frame = read_table(args.input)
    augmented = augment_frame(frame, args)
    try:
        write_table(augmented, args.output)
    except Exception as exc:  # a full disk, a permission, a type Parquet refuses
        raise CliError(f"cannot write {args.output!r}: {_one_line(exc)}") from None
    for line in summary(frame, augmented, args):
        print(line, file=out)
    return augmented


def _wrapped(text):
    # The raw formatter keeps the epilogs' examples as written, so the
    # descriptions are wrapped here.
    return textwrap.fill(text, width=79)


def build_parser():
    """The argument parser of ``mixup-sklearn``."""
    parser = _Parser(
        prog="mixup-sklearn",
        description=_wrapped(
            "mixup data augmentation for scikit-learn: compare a model with and "
            "without mixup, or add mixup rows to a CSV or Parquet file."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "demo",
        help="cross-validate a model with and without mixup on bundled data",
        description=_wrapped(
            "Cross-validate LogisticRegression with and without MixupSampler on "
            "scikit-learn's bundled breast_cancer data and print accuracy and "
            "log-loss."
        ),
        epilog="example:\n  mixup-sklearn demo",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    augment = commands.add_parser(
        "augment",
        help="add mixup rows to a CSV or Parquet file",
        description=_wrapped(
            "Read a table, make synthetic rows with mixup and write them (after "
            "the originals with --concat). With --target, features are mixed by "
            "MixupSampler and each synthetic row keeps its anchor's label (or a "
            "mixed target with --regression); without it, every column is mixed "
            "by mixup()."
        ),
        epilog=_AUGMENT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    augment.add_argument("input", help="the table to read: .csv, .parquet or .pq")
    augment.add_argument(
        "--output",
        "-o",
        required=True,
        help="the table to write: .csv, .parquet or .pq (replaced if it exists)",
    )
    augment.add_argument(
        "--target", metavar="COL", help="the target column (default: no target)"
    )
    augment.add_argument(
        "--alpha",
        type=float,
        default=1.0,
        help="concentration of Beta(alpha, alpha), >= 0; small values keep "
        "mixed rows near real ones, 0 copies rows (default: 1.0)",
    )
    augment.add_argument(
        "--n-samples",
        type=_n_samples,
        default=None,
        metavar="N",
        help="mixed rows: an int is a count, a float a multiple of the input "
        "rows, e.g. 2.0 (default: as many as input rows)",
    )
    augment.add_argument(
        "--concat",
        action="store_true",
        help="write the original rows first, then the mixed rows",
    )
    augment.add_argument(
        "--pairing",
        metavar="NAME",
        help="how partners are drawn, e.g. random or within_class (needs "
        "--target; default: random)",
    )
    augment.add_argument(
        "--regression",
        action="store_true",
        help="the target is numeric and is mixed with its row's weight",
    )
    augment.add_argument(
        "--categorical",
        metavar="auto|COL,...",
        help="categorical feature columns, or 'auto' for every non-numeric one "
        "(needs --target)",
    )
    augment.add_argument(
        "--random-state",
        type=int,
        default=None,
        metavar="SEED",
        help="an int for the same output on every run (default: random)",
    )
    return parser


def main(argv=None):
    """Entry point of the ``mixup-sklearn`` console script.

    Returns the exit code: 0 on success, 2 on bad input (after one line on
    stderr).
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "demo":
            run_demo()
        else:
            run_augment(args)
    except CliError as exc:
        print(f"mixup-sklearn {args.command}: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
