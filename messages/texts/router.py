"""Strings of the router's own gates."""

TEXTS = {
    "router.unknown": {
        "vi": "Tôi chưa hiểu yêu cầu này. Gõ /help để xem các lệnh.",
        "en": "I did not understand that. Type /help to see the commands.",
    },
    "router.did_you_mean_command": {
        "vi": "Không có lệnh {typed}. Có phải bạn muốn gõ /{command}? Gõ /help để xem các lệnh.",
        "en": "There is no command {typed}. Did you mean /{command}? Type /help to see the commands.",
    },
    "router.did_you_mean": {
        "vi": "Tôi chưa hiểu câu này. Có phải bạn muốn hỏi: «{text}»?",
        "en": "I did not understand that. Did you mean: “{text}”?",
    },
    "router.not_member": {
        "vi": "Bạn chưa được xác minh thuộc đơn vị nào. Hãy gõ mã mời do quản trị viên cấp, "
        "hoặc /join để xin gia nhập một đơn vị.",
        "en": "You are not verified for a unit yet. Type the invite code an admin gave you, "
        "or /join to ask to join a unit.",
    },
    "router.admin_only": {
        "vi": "Lệnh này chỉ dành cho quản trị viên.",
        "en": "This command is for admins only.",
    },
    "router.rate_limited": {
        "vi": "Bạn hỏi nhanh quá. Vui lòng thử lại sau {seconds} giây.",
        "en": "You are asking too fast. Please try again in {seconds} seconds.",
    },
    "router.choose": {
        "vi": "Trả lời bằng số để chọn:",
        "en": "Reply with a number to choose:",
    },
}
