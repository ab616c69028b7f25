"""``mixup-sklearn augment``: read a table, add mixup rows and write it.

A single CSV or Parquet file is mixed in memory here; a folder (or a glob)
of Parquet files goes to :mod:`._dataset`.
"""

import argparse
import os
import sys

from .. import MixupSampler
from . import _dataset
from ._common import CliError, Progress, one_line, wrapped
from ._files import check_output, csv_chunks, read_table, table_format, write_table
from ._frames import check_columns, mix_frame, summary
from ._options import (
    check_options,
    choices,
    labels_option,
    n_samples_option,
    relevance_option,
    sampling_strategy_option,
)

# An input at least this large (in bytes) shows a progress bar on stderr once
# the work passes PROGRESS_DELAY seconds.
PROGRESS_MIN_BYTES = 20 * 2**20
PROGRESS_DELAY = 1.0

AUGMENT_EPILOG = """examples:
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


def add_parser(commands):
    """The ``augment`` subcommand, on the subparsers ``commands``."""
    parser = commands.add_parser(
        "augment",
        help="add mixup rows to a CSV or Parquet file",
        description=wrapped(
            "Read a table, make synthetic rows with mixup and write them (after "
            "the originals with --concat). With --target, features are mixed by "
            "MixupSampler and each synthetic row keeps its anchor's label (or a "
            "mixed target with --regression); without it, every column is mixed "
            "by mixup()."
        ),
        epilog=AUGMENT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(run=run)
    _add_files(parser)
    _add_mixing(parser.add_argument_group("mixing (with or without --target)"))
    sampler = parser.add_argument_group(
        "MixupSampler options (need --target)",
        description=wrapped(
            "Each sets the MixupSampler parameter of the same name (--regression "
            "sets target, --categorical categorical_features); the defaults are "
            "the library's."
        ),
    )
    defaults = MixupSampler().get_params()
    _add_labels(sampler, defaults)
    _add_pairing(sampler, defaults)
    return parser


def _add_files(parser):
    """The input, the output and the target column."""
    parser.add_argument(
        "input",
        help="the table to read: .csv, .parquet or .pq; or a directory (or a "
        "quoted glob) of Parquet files, mixed out of core with Dask",
    )
    parser.add_argument(
        "--output",
        "-o",
        required=True,
        help="the table to write: .csv, .parquet or .pq; for a folder input, "
        "a folder of Parquet files. An existing one is refused unless "
        "--overwrite is given",
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="replace an existing --output, once the new one is complete. "
        "Never the input, a folder that holds it, the working directory, or "
        "a folder holding files augment did not write",
    )
    parser.add_argument(
        "--target", metavar="COL", help="the target column (default: no target)"
    )


def _add_mixing(mixing):
    """The options of the mix itself, which mixup() takes too."""
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
        type=n_samples_option,
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
        help="mixup interpolates rows; cutmix swaps cells, round((1 - "
        "lambda) * columns) of each row from the partner, so columns of any "
        "type stay valid values (default: mixup)",
    )
    mixing.add_argument(
        "--missing",
        choices=["error", "propagate", "observed"],
        default="error",
        help="empty cells of the features: error refuses them; propagate "
        "mixes them (a cell copied by cutmix or from a categorical column "
        "stays empty, a blend with an empty parent is empty), observed fills "
        "such a blend with the other parent's value. The target column must "
        "be complete (default: error)",
    )
    mixing.add_argument(
        "--random-state",
        type=int,
        default=None,
        metavar="SEED",
        help="an int for the same output on every run (default: random)",
    )


def _add_labels(sampler, defaults):
    """The options about the target, the pairing and the labels."""
    sampler.add_argument(
        "--regression",
        action="store_true",
        help="the target is numeric and is mixed with its row's weight "
        "(target='regression'; default: class labels, kept per anchor)",
    )
    sampler.add_argument(
        "--pairing",
        metavar="NAME",
        help="how partners are drawn: " + choices("pairing") + " (default: "
        f"{defaults['pairing']})",
    )
    sampler.add_argument(
        "--sampling-strategy",
        type=sampling_strategy_option,
        metavar="STRATEGY",
        help="balance the classes, as imbalanced-learn's over-samplers do: "
        + choices("sampling_strategy")
        + ", a float in (0, 1] (minority/majority ratio, two classes only), or "
        "LABEL=COUNT,... "
        "(rows wanted per class); with --regression, rare-target balancing: "
        "auto (each rare region to the mean run size), a float in (0, 1] "
        "(ratio to the largest common run), or LOW:HIGH=ROWS_TO_ADD,... "
        "(regions of the target); the originals are written first and "
        "--n-samples must stay unset (default: no balancing)",
    )
    sampler.add_argument(
        "--relevance",
        type=relevance_option,
        metavar="density|E1,E2,...",
        help="rare-target balancing: the relevance of each target, "
        + choices("relevance")
        + " (one minus the normalised density of the target) or bin edges "
        "E1,E2,... covering the target, each bin a region (needs --regression "
        f"and --sampling-strategy; default: {defaults['relevance']})",
    )
    sampler.add_argument(
        "--relevance-threshold",
        type=float,
        metavar="T",
        help="rare-target balancing: rows with relevance >= T are rare, in "
        "(0, 1] (needs --regression and --sampling-strategy; default: "
        f"{defaults['relevance_threshold']:g})",
    )
    sampler.add_argument(
        "--mix-classes",
        type=labels_option,
        metavar="LABEL,...",
        help="mix only the rows anchored in these classes; rows of the other "
        "classes are copied unchanged (default: every class)",
    )
    sampler.add_argument(
        "--label",
        metavar="RULE",
        help="the label of a mixed row: " + choices("label") + "; remix gives "
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


def _add_pairing(sampler, defaults):
    """The options of each partner strategy, and of the feature columns."""
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


def run(args, out=None):
    """Read, mix, write atomically and print the summary; CliError on bad input."""
    out = sys.stdout if out is None else out
    if _dataset.is_parquet_dataset(args.input):
        return _dataset.run(args, out)
    check_output(args)
    check_options(args)
    progress = None
    if os.path.isfile(args.input) and (
        os.path.getsize(args.input) >= PROGRESS_MIN_BYTES
    ):
        # Reading and mixing are one step each; writing a CSV one per chunk
        # of rows (the count is set once the output's length is known).
        progress = Progress(3, "augment", delay=PROGRESS_DELAY)
    try:
        frame = read_table(args.input)
        if progress is not None:
            progress.step("mixing")
        augmented = augment_frame(frame, args)
        if progress is not None:
            if table_format(args.output, "output") == "CSV":
                progress.total = 2 + csv_chunks(len(augmented))
            progress.step("writing")
        _write(augmented, args, progress)
    finally:
        if progress is not None:
            progress.close()
    for line in summary(frame, augmented, args):
        print(line, file=out)
    return augmented


def augment_frame(frame, args):
    """Mix the rows of ``frame`` as the options say; return the new frame."""
    features = check_columns(frame, args)
    return mix_frame(frame, features, args).reset_index(drop=True)


def _write(augmented, args, progress):
    """write_table, with any failure to write as a CliError."""
    try:
        write_table(augmented, args.output, args.overwrite, progress)
    except CliError:
        raise
    except Exception as exc:  # a full disk, a permission, a type Parquet refuses
        raise CliError(f"cannot write {args.output!r}: {one_line(exc)}") from None
