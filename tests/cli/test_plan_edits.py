"""`dutybot plans edit | export-json | diff` on real plans with known extraction errors, parsed by the
real extractor: every correction is a labelled example.

The corrections are derived from the difference between today's extraction and the gold file
(tests/services/gold_corrections.py), so the tests hold whatever errors the extractor makes.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from bot.cli import app
from config.settings import get_settings
from parsing.document import parse_file
from parsing.model import ParsedPlan
from services.plan_review import review
from services.review_drafts import open_live
from storage.db import Database
from storage.models import Assignment, PlanCorrection, PlanExtraction
from tests.services.gold_corrections import FIXTURES, SCORER_PATH, commands_toward, f1

PLANS = ("2f6f80b9918e52de", "31fb08f34535fce3", "192068354fd1ffe5", "8e9a425dd83e56b3")


@pytest.fixture
def cli(db: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setenv("DATABASE_URL", db.url)
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def run(cli: CliRunner, *args: str) -> tuple[int, str]:
    result = cli.invoke(app, list(args))
    return result.exit_code, result.output


def gold(stem: str) -> dict[str, object]:
    return json.loads((FIXTURES / f"{stem}.gold.json").read_text(encoding="utf-8"))


def import_plan_file(cli: CliRunner, path: Path) -> int:
    code, out = run(cli, "plans", "import", str(path))
    assert code == 0, out
    return int(re.search(r"#(\d+)", out).group(1))  # type: ignore[union-attr]


def commands_for(db: Database, plan_id: int, stem: str) -> list[str]:
    with db.session() as s:
        draft = open_live(s, plan_id=plan_id)
        assert draft is not None
        rv = review(s, draft, default_province="Đồng Nai")
        commands, direct = commands_toward(gold(stem), rv.corrected)
    assert not direct  # every fix is a command an admin can type
    return commands


def score(pred_dir: Path, gold_dir: Path) -> str:
    """The TOTAL line of the shared scorer, run as a program on the exported files."""
    out = subprocess.run(
        [sys.executable, str(SCORER_PATH), "--gold", str(gold_dir), "--pred", str(pred_dir)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return next(line for line in out.splitlines() if line.startswith("TOTAL"))


@pytest.mark.parametrize("stem", PLANS)
def test_export_of_a_corrected_plan_scores_one(
    cli: CliRunner, db: Database, tmp_path: Path, stem: str
) -> None:
    """Import a real plan, correct it with typed commands (`plans edit --file`), export it: the
    scorer gives 1.00 against the gold file the corrections were made from, in unit-role and deadline
    terms. Re-importing the same file keeps the corrections (the export still scores 1.00)."""
    plan_file = FIXTURES / f"{stem}.md"
    before = f1(gold(stem), parse_file(plan_file).to_schema())
    plan_id = import_plan_file(cli, plan_file)
    commands = commands_for(db, plan_id, stem)
    assert commands or before == (1.0, 1.0)
    script = tmp_path / "fixes.txt"
    script.write_text("# corrections\n" + "\n".join(commands) + "\n", encoding="utf-8")
    code, out = run(cli, "plans", "edit", str(plan_id), "--file", str(script))
    assert code == 0, out
    assert "không còn áp dụng" not in out and "trích xuất đã đúng" not in out

    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir()
    pred_dir.mkdir()
    shutil.copy(FIXTURES / f"{stem}.gold.json", gold_dir / f"{stem}.json")
    code, out = run(cli, "plans", "export-json", str(plan_id), "--out", str(pred_dir / f"{stem}.json"))
    assert code == 0, out
    total = score(pred_dir, gold_dir)
    assert "unit-role P=1.00 R=1.00 F1=1.00" in total and "deadline P=1.00 R=1.00 F1=1.00" in total, total
    assert "number 1/1 date 1/1" in total

    code, out = run(cli, "plans", "import", str(plan_file))  # the same file again
    assert code == 0 and (("áp dụng lại" in out) == bool(commands)), out
    run(cli, "plans", "export-json", str(plan_id), "--out", str(pred_dir / f"{stem}.json"))
    assert "F1=1.00 | deadline P=1.00 R=1.00 F1=1.00" in score(pred_dir, gold_dir)
    exported = json.loads((pred_dir / f"{stem}.json").read_text(encoding="utf-8"))
    assert set(exported) >= {"plan", "assignments", "deadlines", "notes"}


def test_edit_show_diff_and_undo(cli: CliRunner, db: Database) -> None:
    plan_id = import_plan_file(cli, FIXTURES / "2f6f80b9918e52de.md")
    code, out = run(cli, "plans", "edit", str(plan_id))
    assert code == 0 and "Cần xem" in out and "Theo đơn vị" in out and "d1 " in out, out
    assert out.index("Cần xem") < out.index("Theo đơn vị")  # doubts first
    with db.session() as s:
        first = s.exec(
            select(Assignment).where(Assignment.plan_id == plan_id).order_by(Assignment.position)
        ).first()
        assert first is not None
        was_role = first.role
    code, out = run(cli, "plans", "edit", str(plan_id), "vai", "1")
    assert code == 0 and "Đã lưu 1 sửa đổi" in out, out
    with db.session() as s:
        stored = s.exec(select(PlanCorrection)).all()
        assert [(c.op, c.author.startswith("cli:"), c.status) for c in stored] == [
            ("set_role", True, "applied")
        ]
        assert s.get(PlanExtraction, plan_id) is not None
        row = s.exec(
            select(Assignment).where(Assignment.plan_id == plan_id).order_by(Assignment.position)
        ).first()
        assert row is not None and row.role != was_role
    code, out = run(cli, "plans", "diff", str(plan_id), "--lang", "en")
    assert code == 0 and "1 corrections" in out and "~ #1" in out, out
    code, out = run(cli, "plans", "edit", str(plan_id), "undo")
    assert code == 0, out
    with db.session() as s:
        assert s.exec(select(PlanCorrection)).all() == []
        row = s.exec(
            select(Assignment).where(Assignment.plan_id == plan_id).order_by(Assignment.position)
        ).first()
        assert row is not None and row.role == was_role


@pytest.mark.parametrize(
    ("words", "code", "needle"),
    [
        (["xoa", "999"], 1, "Không có nhiệm vụ 999"),
        (["vai", "h1"], 1, "vai 12"),
        (["ai", "phu", "trach"], 2, "Không hiểu lệnh"),
        (["han", "h1", "31/2/2026"], 1, "Không đọc được ngày"),
        (["hoan", "tac"], 2, "chỉ dùng trong chat"),
    ],
)
def test_edit_refuses_what_it_cannot_do(cli: CliRunner, words: list[str], code: int, needle: str) -> None:
    plan_id = import_plan_file(cli, FIXTURES / "2f6f80b9918e52de.md")
    got, out = run(cli, "plans", "edit", str(plan_id), *words)
    assert got == code and needle in out, out
    got, out = run(cli, "plans", "edit", "9999", "vai", "1")
    assert got == 1 and "Không có kế hoạch #9999" in out


def test_reimport_reapplies_corrections_to_a_new_extraction_and_reports_those_gone(
    cli: CliRunner, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The extractor changes (its rewrite): the same file parses differently. A re-import applies the
    stored corrections to the new extraction; one whose row is gone is reported, and kept."""
    plan_file = FIXTURES / "2f6f80b9918e52de.md"
    plan_id = import_plan_file(cli, plan_file)
    original = parse_file(plan_file)
    assert run(cli, "plans", "edit", str(plan_id), "vai", "1")[0] == 0
    assert run(cli, "plans", "edit", str(plan_id), "xoa", "2")[0] == 0
    changed = ParsedPlan(
        header=original.header,
        assignments=[original.assignments[0], *original.assignments[2:]],  # row 2 no longer read
        deadlines=original.deadlines,
    )
    monkeypatch.setattr("parsing.document.parse_reading", lambda reading, **_: changed)
    code, out = run(cli, "plans", "import", str(plan_file))
    assert code == 0 and "áp dụng lại 2 sửa đổi" in out and "không còn áp dụng" in out, out
    with db.session() as s:
        statuses = [c.status for c in s.exec(select(PlanCorrection).order_by(PlanCorrection.seq))]
        assert statuses == ["applied", "stale"]
        roles = [a.role for a in s.exec(select(Assignment).where(Assignment.plan_id == plan_id))]
        assert len(roles) == len(changed.assignments)
        first = s.exec(
            select(Assignment).where(Assignment.plan_id == plan_id).order_by(Assignment.position)
        ).first()
        assert first is not None and first.role != original.assignments[0].role  # the role fix holds
