"""Why a document could not be read; each carries a message key the CLI and chat translate.

The explanations live here, in one catalog, so that `dutybot plans parse` and the Telegram/Zalo bots
tell a user exactly the same thing, in Vietnamese or English.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["vi", "en"]

MESSAGES: dict[str, dict[str, str]] = {
    "empty": {
        "vi": "Tệp {source} trống: không có nội dung để đọc.",
        "en": "The file {source} is empty: there is no text to read.",
    },
    "not_a_document": {
        "vi": "Tệp {source} không phải là văn bản (có thể là ảnh hoặc tệp nhị phân). "
        "Vui lòng gửi tệp .docx, .pdf hoặc .txt.",
        "en": "The file {source} is not a document (it looks like an image or binary data). "
        "Please send a .docx, .pdf or .txt file.",
    },
    "legacy_doc": {
        "vi": "Tệp {source} là định dạng Word cũ (.doc) nên chưa đọc được. "
        "Vui lòng mở bằng Word và lưu lại dưới dạng .docx hoặc PDF rồi gửi lại.",
        "en": "The file {source} is an old Word document (.doc), which cannot be read. "
        "Please open it in Word, save it as .docx or PDF, and send it again.",
    },
    "scanned_pdf": {
        "vi": "Tệp {source} là bản PDF scan (chỉ có hình ảnh, không có lớp chữ). "
        "Cần nhận dạng chữ (OCR) trước, hoặc gửi bản .docx / PDF xuất từ Word.",
        "en": "The file {source} is a scanned PDF (images only, no text layer). "
        "It needs OCR first; or send the .docx / a PDF exported from Word.",
    },
    "ocr_unavailable": {
        "vi": "Tệp {source} là bản scan hoặc ảnh chụp, cần nhận dạng chữ (OCR) nhưng máy chủ chưa cài "
        "Tesseract. Quản trị hệ thống cần cài gói {limit} (Debian/Ubuntu: "
        "apt-get install tesseract-ocr tesseract-ocr-vie). Trong lúc chờ, hãy gửi bản .docx "
        "hoặc PDF xuất từ Word.",
        "en": "The file {source} is a scan or a photo and needs OCR, but Tesseract is not installed on "
        "the server. The system administrator needs to install {limit} (Debian/Ubuntu: "
        "apt-get install tesseract-ocr tesseract-ocr-vie). Meanwhile, send the .docx or a PDF "
        "exported from Word.",
    },
    "ocr_timeout": {
        "vi": "Đọc bản scan {source} quá lâu nên đã dừng. Hãy gửi ít trang hơn, ảnh rõ hơn, "
        "hoặc bản .docx / PDF xuất từ Word.",
        "en": "Reading the scan {source} took too long and was stopped. Send fewer pages, sharper "
        "images, or the .docx / a PDF exported from Word.",
    },
    "too_many_pages": {
        "vi": "Bản scan {source} có quá nhiều trang để nhận dạng chữ (tối đa {limit} trang). "
        "Hãy gửi phần kế hoạch cần nhập, hoặc bản .docx / PDF xuất từ Word.",
        "en": "The scan {source} has too many pages to read by OCR (at most {limit}). Send the part of "
        "the plan to import, or the .docx / a PDF exported from Word.",
    },
    "no_text_found": {
        "vi": "Không nhận dạng được chữ nào trong {source}. Hãy chụp lại thẳng, đủ sáng, "
        "rõ nét cả trang, hoặc gửi bản scan.",
        "en": "No text could be recognised in {source}. Take the photo again straight on, well lit "
        "and sharp, showing the whole page, or send a scan.",
    },
    "corrupt": {
        "vi": "Tệp {source} bị hỏng hoặc được đặt mật khẩu nên không mở được. "
        "Vui lòng kiểm tra và gửi lại bản không có mật khẩu.",
        "en": "The file {source} is damaged or password-protected and cannot be opened. "
        "Please check it and send a copy without a password.",
    },
    "too_large": {
        "vi": "Tệp {source} quá lớn (giới hạn {limit}). Vui lòng gửi tệp nhỏ hơn, "
        "ví dụ bỏ bớt hình ảnh hoặc chỉ gửi phần văn bản.",
        "en": "The file {source} is too large (limit {limit}). Please send a smaller file, "
        "for example without images or with the text only.",
    },
    "unsupported_format": {
        "vi": "Định dạng của tệp {source} chưa được hỗ trợ. Vui lòng gửi tệp .docx, .pdf, .txt, .md "
        "hoặc ảnh chụp/scan (.jpg, .png).",
        "en": "The format of {source} is not supported. Please send a .docx, .pdf, .txt or .md file, "
        "or a photo/scan (.jpg, .png).",
    },
    "bad_encoding": {
        "vi": "Tệp {source} bị lỗi phông chữ/bảng mã (chữ tiếng Việt hiển thị sai). "
        "Vui lòng chuyển sang Unicode (ví dụ bằng Unikey) hoặc lưu dưới dạng .docx rồi gửi lại.",
        "en": "The file {source} has broken character encoding (the Vietnamese text is garbled). "
        "Please convert it to Unicode (e.g. with Unikey) or save it as .docx and send it again.",
    },
}

_FALLBACK = {
    "vi": "Không đọc được tệp {source}.",
    "en": "Could not read the file {source}.",
}


class DocumentError(Exception):
    """A document that cannot become a plan. `key` names a user-facing message; `detail` fills it."""

    def __init__(self, key: str, *, source: str, detail: str = "", limit: str = "") -> None:
        super().__init__(f"{source}: {key} {detail}".strip())
        self.key = key
        self.source = source
        self.detail = detail
        self.limit = limit

    def message(self, lang: str = "vi") -> str:
        """The catalog text for `key` in `lang` ("vi" or "en"; others fall back to Vietnamese)."""
        texts = MESSAGES.get(self.key, _FALLBACK)
        template = texts.get(lang, texts["vi"])
        return template.format(source=self.source or "?", limit=self.limit or "?")
