"""`piket sync pull`: the master data the Polres published (roster, law articles,
categories) comes down to the station. Only what the station lacks is added (matched by NRP
or code), through the store's one write path for master data (audited, Action.MASTER); an
entry the station already holds is never overwritten: the station's own records win."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from app.domain.models import Category, LawArticle, Officer
from app.hub import HubError
from app.hub.connect import connect, hub_errors
from app.hub.published import published
from app.security.permissions import Action
from app.store import DuplicateEntry, InvalidRecord, Store

CLASSES: dict[str, type[Officer] | type[LawArticle] | type[Category]] = {
    "officer": Officer, "law_article": LawArticle, "category": Category}


@dataclass(frozen=True)
class PullResult:
    added: dict[str, int]  # kind -> entries added
    kept: int              # published entries the station already held (left as they were)
    skipped: int           # published entries that were not valid (left out)


def pull(store: Store, dsn: str, by: int | None) -> PullResult:
    store.require(Action.MASTER)
    try:
        with hub_errors(), connect(dsn) as conn:
            items = published(conn)
    except HubError as exc:
        store.sync.note_error("hub", str(exc))
        raise
    return apply(store, items, by)


def apply(store: Store, items: list[tuple[str, str, dict[str, Any]]],
          by: int | None) -> PullResult:
    added = dict.fromkeys(CLASSES, 0)
    kept = skipped = 0
    held = {"officer": {o.nrp for o in store.master.list(Officer)},
            "law_article": {a.code for a in store.master.list(LawArticle)},
            "category": {c.code for c in store.master.list(Category)}}
    for kind, key, data in items:
        cls = CLASSES.get(kind)
        if cls is None:
            skipped += 1
            continue
        if key in held[kind]:
            kept += 1
            continue
        item = _build(cls, data)
        if item is None:
            skipped += 1
            continue
        try:
            _save(store, item, by)
        except (InvalidRecord, DuplicateEntry):
            skipped += 1
            continue
        held[kind].add(key)
        added[kind] += 1
    return PullResult(added, kept, skipped)


def _save(store: Store, item: Officer | LawArticle | Category, by: int | None) -> None:
    # MasterRepo.save takes one class at a time (its type variable is constrained)
    if isinstance(item, Officer):
        store.master.save(item, by)
    elif isinstance(item, LawArticle):
        store.master.save(item, by)
    else:
        store.master.save(item, by)


def _build(cls: type[Officer] | type[LawArticle] | type[Category],
           data: dict[str, Any]) -> Officer | LawArticle | Category | None:
    names = {f.name for f in dataclasses.fields(cls)} - {"meta"}
    try:
        return cls(**{k: v for k, v in data.items() if k in names})
    except TypeError:
        return None
