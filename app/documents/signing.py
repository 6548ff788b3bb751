"""Who signs a document, and how (DOMAIN.md "Letterhead and signatures"; issue 17 item 4).

Pure rules, no store and no reportlab: the layouts (app/pdf/) print the `Signatory` values
made here, and the window and `piket print` choose the officials with `default_signers`.

- Which position an officer holds: the roster's free-text position matched against the
  Data Master positions (`position_of`: the longest position name the text equals or starts
  with, followed by a space; letter case does not matter).
- The Kapolsek signs as "KEPALA KEPOLISIAN SEKTOR ..." himself.
- An official whose position `signs_for_commander` (Ka SPKT, Kanit, Wakapolsek) signs
  "a.n. KEPALA KEPOLISIAN SEKTOR ..." over their position.
- Everyone else signs as what they did ("Yang menerima laporan,") with no a.n. line.
- Documents that need it carry "Mengetahui," by an official whose position `countersigns`
  (the Ka SPKT by default); with nobody chosen the block is left to be filled by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.models import Officer, Position

COMMANDER_POSITION = "kapolsek"  # Position.name of the station commander (letter case aside)
DOTTED_NRP = "NRP " + "." * 20


@dataclass(frozen=True)
class Signatory:
    """One signature column: heading lines ("Yang menerima," ...), name, and the line under
    the name (e.g. "BRIPKA NRP 85061234"). An empty name leaves a dotted line to fill by hand."""

    heading: tuple[str, ...]
    name: str = ""
    detail: str = ""


@dataclass(frozen=True)
class Signers:
    """The officials chosen to sign one document (None: a blank to sign by hand)."""

    receiver: Officer | None = None  # who received the report (or issued the letter)
    countersigner: Officer | None = None  # "Mengetahui"


def position_of(officer: Officer | None, positions: Sequence[Position]) -> Position | None:
    """The Data Master position `officer` holds (inactive positions count for no one)."""
    if officer is None:
        return None
    text = " ".join(officer.position.split()).casefold()
    best: Position | None = None
    for position in positions:
        name = " ".join(position.name.split()).casefold()
        if not position.active or not name:
            continue
        if (text == name or text.startswith(name + " ")) and (
                best is None or len(name) > len(best.name.strip())):
            best = position
    return best


def is_commander(officer: Officer | None, positions: Sequence[Position]) -> bool:
    position = position_of(officer, positions)
    return position is not None and position.name.strip().casefold() == COMMANDER_POSITION


def may_sign_for_commander(officer: Officer | None, positions: Sequence[Position]) -> bool:
    position = position_of(officer, positions)
    return position is not None and position.signs_for_commander


def may_countersign(officer: Officer | None, positions: Sequence[Position]) -> bool:
    position = position_of(officer, positions)
    return position is not None and position.countersigns


def commander_title(station: str) -> str:
    return f"KEPALA KEPOLISIAN SEKTOR {station.strip().upper()}"


def _detail(officer: Officer | None) -> str:
    if officer is None:
        return DOTTED_NRP
    return f"{officer.rank.strip().upper()} NRP {officer.nrp.strip()}".strip()


def _name(officer: Officer | None) -> str:
    return officer.name.strip().upper() if officer else ""


def _official_lines(officer: Officer, positions: Sequence[Position], station: str) -> tuple[str, ...]:
    """The lines over an official's name: the commander himself, or a.n. and the position."""
    if is_commander(officer, positions):
        return (commander_title(station),)
    if may_sign_for_commander(officer, positions):
        return (f"a.n. {commander_title(station)}", officer.position.strip().upper())
    return ()


def receiver_signatory(officer: Officer | None, positions: Sequence[Position], station: str,
                       role: str = "Yang menerima laporan,") -> Signatory:
    """The one who received the report (or issued the letter): `role`, then a.n. Kapolsek and
    the position only when the officer's position allows it."""
    lines = _official_lines(officer, positions, station) if officer is not None else ()
    return Signatory(heading=(role, *lines), name=_name(officer), detail=_detail(officer))


def official_signatory(officer: Officer | None, positions: Sequence[Position],
                       station: str) -> Signatory:
    """The official who signs a letter for the station (a surat pengantar): the Kapolsek
    himself, or "a.n." over the position when it allows; a dotted line without one."""
    if officer is None:
        return Signatory(heading=(f"a.n. {commander_title(station)}",), detail=DOTTED_NRP)
    lines = _official_lines(officer, positions, station)
    if not lines and officer.position.strip():
        lines = (officer.position.strip().upper(),)
    return Signatory(heading=lines, name=_name(officer), detail=_detail(officer))


def commander_signers(roster: Sequence[Officer], positions: Sequence[Position]) -> list[Officer]:
    """Active officers who may sign for the station: the desk heads (Ka SPKT) first, then the
    other officials, the Kapolsek last."""

    able = [o for o in roster if o.active and (may_sign_for_commander(o, positions)
                                               or is_commander(o, positions))]
    return sorted(able, key=lambda o: _desk_heads_first(o, positions))


def _desk_heads_first(officer: Officer, positions: Sequence[Position]) -> tuple[int, str]:
    position = position_of(officer, positions)
    name = position.name.casefold() if position else ""
    rank = 2 if name == COMMANDER_POSITION else (0 if "spkt" in name else 1)
    return rank, officer.position.casefold() + " " + officer.name.casefold()


def countersignatory(officer: Officer | None, positions: Sequence[Position],
                     station: str) -> Signatory:
    """"Mengetahui," by an official (Ka SPKT by default); a blank block without one."""
    if officer is None:
        return Signatory(heading=("Mengetahui,", f"a.n. {commander_title(station)}", "KA SPKT"),
                         detail=DOTTED_NRP)
    lines = _official_lines(officer, positions, station)
    if not lines:  # a position that may not countersign still shows what it is
        lines = (officer.position.strip().upper(),) if officer.position.strip() else ()
    return Signatory(heading=("Mengetahui,", *lines), name=_name(officer),
                     detail=_detail(officer))


def countersigners(roster: Sequence[Officer], positions: Sequence[Position]) -> list[Officer]:
    """Active officers who may countersign, the desk heads (Ka SPKT) first, the Kapolsek last."""
    able = [o for o in roster if o.active and may_countersign(o, positions)]
    return sorted(able, key=lambda o: _desk_heads_first(o, positions))


def default_signers(receiver: Officer | None, roster: Sequence[Officer],
                    positions: Sequence[Position],
                    on_duty: Sequence[Officer] = ()) -> Signers:
    """What the print dialog proposes: the record's receiving officer, and as "Mengetahui" an
    official on duty who may countersign (else the first Ka SPKT of the roster), never the
    receiver himself."""
    duty_ids = {o.id for o in on_duty if o.id is not None}
    able = [o for o in countersigners(roster, positions)
            if receiver is None or o.id != receiver.id]
    on_duty_able = [o for o in able if o.id in duty_ids]
    chosen = (on_duty_able or able)[:1]
    return Signers(receiver=receiver, countersigner=chosen[0] if chosen else None)
