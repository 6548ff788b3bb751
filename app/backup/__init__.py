"""Backups and restore of the store (issue 6: nothing lost). Pure Python, no Qt."""

from __future__ import annotations

from app.backup.backup import (
    BackupFailed,
    BackupInfo,
    backup_file_name,
    default_backup_dir,
    list_backups,
    make_backup,
    newest_backup,
    plan_rotation,
    resolve_backup_dir,
    rotate,
)
from app.backup.restore import (
    BackupCheck,
    RestoreCandidates,
    RestoreRefused,
    RestoreResult,
    inspect_backup,
    restore_candidates,
    restore_store,
)

__all__ = [
    "BackupCheck", "BackupFailed", "BackupInfo", "RestoreCandidates", "RestoreRefused",
    "RestoreResult", "restore_candidates",
    "backup_file_name", "default_backup_dir", "inspect_backup", "list_backups", "make_backup",
    "newest_backup", "plan_rotation", "resolve_backup_dir", "restore_store", "rotate",
]
