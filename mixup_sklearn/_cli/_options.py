"""augment's options as the library's parameters, and the library's messages
as augment's options.

The values and their combinations are checked by the estimators themselves
(:class:`~mixup_sklearn.MixupSampler`, :func:`~mixup_sklearn.mixup`); this
module only parses what argparse cannot, refuses options that would be
silently ignored, and rewrites the parameter names in the library's messages
into the flags a user typed.
"""

import argparse
import ast
import math
import re

from .. import MixupSampler
from ._common import CliError, one_line

MAX_CLASS_LINES = 20

# dest of an option: (its flag, the MixupSampler parameter it sets)
SAMPLER_OPTIONS = {
    "regression": ("--regression", "target"),
    "pairing": ("--pairing", "pairing"),
    "categorical": ("--categorical", "categorical_features"),
    "sampling_strategy": ("--sampling-strategy", "sampling_strategy"),
    "relevance": ("--relevance", "relevance"),
    "relevance_threshold": ("--relevance-threshold", "relevance_threshold"),
    "round_integers": ("--round-integers", "round_integers"),
    "n_neighbors": ("--n-neighbors", "n_neighbors"),
    "bandwidth": ("--bandwidth", "bandwidth"),
    "lag": ("--lag", "lag"),
    "label": ("--label", "label"),
    "kappa": ("--kappa", "kappa"),
    "tau": ("--tau", "tau"),
    "mix_classes": ("--mix-classes", "mix_classes"),
}
FLAG_OF_PARAMETER = {
    "alpha": "--alpha",
    "n_samples": "--n-samples",
    "concat": "--concat",
    "method": "--method",
    "missing": "--missing",
    "random_state": "--random-state",
    **{param: flag for flag, param in SAMPLER_OPTIONS.values()},
}
# Options that only act with another one, which the library would ignore
# without it: dest -> (the other's dest, its value).
NEEDS = {
    "n_neighbors": ("pairing", "knn"),
    "bandwidth": ("pairing", "label_kernel"),
    "lag": ("pairing", "lag"),
    "kappa": ("label", "remix"),
    "tau": ("label", "remix"),
}
# The string values --help lists. tests/test_cli.py checks them against the
# estimators' parameter constraints, which do the checking.
CHOICES = {
    "pairing": ("knn", "label_kernel", "lag", "random", "within_class"),
    "sampling_strategy": ("all", "auto", "minority", "not majority", "not minority"),
    "label": ("anchor", "remix"),
    "relevance": ("density",),
}


def choices(param):
    """The string values of a parameter, as --help lists them."""
    return ", ".join(CHOICES[param])


def is_set(args, dest):
    """Whether the option ``dest`` was given."""
    # Not `in (None, False)`: 0 == False, and --lag 0 is a value to check.
    value = getattr(args, dest)
    return value is not None and value is not False


# --- parsing what argparse cannot ---------------------------------------------


def n_samples_option(text):
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


def format_n_samples(value):
    """How the summary shows n_samples, in the spelling --n-samples takes."""
    if value is None:
        return "as many as input rows"
    return f"{value:g}x" if isinstance(value, float) else f"{value} rows"


def labels_option(text):
    """Parse LABEL,LABEL,...: the labels are matched to the target later."""
    labels = [label.strip() for label in text.split(",")]
    if "" in labels:
        raise argparse.ArgumentTypeError(
            f"{text!r} has an empty label; write LABEL,LABEL,... with no empty entry"
        )
    return labels


def sampling_strategy_option(text):
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


def relevance_option(text):
    """Parse --relevance: a name, or bin edges E1,E2,... (inf and -inf
    allowed). The name and the edges are checked by the library."""
    if "," not in text:
        return text
    try:
        return [float(edge) for edge in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r}: write bin edges as numbers separated by commas, e.g. "
            "-inf,10,50,inf"
        ) from None


def regions_option(counts):
    """--sampling-strategy LOW:HIGH=COUNT,... with --regression: the regions
    of the target and the rows to add to each."""
    regions = {}
    for key, count in counts.items():
        low, colon, high = key.partition(":")
        try:
            if not colon:
                raise ValueError
            region = (float(low), float(high))
        except ValueError:
            raise CliError(
                f"--sampling-strategy names the region {key!r}; with "
                "--regression write regions as LOW:HIGH=ROWS_TO_ADD,..., "
                "e.g. 300:400=50"
            ) from None
        regions[region] = count
    return regions


