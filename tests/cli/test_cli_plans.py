"""The admin command line against a real database: import, list, show, archive, units, ask, deadlines.

Everything is the real code, the extractor included: the sample plans (data/plans) are read as an
admin's files are (they score 1.00 against their gold labels, tests/parsing/test_extract_gold.py).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from config.settings import get_settings
from storage.db import Database

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "tests" / "fixtures" / "gold"
SAMPLES = sorted((REPO / "data" / "plans").glob("*.txt"))


@pytest.fixture
def cli(db: Database, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("DATABASE_URL", db.url)
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def run(cli: CliRunner, *args: str) -> tuple[int, str]:
    result = cli.invoke(app, list(args))
    return result.exit_code, result.output


def test_import_list_show_archive(cli: CliRunner, tmp_path: Path) -> None:
    code, out = run(cli, "plans", "import", *map(str, SAMPLES))
    assert code == 0, out
    assert out.count("đã nhập kế hoạch") == 4 and "4 tệp đã nhập, 0 tệp lỗi" in out
    code, out = run(cli, "plans", "import", str(SAMPLES[1]), "--lang", "en")
    assert code == 0 and "unchanged plan" in out
    code, out = run(cli, "plans", "list")
    assert code == 0 and "3935/KH-UBND" in out and out.count("đang dùng") == 4
    plan_id = next(line.split()[0] for line in out.splitlines() if "3935/KH-UBND" in line)
    code, out = run(cli, "plans", "show", plan_id)
    assert (
        code == 0
        and "Sở Ngoại vụ" in out
        and "chưa có ngày" in out
        and "11/" not in out.split("Thời hạn:")[0]
    )
    code, out = run(cli, "plans", "archive", plan_id)
    assert code == 0 and "lưu trữ" in out
    code, out = run(cli, "plans", "list")  # an archived plan is listed, as archived
    [line] = [line for line in out.splitlines() if "3935/KH-UBND" in line]
    assert "lưu trữ" in line
    code, out = run(cli, "plans", "list", "--active")
    assert "3935/KH-UBND" not in out
    code, out = run(cli, "plans", "show", "999")
    assert code == 1 and "#999" in out


def test_import_reports_each_bad_file_and_continues(cli: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "trong.txt"
    empty.write_bytes(b"")
    no_duties = tmp_path / "khong_co_nhiem_vu.txt"
    no_duties.write_text("CÔNG VĂN\nvề việc khác", encoding="utf-8")
    code, out = run(
        cli, "plans", "import", str(empty), str(no_duties), str(tmp_path / "mat.txt"), str(SAMPLES[3])
    )
    assert code == 1
    assert "trong.txt" in out and "khong_co_nhiem_vu.txt: không tìm thấy nhiệm vụ" in out
    assert "mat.txt: không tìm thấy tệp" in out
    assert "1 tệp đã nhập, 3 tệp lỗi" in out
    code, out = run(cli, "plans", "list")
    assert out.count("đang dùng") == 1


def test_reresolve_fills_recipients_an_upgrade_left_empty(cli: CliRunner, db: Database) -> None:
    from sqlmodel import update

    from storage.models import Deadline

    run(cli, "plans", "import", *map(str, SAMPLES))
    with db.session() as s:  # as revision 0004 leaves the deadlines of an existing database
        s.exec(update(Deadline).values(recipient_unit_id=None))
    code, out = run(cli, "plans", "reresolve", "--lang", "en")
    assert code == 0, out
    assert "7 deadlines checked: 1 have a recipient unit in the directory, 1 changed" in out
    code, out = run(cli, "plans", "reresolve")
    assert code == 0 and "1 có đơn vị nhận báo cáo trong danh bạ, 0 thay đổi" in out


def test_units_directory_commands(cli: CliRunner, tmp_path: Path) -> None:
    run(cli, "plans", "import", *map(str, SAMPLES))
    code, out = run(cli, "units", "show", "Sở KH&ĐT", "--province", "Đồng Nai")
    assert code == 0 and "Sở Kế hoạch và Đầu tư" in out and "sáp nhập vào Sở Tài chính" in out
    code, out = run(cli, "units", "add", "Sở Lao động - Thương binh và Xã hội")
    assert code == 0 and "Đã thêm" in out
    code, out = run(cli, "units", "list", "--review")
    assert "Sở Lao động - Thương binh và Xã hội" in out and "phân công lại" in out
    code, out = run(cli, "units", "alias", "Liên hiệp các tổ chức hữu nghị Đồng Nai", "Hội hữu nghị tỉnh")
    assert code == 0 and "Hội hữu nghị" in out
    code, out = run(cli, "units", "merge", "Sở Ngoại vụ Đồng Nai", "--into", "Văn phòng UBND tỉnh")
    assert code == 0 and "Đã sáp nhập" in out
    code, out = run(cli, "units", "show", "Phòng không tồn tại")
    assert code == 1 and "Không tìm thấy đơn vị “Phòng không tồn tại”" in out
    csv_file = tmp_path / "units.csv"
    csv_file.write_text(
        "name,province,kind,aliases,successor\n"
        "Sở Dân tộc và Tôn giáo,Đồng Nai,,SDTTG,\n"
        "Ban Dân tộc,Đồng Nai,ban,,Sở Dân tộc và Tôn giáo\n",
        encoding="utf-8",
    )
    code, out = run(cli, "units", "import-csv", str(csv_file))
    assert code == 0 and "2 đơn vị mới" in out
    code, out = run(cli, "units", "show", "Ban Dân tộc", "--province", "Đồng Nai")
    assert "sáp nhập vào Sở Dân tộc và Tôn giáo" in out


def test_ask_and_deadlines(cli: CliRunner) -> None:
    run(cli, "plans", "import", *map(str, SAMPLES))
    code, out = run(cli, "ask", "Sở Tài chính Đồng Nai phụ trách gì?")
    assert code == 0, out
    assert "Sở Tài chính (tỉnh Đồng Nai)" in out and "3935/KH-UBND" in out and "33/KH-UBND" not in out
    assert "Sở Kế hoạch và Đầu tư" in out  # merged predecessor's duty included
    assert "qua nhóm “các Sở, Ban, ngành, đoàn thể”" in out and "hạn tới: 15/11/" in out
    assert out.index("[chủ trì]") < out.index("[phối hợp]")
    nfd = unicodedata.normalize("NFD", "nhiệm vụ của sở tài chính hậu giang")
    code, out = run(cli, "ask", nfd)
    assert code == 0 and "33/KH-UBND" in out
    code, out = run(cli, "ask", "ai phụ trách viện trợ phi chính phủ?")
    assert code == 0 and "Liên hiệp các tổ chức hữu nghị" in out
    code, out = run(cli, "ask", "Sở Hàng không Vũ trụ phụ trách gì?")
    assert code == 1 and "Không tìm thấy đơn vị “Sở Hàng không Vũ trụ”" in out
    code, out = run(cli, "ask", "Sở Tài chính phụ trách gì?")  # default province decides
    assert code == 0 and "tỉnh Đồng Nai" in out
    code, out = run(cli, "ask", "thời tiết hôm nay")
    assert code == 2 and "Chưa hiểu câu hỏi" in out
    code, out = run(cli, "deadlines", "--unit", "Văn phòng UBND tỉnh Hậu Giang", "--days", "400")
    assert code == 0 and "ngày mặc định" in out and ("trong hạn" in out or "sắp đến hạn" in out)
    code, out = run(cli, "deadlines", "--unit", "so ngoai vu", "--lang", "en", "--days", "400")
    assert code == 0 and "Deadlines of Sở Ngoại vụ" in out
