"""Parameter descriptions shared by several public objects, written once.

They are substituted into docstrings with ``imblearn.utils.Substitution``.
"""

_ALPHA = """alpha : float, default={default}
        Concentration of the Beta(α, α) distribution of the mixing weight λ,
        ``alpha >= 0``. Small values keep synthetic rows close to real rows;
        ``alpha=1`` draws λ uniformly; large values mix towards the midpoint.
        ``alpha=0`` means no interpolation: every λ is exactly 1."""

SHARED_DOCS = {
    # The paper, cited in the References of every public object.
    "mixup_reference": (
        '.. [1] H. Zhang, M. Cisse, Y. N. Dauphin and D. Lopez-Paz, "mixup: '
        'Beyond\n       Empirical Risk Minimization", ICLR 2018.'
    ),
    # The default α of mixup() and MixupSampler (0.4) and of the meta-estimators
    # and mixup_batches (0.2): what benchmarks/results/evidence.md favours.
    "alpha": _ALPHA.format(default="0.4"),
    "n_samples": """n_samples : int, float or None, default=None
        Number of synthetic rows. ``None`` makes as many as there are input
        rows; an int makes that many; a float makes that multiple of the
        number of input rows, rounded. More rows than inputs is allowed.""",
    "concat": """concat : bool, default=False
        If True, return the original rows first, followed by the synthetic
        rows. If False, return only the synthetic rows.""",
    "method": """method : {"mixup", "cutmix"}, default="mixup"
        How an anchor and its partner make a synthetic row. ``"mixup"``
        interpolates, x' = λ·x_a + (1 − λ)·x_p. ``"cutmix"`` swaps cells
        (CutMix for tables, as in SAINT and Kadra et al., 2021): round((1 −
        λ)·c) of a row's c cells, drawn at random, come from the partner and
        the others from the anchor, so every value is one of the two rows'
        own, in its own dtype; where the row keeps its anchor's label, the
        anchor keeps at least half of its cells. The share of anchor cells,
        over every column (declared ``categorical_features``, always the
        anchor's, included), then replaces λ in ``lambdas_`` and for the
        targets. A DataFrame may then hold columns of any dtype (text,
        category, bool, datetime), all swapped.""",
    "missing": """missing : {"error", "propagate", "observed"}, default="error"
        What to do with missing values of X (NaN, None, pd.NA, polars and
        pyarrow nulls, masked entries). ``"error"`` refuses them. The other
        two mix them: a swapped cell (``method="cutmix"``) and a column
        taken from the anchor (``categorical_features``) are copied as they
        are, missing or not; a blended cell with one missing parent is
        missing with ``"propagate"`` and takes the observed parent's value
        with ``"observed"``; with both parents missing it is missing. A
        missing value comes back as its column's own marker (NaN, pd.NA or
        null), integer columns as nullable ones where they keep their
        dtype. Infinity is refused in every mode, and so is a missing value
        of y. ``"propagate"`` is recommended for models that take NaN
        (HistGradientBoosting, LightGBM, XGBoost): every blended value is
        then λ·x_a + (1 − λ)·x_p, and the model routes the missing cells as
        it learnt to. ``"observed"`` leaves fewer missing cells, but a filled
        cell is its observed parent's value, not a blend of the pair: the row
        is no longer a convex combination of two complete rows. See
        :ref:`missing_values`.""",
    "random_state": """random_state : int, RandomState instance or None, default=None
        Seeds the draws of partners and λ. Pass an int for output that is
        identical across calls. See :term:`Glossary <random_state>`.""",
}


def alpha_doc(default):
    """The ``alpha`` entry with another default."""
    return _ALPHA.format(default=default)


_LOOP = {
    "prob": """prob : float, default=1.0
        Probability that a {unit} is mixed at all, in [0, 1] (timm's
        ``prob``). A {unit} that is not mixed passes its rows as they are:
        λ = 1 and each row's own target (a one-hot row for a class label).""",
    "switch_prob": """switch_prob : float, default=0.0
        Probability, in [0, 1], that a mixed {unit} uses the other method
        (timm's ``switch_prob``): CutMix with ``method="mixup"``, mixup with
        ``method="cutmix"``. Each method then draws λ from its own
        concentration: ``alpha`` for mixup, ``cutmix_alpha`` for CutMix.""",
    "cutmix_alpha": """cutmix_alpha : float or None, default=None
        Concentration of Beta(α, α) for the λ of CutMix, ``>= 0``, wherever
        CutMix is drawn (``method="cutmix"``, or a switched {unit}). ``None``
        uses ``alpha``.""",
    "mixup_off_epoch": """mixup_off_epoch : int or None, default=None
        Epoch (counted from 0) from which nothing is mixed, ``>= 0`` (timm's
        ``mixup_off_epoch``): every {unit} of that epoch and later passes its
        rows as they are, as with ``prob``'s unmixed {unit}s. ``0`` never
        mixes; ``None`` mixes every epoch.""",
}


def loop_docs(unit):
    """The entries of the training-loop controls, for batches of ``unit``
    (``"batch"`` in :func:`mixup_batches`, ``"step"`` in the
    meta-estimators)."""
    return {name: text.format(unit=unit) for name, text in _LOOP.items()}


# What every training loop draws, in order: the Notes of mixup_batches and of
# the meta-estimators.
LOOP_DRAW_ORDER = """Each {unit} draws its controls before its own mix, in this
    order, so that the same ``random_state`` gives the same stream: nothing
    from epoch ``mixup_off_epoch`` on (the {unit} is not mixed); then, with
    ``prob < 1``, one uniform that decides whether the {unit} is mixed (an
    unmixed {unit} draws nothing more); then, with ``switch_prob > 0``, one
    uniform that decides whether it switches method. With the defaults
    nothing is drawn, and the stream is the one without these controls."""
