"""Package-level rules: import direction, and docs that cover the public API."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted((ROOT / "sources").glob("*.py"))
DOC = (ROOT / "docs" / "FETCHING.md").read_text()
FORBIDDEN = ("verify", "api", "flask", "peewee", "playhouse")


def imported_roots(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_sources_imports_point_one_way(path):
    assert not set(imported_roots(path)) & set(FORBIDDEN)


@pytest.mark.parametrize(
    "setting",
    [
        "CLAIMDESK_FETCH_ALLOW_HOSTS",
        "CLAIMDESK_FETCH_MAX_BYTES",
        "CLAIMDESK_FETCH_CONNECT_TIMEOUT",
        "CLAIMDESK_FETCH_READ_TIMEOUT",
        "CLAIMDESK_IA_ACCESS_KEY",
        "CLAIMDESK_IA_SECRET_KEY",
        "CLAIMDESK_OWNER_MAP",
    ],
)
def test_setting_is_documented(setting):
    assert f"`{setting}`" in DOC


def public_names(path):
    tree = ast.parse(path.read_text())
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
            yield node.name


@pytest.mark.parametrize(
    "path", [p for p in MODULES if p.stem not in ("__init__", "transport")], ids=lambda p: p.name
)
def test_public_names_are_documented(path):
    missing = [n for n in public_names(path) if not re.search(rf"`[^`]*\b{n}\b", DOC)]
    assert missing == []


def test_error_kinds_are_documented():
    from sources import errors

    classes = [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.SourceError)]
    concrete = [c for c in classes if not any(o is not c and issubclass(o, c) for o in classes)]
    assert len(concrete) == 8
    assert [c.kind for c in concrete if f"`{c.kind}`" not in DOC] == []
