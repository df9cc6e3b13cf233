"""Strings of joining: invites, join requests, leaving."""

TEXTS = {
    "join.welcome": {
        "vi": "Xin chào! Tôi là trợ lý nhiệm vụ: tôi cho biết đơn vị của bạn được giao gì trong các "
        "kế hoạch, chương trình của tỉnh và nhắc trước hạn báo cáo.\n\n"
        "Để bắt đầu, hãy gõ <b>mã mời</b> do quản trị viên cấp, hoặc gõ /join để xin gia nhập đơn vị.",
        "en": "Hello! I am the duty assistant: I tell your unit what the province's plans assign to it "
        "and remind you before reports are due.\n\n"
        "To start, type the <b>invite code</b> an admin gave you, or /join to ask to join a unit.",
    },
    "join.welcome_member": {
        "vi": "Xin chào! Bạn thuộc đơn vị <b>{unit}</b>. Gõ /nhiemvu để xem nhiệm vụ, /help để xem các lệnh.",
        "en": "Hello! You belong to <b>{unit}</b>. Type /nhiemvu for your duties, /help for the commands.",
    },
    "join.joined": {
        "vi": "Đã xác minh: bạn thuộc đơn vị <b>{unit}</b>. Gõ /nhiemvu để xem đơn vị phụ trách gì.",
        "en": "Verified: you belong to <b>{unit}</b>. "
        "Type /nhiemvu to see what your unit is responsible for.",
    },
    "join.wrong_code": {
        "vi": "Mã mời không đúng, đã dùng hoặc đã hết hạn. Bạn còn {left} lần thử.",
        "en": "That invite code is wrong, used or expired. {left} attempt(s) left.",
    },
    "join.locked": {
        "vi": "Bạn đã nhập sai mã quá nhiều lần. Vui lòng thử lại sau {time}.",
        "en": "Too many wrong codes. Please try again after {time}.",
    },
    "join.ask_unit": {
        "vi": "Bạn muốn gia nhập đơn vị nào? Gõ tên đơn vị (ví dụ: Sở Tài chính).",
        "en": "Which unit do you want to join? Type its name (for example: Sở Tài chính).",
    },
    "invite.suggest": {
        "vi": "Không có đơn vị nào đúng tên «{query}». Chọn đơn vị cần tạo mã mời:",
        "en": "No unit is called “{query}”. Choose the unit to invite to:",
    },
    "join.pick_unit": {
        "vi": "Chọn đơn vị của bạn:",
        "en": "Choose your unit:",
    },
    "join.no_unit": {
        "vi": "Không tìm thấy đơn vị nào khớp với «{query}». Hãy gõ lại tên đầy đủ hơn.",
        "en": "No unit matches “{query}”. Please type a fuller name.",
    },
    "join.requested": {
        "vi": "Đã gửi yêu cầu gia nhập <b>{unit}</b>. Bạn sẽ được báo khi quản trị viên duyệt.",
        "en": "Your request to join <b>{unit}</b> was sent. You will be told when an admin decides.",
    },
    "join.admin_request": {
        "vi": "Yêu cầu gia nhập: <b>{name}</b> ({account}) xin vào đơn vị <b>{unit}</b>.",
        "en": "Join request: <b>{name}</b> ({account}) asks to join <b>{unit}</b>.",
    },
    "join.approve": {"vi": "✅ Duyệt", "en": "✅ Approve"},
    "join.refuse": {"vi": "❌ Từ chối", "en": "❌ Refuse"},
    "join.approved": {
        "vi": "Quản trị viên đã duyệt: bạn thuộc đơn vị <b>{unit}</b>. Gõ /nhiemvu để xem nhiệm vụ.",
        "en": "An admin approved you: you belong to <b>{unit}</b>. Type /nhiemvu to see your duties.",
    },
    "join.refused": {
        "vi": "Yêu cầu gia nhập <b>{unit}</b> của bạn không được duyệt. Liên hệ quản trị viên nếu cần.",
        "en": "Your request to join <b>{unit}</b> was refused. Contact an admin if needed.",
    },
    "join.decided": {
        "vi": "Đã {verdict} yêu cầu của <b>{name}</b> vào <b>{unit}</b>.",
        "en": "{verdict} the request of <b>{name}</b> to join <b>{unit}</b>.",
    },
    "join.verdict_ok": {"vi": "duyệt", "en": "Approved"},
    "join.verdict_no": {"vi": "từ chối", "en": "Refused"},
    "join.already_decided": {
        "vi": "Yêu cầu này không còn chờ duyệt.",
        "en": "This request is no longer pending.",
    },
    "join.left": {
        "vi": "Bạn đã rời đơn vị <b>{unit}</b>. Gõ mã mời hoặc /join để vào đơn vị khác.",
        "en": "You left <b>{unit}</b>. Type an invite code or /join to join another unit.",
    },
    "join.not_in_unit": {
        "vi": "Bạn chưa thuộc đơn vị nào.",
        "en": "You do not belong to a unit.",
    },
    "join.bad_request": {
        "vi": "Yêu cầu không hợp lệ.",
        "en": "That request is not valid.",
    },
    "invite.ask_unit": {
        "vi": "Gõ: /invite &lt;tên đơn vị&gt;",
        "en": "Type: /invite &lt;unit name&gt;",
    },
    "invite.pick_unit": {
        "vi": "Tạo mã mời cho đơn vị nào?",
        "en": "Create an invite for which unit?",
    },
    "invite.created": {
        "vi": "Mã mời cho <b>{unit}</b>: <code>{code}</code>\nDùng một lần, hết hạn lúc {expires}.{link}",
        "en": "Invite for <b>{unit}</b>: <code>{code}</code>\nSingle use, expires {expires}.{link}",
    },
    "invite.link": {
        "vi": "\nHoặc mở liên kết: {url}",
        "en": "\nOr open the link: {url}",
    },
}