def categorical_option(text):
    """Parse --categorical: 'auto', or the names of columns."""
    if text is None or text == "auto":
        return text
    return [name.strip() for name in text.split(",")]


# --- options to parameters ----------------------------------------------------


def mixup_params(args):
    """The parameters of :func:`~mixup_sklearn.mixup` that the options set."""
    return {
        "alpha": args.alpha,
        "n_samples": args.n_samples,
        "concat": args.concat,
        "method": args.method,
        "missing": args.missing,
        "random_state": args.random_state,
    }


def sampler_params(args, y=None):
    """The MixupSampler parameters the options set; the library's defaults
    for the others. With ``y``, labels typed on the command line are matched
    to the target's own labels (``'1'`` to the integer 1)."""
    params = mixup_params(args)
    params["target"] = "regression" if args.regression else "classification"
    for dest, (_, param) in SAMPLER_OPTIONS.items():
        if dest != "regression" and is_set(args, dest):
            params[param] = getattr(args, dest)
    if args.categorical is not None:
        params["categorical_features"] = categorical_option(args.categorical)
    if args.regression and isinstance(args.sampling_strategy, dict):
        params["sampling_strategy"] = regions_option(args.sampling_strategy)
    if y is not None and types_labels(args):
        if args.mix_classes is not None:
            params["mix_classes"] = match_labels(args.mix_classes, y, "--mix-classes")
        if isinstance(args.sampling_strategy, dict):
            labels = match_labels(args.sampling_strategy, y, "--sampling-strategy")
            params["sampling_strategy"] = dict(
                zip(labels, args.sampling_strategy.values(), strict=True)
            )
    return params


def types_labels(args):
    """Whether options name labels of the target, to be matched to its own."""
    return not args.regression and (
        args.mix_classes is not None or isinstance(args.sampling_strategy, dict)
    )


def match_labels(names, y, option):
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
            f"{', '.join(sorted(labels)[:MAX_CLASS_LINES])}"
        )
    return [labels[name] for name in names]


# --- checks before any file is read --------------------------------------------


def check_options(args):
    """Check the options alone, before any file is read.

    Options that need --target or another option are refused, instead of
    being silently ignored. Each value is checked by MixupSampler's own
    parameter validation; their combinations, which may depend on the data,
    are checked by the library once the file is read (see :func:`cli_error`).
    """
    if args.target is None:
        for dest, (flag, _) in SAMPLER_OPTIONS.items():
            if is_set(args, dest):
                raise CliError(
                    f"{flag} needs --target: without a target every column "
                    "is mixed by mixup()"
                )
    for dest, (needed, value) in NEEDS.items():
        if is_set(args, dest) and getattr(args, needed) != value:
            flag, needed_flag = SAMPLER_OPTIONS[dest][0], SAMPLER_OPTIONS[needed][0]
            raise CliError(
                f"{flag} only acts with {needed_flag} {value}; add "
                f"{needed_flag} {value} or drop {flag}"
            )
    _check_useless(args)
    params = mixup_params(args) if args.target is None else sampler_params(args)
    for param, value in params.items():
        _check_value(param, value)


def _check_useless(args):
    """Refuse options that another one makes useless, which the library
    accepts and ignores."""
    if args.round_integers and args.method == "cutmix":
        raise CliError(
            "--round-integers only acts with --method mixup: --method cutmix "
            "copies every cell from a real row, so integer columns stay "
            "integers; drop --round-integers"
        )
    for dest in ("relevance", "relevance_threshold"):
        if is_set(args, dest) and (
            not args.regression or args.sampling_strategy is None
        ):
            raise CliError(
                f"{SAMPLER_OPTIONS[dest][0]} only acts with --regression and "
                "--sampling-strategy (rare-target balancing); add them or drop "
                f"{SAMPLER_OPTIONS[dest][0]}"
            )
    if args.concat and args.sampling_strategy is not None:
        raise CliError(
            "--concat has no effect with --sampling-strategy, which always "
            "writes the original rows first: drop --concat"
        )


