"""The unit directory: matching however a unit is written, jurisdictions, classes and successors."""

from __future__ import annotations

import unicodedata

import pytest
from sqlmodel import Session

from services import jurisdictions
from services.unit_changes import add_alias, ensure_unit, merge_into, rename_unit
from services.unit_classes import classes_of_unit, classify_group, members_of_class
from services.unit_names import UnitKind, kind_of, name_key
from services.units import follow_successor, predecessor_ids, resolve_unit, search_units, units_owing
from storage.db import Database
from storage.enums import Level
from storage.models import Deadline, DeadlineParty, Plan


@pytest.mark.parametrize(
    ("written", "full"),
    [
        ("Sở VH,TT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở VHTTDL", "Sở Văn hóa Thể thao và Du lịch"),
        ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
        ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
        ("Sở KH & ĐT", "Sở Kế hoạch và Đầu tư"),
        ("Đài PT-TH", "Đài Phát thanh và Truyền hình"),
        ("UBMTTQ tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
        ("MTTQ tỉnh", "Ủy ban Mặt trận Tổ quốc"),
        ("LHCTCHN", "Liên hiệp các tổ chức hữu nghị tỉnh"),
        ("SNgV", "Sở Ngoại vụ"),
        ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
        ("so ngoai vu", "SỞ NGOẠI VỤ"),
        ("Sở Ngoại vụ tỉnh Đồng Nai", "Sở Ngoại vụ"),
        ("Sở Ngoại vụ cấp tỉnh", "Sở Ngoại vụ"),
        (unicodedata.normalize("NFD", "Sở Tài chính"), "Sở Tài chính"),
    ],
)
def test_name_keys_agree_however_written(written: str, full: str) -> None:
    assert name_key(written, places=("dong nai",)) == name_key(full, places=("dong nai",))


def test_keys_keep_what_distinguishes_units() -> None:
    assert name_key("Ban Tuyên giáo Tỉnh ủy") != name_key("Ban Tuyên giáo")
    assert name_key("Sở Tài chính") != name_key("Sở Tư pháp")
    assert (
        name_key("Sở Lao động - Thương binh và Xã hội") == "so lao dong thuong binh xa hoi"
    )  # no "xã" place


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Sở Ngoại vụ", UnitKind.so),
        ("UBND huyện Kỳ Sơn", UnitKind.ubnd),
        ("Ban cán sự đảng UBND tỉnh", UnitKind.dang),
        ("Ban Tuyên giáo Tỉnh ủy", UnitKind.dang),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", UnitKind.mttq),
        ("Báo Đồng Nai", UnitKind.bao_chi),
        ("Đài PT-TH Đồng Nai", UnitKind.dai),
        ("Văn phòng UBND tỉnh", UnitKind.van_phong),
        ("Tỉnh đoàn", UnitKind.doan_the),
        ("Hội Liên hiệp Phụ nữ tỉnh", UnitKind.doan_the),
        ("Liên hiệp các tổ chức hữu nghị tỉnh", UnitKind.hoi),
        ("Công an tỉnh", UnitKind.cong_an),
        ("Bộ Chỉ huy Quân sự tỉnh", UnitKind.quan_su),
        ("Ban Dân tộc", UnitKind.ban),
    ],
)
def test_kinds(name: str, kind: UnitKind) -> None:
    assert kind_of(name_key(name, places=("dong nai",))) == kind


def _provinces(session: Session) -> tuple[int, int]:
    dn = jurisdictions.ensure_province(session, "Đồng Nai")
    hg = jurisdictions.ensure_province(session, "Hậu Giang")
    assert dn.id is not None and hg.id is not None
    return dn.id, hg.id


def test_resolve_within_jurisdiction(db: Database) -> None:
    with db.session() as s:
        dn, hg = _provinces(s)
        vh = ensure_unit(s, name="Sở Văn hóa, Thể thao và Du lịch tỉnh Đồng Nai", jurisdiction_id=dn)
        assert vh.name == "Sở Văn hóa, Thể thao và Du lịch" and vh.kind == "so"
        for written in (
            "Sở VH,TT&DL",
            "Sở VHTTDL",
            "so van hoa the thao va du lich",
            "Sở VHTTDL tỉnh Đồng Nai",
            unicodedata.normalize("NFD", "Sở Văn hóa Thể thao và Du lịch"),
        ):
            assert resolve_unit(s, name=written, jurisdiction_id=dn) is vh, written
        # Same department, other province: a different unit.
        assert resolve_unit(s, name="Sở VHTTDL", jurisdiction_id=hg) is None
        tc_dn = ensure_unit(s, name="Sở Tài chính", jurisdiction_id=dn)
        tc_hg = ensure_unit(s, name="Sở Tài chính", jurisdiction_id=hg)
        assert tc_dn.id != tc_hg.id
        # A province in the name wins over the base jurisdiction.
        assert resolve_unit(s, name="Sở Tài chính tỉnh Hậu Giang", jurisdiction_id=dn) is tc_hg
        # ensure_unit is idempotent however the name is written.
        assert ensure_unit(s, name="Sở VH,TT&DL", jurisdiction_id=dn) is vh


