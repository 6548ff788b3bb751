"""The layers of ARCHITECTURE.md: `app` never imports Qt; `ui` never talks SQL."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

IMPORT_ALL_APP = """
import json, pkgutil, importlib, sys
import app
names, failed = [], {}
for info in pkgutil.walk_packages(app.__path__, "app."):
    try:
        importlib.import_module(info.name)
        names.append(info.name)
    except Exception as exc:  # reported, so a broken module does not hide a Qt import
        failed[info.name] = repr(exc)
qt = sorted(m for m in sys.modules if m == "PySide6" or m.startswith(("PySide6.", "shiboken6")))
print(json.dumps({"imported": names, "failed": failed, "qt": qt}))
"""


def test_no_app_module_imports_pyside6() -> None:
    result = subprocess.run([sys.executable, "-c", IMPORT_ALL_APP], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, check=True)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["failed"] == {}
    assert "app.store" in report["imported"] and "app.cli" in report["imported"]
    assert len(report["imported"]) > 20
    assert report["qt"] == [], f"app.* pulled in {report['qt']}"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name)
              and getattr(node.func, "attr", getattr(node.func, "id", "")) in
              ("import_module", "__import__") and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.add(node.args[0].value)
    return found


def test_ui_never_imports_sqlite() -> None:
    sources = sorted((ROOT / "ui").rglob("*.py"))
    assert sources
    offenders = {}
    for path in sources:
        bad = {m for m in _imported_modules(path)
               if m.split(".")[0] in ("sqlite3", "sqlite_utils", "_sqlite3", "apsw")}
        if bad:
            offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert offenders == {}


def test_ui_writes_no_sql() -> None:
    """No SQL statements in ui/ string literals (a rough scan: SQL belongs in app/store)."""
    keywords = ("SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM", "CREATE TABLE", "PRAGMA ")
    offenders = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and any(node.value.lstrip().upper().startswith(k) for k in keywords)
                    and any(w in node.value.upper() for w in (" FROM ", " SET ", " INTO ",
                                                              " TABLE ", "PRAGMA "))):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_the_scan_sees_imports() -> None:
    sample = ROOT / "tests" / "test_layering.py"
    assert {"ast", "json", "subprocess"} <= _imported_modules(sample)


# ---------------------------------------------------------------------- the store's house
STORE = ROOT / "app" / "store"
# Outside the store these use only what `app.store` exports: no store internals, no SQL, no
# transactions of their own (ARCHITECTURE.md, "Layers").
FACADE_ONLY = ("ui", "app/csvio", "app/demo", "app/backup", "app/cli", "app/documents",
               "app/sync")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _store_modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(STORE.rglob("*.py"))}


def _targets(node: ast.ImportFrom | ast.Import, known: dict[str, Path]) -> set[str]:
    """The store modules an import statement names (`from app.store import audit` names the
    module app.store.audit; `from app.store import Store` the facade, app.store)."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in known}
    if node.level or not node.module:
        return set()
    found = set()
    for alias in node.names:
        sub = f"{node.module}.{alias.name}"
        found.add(sub if sub in known else node.module)
    return {name for name in found if name in known}


