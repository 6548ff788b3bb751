"""Issue 15 items 12-13 in the walk-in form: a text over its limit is named next to its
field and nothing is saved; invisible control characters typed or pasted are not stored."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.domain.models import Officer
from app.store import Store, VisitFilter
from tests.test_ui_visits_form import settle
from ui.session import Session
from ui.visits.dialog import VisitDialog


@pytest.fixture
def dialog(qtbot, store: Store, officer: Officer) -> Iterator[VisitDialog]:
    session = Session(store)
    session.set_officer(officer.id)
    dialog = VisitDialog(session)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    settle(dialog)


def test_a_5000_character_name_is_refused_next_to_the_name(qtbot, dialog: VisitDialog,
                                                           store: Store) -> None:
    form = dialog.form
    s = form.s
    s.service.setCurrentIndex(s.service.findData("kehilangan"))
    s.reporter.name.setText("N" * 5000)  # a paste
    qtbot.keyClicks(s.lost_items.rows[0][0].lineEdit(), "KTP")
    assert not dialog.save()
    assert form.problems.message("parties[0].name") == (
        "Nama terlalu panjang: paling banyak 100 karakter, sekarang 5.000.")
    assert store.visits.count(VisitFilter()) == 0
    s.reporter.name.setText("Budi\x00 Santoso\u202e\x1b")  # invisible leftovers of a paste
    assert dialog.save()
    visit = store.visits.get(store.visits.page(VisitFilter(), None, 1)[0].id)
    assert visit.reporter is not None and visit.reporter.name == "Budi Santoso"
