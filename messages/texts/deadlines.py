"""Strings of deadlines, reminders, digests and the calendar export."""

TEXTS = {
    # the status categories officers know
    "deadlines.status.in_time": {"vi": "trong hạn", "en": "in time"},
    "deadlines.status.due_soon": {"vi": "sắp đến hạn", "en": "due soon"},
    "deadlines.status.overdue": {"vi": "quá hạn", "en": "overdue"},
    "deadlines.status.done_on_time": {"vi": "hoàn thành đúng hạn", "en": "done on time"},
    "deadlines.status.done_late": {"vi": "hoàn thành quá hạn", "en": "done late"},
    "deadlines.status.no_deadline": {"vi": "không có hạn", "en": "no deadline"},
    "deadlines.state.submitted": {"vi": "đã nộp, chờ xác nhận", "en": "submitted, awaiting confirmation"},
    "deadlines.state.confirmed": {"vi": "đã xác nhận", "en": "confirmed"},
    "deadlines.state.returned": {"vi": "bị trả lại", "en": "sent back"},
    # what a deadline asks for
    "deadlines.what.report_to": {"vi": "Báo cáo gửi {to}", "en": "Report to {to}"},
    "deadlines.what.report": {"vi": "Báo cáo", "en": "Report"},
    "deadlines.what.deliver": {"vi": "Hoàn thành nhiệm vụ", "en": "Task to complete"},
    "deadlines.plan": {"vi": "KH {number}", "en": "plan {number}"},
    "deadlines.when.today": {"vi": "hôm nay", "en": "today"},
    "deadlines.when.in_days": {"vi": "còn {days} ngày", "en": "in {days} days"},
    "deadlines.when.late_days": {"vi": "trễ {days} ngày", "en": "{days} days late"},
    "deadlines.default_day": {
        "vi": "ngày mặc định, chờ quản trị viên xác định",
        "en": "default day, to be set by an admin",
    },
    # reminders
    "reminder.title": {
        "vi": "🔔 <b>Nhắc hạn báo cáo</b> - {unit}",
        "en": "🔔 <b>Deadline reminder</b> - {unit}",
    },
    "reminder.item": {
        "vi": "{n}. <b>{what}</b> ({plan})\n   Hạn: <b>{due}</b> - {status}, {when}\n   <i>{text}</i>",
        "en": "{n}. <b>{what}</b> ({plan})\n   Due: <b>{due}</b> - {status}, {when}\n   <i>{text}</i>",
    },
    "reminder.escalated": {
        "vi": "   ⚠️ Chuyển lãnh đạo đơn vị: quá hạn {days} ngày làm việc.",
        "en": "   ⚠️ Escalated to the unit's leader: {days} working days overdue.",
    },
    "reminder.late_note": {
        "vi": "<i>(Nhắc muộn: hệ thống tạm gián đoạn vào giờ nhắc thường lệ.)</i>",
        "en": "<i>(Sent late: the service was down at the usual reminder time.)</i>",
    },
    "reminder.footer": {
        "vi": "Bấm <b>Đã nộp</b> khi đơn vị đã gửi báo cáo. Xem tất cả: /hanbaocao",
        "en": "Press <b>Submitted</b> once the unit has sent it. See all: /hanbaocao",
    },
    "reminder.more": {"vi": "... và {count} hạn khác: /hanbaocao", "en": "... and {count} more: /hanbaocao"},
    "btn.done": {"vi": "✅ Đã nộp {n}", "en": "✅ Submitted {n}"},
    "btn.snooze1": {"vi": "⏰ Nhắc lại mai {n}", "en": "⏰ Remind tomorrow {n}"},
    "btn.snooze3": {"vi": "⏰ Nhắc sau 3 ngày {n}", "en": "⏰ Remind in 3 days {n}"},
    "btn.duties": {"vi": "📋 Xem nhiệm vụ", "en": "📋 View duties"},
    "btn.skip_note": {"vi": "Bỏ qua", "en": "Skip"},
    "btn.confirm": {"vi": "✔️ Xác nhận {n}", "en": "✔️ Confirm {n}"},
    "btn.return": {"vi": "↩️ Trả lại {n}", "en": "↩️ Send back {n}"},
    "btn.set_day": {"vi": "📅 Đặt ngày {n}", "en": "📅 Set day {n}"},
    # /hanbaocao
    "deadlines.list_title": {
        "vi": "📅 <b>Hạn báo cáo của {unit}</b> (trang {page}/{pages})",
        "en": "📅 <b>Deadlines of {unit}</b> (page {page}/{pages})",
    },
    "deadlines.list_item": {
        "vi": "{n}. <b>{what}</b> ({plan}) - hạn <b>{due}</b>: {status}",
        "en": "{n}. <b>{what}</b> ({plan}) - due <b>{due}</b>: {status}",
    },
    "deadlines.empty": {
        "vi": "Đơn vị chưa có hạn báo cáo nào trong thời gian tới.",
        "en": "Your unit has no upcoming deadlines.",
    },
    "deadlines.note_line": {"vi": "   Ghi chú: {note}", "en": "   Note: {note}"},
    "deadlines.returned_line": {"vi": "   Lý do trả lại: {reason}", "en": "   Sent back because: {reason}"},
    "deadlines.admin_title": {
        "vi": "🗂 <b>Báo cáo chờ xác nhận</b> ({count})",
        "en": "🗂 <b>Reports awaiting confirmation</b> ({count})",
    },
    "deadlines.admin_item": {
        "vi": "{n}. {unit}: <b>{what}</b> ({plan}) - hạn {due}, nộp {submitted}",
        "en": "{n}. {unit}: <b>{what}</b> ({plan}) - due {due}, submitted {submitted}",
    },
    "deadlines.admin_none": {
        "vi": "Không có báo cáo nào chờ xác nhận.",
        "en": "No reports await confirmation.",
    },
    "deadlines.no_day_title": {
        "vi": "📌 <b>Hạn chưa có ngày cụ thể</b> (đang dùng ngày mặc định): "
        "đặt bằng /datngay &lt;số&gt; &lt;ngày/tháng&gt;",
        "en": "📌 <b>Deadlines with no day</b> (using the default): "
        "set with /datngay &lt;id&gt; &lt;day/month&gt;",
    },
    "deadlines.no_day_item": {
        "vi": "#{id} {recurrence} - {plan}: <i>{text}</i>",
        "en": "#{id} {recurrence} - {plan}: <i>{text}</i>",
    },
    # Đã nộp / note flow
    "deadlines.submitted": {
        "vi": "✅ Đã ghi nhận <b>{what}</b> (hạn {due}) là đã nộp.\n"
        "Gửi kèm chính báo cáo: gửi tệp (Word, PDF, Excel; trên Telegram), dán đường link, "
        "hoặc gõ nội dung ngắn. Hoặc bấm Bỏ qua.",
        "en": "✅ Recorded <b>{what}</b> (due {due}) as submitted.\n"
        "Attach the report itself: send the file (Word, PDF, Excel; on Telegram), paste a link, "
        "or type a short text. Or press Skip.",
    },
    "deadlines.note_saved": {"vi": "📝 Đã lưu ghi chú.", "en": "📝 Note saved."},
    "deadlines.note_skipped": {"vi": "Được rồi, không kèm ghi chú.", "en": "OK, no note."},
    "deadlines.snoozed": {
        "vi": "⏰ Sẽ nhắc lại <b>{what}</b> vào ngày {until} (ngày làm việc).",
        "en": "⏰ Will remind you of <b>{what}</b> on {until} (a working day).",
    },
    "deadlines.confirmed": {
        "vi": "✔️ Đã xác nhận: {unit} - {what} (hạn {due}).",
        "en": "✔️ Confirmed: {unit} - {what} (due {due}).",
    },
    # errors
    "deadlines.not_found": {"vi": "Không tìm thấy hạn báo cáo này.", "en": "That deadline was not found."},
    "deadlines.not_yours": {
        "vi": "Hạn báo cáo này không thuộc đơn vị của bạn.",
        "en": "That deadline is not your unit's.",
    },
    "deadlines.already_confirmed": {
        "vi": "Báo cáo này đã được xác nhận rồi.",
        "en": "That report is already confirmed.",
    },
    "deadlines.not_submitted": {
        "vi": "Báo cáo này chưa được nộp.",
        "en": "That report has not been submitted.",
    },
    "deadlines.admin_only": {
        "vi": "Chỉ quản trị viên mới làm được việc này.",
        "en": "Only admins can do that.",
    },
    "deadlines.receivers_only": {
        "vi": "Chỉ đơn vị nhận báo cáo này (hoặc quản trị viên) mới xác nhận hay trả lại được.",
        "en": "Only the unit that receives this report (or an admin) can confirm or send it back.",
    },
    "deadlines.snooze_invalid": {"vi": "Chỉ nhắc lại sau 1 hoặc 3 ngày.", "en": "Snooze is 1 or 3 days."},
    "deadlines.day_needs_year": {
        "vi": "Hạn một lần cần đủ ngày, tháng và năm, ví dụ 15/11/2026.",
        "en": "A one-off deadline needs the day, month and year, e.g. 15/11/2026.",
    },
    "deadlines.day_invalid": {"vi": "Ngày không hợp lệ.", "en": "That is not a valid day."},
    "deadlines.day_usage": {
        "vi": "Cách dùng: /datngay &lt;số hạn&gt; &lt;ngày&gt;, &lt;ngày/tháng&gt; hoặc "
        "&lt;ngày/tháng/năm&gt; (hạn một lần), ví dụ /datngay 12 15/11",
        "en": "Usage: /datngay &lt;deadline id&gt; &lt;day&gt;, &lt;day/month&gt; or "
        "&lt;day/month/year&gt; (a one-off deadline), e.g. /datngay 12 15/11",
    },
    "deadlines.day_ask": {
        "vi": "Thời hạn #{id}: <i>{text}</i> ({recurrence})\n"
        "Gõ ngày: «15/11» (hằng năm: ngày/tháng), «15» (hằng tháng) hoặc «15/11/2026» (một lần).",
        "en": "Deadline #{id}: <i>{text}</i> ({recurrence})\n"
        "Type the day: “15/11” (yearly: day/month), “15” (monthly) or “15/11/2026” (once).",
    },
    "deadlines.day_set": {
        "vi": "📅 Đã đặt hạn #{id}: {rule}. Các lần nhắc sẽ theo ngày mới.",
        "en": "📅 Deadline #{id} set: {rule}. Reminders follow the new day.",
    },
    "deadlines.no_unit": {
        "vi": "Bạn chưa thuộc đơn vị nào nên không có lịch hạn báo cáo.",
        "en": "You are not in a unit, so there is no deadline calendar.",
    },
    "deadlines.ics_caption": {
        "vi": "📆 Lịch hạn báo cáo của {unit}: mở tệp để thêm vào lịch điện thoại.",
        "en": "📆 Deadline calendar of {unit}: open the file to add it to your phone's calendar.",
    },
    "recurrence.once": {"vi": "một lần", "en": "once"},
    "recurrence.monthly": {"vi": "hằng tháng", "en": "monthly"},
    "recurrence.quarterly": {"vi": "hằng quý", "en": "quarterly"},
    "recurrence.semiannual": {"vi": "6 tháng", "en": "semiannual"},
    "recurrence.yearly": {"vi": "hằng năm", "en": "yearly"},
    # digests
    "digest.daily_title": {
        "vi": "🗞 <b>Tổng hợp hạn báo cáo ngày {date}</b>",
        "en": "🗞 <b>Deadline digest for {date}</b>",
    },
    "digest.escalations": {
        "vi": "⚠️ <b>Quá hạn từ {days} ngày làm việc</b> ({count}):",
        "en": "⚠️ <b>Overdue by {days}+ working days</b> ({count}):",
    },
    "digest.escalation_item": {
        "vi": "• {unit}: {what} ({plan}) - hạn {due}, trễ {late} ngày làm việc{new}",
        "en": "• {unit}: {what} ({plan}) - due {due}, {late} working days late{new}",
    },
    "digest.new": {"vi": " <b>(mới)</b>", "en": " <b>(new)</b>"},
    "digest.awaiting": {
        "vi": "🗂 Báo cáo chờ xác nhận: <b>{count}</b> (/hanbaocao)",
        "en": "🗂 Reports awaiting confirmation: <b>{count}</b> (/hanbaocao)",
    },
    "digest.no_day": {
        "vi": "📌 Hạn chưa có ngày cụ thể: <b>{count}</b> (đặt bằng /datngay)",
        "en": "📌 Deadlines with no day: <b>{count}</b> (set with /datngay)",
    },
    "digest.more": {"vi": "... và {count} mục khác", "en": "... and {count} more"},
    "digest.weekly_title": {
        "vi": "📊 <b>Tình hình hạn báo cáo theo đơn vị, tuần {week}</b>",
        "en": "📊 <b>Deadline status by unit, week {week}</b>",
    },
    "digest.weekly_header": {
        "vi": "đơn vị: quá hạn / sắp đến hạn / trong hạn / chờ xác nhận / xong đúng hạn / xong quá hạn",
        "en": "unit: overdue / due soon / in time / awaiting / done on time / done late",
    },
    "digest.weekly_item": {
        "vi": "• {unit}: {overdue} / {due_soon} / {in_time} / {awaiting} / {done_on_time} / {done_late}",
        "en": "• {unit}: {overdue} / {due_soon} / {in_time} / {awaiting} / {done_on_time} / {done_late}",
    },
    "digest.weekly_chart": {
        "vi": "Tình hình hạn báo cáo theo đơn vị, tuần {week}",
        "en": "Deadline status by unit, week {week}",
    },
    "ics.summary": {"vi": "Hạn: {what}", "en": "Due: {what}"},
    "ics.calname": {"vi": "Hạn báo cáo - {unit}", "en": "Report deadlines - {unit}"},
}
