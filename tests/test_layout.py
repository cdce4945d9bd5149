"""The package's layout holds: sub-packages with one concept each, no import cycle between
modules, no module reaching into another's private names, and the user interface and charts
kept where they belong (README, "How the code is organised")."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import workbook

PACKAGE = Path(workbook.__file__).resolve().parent


def modules() -> dict[str, ast.Module]:
    """Every module of the package by dotted name, parsed."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = ast.parse(path.read_text(), str(path))
    return found


def package_of(name: str, tree_is_package: bool) -> str:
    return name if tree_is_package else name.rpartition(".")[0]


def imports(name: str, tree: ast.Module, everywhere: bool) -> list[tuple[str, list[str], int]]:
    """The package's own modules that ``name`` imports: (module, names taken from it, line).
    Module level only unless ``everywhere`` (imports inside functions load on first use)."""
    is_package = (PACKAGE.parent / Path(*name.split("."))).is_dir()
    base = package_of(name, is_package)
    nodes = ast.walk(tree) if everywhere else tree.body
    found = []
    for node in nodes:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = base.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                target = ".".join(parts + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "workbook":
                continue
            names = [alias.name for alias in node.names]
            submodules = [f"{target}.{n}" for n in names if (PACKAGE.parent / Path(*f"{target}.{n}".split("."))).with_suffix(".py").exists()
                          or (PACKAGE.parent / Path(*f"{target}.{n}".split("."))).is_dir()]
            found.append((target, [n for n in names if f"{target}.{n}" not in submodules], node.lineno))
            found += [(sub, [], node.lineno) for sub in submodules]
        elif isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names if alias.name.startswith("workbook")]
    return found


def test_no_import_cycle_between_the_packages_modules():
    parsed = modules()
    graph = {name: {target for target, _, _ in imports(name, tree, everywhere=False) if target in parsed and target != name}
             for name, tree in parsed.items()}

    # A package's __init__ importing its own modules is how a package is made; a module
    # importing its own package's __init__ back would be the cycle.
    def edges(name):
        return {t for t in graph[name] if not (name.startswith(t + ".") and t in parsed)}

    state: dict[str, int] = {}
    path: list[str] = []

    def visit(name):
        state[name] = 1
        path.append(name)
        for target in edges(name):
            if state.get(target) == 1:
                cycle = path[path.index(target):] + [target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if not state.get(target):
                visit(target)
        path.pop()
        state[name] = 2

    for name in sorted(graph):
        if not state.get(name):
            visit(name)


def test_no_module_takes_a_private_name_from_another():
    parsed = modules()
    offences = []
    for name, tree in parsed.items():
        for target, names, line in imports(name, tree, everywhere=True):
            offences += [f"{name}:{line} imports {target}.{n}" for n in names if n.startswith("_") and n != "__version__"]
        for node in ast.walk(tree):
            # log._engine, other._rows: a private attribute of anything but self, cls or the module's own.
            # (IPython's display protocol, _repr_mimebundle_ and the like, is public.)
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.endswith("_")
                    and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))):
                offences.append(f"{name}:{node.lineno} reaches into .{node.attr}")
    assert offences == []


@pytest.mark.parametrize("library, allowed", [
    ("ipywidgets", "workbook.ui"),
    ("matplotlib", "workbook.habits.charts"),
    ("sqlalchemy", "workbook.store"),
])
def test_each_toolkit_is_used_in_one_place(library, allowed):
    """Widgets only in workbook.ui, matplotlib only in the charts, SQL only in the store (and
    the notes' one read of a person's context, through the log's public reading connection)."""
    also = {"sqlalchemy": ("workbook.notes.context", "workbook.notes.mail")}.get(library, ())
    users = set()
    for name, tree in modules().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                taken = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                taken = [node.module or ""]
            else:
                continue
            if any(t.split(".")[0] == library for t in taken):
                users.add(name)
    assert {u for u in users if not (u == allowed or u.startswith(allowed + ".")) and u not in also} == set()
