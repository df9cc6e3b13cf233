"""`dutybot plans parse FILE` on each bad file: the Vietnamese catalog message on stderr, exit code 2."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from parsing.errors import MESSAGES, DocumentError
from tests.parsing.fixtures.docs import builders


def _sparse(path: Path) -> None:
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)


BAD_FILES: dict[str, tuple[str, Callable[[Path], object]]] = {
    "empty.txt": ("empty", lambda p: p.write_bytes(b"")),
    "photo.txt": ("not_a_document", lambda p: p.write_bytes(bytes(range(256)) * 4)),
    "old.doc": ("legacy_doc", lambda p: p.write_bytes(builders.ole_doc())),
    "secret.pdf": ("corrupt", lambda p: p.write_bytes(builders.encrypted_pdf())),
    "broken.docx": ("corrupt", lambda p: p.write_bytes(builders.plan_docx()[:1500])),
    "huge.txt": ("too_large", _sparse),
    "sheet.xlsx": ("unsupported_format", lambda p: p.write_bytes(b"a,b\n1,2\n")),
    "garbled.txt": (
        "bad_encoding",
        lambda p: p.write_bytes(
            "Sở Ngoại vụ chủ trì báo cáo Ủy ban".encode().decode("cp1251", "replace").encode()
        ),
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_cli_prints_vietnamese_message_and_exits_2(tmp_path: Path, name: str) -> None:
    key, make = BAD_FILES[name]
    path = tmp_path / name
    make(path)
    result = CliRunner().invoke(app, ["plans", "parse", str(path)])
    assert result.exit_code == 2
    assert result.stderr.strip() == DocumentError(key, source=name, limit="20 MB").message("vi")
    assert MESSAGES[key]["vi"].split("{source}")[0] in result.stderr
    assert result.stdout == ""


def test_cli_reads_good_files(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(builders.plan_docx())
    result = CliRunner().invoke(app, ["plans", "parse", str(path)])
    assert result.exit_code == 0, result.stderr


def test_real_process_stderr_and_exit_code(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(builders.ole_doc())
    result = subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", "plans", "parse", str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
        timeout=60,
    )
    assert result.returncode == 2
    assert "định dạng Word cũ (.doc)" in result.stderr
    assert result.stdout == ""
