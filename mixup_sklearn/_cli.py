"""The ``mixup-sklearn`` command line (also ``python -m mixup_sklearn``).

Two subcommands: ``demo`` cross-validates a model with and without mixup on
bundled data; ``augment`` reads a CSV or Parquet file, adds mixup rows and
writes the result. Bad input ends with one line on stderr and exit code 2,
and never leaves a partial output file behind. An existing output is replaced
only with ``--overwrite``, and never when it is the input, a folder that holds
the input, or the working directory.
"""

import argparse
import contextlib
import fnmatch
import math
import os
import re
import shutil
import sys
import tempfile
import textwrap
import time
import warnings
from pathlib import Path

_DEMO_ALPHAS = (0.2, 0.4, 1.0)


class _Progress:
    """A one-line progress bar on stderr, shown once a task passes a second."""

    def __init__(self, total, label, stream=None, delay=1.0):
        self.total, self.label, self.done = total, label, 0
        self.stream = sys.stderr if stream is None else stream
        self.start, self.delay, self.shown = time.perf_counter(), delay, False
        self.width = 0

    def step(self, note=""):
        """One more step done; ``note`` says what comes next."""
        self.done += 1
        if time.perf_counter() - self.start < self.delay and self.done < self.total:
            return
        self.shown = True
        filled = int(30 * self.done / self.total)
        bar = "#" * filled + "-" * (30 - filled)
        text = f"{self.label} [{bar}] {self.done}/{self.total}"
        if note:
            text += f" {note}"
        # Pad over the end of a longer previous line.
        self.stream.write(f"\r{text:<{self.width}}")
        self.width = len(text)
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


_STUDY_REPORT = "benchmarks/results/study/report.md"


def _demo_closing(rows):
    """What the demo measured, in words; no conclusion beyond these folds.

    Whether mixup helps in general is the pre-registered study's question,
    not one data set's: the closing lines point there.
    """
    erm = rows[0]
    best_loss = min(rows, key=lambda row: row[3])
    best_accuracy = max(rows, key=lambda row: row[1])
    # The largest gap to ERM, in units of ERM's spread over the folds.
    spread = max(
        max(abs(row[1] - erm[1]) for row in rows[1:]) / max(erm[2], 1e-12),
        max(abs(row[3] - erm[3]) for row in rows[1:]) / max(erm[4], 1e-12),
    )
    return [
        f"lowest log-loss: {best_loss[0]}; highest accuracy: {best_accuracy[0]}.",
        "Measured on the 5 folds of one data set with one model: the largest "
        "gap between\n"
        f"an arm's mean and ERM's is {spread:.1f} times ERM's standard "
        "deviation over the folds\n(accuracy or log-loss).\n"
        "One data set cannot say whether mixup helps in general. The "
        "pre-registered study\n"
        "(mixup and CutMix against early-stopped, regularised baselines on 9 "
        "tables, clean\n"
        f"and noisy labels) is in {_STUDY_REPORT} of the source repository.",
    ]


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
    for line in _demo_closing(rows):
        print(line, file=out)
    return rows


_MAX_CLASS_LINES = 20
_FORMATS = {".csv": "CSV", ".parquet": "Parquet", ".pq": "Parquet"}

_EPILOG = """examples:
  mixup-sklearn demo
  mixup-sklearn augment train.csv --target label --output train_mixup.csv
  mixup-sklearn augment train.parquet --target price --regression \\
      --alpha 0.2 --n-samples 2x --concat --output train_mixup.parquet

Run 'mixup-sklearn augment --help' for every option of augment."""

_AUGMENT_EPILOG = """examples:
  # 150 rows in, 150 original + 300 mixed rows out, labels kept per anchor
  mixup-sklearn augment iris.csv --target species --alpha 0.4 \\
      --n-samples 2x --concat --random-state 0 --output iris_mixup.csv

  # balance the classes: minority rows mixed with their 5 nearest neighbours
  mixup-sklearn augment credit.csv --target default --sampling-strategy auto \\
      --pairing knn --n-neighbors 5 --round-integers --output balanced.csv

  # a regression target, mixed with the same weight as its row
  mixup-sklearn augment houses.parquet --target price --regression \\
      --output houses_mixup.parquet

  # no target: every column is mixed (the function mixup())
  mixup-sklearn augment features.csv --output features_mixup.csv

The format is chosen by extension: .csv, .parquet or .pq (Parquet needs
pyarrow). Rows are written with the input's column order and no index. An
existing --output is replaced only with --overwrite, and never when it is the
input, holds the input or is the working directory. Bad input: one line on
stderr, exit 2."""

