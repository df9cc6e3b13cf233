"""Legacy Vietnamese encodings: the maps round-trip, detection picks them, and leaves Unicode alone."""

from __future__ import annotations

import codecs
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from parsing.encodings import decode_bytes, is_syllable, quality, repair_text
from parsing.errors import DocumentError
from parsing.legacy_encodings import TCVN3, VNI, decode_tcvn3, decode_vni, encode_tcvn3, encode_vni
from parsing.normalize import clean_text, tone_style
from parsing.vntext import fold
from tests.parsing.fixtures.docs.builders import PLAN_002, abc_expected, all_letters, to_cp1258

LETTERS = all_letters()  # 72 toned vowels + đ
CAPITALS = LETTERS.upper()  # ... + Đ
PARAGRAPH = (
    "Ủy ban nhân dân tỉnh Đồng Nai ban hành Kế hoạch; Sở Ngoại vụ chủ trì, phối hợp với các sở, ngành "
    "báo cáo kết quả thực hiện trước ngày 15/11 hằng năm. ĐỘC LẬP – TỰ DO – HẠNH PHÚC"
)


def plan_paragraph() -> str:
    """A real paragraph of plan 002 (section III.1, the Sở Ngoại vụ duties)."""
    text = Path(PLAN_002).read_text(encoding="utf-8")
    start = text.index("III. TỔ CHỨC THỰC HIỆN")
    return text[start : text.index("\n\n", start + 200)]


def test_alphabet_is_complete() -> None:
    assert len(LETTERS.split()) == 12 * 6 + 1
    assert len(set(LETTERS.split())) == 73


def test_vni_round_trips_every_letter_both_cases() -> None:
    for text in (LETTERS, CAPITALS, PARAGRAPH, plan_paragraph()):
        assert decode_vni(encode_vni(text).decode("cp1252")) == text


def test_vni_uses_two_byte_sequences() -> None:
    assert encode_vni("Việt Nam") == b"Vie\xe4t Nam"
    assert encode_vni("người") == b"ng\xf6\xf4\xf8i"
    assert encode_vni("ĐỒNG") == b"\xd1O\xc0NG"
    assert len(VNI) == 2 * (12 * 6 + 1 - 6)  # every letter but the plain a e i o u y, both cases


def test_tcvn3_round_trips_small_letters_and_all_capital_words() -> None:
    assert decode_tcvn3(encode_tcvn3(LETTERS).decode("latin-1")) == LETTERS
    # Capitals that have their own code (Ă Â Ê Ô Ơ Ư Đ) survive in any word.
    assert decode_tcvn3(encode_tcvn3("Đà Nẵng, Ưu tiên, Ông").decode("latin-1")) == "Đà Nẵng, Ưu tiên, Ông"
    # Toned capitals are small codes shown by the .VnTimeH font: recovered in all-capital lines.
    assert decode_tcvn3(encode_tcvn3(CAPITALS).decode("latin-1")) == CAPITALS
    assert decode_tcvn3(encode_tcvn3("KẾ HOẠCH").decode("latin-1")) == "KẾ HOẠCH"


def test_tcvn3_single_byte_codes() -> None:
    assert encode_tcvn3("Kế hoạch") == b"K\xd5 ho\xb9ch"
    assert encode_tcvn3("đ Đ ư Ư") == b"\xae \xa7 \xad \xa6"
    assert len(TCVN3) == (12 * 6 + 1 - 6) + 7  # every small letter but a e i o u y, + Ă Â Ê Ô Ơ Ư Đ


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv not installed")
def test_tcvn3_small_letters_agree_with_iconv() -> None:
    """glibc's TCVN5712-1 is an independent implementation of the same standard."""
    result = subprocess.run(
        ["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=LETTERS.encode(), capture_output=True, check=False
    )
    if result.returncode != 0:
        pytest.skip("iconv has no TCVN5712-1")
    assert result.stdout == encode_tcvn3(LETTERS)


def test_real_plan_paragraph_in_tcvn3_is_detected() -> None:
    text = plan_paragraph()
    assert decode_bytes(encode_tcvn3(text), source="p.txt") == abc_expected(text)


def test_real_plan_paragraph_in_vni_is_detected() -> None:
    text = plan_paragraph()
    assert decode_bytes(encode_vni(text), source="p.txt") == text


def test_whole_plan_in_each_encoding() -> None:
    text = Path(PLAN_002).read_text(encoding="utf-8")
    assert decode_bytes(encode_vni(text), source="p.txt") == text
    assert unicodedata.normalize("NFC", decode_bytes(to_cp1258(text), source="p.txt")) == text
    assert fold(decode_bytes(encode_tcvn3(text), source="p.txt")) == fold(text)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (PARAGRAPH.encode("utf-8"), PARAGRAPH),
        (codecs.BOM_UTF8 + PARAGRAPH.encode("utf-8"), PARAGRAPH),
        (PARAGRAPH.encode("utf-16"), PARAGRAPH),  # with BOM
        (PARAGRAPH.encode("utf-16-le"), PARAGRAPH),  # without BOM
        (PARAGRAPH.encode("utf-16-be"), PARAGRAPH),
        (PARAGRAPH.encode("utf-32"), PARAGRAPH),
    ],
)
def test_unicode_encodings(data: bytes, expected: str) -> None:
    assert decode_bytes(data, source="p.txt") == expected


