"""Master data a new store starts with (DOMAIN.md). An admin can edit all of it later.

Law articles: the new KUHP (UU 1/2023) took effect on 2 January 2026 and renumbered the old
articles; both are kept side by side, each new article naming the old one it replaces.
The pairs below are the commonly cited ones; an admin should check them against the text
of the law before relying on them.
"""

from __future__ import annotations

import sqlite_utils

from app.domain.models import StationProfile
from app.store.records import new_uuid
from app.store.serialize import dt_to_db

CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("curat", "Pencurian dengan pemberatan (Curat)", "3C"),
    ("curas", "Pencurian dengan kekerasan (Curas)", "3C"),
    ("curanmor", "Pencurian kendaraan bermotor (Curanmor)", "3C"),
    ("pencurian", "Pencurian biasa", "kejahatan konvensional"),
    ("penganiayaan", "Penganiayaan", "kejahatan konvensional"),
    ("pengeroyokan", "Pengeroyokan", "kejahatan konvensional"),
    ("pembunuhan", "Pembunuhan", "kejahatan konvensional"),
    ("penipuan", "Penipuan / perbuatan curang", "kejahatan konvensional"),
    ("penggelapan", "Penggelapan", "kejahatan konvensional"),
    ("pemerasan", "Pemerasan / pengancaman", "kejahatan konvensional"),
    ("asusila", "Kesusilaan / perkosaan", "kejahatan konvensional"),
    ("kdrt", "Kekerasan dalam rumah tangga (KDRT)", "kejahatan konvensional"),
    ("judi", "Perjudian", "kejahatan konvensional"),
    ("narkoba", "Narkotika", "kejahatan transnasional"),
    ("sajam", "Senjata tajam", "kejahatan konvensional"),
    ("laka_lantas", "Kecelakaan lalu lintas", "gangguan kamtibmas lain"),
    ("kebakaran", "Kebakaran / karhutla", "gangguan kamtibmas lain"),
    ("lainnya", "Lainnya", "lainnya"),
)

DESA: tuple[str, ...] = (
    "Burnai Timur", "Cinta Jaya", "Lebuh Rarak", "Menang Jaya", "Menang Raya",
    "Pedamaran I", "Pedamaran II", "Pedamaran III", "Pedamaran IV", "Pedamaran V",
    "Pedamaran VI", "Serinanti", "Sukadamai", "Suka Pulih", "Suka Raja",
)

PLACE_TYPES: tuple[tuple[str, str], ...] = (
    ("rumah", "Rumah"), ("jalan", "Jalan"), ("pasar", "Pasar"), ("kebun", "Kebun"),
    ("sawah", "Sawah"), ("toko", "Toko / warung"), ("sekolah", "Sekolah"),
    ("tempat_ibadah", "Tempat ibadah"), ("kantor", "Kantor"), ("perairan", "Sungai / perairan"),
    ("lahan", "Lahan / hutan"), ("lainnya", "Lainnya"),
)

# (new code, title, category, old code it replaces, old title)
LAW_PAIRS: tuple[tuple[str, str, str, str, str], ...] = (
    ("476", "Pencurian", "pencurian", "362", "Pencurian"),
    ("477", "Pencurian dengan pemberatan", "curat", "363", "Pencurian dengan pemberatan"),
    ("479", "Pencurian dengan kekerasan", "curas", "365", "Pencurian dengan kekerasan"),
    ("466", "Penganiayaan", "penganiayaan", "351", "Penganiayaan"),
    ("262", "Kekerasan terhadap orang atau barang secara bersama-sama", "pengeroyokan",
     "170", "Kekerasan bersama-sama di muka umum"),
    ("458", "Pembunuhan", "pembunuhan", "338", "Pembunuhan"),
    ("492", "Penipuan", "penipuan", "378", "Penipuan"),
    ("486", "Penggelapan", "penggelapan", "372", "Penggelapan"),
    ("482", "Pemerasan", "pemerasan", "368", "Pemerasan"),
    ("483", "Pengancaman", "pemerasan", "369", "Pengancaman"),
    ("473", "Perkosaan", "asusila", "285", "Perkosaan"),
    ("426", "Perjudian", "judi", "303", "Perjudian"),
    ("308", "Pembakaran", "kebakaran", "187", "Pembakaran"),
)

OTHER_LAWS: tuple[tuple[str, str, str], ...] = (
    ("Pasal 44 UU 23/2004", "Kekerasan fisik dalam rumah tangga (UU PKDRT)", "kdrt"),
    ("Pasal 112 UU 35/2009", "Menguasai narkotika golongan I", "narkoba"),
    ("Pasal 114 UU 35/2009", "Mengedarkan narkotika golongan I", "narkoba"),
    ("Pasal 2 UU Darurat 12/1951", "Membawa senjata tajam", "sajam"),
    ("Pasal 310 UU 22/2009", "Kelalaian dalam berlalu lintas", "laka_lantas"),
)