# How to add an optional dependency: mixup-sklearn is installed from a clone of
# its repository, not from the package index, so `pip install
# mixup-sklearn[extra]` cannot work.
_INSTALL_HINT = (
    "install it into the environment that runs mixup-sklearn: "
    "pip install {packages}, or, in a clone of the mixup-sklearn repository, "
    "pip install -e '.[{extra}]'"
)


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
    """Parse --n-samples: '300' is a count, '2x' or '200%' a multiple.

    The library reads an int as a count and a float as a multiple, so on the
    command line '2' and '2.0' would mean 2 rows and twice the input. A
    multiple is therefore spelled with its unit, and anything else is
    refused. The range (> 0) is checked by the library.
    """
    spelled = text.strip().lower()
    if re.fullmatch(r"[+-]?\d+", spelled):
        return int(spelled)
    if spelled.endswith(("x", "%")):
        try:
            value = float(spelled[:-1]) / (100.0 if spelled[-1] == "%" else 1.0)
        except ValueError:
            value = math.nan
        if math.isfinite(value):
            return value
    elif re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?", spelled):
        raise argparse.ArgumentTypeError(
            f"{text!r} is ambiguous: write {text}x for {text} times the input "
            "rows, or a whole number for a count of rows"
        )
    raise argparse.ArgumentTypeError(
        f"{text!r} is neither a count nor a multiple: write a whole number "
        "(300) for a count of rows, or 2x or 200% for a multiple of the input"
    )


def _format_n_samples(value):
    """How the summary shows n_samples, in the spelling --n-samples takes."""
    if value is None:
        return "as many as input rows"
    return f"{value:g}x" if isinstance(value, float) else f"{value} rows"


def _labels_list(text):
    """Parse LABEL,LABEL,...: the labels are matched to the target later."""
    labels = [label.strip() for label in text.split(",")]
    if "" in labels:
        raise argparse.ArgumentTypeError(
            f"{text!r} has an empty label; write LABEL,LABEL,... with no empty entry"
        )
    return labels


def _sampling_strategy(text):
    """Parse --sampling-strategy: a name, a float in (0, 1], or LABEL=COUNT,...

    The names and the range are checked by the library.
    """
    if "=" in text:
        counts = {}
        for item in text.split(","):
            label, _, count = item.partition("=")
            if not label.strip() or not re.fullmatch(r"\s*\d+\s*", count):
                raise argparse.ArgumentTypeError(
                    f"{text!r}: write target counts as LABEL=COUNT,..., with a "
                    f"whole number for each count, e.g. yes=500,no=500; got "
                    f"{item!r}"
                )
            counts[label.strip()] = int(count)
        return counts
    try:
        return float(text)
    except ValueError:
        return text


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
    except ImportError:  # pragma: no cover - pandas is a dependency
        raise CliError("augment needs pandas: pip install pandas") from None
    if file_format == "Parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:  # pragma: no cover - the [parquet] extra
            raise CliError(
                "Parquet files need pyarrow, which is not installed; "
                + _INSTALL_HINT.format(packages="pyarrow", extra="parquet")
            ) from None
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


# Rows per chunk when a CSV is written, so that a large file shows progress.
_CSV_CHUNK_ROWS = 100_000
# An input at least this large (in bytes) shows a progress bar on stderr once
# the work passes _PROGRESS_DELAY seconds.
_PROGRESS_MIN_BYTES = 20 * 2**20
_PROGRESS_DELAY = 1.0


def _csv_chunks(n_rows):
    return max(1, math.ceil(n_rows / _CSV_CHUNK_ROWS))


