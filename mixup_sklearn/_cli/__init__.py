"""The ``mixup-sklearn`` command line (also ``python -m mixup_sklearn``): the
dispatcher.

Two subcommands, one module each, as skops lays out its command line:
``demo`` (:mod:`._demo`) cross-validates a model with and without mixup on
bundled data; ``augment`` (:mod:`._augment`, and :mod:`._dataset` for a
folder of Parquet files) reads a CSV or Parquet file, adds mixup rows and
writes the result. They share :mod:`._options` (the options as the library's
parameters, checked by the estimators, and the library's messages in the
options' words), :mod:`._frames` (what augment does to a table),
:mod:`._files` (tables in and out, and the rules that keep user files safe)
and :mod:`._common`.

Bad input ends with one line on stderr and exit code 2, and never leaves a
partial output file behind. An existing output is replaced only with
``--overwrite``, and never when it is the input, a folder that holds the
input, or the working directory. The package calls only the public names of
mixup-sklearn.
"""

import argparse
import sys
import warnings

from .. import __version__
from . import _augment, _demo
from ._common import CliError, one_line, wrapped
from ._options import translate

__all__ = ["build_parser", "main"]

_EPILOG = """examples:
  mixup-sklearn demo
  mixup-sklearn augment train.csv --target label --output train_mixup.csv
  mixup-sklearn augment train.parquet --target price --regression \\
      --alpha 0.2 --n-samples 2x --concat --output train_mixup.parquet

Run 'mixup-sklearn augment --help' for every option of augment."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors fit on one line of stderr."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser():
    """The argument parser of ``mixup-sklearn``: each subcommand's module
    adds its own parser, and the function that runs it."""
    parser = _Parser(
        prog="mixup-sklearn",
        description=wrapped(
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
    _demo.add_parser(commands)
    _augment.add_parser(commands)
    return parser


def main(argv=None):
    """Entry point of the ``mixup-sklearn`` console script.

    Returns the exit code: 0 on success, 2 on bad input (after one line on
    stderr).
    """
    args = build_parser().parse_args(argv)
    with warnings.catch_warnings():
        # Deprecations speak to programmers of the libraries underneath,
        # not to a user of the command; other warnings are shown once each,
        # as one line that names no library file.
        for category in (DeprecationWarning, PendingDeprecationWarning, FutureWarning):
            warnings.simplefilter("ignore", category)
        warnings.showwarning = _WarningLines(getattr(args, "target", None))
        try:
            args.run(args)
        except CliError as exc:
            print(f"mixup-sklearn {args.command}: error: {exc}", file=sys.stderr)
            return 2
    return 0


class _WarningLines:
    """``warnings.showwarning`` for the command: each warning once, as one
    line on stderr in the options' words, without the file and source line
    that raised it."""

    def __init__(self, target=None):
        self.shown = set()
        self.target = target

    def __call__(self, message, category, filename, lineno, file=None, line=None):
        text = translate(one_line(message), self.target)
        if text not in self.shown:
            self.shown.add(text)
            stream = sys.stderr if file is None else file
            print(f"mixup-sklearn: warning: {text}", file=stream)
