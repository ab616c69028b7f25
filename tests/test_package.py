"""The package's structure, read from its source with ``ast``: the import
graph has no cycle, imports are at the top of a module (but the lazy ones),
the Dask path drives estimators through public names only, and no class
grows past what a reader can hold."""

import ast
from pathlib import Path

import pytest

import mixup_sklearn

PACKAGE = Path(mixup_sklearn.__file__).parent
NAME = PACKAGE.name

# Libraries that are not dependencies of mixup-sklearn (extras, or used by an
# example only): imported where they are needed, so that the package imports
# without them.
OPTIONAL_LIBRARIES = {
    "dask",
    "distributed",
    "pyarrow",
    "polars",
    "torch",
    "tqdm",
    "matplotlib",
    "lightgbm",
    "skops",
}
# The one lazy import of the package itself: the Dask path, imported once a
# Dask collection arrives.
LAZY_MODULES = {f"{NAME}._dask"}
# Objects whose private names the Dask path may read: Dask's own collections
# expose their metadata as ``_meta`` and ``_meta_nonempty``.
DASK_PRIVATE_API = {"_meta", "_meta_nonempty"}
MAX_CLASS_LINES = 300


def _modules(root=PACKAGE):
    """Every module of the package, by dotted name, with its source."""
    modules = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        name = ".".join((NAME, *parts))
        modules[name] = (path.name == "__init__.py", path.read_text())
    return modules


def _absolute(node, package):
    """The module an ``ImportFrom`` names, relative imports resolved."""
    if not node.level:
        return node.module
    base = package
    for _ in range(node.level - 1):
        base = base.rpartition(".")[0]
    return ".".join(filter(None, [base, node.module]))


def import_graph(modules):
    """``module -> modules of the package it imports`` (anywhere in it, at its
    top or inside a function)."""
    graph = {}
    for name, (is_package, source) in modules.items():
        package = name if is_package else name.rpartition(".")[0]
        edges = set()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(node, package)
                # ``from . import _augment`` names a module; ``from .. import
                # mixup`` names an object of the package.
                targets = [
                    f"{base}.{alias.name}"
                    if f"{base}.{alias.name}" in modules
                    else base
                    for alias in node.names
                ]
            else:
                continue
            edges.update(target for target in targets if target in modules)
        edges.discard(name)
        graph[name] = edges
    return graph


def find_cycle(graph):
    """One import cycle of ``graph`` as a list of modules, or None."""
    done, path = set(), []

    def visit(module):
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return None
        path.append(module)
        for target in sorted(graph[module]):
            cycle = visit(target)
            if cycle:
                return cycle
        path.pop()
        done.add(module)
        return None

    for module in sorted(graph):
        cycle = visit(module)
        if cycle:
            return cycle
    return None


def local_imports(source, package):
    """The imports made inside a function that are neither of an optional
    library nor the lazy import of the Dask path: ``(line, module)``."""
    found = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [_absolute(node, package)]
            else:
                continue
            for module in names:
                if module.split(".")[0] in OPTIONAL_LIBRARIES:
                    continue
                if module in LAZY_MODULES:
                    continue
                found.append((node.lineno, module))
    return found


def private_calls(source):
    """Private attributes read in ``source``, other than Dask's metadata and
    a class's own (``self._blocks``): ``(line, "name._attribute")``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and node.attr not in DASK_PRIVATE_API
            and ast.unparse(node.value) not in ("self", "cls")
        ):
            owner = ast.unparse(node.value)
            found.append((node.lineno, f"{owner}.{node.attr}"))
    return found


def class_sizes(source):
    """``{class: lines of code}``, docstrings, comments and blank lines left
    out."""
    tree = ast.parse(source)
    lines = source.splitlines()
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            docstrings.update(range(body[0].lineno, body[0].end_lineno + 1))
    sizes = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            sizes[node.name] = sum(
                1
                for number in range(node.lineno, node.end_lineno + 1)
                if number not in docstrings
                and lines[number - 1].strip()
                and not lines[number - 1].strip().startswith("#")
            )
    return sizes


def test_import_graph_has_no_cycle():
    graph = import_graph(_modules())
    # The graph sees the lazy imports too: the sampler's of the Dask path.
    assert f"{NAME}._dask" in graph[f"{NAME}._sampler"]
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph))


def test_find_cycle_sees_a_hidden_cycle():
    # A cycle through a function-local import counts too.
    modules = {
        f"{NAME}._a": (False, "def f():\n    from ._b import g\n"),
        f"{NAME}._b": (False, "from ._a import f\n"),
    }
    cycle = find_cycle(import_graph(modules))
    assert cycle is not None and set(cycle) == {f"{NAME}._a", f"{NAME}._b"}


def test_imports_are_at_the_top_of_each_module():
    found = {
        name: local_imports(source, name if is_package else name.rpartition(".")[0])
        for name, (is_package, source) in _modules().items()
    }
    assert {name: lines for name, lines in found.items() if lines} == {}


def test_local_imports_flags_a_dependency_and_allows_the_lazy_ones():
    source = (
        "def f():\n"
        "    import pandas as pd\n"
        "    import dask.dataframe as dd\n"
        "    from ._dask import fit\n"
        "    from ._plan import draw_plan\n"
    )
    assert local_imports(source, NAME) == [(2, "pandas"), (5, f"{NAME}._plan")]


def test_dask_path_reads_no_private_name_of_an_estimator():
    source = (PACKAGE / "_dask.py").read_text()
    assert private_calls(source) == []


@pytest.mark.parametrize(
    "line",
    ["sampler._check_params()", "sampler_class(**p)._anchors(y)", "est._restore"],
)
def test_private_calls_flags_a_private_method(line):
    assert len(private_calls(line)) == 1


def test_private_calls_allows_dask_metadata_and_fitted_attributes():
    source = "X._meta_nonempty\nsampler.pairs_ = 1\nx.__class__\nself._rows"
    assert private_calls(source) == []


def test_no_class_is_longer_than_a_reader_can_hold():
    sizes = {
        f"{name}.{cls}": size
        for name, (_, source) in _modules().items()
        for cls, size in class_sizes(source).items()
    }
    assert f"{NAME}._sampler.MixupSampler" in sizes
    assert {cls: n for cls, n in sizes.items() if n > MAX_CLASS_LINES} == {}


def test_class_sizes_leave_out_docstrings_and_comments():
    source = 'class A:\n    """Doc\n    more."""\n\n    # why\n    x = 1\n'
    assert class_sizes(source) == {"A": 2}


def test_module_maps_name_every_module():
    # CONTRIBUTING.md's table and the package docstring's map: a module
    # added without its line there leaves the next engineer guessing.
    contributing = PACKAGE.parent / "CONTRIBUTING.md"
    if not contributing.exists():
        pytest.skip("CONTRIBUTING.md is not shipped with an installed package")
    table = contributing.read_text()
    paths = sorted(path.relative_to(PACKAGE) for path in PACKAGE.rglob("*.py"))
    assert [str(path) for path in paths if f"| `{path}` |" not in table] == []
    assert [
        path.stem
        for path in paths
        if path.stem != "__init__" and path.stem not in mixup_sklearn.__doc__
    ] == []