def write_table(frame, path, overwrite=False, progress=None):
    """Write ``frame`` to ``path`` atomically: a temporary file next to it,
    then os.replace.

    A failure leaves neither a partial output file nor the temporary file.
    Without ``overwrite`` an output that appeared since the checks is kept.
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
            for chunk in range(_csv_chunks(len(frame))):
                start = chunk * _CSV_CHUNK_ROWS
                frame.iloc[start : start + _CSV_CHUNK_ROWS].to_csv(
                    temporary, index=False, header=not chunk, mode="a" if chunk else "w"
                )
                if progress is not None:
                    progress.step("writing")
        else:
            frame.to_parquet(temporary, index=False)
            if progress is not None:
                progress.step("writing")
        # mkstemp makes the file private (0600); give the output the mode any
        # new file would get.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        if not overwrite and os.path.lexists(path):
            raise CliError(_exists_message(path))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _exists_message(output):
    return (
        f"--output {str(output)!r} already exists; pass --overwrite to replace "
        "it, or choose another path"
    )


def _check_output_is_safe(output, inputs, *, overwrite, input_folder=None):
    """Refuse an --output whose replacement would lose what the user did not
    ask to replace.

    ``inputs`` are the input files (every Parquet file of a folder). Even with
    ``overwrite``, the output may not be an input, a folder that holds one
    (an ancestor of it), the working directory or one of its ancestors, nor,
    for a folder input, a path inside ``input_folder``. Paths are compared
    resolved, so that ``./x``, ``../dir/x`` and symbolic links are caught.
    """
    target = Path(output).resolve()
    for path in inputs:
        source = Path(path).resolve()
        same = target == source or (
            os.path.exists(output)
            and os.path.exists(path)
            and os.path.samefile(output, path)
        )
        if same:
            raise CliError(
                f"--output {str(output)!r} is the input file {str(path)!r}; "
                "the input is never overwritten, even with --overwrite: write "
                "to another path"
            )
        if target in source.parents:
            raise CliError(
                f"--output {str(output)!r} is a folder that holds the input "
                f"{str(path)!r}; it is never replaced, even with --overwrite: "
                "write to another path"
            )
    cwd = Path.cwd().resolve()
    if target == cwd or target in cwd.parents:
        raise CliError(
            f"--output {str(output)!r} is the working directory or a folder "
            "that holds it; it is never replaced, even with --overwrite: write "
            "to another path"
        )
    if input_folder is not None:
        folder = Path(input_folder).resolve()
        if target == folder or folder in target.parents:
            raise CliError(
                f"--output {str(output)!r} is inside the input folder "
                f"{str(input_folder)!r}, where a later read of that folder would "
                "take the mixed rows for input: write it elsewhere"
            )
    if os.path.lexists(output) and not overwrite:
        raise CliError(_exists_message(output))


def _check_output(args):
    """Fail before any work if the output cannot be written where asked, or
    would replace what it must not."""
    path = args.output
    _import_pandas(_table_format(path, "output"))  # pyarrow for Parquet
    directory = Path(path).resolve().parent
    if not directory.is_dir():
        raise CliError(f"output directory {str(directory)!r} does not exist")
    if Path(path).is_dir():
        raise CliError(
            f"--output {str(path)!r} is a folder; a single input file is "
            "written as a single file: name a file"
        )
    _check_output_is_safe(path, [args.input], overwrite=args.overwrite)


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
    if categorical is None and args.method != "cutmix":
        # CutMix swaps columns of any dtype; only interpolation needs numbers.
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


# dest of an option: (its spelling, the MixupSampler parameter it sets)
_SAMPLER_OPTIONS = {
    "regression": ("--regression", "target"),
    "pairing": ("--pairing", "pairing"),
    "categorical": ("--categorical", "categorical_features"),
    "sampling_strategy": ("--sampling-strategy", "sampling_strategy"),
    "round_integers": ("--round-integers", "round_integers"),
    "n_neighbors": ("--n-neighbors", "n_neighbors"),
    "bandwidth": ("--bandwidth", "bandwidth"),
    "lag": ("--lag", "lag"),
    "label": ("--label", "label"),
    "kappa": ("--kappa", "kappa"),
    "tau": ("--tau", "tau"),
    "mix_classes": ("--mix-classes", "mix_classes"),
}
# Options that only act with another one; the library would ignore them.
_NEEDS = {
    "n_neighbors": ("pairing", "knn"),
    "bandwidth": ("pairing", "label_kernel"),
    "lag": ("pairing", "lag"),
    "kappa": ("label", "remix"),
    "tau": ("label", "remix"),
}
_OPTION_OF_PARAMETER = {
    "alpha": "--alpha",
    "n_samples": "--n-samples",
    "concat": "--concat",
    "method": "--method",
    "random_state": "--random-state",
    **{param: option for option, param in _SAMPLER_OPTIONS.values()},
}


def _is_set(args, dest):
    # Not `in (None, False)`: 0 == False, and --lag 0 is a value to check.
    value = getattr(args, dest)
    return value is not None and value is not False


def _parameter_error(exc):
    """A library error as a CliError, led by the option that caused it."""
    message = _one_line(exc)
    named = re.search(r"The '(\w+)' parameter", message)
    if named and named.group(1) in _OPTION_OF_PARAMETER:
        message = f"{_OPTION_OF_PARAMETER[named.group(1)]}: {message}"
    return CliError(message)


def _mixup_params(args):
    return {
        "alpha": args.alpha,
        "n_samples": args.n_samples,
        "concat": args.concat,
        "method": args.method,
        "random_state": args.random_state,
    }


def _sampler_params(args, categorical=None, y=None):
    """The MixupSampler parameters the options set; the library's defaults
    for the others. With ``y``, labels typed on the command line are matched
    to the target's own labels (``'1'`` to the integer 1)."""
    params = _mixup_params(args)
    params["target"] = "regression" if args.regression else "classification"
    for dest, (_, param) in _SAMPLER_OPTIONS.items():
        if dest not in ("regression", "categorical") and _is_set(args, dest):
            params[param] = getattr(args, dest)
    if categorical is not None:
        params["categorical_features"] = categorical
    if y is not None and _types_labels(args):
        if args.mix_classes is not None:
            params["mix_classes"] = _match_labels(args.mix_classes, y, "--mix-classes")
        if isinstance(args.sampling_strategy, dict):
            labels = _match_labels(args.sampling_strategy, y, "--sampling-strategy")
            params["sampling_strategy"] = dict(
                zip(labels, args.sampling_strategy.values(), strict=True)
            )
    return params


def _types_labels(args):
    """Whether options name labels of the target, to be matched to its own."""
    return not args.regression and (
        args.mix_classes is not None or isinstance(args.sampling_strategy, dict)
    )


def _match_labels(names, y, option):
    """The labels of ``y`` that ``names`` spell, as typed on the command line.

    A CSV column of labels 0, 1, 2 is read as integers, while the command
    line gives strings: '1' must select the label 1.
    """
    labels = {str(label): label for label in y.unique()}
    unknown = [name for name in names if name not in labels]
    if unknown:
        raise CliError(
            f"{option} names labels that are not in column {y.name!r}: "
            f"{', '.join(unknown)}; its labels are "
            f"{', '.join(sorted(labels)[:_MAX_CLASS_LINES])}"
        )
    return [labels[name] for name in names]