def test_units_named_with_a_district_live_in_that_district(db: Database) -> None:
    with db.session() as s:
        na = jurisdictions.ensure_province(s, "Nghệ An")
        assert na.id is not None
        ks = ensure_unit(s, name="UBND huyện Kỳ Sơn", jurisdiction_id=na.id)
        td = ensure_unit(s, name="Ủy ban nhân dân huyện Tương Dương", jurisdiction_id=na.id)
        province_committee = ensure_unit(s, name="UBND tỉnh", jurisdiction_id=na.id)
        district = s.get(jurisdictions.Jurisdiction, ks.jurisdiction_id)
        assert district is not None and district.level == Level.district and district.parent_id == na.id
        assert district.name == "Kỳ Sơn"
        other = ensure_unit(s, name="Sở Tài chính tỉnh Hậu Giang", jurisdiction_id=na.id)
        assert s.get(jurisdictions.Jurisdiction, other.jurisdiction_id).name == "Hậu Giang"
        assert ks.id != td.id and province_committee.jurisdiction_id == na.id
        assert resolve_unit(s, name="ubnd huyen ky son", jurisdiction_id=na.id) is ks


def test_unknown_abbreviation_matches_by_initials(db: Database) -> None:
    with db.session() as s:
        dn, _ = _provinces(s)
        gd = ensure_unit(s, name="Sở Giáo dục và Đào tạo", jurisdiction_id=dn)
        assert resolve_unit(s, name="Sở GD&ĐT", jurisdiction_id=dn) is gd
        assert resolve_unit(s, name="Sở XYZ", jurisdiction_id=dn) is None


def test_alias_and_rename(db: Database) -> None:
    with db.session() as s:
        dn, _ = _provinces(s)
        unit = ensure_unit(s, name="Liên hiệp các tổ chức hữu nghị tỉnh Đồng Nai", jurisdiction_id=dn)
        assert add_alias(s, unit=unit, alias="Hội hữu nghị") is not None
        assert resolve_unit(s, name="hoi huu nghi", jurisdiction_id=dn) is unit
        rename_unit(s, unit=unit, name="Liên hiệp các tổ chức hữu nghị Đồng Nai mới")
        assert resolve_unit(s, name="LHCTCHN", jurisdiction_id=dn) is unit  # old name kept as an alias


def test_search_units_as_officers_type(db: Database) -> None:
    with db.session() as s:
        dn, hg = _provinces(s)
        tc_dn = ensure_unit(s, name="Sở Tài chính", jurisdiction_id=dn)
        tc_hg = ensure_unit(s, name="Sở Tài chính", jurisdiction_id=hg)
        ensure_unit(s, name="Sở Tư pháp", jurisdiction_id=dn)
        best = search_units(s, query="so tai chinh dong nai")
        assert best[0].unit is tc_dn and best[0].score == 100
        assert all(m.unit is not tc_hg for m in best)
        both = search_units(s, query="Sở Tài chính")
        assert {m.unit.id for m in both[:2]} == {tc_dn.id, tc_hg.id}
        typo = search_units(s, query="so tai chin", jurisdiction_id=hg)
        assert typo[0].unit is tc_hg
        assert search_units(s, query="zzzz qqqq") == []


def test_2025_mergers_apply_per_province(db: Database) -> None:
    with db.session() as s:
        dn, hg = _provinces(s)
        khdt = ensure_unit(s, name="Sở KH&ĐT", jurisdiction_id=dn)
        tc = resolve_unit(s, name="Sở Tài chính", jurisdiction_id=dn)
        assert tc is not None and follow_successor(s, unit=khdt) is tc and not khdt.active
        assert khdt.id in predecessor_ids(s, unit_id=tc.id or 0)
        assert resolve_unit(s, name="Sở Tài chính", jurisdiction_id=hg) is None  # per province
        tnmt = ensure_unit(s, name="Sở Tài nguyên và Môi trường", jurisdiction_id=hg)
        nn = ensure_unit(s, name="Sở Nông nghiệp và PTNT", jurisdiction_id=hg)
        assert follow_successor(s, unit=tnmt).id == follow_successor(s, unit=nn).id
        assert follow_successor(s, unit=nn).name == "Sở Nông nghiệp và Môi trường"
        tttt = ensure_unit(s, name="Sở TT&TT", jurisdiction_id=dn)
        assert follow_successor(s, unit=tttt).name == "Sở Khoa học và Công nghệ"
        ld = ensure_unit(s, name="Sở LĐ-TB&XH", jurisdiction_id=dn)
        assert ld.needs_review and ld.successor_id is None and follow_successor(s, unit=ld) is ld


