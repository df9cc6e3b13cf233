"""Strings of /stats and /export."""

TEXTS = {
    "stats.summary": {
        "vi": "<b>Thống kê</b>\nĐơn vị: {units}\nThành viên: {members}\n"
        "Kế hoạch đang hiệu lực: {plans}\n\n"
        "<b>Hạn báo cáo</b>\nĐang thực hiện trong hạn: {open_on_time}\n"
        "Đang thực hiện quá hạn: {open_overdue}\n"
        "Đã báo cáo, chờ xác nhận: {submitted}\nĐã xác nhận hoàn thành: {confirmed}",
        "en": "<b>Statistics</b>\nUnits: {units}\nMembers: {members}\nActive plans: {plans}\n\n"
        "<b>Report deadlines</b>\nOpen, on time: {open_on_time}\nOpen, overdue: {open_overdue}\n"
        "Reported, awaiting confirmation: {submitted}\nConfirmed done: {confirmed}",
    },
    "export.caption": {
        "vi": "Ma trận phân công (đơn vị × kế hoạch, vai trò, hạn báo cáo).",
        "en": "The assignment matrix (units × plans, roles, report deadlines).",
    },
}
