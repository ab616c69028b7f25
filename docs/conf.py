"""Sphinx configuration of the mixup-sklearn documentation.

Built by ``make docs`` with warnings as errors. Nothing here reaches the
network: there is no intersphinx, so references to scikit-learn and
imbalanced-learn objects are plain text or explicit links.
"""

import os
import re
from pathlib import Path

# The gallery fits many small models; OpenBLAS threads only add contention
# on 2 cores (a 10x slowdown measured on a loaded CI machine). Set before
# matplotlib imports NumPy.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import matplotlib

# The gallery and the plot directive draw off-screen, also on machines with
# a display.
matplotlib.use("Agg")
os.environ.setdefault("MPLBACKEND", "Agg")

import mixup_sklearn

project = "mixup-sklearn"
author = "mixup-sklearn developers"
copyright = "mixup-sklearn developers, BSD-3-Clause"
release = mixup_sklearn.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
    "matplotlib.sphinxext.plot_directive",
    # The evidence report is Markdown (benchmarks/results/evidence.md).
    "myst_parser",
]
# Markdown is only ever included (the evidence report), never a page itself.
source_suffix = {".rst": "restructuredtext"}
# The API pages end with "Examples using ..." (sphinx-gallery backreferences).
templates_path = ["_templates"]

# docs/examples holds the gallery's sources; Sphinx reads its output,
# docs/auto_examples.
# gen_modules/evidence holds a copy of the superseded report, which no page
# includes (evidence.rst says why).
exclude_patterns = ["_build", "examples", "gen_modules/evidence"]
root_doc = "index"

# API reference: one page per public object, generated from the docstrings.
autosummary_generate = True
autodoc_default_options = {"members": True, "inherited-members": True}
# numpydoc renders the Parameters/Attributes sections; class member tables
# would repeat the autosummary pages and point at methods without stubs.
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False

# The plot directive of the user guide: PNG only, no source links.
plot_include_source = True
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 96)]

sphinx_gallery_conf = {
    "examples_dirs": "examples",
    "gallery_dirs": "auto_examples",
    # Only plot_*.py scripts are executed; the others (the PyTorch example,
    # which needs torch) are shown with their code but not run.
    "filename_pattern": r"/plot_",
    "ignore_pattern": r"__init__\.py",
    "backreferences_dir": "gen_modules/backreferences",
    "doc_module": ("mixup_sklearn",),
    "reference_url": {"mixup_sklearn": None},
    "download_all_examples": False,
    "within_subsection_order": "FileNameSortKey",
    "matplotlib_animations": False,
    "remove_config_comments": True,
    "show_memory": False,
    # The timing page would be written into docs/ itself, as a tracked file.
    "write_computation_times": False,
    "plot_gallery": "True",
}

html_theme = "pydata_sphinx_theme"
html_title = f"mixup-sklearn {release}"
html_static_path = []
html_theme_options = {
    "github_url": "https://github.com/mixup-sklearn/mixup-sklearn",
    "navigation_with_keys": False,
    "show_toc_level": 2,
}
html_sidebars = {"index": [], "cli": [], "comparison": [], "which_model": []}


def _write_cli_help():
    """Write the ``--help`` texts that cli.rst includes, so they never drift."""
    import argparse

    from mixup_sklearn._cli import build_parser

    os.environ["COLUMNS"] = "80"  # argparse wraps to the terminal width
    folder = Path(__file__).resolve().parent / "gen_modules"
    folder.mkdir(exist_ok=True)
    parser = build_parser()
    (folder / "help.txt").write_text(parser.format_help())
    subparsers = next(
        action
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    for name, subparser in subparsers.choices.items():
        (folder / f"help_{name}.txt").write_text(subparser.format_help())
    _write_cli_options(parser, subparsers)


def _rst_text(text):
    """Plain help text as reST: escape what reST would read as markup."""
    return re.sub(r"([\\*`|_])", r"\\\1", text)


def _write_cli_options(parser, subparsers):
    """An ``.. option::`` entry per option of ``augment``, by group, from the
    parser itself: cli.rst's reference cannot drift from ``--help``."""
    augment = subparsers.choices["augment"]
    lines = [".. program:: mixup-sklearn augment", ""]
    for group in augment._action_groups:
        actions = [action for action in group._group_actions if action.help]
        if not actions:
            continue
        title = "arguments" if group.title == "positional arguments" else group.title
        title = title[0].upper() + title[1:]
        lines += [_rst_text(title), "~" * len(_rst_text(title)), ""]
        if group.description:
            lines += [_rst_text(" ".join(group.description.split())), ""]
        for action in actions:
            if action.option_strings:
                metavar = (
                    ""
                    if action.nargs == 0
                    else " " + (action.metavar or action.dest.upper())
                )
                names = ", ".join(f"{name}{metavar}" for name in action.option_strings)
            else:
                names = action.dest
            text = action.help % {"default": action.default, "prog": augment.prog}
            lines += [f".. option:: {names}", "", "   " + _rst_text(text), ""]
    (Path(__file__).resolve().parent / "gen_modules" / "cli_options.rst").write_text(
        "\n".join(lines)
    )


_write_cli_help()

_EVIDENCE = Path(__file__).resolve().parents[1] / "benchmarks" / "results"


def _write_evidence():
    """Copy the earlier evidence report and its figures into gen_modules/.

    benchmarks/results/evidence.md is regenerated by the benchmark, so it is
    read here rather than copied into docs/. No page includes it any more:
    it is descriptive and superseded (see evidence.rst), and no page may
    depend on a section of it.
    """
    import shutil

    folder = Path(__file__).resolve().parent / "gen_modules" / "evidence"
    folder.mkdir(parents=True, exist_ok=True)
    report = (_EVIDENCE / "evidence.md").read_text()
    for figure in _EVIDENCE.glob("*.png"):
        shutil.copyfile(figure, folder / figure.name)
    # Relative figure links would be read from docs/; "/" is the source root.
    report = re.sub(
        r"(!\[[^\]]*\])\(([^)/]+\.png)\)", r"\1(/gen_modules/evidence/\2)", report
    )
    (folder / "evidence.md").write_text(report)


_write_evidence()