def test_manual_merge_and_cycles(db: Database) -> None:
    with db.session() as s:
        dn, _ = _provinces(s)
        a = ensure_unit(s, name="Ban Dân tộc", jurisdiction_id=dn)
        b = ensure_unit(s, name="Sở Dân tộc và Tôn giáo", jurisdiction_id=dn)
        merge_into(s, old=a, new=b)
        assert follow_successor(s, unit=a) is b
        with pytest.raises(ValueError):
            merge_into(s, old=b, new=a)


def test_group_phrases() -> None:
    assert classify_group("các sở, ban, ngành (tỉnh)") == "departments"
    assert classify_group("UBND các huyện, thị xã, thành phố") == "district_committees"
    assert classify_group("Ủy ban nhân dân các xã, phường") == "commune_committees"
    assert classify_group("các tổ chức chính trị - xã hội") == "socio_political_orgs"
    assert classify_group("các cơ quan báo chí") == "press"
    assert classify_group("cấp ủy, chính quyền các cấp") == "all_levels"
    assert classify_group("các Sở, Ban, ngành, đoàn thể") == "departments_and_mass_orgs"
    assert classify_group("các cơ quan liên quan") is None  # a catch-all names nobody
    assert classify_group("Sở Tài chính") is None


def test_classes_reach_members_of_their_jurisdiction(db: Database) -> None:
    with db.session() as s:
        dn, hg = _provinces(s)
        tc = ensure_unit(s, name="Sở Tài chính", jurisdiction_id=dn)
        ensure_unit(s, name="Sở Tài chính", jurisdiction_id=hg)
        mttq = ensure_unit(s, name="UBMTTQ tỉnh", jurisdiction_id=dn)
        bh = ensure_unit(s, name="UBND thành phố Biên Hòa", jurisdiction_id=dn)
        ensure_unit(s, name="UBND tỉnh", jurisdiction_id=dn)
        departments = members_of_class(s, group_key="departments", jurisdiction_id=dn)
        assert [u.id for u in departments] == [tc.id]
        assert [u.id for u in members_of_class(s, group_key="district_committees", jurisdiction_id=dn)] == [
            bh.id
        ]
        assert mttq in members_of_class(s, group_key="socio_political_orgs", jurisdiction_id=dn)
        assert ("departments", dn) in classes_of_unit(s, unit=tc)
        assert ("district_committees", dn) in classes_of_unit(s, unit=bh)
        # classes_of_unit is the inverse of members_of_class.
        for key, jid in classes_of_unit(s, unit=bh):
            assert bh in members_of_class(s, group_key=key, jurisdiction_id=jid)


def test_units_owing_follow_successors_and_classes(db: Database) -> None:
    with db.session() as s:
        dn, _ = _provinces(s)
        khdt = ensure_unit(s, name="Sở Kế hoạch và Đầu tư", jurisdiction_id=dn)
        ld = ensure_unit(s, name="Sở Lao động - Thương binh và Xã hội", jurisdiction_id=dn)
        bh = ensure_unit(s, name="UBND thành phố Biên Hòa", jurisdiction_id=dn)
        plan = Plan(identity="x", source_name="x.txt", source_hash="h", jurisdiction_id=dn)
        s.add(plan)
        s.flush()
        assert plan.id is not None
        deadline = Deadline(plan_id=plan.id, unit_text="...", source="...")
        s.add(deadline)
        s.flush()
        assert deadline.id is not None
        for unit_id, group in ((khdt.id, None), (ld.id, None), (None, "district_committees")):
            s.add(DeadlineParty(deadline_id=deadline.id, unit_id=unit_id, group_key=group, unit_text="..."))
        s.flush()
        owing = {u.name for u in units_owing(s, deadline=deadline)}
        assert owing == {"Sở Tài chính", "Sở Lao động - Thương binh và Xã hội", bh.name}
