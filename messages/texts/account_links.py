"""Linking a Telegram and a Zalo account, and choosing where reminders go."""

TEXTS = {
    "link.code": {
        "vi": "Mã liên kết của bạn: <b>{code}</b> (dùng một lần, hết hạn sau {minutes} phút).\n"
        "Mở bot trên nền tảng còn lại ({other}) và gõ:\n<code>/lienket {code}</code>",
        "en": "Your link code: <b>{code}</b> (single use, expires in {minutes} minutes).\n"
        "Open the bot on your other platform ({other}) and type:\n<code>/link {code}</code>",
    },
    "link.linked": {
        "vi": "Đã liên kết: bạn dùng bot trên {channels} với cùng một tài khoản.\n"
        "Nhắc việc và thông báo sẽ gửi qua <b>{preferred}</b>. Đổi bằng /kenh.",
        "en": "Linked: you use the bot on {channels} as one account.\n"
        "Reminders and announcements go to <b>{preferred}</b>. Change it with /channel.",
    },
    "link.invalid": {
        "vi": "Mã liên kết không đúng, đã dùng hoặc đã hết hạn. Gõ /lienket trên nền tảng kia để lấy mã mới.",
        "en": "That link code is wrong, used or expired. Type /link on your other platform for a new one.",
    },
    "link.own_code": {
        "vi": "Đây là mã của chính tài khoản này. Hãy gõ mã trên nền tảng còn lại.",
        "en": "This code belongs to this very account. Type it on your other platform.",
    },
    "link.already": {
        "vi": "Hai tài khoản này đã được liên kết ({channels}).",
        "en": "These accounts are already linked ({channels}).",
    },
    "link.same_channel": {
        "vi": "Bạn đã liên kết một tài khoản {channel} khác. Mỗi người chỉ liên kết một tài khoản "
        "trên mỗi nền tảng.",
        "en": "You have already linked another {channel} account. One account per platform.",
    },
    "link.unit_conflict": {
        "vi": "Hai tài khoản đang thuộc hai đơn vị khác nhau nên không thể liên kết. "
        "Hãy liên hệ quản trị viên.",
        "en": "The two accounts belong to different units, so they cannot be linked. "
        "Please contact an admin.",
    },
    "link.locked": {
        "vi": "Bạn đã nhập sai mã quá nhiều lần. Vui lòng thử lại sau {minutes} phút.",
        "en": "Too many wrong codes. Please try again in {minutes} minutes.",
    },
    "channel.status": {
        "vi": "Tài khoản đã liên kết: {channels}.\nNhắc việc và thông báo đang gửi qua <b>{preferred}</b>.",
        "en": "Linked accounts: {channels}.\nReminders and announcements go to <b>{preferred}</b>.",
    },
    "channel.single": {
        "vi": "Bạn đang dùng bot trên {channel}; nhắc việc gửi qua đây.\n"
        "Muốn nhận trên cả Telegram và Zalo? Gõ /lienket để lấy mã liên kết.",
        "en": "You use the bot on {channel}; reminders come here.\n"
        "Want them on both Telegram and Zalo? Type /link for a link code.",
    },
    "channel.button": {
        "vi": "Gửi qua {channel}",
        "en": "Send to {channel}",
    },
    "channel.set": {
        "vi": "Từ nay nhắc việc và thông báo sẽ gửi qua <b>{channel}</b>.",
        "en": "From now on reminders and announcements go to <b>{channel}</b>.",
    },
    "channel.unavailable": {
        "vi": "Bạn chưa có tài khoản {channel} đang hoạt động. Gõ /lienket để liên kết.",
        "en": "You have no working {channel} account. Type /link to link one.",
    },
    "channel.none": {
        "vi": "chưa chọn",
        "en": "not chosen",
    },
}
