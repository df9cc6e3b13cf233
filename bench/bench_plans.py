"""Plan database benchmark: parse speed, import speed, and "what is unit X responsible for" latency.

"Unit duties" is what the bot does for "what is my unit responsible for": the first page (as many
duties as a Telegram message takes, handlers.duties.per_page) with the total count; the whole list
(what `dutybot ask` prints) is timed too.

    uv run python bench/bench_plans.py [--plans 1000] [--per-plan 100] [--queries 300]

Prints one table. The import/query data set is synthetic but shaped like the real plans: 10 provinces,
each plan issued by a province's UBND, naming its departments, district committees, mass organisations
and press (written with the abbreviations and province suffixes real plans use) plus a few classes
("các sở, ban, ngành", "UBND các huyện, thành phố" ...), and three deadlines. The database is a SQLite
file migrated by Alembic, as in production.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.channels.telegram_out import CAPS as TELEGRAM  # noqa: E402
from handlers.duties import per_page  # noqa: E402
from parsing.document import parse_file  # noqa: E402
from parsing.model import ParsedAssignment, ParsedDeadline, ParsedPlan, PlanHeader  # noqa: E402
from services.duties import unit_duties  # noqa: E402
from services.importer import import_plan  # noqa: E402
from services.topics import who_is_responsible  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import Unit  # noqa: E402

PROVINCES = [
    "Đồng Nai",
    "Hậu Giang",
    "Nghệ An",
    "Lào Cai",
    "Quảng Ninh",
    "Bình Định",
    "Gia Lai",
    "An Giang",
    "Thái Nguyên",
    "Khánh Hòa",
]
UNITS = [
    "Sở Ngoại vụ",
    "SNgV",
    "Sở Tài chính",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Y tế",
    "Sở Xây dựng",
    "Sở Công Thương",
    "Sở Giáo dục và Đào tạo",
    "Sở GD&ĐT",
    "Sở Kế hoạch và Đầu tư",
    "Sở KH&ĐT",
    "Sở Thông tin và Truyền thông",
    "Sở TT&TT",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở VH,TT&DL",
    "Sở Khoa học và Công nghệ",
    "Sở Tài nguyên và Môi trường",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Giao thông vận tải",
    "Sở Lao động - Thương binh và Xã hội",
    "Ban Dân tộc",
    "Văn phòng UBND tỉnh",
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "UBMTTQ tỉnh",
    "Tỉnh đoàn",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "Hội Nông dân tỉnh",
    "Hội Cựu chiến binh tỉnh",
    "Liên đoàn Lao động tỉnh",
    "Liên hiệp các tổ chức hữu nghị tỉnh",
    "Đài Phát thanh và Truyền hình",
    "Đài PT-TH",
    "Báo tỉnh",
    "Cục Thuế tỉnh",
    "Kho bạc Nhà nước tỉnh",
    "Ban Quản lý các khu công nghiệp",
    "Thanh tra tỉnh",
] + [f"UBND huyện {name}" for name in ("Một", "Hai", "Ba", "Bốn", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười")]
GROUPS = [
    "các sở, ban, ngành",
    "UBND các huyện, thành phố",
    "các tổ chức chính trị - xã hội",
    "các Sở, Ban, ngành, đoàn thể",
    "các cơ quan báo chí",
]
TOPICS = [
    "viện trợ phi chính phủ",
    "đối ngoại nhân dân",
    "hợp tác quốc tế",
    "kinh phí hoạt động",
    "tuyên truyền",
    "an ninh chính trị",
    "đào tạo bồi dưỡng",
    "thông tin đối ngoại",
    "xúc tiến đầu tư",
]


def synthetic_plan(index: int, per_plan: int, rng: random.Random) -> ParsedPlan:
    province = PROVINCES[index % len(PROVINCES)]
    assignments = []
    for position in range(per_plan):
        group = position % 20 == 0
        unit = rng.choice(GROUPS) if group else rng.choice(UNITS)
        if not group and rng.random() < 0.2:
            unit = f"{unit} {province}" if unit.endswith("tỉnh") else unit
        topic = rng.choice(TOPICS)
        duty = f"chủ trì, phối hợp triển khai nhiệm vụ số {position} về {topic} trên địa bàn tỉnh {province}"
        assignments.append(
            ParsedAssignment(
                unit=unit,
                group=group,
                role=rng.choice(["lead", "lead", "support"]),
                duty=duty,
                section=f"III.{position % 12 + 1}",
                source=duty,
            )
        )
    deadlines = [
        ParsedDeadline(
            unit="các sở, ban, ngành; UBND các huyện, thành phố",
            action="report",
            recurrence="yearly",
            due="11-15",
            text=f"báo cáo kết quả trước ngày 15/11 hằng năm ({index})",
            to="Sở Ngoại vụ",
        ),
        ParsedDeadline(
            unit="Sở Ngoại vụ",
            action="report",
            recurrence="quarterly",
            due=None,
            text=f"định kỳ hằng quý báo cáo UBND tỉnh ({index})",
        ),
        ParsedDeadline(
            unit="Văn phòng UBND tỉnh",
            action="deliver",
            recurrence="once",
            due="2026-06-30",
            text=f"hoàn thành trước ngày 30/6/2026 ({index})",
        ),
    ]
    header = PlanHeader(
        number=f"{index}/KH-UBND",
        issuer=f"UBND tỉnh {province}",
        issued_on=dt.date(2020, 1, 1) + dt.timedelta(days=index),
        title=f"Kế hoạch thử số {index}",
    )
    return ParsedPlan(header=header, assignments=assignments, deadlines=deadlines)


def bench_parse(seconds: float) -> tuple[float, str, int]:
    files = sorted((ROOT / "data" / "plans").glob("*.txt"))
    target = min(files, key=lambda p: abs(p.stat().st_size - 20_000))
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        parse_file(target)
        count += 1
    return count / (time.perf_counter() - start), target.name, target.stat().st_size


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--per-plan", type=int, default=100)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(20250701)

    parse_rate, parse_file_name, parse_size = bench_parse(2.0)

    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        db.migrate()
        plans = [synthetic_plan(i, args.per_plan, rng) for i in range(args.plans)]
        start = time.perf_counter()
        for i, parsed in enumerate(plans):
            with db.session() as session:  # one transaction per plan, as `dutybot plans import` does
                import_plan(
                    session,
                    parsed=parsed,
                    source_name=f"{i}.txt",
                    content_hash=hashlib.sha256(str(i).encode()).hexdigest(),
                    default_province="Đồng Nai",
                )
        import_seconds = time.perf_counter() - start

        with db.session() as session:
            unit_ids = [u.id for u in session.exec(Unit.__table__.select()) if u.id is not None]  # type: ignore[attr-defined]
            from sqlmodel import func, select

            from storage.models import Assignment

            total_assignments = session.exec(select(func.count()).select_from(Assignment)).one()
        today = dt.date(2026, 3, 2)
        page = per_page(TELEGRAM)
        timings: list[float] = []
        full_timings: list[float] = []
        rows: list[int] = []
        with db.session() as session:
            for _ in range(20):  # warm-up
                unit_duties(session, unit_id=rng.choice(unit_ids), today=today, limit=page)
            for _ in range(args.queries):
                unit_id = rng.choice(unit_ids)
                start = time.perf_counter()
                result = unit_duties(session, unit_id=unit_id, today=today, limit=page)
                timings.append((time.perf_counter() - start) * 1000)
                rows.append(result.total)
                start = time.perf_counter()
                unit_duties(session, unit_id=unit_id, today=today)
                full_timings.append((time.perf_counter() - start) * 1000)
                session.expunge_all()
        topic_timings: list[float] = []
        with db.session() as session:
            for topic in TOPICS * 5:
                start = time.perf_counter()
                who_is_responsible(session, topic=topic)
                topic_timings.append((time.perf_counter() - start) * 1000)
        db.dispose()

    table = [
        (
            "plans parsed per second",
            f"{parse_rate:,.0f}/s",
            f"parse_file({parse_file_name}, {parse_size / 1000:.0f} KB)",
        ),
        (
            f"import {args.plans:,} plans into SQLite",
            f"{import_seconds:.1f} s",
            f"{args.plans / import_seconds:,.0f} plans/s, {total_assignments:,} assignments, "
            "one transaction each",
        ),
        (
            "unit duties p50 (first page)",
            f"{statistics.median(timings):.2f} ms",
            f"{args.queries} queries over {len(unit_ids)} units, {page} of "
            f"{statistics.mean(rows):.0f} duties/answer avg (Telegram page)",
        ),
        ("unit duties p95 (first page)", f"{percentile(timings, 0.95):.2f} ms", "goal: under 5 ms"),
        (
            "unit duties p50 (whole list)",
            f"{statistics.median(full_timings):.2f} ms",
            "every duty with its next deadline (dutybot ask)",
        ),
        ("unit duties p95 (whole list)", f"{percentile(full_timings, 0.95):.2f} ms", ""),
        (
            "who is responsible (topic) p50",
            f"{statistics.median(topic_timings):.1f} ms",
            "full-text index (FTS5) on folded duty_key",
        ),
        ("who is responsible (topic) p95", f"{percentile(topic_timings, 0.95):.1f} ms", "goal: under 20 ms"),
    ]
    width = max(len(r[0]) for r in table)
    print(f"{'measure':<{width}}  {'value':>12}  notes")
    print("-" * (width + 60))
    for name, value, note in table:
        print(f"{name:<{width}}  {value:>12}  {note}")


if __name__ == "__main__":
    main()
