"""augment on a folder (or a glob) of Parquet files, out of core with Dask:
partners inside each partition, the output written as a folder of Parquet
files, one per partition, that replaces an old one only when it is
complete."""

import contextlib
import fnmatch
import glob
import os
import re
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

from ._common import INSTALL_HINT, CliError, one_line
from ._files import FORMATS, check_output_is_safe, exists_message
from ._frames import check_columns, mix_frame, summary_lines, target_stats
from ._options import check_options, cli_error, types_labels


def is_parquet_dataset(path):
    """Whether INPUT names a directory or a glob of Parquet files rather than
    one file."""
    return Path(path).is_dir() or any(char in str(path) for char in "*?[")


def _dataset_files(pattern):
    """The Parquet files of a folder, or the files a glob matches, sorted."""
    path = Path(pattern)
    if path.is_dir():
        files = sorted(
            p for p in path.iterdir() if p.suffix.lower() in (".parquet", ".pq")
        )
    else:
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
                f"cannot read {path!r} as Parquet: {one_line(exc)}"
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
    if output.suffix.lower() in FORMATS and FORMATS[output.suffix.lower()] != (
        "Parquet"
    ):
        raise CliError(
            f"--output {args.output!r} names a {FORMATS[output.suffix.lower()]} "
            "file, but a folder of Parquet files is mixed out of core and "
            "written as a folder of Parquet files, one per partition: name a "
            f"folder, e.g. --output {output.with_suffix('')}"
        )
    if not output.resolve().parent.is_dir():
        raise CliError(
            f"output directory {str(output.resolve().parent)!r} does not exist"
        )
    input_folder = args.input if Path(args.input).is_dir() else None
    check_output_is_safe(
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
        raise CliError(exists_message(output))
    old = staging / "replaced"
    os.replace(output, old)
    try:
        os.replace(new, output)
    except BaseException:
        os.replace(old, output)
        raise
    _remove_old_output(old)


def run(args, out):
    """Read a directory (or glob) of Parquet files with Dask, mix it block by
    block (partners inside each partition, see the user guide's "Larger than
    memory"), and write OUTPUT as a directory of Parquet files, atomically,
    with Dask's progress bar on stderr. Returns the lazy output frame."""
    dask, dd, progress_bar = _import_dask()
    files = _dataset_files(args.input)
    _check_dataset_output(args, files)
    check_options(args)
    _check_same_columns(files)
    frame, first = _read(dd, files, args)
    # The column checks read the first partition; a missing value further on
    # is refused by the sampler's validation while the blocks are mixed.
    features = check_columns(first, args)
    labels = None
    if args.target is not None:
        labels = first[args.target]
        if types_labels(args):
            # Labels typed on the command line are matched to those of every
            # partition: one pass over the target column alone.
            labels = frame[args.target].unique().compute()
    mixed = mix_frame(frame, features, args, labels=labels)
    counts = _write(dask, progress_bar, frame, mixed, args)
    lines = summary_lines(
        args,
        f"{counts[0]} rows in {len(files)} Parquet files, {len(frame.columns)} columns",
        *counts,
        where=f" in {mixed.npartitions} Parquet files",
    )
    lines[2] += ", partners inside each partition"
    for line in lines:
        print(line, file=out)
    return mixed


def _import_dask():
    """dask, dask.dataframe and dask's ProgressBar, or a CliError that says
    how to install them."""
    try:
        import dask
        import dask.dataframe as dd
        from dask.diagnostics import ProgressBar
    except ImportError:  # pragma: no cover - dask is in the test extras
        raise CliError(
            "a folder of Parquet files needs dask, which is not installed; "
            + INSTALL_HINT.format(packages="'dask[dataframe]' pyarrow", extra="dask")
        ) from None
    return dask, dd, ProgressBar


def _read(dd, files, args):
    """The lazy frame of every file, with string column names, and its first
    partition, read."""
    try:
        frame = dd.read_parquet(files)
        frame = frame.rename(columns={column: str(column) for column in frame.columns})
        return frame, frame.partitions[0].compute()
    except Exception as exc:  # every reader error means "not readable Parquet"
        raise CliError(
            f"cannot read {args.input!r} as Parquet: {one_line(exc)}"
        ) from None


def _write(dask, progress_bar, frame, mixed, args):
    """Write ``mixed`` into a staging folder beside --output, then move it in
    place; return the rows in and out and the target's statistics in and out,
    counted in the same pass."""
    output = Path(args.output)
    staging = Path(
        tempfile.mkdtemp(dir=output.resolve().parent, prefix=".mixup-sklearn-")
    )
    new = staging / "new"
    try:
        write = mixed.to_parquet(str(new), write_index=False, compute=False)
        with progress_bar(out=sys.stderr):
            _, *counts = dask.compute(
                write,
                frame.shape[0],
                mixed.shape[0],
                target_stats(frame, args),
                target_stats(mixed, args),
            )
        _replace_folder(new, output, staging, args.overwrite)
    except (ValueError, TypeError) as exc:
        raise cli_error(exc, args) from None
    finally:
        # Only what this run created: the new rows, if they were not moved.
        shutil.rmtree(new, ignore_errors=True)
        with contextlib.suppress(OSError):  # an old output _remove_old_output kept
            staging.rmdir()
    return counts
