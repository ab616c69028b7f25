"""What augment does to a table, in memory or with Dask: check the columns
the options name, mix the rows through the public API and summarise."""

from .. import MixupSampler, mixup
from ._common import CliError
from ._options import (
    MAX_CLASS_LINES,
    SAMPLER_OPTIONS,
    cli_error,
    format_n_samples,
    is_set,
    mixup_params,
    sampler_params,
)


def check_columns(frame, args):
    """The feature columns, after checking the columns the options name.

    Everything else about the columns (their types, --categorical's names)
    is checked by the library when the rows are mixed.
    """
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
    # With --missing, the features may have empty cells; the target never.
    checked = columns if args.missing == "error" else [args.target]
    _check_missing_values(frame, [column for column in checked if column], args)
    return features


def _check_missing_values(frame, columns, args):
    """Refuse missing values with the file's row: the library's own refusal
    names a column of X, not where the row is in the file."""
    missing = [column for column in columns if frame[column].isna().any()]
    if missing:
        rows = frame.index[frame[missing].isna().any(axis=1)]
        features = [column for column in missing if column != args.target]
        hint = " (or mix the features' with --missing propagate)" if features else ""
        if args.target in missing and args.missing != "error":
            # --missing was given and seemingly ignored: say why.
            hint += (
                f"; --missing {args.missing} mixes empty cells of the features, "
                f"and the target {args.target!r} must be complete"
            )
        raise CliError(
            f"missing values in column(s) {', '.join(missing)} ({len(rows)} "
            f"row(s), the first is data row {rows[0] + 1}); fill or drop them "
            f"first{hint}"
        )


def check_something_to_mix(sampler, args):
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


def mix_frame(frame, features, args, labels=None):
    """Mix a pandas or a dask DataFrame.

    With a target, rows go through :class:`~mixup_sklearn.MixupSampler`
    (labels of the anchors for classification, mixed targets with
    ``--regression``); without one, every column goes through
    :func:`~mixup_sklearn.mixup`. ``labels`` (default: the target column)
    are what labels typed on the command line are matched to. The library's
    ValueError and TypeError become a CliError in the options' words.
    """
    try:
        if args.target is None:
            return mixup(frame, **mixup_params(args))
        y = frame[args.target]
        sampler = MixupSampler(**sampler_params(args, y if labels is None else labels))
        X_res, y_res = sampler.fit_resample(frame[features], y)
    # MemoryError: an output that fits the machine but not its free memory.
    except (ValueError, TypeError, MemoryError) as exc:
        raise library_error(exc, args, frame) from None
    check_something_to_mix(sampler, args)
    if not hasattr(y_res, "compute"):
        # A pandas y comes back on a fresh index: assign by position.
        y_res = y_res.to_numpy()
    return X_res.assign(**{args.target: y_res})[list(frame.columns)]


def library_error(exc, args, frame):
    """An error of the library as a CliError. Without --target, mixup()
    refuses text columns (unless CutMix swaps them): one may be the label,
    which the command, unlike mixup(), can set apart."""
    error = cli_error(exc, args)
    text_columns = frame.select_dtypes(exclude="number").columns
    if args.target is None and args.method != "cutmix" and len(text_columns):
        error = CliError(
            f"{error} Without --target every column is mixed; if one is the "
            "label, name it with --target."
        )
    return error


def target_stats(frame, args):
    """What the summary shows of a target column: its class counts, or its
    (min, max) with --regression; lazy for a dask frame."""
    if args.target is None:
        return None
    column = frame[args.target]
    if args.regression:
        return (column.min(), column.max())
    return column.value_counts(sort=False)


def summary_lines(args, read, n_in, n_out, stats_in, stats_out, where=""):
    """The lines printed after augment, from the counts of either mode."""
    # Balancing writes the originals first, as SMOTE does.
    originals = args.concat or args.sampling_strategy is not None
    synthetic = n_out - n_in if originals else n_out
    settings = [f"alpha={args.alpha:g}"]
    if args.sampling_strategy is None:  # which sets the number of rows
        settings.append(f"n_samples={format_n_samples(args.n_samples)}")
    settings.append(f"pairing={args.pairing or 'random'}")
    for dest in SAMPLER_OPTIONS:
        if dest not in ("regression", "pairing", "categorical") and is_set(args, dest):
            value = getattr(args, dest)
            if isinstance(value, list):
                value = ",".join(
                    f"{item:g}" if isinstance(item, float) else item for item in value
                )
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
        for label, count in classes[:MAX_CLASS_LINES]:
            lines.append(
                f"  {label!s:<{width}}  {count:>8}  {stats_out.get(label, 0):>8}"
            )
        if len(classes) > MAX_CLASS_LINES:
            # The summary has to fit on one screen.
            lines.append(f"  ... and {len(classes) - MAX_CLASS_LINES} more classes")
    return lines


def summary(frame, out, args):
    """The lines printed after augment: rows, alpha and per-class counts."""
    return summary_lines(
        args,
        f"{len(frame)} rows, {frame.shape[1]} columns",
        len(frame),
        len(out),
        target_stats(frame, args),
        target_stats(out, args),
    )
