"""Held-out plans (tests/parsing/heldout*): labelled before the extractor was run on them.

They stand in for plans the extractor has never seen. Round 1: annex task tables, shared-head lists ("Sở Nội
vụ, Tài chính, Tư pháp"), post-2025 commune units, OCR line breaks, colon heads. Round 2: a Sở-issued
plan (its own phòng and centres), a Huyện ủy plan ("1-" numbering, "Số 45-KH/HU"), a Word export whose
part numbers were lost (bare capitals titles, CRLF), an OCR'd district plan (hyphenated syllables,
running page headers, interleaved signature and "Nơi nhận"). Round 3: decimal numbering with bold run-in
unit heads under "PHÂN CÔNG NHIỆM VỤ", a post-2025 ward plan, a party programme whose assignments are
unheaded closing paragraphs, a task table flattened one cell per line. Round 4: long unit-list heading
lines ("Đề nghị Cục Thuế tỉnh, Kho bạc Nhà nước tỉnh, Ngân hàng Nhà nước chi nhánh tỉnh"), unnumbered
unit-led paragraphs, PDF hard wraps, colon heads with bracketed standing roles, a Ban Chỉ đạo issuer, a
commune Word export with a pipe annex. Round 5: a real .docx (bold run-in heads, Word bullets, an annex table
with merged cells), a joint UBND-MTTQ plan with two signature blocks before "Nơi nhận", implementation
items addressed to job titles ("Giám đốc Sở Y tế", "Chủ tịch UBND tỉnh yêu cầu:"), prose deadlines ("trước
17h00 ngày 25/11/2025", "trước ngày 15/6 và 15/12 hằng năm"), an OCR'd commune party plan ("Uy ban",
"Dảng ủy", "Ð", a table of contents, footnotes). The floor is what the extractor reached after the generic
fixes they exposed, so any regression fails.

Round 6 (heldout6, labelled by someone who had not seen the extractor): a national steering committee's
plan whose items carry "a) Cơ quan chủ trì" labels over bullet lists, the National Assembly party
delegation's plan ("Tổ đảng ở Thường trực Ủy ban ...", "*" bullets), five commune Front plans that assign
to offices held by people ("Đồng chí Phó chủ tịch Thường trực, phụ trách lĩnh vực ..."), a Prime
Minister's decision read by OCR, a provincial directive. Measured blind: unit-role F1 0.47, deadline F1
0.07; the floor below is the set's total after the generic fixes they exposed (per plan they differ, and
two labelling choices there disagree with the development gold, so the set is held as a whole).

Round 7 (heldout7, labelled blind the same way): national documents as the Official Gazette publishes
them (its running head on every page, a digital signature's stamp, annex task tables that the PDF's text
extraction printed one wrapped cell after another), a province's programme copied from a law library with
its breadcrumbs before every section, a city's rule whose articles name a unit and "có nhiệm vụ". Measured
blind: unit-role F1 0.55, deadline F1 0.31, numbers 2/8; the floor is the set's total after the generic
fixes they exposed.

Round 8 (heldout8, labelled blind): two more gazette texts, a Government resolution whose annex table
the extraction broke one word per line and a Prime Minister's decision whose class of units announces
its duties in a list ("Cụ thể:" on its own line). Measured blind: unit-role F1 0.71, deadline F1 0.87.

Round 9 (heldout9, labelled blind): a province's plans with a pipe table written without its outer bars,
two ministries' plans whose annex is a table of column names followed by cells one per line, a Prime
Minister's directive ("Các Bộ: Công Thương, Xây dựng, ..."), Government resolutions whose gazette annex
wraps "chủ trì" inside a column name, a steering committee named by its short name. Measured blind:
unit-role F1 0.59, deadline F1 0.54, dates 7/8.

Round 10 (heldout10, labelled blind): three directive letters (công văn) of a province and of its party
committee, whose duties stand under each unit's heading with no part titles. Measured blind: unit-role
F1 0.73, deadline F1 0.86; held as measured.

Round 11 (heldout11, labelled blind): two plans of a commune's Fatherland Front committee ("1. Nội dung:
Ban Thường trực ... phối hợp ...", a heading "Đề nghị UBND xã phối hợp" over bullets with verbs of their
own, "Từ ngày 05/02/2026 - 08/02/2026: ..."), a Prime Minister's decision with an annex task table, a
notice of conclusions, and two letters as `pdftotext -layout` gives them (numbered items with no parts,
wrapped lines at the margin, an opening "kính đề nghị UBND các tỉnh ..., cụ thể như sau:" whose items name
no one). Measured blind: unit-role F1 0.60, deadline F1 0.70; the floor is the set's total after the
generic fixes they exposed (0.83 / 0.94 by the scorer).

Round 12 (heldout12, labelled blind): a commune Front's guidance, a province's decisions (a regulation;
duties handed down article by article), a department's letter that quotes the law at length ("1. Yêu
cầu đối với các tổ chức, cá nhân được cấp giấy phép ...", reports "nộp trước ngày 15 tháng 02 của năm
liền kề"), a Prime Minister's directive and decisions (a national plan printed without its decision: its
number only in "(Kèm theo Quyết định số ...)"), a Government resolution. Measured blind: unit-role F1
0.78, deadline F1 0.88, numbers 7/8; held after the fixes they exposed (0.81 / 0.85 by the scorer: the
letter's items are now read, and with them deadlines of the law it quotes).

Round 13 (heldout13, labelled blind): a ministry's circular on periodic reporting, an inspection team's
plan that assigns to named people, two letters, two Prime Minister's decisions whose ministries head "-"
items over their "+" duties. Measured blind: unit-role F1 0.39, deadline F1 0.00; held after the fixes
they exposed (0.74 / 0.53 by the scorer; people named as performers are not read).

Round 14 (heldout14, labelled blind): two Government decrees (a chapter of duties article by article,
"Điều 28. Nhiệm vụ, quyền hạn của Bộ Tài chính"), a ministry's circular, a commune Front's plan and
guidance (a dated reporting schedule "a. ... b. ... <paragraph> c. ...", "trong ngày 15/3/2026") and a
decision setting up a team. Measured blind: unit-role F1 0.45, deadline F1 0.50; held after the fixes
they exposed (0.67 / 0.90 by the scorer).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from parsing.document import parse_file
from parsing.extract import parse_text

from .test_extract_gold import (
    _deadline_keys,
    _f1,
    _greedy,
    _same_deadline,
    _same_unit_role,
    _unit_roles,
)

HERE = Path(__file__).resolve().parent
# (set, unit-role and deadline F1 floor)
FLOORS = {"heldout": 0.95, "heldout2": 1.0, "heldout3": 1.0, "heldout4": 1.0, "heldout5": 1.0}
CASES = [f for name in FLOORS for f in sorted((HERE / name).glob("*.json"))]


def test_heldout_sets_are_present() -> None:
    assert len(list((HERE / "heldout").glob("*.json"))) >= 5
    assert len(list((HERE / "heldout2").glob("*.json"))) >= 4
    assert len(list((HERE / "heldout3").glob("*.json"))) >= 4
    assert len(list((HERE / "heldout4").glob("*.json"))) >= 5
    assert len(list((HERE / "heldout5").glob("*.json"))) >= 5


def _predict(gold_file: Path) -> dict[str, Any]:
    for suffix in (".txt", ".md"):
        plan = gold_file.with_suffix(suffix)
        if plan.exists():
            return parse_text(plan.read_text(encoding="utf-8"), source=plan.name).to_schema()
    return parse_file(gold_file.with_suffix(".docx")).to_schema()  # a real Word file, read as an upload


# Sets held as a whole: (plans at least, numbers that may be unreadable, unit-role floor, deadline floor).
SETS = {
    # one plan's number is garbled by OCR ("0£ /QD-TTg") and cannot be read from its text
    "heldout6": (9, 1, 0.87, 0.95),
    "heldout7": (8, 0, 0.83, 0.86),
    "heldout8": (2, 0, 0.78, 0.85),
    "heldout9": (8, 0, 0.74, 0.93),
    "heldout10": (3, 0, 0.71, 0.83),
    "heldout11": (6, 0, 0.82, 0.92),
    "heldout12": (8, 0, 0.80, 0.82),
    "heldout13": (6, 0, 0.70, 0.50),
    "heldout14": (6, 0, 0.62, 0.85),
}


@pytest.mark.parametrize("name", sorted(SETS))
def test_heldout_set_as_a_whole(name: str) -> None:
    least, unreadable, ur_floor, dl_floor = SETS[name]
    golds = sorted((HERE / name).glob("*.json"))
    assert len(golds) >= least
    ur = [0, 0, 0]
    dl = [0, 0, 0]
    numbers = dates = 0
    for gold_file in golds:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        pred = _predict(gold_file)
        numbers += pred["plan"]["number"] == gold["plan"]["number"]
        dates += pred["plan"]["issued_on"] == gold["plan"]["issued_on"]
        g_ur, p_ur = _unit_roles(gold["assignments"]), _unit_roles(pred["assignments"])
        g_dl, p_dl = _deadline_keys(gold["deadlines"]), _deadline_keys(pred["deadlines"])
        for acc, tp, g, p in (
            (ur, _greedy(g_ur, p_ur, _same_unit_role), len(g_ur), len(p_ur)),
            (dl, _greedy(g_dl, p_dl, _same_deadline), len(g_dl), len(p_dl)),
        ):
            acc[0], acc[1], acc[2] = acc[0] + tp, acc[1] + g, acc[2] + p
    assert numbers >= len(golds) - unreadable and dates == len(golds)
    assert _f1(*ur) >= ur_floor, ur
    assert _f1(*dl) >= dl_floor, dl


@pytest.mark.parametrize("gold_file", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_heldout_plan(gold_file: Path) -> None:
    floor = FLOORS[gold_file.parent.name]
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    pred = _predict(gold_file)

    assert pred["plan"]["number"] == gold["plan"]["number"]
    assert pred["plan"]["issued_on"] == gold["plan"]["issued_on"]

    g_ur, p_ur = _unit_roles(gold["assignments"]), _unit_roles(pred["assignments"])
    assert _f1(_greedy(g_ur, p_ur, _same_unit_role), len(g_ur), len(p_ur)) >= floor, (g_ur, p_ur)

    g_dl, p_dl = _deadline_keys(gold["deadlines"]), _deadline_keys(pred["deadlines"])
    assert _f1(_greedy(g_dl, p_dl, _same_deadline), len(g_dl), len(p_dl)) >= floor, (g_dl, p_dl)
