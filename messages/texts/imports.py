"""Strings of importing a plan by chat and setting missing deadline days."""

TEXTS = {
    "imp.too_big": {
        "vi": "Tệp quá lớn ({size} MB); tối đa {limit} MB.",
        "en": "The file is too large ({size} MB); the maximum is {limit} MB.",
    },
    "imp.too_slow": {
        "vi": "Đọc tệp {file} mất quá {seconds} giây nên đã dừng lại; chưa nhập gì. Văn bản có thể quá "
        "dài hoặc trình bày bất thường: hãy thử gửi bản .docx hoặc PDF xuất từ Word, hoặc chia nhỏ văn bản.",
        "en": "Reading {file} took longer than {seconds} seconds, so it was stopped; nothing was imported. "
        "The document may be very long or unusually laid out: try the .docx or a PDF exported from Word, "
        "or split it.",
    },
    "imp.read_failed": {
        "vi": "Không đọc được tệp {file} do lỗi nội bộ; chưa nhập gì. Quản trị hệ thống xem nhật ký.",
        "en": "{file} could not be read because of an internal error; nothing was imported. "
        "The log has the details.",
    },
    "imp.status_created": {"vi": "kế hoạch mới", "en": "a new plan"},
    "imp.status_updated": {"vi": "cập nhật kế hoạch đã có", "en": "updates a known plan"},
    "imp.status_unchanged": {"vi": "không thay đổi so với bản đã nhập", "en": "same as the stored copy"},
    "imp.status_restored": {
        "vi": "kế hoạch đã lưu trữ, sẽ được dùng lại",
        "en": "an archived plan, back in force",
    },
    "imp.removed": {
        "vi": "\n\n⚠️ <b>Bản này bỏ {assignments} nhiệm vụ và {deadlines} thời hạn của bản đã nhập</b> "
        "(báo cáo đã nộp của các thời hạn bị bỏ cũng mất):\n{items}",
        "en": "\n\n⚠️ <b>This text drops {assignments} duties and {deadlines} deadlines "
        "of the stored plan</b> (reports submitted for dropped deadlines go too):\n{items}",
    },
    "imp.removed_duty": {"vi": "– nhiệm vụ: {text}", "en": "– duty: {text}"},
    "imp.removed_deadline": {"vi": "– thời hạn: {text}", "en": "– deadline: {text}"},
    "imp.removed_more": {"vi": "… và {count} mục khác", "en": "… and {count} more"},
    "imp.confirm_removal": {
        "vi": "⚠️ Nhập và bỏ {count} mục",
        "en": "⚠️ Import and drop {count} items",
    },
    "imp.confirm": {"vi": "✅ Nhập", "en": "✅ Import"},
    "imp.expired": {
        "vi": "Không còn tệp nào chờ nhập. Hãy gửi lại tệp.",
        "en": "No file is waiting to be imported. Please send it again.",
    },
    "imp.undated": {
        "vi": "Các thời hạn chưa có ngày — bấm để đặt ngày:",
        "en": "Deadlines with no day — tap one to set it:",
    },
    "imp.ocr_start": {
        "vi": "Đã nhận {pages} trang. Đang nhận dạng chữ (OCR)…",
        "en": "Got {pages} page(s). Reading the text by OCR…",
    },
    "imp.ocr_progress": {
        "vi": "Đang nhận dạng chữ (OCR): xong trang {done}/{total}…",
        "en": "Reading by OCR: page {done} of {total} done…",
    },
    "imp.read_by_ocr": {
        "vi": "⚠️ <b>Đọc bằng nhận dạng chữ (OCR)</b> từ bản scan/ảnh chụp: hãy đối chiếu với bản gốc "
        "trước khi nhập. Dòng OCR đọc không chắc: {doubtful}.",
        "en": "⚠️ <b>Read by OCR</b> from a scan/photo: check it against the original before importing. "
        "Rows OCR was unsure of: {doubtful}.",
    },
    "imp.one_photo": {
        "vi": "Chỉ có 1 ảnh. Nếu kế hoạch có nhiều trang, hãy gửi tất cả các ảnh cùng lúc "
        "(chọn nhiều ảnh rồi gửi một lần) để đọc thành một kế hoạch.",
        "en": "Only 1 photo. If the plan has several pages, send all the photos at once "
        "(select them all and send them together) so they are read as one plan.",
    },
    "imp.not_admin_file": {
        "vi": "Chỉ quản trị viên mới nhập được kế hoạch từ tệp hoặc ảnh chụp, nên tôi không đọc tệp/ảnh "
        "này. Nếu đơn vị cần nhập kế hoạch, hãy chuyển văn bản cho quản trị viên. Muốn hỏi về nhiệm vụ, "
        "hãy gõ câu hỏi bằng chữ, ví dụ «đơn vị tôi phụ trách gì?», hoặc /help.",
        "en": "Only admins can import a plan from a file or a photo, so I did not read this one. If your "
        "unit needs the plan imported, pass the document to an admin. To ask about duties, type your "
        "question, e.g. “what is my unit responsible for?”, or /help.",
    },
}
