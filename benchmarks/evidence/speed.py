"""The speed table of ``benchmarks/bench_speed.py``, folded into the report."""

from __future__ import annotations

import importlib
import io
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parents[1]


QUICK_SPEED_SIZES = (1_000, 10_000)


def _bench_speed_module():
    """Import ``benchmarks/bench_speed.py``; returns ``(module, note)``."""
    if not (HERE / "bench_speed.py").exists():
        return None, "`benchmarks/bench_speed.py` does not exist in this checkout."
    sys.path.insert(0, str(HERE))
    try:
        return importlib.import_module("bench_speed"), None
    except Exception as exc:  # a broken script must not stop the evidence
        return None, f"`bench_speed.py` could not be imported: {exc!r}"
    finally:
        sys.path.remove(str(HERE))


def speed_table(module, mode):
    """The table ``bench_speed.py`` prints, and how it was obtained."""
    argv = ["--quick"] if mode == "quick" else []
    main_function = getattr(module, "main", None)
    if callable(main_function):
        try:
            with redirect_stdout(io.StringIO()) as printed:
                main_function(argv)
            return printed.getvalue(), f"`bench_speed.main({argv})`"
        except Exception as exc:  # fall back to running the script
            failure = f"`bench_speed.main` failed ({exc!r}); ran the script instead"
    else:
        failure = "no `main(argv)`; ran the script"
    completed = subprocess.run(
        [sys.executable, str(HERE / "bench_speed.py"), *argv],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    note = f"{failure}: `python benchmarks/bench_speed.py {' '.join(argv)}`"
    return completed.stdout or completed.stderr, note


def speed_sweep(module, mode):
    """Seconds of every contender (SMOTE included) across row counts, from
    ``bench_speed.scaling_rows``; None if the script has no such function."""
    scaling_rows = getattr(module, "scaling_rows", None)
    if not callable(scaling_rows):
        return None
    kwargs = {"sizes": QUICK_SPEED_SIZES} if mode == "quick" else {}
    try:
        with redirect_stdout(io.StringIO()):
            rows = scaling_rows(**kwargs)
    except Exception:  # the sweep is a bonus; the table above is the source
        return None
    return pd.DataFrame(list(rows))
