"""Strings of /broadcast and its delivery report."""

TEXTS = {
    "broadcast.ask_text": {
        "vi": "Gõ nội dung thông báo (gõ /cancel để huỷ).",
        "en": "Type the announcement (type /cancel to stop).",
    },
    "broadcast.too_long": {
        "vi": "Thông báo dài {length} ký tự; tối đa {limit}. Hãy rút gọn.",
        "en": "The announcement has {length} characters; the maximum is {limit}. Please shorten it.",
    },
    "broadcast.ask_audience": {
        "vi": "Gửi cho ai?",
        "en": "Who should get it?",
    },
    "broadcast.aud_all": {"vi": "Tất cả thành viên", "en": "Everyone"},
    "broadcast.aud_jur": {"vi": "Một địa bàn", "en": "A jurisdiction"},
    "broadcast.aud_group": {"vi": "Một nhóm đơn vị", "en": "A class of units"},
    "broadcast.aud_units": {"vi": "Chọn đơn vị", "en": "Chosen units"},
    "broadcast.pick_jur": {"vi": "Chọn địa bàn:", "en": "Choose a jurisdiction:"},
    "broadcast.pick_group": {"vi": "Chọn nhóm đơn vị:", "en": "Choose a class of units:"},
    "broadcast.ask_units": {
        "vi": "Gõ tên các đơn vị, mỗi đơn vị một dòng hoặc cách nhau bằng dấu chấm phẩy.",
        "en": "Type the units' names, one per line or separated by semicolons.",
    },
    "broadcast.nobody": {
        "vi": "Không gửi: không có ai nhận trong {audience} (chưa có thành viên nào). Chưa xếp hàng gì.",
        "en": "Not sent: nobody receives it in {audience} (no members yet). Nothing was queued.",
    },
    "broadcast.nobody_now": {
        "vi": "Không gửi: không còn ai nhận thông báo này. Chưa xếp hàng gì.",
        "en": "Not sent: nobody receives this announcement any more. Nothing was queued.",
    },
    "broadcast.units_not_found": {
        "vi": "Không tìm thấy: {names}",
        "en": "Not found: {names}",
    },
    "broadcast.preview": {
        "vi": "<b>Xem trước</b> (gửi tới {count} tài khoản, {audience}):\n\n{message}",
        "en": "<b>Preview</b> (to {count} account(s), {audience}):\n\n{message}",
    },
    "broadcast.confirm": {"vi": "✅ Gửi", "en": "✅ Send"},
    "broadcast.cancel": {"vi": "❌ Huỷ", "en": "❌ Cancel"},
    "broadcast.cancelled": {"vi": "Đã huỷ thông báo.", "en": "Announcement cancelled."},
    "broadcast.queued": {
        "vi": "Đã xếp hàng {count} tin nhắn. Tiến độ sẽ được cập nhật bên dưới.",
        "en": "{count} message(s) queued. Progress will be shown below.",
    },
    "broadcast.not_draft": {
        "vi": "Thông báo này đã được gửi hoặc huỷ.",
        "en": "This announcement was already sent or cancelled.",
    },
    "broadcast.header": {"vi": "📢 <b>Thông báo</b>", "en": "📢 <b>Announcement</b>"},
    "broadcast.progress": {
        "vi": "📤 Thông báo #{id}: đã xử lý {done}/{total} "
        "(gửi được {sent}, lỗi {failed}, chặn bot {blocked}).",
        "en": "📤 Announcement #{id}: {done}/{total} processed ({sent} delivered, {failed} failed, "
        "{blocked} blocked).",
    },
    "broadcast.report": {
        "vi": "✅ Thông báo #{id} đã gửi xong.\nTổng: {total}\nĐã gửi: {sent}\nLỗi: {failed}\n"
        "Đã chặn bot: {blocked}",
        "en": "✅ Announcement #{id} finished.\nTotal: {total}\nDelivered: {sent}\nFailed: {failed}\n"
        "Blocked: {blocked}",
    },
    "broadcast.aud_desc_all": {"vi": "tất cả thành viên", "en": "everyone"},
    "broadcast.aud_desc_jur": {"vi": "địa bàn {name}", "en": "jurisdiction {name}"},
    "broadcast.aud_desc_group": {"vi": "{name}", "en": "{name}"},
    "broadcast.aud_desc_units": {"vi": "{count} đơn vị", "en": "{count} unit(s)"},
    "flow.cancelled": {"vi": "Đã huỷ.", "en": "Cancelled."},
}
