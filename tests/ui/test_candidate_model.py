"""The candidate list models at scale: folding, filtering and sorting give the same answers as
the straightforward definitions, and the selection survives a sort."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt

from scorecard.ui.candidates.model import (
    _FOLD_EXTRA,
    CandidateRole,
    CandidateTableModel,
    SearchRole,
    fold,
)

pytestmark = pytest.mark.gui


def reference_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).translate(_FOLD_EXTRA)


@pytest.mark.parametrize("text", [
    "Zoë Ñúñez", "ZOË", "Łukasz Wróbel", "Ελένη Παπαδοπούλου", "Дмитрий Волков", "王伟", "Nguyễn Văn Ánh",
    "ﬁle", "Straße", "Ærø", "plain ascii", "", "क्षत्रिय", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "a\u0301\U0001d167b",
])
def test_fold_matches_the_reference(text):
    assert fold(text) == reference_fold(text)


@dataclass(frozen=True)
class Row:
    id: str
    name: str
    kit_title: str = "Integration Engineer"
    target_level_name: str = "Mid"
    auto_declined: bool = False
    rounds: tuple = ()
    my_statuses: tuple = ()
    assigned: frozenset = frozenset()
    next_assigned_round: str | None = None


def make_rows(n: int, seed: int = 3) -> list[Row]:
    rng = random.Random(seed)
    first = ("Zoë", "Ana", "Łukasz", "Ελένη", "王", "Amara", "ana", "Émile")
    last = ("Ñúñez", "Okafor", "Wróbel", "Волков", "伟", "Müller")
    return [Row(str(i), f"{rng.choice(first)} {rng.choice(last)}", target_level_name=rng.choice(("Junior", "Senior")))
            for i in range(n)]


@pytest.fixture
def model(qapp):
    model = CandidateTableModel()
    model.sort(CandidateTableModel.NAME, Qt.SortOrder.AscendingOrder)
    return model


def shown_ids(model) -> list[str]:
    return [model.index(r, 0).data(CandidateRole).id for r in range(model.rowCount())]


@pytest.mark.parametrize("query", ["", "ana", "zoe nunez", "ÑÚÑ", "senior wro", "王", "nobody", "  "])
def test_filter_matches_the_definition(model, query):
    rows = make_rows(500)
    model.set_rows(rows)
    model.set_query(query)
    words = fold(query).split()
    expected = {r.id for r in rows if all(w in fold(f"{r.name} {r.kit_title} {r.target_level_name}") for w in words)}
    assert set(shown_ids(model)) == expected


def test_rows_are_sorted_by_folded_name_and_filtering_keeps_the_order(model):
    model.set_rows(make_rows(300))
    names = [model.index(r, 0).data(SearchRole) for r in range(model.rowCount())]
    assert names == sorted(names)
    model.set_query("okafor")
    filtered = [model.index(r, 0).data(SearchRole) for r in range(model.rowCount())]
    assert filtered == sorted(filtered) and 0 < len(filtered) < 300


def test_sorting_other_columns_and_descending(model):
    model.set_rows(make_rows(200))
    model.sort(CandidateTableModel.LEVEL, Qt.SortOrder.DescendingOrder)
    levels = [model.index(r, CandidateTableModel.LEVEL).data() for r in range(model.rowCount())]
    assert levels == sorted(levels, key=str.casefold, reverse=True)
    model.set_rows(make_rows(200, seed=9))  # new rows keep the chosen order
    levels = [model.index(r, CandidateTableModel.LEVEL).data() for r in range(model.rowCount())]
    assert levels == sorted(levels, key=str.casefold, reverse=True)


def test_selection_survives_a_sort_and_a_filter(model):
    from PySide6.QtCore import QItemSelectionModel as Sel

    model.set_rows(make_rows(100))
    selection = Sel(model)
    target = model.index(37, 0)
    wanted = target.data(CandidateRole).id
    selection.setCurrentIndex(target, Sel.SelectionFlag.ClearAndSelect | Sel.SelectionFlag.Rows)
    model.sort(CandidateTableModel.NAME, Qt.SortOrder.DescendingOrder)
    assert selection.currentIndex().data(CandidateRole).id == wanted
    model.set_query(fold(selection.currentIndex().data(CandidateRole).name).split()[0])
    assert selection.currentIndex().data(CandidateRole).id == wanted
    assert model.row_of(wanted) is not None and model.overview(model.row_of(wanted)).id == wanted


def test_ten_thousand_rows_filter_quickly(model):
    import time

    model.set_rows(make_rows(10_000))
    started = time.perf_counter()
    for query in ("a", "an", "ana", "ana o", "ana ok", ""):
        model.set_query(query)
        model.rowCount()
    per_key = (time.perf_counter() - started) / 6
    assert per_key < 0.25, f"{per_key * 1000:.0f} ms per keystroke (the benchmark's target is 50 ms)"


def test_typing_and_erasing_match_the_definition_at_every_step(model):
    rows = make_rows(800, seed=5)
    model.set_rows(rows)
    steps = ["a", "an", "ana", "ana ", "ana o", "ana ok", "ana o", "ana", "an", "", "w", "wr", "wro", "z", "zoe n", "zoe nu"]
    for i, query in enumerate(steps):
        model.set_query(query)
        if i == 7:  # the rows change under a query (refresh after scoring): still matched correctly
            model.set_rows(list(reversed(rows)))
        words = fold(query).split()
        expected = {r.id for r in rows
                    if all(w in fold(f"{r.name} {r.kit_title} {r.target_level_name}") for w in words)}
        assert set(shown_ids(model)) == expected, query


def test_statuses_summary_matches_the_rounds(services):
    from scorecard.ui.candidates.model import my_rounds_summary, statuses_summary

    services.candidates.add(name="Kim", kit_id="mini", target_level="mid")
    row = services.candidates.overview(interviewer="Nobody")[0]
    rounds = services.candidates.round_progress(row)
    assert statuses_summary(row.my_statuses) == my_rounds_summary(rounds)
    assert [str(s) for s in row.my_statuses] == [str(r.mine) for r in rounds]
