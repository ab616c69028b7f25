"""The mixing plan: everything a mix draws, drawn in one place and applied
to any block of rows, with the label rules beside it.

A mix is drawn in one order, whoever asks for it (:func:`mixup`,
:class:`MixupSampler`, the meta-estimators, :func:`mixup_batches`, a Dask
block):

1. the anchors: given by the caller's rule (the sampler's class balancing,
   an epoch's shuffled order, a Dask block's own rows), or, for
   ``n_synthetic`` rows, whole cycles through the rows and a random,
   class-balanced remainder (:func:`~._pairing.draw_anchors`);
2. λ per row (:func:`~._mixing.draw_lambdas`), one per batch with
   ``lambda_per="batch"``;
3. the partners (:func:`~._pairing.draw_partners`, or
   :func:`~._pairing.batch_partners` for the batch generator);
4. no draw: rows that must not be mixed (an anchor outside ``mix_classes``,
   or with no partner) become copies of their anchor, λ = 1;
5. CutMix's cells (:func:`~._mixing.draw_swap_mask`), whose realised share
   replaces λ.

In a training loop (:func:`mixup_batches`, the meta-estimators'
``n_epochs`` mode), :func:`batch_mix` first decides, for each batch, whether
it is mixed and by which method (``prob``, ``switch_prob``,
``mixup_off_epoch``); an unmixed batch is :func:`copy_plan`, which draws
nothing.

:func:`draw_plan` draws a :class:`MixPlan`; :func:`apply_plan` applies it to
rows, dense or sparse. The label rules (anchor label, soft targets, stacked
targets, Remix, weighted duplication, multi-label rows as classes), the
weight rule (:func:`blended_weights`) and the rule that decides whether
integer columns turn float (:func:`interpolates`) read the plan and the
parameters only, so that a Dask graph can use them before any block exists.
Containers (DataFrames, integer restoration) are not this module's concern.
"""

from dataclasses import dataclass

import numpy as np

from ._mixing import blend, column_cells, draw_lambdas, draw_swap_mask, mix
from ._pairing import draw_anchors, draw_partners, stack_pairs

METHODS = ("mixup", "cutmix")


