"""The house rules that keep the code findable: every module imports, no import cycle in the apps,
models import nothing back, and the project points only at itself.

Module size has no rule here: a module is split when it holds two concepts, not when it passes a
line count (a cap by lines split files in the middle of one concept)."""

import ast
import importlib
import pkgutil
import subprocess
from pathlib import Path

import pytest

import config
import contributions
import positions
import sources
import web

ROOT = Path(__file__).resolve().parent.parent
APPS = ("positions", "sources", "contributions")


def modules(package) -> list[str]:
    return sorted(info.name for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."))


def app_files() -> list[Path]:
    return sorted(
        path for app in APPS for path in (ROOT / app).rglob("*.py") if "migrations" not in path.relative_to(ROOT).parts
    )


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def module_level_imports(path: Path) -> set[str]:
    """Modules imported at the top of a file (imports inside functions run later and cannot cycle at load)."""
    found = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize(
    "name", modules(config) + modules(web) + modules(positions) + modules(sources) + modules(contributions)
)
def test_every_module_imports(name):
    importlib.import_module(name)


def test_no_import_cycle_inside_the_apps():
    names = {module_name(path): path for path in app_files()}
    graph = {
        name: {other for other in module_level_imports(path) if other in names and other != name}
        for name, path in names.items()
    }
    # A package's __init__ imported by its own modules is how Python loads them; it is not a cycle of ours.
    visiting, done, cycles = set(), set(), []

    def visit(name, trail):
        if name in done:
            return
        if name in visiting:
            cycles.append(trail[trail.index(name) :] + [name])
            return
        visiting.add(name)
        for other in sorted(graph[name]):
            visit(other, trail + [name])
        visiting.discard(name)
        done.add(name)

    for name in sorted(graph):
        visit(name, [])
    assert cycles == []


def test_models_import_nothing_from_the_rest_of_the_app():
    imported = {name for name in module_level_imports(ROOT / "positions" / "models.py") if name.startswith("positions")}
    # country_codes: how a code is written in an address, which a model's get_absolute_url needs.
    # summaries and corrections hold models of their own, imported at the end so Django finds them.
    allowed = {
        "positions.choices",
        "positions.corrections",
        "positions.country_codes",
        "positions.querysets",
        "positions.summaries",
    }
    assert {name.rsplit(".", 1)[0] if name.rsplit(".", 1)[0] in allowed else name for name in imported} <= allowed


def test_sources_import_nothing_from_positions():
    for path in (ROOT / "sources").rglob("*.py"):
        assert not any(name.startswith("positions") for name in module_level_imports(path)), path


def test_the_http_layer_and_config_import_no_app():
    # web/ and config/ serve every app, so they point at none; settings and the root URLs wire the apps in.
    wiring = {ROOT / "config" / "settings.py", ROOT / "config" / "urls.py"}
    for folder in ("web", "config"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path in wiring:
                continue
            imported = {name for name in all_imports(path) if name.split(".")[0] in APPS}
            assert imported == set(), f"{path.relative_to(ROOT)} imports {sorted(imported)}"


def all_imports(path: Path) -> set[str]:
    """Every module a file imports, inside functions too: a late import still points the wrong way."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_project_points_at_nothing_outside_it():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    # The product owner's document (upper case; docs/design.md is ours), their repository, their folder.
    words = ("DESIGN" + ".md", "steer" + "ing", "../" + "shared")
    found = [
        name
        for name in tracked
        if (ROOT / name).is_file()
        and not name.endswith((".png", ".json"))
        and any(word in (ROOT / name).read_text(errors="ignore") for word in words)
    ]
    assert found == []
