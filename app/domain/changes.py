"""The kinds of records a write can change. Every write returns them (`Saved.changed`) and the
window's one change signal carries them to every view, which reloads when a kind it shows is
among them. An enum, so that a view listening for a misspelt kind fails mypy instead of never
reloading."""

from __future__ import annotations

from enum import StrEnum


class ChangeKind(StrEnum):
    VISIT = "visit"
    PATROL = "patrol"
    MEETING = "meeting"
    ISSUE = "issue"  # a meeting's follow-up (the issues residents raised)
    MASTER = "master"  # any master list; the list itself is named beside it
    OFFICER = "officer"
    DESA = "desa"
    CATEGORY = "category"
    LAW_ARTICLE = "law_article"
    PLACE_TYPE = "place_type"
    VEHICLE = "vehicle"
    POSITION = "position"
    SETTINGS = "settings"
    BACKUP = "backup"
    JOURNAL = "journal"  # the buku mutasi, its regu and handovers
    ANALYSIS = "analysis"  # the Kapolsek's analysis of a week (Rekap Mingguan)
    DISPATCH = "dispatch"  # surat pengantar and the buku ekspedisi
    REGISTER = "register"  # the LP register: stages, investigators, SP2HP letters


Changes = frozenset[ChangeKind]
"""What one write changed."""

ALL_KINDS: Changes = frozenset(ChangeKind)
