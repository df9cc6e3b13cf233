"""The architecture holds: dependencies run down, handlers hold no SQL, platform SDKs stay in the
channels, bench/ and tests/ share their fakes and worlds through testkit/ and never import each other,
and no module grows past 450 lines.

The import rules are import-linter contracts (pyproject.toml, `[tool.importlinter]`), run here as
the real `lint-imports`; one test plants an upward import in a copy of the tree to show that they
catch it.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGES: tuple[str, ...] = tuple(PYPROJECT["tool"]["importlinter"]["root_packages"])
MAX_LINES = 450
# What a handler may not do with a session: it calls a service instead.
QUERY_METHODS = {
    "get",
    "get_one",
    "exec",
    "execute",
    "scalar",
    "scalars",
    "add",
    "add_all",
    "delete",
    "merge",
}


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    lint = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(lint), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=240,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        check=False,
    )


def _modules(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def test_import_contracts_are_kept() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "BROKEN" not in result.stdout and "Contracts: 5 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("planted", "line"),
    [
        ("services/_upward.py", "from handlers.router import Router\n"),
        ("storage/_upward.py", "import services.units\n"),
        ("parsing/_upward.py", "def late() -> None:\n    from storage.models import Plan  # noqa: F401\n"),
        ("messages/_upward.py", "from services.clock import Clock\n"),
        ("handlers/_sql.py", "from sqlmodel import select\n"),
        ("services/_sdk.py", "import telegram\n"),
        ("tests/_bench.py", "from bench.common import table\n"),
        ("bench/_tests.py", "def late() -> None:\n    import tests.conftest  # noqa: F401\n"),
        ("testkit/_tests.py", "from tests.services import world\n"),
    ],
)
def test_the_contracts_catch_what_they_forbid(tmp_path: Path, planted: str, line: str) -> None:
    """An upward import, even one hidden in a function, a query in a handler, a platform SDK in a
    service, tests and benchmarks reaching into each other: each breaks a contract."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for package in PACKAGES:  # the Python files only (tests/ holds megabytes of fixtures)
        for source in _modules(package):
            target = tmp_path / source.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
    (tmp_path / planted).write_text(line, encoding="utf-8")
    result = _lint(tmp_path)
    assert result.returncode != 0 and "BROKEN" in result.stdout, result.stdout[-2000:]


def test_handlers_run_no_query_themselves() -> None:
    """Handlers open a session for a service's transaction; the queries are the service's."""
    offenders = []
    for path in _modules("handlers"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in QUERY_METHODS
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in {"session", "s"}
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} session.{node.func.attr}")
    assert not offenders, offenders


def test_no_module_over_450_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for path in _modules(*PACKAGES)
        if "migrations" not in path.parts
        and "fixtures" not in path.parts
        and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long


def _distribution(requirement: str) -> str:
    name = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
    assert name is not None, requirement
    return re.sub(r"[-_.]+", "-", name.group()).lower()


@pytest.mark.parametrize(
    ("folders", "groups"),
    [
        (("bot", "handlers", "services", "messages", "storage", "parsing", "config"), ()),
        (("testkit",), ("dev",)),
    ],
)
def test_every_library_the_code_imports_is_declared(
    folders: tuple[str, ...], groups: tuple[str, ...]
) -> None:
    """A library the product imports is one of its dependencies (not there by chance, because
    another package pulls it in); testkit/ may use the development group as well."""
    declared = {_distribution(r) for r in PYPROJECT["project"]["dependencies"]}
    for group in groups:
        declared |= {_distribution(r) for r in PYPROJECT["dependency-groups"][group]}
    providers = importlib.metadata.packages_distributions()
    undeclared = set()
    for path in _modules(*folders):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            else:
                continue
            for top in {name.split(".")[0] for name in names}:
                if top in sys.stdlib_module_names or top in PACKAGES or top == "__future__":
                    continue
                if not {_distribution(d) for d in providers.get(top, [])} & declared:
                    undeclared.add(f"{path.relative_to(ROOT)}: {top}")
    assert not undeclared, sorted(undeclared)
