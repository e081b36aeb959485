"""The package's shape: no kg module imports, even lazily, a module that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

import kg

PACKAGE = Path(kg.__file__).resolve().parent


def kg_imports() -> dict[str, set[str]]:
    """Each kg module's name and the kg modules it imports anywhere in its code."""
    modules = {".".join(("kg", *p.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__"): p
               for p in PACKAGE.rglob("*.py")}
    imports: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                submodules = {f"{node.module}.{a.name}" for a in node.names} & modules.keys()
                found |= submodules if len(submodules) == len(node.names) else submodules | {node.module}
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
        imports[name] = (found & modules.keys()) - {name, "kg"}
    return imports


def test_no_import_loops():
    imports = kg_imports()
    assert {"kg.pipeline", "kg.engines", "kg.spark", "kg.rdf", "kg.store"} <= imports.keys()

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(n == goal or (n not in seen and reaches(n, goal, seen | {n})) for n in imports[start])

    assert [name for name in imports if reaches(name, name, {name})] == []
