"""Every public docstring documents exactly the parameters of its signature,
in order, as imbalanced-learn's ``test_docstring_parameters.py`` checks."""

import inspect
import re

import pytest

import mixup_sklearn

PUBLIC = [
    getattr(mixup_sklearn, name)
    for name in mixup_sklearn.__all__
    if name != "__version__"
]
PUBLIC_METHODS = [
    "fit",
    "fit_resample",
    "predict",
    "predict_proba",
    "predict_log_proba",
    "decision_function",
    "score",
]


def documented_parameters(doc):
    """Names in the numpydoc Parameters section, in order (``a, b : ...``
    documents both)."""
    section = re.search(
        r"\n\s*Parameters\n\s*-+\n(.*?)(\n\s*\n\s*\w[\w ]*\n\s*-+\n|$)", doc, re.S
    )
    if section is None:
        return []
    indent = None
    names = []
    for line in section.group(1).splitlines():
        match = re.match(r"^(\s*)(\*{0,2}[\w, *]+?)\s*(:|$)", line)
        if not line.strip() or match is None:
            continue
        if indent is None:
            indent = match.group(1)
        if match.group(1) == indent:
            names += [name.strip().lstrip("*") for name in match.group(2).split(",")]
    return names


def signature_parameters(function):
    return [
        name
        for name in inspect.signature(function).parameters
        if name not in ("self", "cls")
    ]


def documented_callables():
    for obj in PUBLIC:
        if inspect.isclass(obj):
            yield obj.__name__, obj.__init__, obj.__doc__
            for method in PUBLIC_METHODS:
                if method in vars(obj) or any(
                    method in vars(base)
                    for base in obj.__mro__[1:-1]
                    if base.__module__.startswith("mixup_sklearn")
                ):
                    function = getattr(obj, method)
                    yield f"{obj.__name__}.{method}", function, function.__doc__
        else:
            yield obj.__name__, obj, obj.__doc__


CALLABLES = list(documented_callables())


@pytest.mark.parametrize(
    "function, doc", [c[1:] for c in CALLABLES], ids=[c[0] for c in CALLABLES]
)
def test_docstring_documents_the_signature(function, doc):
    assert doc, "no docstring"
    assert documented_parameters(doc) == signature_parameters(function)


def test_the_parser_sees_a_missing_parameter():
    # The test above must be able to fail.
    def documented(a, b):
        """Summary.

        Parameters
        ----------
        a : int
            First.

        Returns
        -------
        int
        """

    assert documented_parameters(documented.__doc__) == ["a"]
    assert signature_parameters(documented) == ["a", "b"]
