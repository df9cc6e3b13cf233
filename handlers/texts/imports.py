"""Strings of importing a plan by chat and setting missing deadline days."""

TEXTS = {
    "imp.too_big": {
        "vi": "Tệp quá lớn ({size} MB); tối đa {limit} MB.",
        "en": "The file is too large ({size} MB); the maximum is {limit} MB.",
    },
    "imp.status_created": {"vi": "kế hoạch mới", "en": "a new plan"},
    "imp.status_updated": {"vi": "cập nhật kế hoạch đã có", "en": "updates a known plan"},
    "imp.status_unchanged": {"vi": "không thay đổi so với bản đã nhập", "en": "same as the stored copy"},
    "imp.cancelled": {"vi": "Đã huỷ, không nhập gì.", "en": "Cancelled; nothing was imported."},
    "imp.expired": {
        "vi": "Không còn tệp nào chờ nhập. Hãy gửi lại tệp.",
        "en": "No file is waiting to be imported. Please send it again.",
    },
    "imp.undated": {
        "vi": "Các thời hạn chưa có ngày — bấm để đặt ngày:",
        "en": "Deadlines with no day — tap one to set it:",
    },
    "imp.ask_day": {
        "vi": "Thời hạn: <i>{text}</i> ({recurrence})\n"
        "Gõ ngày: «15/11» (hằng năm: ngày/tháng), «15» (hằng tháng) "
        "hoặc «15/11/2026» (một lần).",
        "en": "Deadline: <i>{text}</i> ({recurrence})\n"
        "Type the day: “15/11” (yearly: day/month), “15” (monthly) "
        "or “15/11/2026” (once).",
    },
    "imp.bad_day": {
        "vi": "Không đọc được ngày «{text}». Ví dụ: 15/11",
        "en": "Could not read the day “{text}”. Example: 15/11",
    },
    "imp.day_set": {
        "vi": "Đã đặt ngày cho thời hạn: {day}.",
        "en": "Deadline day set: {day}.",
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
