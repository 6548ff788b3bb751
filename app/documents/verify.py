"""Checking a printed document's code against the store (`piket check-doc`, the window's
"Cek keaslian dokumen"): whether this station's key made it, whether the record it names is
in the store with that date, and whether it was voided since.

The MAC is checked first: a code the key did not make says nothing about the store's records
(a forger learns nothing by trying numbers). The answer names the record's kind, number and
date only, never personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.documents import checkcode
from app.documents.registry import DocumentKind, kind_of_code
from app.store import Store
from app.textid import format_date, to_local

GENUINE = "asli"
NOT_MATCHING = "tidak_cocok"
VOIDED = "dibatalkan"

_NOT_OURS = ("kode ini tidak dibuat oleh Piket di satuan ini, atau ada yang salah ketik atau "
             "diubah. Periksa lagi kode di kertasnya; bila tetap tidak cocok, dokumen ini tidak "
             "dapat dipercaya.")


@dataclass(frozen=True)
class CheckResult:
    verdict: str  # GENUINE | NOT_MATCHING | VOIDED
    reason: str = ""  # why not matching, or when it was voided
    kind: DocumentKind | None = None
    number: str = ""
    day: date | None = None

    @property
    def genuine(self) -> bool:
        return self.verdict == GENUINE

    @property
    def headline(self) -> str:
        return {GENUINE: "ASLI: dokumen ini cocok dengan catatan di basis data.",
                VOIDED: "DIBATALKAN: dokumen ini dibuat oleh Piket, tetapi catatannya sudah "
                        "dibatalkan sejak itu; dokumen ini tidak berlaku lagi.",
                }.get(self.verdict, "TIDAK COCOK: dokumen ini tidak cocok dengan basis data.")

    def details(self) -> list[tuple[str, str]]:
        """(label, value) of the record the code names, as far as it is known."""
        out = []
        if self.kind is not None:
            out += [("Jenis", f"{self.kind.title} ({self.kind.short})"), ("Nomor", self.number)]
        if self.day is not None:
            out.append(("Tanggal", format_date(self.day)))
        return out

    @property
    def explanation(self) -> str:
        return self.reason[:1].upper() + self.reason[1:]

    def lines(self) -> list[str]:
        """The answer in Indonesian: a headline, the record, the explanation."""
        out = [self.headline]
        out += [f"  {label:<7} : {value}" for label, value in self.details()]
        if self.reason:
            out.append(f"  {self.explanation}")
        return out


def check_document(store: Store, text: str) -> CheckResult:
    code = checkcode.parse(text)
    if code is None:
        return CheckResult(NOT_MATCHING, "kode tidak terbaca: tulis seperti tercetak, mis. "
                                         "STTLP-B7.2024-20240212-K7M2-QX9P-DA3F.")
    kind = kind_of_code(code.kind)
    if kind is None or not checkcode.authentic(store.document_mac, code):
        return CheckResult(NOT_MATCHING, _NOT_OURS)
    subject = kind.subject
    record = subject.by_reference(store, code.reference)
    if record is None:
        return CheckResult(NOT_MATCHING, "kodenya dibuat oleh satuan ini, tetapi catatannya "
                                         "tidak ada di basis data ini.", kind, code.reference,
                           code.day)
    profile = store.profile()
    number, day = subject.number(record), subject.day(record, profile)
    if day != code.day:
        return CheckResult(NOT_MATCHING, f"tanggal di kertas {format_date(code.day)}, tetapi "
                                         f"tanggal catatannya kini {format_date(day)}: catatan "
                                         "diubah sesudah dokumen dicetak.", kind, number, day)
    voided_at = subject.voided_at(record)
    if voided_at is not None:
        return CheckResult(VOIDED, "dibatalkan pada "
                                   f"{format_date(to_local(voided_at, profile.timezone))}.",
                           kind, number, day)
    return CheckResult(GENUINE, "", kind, number, day)