def meta_row(now_iso: str, station_code: str) -> dict[str, object]:
    return {
        "uuid": new_uuid(), "station_code": station_code,
        "created_at": now_iso, "updated_at": now_iso, "version": 1,
    }


def insert_seed_master_data(db: sqlite_utils.Database) -> None:
    from app.clock import utc_now

    now = dt_to_db(utc_now())
    assert now is not None
    station = StationProfile().code

    def insert(table: str, rows: list[dict[str, object]]) -> None:
        db.table(table).insert_all([{**meta_row(now, station), **row} for row in rows])

    insert("categories", [{"code": c, "label": lbl, "group": g} for c, lbl, g in CATEGORIES])
    insert("desa", [{"name": name} for name in DESA])
    insert("place_types", [{"code": c, "label": lbl} for c, lbl in PLACE_TYPES])
    laws: list[dict[str, object]] = []
    for new, title, category, old, old_title in LAW_PAIRS:
        laws.append({"code": f"{old} KUHP (lama)", "title": old_title, "law": "kuhp_lama",
                     "category_code": category})
        laws.append({"code": f"{new} KUHP", "title": title, "law": "kuhp_baru",
                     "category_code": category, "replaces_code": f"{old} KUHP (lama)"})
    for code, title, category in OTHER_LAWS:
        laws.append({"code": code, "title": title, "law": "lainnya", "category_code": category})
    insert("law_articles", laws)
    _audit_seeds(db)


def _audit_seeds(db: sqlite_utils.Database) -> None:
    """Every record starts its audit history, seeds included, so `verify` can vouch for it."""
    from app.clock import utc_now
    from app.store import audit
    from app.store.master import TABLES
    from app.store.records import meta_from_row
    from app.store.serialize import from_row

    for cls, (table, kind, _) in TABLES.items():
        cursor = db.execute(f"SELECT * FROM {table} ORDER BY id")
        columns = [d[0] for d in cursor.description]
        for values in cursor.fetchall():
            row = dict(zip(columns, values, strict=True))
            item: object = from_row(cls, row, meta=meta_from_row(row))
            audit.append(db, at=utc_now(), officer_id=None, action="create", kind=kind,
                         record_uuid=row["uuid"], after=item)


# Disasters (bencana) the weekly review counts beside the crime figures (issue 17, migration
# 0010): a category group of its own, which an admin may extend in Data Master like any other.
DISASTER_GROUP = "bencana"
DISASTER_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("banjir", "Banjir"),
    ("tanah_longsor", "Tanah longsor"),
    ("angin_puting_beliung", "Angin puting beliung"),
)
_FIRE = "kebakaran"  # the seeded "Kebakaran / karhutla" moves into the group
_FIRE_OLD_GROUP = "gangguan kamtibmas lain"


def add_disaster_categories(db: sqlite_utils.Database) -> None:
    """Add the disaster categories a store lacks and move the seeded fire category into the
    group (only while it is still in its seeded group: an admin's choice stays), each change
    audited as Data Master's own are, so `verify` vouches for them."""
    from app.clock import utc_now
    from app.domain.models import Category
    from app.store import audit
    from app.store.records import meta_from_row
    from app.store.serialize import from_row

    now = utc_now()
    stamp = dt_to_db(now)
    assert stamp is not None
    import json

    found = db.execute("SELECT value FROM settings WHERE key = 'station.code'").fetchone()
    station = str(json.loads(found[0])) if found else StationProfile().code

    def category(code: str) -> tuple[Category, str] | None:
        cursor = db.execute("SELECT * FROM categories WHERE code = ?", [code])
        columns = [d[0] for d in cursor.description]
        values = cursor.fetchone()
        if values is None:
            return None
        row = dict(zip(columns, values, strict=True))
        return from_row(Category, row, meta=meta_from_row(row)), str(row["uuid"])

    existing = {str(r[0]) for r in db.execute("SELECT code FROM categories")}
    for code, label in DISASTER_CATEGORIES:
        if code in existing:
            continue
        db.table("categories").insert({**meta_row(stamp, station), "code": code,
                                       "label": label, "group": DISASTER_GROUP})
        made = category(code)
        assert made is not None
        audit.append(db, at=now, officer_id=None, action="create", kind="category",
                     record_uuid=made[1], after=made[0])
    fire = category(_FIRE)
    if fire is not None and fire[0].group == _FIRE_OLD_GROUP:
        db.execute("UPDATE categories SET \"group\" = ?, version = version + 1, updated_at = ? "
                   "WHERE code = ?", [DISASTER_GROUP, stamp, _FIRE])
        after = category(_FIRE)
        assert after is not None
        audit.append(db, at=now, officer_id=None, action="update", kind="category",
                     record_uuid=fire[1], before=fire[0], after=after[0])