def check_options(args):
    """Check the options alone, before any file is read.

    Options that need --target or another option are refused, instead of
    being silently ignored; the values and their combinations are checked by
    the library's own parameter validation (MixupSampler's, or mixup()'s).
    """
    from sklearn.utils._param_validation import validate_parameter_constraints

    from ._sampler import MixupSampler
    from ._validation import MIXUP_CONSTRAINTS

    if args.target is None:
        for dest, (option, _) in _SAMPLER_OPTIONS.items():
            if _is_set(args, dest):
                raise CliError(
                    f"{option} needs --target: without a target every column "
                    "is mixed by mixup()"
                )
        try:
            validate_parameter_constraints(
                MIXUP_CONSTRAINTS, _mixup_params(args), caller_name="mixup"
            )
        except ValueError as exc:
            raise _parameter_error(exc) from None
        return
    for dest, (needed, value) in _NEEDS.items():
        if _is_set(args, dest) and getattr(args, needed) != value:
            option, needed_option = (
                _SAMPLER_OPTIONS[dest][0],
                _SAMPLER_OPTIONS[needed][0],
            )
            raise CliError(
                f"{option} only acts with {needed_option} {value}; add "
                f"{needed_option} {value} or drop {option}"
            )
    sampler = MixupSampler(**_sampler_params(args))
    try:
        sampler._validate_params()
    except (ValueError, TypeError) as exc:
        raise _parameter_error(exc) from None
    _check_combinations(args)
    try:
        sampler._check_params()
    except (ValueError, TypeError) as exc:
        raise _parameter_error(exc) from None


def _check_combinations(args):
    """Refuse, in the CLI's own flags, options that cannot work together or
    that the other options would make the library ignore.

    The library refuses the same combinations in its parameter names; these
    messages name the flags a user typed.
    """
    balancing = args.sampling_strategy is not None
    if args.regression:
        for dest, is_set in (
            ("sampling_strategy", balancing),
            ("mix_classes", args.mix_classes is not None),
            ("label", args.label not in (None, "anchor")),
        ):
            if is_set:
                option = _SAMPLER_OPTIONS[dest][0]
                raise CliError(
                    f"{option} needs class labels; it cannot be used with "
                    f"--regression: drop one of them"
                )
        if args.pairing == "within_class":
            raise CliError(
                "--pairing within_class needs class labels; it cannot be used "
                "with --regression: use --pairing random"
            )
    elif args.pairing == "label_kernel":
        raise CliError(
            "--pairing label_kernel draws partners with similar numeric "
            "targets; it needs --regression"
        )
    if args.label == "remix" and args.method == "cutmix":
        raise CliError(
            "--label remix reads the labels from a blended row's weight, which "
            "--method cutmix does not make; use --method mixup or drop --label"
        )
    if args.round_integers and args.method == "cutmix":
        raise CliError(
            "--round-integers only acts with --method mixup: --method cutmix "
            "copies every cell from a real row, so integer columns stay "
            "integers; drop --round-integers"
        )
    if balancing:
        if args.n_samples is not None:
            raise CliError(
                "--n-samples cannot be combined with --sampling-strategy, which "
                "sets the number of synthetic rows: drop --n-samples"
            )
        if args.concat:
            raise CliError(
                "--concat has no effect with --sampling-strategy, which always "
                "writes the original rows first: drop --concat"
            )
        if args.label == "remix":
            raise CliError(
                "--label remix moves synthetic rows to other classes, so the "
                "class counts asked by --sampling-strategy would not be met. "
                "Use one or the other"
            )


def _check_something_to_mix(sampler, args):
    """Refuse --mix-classes when balancing adds rows to none of its classes:
    every synthetic row would be a copy of its anchor."""
    if args.mix_classes is None or args.sampling_strategy is None:
        return
    growing = [label for label, n_new in sampler.sampling_strategy_.items() if n_new]
    if not set(growing) & set(sampler.mix_classes):
        raise CliError(
            f"--mix-classes {','.join(args.mix_classes)} mixes no row: "
            f"--sampling-strategy adds rows only to class(es) "
            f"{', '.join(str(label) for label in growing) or '(none)'}, so "
            "every synthetic row would be a copy of its anchor; name one of "
            "those classes in --mix-classes, or drop it"
        )


def augment_frame(frame, args):
    """Mix the rows of ``frame`` as the options say; return the new frame."""
    check_options(args)
    features, categorical = _check_columns(frame, args)
    return mix_frame(frame, features, categorical, args).reset_index(drop=True)


