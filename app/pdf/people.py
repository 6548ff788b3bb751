"""How the people and facts of a walk-in read on paper, shared by the receipts (receipts.py)
and the Laporan Polisi form (police_report.py): identity rows, one line per suspect or
witness, the address, the articles cited."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.domain.codes import SEXES
from app.domain.models import Party
from app.textid import format_date


def address(p: Party) -> str:
    bits = [p.street.strip()]
    if p.rt_rw.strip():
        bits.append(f"RT/RW {p.rt_rw.strip()}")
    if p.desa.strip():
        bits.append(f"Desa {p.desa.strip()}")
    if p.kecamatan.strip():
        bits.append(f"Kecamatan {p.kecamatan.strip()}")
    if p.kabupaten.strip():
        bits.append(f"Kabupaten {p.kabupaten.strip()}")
    return ", ".join(b for b in bits if b)


def born(p: Party) -> str:
    return ", ".join(
        x for x in (p.birth_place.strip(), format_date(p.birth_date) if p.birth_date else "") if x)


def identity_rows(p: Party) -> list[tuple[str, str]]:
    """Everything recorded of a person, as "label : value" rows (religion only when given)."""
    rows = [
        ("Nama", p.name),
        ("NIK", p.nik),
        ("Jenis kelamin", SEXES.get(p.sex, p.sex)),
        ("Tempat, tanggal lahir", born(p)),
        ("Kewarganegaraan", p.nationality.strip() or "WNI"),
        ("Pekerjaan", p.occupation),
    ]
    if p.religion.strip():
        rows.append(("Agama", p.religion))
    rows += [("No. telepon", p.phone), ("Alamat", address(p))]
    if p.note.strip():
        rows.append(("Keterangan", p.note))
    return rows


def person_line(p: Party) -> str:
    """One person in a list: "ANDI (L, 34 tahun...)": name or "tidak dikenal", then what else
    was recorded (sex, birth, NIK, occupation, address, note)."""
    name = p.name.strip() or ("tidak dikenal" if p.unknown or not p.name.strip() else "")
    details = [SEXES.get(p.sex, p.sex) if p.sex else "", born(p),
               f"NIK {p.nik.strip()}" if p.nik.strip() else "",
               p.occupation.strip(), p.phone.strip(), address(p), p.note.strip()]
    if p.nationality.strip() and p.nationality.strip().upper() != "WNI":
        details.append(f"kewarganegaraan {p.nationality.strip()}")
    shown = [d for d in details if d]
    return name + (f" ({'; '.join(shown)})" if shown else "")


def person_brief(p: Party) -> str:
    """One person in a short list (a receipt): name, sex, occupation, desa and the note; the
    LP form (person_line) has everything else."""
    name = p.name.strip() or "tidak dikenal"
    where = f"Desa {p.desa.strip()}" if p.desa.strip() else p.street.strip()
    details = [SEXES.get(p.sex, p.sex) if p.sex else "", p.occupation.strip(), where,
               p.note.strip()]
    shown = [d for d in details if d]
    return name + (f" ({'; '.join(shown)})" if shown else "")


def people_text(parties: Sequence[Party], role: str, *, brief: bool = False) -> str:
    """The persons of one role, numbered when there are several; '' when none."""
    line = person_brief if brief else person_line
    lines = [line(p) for p in parties if p.role == role]
    if len(lines) == 1:
        return lines[0]
    return "\n".join(f"{i}. {line}" for i, line in enumerate(lines, start=1))


def articles_text(codes: Sequence[str], titles: Mapping[str, str]) -> str:
    """The articles cited, old and new KUHP as recorded: "Pasal 476 KUHP tentang Pencurian"."""
    out = []
    for code in codes:
        title = titles.get(code, "").strip()
        cited = code.strip() if code.strip().lower().startswith("pasal") else f"Pasal {code}"
        out.append(cited + (f" tentang {title}" if title else ""))
    return "\n".join(out)
