"""One-line errors and one language on the command line (issue 13, minor items)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from config.settings import get_settings
from storage.db import Database

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli(db: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setenv("DATABASE_URL", db.url)
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def test_bad_input_is_one_line_not_a_traceback(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(app, ["plans", "parse", str(tmp_path / "missing.pdf")])
    assert result.exit_code == 2 and "missing.pdf: không tìm thấy tệp" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    result = cli.invoke(app, ["workdays", "add-swap", "2026-13-03", "--working"])
    assert result.exit_code == 2 and "2026-13-03" in result.output and "YYYY-MM-DD" in result.output
    assert isinstance(result.exception, SystemExit)


def test_units_add_and_rename_keep_the_province_out_of_the_name(cli: CliRunner) -> None:
    result = cli.invoke(app, ["units", "add", "Sở Y tế Đồng Nai"])
    assert result.exit_code == 0 and "Đã thêm: Sở Y tế (so, tỉnh Đồng Nai)" in result.output
    result = cli.invoke(app, ["units", "add", "Báo Đồng Nai"])  # a newspaper's name keeps its place
    assert "Đã thêm: Báo Đồng Nai" in result.output
    result = cli.invoke(app, ["units", "rename", "Sở Y tế", "Sở Y tế và Dân số Đồng Nai"])
    assert "→ Sở Y tế và Dân số" in result.output and "Dân số Đồng Nai" not in result.output


def test_units_show_lists_how_plans_write_a_unit(cli: CliRunner) -> None:
    cli.invoke(app, ["plans", "import", str(REPO / "data" / "plans" / "004_88734b1cd983f4b8.txt")])
    cli.invoke(app, ["units", "alias", "Sở Tài chính Hậu Giang", "Sở TC HG"])
    result = cli.invoke(app, ["units", "show", "Sở Tài chính", "--province", "Hậu Giang"])
    assert result.exit_code == 0 and "= Sở TC HG" in result.output


def test_units_import_csv_errors_in_the_admins_language(cli: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "units.csv"
    bad.write_text("name,province,kind\n,Đồng Nai,\nSở Y tế,Đồng Nai,hospital\n", encoding="utf-8")
    result = cli.invoke(app, ["units", "import-csv", str(bad)])
    assert result.exit_code == 1
    assert "units.csv:2: thiếu tên đơn vị" in result.output
    assert "units.csv:3: loại đơn vị không có: “hospital”" in result.output
    result = cli.invoke(app, ["units", "import-csv", str(bad), "--lang", "en"])
    assert "units.csv:2: no unit name" in result.output


def test_a_day_set_by_an_admin_is_no_longer_called_the_default(cli: CliRunner) -> None:
    cli.invoke(app, ["plans", "import", str(REPO / "data" / "plans" / "002_a5c47825f0dbe0be.txt")])
    before = cli.invoke(app, ["deadlines", "--unit", "Sở Ngoại vụ Đồng Nai", "--days", "400"]).output
    line = next(x for x in before.splitlines() if "ngày mặc định" in x)
    deadline_id = line.rsplit("#", 1)[1]
    assert cli.invoke(app, ["plans", "set-day", deadline_id, "--day", "20"]).exit_code == 0  # as /datngay 20
    after = cli.invoke(app, ["deadlines", "--unit", "Sở Ngoại vụ Đồng Nai", "--days", "400"]).output
    assert "ngày mặc định" not in after and "/12/" in after
