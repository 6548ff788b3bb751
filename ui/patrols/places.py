"""The places a patrol visited, as rows of a keyboard table (see ui.records.rows): desa with
type-ahead, place, time, situation (aman / PG / AG / GN), himbauan, people reached, note."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta, tzinfo

from PySide6.QtWidgets import QWidget

from app.domain.models import PatrolPlace
from app.validation import Problem
from app.validation.problems import error
from ui.records.parse import TIME_HINT, format_time_cell, parse_count, parse_time
from ui.records.rows import Column, RowsModel, RowsView

SITUATION_CHOICES = (("aman", "Aman"), ("pg", "PG – potensi gangguan"),
                     ("ag", "AG – ambang gangguan"), ("gn", "GN – gangguan nyata"))

COLUMNS = (
    Column("desa", "Desa", "complete", width=130, placeholder="ketik nama desa"),
    Column("place", "Tempat", width=150),
    Column("at", "Pukul", "time", width=60, placeholder=TIME_HINT),
    Column("situation", "Situasi", "choice", SITUATION_CHOICES, width=170),
    Column("himbauan", "Himbauan", stretch=True),
    Column("people_reached", "Warga", "number", width=60, placeholder="0"),
    Column("note", "Keterangan", width=170),
)
DEFAULTS = {"situation": "aman"}


def make_places_model(desa: Sequence[str], parent: QWidget | None = None) -> RowsModel:
    model = RowsModel(COLUMNS, DEFAULTS, parent)
    model.set_choices("desa", [(name, name) for name in desa])
    return model


def make_places_view(model: RowsModel, parent: QWidget | None = None) -> RowsView:
    view = RowsView(model, parent)
    view.setObjectName("places")
    view.setMinimumHeight(150)
    return view


def place_rows(places: Sequence[PatrolPlace], tz: tzinfo) -> list[dict[str, str]]:
    return [{"desa": p.desa, "place": p.place,
             "at": format_time_cell(p.at.astimezone(tz).time()) if p.at else "",
             "situation": p.situation, "himbauan": p.himbauan,
             "people_reached": str(p.people_reached) if p.people_reached else "",
             "note": p.note} for p in places]


def places_from_rows(rows: Sequence[Mapping[str, str]], blank: Sequence[bool], start: datetime,
                     end: datetime) -> tuple[tuple[PatrolPlace, ...], list[int], list[Problem]]:
    """The places typed (blank rows skipped), the table row of each place, and what could not
    be read. A time before the start on a patrol that runs past midnight is the next day."""
    places: list[PatrolPlace] = []
    table_rows: list[int] = []
    problems: list[Problem] = []
    for row, values in enumerate(rows):
        if blank[row]:
            continue
        i = len(places)
        at: datetime | None = None
        moment, message = parse_time(values.get("at", ""))
        if message:
            problems.append(error(f"places[{i}].at", "unreadable", message))
        elif moment is not None:
            at = datetime.combine(start.date(), moment, start.tzinfo)
            if at < start and end.date() > start.date():
                at += timedelta(days=1)
        people, message = parse_count(values.get("people_reached", ""))
        if message:
            problems.append(error(f"places[{i}].people_reached", "unreadable", message))
        places.append(PatrolPlace(
            desa=values.get("desa", "").strip(), place=values.get("place", "").strip(), at=at,
            situation=values.get("situation", "aman") or "aman",
            himbauan=values.get("himbauan", "").strip(), people_reached=people,
            note=values.get("note", "").strip()))
        table_rows.append(row)
    return tuple(places), table_rows, problems
