"""Strings of the report itself (submissions), the collector's board, the draft report and charts."""

TEXTS = {
    # submissions
    "submit.empty": {"vi": "Chưa có nội dung báo cáo.", "en": "There is no report in that."},
    "submit.too_large": {
        "vi": "Tệp lớn hơn {mb} MB nên không nhận được. Hãy gửi bản nén hoặc đường link.",
        "en": "The file is larger than {mb} MB, so it was not accepted. Send a smaller file or a link.",
    },
    "submit.bad_type": {
        "vi": "Chỉ nhận tệp báo cáo dạng {types}. Hãy gửi lại đúng loại tệp, hoặc một đường link.",
        "en": "Only report files of type {types} are accepted. Send one of those, or a link.",
    },
    "submit.not_what_it_says": {
        "vi": "Tệp có đuôi {ext} nhưng nội dung không phải tệp {ext}. Hãy gửi lại tệp gốc.",
        "en": "The file is named {ext} but is not a {ext} file. Please send the original file.",
    },
    "submit.text_too_long": {
        "vi": "Nội dung dài quá {chars} ký tự: hãy gửi tệp hoặc đường link.",
        "en": "That is longer than {chars} characters: send a file or a link instead.",
    },
    "submit.download_failed": {
        "vi": "Không tải được tệp từ nền tảng chat. Vui lòng gửi lại.",
        "en": "The file could not be downloaded from the chat platform. Please send it again.",
    },
    "submit.file_missing": {
        "vi": "Không còn tìm thấy tệp này.",
        "en": "That file can no longer be found.",
    },
    "submit.no_report": {"vi": "(không kèm báo cáo)", "en": "(no report attached)"},
    "submit.file_line": {"vi": "📎 Tệp: {name}", "en": "📎 File: {name}"},
    "submit.link_line": {"vi": "🔗 Link: {link}", "en": "🔗 Link: {link}"},
    "submit.text_line": {"vi": "📝 Nội dung: {text}", "en": "📝 Text: {text}"},
    "submit.saved": {
        "vi": "📨 Đã lưu báo cáo <b>{what}</b>.\n{report}",
        "en": "📨 Report saved: <b>{what}</b>.\n{report}",
    },
    "submit.saved_sent": {
        "vi": "📨 Đã lưu và chuyển báo cáo <b>{what}</b> tới đơn vị nhận.\n{report}",
        "en": "📨 Saved and sent to the receiving unit: <b>{what}</b>.\n{report}",
    },
    "submit.received": {
        "vi": "📥 <b>{unit}</b> đã nộp <b>{what}</b> ({plan}) - hạn {due}: {status}.\n{report}",
        "en": "📥 <b>{unit}</b> submitted <b>{what}</b> ({plan}) - due {due}: {status}.\n{report}",
    },
    # the collector's board
    "collector.none": {
        "vi": "Đơn vị của bạn không phải nơi nhận báo cáo nào trong thời gian này.",
        "en": "Your unit receives no reports in this period.",
    },
    "collector.not_receiver": {
        "vi": "Chỉ thành viên đơn vị nhận báo cáo này (hoặc quản trị viên) mới xem và xử lý được.",
        "en": "Only members of the unit that receives this report (or admins) can see or act on it.",
    },
    "collector.list_title": {
        "vi": "📥 <b>Theo dõi báo cáo gửi về đơn vị</b> (trang {page}/{pages})",
        "en": "📥 <b>Reports your unit collects</b> (page {page}/{pages})",
    },
    "collector.title": {
        "vi": "<b>{what}</b> ({plan}) - hạn <b>{due}</b>",
        "en": "<b>{what}</b> ({plan}) - due <b>{due}</b>",
    },
    "collector.page": {"vi": " (trang {page}/{pages})", "en": " (page {page}/{pages})"},
    "collector.receiver": {"vi": "Đơn vị nhận: {unit}", "en": "Received by: {unit}"},
    "collector.summary": {
        "vi": "Đã nộp <b>{submitted}/{total}</b> (đúng hạn {on_time}, muộn {late}) · "
        "chưa nộp <b>{missing}</b> (quá hạn {overdue}) · chờ xác nhận {awaiting}",
        "en": "Submitted <b>{submitted}/{total}</b> (on time {on_time}, late {late}) · "
        "missing <b>{missing}</b> (overdue {overdue}) · awaiting confirmation {awaiting}",
    },
    "collector.state.on_time": {"vi": "đã nộp đúng hạn", "en": "submitted on time"},
    "collector.state.late": {"vi": "nộp muộn", "en": "submitted late"},
    "collector.state.not_yet": {"vi": "chưa nộp", "en": "not yet"},
    "collector.state.overdue": {"vi": "quá hạn, chưa nộp", "en": "overdue"},
    "collector.submitted_on": {"vi": "nộp {when}", "en": "submitted {when}"},
    "collector.confirmed_by": {"vi": "✔️ đã xác nhận ({name})", "en": "✔️ confirmed ({name})"},
    "collector.returned_because": {"vi": "bị trả lại: {reason}", "en": "sent back: {reason}"},
    "collector.btn.open": {"vi": "📋 Xem {n}", "en": "📋 Open {n}"},
    "collector.btn.file": {"vi": "📎 Tệp {n}", "en": "📎 File {n}"},
    "collector.btn.nudge": {"vi": "📣 Nhắc {count} đơn vị chưa nộp", "en": "📣 Nudge {count} missing"},
    "collector.btn.xlsx": {"vi": "📊 Excel", "en": "📊 Excel"},
    "collector.btn.chart": {"vi": "📈 Biểu đồ", "en": "📈 Chart"},
    "collector.btn.list": {"vi": "🗂 Danh sách", "en": "🗂 All reports"},
    "collector.btn.board": {"vi": "📋 Bảng theo dõi", "en": "📋 The board"},
    "collector.reason_ask": {
        "vi": "↩️ Trả lại báo cáo {unit}: gõ lý do (đơn vị sẽ nhận được lý do này).",
        "en": "↩️ Sending back {unit}'s report: type the reason (the unit will see it).",
    },
    "collector.returned": {
        "vi": "↩️ Đã trả lại báo cáo của {unit}. Lý do: {reason}. Đơn vị sẽ được nhắc nộp lại.",
        "en": "↩️ Sent back {unit}'s report. Reason: {reason}. The unit will be reminded to resubmit.",
    },
    "collector.returned_notice": {
        "vi": "↩️ {by} đã trả lại báo cáo <b>{what}</b> (hạn {due}).\nLý do: {reason}\nVui lòng nộp lại.",
        "en": "↩️ {by} sent back the report <b>{what}</b> (due {due}).\nReason: {reason}\n"
        "Please submit it again.",
    },
    "collector.confirmed_notice": {
        "vi": "✔️ {by} đã xác nhận báo cáo <b>{what}</b> (hạn {due}).",
        "en": "✔️ {by} confirmed the report <b>{what}</b> (due {due}).",
    },
    "collector.nudge_message": {
        "vi": "📣 <b>{by}</b> nhắc {unit}: <b>{what}</b> ({plan}), hạn <b>{due}</b> - {status}.\n"
        "Bấm <b>Đã nộp</b> rồi gửi kèm báo cáo; cần bản dự thảo thì bấm <b>Dự thảo báo cáo</b>.",
        "en": "📣 <b>{by}</b> reminds {unit}: <b>{what}</b> ({plan}), due <b>{due}</b> - {status}.\n"
        "Press <b>Submitted</b> and attach the report; for a draft press <b>Draft report</b>.",
    },
    "collector.nudged": {
        "vi": "📣 Đã nhắc {people} người của {units}/{missing} đơn vị chưa nộp.",
        "en": "📣 Nudged {people} people in {units} of the {missing} units still missing.",
    },
    "collector.nudged_already": {
        "vi": "{people} người đã được nhắc hôm nay nên không nhắc lại.",
        "en": "{people} people were already nudged today and were not nudged again.",
    },
    "collector.nudged_unreachable": {
        "vi": "{units} đơn vị chưa có ai dùng bot nên không nhắc được.",
        "en": "{units} units have nobody on the bot and could not be nudged.",
    },
    "collector.nudge_nobody": {
        "vi": "Mọi đơn vị đã nộp: không còn ai để nhắc.",
        "en": "Every unit has submitted: nobody to nudge.",
    },
    "collector.xlsx_caption": {
        "vi": "📊 Bảng theo dõi nộp báo cáo: {title}",
        "en": "📊 The submissions board: {title}",
    },
    "collector.chart_title": {
        "vi": "Số báo cáo đã nộp theo ngày (hạn {due})",
        "en": "Reports submitted by day (due {due})",
    },
    "collector.chart_day": {
        "vi": "{day}: +{count} (cộng dồn {total}/{of})",
        "en": "{day}: +{count} ({total}/{of} so far)",
    },
    "collector.file_elsewhere": {
        "vi": "📎 {name}: kênh này không gửi được tệp. Hãy mở trên Telegram, hoặc tải bảng Excel.",
        "en": "📎 {name}: this channel cannot carry files. Open it on Telegram, or get the Excel board.",
    },
    "collector.too_slow": {
        "vi": "Việc này mất quá nhiều thời gian nên đã dừng. Vui lòng thử lại sau.",
        "en": "That took too long and was stopped. Please try again later.",
    },
    "menu.theodoi": {"vi": "Theo dõi báo cáo gửi về đơn vị", "en": "Reports my unit collects"},
    "menu.baocao": {"vi": "Dự thảo báo cáo (.docx)", "en": "Draft a report (.docx)"},
    # the draft report
    "report.btn.draft": {"vi": "📝 Dự thảo báo cáo", "en": "📝 Draft report"},
    "report.btn.item": {"vi": "📝 {n}", "en": "📝 {n}"},
    "report.choose": {
        "vi": "📝 <b>Dự thảo báo cáo</b>: chọn hạn báo cáo cần soạn.",
        "en": "📝 <b>Draft a report</b>: choose the deadline to draft.",
    },
    "report.item": {
        "vi": "{n}. <b>{what}</b> ({plan}) - hạn {due}: {status}",
        "en": "{n}. <b>{what}</b> ({plan}) - due {due}: {status}",
    },
    "report.none": {
        "vi": "Đơn vị không có hạn báo cáo nào đang mở để soạn dự thảo.",
        "en": "Your unit has no open report deadline to draft.",
    },
    "report.caption": {
        "vi": "📝 Dự thảo báo cáo theo thể thức Nghị định 30/2020/NĐ-CP ({duties} nhiệm vụ). "
        "Chỉnh sửa, rồi bấm <b>Đã nộp</b> và gửi lại tệp làm báo cáo.",
        "en": "📝 Draft report in the Nghị định 30/2020/NĐ-CP format ({duties} duties). "
        "Edit it, then press <b>Submitted</b> and send the file back as the report.",
    },
    # charts
    "chart.overdue": {"vi": "Đang thực hiện quá hạn", "en": "Open, overdue"},
    "chart.done_late": {"vi": "Hoàn thành quá hạn", "en": "Done late"},
    "chart.due_soon": {"vi": "Sắp đến hạn", "en": "Due soon"},
    "chart.in_time": {"vi": "Đang thực hiện trong hạn", "en": "Open, in time"},
    "chart.done_on_time": {"vi": "Hoàn thành đúng hạn", "en": "Done on time"},
    "chart.units": {"vi": "Đơn vị", "en": "Unit"},
    "chart.occurrences": {"vi": "Số hạn báo cáo", "en": "Deadlines"},
    "chart.submitted": {"vi": "Đã nộp (cộng dồn)", "en": "Submitted (running total)"},
    "chart.owed": {"vi": "Số đơn vị phải nộp", "en": "Units that owe it"},
    "chart.due": {"vi": "Hạn nộp", "en": "Due date"},
    "stats.chart_title": {
        "vi": "Hạn báo cáo theo đơn vị, từ {since} đến {until}",
        "en": "Deadlines by unit, {since} to {until}",
    },
    "stats.by_unit_title": {
        "vi": "<b>Theo đơn vị</b> (quá hạn / hoàn thành quá hạn / sắp đến hạn / trong hạn / "
        "hoàn thành đúng hạn), hạn từ {since} đến {until}:",
        "en": "<b>By unit</b> (overdue / done late / due soon / in time / done on time), "
        "due {since} to {until}:",
    },
    "stats.by_unit_item": {
        "vi": "• {unit}: {overdue} / {done_late} / {due_soon} / {in_time} / {done_on_time}",
        "en": "• {unit}: {overdue} / {done_late} / {due_soon} / {in_time} / {done_on_time}",
    },
    "stats.more": {
        "vi": "... và {count} đơn vị khác (xem biểu đồ)",
        "en": "... and {count} more units (see the chart)",
    },
}
