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
}
