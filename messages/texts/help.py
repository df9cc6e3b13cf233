"""Strings of /help and /lang."""

TEXTS = {
    "help.member": {
        "vi": "<b>Các lệnh</b>\n"
        "/nhiemvu - nhiệm vụ của đơn vị bạn\n"
        "/hoi &lt;tên đơn vị&gt; - nhiệm vụ của đơn vị khác; hoặc gõ «ai phụ trách ...»\n"
        "/hanbaocao - hạn báo cáo của đơn vị; bấm «Đã nộp» rồi gửi kèm báo cáo\n"
        "/baocao - dự thảo báo cáo (.docx) theo thể thức Nghị định 30/2020\n"
        "/theodoi - theo dõi báo cáo các đơn vị gửi về đơn vị bạn; hoặc gõ «ai chưa nộp báo cáo»\n"
        "/lich - tải lịch hạn báo cáo (.ics) vào điện thoại\n"
        "/lienket - liên kết tài khoản Telegram và Zalo của bạn\n"
        "/kenh - chọn nơi nhận nhắc hạn (Telegram hoặc Zalo)\n"
        "/leave - rời đơn vị\n"
        "/lang - đổi ngôn ngữ (Tiếng Việt / English)\n"
        "Bạn cũng có thể hỏi tự nhiên, ví dụ: «đơn vị tôi phụ trách gì».",
        "en": "<b>Commands</b>\n"
        "/nhiemvu - your unit's duties\n"
        "/hoi &lt;unit name&gt; - another unit's duties; or type “who is responsible for ...”\n"
        "/hanbaocao - your unit's report deadlines; press “Submitted” and attach the report\n"
        "/baocao - a draft report (.docx) in the Nghị định 30/2020 format\n"
        "/theodoi - the reports other units send to yours; or type “who has not reported”\n"
        "/lich - download the deadline calendar (.ics) to your phone\n"
        "/lienket - link your Telegram and Zalo accounts\n"
        "/kenh - choose where reminders go (Telegram or Zalo)\n"
        "/leave - leave your unit\n"
        "/lang - change language (Tiếng Việt / English)\n"
        "You can also ask in plain words, e.g. “what are my duties”.",
    },
    "help.guest": {
        "vi": "<b>Các lệnh</b>\nGõ mã mời do quản trị viên cấp để vào đơn vị, hoặc /join để xin gia nhập.\n"
        "/lang - đổi ngôn ngữ (Tiếng Việt / English)",
        "en": "<b>Commands</b>\nType the invite code an admin gave you, or /join to ask to join a unit.\n"
        "/lang - change language (Tiếng Việt / English)",
    },
    "help.admin": {
        "vi": "\n\n<b>Quản trị</b>\n"
        "/invite &lt;đơn vị&gt; - tạo mã mời\n"
        "/broadcast - gửi thông báo\n"
        "/stats - thống kê\n"
        "/export - xuất ma trận phân công (.xlsx)\n"
        "/datngay &lt;mã hạn&gt; &lt;ngày/tháng&gt; - đặt ngày cho hạn báo cáo chưa có ngày\n"
        "/sua - sửa kế hoạch đã nhập (đơn vị, vai trò, thời hạn); đơn vị bị ảnh hưởng được báo\n"
        "/promote &lt;@tên hoặc kênh:id&gt; - cấp quyền quản trị\n"
        "/demote &lt;@tên hoặc kênh:id&gt; - thu hồi quyền quản trị\n"
        "Gửi tệp kế hoạch (.docx, .pdf, .txt) để nhập.",
        "en": "\n\n<b>Admin</b>\n"
        "/invite &lt;unit&gt; - create an invite code\n"
        "/broadcast - send an announcement\n"
        "/stats - statistics\n"
        "/export - the assignment matrix (.xlsx)\n"
        "/datngay &lt;deadline id&gt; &lt;day/month&gt; - set the day of a deadline that has none\n"
        "/sua - correct a stored plan (units, roles, deadlines); the units concerned are told\n"
        "/promote &lt;@name or channel:id&gt; - make someone an admin\n"
        "/demote &lt;@name or channel:id&gt; - take someone's admin rights away\n"
        "Send a plan file (.docx, .pdf, .txt) to import it.",
    },
    "lang.choose": {"vi": "Chọn ngôn ngữ:", "en": "Choose a language:"},
    "lang.set": {"vi": "Đã chuyển sang Tiếng Việt.", "en": "Language set to English."},
    "lang.unknown": {
        "vi": "Ngôn ngữ này chưa được hỗ trợ. Có: Tiếng Việt (/lang vi) và English (/lang en).",
        "en": "That language is not supported. Offered: Tiếng Việt (/lang vi) and English (/lang en).",
    },
    "menu.nhiemvu": {"vi": "Nhiệm vụ của đơn vị tôi", "en": "My unit's duties"},
    "menu.hoi": {"vi": "Hỏi nhiệm vụ của đơn vị khác", "en": "Ask about another unit"},
    "menu.hanbaocao": {"vi": "Hạn báo cáo của đơn vị", "en": "My unit's report deadlines"},
    "menu.lich": {"vi": "Lịch hạn báo cáo (.ics)", "en": "Deadline calendar (.ics)"},
    "menu.lienket": {"vi": "Liên kết Telegram và Zalo", "en": "Link Telegram and Zalo"},
    "menu.kenh": {"vi": "Chọn nơi nhận nhắc hạn", "en": "Choose where reminders go"},
    "menu.datngay": {"vi": "Đặt ngày cho hạn chưa có ngày", "en": "Set a deadline's day"},
    "menu.help": {"vi": "Hướng dẫn", "en": "Help"},
    "menu.lang": {"vi": "Đổi ngôn ngữ", "en": "Change language"},
    "menu.join": {"vi": "Xin gia nhập đơn vị", "en": "Ask to join a unit"},
    "menu.leave": {"vi": "Rời đơn vị", "en": "Leave my unit"},
    "menu.invite": {"vi": "Tạo mã mời", "en": "Create an invite"},
    "menu.broadcast": {"vi": "Gửi thông báo", "en": "Send an announcement"},
    "menu.stats": {"vi": "Thống kê", "en": "Statistics"},
    "menu.export": {"vi": "Xuất ma trận phân công", "en": "Export the assignment matrix"},
    "menu.promote": {"vi": "Cấp quyền quản trị", "en": "Make someone an admin"},
    "menu.demote": {"vi": "Thu hồi quyền quản trị", "en": "Take admin rights away"},
    "admin.promote_usage": {
        "vi": "Gõ: /promote @tên_người_dùng hoặc /promote telegram:123456",
        "en": "Type: /promote @username or /promote telegram:123456",
    },
    "admin.no_such_user": {
        "vi": "Không tìm thấy người dùng {who}. Người đó cần nhắn cho bot trước.",
        "en": "No user {who}. They must message the bot first.",
    },
    "admin.promoted": {"vi": "{name} đã là quản trị viên.", "en": "{name} is now an admin."},
    "admin.you_are_admin": {
        "vi": "Bạn đã được cấp quyền quản trị. Gõ /help để xem các lệnh quản trị.",
        "en": "You are now an admin. Type /help to see the admin commands.",
    },
    "admin.demote_usage": {
        "vi": "Gõ: /demote @tên_người_dùng hoặc /demote telegram:123456",
        "en": "Type: /demote @username or /demote telegram:123456",
    },
    "admin.not_admin": {"vi": "{name} không phải quản trị viên.", "en": "{name} is not an admin."},
    "admin.configured": {
        "vi": "{name} là quản trị viên theo cấu hình (ADMINS): hãy bỏ khỏi cấu hình rồi khởi động lại bot.",
        "en": "{name} is an admin by configuration (ADMINS): remove them there and restart the bot.",
    },
    "admin.demoted": {"vi": "{name} không còn là quản trị viên.", "en": "{name} is no longer an admin."},
    "admin.you_are_not_admin": {
        "vi": "Quyền quản trị của bạn đã được thu hồi.",
        "en": "Your admin rights have been taken away.",
    },
    "error.admin_notice": {
        "vi": "⚠️ Lỗi trong bot: <code>{summary}</code>\nChi tiết trong nhật ký.",
        "en": "⚠️ Error in the bot: <code>{summary}</code>\nDetails are in the log.",
    },
}