def mix_frame(frame, features, categorical, args, labels=None):
    """Mix a pandas or a dask DataFrame.

    With a target, rows go through :class:`~mixup_sklearn.MixupSampler`
    (labels of the anchors for classification, mixed targets with
    ``--regression``); without one, every column goes through
    :func:`~mixup_sklearn.mixup`. ``labels`` (default: the target column)
    are what labels typed on the command line are matched to. The library's
    ValueError and TypeError become a CliError.
    """
    from ._functional import mixup
    from ._sampler import MixupSampler

    try:
        if args.target is None:
            return mixup(frame, **_mixup_params(args))
        y = frame[args.target]
        labels = y if labels is None else labels
        sampler = MixupSampler(**_sampler_params(args, categorical, labels))
        X_res, y_res = sampler.fit_resample(frame[features], y)
        _check_something_to_mix(sampler, args)
        if not hasattr(y_res, "compute"):
            # A pandas y comes back on a fresh index: assign by position.
            y_res = y_res.to_numpy()
        return X_res.assign(**{args.target: y_res})[list(frame.columns)]
    # MemoryError: an output that fits the machine but not its free memory.
    except (ValueError, TypeError, MemoryError) as exc:
        raise _parameter_error(exc) from None


def _target_stats(frame, args):
    """What the summary shows of a target column: its class counts, or its
    (min, max) with --regression; lazy for a dask frame."""
    if args.target is None:
        return None
    column = frame[args.target]
    if args.regression:
        return (column.min(), column.max())
    return column.value_counts(sort=False)


def _summary_lines(args, read, n_in, n_out, stats_in, stats_out, where=""):
    """The lines printed after augment, from the counts of either mode."""
    # Balancing writes the originals first, as SMOTE does.
    originals = args.concat or args.sampling_strategy is not None
    synthetic = n_out - n_in if originals else n_out
    settings = [f"alpha={args.alpha:g}"]
    if args.sampling_strategy is None:  # which sets the number of rows
        settings.append(f"n_samples={_format_n_samples(args.n_samples)}")
    settings.append(f"pairing={args.pairing or 'random'}")
    for dest in _SAMPLER_OPTIONS:
        if dest not in ("regression", "pairing", "categorical") and _is_set(args, dest):
            value = getattr(args, dest)
            if isinstance(value, list):
                value = ",".join(value)
            elif isinstance(value, dict):
                value = ",".join(f"{k}={v}" for k, v in value.items())
            settings.append(f"{dest}={value}")
    settings.append(f"random_state={args.random_state}")
    lines = [
        f"read   {args.input}: {read}",
        f"wrote  {args.output}: {n_out} rows "
        + (f"({n_in} original + {synthetic} mixed)" if originals else "(all mixed)")
        + where,
        f"{args.method:<6} " + ", ".join(settings),
    ]
    if args.target is None:
        lines.append("target none: every column mixed")
    elif args.regression:
        lines.append(
            f"target {args.target} (regression): "
            f"in [{stats_in[0]:g}, {stats_in[1]:g}], "
            f"out [{stats_out[0]:g}, {stats_out[1]:g}]"
        )
    else:
        width = max(len("class"), *(len(str(label)) for label in stats_in.index))
        lines.append(f"target {args.target}")
        lines.append(f"  {'class':<{width}}  {'in':>8}  {'out':>8}")
        classes = sorted(stats_in.items(), key=lambda item: str(item[0]))
        for label, count in classes[:_MAX_CLASS_LINES]:
            lines.append(
                f"  {label!s:<{width}}  {count:>8}  {stats_out.get(label, 0):>8}"
            )
        if len(classes) > _MAX_CLASS_LINES:
            # The summary has to fit on one screen.
            lines.append(f"  ... and {len(classes) - _MAX_CLASS_LINES} more classes")
    return lines


def summary(frame, out, args):
    """The lines printed after augment: rows, alpha and per-class counts."""
    return _summary_lines(
        args,
        f"{len(frame)} rows, {frame.shape[1]} columns",
        len(frame),
        len(out),
        _target_stats(frame, args),
        _target_stats(out, args),
    )


def run_augment(args, out=None):
    """Read, mix, write atomically and print the summary; CliError on bad input."""
    out = sys.stdout if out is None else out
    if is_parquet_dataset(args.input):
        return run_augment_dataset(args, out)
    _check_output(args)
    check_options(args)
    progress = None
    if os.path.isfile(args.input) and (
        os.path.getsize(args.input) >= _PROGRESS_MIN_BYTES
    ):
        # Reading and mixing are one step each; writing a CSV one per chunk
        # of rows (the count is set once the output's length is known).
        progress = _Progress(3, "augment", delay=_PROGRESS_DELAY)
    try:
        frame = read_table(args.input)
        if progress is not None:
            progress.step("mixing")
        augmented = augment_frame(frame, args)
        if progress is not None:
            if _table_format(args.output, "output") == "CSV":
                progress.total = 2 + _csv_chunks(len(augmented))
            progress.step("writing")
        try:
            write_table(augmented, args.output, args.overwrite, progress)
        except CliError:
            raise
        except Exception as exc:  # a full disk, a permission, a type Parquet refuses
            raise CliError(f"cannot write {args.output!r}: {_one_line(exc)}") from None
    finally:
        if progress is not None:
            progress.close()
    for line in summary(frame, augmented, args):
        print(line, file=out)
    return augmented


# --- a directory (or glob) of Parquet files, out of core with Dask -------------


def is_parquet_dataset(path):
    """Whether INPUT names a directory or a glob of Parquet files rather than
    one file."""
    return Path(path).is_dir() or any(char in str(path) for char in "*?[")


