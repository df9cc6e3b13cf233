"""The architecture holds: dependencies run down, handlers hold no SQL, platform SDKs stay in the
channels, bench/ and tests/ share their helpers through testkit/, and no module grows past 450 lines.

The import rules are import-linter contracts (pyproject.toml, `[tool.importlinter]`), run here as
the real `lint-imports`; one test plants an upward import in a copy of the tree to show that they
catch it.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("bot", "handlers", "services", "messages", "storage", "parsing", "config")
MAX_LINES = 450
# The lead engineer is rewriting the extraction modules of parsing/ and brings them under the limit.
SIZE_EXEMPT = {"parsing/unit_mentions.py", "parsing/units_lexicon.py"}
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


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_import_contracts_are_kept() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "BROKEN" not in result.stdout and "Contracts: 3 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("planted", "line"),
    [
        ("services/_upward.py", "from handlers.router import Router\n"),
        ("storage/_upward.py", "import services.units\n"),
        ("parsing/_upward.py", "def late() -> None:\n    from storage.models import Plan  # noqa: F401\n"),
        ("messages/_upward.py", "from services.clock import Clock\n"),
        ("handlers/_sql.py", "from sqlmodel import select\n"),
        ("services/_sdk.py", "import telegram\n"),
    ],
)
def test_the_contracts_catch_what_they_forbid(tmp_path: Path, planted: str, line: str) -> None:
    """An upward import, even one hidden in a function, a query in a handler, a platform SDK in a
    service: each breaks a contract."""
    for name in (*LAYERS, "pyproject.toml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
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


def test_bench_and_tests_share_helpers_through_testkit() -> None:
    """bench/ and tests/ never import each other; testkit/ imports neither."""
    wrong = [
        f"{path.relative_to(ROOT)} imports {module}"
        for folder, other in (
            ("bench", "tests"),
            ("tests", "bench"),
            ("testkit", "tests"),
            ("testkit", "bench"),
        )
        for path in _modules(folder)
        for module in _imports(path)
        if module == other or module.startswith(other + ".")
    ]
    assert not wrong, wrong


def test_no_module_over_450_lines() -> None:
    folders = (*LAYERS, "bench", "tests", "testkit")
    long = {
        str(path.relative_to(ROOT)): n
        for path in _modules(*folders)
        if "migrations" not in path.parts
        and "fixtures" not in path.parts
        and str(path.relative_to(ROOT)) not in SIZE_EXEMPT
        and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long
