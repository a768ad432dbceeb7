"""Which of our apps may import which: core <- mentoring <- roadmap, surveys <- reports.

The source is read with `ast` rather than imported, so an import inside a function counts as
much as one at the top of a file: a late import hides a dependency, it does not remove it.
"""

import ast
from collections.abc import Iterator
from importlib.util import resolve_name
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Each app and the apps of ours it may import besides itself; config is wiring, so none may.
ALLOWED = {
    "core": set(),
    "mentoring": {"core"},
    "roadmap": {"core", "mentoring"},
    "surveys": {"core", "mentoring"},
    "reports": {"core", "mentoring", "roadmap", "surveys"},
}
OURS = {*ALLOWED, "config"}
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


class Import(NamedTuple):
    file: str  # relative to the project, e.g. "mentoring/services/pairs.py"
    line: int
    module: str
    top_level: bool

    @property
    def app(self) -> str:
        return self.file.partition("/")[0]

    def __str__(self) -> str:
        return f"{self.file}:{self.line} -> {self.module}"


def _imports(path: Path, root: Path = ROOT) -> Iterator[Import]:
    """Every import of a file as absolute module names; `from a import b` gives `a.b`, since
    `b` may be a module (`from mentoring import views`)."""
    file = path.relative_to(root)
    module = ".".join(file.parts[:-1] if file.name == "__init__.py" else file.with_suffix("").parts)
    package = module if file.name == "__init__.py" else module.rpartition(".")[0]

    def visit(node: ast.AST, top_level: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield Import(file.as_posix(), child.lineno, alias.name, top_level)
            elif isinstance(child, ast.ImportFrom):
                base = resolve_name("." * child.level + (child.module or ""), package)
                for alias in child.names:
                    name = base if alias.name == "*" else f"{base}.{alias.name}"
                    yield Import(file.as_posix(), child.lineno, name, top_level)
            yield from visit(child, top_level and not isinstance(child, FUNCTIONS))

    yield from visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)), True)


def _all_imports() -> list[Import]:
    paths = (
        path
        for app in ALLOWED
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.relative_to(ROOT).parts
    )
    return [found for path in paths for found in _imports(path)]


IMPORTS = _all_imports()


def _fail_if_any(offending: list[Import], rule: str) -> None:
    if offending:
        pytest.fail("\n".join([rule, *(f"  {found}" for found in offending)]), pytrace=False)


def test_the_scan_resolves_relative_and_late_imports(tmp_path):
    # The checks below prove nothing unless the scan sees what they look for.
    path = tmp_path / "mentoring" / "services" / "pairs.py"
    path.parent.mkdir(parents=True)
    path.write_text("from ..models import Pair\n\n\ndef queue():\n    from .. import tasks\n")
    assert [(str(found), found.top_level) for found in _imports(path, tmp_path)] == [
        ("mentoring/services/pairs.py:1 -> mentoring.models.Pair", True),
        ("mentoring/services/pairs.py:5 -> mentoring.tasks", False),
    ]
    assert len(IMPORTS) > 500


def test_apps_import_only_the_apps_below_them():
    offending = [
        found
        for found in IMPORTS
        if (other := found.module.partition(".")[0]) in OURS
        and other != found.app
        and other not in ALLOWED[found.app]
    ]
    _fail_if_any(
        offending,
        "Allowed: core imports no app of ours; mentoring only core; roadmap and surveys "
        "core and mentoring; reports core, mentoring, roadmap and surveys. Offending:",
    )


def test_no_app_imports_the_views_of_another():
    offending = [
        found
        for found in IMPORTS
        if (parts := found.module.split("."))[0] in OURS
        and parts[0] != found.app
        and parts[1:2] == ["views"]
    ]
    _fail_if_any(
        offending,
        "Views belong to their own app; move what is shared into selectors or services:",
    )


def test_services_import_their_tasks_only_inside_a_function():
    # tasks.py may import its services at the top; services queue tasks, and a top-level
    # import back would make the two modules a cycle.
    offending = [
        found
        for found in IMPORTS
        if found.top_level
        and found.file != f"{found.app}/tasks.py"
        and (found.module + ".").startswith(f"{found.app}.tasks.")
    ]
    _fail_if_any(
        offending,
        "A module imports its app's tasks at module level; only tasks.py imports services "
        "at the top, the rest import a task inside the function that queues it:",
    )