def test_the_store_has_no_import_cycles() -> None:
    """Every import inside app/store, deferred ones too, points one way: a module never
    imports, directly or through others, one that imports it (the facade, app.store, is
    imported by none of them)."""
    known = _store_modules()
    graph = {name: set() for name in known}
    for name, path in known.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                graph[name] |= _targets(node, known) - {name}
    assert not graph["app.store.visits"] and not graph["app.store.patrols"]  # plain packages
    cycles = []
    state: dict[str, int] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                cycles.append(" -> ".join([*trail[trail.index(target):], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert [c for c in cycles if not _above_the_facade(c)] == []


# Signing in opens a Store: these modules import the class from the facade, which re-exports
# them at its very end (after the class), so the import runs one way in practice.
ABOVE_THE_FACADE = ("app.store.signin", "app.store.encrypting")


def _above_the_facade(cycle: str) -> bool:
    steps = cycle.split(" -> ")
    return steps[0] == "app.store" and steps[-1] == "app.store" and all(
        step in ABOVE_THE_FACADE for step in steps[1:-1])


def test_outside_the_store_only_the_facade() -> None:
    offenders = {}
    for folder in FACADE_ONLY:
        for path in sorted((ROOT / folder).rglob("*.py")):
            bad = {m for m in _imported_modules(path) if m.startswith("app.store.")}
            if bad:
                offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert offenders == {}


def test_outside_the_store_no_sql_and_no_transactions() -> None:
    """No SQL in string literals, no `store.db`, no write_transaction / bulk_cache / execute
    outside app/store: what a store user needs is a method of the facade."""
    keywords = ("SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM", "CREATE ", "PRAGMA ")
    offenders = []
    for folder in FACADE_ONLY:
        for path in sorted((ROOT / folder).rglob("*.py")):
            where = str(path.relative_to(ROOT))
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                        and node.value.lstrip().upper().startswith(keywords)):
                    offenders.append(f"{where}:{node.lineno} SQL")
                elif isinstance(node, ast.Attribute) and (
                        node.attr in ("conn", "execute", "executemany")
                        or node.attr == "db" and ast.unparse(node.value).endswith("store")):
                    offenders.append(f"{where}:{node.lineno} .{node.attr}")
                elif isinstance(node, ast.Name | ast.alias) and getattr(
                        node, "id", getattr(node, "name", "")) in ("write_transaction",
                                                                    "bulk_cache"):
                    offenders.append(f"{where}:{node.lineno} transaction")
    assert offenders == []


# ---------------------------------------------------------------------- plain imports (issue 14)
def _sources(*packages: str) -> list[Path]:
    return sorted(path for package in packages for path in (ROOT / package).rglob("*.py"))


def _ui_imports(path: Path) -> set[str]:
    """The ui modules `path` imports, anywhere in it (inside functions too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.update(name for name in names if name == "ui" or name.startswith("ui."))
    return found


def test_app_never_imports_ui() -> None:
    """`app` stands alone (the CLI, tests, a future sync service): the entry point that opens
    the window is ui/app.py, which hands app.cli the opener."""
    sources = _sources("app")
    assert len(sources) > 20
    offenders = {str(path.relative_to(ROOT)): sorted(bad) for path in sources
                 if (bad := _ui_imports(path))}
    assert offenders == {}


def _imports_by_name(path: Path) -> list[int]:
    """Lines where `path` imports a module named by a string: importlib.import_module,
    import_module, __import__ (called, or import_module imported from importlib)."""
    lines: list[int] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("import_module", "__import__"):
                lines.append(node.lineno)
        elif (isinstance(node, ast.ImportFrom) and node.module == "importlib"
              and any(alias.name == "import_module" for alias in node.names)):
            lines.append(node.lineno)
    return lines


def test_no_module_imports_by_name() -> None:
    """Pages, commands, draft kinds and the demo generator are plain import statements, so
    mypy, IDEs and vulture follow them and a renamed module fails a check, not a user."""
    offenders = {}
    for path in _sources("app", "ui"):
        lines = _imports_by_name(path)
        if lines:
            offenders[path.relative_to(ROOT).as_posix()] = lines
    assert offenders == {}


def test_the_import_scans_see_what_they_look_for(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import importlib\nfrom importlib import import_module\n"
                      "def f():\n    from ui.pages import Page\n    import ui\n"
                      "    return importlib.import_module('ui.x'), __import__('y')\n",
                      encoding="utf-8")
    assert _ui_imports(sample) == {"ui.pages", "ui"}
    assert sorted(_imports_by_name(sample)) == [2, 6, 6]


FEATURES = ("home", "journal", "master", "meetings", "patrols", "settings", "visits", "weekly")


def test_feature_packages_of_ui_never_import_each_other() -> None:
    """The window's pages share code through ui.records and ui.common only (ui/records/kinds.py
    opens a record's form by kind; ui/pages.py builds the pages)."""
    offenders = {}
    for feature in FEATURES:
        for path in sorted((ROOT / "ui" / feature).rglob("*.py")):
            others = {m for m in _imported_modules(path)
                      if m.startswith("ui.") and m.split(".")[1] in FEATURES
                      and m.split(".")[1] != feature}
            if others:
                offenders[path.relative_to(ROOT).as_posix()] = sorted(others)
    assert offenders == {}


def test_commands_open_stores_only_by_signing_in() -> None:
    """Every command that reads or writes a store opens it through app/cli/signin.py (issue
    16 item 5): no other module of app/cli names Store, sign_in or create_store."""
    door = ROOT / "app" / "cli" / "signin.py"
    offenders = []
    for path in sorted((ROOT / "app" / "cli").rglob("*.py")):
        if path == door:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.ImportFrom)
                     else [node.id] if isinstance(node, ast.Name) else [])
            for name in names:
                if name in ("Store", "sign_in", "create_store", "upgrade_plain_store",
                            "open_with_recovery", "unlock_key"):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    assert offenders == []
