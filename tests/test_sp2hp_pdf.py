"""The SP2HP letter (issue 18): drafted from the LP and its stage with the right code, printed
with the letterhead, the code in the corner, the five parts of Perkap 21/2011 Pasal 11 and the
signatures by position; its text read back from the PDF for each code A1-A5."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from app.documents.printing import prepare
from app.documents.registry import kind_named
from app.documents.sp2hp_text import ADVICE, draft_letter
from app.domain.models import Officer
from app.pdf.sp2hp import PARTS, SIGNER_ROLE
from app.store import Store
from tests import factories
from tests.conftest import MutableClock
from tests.document_records import text_of

AT = datetime(2024, 2, 10, 3, 0, tzinfo=UTC)
# what happens to the LP before the letter of each code: a stage, or "send" (a letter)
SCRIPTS = {
    "A1": (),
    "A2": ("penyelidikan", "send"),
    "A3": ("penyelidikan", "send", "penyidikan"),
    "A4": ("penyelidikan", "penyidikan", "send"),
    "A5": ("penyelidikan", "sp3"),
}


@pytest.mark.parametrize("code", sorted(SCRIPTS))
def test_letter_of_each_code(code: str, store: Store, officer: Officer,
                             clock: MutableClock) -> None:
    supervisor = store.master.save(Officer("HENDRA WIJAYA", "IPDA", "80010001",
                                           position="Kanit Reskrim"), None).record
    visit = store.visits.create(factories.lp(AT, officer.id), officer.id).record
    assert visit.id is not None
    store.register.assign(visit.id, None, investigator_id=officer.id,
                          investigator_role="penyidik", supervisor_id=supervisor.id,
                          difficulty="sulit")
    for step in SCRIPTS[code]:
        if step == "send":
            _send(store, visit.id, officer, previous=True)
        else:
            store.register.change_stage(visit.id, step, f"menjadi {step}", officer.id)
    letter = _send(store, visit.id, officer, previous=False)
    assert letter.code == code
    pdf = prepare(store, kind_named("sp2hp"), letter).pdf()  # type: ignore[arg-type]
    text = text_of(pdf)
    assert text.startswith("KEPOLISIAN NEGARA REPUBLIK INDONESIA")
    assert f" {code} " in text
    assert letter.number is not None and letter.number in text
    assert str(visit.number) in " ".join(text.split())
    for _name, label in PARTS:
        assert label in text
    assert " ".join(ADVICE.split()[:6]) in text
    assert SIGNER_ROLE in text and "Mengetahui," in text
    assert "ANDI SAPUTRA" in text and "HENDRA WIJAYA" in text
    assert "Yth. Sdr. Siti Aminah" in text
    assert "Kode cek dokumen: SPHP-" in text


def _send(store: Store, visit_id: int, officer: Officer, *, previous: bool):  # type: ignore[no-untyped-def]
    case = store.register.case(visit_id)
    letters = store.register.letters_of(visit_id)
    visit = store.visits.get(visit_id)
    draft = draft_letter(visit, case, "Pencurian kendaraan bermotor (Curanmor)",
                         store.profile(), last_letter_stage=letters[-1].stage if letters else None,
                         at=store.clock())
    draft = replace(draft, obstacles="Saksi kunci berada di luar kota." if not previous
                    else draft.obstacles)
    return store.register.issue_letter(draft, officer.id).record


def test_print_by_lp_number_prints_the_current_stage_letter(store: Store, officer: Officer,
                                                            clock: MutableClock) -> None:
    visit = store.visits.create(factories.lp(AT, officer.id), officer.id).record
    assert visit.id is not None and visit.number is not None
    store.register.assign(visit.id, None, investigator_id=officer.id,
                          investigator_role="penyidik", supervisor_id=None, difficulty="mudah")
    subject = kind_named("sp2hp").subject  # type: ignore[union-attr]
    assert subject.find(store, visit.number) is None  # no letter yet
    first = _send(store, visit.id, officer, previous=False)
    assert subject.find(store, visit.number) == first
    store.register.change_stage(visit.id, "penyelidikan", "saksi diperiksa", officer.id)
    assert subject.find(store, visit.number) is None  # none yet in this stage
    second = _send(store, visit.id, officer, previous=False)
    assert subject.find(store, visit.number) == second
    assert subject.find(store, str(first.number)) == first
