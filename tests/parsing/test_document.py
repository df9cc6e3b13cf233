"""read_document / read_path / parse_*: every format, and every way a file can be refused."""

from __future__ import annotations

import codecs
import io
import time
import unicodedata
import zipfile
from pathlib import Path

import pytest

from parsing.document import DEFAULT_MAX, parse_bytes, parse_file, read_document, read_path
from parsing.errors import MESSAGES, DocumentError
from parsing.legacy_encodings import encode_tcvn3, encode_vni
from parsing.model import ParsedPlan
from parsing.vntext import fold
from tests.parsing.fixtures.docs import builders

# Vietnamese UTF-8 once read as Cyrillic Windows-1251 and saved again: no reading brings it back.
MOJIBAKE = (
    "Sở Ngoại vụ chủ trì, phối hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 15/11 hằng năm".encode().decode(
        "cp1251", errors="replace"
    )
)
SAMPLES = sorted(builders.SHARED_PLANS.glob("0*.txt")) or [builders.PLAN_002]


def refused(data: bytes, filename: str, **kwargs: int) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        read_document(data, filename=filename, **kwargs)
    assert filename in info.value.detail  # the detail names the file ...
    return info.value


# --- text files ----------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_sample_plans_keep_their_text_and_lines(sample: Path) -> None:
    original = sample.read_text(encoding="utf-8")
    text = read_document(sample.read_bytes(), filename=sample.name)
    assert unicodedata.is_normalized("NFC", text)
    kept = [fold(line) for line in text.splitlines() if line.strip()]
    assert kept == [fold(line) for line in original.splitlines() if line.strip()]
    for marker in ("## ", "**"):  # Markdown structure passes through
        assert (marker in text) == (marker in original)


def test_markdown_and_line_endings() -> None:
    data = b"## I. MUC DICH\r\n\r\n**1. Muc dich**\r- a\rb\n\n\n\n\nc  \t\n"
    assert read_document(data, filename="plan.md") == "## I. MUC DICH\n\n**1. Muc dich**\n- a\nb\n\nc"


def test_nfd_text_becomes_nfc() -> None:
    text = "Sở Ngoại vụ chủ trì, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/11."
    data = unicodedata.normalize("NFD", text).encode("utf-8")
    assert read_document(data, filename="nfd.txt") == text


def test_control_characters_and_nuls_in_text_are_removed() -> None:
    data = "Kế\u200b hoạch\x07 số\x1b 12\u00ad/KH\ufeff\x00".encode() + b"\x00" * 64
    assert read_document(data, filename="c.txt") == "Kế hoạch số 12/KH"


def test_old_style_tones_are_unified() -> None:
    assert read_document("CỘNG HOÀ, thuỷ lợi".encode(), filename="t.txt") == "CỘNG HÒA, thủy lợi"


@pytest.mark.parametrize(
    ("encode", "name"),
    [
        (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "bom.txt"),
        (lambda t: t.encode("utf-16"), "utf16.txt"),
        (lambda t: t.encode("utf-16-le"), "utf16le.txt"),
        (builders.to_cp1258, "cp1258.txt"),
        (encode_vni, "vni.txt"),
    ],
)
def test_encoded_plan_files(tmp_path: Path, encode: object, name: str) -> None:
    text = Path(builders.PLAN_002).read_text(encoding="utf-8")
    path = tmp_path / name
    path.write_bytes(encode(text))  # type: ignore[operator]
    assert read_path(path) == read_document(text.encode(), filename="utf8.txt")


def test_tcvn3_plan_file(tmp_path: Path) -> None:
    text = Path(builders.PLAN_002).read_text(encoding="utf-8")
    path = tmp_path / "tcvn3.txt"
    path.write_bytes(encode_tcvn3(text))
    got = read_path(path)
    want = read_document(text.encode(), filename="utf8.txt")
    assert fold(got) == fold(want)
    assert "KẾ HOẠCH" in got  # capitals typed in .VnTimeH come back as capitals
    assert "Sở Ngoại vụ" in got


# --- docx ----------------------------------------------------------------------------------------


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(builders.plan_docx())
    lines = [line for line in read_path(path).splitlines() if line]
    assert lines[:5] == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH ĐỒNG NAI",
        "Số: 3935/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập – Tự do – Hạnh phúc",
    ]
    assert "## **KẾ HOẠCH**" in lines
    assert "**Triển khai thực hiện Chỉ thị số 38-CT/TW**" in lines
    assert "1. Nhiệm vụ thứ nhất" in lines and "2. Nhiệm vụ thứ hai" in lines
    assert "Gửi về Sở Ngoại vụ **trước ngày 15/11** hằng năm." in lines
    assert lines[lines.index("Dòng một") : lines.index("Dòng một") + 2] == ["Dòng một", "Dòng hai"]
    annex = lines.index("Phụ lục")
    assert lines[annex + 1 : annex + 5] == [
        "| STT | Nội dung | Chủ trì | Thời gian |",
        "| 1 | Tuyên truyền Chỉ thị | Sở Thông tin và Truyền thông | Quý II/2020 |",
        "| 2 | Báo cáo kết quả | Sở Thông tin và Truyền thông | Trước 15/11 hằng năm |",  # merged cell
        "| 3 | Kiện toàn bộ máy | Sở Nội vụ | Năm 2020 |",
    ]
    assert lines[-1] == "Nơi nhận:"


def test_docx_named_txt_is_read_as_docx() -> None:
    assert "Phụ lục" in read_document(builders.plan_docx(), filename="renamed.txt")


