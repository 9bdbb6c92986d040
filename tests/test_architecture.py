"""The house's floors and rooms, checked on every run: what may import what.

models/ and certificates/ never import Qt; ui/ holds no SQL; inside models/ every import
points down the floors below (a room may use its own floor); no module imports itself
back through others.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("models", "certificates", "ui")

# The floors of models/, lowest first: a module may import its own floor and those below.
# ops/ (every write the window makes, undoable) sits on the repositories and the importer.
FLOORS = {
    "models.errors": 0,
    "models.version": 0,
    "models.domain": 1,
    "models.storage": 2,
    "models.sheets": 2,
    "models.printers": 2,
    "models.repos": 3,
    "models.reports": 4,
    "models.importing": 4,
    "models.ops": 5,
    "models.exports": 5,
    "models.server": 5,
    "models.sample": 6,
}

# The floors of ui/: the pieces first, then the pages built of them, the window, start-up.
UI_FLOORS = {
    "ui.widgets": 0,
    "ui.i18n": 0,
    "ui.screen_check": 0,
    "ui.session": 0,
    "ui.collector": 0,
    "ui.tables": 1,
    "ui.workers": 1,
    "ui.show": 2,
    "ui.dialogs": 2,
    "ui.pages": 3,
    "ui.book_opening": 3,
    "ui.file_menu": 4,
    "ui.main_window": 5,
    "ui.app": 6,
    "ui.selfcheck": 6,
}


def _modules() -> dict[str, Path]:
    found = {"main": ROOT / "main.py"}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


MODULES = _modules()


def _imports(path: Path) -> set[str]:
    """Every module this one imports, anywhere in it (functions too), ours or not."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _ours(names: set[str]) -> set[str]:
    return {n for n in names if n in MODULES}


def _floor(module: str, floors: dict[str, int] = FLOORS) -> int | None:
    for prefix, floor in floors.items():
        if module == prefix or module.startswith(prefix + "."):
            return floor
    return None


def test_models_and_certificates_never_import_qt():
    offenders = [
        name
        for name, path in MODULES.items()
        if name.startswith(("models", "certificates")) and any(n.startswith("PySide6") for n in _imports(path))
    ]
    assert offenders == []


_SQL = re.compile(r"\b(SELECT\s+\S+.*\bFROM|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|PRAGMA)\b", re.IGNORECASE)


def test_the_window_holds_no_sql():
    offenders = []
    for name, path in MODULES.items():
        if not name.startswith("ui"):
            continue
        if "sqlite3" in _imports(path):
            offenders.append(f"{name} imports sqlite3")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _SQL.search(node.value):
                offenders.append(f"{name}: {node.value[:60]!r}")
    assert offenders == []


def test_every_import_in_models_points_down_the_floors():
    upward = []
    for name, path in MODULES.items():
        floor = _floor(name)
        if floor is None:
            continue
        for target in _ours(_imports(path)):
            if target.startswith(("ui", "certificates", "main")):
                upward.append(f"{name} -> {target}")
            elif (target_floor := _floor(target)) is not None and target_floor > floor:
                upward.append(f"{name} -> {target}")
    assert upward == []


def test_every_import_in_the_window_points_down_its_floors():
    """A table model or a worker never reaches up into a page, a page never into the window:
    each piece of ui/ can be built and tested without what sits on it."""
    upward = []
    for name, path in MODULES.items():
        floor = _floor(name, UI_FLOORS)
        if floor is None:
            continue
        for target in _ours(_imports(path)):
            target_floor = _floor(target, UI_FLOORS)
            if target_floor is not None and target_floor > floor:
                upward.append(f"{name} -> {target}")
    assert upward == []


def test_every_window_module_has_a_floor():
    assert [n for n in MODULES if n.startswith("ui.") and _floor(n, UI_FLOORS) is None] == []


def test_no_relative_imports():
    """The checks here read absolute imports only; a relative one once hid a cycle
    (ui.app -> ui.main_window -> ui.app) from them."""
    relative = [
        f"{name}: from {'.' * node.level}{node.module or ''}"
        for name, path in MODULES.items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.level > 0
    ]
    assert relative == []


def test_certificates_never_import_the_window():
    assert [
        f"{name} -> {t}"
        for name, path in MODULES.items()
        if name.startswith("certificates")
        for t in _ours(_imports(path))
        if t.startswith(("ui", "main"))
    ] == []


def test_no_module_imports_itself_back():
    graph = {name: {t for t in _ours(_imports(path)) if t != name} for name, path in MODULES.items()}
    # a package's __init__ is not an edge back to its own modules
    graph = {name: {t for t in targets if not name.startswith(t + ".")} for name, targets in graph.items()}
    cycles = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*stack[stack.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert cycles == []


def test_every_model_module_has_a_floor():
    assert [n for n in MODULES if n.startswith("models.") and _floor(n) is None] == []


def test_no_window_attribute_hides_a_qt_method():
    """`self.font = ChoiceCombo()` on a QWidget hides QWidget.font(): Qt's own Python-side
    callers, and ours, would get a combo box. Every attribute a ui/ class sets is checked
    against the Qt classes it derives from."""
    import importlib

    hidden = []
    for name, path in MODULES.items():
        if not name.startswith("ui"):
            continue
        module = importlib.import_module(name)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            cls = getattr(module, node.name, None)
            qt_bases = [b for b in getattr(cls, "__mro__", ()) if b.__module__.startswith("PySide6")]
            if not qt_bases:
                continue
            assigned = {
                t.attr
                for n in ast.walk(node)
                if isinstance(n, ast.Assign)
                for t in n.targets
                if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self"
            }
            for attr in sorted(assigned):
                if any(callable(getattr(base, attr, None)) for base in qt_bases):
                    hidden.append(f"{name}.{node.name}.{attr}")
    assert hidden == []