def _dataset_files(pattern):
    path = Path(pattern)
    if path.is_dir():
        files = sorted(
            p for p in path.iterdir() if p.suffix.lower() in (".parquet", ".pq")
        )
    else:
        import glob

        files = sorted(Path(p) for p in glob.glob(str(pattern)))
    if not files:
        raise CliError(f"input {str(pattern)!r} names no Parquet files")
    return [str(p) for p in files]


def _check_same_columns(files):
    """Every Parquet file of the input must have the first file's columns,
    of the same kind (numbers, or one same type), read from the files'
    footers before any row is."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    def kind(dtype):
        # Integer and float columns are all numbers to mix.
        if pa.types.is_integer(dtype) or pa.types.is_floating(dtype):
            return "numbers"
        if pa.types.is_string(dtype) or pa.types.is_large_string(dtype):
            return "text"
        return str(dtype)

    def columns(path):
        try:
            schema = pq.read_schema(path)
        except Exception as exc:  # every reader error means "not Parquet"
            raise CliError(
                f"cannot read {path!r} as Parquet: {_one_line(exc)}"
            ) from None
        # pandas stores a named or non-default index as a column of its own.
        return {
            field.name: kind(field.type)
            for field in schema
            if not field.name.startswith("__index_level_")
        }

    first = columns(files[0])
    for path in files[1:]:
        names = columns(path)
        missing = [name for name in first if name not in names]
        extra = [name for name in names if name not in first]
        if missing or extra:
            column, has, lacks = (
                (missing[0], files[0], path) if missing else (extra[0], path, files[0])
            )
            raise CliError(
                f"Parquet file {lacks!r} has no column {column!r}, which "
                f"{has!r} has; every file of the input needs the same columns"
            )
        for name, dtype in names.items():
            if dtype != first[name]:
                raise CliError(
                    f"column {name!r} holds {dtype} in Parquet file {path!r} "
                    f"but {first[name]} in {files[0]!r}; every file of the "
                    "input needs the same column types"
                )


# What a run of augment writes into an --output folder: dask's part files
# (and the metadata files it may add). --overwrite replaces a folder that
# holds nothing else.
_OWN_OUTPUT = re.compile(r"part\.\d+\.parquet|_metadata|_common_metadata")


def _check_dataset_output(args, files):
    """Refuse before any work an --output folder that cannot or must not be
    written."""
    output = Path(args.output)
    if output.suffix.lower() in _FORMATS and _FORMATS[output.suffix.lower()] != (
        "Parquet"
    ):
        raise CliError(
            f"--output {args.output!r} names a {_FORMATS[output.suffix.lower()]} "
            "file, but a folder of Parquet files is mixed out of core and "
            "written as a folder of Parquet files, one per partition: name a "
            f"folder, e.g. --output {output.with_suffix('')}"
        )
    if not output.resolve().parent.is_dir():
        raise CliError(
            f"output directory {str(output.resolve().parent)!r} does not exist"
        )
    input_folder = args.input if Path(args.input).is_dir() else None
    _check_output_is_safe(
        args.output, files, overwrite=args.overwrite, input_folder=input_folder
    )
    if input_folder is None and fnmatch.fnmatch(
        str(output.resolve()), str(Path(args.input).resolve())
    ):
        raise CliError(
            f"--output {args.output!r} matches the input pattern "
            f"{args.input!r}, so a later run would take the mixed rows for "
            "input: write it elsewhere"
        )
    if os.path.lexists(output):  # and --overwrite
        if output.is_symlink() or not output.is_dir():
            raise CliError(
                f"--output {args.output!r} exists and is not a folder; a folder "
                "of Parquet files is written as a folder: choose another path"
            )
        foreign = sorted(
            entry.name
            for entry in output.iterdir()
            if not (entry.is_file() and _OWN_OUTPUT.fullmatch(entry.name))
        )
        if foreign:
            raise CliError(
                f"--output {args.output!r} holds files augment did not write "
                f"({', '.join(foreign[:5])}); --overwrite replaces only a "
                "folder of augment's own Parquet output: choose another folder"
            )


def _remove_old_output(folder):
    """Delete a replaced output folder, file by file: only what augment
    writes, never a tree it did not create."""
    for entry in folder.iterdir():
        if entry.is_file() and _OWN_OUTPUT.fullmatch(entry.name):
            entry.unlink()
    try:
        folder.rmdir()
    except OSError:
        warnings.warn(
            f"kept {str(folder)!r}, the replaced output, because it holds files "
            "augment did not write",
            stacklevel=2,
        )


def _replace_folder(new, output, staging, overwrite):
    """Move the complete folder ``new`` to ``output``; an old output is moved
    aside first, and back if the move fails."""
    if not os.path.lexists(output):
        os.replace(new, output)
        return
    if not overwrite:  # it appeared while the rows were mixed
        raise CliError(_exists_message(output))
    old = staging / "replaced"
    os.replace(output, old)
    try:
        os.replace(new, output)
    except BaseException:
        os.replace(old, output)
        raise
    _remove_old_output(old)


def run_augment_dataset(args, out):
    """Read a directory (or glob) of Parquet files with Dask, mix it block by
    block (partners inside each partition, see the user guide's "Larger than
    memory"), and write OUTPUT as a directory of Parquet files, atomically,
    with Dask's progress bar on stderr. Returns the lazy output frame."""
    try:
        import dask
        import dask.dataframe as dd
        from dask.diagnostics import ProgressBar
    except ImportError:  # pragma: no cover - dask is in the test extras
        raise CliError(
            "a folder of Parquet files needs dask, which is not installed; "
            + _INSTALL_HINT.format(packages="'dask[dataframe]' pyarrow", extra="dask")
        ) from None

    files = _dataset_files(args.input)
    _check_dataset_output(args, files)
    check_options(args)
    _check_same_columns(files)
    try:
        frame = dd.read_parquet(files)
        frame = frame.rename(columns={column: str(column) for column in frame.columns})
        first = frame.partitions[0].compute()
    except Exception as exc:  # every reader error means "not readable Parquet"
        raise CliError(
            f"cannot read {args.input!r} as Parquet: {_one_line(exc)}"
        ) from None
    # The column checks read the first partition; a missing value further on
    # is refused by the sampler's validation while the blocks are mixed.
    features, categorical = _check_columns(first, args)
    labels = None
    if args.target is not None:
        labels = first[args.target]
        if _types_labels(args):
            # Labels typed on the command line are matched to those of every
            # partition: one pass over the target column alone.
            labels = frame[args.target].unique().compute()
    mixed = mix_frame(frame, features, categorical, args, labels=labels)
    output = Path(args.output)
    staging = Path(
        tempfile.mkdtemp(dir=output.resolve().parent, prefix=".mixup-sklearn-")
    )
    try:
        new = staging / "new"
        write = mixed.to_parquet(str(new), write_index=False, compute=False)
        # One pass: the rows counted and the classes tallied while they are
        # written.
        with ProgressBar(out=sys.stderr):
            _, n_in, n_out, stats_in, stats_out = dask.compute(
                write,
                frame.shape[0],
                mixed.shape[0],
                _target_stats(frame, args),
                _target_stats(mixed, args),
            )
        _replace_folder(new, output, staging, args.overwrite)
    except (ValueError, TypeError) as exc:
        raise CliError(_one_line(exc)) from None
    finally:
        # Only what this run created: the new rows, if they were not moved.
        shutil.rmtree(new, ignore_errors=True)
        with contextlib.suppress(OSError):  # an old output _remove_old_output kept
            staging.rmdir()
    lines = _summary_lines(
        args,
        f"{n_in} rows in {len(files)} Parquet files, {len(frame.columns)} columns",
        n_in,
        n_out,
        stats_in,
        stats_out,
        where=f" in {mixed.npartitions} Parquet files",
    )
    lines[2] += ", partners inside each partition"
    for line in lines:
        print(line, file=out)
    return mixed


def _wrapped(text):
    # The raw formatter keeps the epilogs' examples as written, so the
    # descriptions are wrapped here.
    return textwrap.fill(text, width=79)


def _sampler_defaults():
    from ._sampler import MixupSampler

    return MixupSampler().get_params()


def _choices(param):
    """The string values a MixupSampler parameter accepts, from its
    constraints, so that --help lists what the library takes."""
    from sklearn.utils._param_validation import StrOptions

    from ._sampler import MixupSampler

    for constraint in MixupSampler._parameter_constraints[param]:
        if isinstance(constraint, StrOptions):
            return ", ".join(sorted(constraint.options))
    raise ValueError(f"MixupSampler's {param!r} takes no string")  # pragma: no cover


def build_parser():
    """The argument parser of ``mixup-sklearn``."""
    from . import __version__

    parser = _Parser(
        prog="mixup-sklearn",
        description=_wrapped(
            "mixup data augmentation for scikit-learn: compare a model with and "
            "without mixup, or add mixup rows to a CSV or Parquet file."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"mixup-sklearn {__version__}"
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
    defaults = _sampler_defaults()
    augment.add_argument(
        "input",
        help="the table to read: .csv, .parquet or .pq; or a directory (or a "
        "quoted glob) of Parquet files, mixed out of core with Dask",
    )
    augment.add_argument(
        "--output",
        "-o",
        required=True,
        help="the table to write: .csv, .parquet or .pq; for a folder input, "
        "a folder of Parquet files. An existing one is refused unless "
        "--overwrite is given",
    )
    augment.add_argument(
        "--overwrite",
        action="store_true",
        help="replace an existing --output, once the new one is complete. "
        "Never the input, a folder that holds it, the working directory, or "
        "a folder holding files augment did not write",
    )
    augment.add_argument(
        "--target", metavar="COL", help="the target column (default: no target)"
    )
    mixing = augment.add_argument_group("mixing (with or without --target)")
    mixing.add_argument(
        "--alpha",
        type=float,
        default=0.4,
        help="concentration of Beta(alpha, alpha), >= 0; small values keep "
        "mixed rows near real ones, 0 copies rows (default: 0.4, as "
        "MixupSampler)",
    )
    mixing.add_argument(
        "--n-samples",
        type=_n_samples,
        default=None,
        metavar="N|Nx|N%",
        help="how many mixed rows: a whole number is a count (300), a number "
        "with x or %% a multiple of the input rows (2x, 1.5x, 200%%); '2.0' is "
        "refused as ambiguous (default: as many as input rows)",
    )
    mixing.add_argument(
        "--concat",
        action="store_true",
        help="write the original rows first, then the mixed rows",
    )
    mixing.add_argument(
        "--method",
        choices=["mixup", "cutmix"],
        default="mixup",
        help="mixup interpolates rows; cutmix swaps cells, each from the "
        "partner with probability 1 - lambda, so columns of any type stay "
        "valid values (default: mixup)",
    )
    mixing.add_argument(
        "--random-state",
        type=int,
        default=None,
        metavar="SEED",
        help="an int for the same output on every run (default: random)",
    )
    sampler = augment.add_argument_group(
        "MixupSampler options (need --target)",
        description=_wrapped(
            "Each sets the MixupSampler parameter of the same name (--regression "
            "sets target, --categorical categorical_features); the defaults are "
            "the library's."
        ),
    )
    sampler.add_argument(
        "--regression",
        action="store_true",
        help="the target is numeric and is mixed with its row's weight "
        "(target='regression'; default: class labels, kept per anchor)",
    )
    sampler.add_argument(
        "--pairing",
        metavar="NAME",
        help="how partners are drawn: " + _choices("pairing") + " (default: "
        f"{defaults['pairing']})",
    )
    sampler.add_argument(
        "--sampling-strategy",
        type=_sampling_strategy,
        metavar="STRATEGY",
        help="balance the classes, as imbalanced-learn's over-samplers do: "
        + _choices("sampling_strategy")
        + ", a float in (0, 1] (minority/majority ratio, two classes only), or "
        "LABEL=COUNT,... "
        "(rows wanted per class); the originals are written first and "
        "--n-samples must stay unset (default: no balancing)",
    )
    sampler.add_argument(
        "--mix-classes",
        type=_labels_list,
        metavar="LABEL,...",
        help="mix only the rows anchored in these classes; rows of the other "
        "classes are copied unchanged (default: every class)",
    )
    sampler.add_argument(
        "--label",
        metavar="RULE",
        help="the label of a mixed row: " + _choices("label") + "; remix gives "
        "it to the minority class, see --kappa and --tau (default: "
        f"{defaults['label']})",
    )
    sampler.add_argument(
        "--kappa",
        type=float,
        help="remix: the anchor's class is the majority when it is at least "
        f"kappa times the partner's, >= 1 (needs --label remix; default: "
        f"{defaults['kappa']:g})",
    )
    sampler.add_argument(
        "--tau",
        type=float,
        help="remix: a majority anchor holding less than tau of the mix "
        "gives the minority label, in [0, 1] (needs --label remix; default: "
        f"{defaults['tau']:g})",
    )
    sampler.add_argument(
        "--n-neighbors",
        type=int,
        metavar="K",
        help="knn: partners among the K nearest rows of the anchor's class, "
        f">= 1 (needs --pairing knn; default: {defaults['n_neighbors']})",
    )
    sampler.add_argument(
        "--bandwidth",
        type=float,
        metavar="H",
        help="label_kernel (C-Mixup): width of the Gaussian kernel on the "
        "target, in the target's units, > 0 (needs --pairing label_kernel; "
        f"default: {defaults['bandwidth']:g})",
    )
    sampler.add_argument(
        "--lag",
        type=int,
        metavar="L",
        help="lag: the partner is the row L positions later, >= 1 (needs "
        f"--pairing lag; default: {defaults['lag']})",
    )
    sampler.add_argument(
        "--categorical",
        metavar="auto|COL,...",
        help="categorical feature columns, kept from the anchor instead of "
        "averaged, or 'auto' for every non-numeric one (default: none; "
        "non-numeric features are refused)",
    )
    sampler.add_argument(
        "--round-integers",
        action="store_true",
        help="round mixed integer columns back to integers in their own dtype "
        "(default: they come out as floats)",
    )
    return parser


def main(argv=None):
    """Entry point of the ``mixup-sklearn`` console script.

    Returns the exit code: 0 on success, 2 on bad input (after one line on
    stderr).
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    with warnings.catch_warnings():
        # Deprecations speak to programmers of the libraries underneath,
        # not to a user of the command; other warnings are shown once each,
        # as one line that names no library file.
        for category in (DeprecationWarning, PendingDeprecationWarning, FutureWarning):
            warnings.simplefilter("ignore", category)
        warnings.showwarning = _WarningLines()
        try:
            if args.command == "demo":
                run_demo()
            else:
                run_augment(args)
        except CliError as exc:
            print(f"mixup-sklearn {args.command}: error: {exc}", file=sys.stderr)
            return 2
    return 0


class _WarningLines:
    """``warnings.showwarning`` for the command: each warning once, as one
    line on stderr, without the file and source line that raised it."""

    def __init__(self):
        self.shown = set()

    def __call__(self, message, category, filename, lineno, file=None, line=None):
        text = _one_line(message)
        if text not in self.shown:
            self.shown.add(text)
            stream = sys.stderr if file is None else file
            print(f"mixup-sklearn: warning: {text}", file=stream)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
