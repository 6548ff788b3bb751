"""The record screens' packages: walk-ins, patrols and meetings share ui.records and never
import each other; ui.records reaches up into them only from ui.records.kinds."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FEATURES = ("visits", "patrols", "meetings")


def _ui_imports(path: Path) -> set[str]:
    """The ui packages a module imports (anywhere in it, deferred imports included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                 else [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
        found.update(n.split(".")[1] for n in names if n.startswith("ui.") and n.count(".") >= 1)
    return found


def test_shared_records_reach_features_only_through_kinds() -> None:
    offenders = {}
    for path in sorted((ROOT / "ui" / "records").rglob("*.py")):
        if path.name != "kinds.py" and _ui_imports(path) & set(FEATURES):
            offenders[str(path.relative_to(ROOT))] = sorted(_ui_imports(path) & set(FEATURES))
    assert offenders == {}
    assert _ui_imports(ROOT / "ui" / "records" / "kinds.py") >= set(FEATURES)
