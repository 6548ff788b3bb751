"""Settings persisted in the store: each declared once as a dataclass field with its type and
default (StationProfile, AppSettings); the table keeps only values that differ from nothing."""

from __future__ import annotations

import dataclasses
import json
from typing import Any, TypeVar

from app.domain.changes import ChangeKind
from app.domain.models import StationProfile
from app.domain.register import Sp2hpRules
from app.security.permissions import Action
from app.store import audit
from app.store.db import write_transaction
from app.store.records import Saved, StoreContext
from app.store.serialize import canonical_json

T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class AppSettings:
    """Settings of this installation that are not part of the station profile."""

    backup_dir: str = ""  # empty: a "backups" folder beside the store
    language: str = "id"  # id | en
    draft_interval_s: int = 5
    idle_lock_minutes: int = 5  # the window locks after this many idle minutes (1..120)
    hub_dsn: str = ""  # the Polres hub (PostgreSQL connection string); empty: no push
    bundle_dir: str = ""  # where bundles for the Polres are written (a flash disk); empty: none


IDLE_LOCK_MINUTES = (1, 120)


class SettingsRepo:
    def __init__(self, ctx: StoreContext) -> None:
        self._ctx = ctx

    def _load(self, cls: type[T], prefix: str) -> T:
        rows = self._ctx.rows("SELECT key, value FROM settings WHERE key LIKE ?", [prefix + ".%"])
        values = {r["key"][len(prefix) + 1:]: json.loads(r["value"]) for r in rows}
        names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        return cls(**{k: v for k, v in values.items() if k in names})

    def _save(self, value: Any, prefix: str, by: int | None) -> None:
        before = self._load(type(value), prefix)
        with write_transaction(self._ctx.db):
            for f in dataclasses.fields(value):
                self._ctx.db.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [f"{prefix}.{f.name}", json.dumps(getattr(value, f.name))])
            audit.append(self._ctx.db, at=self._ctx.now(), officer_id=by, action="update",
                         kind="settings", record_uuid=f"settings:{prefix}",
                         before=canonical_json(before), after=canonical_json(value))
            audit.seal_state(self._ctx.db)  # the settings as Piket left them (verify)

    def station_profile(self) -> StationProfile:
        return self._load(StationProfile, "station")

    def has_station_profile(self) -> bool:
        return self._ctx.row("SELECT 1 FROM settings WHERE key LIKE 'station.%' LIMIT 1") is not None

    def save_station_profile(self, profile: StationProfile, by: int | None) -> Saved[StationProfile]:
        self._ctx.require(Action.SETTINGS)
        self._save(profile, "station", by)
        self._ctx.station_code = profile.code
        return Saved(profile, frozenset({ChangeKind.SETTINGS}))

    def app_settings(self) -> AppSettings:
        return self._load(AppSettings, "app")

    def save_app_settings(self, value: AppSettings, by: int | None) -> Saved[AppSettings]:
        self._ctx.require(Action.SETTINGS)
        self._save(value, "app", by)
        return Saved(value, frozenset({ChangeKind.SETTINGS}))

    def sp2hp_rules(self) -> Sp2hpRules:
        """When SP2HP letters are due (Pengaturan; docs/REGISTER.md)."""
        return self._load(Sp2hpRules, "sp2hp")

    def save_sp2hp_rules(self, value: Sp2hpRules, by: int | None) -> Saved[Sp2hpRules]:
        """ValueError (Indonesian) when a number of days is outside 1..30. Applies to letters
        due from now on: the due day of an LP is worked out again at its next write."""
        self._ctx.require(Action.SETTINGS)
        problems = value.problems()
        if problems:
            raise ValueError(" ".join(problems))
        self._save(value, "sp2hp", by)
        return Saved(value, frozenset({ChangeKind.SETTINGS}))

    def snapshots(self) -> dict[str, str]:
        """Current canonical JSON per settings group, for `verify`."""
        return {"settings:station": canonical_json(self.station_profile()),
                "settings:app": canonical_json(self.app_settings()),
                "settings:sp2hp": canonical_json(self.sp2hp_rules())}