def test_docx_written_in_vni_font_is_converted() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(
        encode_vni("Sở Ngoại vụ chủ trì, phối hợp với các sở, ngành liên quan").decode("cp1252")
    )
    out = io.BytesIO()
    document.save(out)
    assert (
        read_document(out.getvalue(), filename="vni.docx")
        == "Sở Ngoại vụ chủ trì, phối hợp với các sở, ngành liên quan"
    )


# --- pdf -----------------------------------------------------------------------------------------


def test_text_pdf_joins_pages_and_drops_page_numbers(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(builders.text_pdf())
    lines = [line.strip() for line in read_path(path).splitlines() if line.strip()]
    assert lines == [
        "KE HOACH",
        "Trien khai thuc hien Chi thi so 38-CT/TW",
        "I. MUC DICH, YEU CAU",
        "II. TO CHUC THUC HIEN",
        "1. So Ngoai vu chu tri, bao cao truoc ngay 15/11 hang nam.",
    ]


def test_pdf_with_empty_user_password_is_read() -> None:
    text = read_document(builders.encrypted_pdf(password=""), filename="locked-for-editing.pdf")
    assert "KE HOACH" in text


# --- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "filename", "key"),
    [
        (b"", "empty.txt", "empty"),
        (b" \r\n\t\n  ", "blank.txt", "empty"),
        (codecs.BOM_UTF8 + b"\n\n", "bom-only.md", "empty"),
        ("   \n".encode("utf-16"), "blank16.txt", "empty"),
        # an image goes to OCR; a damaged one is refused as damaged, whatever its name says
        (b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)), "photo.txt", "corrupt"),
        (bytes(range(256)) * 8, "random.txt", "not_a_document"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 100, "scan.jpg.txt", "corrupt"),
        (builders.ole_doc(), "old.doc", "legacy_doc"),
        (builders.ole_doc(), "renamed.docx", "legacy_doc"),
        (b"Ke hoach so 1", "old.doc", "legacy_doc"),
        (builders.encrypted_pdf(), "secret.pdf", "corrupt"),
        (builders.text_pdf()[:300], "truncated.pdf", "corrupt"),
        (b"%PDF-1.4\n garbage garbage", "garbage.pdf", "corrupt"),
        (b"not a pdf at all", "fake.pdf", "corrupt"),
        (builders.plan_docx()[:2000], "truncated.docx", "corrupt"),
        (b"plain text", "fake.docx", "corrupt"),
        (b"plain text", "notes.odt", "unsupported_format"),
        (b"plain text", "noextension", "unsupported_format"),
        (b"{\\rtf1\\ansi Ke hoach}", "plan.rtf", "unsupported_format"),
        (b"{\\rtf1\\ansi Ke hoach}", "plan.txt", "unsupported_format"),
        (MOJIBAKE.encode("utf-8"), "mojibake.txt", "bad_encoding"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_refusals(data: bytes, filename: str, key: str) -> None:
    error = refused(data, filename)
    assert error.key == key
    assert error.source == filename
    assert filename in error.message("vi") and filename in error.message("en")


def test_corrupt_docx_xml() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document><unclosed>")
    assert refused(out.getvalue(), "broken.docx").key == "corrupt"


def test_xlsx_is_unsupported() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert refused(out.getvalue(), "plan.xlsx").key == "unsupported_format"


def test_password_protected_office_file() -> None:
    data = builders.ole_doc().replace(
        "WordDocument".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le")
    )
    assert refused(data, "secret.docx").key == "corrupt"


def test_size_limit_is_configurable() -> None:
    error = refused(b"x" * 101, "big.txt", max_bytes=100)
    assert error.key == "too_large"
    assert read_document(b"x" * 100, filename="ok.txt", max_bytes=100) == "x" * 100


def test_fifty_megabyte_file_is_refused_from_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: no disk, no time

    def never(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("the file must not be read")

    monkeypatch.setattr(Path, "read_bytes", never)
    started = time.monotonic()
    with pytest.raises(DocumentError) as info:
        read_path(path)
    assert time.monotonic() - started < 1
    assert info.value.key == "too_large"
    assert "20 MB" in info.value.message("vi") and "huge.pdf" in info.value.detail
    assert DEFAULT_MAX == 20 * 1024 * 1024


def test_docx_zip_bomb_is_too_large() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<a>" + b" " * 2_000_000 + b"</a>")
    assert refused(out.getvalue(), "bomb.docx", max_bytes=100_000).key == "too_large"


# --- catalog and entry points --------------------------------------------------------------------


def test_every_key_has_both_languages() -> None:
    keys = {"empty", "not_a_document", "legacy_doc", "scanned_pdf", "corrupt", "too_large"}
    keys |= {"unsupported_format", "bad_encoding", "ocr_unavailable", "ocr_timeout", "too_many_pages"}
    keys |= {"no_text_found"}
    assert set(MESSAGES) == keys
    for key in keys:
        error = DocumentError(key, source="f.docx", limit="20 MB")
        assert "f.docx" in error.message("vi") and "f.docx" in error.message("en")
        assert error.message("vi") != error.message("en")
        assert "{" not in error.message("vi") + error.message("en")
    assert DocumentError("empty", source="a").message("fr") == DocumentError("empty", source="a").message(
        "vi"
    )


def test_parse_entry_points(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(builders.plan_docx())
    assert isinstance(parse_file(path), ParsedPlan)
    assert isinstance(parse_bytes(builders.plan_docx(), "plan.docx"), ParsedPlan)
    with pytest.raises(DocumentError):
        parse_bytes(b"", "empty.txt")
