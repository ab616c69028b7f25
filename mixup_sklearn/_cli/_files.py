"""Tables in and out: reading and writing CSV and Parquet files, atomically,
and the rules that keep a user's files safe from ``--output``."""

import math
import os
import tempfile
from pathlib import Path

import pandas as pd

from ._common import INSTALL_HINT, CliError, one_line

FORMATS = {".csv": "CSV", ".parquet": "Parquet", ".pq": "Parquet"}


def table_format(path, role):
    """The format of ``path`` from its extension, or a CliError."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise CliError(
            f"{role} {str(path)!r} has extension {suffix or '(none)'!r}; "
            "use .csv, .parquet or .pq"
        )
    return FORMATS[suffix]


def import_pandas(file_format):
    """pandas (a dependency), once pyarrow is found for a Parquet file: a
    CliError says how to install it when it is missing."""
    if file_format == "Parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:  # pragma: no cover - the [parquet] extra
            raise CliError(
                "Parquet files need pyarrow, which is not installed; "
                + INSTALL_HINT.format(packages="pyarrow", extra="parquet")
            ) from None
    return pd


def read_table(path):
    """Read a CSV or Parquet file into a DataFrame; CliError if it cannot."""
    file_format = table_format(path, "input")
    pd = import_pandas(file_format)
    if not Path(path).is_file():
        raise CliError(f"input file {str(path)!r} does not exist")
    try:
        reader = pd.read_csv if file_format == "CSV" else pd.read_parquet
        frame = reader(path)
    except Exception as exc:  # every reader error means "not a readable file"
        raise CliError(
            f"cannot read {str(path)!r} as {file_format}: {one_line(exc)}"
        ) from None
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        raise CliError(f"input file {str(path)!r} has no rows or no columns")
    return frame


# Rows per chunk when a CSV is written, so that a large file shows progress.
CSV_CHUNK_ROWS = 100_000


def csv_chunks(n_rows):
    """How many pieces write_table writes a CSV of ``n_rows`` rows in."""
    return max(1, math.ceil(n_rows / CSV_CHUNK_ROWS))


def write_table(frame, path, overwrite=False, progress=None):
    """Write ``frame`` to ``path`` atomically: a temporary file next to it,
    then os.replace.

    A failure leaves neither a partial output file nor the temporary file.
    Without ``overwrite`` an output that appeared since the checks is kept.
    """
    file_format = table_format(path, "output")
    import_pandas(file_format)
    directory = Path(path).resolve().parent
    handle, temporary = tempfile.mkstemp(
        dir=directory, prefix=".mixup-sklearn-", suffix=Path(path).suffix
    )
    os.close(handle)
    try:
        if file_format == "CSV":
            for chunk in range(csv_chunks(len(frame))):
                start = chunk * CSV_CHUNK_ROWS
                frame.iloc[start : start + CSV_CHUNK_ROWS].to_csv(
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
            raise CliError(exists_message(path))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def exists_message(output):
    return (
        f"--output {str(output)!r} already exists; pass --overwrite to replace "
        "it, or choose another path"
    )


def check_output_is_safe(output, inputs, *, overwrite, input_folder=None):
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
        raise CliError(exists_message(output))


def check_output(args):
    """Fail before any work if the output cannot be written where asked, or
    would replace what it must not."""
    path = args.output
    import_pandas(table_format(path, "output"))  # pyarrow for Parquet
    directory = Path(path).resolve().parent
    if not directory.is_dir():
        raise CliError(f"output directory {str(directory)!r} does not exist")
    if Path(path).is_dir():
        raise CliError(
            f"--output {str(path)!r} is a folder; a single input file is "
            "written as a single file: name a file"
        )
    check_output_is_safe(path, [args.input], overwrite=args.overwrite)
