"""Sphinx configuration of the mixup-sklearn documentation.

Built by ``make docs`` with warnings as errors. Nothing here reaches the
network: there is no intersphinx, so references to scikit-learn and
imbalanced-learn objects are plain text or explicit links.
"""

import os

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
]

# docs/examples holds the gallery's sources; Sphinx reads its output,
# docs/auto_examples.
exclude_patterns = ["_build", "examples"]
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

# Gallery scripts that use features of other issues, not merged on this
# branch yet. They are kept in docs/examples but not executed or listed.
GALLERY_WAITING = []

sphinx_gallery_conf = {
    "examples_dirs": "examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",
    # An empty alternative would match every file: join "|name" per entry.
    "ignore_pattern": r"__init__\.py"
    + "".join("|" + name.replace(".", r"\.") for name in GALLERY_WAITING),
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
html_sidebars = {"index": [], "cli": [], "comparison": []}


def _write_cli_help():
    """Write the ``--help`` texts that cli.rst includes, so they never drift."""
    import argparse
    from pathlib import Path

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


_write_cli_help()
