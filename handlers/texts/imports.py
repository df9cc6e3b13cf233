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
    "imp.preview": {
        "vi": "<b>Đọc được từ {file}</b>\nSố: {number}\nCơ quan ban hành: {issuer}\nTrích yếu: {title}\n"
        "Địa bàn: {jurisdiction}\n\nNhiệm vụ: {assignments} (giao cho nhóm đơn vị: {groups})\n"
        "Thời hạn: {deadlines} (chưa có ngày: {undated})\nĐơn vị mới: {new_units}\n"
        "Không xác định được: {unplaced}\nCần quản trị viên xem: {flagged}\nGhi chú: {warnings}\n\n"
        "Trạng thái: {status}. Nhập kế hoạch này?",
        "en": "<b>Extracted from {file}</b>\nNumber: {number}\nIssuer: {issuer}\nTitle: {title}\n"
        "Jurisdiction: {jurisdiction}\n\nDuties: {assignments} (to classes of units: {groups})\n"
        "Deadlines: {deadlines} (no day: {undated})\nNew units: {new_units}\n"
        "Could not place: {unplaced}\nFor an admin to review: {flagged}\nNotes: {warnings}\n\n"
        "Status: {status}. Import this plan?",
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
    "imp.cancel": {"vi": "❌ Huỷ", "en": "❌ Cancel"},
    "imp.cancelled": {"vi": "Đã huỷ, không nhập gì.", "en": "Cancelled; nothing was imported."},
    "imp.expired": {
        "vi": "Không còn tệp nào chờ nhập. Hãy gửi lại tệp.",
        "en": "No file is waiting to be imported. Please send it again.",
    },
    "imp.done": {
        "vi": "Đã nhập <b>{number}</b>: {assignments} nhiệm vụ, {deadlines} thời hạn.",
        "en": "Imported <b>{number}</b>: {assignments} duties, {deadlines} deadlines.",
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
    "imp.none": {"vi": "không có", "en": "none"},
}