def swaps_cells(method):
    """Whether ``method`` swaps cells (CutMix) rather than blending them.

    The one place that reads ``method``; every entry point asks here.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}.")
    return method == "cutmix"


def interpolates(alpha, method, *, target=False):
    """Whether a mix with these parameters blends values, which decides
    whether integer columns come back as float64 (or are rounded, with
    ``round_integers``).

    It is a function of the parameters alone, not of the drawn λ, so that
    every Dask block, and a Dask graph before any block is computed, gives
    the same dtypes as the in-memory path:

    - the rows of ``X`` are blended by ``method="mixup"`` with ``alpha > 0``;
      CutMix swaps cells, which keeps every dtype;
    - a target (``target=True``: a regression target, :func:`mixup`'s ``y``)
      is blended with λ, or with the realised share under CutMix, whenever
      ``alpha > 0``.

    With ``alpha == 0`` every row is a copy, and dtypes are kept.

    Notes
    -----
    Until this rule, the in-memory path decided from the draw (any λ < 1):
    with ``alpha > 0`` but every row a copy (every anchor outside
    ``mix_classes``, a single row, an ``alpha`` so small that every λ rounds
    to 1, or a one-column CutMix table whose rows all keep their cell),
    integer columns kept their dtype there and turned float on Dask. Now
    they turn float on both.
    """
    return alpha > 0 and (target or not swaps_cells(method))


def loop_methods(method, switch_prob):
    """The methods that the batches of a training loop may use: ``method``
    and, with ``switch_prob > 0``, the other one; only the other one with
    ``switch_prob == 1``."""
    swaps_cells(method)  # refuses an unknown method
    other = METHODS[1 - METHODS.index(method)]
    if switch_prob == 0:
        return (method,)
    if switch_prob == 1:
        return (other,)
    return (method, other)


def method_alpha(method, alpha, cutmix_alpha=None):
    """The Beta concentration of ``method``: ``cutmix_alpha`` for CutMix when
    it is given, else ``alpha``."""
    if swaps_cells(method) and cutmix_alpha is not None:
        return cutmix_alpha
    return alpha


def batch_mix(
    random_state,
    *,
    epoch,
    method,
    alpha,
    prob=1.0,
    switch_prob=0.0,
    cutmix_alpha=None,
    mixup_off_epoch=None,
):
    """How one batch of a training loop is mixed: ``(method, alpha)``, or
    None for a batch passed unmixed.

    Draw order, from ``random_state``, before the batch's plan:

    1. nothing from epoch ``mixup_off_epoch`` on (epochs counted from 0):
       the batch is not mixed;
    2. with ``prob < 1``, one uniform u; the batch is not mixed if
       u >= ``prob``, and nothing more is drawn for it;
    3. with ``switch_prob > 0``, one uniform v; the batch uses the other
       method (mixup for ``method="cutmix"``, CutMix for ``"mixup"``) if
       v < ``switch_prob``.

    With the defaults nothing is drawn, so the stream is the one without
    these controls. CutMix's α is ``cutmix_alpha`` when given, mixup's is
    ``alpha`` (:func:`method_alpha`), whichever method is the first choice.
    """
    if mixup_off_epoch is not None and epoch >= mixup_off_epoch:
        return None
    if prob < 1 and not random_state.random_sample() < prob:
        return None
    if switch_prob > 0 and random_state.random_sample() < switch_prob:
        method = METHODS[1 - METHODS.index(method)]
    return method, method_alpha(method, alpha, cutmix_alpha)


def copy_plan(anchors, n_rows, *, method="mixup", n_columns=None):
    """The plan of an unmixed batch: every row a copy of its anchor, λ = 1.

    Nothing is drawn. With ``method="cutmix"`` the mask takes no cell from
    the partner, so :func:`apply_plan` keeps X's dtype as CutMix does; with
    ``"mixup"`` the rows come back in X's floating dtype, as blended rows
    do, and equal to the anchor's bit for bit.
    """
    anchors = np.asarray(anchors, dtype=np.intp)
    mask = None
    if swaps_cells(method):
        mask = np.zeros((len(anchors), -(-n_columns // 8)), dtype=np.uint8)
    pairs = stack_pairs(anchors, anchors, n_rows)
    return MixPlan(pairs, np.ones(len(anchors)), mask, method)


@dataclass(frozen=True, eq=False)
class MixPlan:
    """Everything that is drawn for a mix, for ``n_synthetic`` rows.

    Parameters
    ----------
    pairs : ndarray of shape (n_synthetic, 2)
        Anchor and partner row of each synthetic row, in
        :func:`~._pairing.pair_index_dtype`; a partner equal to its anchor
        means the row is a copy of its anchor.
    lambdas : ndarray of shape (n_synthetic,), dtype float64
        The anchor's weight in each row: λ, or under CutMix the realised
        share of the row's cells (categorical columns included) that are
        the anchor's.
    mask : ndarray of shape (n_synthetic, ceil(n_columns / 8)), dtype uint8, \
            or None
        CutMix's packed cells taken from the partner; None for mixup.
    method : {"mixup", "cutmix"}
        How the rows are mixed.
    """

    pairs: np.ndarray
    lambdas: np.ndarray
    mask: np.ndarray | None
    method: str

    @property
    def anchors(self):
        """The anchor row of each synthetic row (a view of ``pairs``)."""
        return self.pairs[:, 0]

    @property
    def partners(self):
        """The partner row of each synthetic row (a view of ``pairs``)."""
        return self.pairs[:, 1]

    @property
    def swaps(self):
        """Whether the plan swaps cells (CutMix) rather than blending rows."""
        return self.mask is not None

    def __len__(self):
        return len(self.pairs)

    def copies(self):
        """The synthetic rows that are copies of their anchor (λ = 1).

        Computed when asked for, not stored: with CutMix most rows may be
        copies, and an index array of them would add 8 bytes a row to the
        peak memory of every float table, which never needs it.
        """
        return np.flatnonzero(self.lambdas == 1)

    def take(self, rows):
        """The plan of the synthetic rows ``rows`` (repeats allowed)."""
        return MixPlan(
            self.pairs[rows],
            self.lambdas[rows],
            None if self.mask is None else self.mask[rows],
            self.method,
        )


def draw_plan(
    random_state,
    *,
    n_rows,
    alpha,
    anchors=None,
    n_synthetic=None,
    anchor_groups=None,
    fold=True,
    method="mixup",
    preserve=False,
    pairing="random",
    X=None,
    y=None,
    groups=None,
    n_neighbors=5,
    bandwidth=1.0,
    lag=1,
    batch_size=None,
    lambda_per="sample",
    mixable=None,
    n_columns=None,
    n_fixed=0,
):
    """Draw the plan of a mix, in the order of the module docstring.

    Parameters
    ----------
    random_state : numpy.random.RandomState
        What :func:`sklearn.utils.check_random_state` returns for the
        caller's ``random_state``, as every entry point passes it; a Dask
        block passes its own stream (``_dask.block_random_state``, spawned
        from a :class:`numpy.random.SeedSequence` of the caller's state).
        Taking the RandomState rather than a SeedSequence keeps the outputs
        of every ``random_state`` as they were.
    n_rows : int
        Number of rows that anchors and partners index.
    alpha : float
        Beta(α, α)'s concentration, >= 0.
    anchors : ndarray of shape (n_synthetic,), default=None
        The anchor of each synthetic row, by the caller's rule; if None,
        those of :func:`~._pairing.draw_anchors` for ``n_synthetic`` rows.
    n_synthetic : int, default=None
        Number of synthetic rows when ``anchors`` is None.
    anchor_groups : ndarray of shape (n_rows,) of int, default=None
        With ``anchors=None``: the class code of every row, over which
        :func:`~._pairing.draw_anchors` spreads a remainder; None for a
        regression target (one group).
    fold : bool, default=True
        Fold λ to max(λ, 1 − λ) (not for Remix).
    method : {"mixup", "cutmix"}, default="mixup"
        Blend rows, or swap cells.
    preserve : bool, default=False
        Label preservation: under CutMix the anchor keeps at least half of
        every row's columns (:func:`~._mixing.draw_swap_mask`).
    pairing : {"random", "within_class", "knn", "label_kernel", "lag", \
            "batch"}, default="random"
        The partner strategy, :func:`~._pairing.draw_partners`'s.
    X, y, groups, n_neighbors, bandwidth, lag
        The parameters of the pairings; see
        :func:`~._pairing.draw_partners`.
    batch_size : int, default=None
        For ``pairing="batch"`` and ``lambda_per="batch"``: consecutive
        anchors form batches of this size.
    lambda_per : {"sample", "batch"}, default="sample"
        One λ per row, or one per batch of ``batch_size`` rows.
    mixable : ndarray of shape (n_rows,), dtype bool, default=None
        Which rows may be mixed as anchors (``mix_classes``); a synthetic
        row anchored elsewhere is a copy of its anchor. None: every row.
    n_columns : int, default=None
        Number of swappable columns, for ``method="cutmix"``.
    n_fixed : int, default=0
        Columns that always keep the anchor's value under CutMix
        (categorical columns): counted in the share, never swapped.

    Returns
    -------
    plan : MixPlan
    """
    swap = swaps_cells(method)
    # 1. Anchors.
    if anchors is None:
        anchors = draw_anchors(n_synthetic, n_rows, random_state, groups=anchor_groups)
    else:
        anchors = np.asarray(anchors, dtype=np.intp)
    # 2. λ.
    if lambda_per == "batch":
        n_batches = -(-len(anchors) // batch_size)
        lambdas = np.repeat(
            draw_lambdas(alpha, n_batches, random_state, fold=fold), batch_size
        )[: len(anchors)]
    else:
        lambdas = draw_lambdas(alpha, len(anchors), random_state, fold=fold)
    # 3. Partners.
    partners = draw_partners(
        pairing,
        anchors,
        random_state,
        n_rows=n_rows,
        X=X,
        y=y,
        groups=groups,
        n_neighbors=n_neighbors,
        bandwidth=bandwidth,
        lag=lag,
        batch_size=batch_size,
    )
    pairs = stack_pairs(anchors, partners, n_rows)
    del anchors, partners
    # 4. Rows that must not be mixed: copies of their anchor, exactly.
    unmixed = pairs[:, 1] == pairs[:, 0]
    if mixable is not None:
        unmixed |= ~np.asarray(mixable, dtype=bool)[pairs[:, 0]]
    if unmixed.any():
        unmixed = np.flatnonzero(unmixed)
        pairs[unmixed, 1] = pairs[unmixed, 0]
        lambdas[unmixed] = 1.0
    del unmixed
    # 5. CutMix's cells; their realised share replaces λ.
    mask = None
    if swap:
        mask, lambdas = draw_swap_mask(
            lambdas, n_columns, random_state, n_fixed=n_fixed, preserve=preserve
        )
    return MixPlan(pairs, lambdas, mask, method)


def apply_plan(plan, X, *, concat=False, missing="error"):
    """The rows of ``plan`` mixed from ``X``: blended, or under CutMix with
    their cells swapped; after the rows of ``X`` with ``concat=True``.

    ``X`` is an ndarray (1-D: one column) or a sparse matrix whose rows the
    plan's pairs index. Blended values take ``X``'s floating dtype (float64
    for other dtypes); swapped cells keep ``X``'s dtype, bit for bit.
    ``missing`` is the rule for a blended cell with a missing parent
    (:func:`~._mixing.blend`); swapped cells are copied, NaN included.
    """
    return mix(
        X, plan.pairs, plan.lambdas, concat=concat, mask=plan.mask, missing=missing
    )


def cell_rows(plan, n_rows, *, concat=False):
    """For CutMix on a DataFrame: a function that gives, for the column at
    position c, the input row of each output cell (the anchor's, or the
    partner's where the mask takes it), after the ``n_rows`` rows of the
    input with ``concat=True``.

    The container layer gathers each column at those rows in the
    DataFrame's own library (``take_cells``), so that every dtype is kept
    and every cell copied exactly; this module sees no DataFrame.
    """
    originals = np.arange(n_rows, dtype=np.intp) if concat else None

    def rows_of(column):
        rows = np.where(column_cells(plan.mask, column), plan.partners, plan.anchors)
        return rows if originals is None else np.concatenate([originals, rows])

    return rows_of


# --- the label rules ---------------------------------------------------------


def anchor_labels(y, plan):
    """Label preservation: each synthetic row takes its anchor's label.

    A row that is all its partner's (λ = 0: every CutMix cell swapped, which
    ``preserve`` rules out) takes its partner's label instead.
    """
    y = np.asarray(y)
    return y[np.where(plan.lambdas == 0, plan.partners, plan.anchors)]


def blended_targets(y, plan, *, concat=False):
    """Targets blended with the rows' λ (under CutMix, their realised share):
    ``λ·y_a + (1 − λ)·y_p``, for a regression target (1-D or 2-D), one-hot or
    soft labels, after ``y`` itself with ``concat=True``.

    Also the rule of a multi-label indicator (a 2-D 0/1 y with any number
    of ones in a row): each column is blended, so a soft target is the
    anchor's share of the label where only the anchor has it, 1 − λ where
    only the partner has it, and 1 or 0 where both agree. One-hot and
    multi-label targets are thus one rule and cannot drift apart."""
    return mix(y, plan.pairs, plan.lambdas, concat=concat)


def blended_weights(weights, plan, *, concat=False):
    """The sample weight of each synthetic row: ``λ·w_a + (1 − λ)·w_p``,
    after ``weights`` themselves with ``concat=True`` (an original row keeps
    its weight).

    λ is the row's weight in the plan, as for a blended target: under
    CutMix the realised share of the row's cells that are the anchor's. The
    weight is thus what the row is made of, in the proportions it is made
    of them: a row blended from a heavy and a light row weighs in between.
    Two parents of the same weight give that weight exactly (the kernel
    computes ``w_p + λ·(w_a − w_p)``), so uniform weights stay uniform, bit
    for bit, and non-negative weights stay non-negative.

    Parameters
    ----------
    weights : ndarray of shape (n_rows,)
        Finite, non-negative weights of the input rows
        (:func:`~._validation.check_sample_weight`).
    plan : MixPlan
    concat : bool, default=False
        Put the input rows' own weights first.

    Returns
    -------
    weights : ndarray of shape (n_synthetic,) or (n_rows + n_synthetic,)
        In the floating dtype of ``weights``.
    """
    # The rule of a blended target, never swapped: weights are per row.
    return blended_targets(weights, plan, concat=concat)


def soft_labels(codes, n_classes, plan, *, dtype=np.float64):
    """One-hot rows of class ``codes`` (``0 .. n_classes − 1``), blended with
    the rows' λ: the soft label of each synthetic row.

    Two rows of the identity are blended by the one kernel, so no
    (n_rows, n_classes) array of one-hot rows is built.
    """
    return blend(
        np.eye(n_classes, dtype=dtype),
        np.asarray(codes[plan.anchors], dtype=np.intp),
        np.asarray(codes[plan.partners], dtype=np.intp),
        plan.lambdas,
    )


def stacked_targets(y, plan):
    """``(y_a, y_b, lam)``: the anchors' and the partners' targets as given,
    and λ, for losses of the form ``lam·loss(y_a) + (1 − lam)·loss(y_b)``."""
    return y[plan.anchors], y[plan.partners], plan.lambdas


def remix_labels(y, codes, plan, *, kappa, tau):
    """Remix's hard label for each synthetic row (Chou et al., 2020).

    With n_a and n_p the class counts of the anchor's and the partner's
    labels: the partner's label if n_a / n_p ≥ kappa and λ < tau; otherwise
    the anchor's if n_a / n_p ≤ 1 / kappa and 1 − λ < tau; otherwise the
    label of the larger share (the anchor's if λ ≥ 0.5).

    Copied from ``_sampler.remix_labels`` (taking the plan instead of pairs
    and λ); the sampler's copy goes when it calls this one.
    """
    anchors, partners, lambdas = plan.anchors, plan.partners, plan.lambdas
    counts = np.bincount(codes)
    ratio = counts[codes[anchors]] / counts[codes[partners]]
    to_partner = (ratio >= kappa) & (lambdas < tau)
    to_anchor = (ratio <= 1 / kappa) & (1 - lambdas < tau)
    keep_anchor = ~to_partner & (to_anchor | (lambdas >= 0.5))
    return np.where(keep_anchor, y[anchors], y[partners])


def weighted_duplication(codes, weights, plan):
    """Soft labels for a classifier that takes hard labels and sample weights.

    A row mixed from two classes enters twice, with its anchor's label
    weighted λ and its partner's weighted 1 − λ (times the row's sample
    weight, :func:`blended_weights`); the weighted log-loss then equals the
    soft-label cross-entropy.
    Other rows enter once, with the label of :func:`anchor_labels`.

    Parameters
    ----------
    codes : ndarray of shape (n_rows,) of int
        Class code of every input row.
    weights : ndarray of shape (n_rows,)
        Sample weight of every input row; a synthetic row weighs
        :func:`blended_weights`'s blend of its parents' weights.
    plan : MixPlan

    Returns
    -------
    rows : ndarray of shape (n_train,), dtype intp
        The plan's rows to train on, in order (``plan.take(rows)``).
    labels : ndarray of shape (n_train,)
        The class code of each.
    sample_weight : ndarray of shape (n_train,)
        The weight of each.
    """
    anchors, partners, lambdas = plan.anchors, plan.partners, plan.lambdas
    differ = codes[anchors] != codes[partners]
    twice = np.flatnonzero(differ & (lambdas < 1) & (lambdas > 0))
    rows = np.concatenate([np.arange(len(plan)), twice])
    labels = np.concatenate([anchor_labels(codes, plan), codes[partners[twice]]])
    share = np.ones(len(plan))
    share[twice] = lambdas[twice]
    sample_weight = blended_weights(weights, plan)[rows] * np.concatenate(
        [share, 1.0 - lambdas[twice]]
    )
    return rows, labels, sample_weight


def label_row_codes(Y):
    """The distinct label rows of a multi-label indicator ``Y`` and the code
    of each row's, so that the class rules (:func:`anchor_labels`,
    :func:`weighted_duplication`) apply to it: a row mixed from two different
    label rows enters twice, once with each parent's whole label row.

    Returns
    -------
    label_rows : ndarray of shape (n_label_rows, n_labels)
        The distinct rows of ``Y``, sorted.
    codes : ndarray of shape (n_rows,), dtype intp
        The position in ``label_rows`` of each row of ``Y``.
    """
    label_rows, codes = np.unique(np.asarray(Y), axis=0, return_inverse=True)
    return label_rows, codes.reshape(-1)


def one_hot_rows(columns, n_columns):
    """A one-hot y again, from the column of each row's 1 that the sampler
    mixed as its label. label_binarize would give one column for two classes
    and drop the columns of classes absent from the rows."""
    return np.eye(n_columns, dtype=int)[columns]