def _check_value(param, value):
    """Check one parameter's value alone with MixupSampler's constraints, the
    first thing its fit_resample does, so that the message names its flag.

    ``_validate_params`` is scikit-learn's (BaseEstimator's), not a name of
    mixup-sklearn: no public call checks the parameters without data, and a
    bad value should be refused before a large file is read.
    """
    sampler = MixupSampler(**{param: value})
    try:
        sampler._validate_params()
    except (ValueError, TypeError) as exc:
        message = one_line(exc)
        # scikit-learn's InvalidParameterError starts by naming the parameter
        # and the class; the flag takes their place. Any other wording is
        # kept whole, after the flag.
        named = f"The {param!r} parameter of {type(sampler).__name__} "
        flag = FLAG_OF_PARAMETER[param]
        if message.startswith(named):
            raise CliError(f"{flag} {message[len(named) :]}") from None
        raise CliError(f"{flag}: {translate(message)}") from None


# --- the library's messages in the command line's words -------------------------

_VALUE = r"'[^']*'|\"[^\"]*\"|\[[^\]]*\]|\{[^}]*\}|-?\d+(?:\.\d+)?(?:e[+-]?\d+)?\b"
_PARAMETER = "|".join(sorted(FLAG_OF_PARAMETER, key=len, reverse=True))
# A parameter with its value (`mix_classes=['a']`), quoted (`'alpha'`), as
# the subject of the message, or with an underscore, which no English word
# has. A bare `label` or `target` elsewhere is prose, not a parameter.
_MENTION = re.compile(
    rf"\b(?P<assigned>{_PARAMETER})=(?P<value>{_VALUE}|True|False|None)"
    rf"|'(?P<quoted>{_PARAMETER})'"
    rf"|^(?P<subject>{_PARAMETER})\b"
    rf"|\b(?P<named>{'|'.join(p for p in FLAG_OF_PARAMETER if '_' in p)})\b"
)
# Who the library tells to change a parameter: on the command line, the
# user, through the flags.
_ADDRESSEES = re.compile(r" to (MixupSampler|mixup\(\))(?=[ .,;:]|$)")


def spell(param, value):
    """``param=value`` as the option that sets it, e.g. ``--n-samples 2x``."""
    flag = FLAG_OF_PARAMETER[param]
    if param == "target":
        return "--regression" if value == "regression" else "class labels"
    if value is None:
        return f"{flag} unset"
    if isinstance(value, bool):
        return flag if value else f"no {flag}"
    if param == "n_samples" and isinstance(value, float):
        return f"{flag} {value:g}x"
    if isinstance(value, list | tuple):
        return f"{flag} {','.join(str(item) for item in value)}"
    if isinstance(value, dict):
        return f"{flag} {','.join(f'{k}={v}' for k, v in value.items())}"
    return f"{flag} {value}"


def _spelled(match):
    if match["assigned"]:
        try:
            value = ast.literal_eval(match["value"])
        except (ValueError, SyntaxError):
            return f"{FLAG_OF_PARAMETER[match['assigned']]} {match['value']}"
        return spell(match["assigned"], value)
    name = match["quoted"] or match["subject"] or match["named"]
    return FLAG_OF_PARAMETER[name]


def translate(message, target=None):
    """The library's message with its parameter names as flags, ``y`` as the
    target column and ``X`` as the feature table."""
    text = _ADDRESSEES.sub("", _MENTION.sub(_spelled, message))
    if target is not None:
        text = _noun(text, r"'y'|\by\b", f"column {target!r}")
    return _noun(text, r"\bX\b", "the feature table")


def _noun(text, pattern, noun):
    """``text`` with ``noun`` for each match of ``pattern``, capitalised where
    it starts a sentence."""

    def replace(match):
        before = text[: match.start()]
        starts = not before or before.endswith(". ")
        return noun[0].upper() + noun[1:] if starts else noun

    return re.sub(pattern, replace, text)


def cli_error(exc, args):
    """A library error raised by the options, as a CliError in their words."""
    return CliError(translate(one_line(exc), args.target))