def test_cp1258_combining_tones_become_nfc() -> None:
    raw = to_cp1258(PARAGRAPH)
    assert b"\xec" in raw or b"\xf2" in raw  # combining acute / dot below bytes are used
    assert clean_text(decode_bytes(raw, source="p.txt")) == PARAGRAPH


@pytest.mark.parametrize(
    "text",
    [
        "Plain ASCII plan, no accents at all: 15/11, (a), [b], 100%, #1, **bold**.",
        PARAGRAPH,
        unicodedata.normalize("NFD", PARAGRAPH),
        "Café, naïve, Noël, façade, Ångström, Müller; © 2020 «quoted» 30° ±2",
        "Hội nghị ASEAN – Nhật Bản tại Tōkyō; QĐ 123/QĐ-UBND; HĐND tỉnh.",
    ],
)
def test_utf8_is_never_rewritten(text: str) -> None:
    assert decode_bytes(text.encode("utf-8"), source="p.txt") == text


def test_double_encoded_utf8_is_repaired() -> None:
    # As Windows reads UTF-8 as 1252: the five unassigned bytes become U+0081.. control characters.
    mojibake = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in PARAGRAPH.encode())
    assert repair_text(mojibake, source="p.txt") == PARAGRAPH


def test_legacy_text_inside_unicode_documents_is_repaired() -> None:
    """.docx/.pdf runs typed in .VnTime / VNI-Times fonts reach us as Latin-1 characters."""
    assert repair_text(encode_vni(PARAGRAPH).decode("cp1252"), source="d.docx") == PARAGRAPH
    tcvn = encode_tcvn3(plan_paragraph()).decode("cp1252")
    assert repair_text(tcvn, source="d.docx") == abc_expected(plan_paragraph())


def test_unrepairable_mojibake_is_refused() -> None:
    garbled = PARAGRAPH.encode("utf-8").decode("cp1251", errors="replace")
    with pytest.raises(DocumentError) as info:
        decode_bytes(garbled.encode("utf-8"), source="x.txt")
    assert info.value.key == "bad_encoding"
    assert "x.txt" in info.value.detail


def test_replacement_characters_are_refused() -> None:
    lossy = "".join("\ufffd" if not c.isascii() else c for c in PARAGRAPH)
    with pytest.raises(DocumentError) as info:
        decode_bytes(lossy.encode("utf-8"), source="x.txt")
    assert info.value.key == "bad_encoding"


def test_syllables() -> None:
    for word in ("người", "nghiêng", "khuyến", "quốc", "giữa", "Hòa", "HOÀ", "thuở", "ĐỒNG"):
        assert is_syllable(word), word
    for word in ("Vié", "naïve", "Ä", "hòá", "café"):
        assert not is_syllable(word), word
    assert quality(PARAGRAPH).ratio == 0.0


def test_old_style_tones() -> None:
    assert (
        tone_style("hoà thuỷ khoẻ quý quỷ Quỳnh hoài huyện HOÀ")
        == "hòa thủy khỏe quý quỷ Quỳnh hoài huyện HÒA"
    )
    assert fold("hoà") == fold("hòa")
