"""Strings of reviewing and correcting a plan's extraction (the import preview, /sua, `plans edit`)."""

TEXTS = {
    # headings
    "rv.title_import": {
        "vi": "📄 <b>Đọc được từ {file}</b> — {status}",
        "en": "📄 <b>Read from {file}</b> — {status}",
    },
    "rv.title_live": {"vi": "✏️ <b>Sửa kế hoạch #{id}</b>", "en": "✏️ <b>Correcting plan #{id}</b>"},
    "rv.meta": {"vi": "Số: {number} · {issuer} · {date}", "en": "Number: {number} · {issuer} · {date}"},
    "rv.subject": {
        "vi": "Trích yếu: {title}\nĐịa bàn: {jurisdiction}",
        "en": "Title: {title}\nJurisdiction: {jurisdiction}",
    },
    "rv.counts": {
        "vi": "{rows} nhiệm vụ · {units} đơn vị · {deadlines} thời hạn ({undated} chưa có ngày)",
        "en": "{rows} duties · {units} units · {deadlines} deadlines ({undated} with no day)",
    },
    "rv.reapplied": {
        "vi": "↻ Đã áp dụng lại {count} sửa đổi đã lưu của kế hoạch này.",
        "en": "↻ Re-applied this plan's {count} stored corrections.",
    },
    "rv.stale_head": {
        "vi": "⚠ {count} sửa đổi đã lưu không còn áp dụng (không tìm thấy dòng):",
        "en": "⚠ {count} stored corrections no longer apply (their row is gone):",
    },
    "rv.doubts_head": {"vi": "<b>⚠ Cần xem ({count})</b>", "en": "<b>⚠ To check ({count})</b>"},
    "rv.no_doubts": {"vi": "✔ Không có gì đáng ngờ.", "en": "✔ Nothing doubtful."},
    "rv.units_head": {"vi": "<b>Theo đơn vị ({count})</b>", "en": "<b>By unit ({count})</b>"},
    "rv.deadlines_head": {"vi": "<b>Thời hạn ({count})</b>", "en": "<b>Deadlines ({count})</b>"},
    "rv.rows_head": {"vi": "<b>Tất cả nhiệm vụ ({count})</b>", "en": "<b>All duties ({count})</b>"},
    "rv.done_head": {"vi": "<b>Đã sửa ({count})</b>", "en": "<b>Corrected ({count})</b>"},
    "rv.more": {"vi": "… và {count} mục nữa: {how}", "en": "… and {count} more: {how}"},
    "rv.page": {"vi": "(trang {page}/{pages})", "en": "(page {page}/{pages})"},
    "rv.none": {"vi": "không có", "en": "none"},
    "rv.unit_line": {"vi": "{lead} chủ trì, {support} phối hợp", "en": "{lead} lead, {support} support"},
    "rv.role.lead": {"vi": "chủ trì", "en": "lead"},
    "rv.role.support": {"vi": "phối hợp", "en": "support"},
    "rv.no_day": {"vi": "chưa có ngày", "en": "no day"},
    "rv.day_of_period": {"vi": "ngày {day}", "en": "day {day}"},
    "rv.mark_added": {"vi": "➕ do quản trị viên thêm", "en": "➕ added by an admin"},
    "rv.mark_changed": {"vi": "✏️ đã sửa", "en": "✏️ corrected"},
    # help lines
    "rv.help_buttons": {
        "vi": "Bấm một mục để xem và sửa. Gõ «lệnh» để sửa bằng lệnh gõ.",
        "en": "Tap an item to see and correct it. Type “help” to correct by typed commands.",
    },
    "rv.help_text": {
        "vi": "<b>Sửa bằng lệnh (một dòng):</b>\n"
        "xem d4 | xem 12 | xem h3 | xem n2 | xem tất cả — xem\n"
        "xoá 12 (hoặc xoá h3) — bỏ nhiệm vụ / thời hạn sai\n"
        "vai 12 — đổi chủ trì ↔ phối hợp\n"
        "thêm 12 chủ trì Sở Tư pháp — thêm đơn vị (hoặc chức danh) vào nhiệm vụ 12\n"
        "gộp 12 13 — gộp hai dòng bị tách\n"
        "hạn h3 15/12/2026 | hạn h3 hằng năm 15/12 | hạn h3 hằng quý 10 — ngày, chu kỳ\n"
        "nộp h3 Sở A; Sở B — đơn vị phải nộp · gửi h3 Sở Nội vụ — nơi nhận\n"
        "thêm hạn Sở A | hằng năm 15/12 | Sở B | vài chữ trích từ văn bản — thêm hạn bị sót\n"
        "chọn n2 1 — chọn đơn vị đúng · bỏ qua n2 — giữ nguyên\n"
        "hoàn tác · {confirm} · huỷ",
        "en": "<b>Correct by command (one line):</b>\n"
        "show d4 | show 12 | show h3 | show n2 | show all — look\n"
        "remove 12 (or remove h3) — drop a wrong duty / deadline\n"
        "role 12 — switch lead ↔ support\n"
        "add 12 lead Department of Justice — add a unit (or a position) to duty 12\n"
        "merge 12 13 — merge two rows that were split\n"
        "due h3 15/12/2026 | due h3 yearly 15/12 | due h3 quarterly 10 — date, recurrence\n"
        "owes h3 Unit A; Unit B — who must report · to h3 Unit C — who receives it\n"
        "add deadline Unit A | yearly 15/12 | Unit B | a few words quoted from the text — a missed deadline\n"
        "pick n2 1 — choose the right unit · skip n2 — leave it as it is\n"
        "undo · {confirm} · cancel",
    },
    "rv.question_import": {"vi": "Nhập kế hoạch này?", "en": "Import this plan?"},
    "rv.question_live": {"vi": "Lưu các sửa đổi?", "en": "Save the corrections?"},
    "rv.confirm_word_import": {"vi": "nhập", "en": "confirm"},
    "rv.confirm_word_live": {"vi": "lưu", "en": "save"},
    "rv.hint_unit": {
        "vi": "Gõ: xem {n} · xoá {n} · vai {n} · thêm {n} chủ trì &lt;đơn vị&gt; · gộp {n} {m}",
        "en": "Type: show {n} · remove {n} · role {n} · add {n} lead &lt;unit&gt; · merge {n} {m}",
    },
    "rv.hint_units": {
        "vi": "Gõ: xem d1 (các dòng của đơn vị d1)",
        "en": "Type: show d1 (the rows of unit d1)",
    },
    "rv.hint_row": {
        "vi": "Gõ: xoá {n} · vai {n} · thêm {n} chủ trì &lt;đơn vị&gt; · "
        "thêm {n} phối hợp &lt;đơn vị&gt;{merge}",
        "en": "Type: remove {n} · role {n} · add {n} lead &lt;unit&gt; · add {n} support &lt;unit&gt;{merge}",
    },
    "rv.hint_merge": {"vi": " · gộp {n} {m}", "en": " · merge {n} {m}"},
    "rv.hint_deadline": {
        "vi": "Gõ: hạn {h} &lt;ngày&gt; · nộp {h} &lt;đơn vị; ...&gt; · gửi {h} &lt;đơn vị&gt; · xoá {h}",
        "en": "Type: due {h} &lt;date&gt; · owes {h} &lt;unit; ...&gt; · to {h} &lt;unit&gt; · remove {h}",
    },
    "rv.hint_deadlines": {
        "vi": "Gõ: xem h3 · thêm hạn &lt;đơn vị&gt; | &lt;khi nào&gt; | "
        "&lt;nơi nhận&gt; | &lt;trích đoạn&gt;",
        "en": "Type: show h3 · add deadline &lt;unit&gt; | &lt;when&gt; | &lt;to&gt; | &lt;quote&gt;",
    },
    "rv.pick_command": {  # one closest unit, as the command to type: "chọn n1 2"
        "vi": "chọn {n} {i}",
        "en": "pick {n} {i}",
    },
    "rv.hint_pick": {
        "vi": "Gõ: chọn {n} &lt;số&gt; hoặc chọn {n} &lt;tên đơn vị&gt; · bỏ qua {n}",
        "en": "Type: pick {n} &lt;number&gt; or pick {n} &lt;unit name&gt; · skip {n}",
    },
    "rv.hint_passage": {
        "vi": "Gõ: thêm {n} chủ trì &lt;đơn vị&gt; · thêm hạn {n} "
        "&lt;đơn vị&gt; | &lt;khi nào&gt; · bỏ qua {n}",
        "en": "Type: add {n} lead &lt;unit&gt; · add deadline {n} &lt;unit&gt; | &lt;when&gt; · skip {n}",
    },
    "rv.hint_recipient": {
        "vi": "Gõ: thêm &lt;số dòng&gt; chủ trì {n} · bỏ qua {n}",
        "en": "Type: add &lt;row number&gt; lead {n} · skip {n}",
    },
    # doubt lines
    "rv.doubt.unknown_unit": {
        "vi": "Chưa có trong danh mục: <b>{unit}</b> ({rows}); gần nhất: {suggestions}",
        "en": "Not in the directory: <b>{unit}</b> ({rows}); closest: {suggestions}",
    },
    "rv.doubt.new_unit": {
        "vi": "Đơn vị mới (danh mục chưa có): <b>{unit}</b> ({rows})",
        "en": "New unit (not in the directory): <b>{unit}</b> ({rows})",
    },
    "rv.doubt.unplaced": {
        "vi": "Không chỉ đến đơn vị nào: <b>{unit}</b> ({rows})",
        "en": "Reaches no unit: <b>{unit}</b> ({rows})",
    },
    "rv.doubt.flagged": {
        "vi": "Đơn vị đã sáp nhập, chưa có đơn vị kế thừa: <b>{unit}</b> ({rows})",
        "en": "Unit merged away with no successor: <b>{unit}</b> ({rows})",
    },
    "rv.doubt.recipient_only": {
        "vi": "Chỉ có ở «Nơi nhận», không được giao việc: <b>{unit}</b>",
        "en": "Only in “Nơi nhận” (recipients), given no duty: <b>{unit}</b>",
    },
    "rv.rows_ref": {"vi": "{count} dòng: {rows}", "en": "{count} rows: {rows}"},
    # cards
    "rv.row_card": {
        "vi": "<b>#{n}</b> {unit} — <b>{role}</b> [{section}]\n{marks}Nhiệm vụ: {duty}",
        "en": "<b>#{n}</b> {unit} — <b>{role}</b> [{section}]\n{marks}Duty: {duty}",
    },
    "rv.source": {"vi": "Trích: «{text}»", "en": "Source: “{text}”"},
    "rv.deadline_card": {
        "vi": "<b>{h}</b> {recurrence} · {action}\nĐơn vị phải nộp: {unit}\nNơi nhận: {to}\n{marks}«{text}»",
        "en": "<b>{h}</b> {recurrence} · {action}\nOwed by: {unit}\nTo: {to}\n{marks}“{text}”",
    },
    "rv.action.report": {"vi": "báo cáo", "en": "report"},
    "rv.action.deliver": {"vi": "hoàn thành", "en": "deliver"},
    "rv.unit_card": {"vi": "<b>{d} {unit}</b> — {counts}", "en": "<b>{d} {unit}</b> — {counts}"},
    "rv.suggestions": {"vi": "Gần nhất trong danh mục:", "en": "Closest in the directory:"},
    # buttons
    "rv.btn.confirm_import": {"vi": "✅ Nhập", "en": "✅ Import"},
    "rv.btn.confirm_live": {"vi": "✅ Lưu sửa đổi", "en": "✅ Save corrections"},
    "rv.btn.cancel": {"vi": "❌ Huỷ", "en": "❌ Cancel"},
    "rv.btn.undo": {"vi": "↩ Hoàn tác", "en": "↩ Undo"},
    "rv.btn.home": {"vi": "🏠 Tổng quan", "en": "🏠 Overview"},
    "rv.btn.back": {"vi": "⬅ {to}", "en": "⬅ {to}"},
    "rv.btn.all_units": {"vi": "📂 Tất cả đơn vị", "en": "📂 All units"},
    "rv.btn.all_deadlines": {"vi": "📅 Tất cả thời hạn", "en": "📅 All deadlines"},
    "rv.btn.all_doubts": {"vi": "⚠ Tất cả mục cần xem", "en": "⚠ Everything to check"},
    "rv.btn.remove": {"vi": "🗑 Xoá", "en": "🗑 Remove"},
    "rv.btn.to_support": {"vi": "🔁 Thành phối hợp", "en": "🔁 Make support"},
    "rv.btn.to_lead": {"vi": "🔁 Thành chủ trì", "en": "🔁 Make lead"},
    "rv.btn.add_lead": {"vi": "➕ Đơn vị chủ trì", "en": "➕ Lead unit"},
    "rv.btn.add_support": {"vi": "➕ Đơn vị phối hợp", "en": "➕ Supporting unit"},
    "rv.btn.merge": {"vi": "🔗 Gộp với #{n}", "en": "🔗 Merge with #{n}"},
    "rv.btn.due": {"vi": "📅 Ngày / chu kỳ", "en": "📅 Date / recurrence"},
    "rv.btn.owes": {"vi": "🏢 Đơn vị phải nộp", "en": "🏢 Owed by"},
    "rv.btn.to": {"vi": "📨 Nơi nhận", "en": "📨 Recipient"},
    "rv.btn.remove_deadline": {"vi": "🗑 Xoá thời hạn", "en": "🗑 Remove deadline"},
    "rv.btn.add_deadline": {"vi": "➕ Thêm thời hạn", "en": "➕ Add a deadline"},
    "rv.btn.deadline_from": {"vi": "📅 Thêm thời hạn từ câu này", "en": "📅 Add a deadline from it"},
    "rv.btn.type_unit": {"vi": "✏️ Gõ tên khác", "en": "✏️ Type another name"},
    "rv.btn.keep_new": {"vi": "✔ Đúng, là đơn vị mới", "en": "✔ Right, a new unit"},
    "rv.btn.skip": {"vi": "✔ Bỏ qua", "en": "✔ Leave it"},
    "rv.btn.skip_recipient": {"vi": "✔ Đúng, chỉ nhận để biết", "en": "✔ Right, copied for information"},
    "rv.btn.give_duty": {"vi": "➕ Giao một nhiệm vụ", "en": "➕ Give it a duty"},
    "rv.btn.remove_rows": {"vi": "🗑 Xoá các dòng này", "en": "🗑 Remove these rows"},
    "rv.btn.pick": {"vi": "→ {unit}", "en": "→ {unit}"},
    # prompts (a button that needs typed text)
    "rv.ask.add": {
        "vi": "Gõ tên đơn vị (hoặc chức danh) {role} cho {target}. Gõ «huỷ» để thôi.",
        "en": "Type the {role} unit (or position) for {target}. Type “cancel” to stop.",
    },
    "rv.ask.due": {
        "vi": "Gõ ngày của {target}: «15/12/2026» (một lần), «hằng năm 15/12», «hằng quý 10», "
        "«hằng tháng 20», «6 tháng 15/6» hoặc «4/2026».",
        "en": "Type the date of {target}: “15/12/2026” (once), “yearly 15/12”, “quarterly 10”, "
        "“monthly 20”, “semiannual 15/6” or “4/2026”.",
    },
    "rv.ask.owes": {
        "vi": "Gõ các đơn vị phải nộp {target}, cách nhau bằng dấu «;».",
        "en": "Type the units that owe {target}, separated by “;”.",
    },
    "rv.ask.to": {
        "vi": "Gõ đơn vị nhận báo cáo của {target} (gõ «-» nếu không có).",
        "en": "Type the unit that receives {target}'s reports (“-” for none).",
    },
    "rv.ask.add_deadline": {
        "vi": "Gõ: đơn vị | khi nào | nơi nhận | vài chữ trích từ văn bản\n"
        "Ví dụ: Sở Nội vụ | hằng năm 15/12 | UBND tỉnh | báo cáo kết quả thực hiện",
        "en": "Type: unit | when | recipient | a few words quoted from the text\n"
        "Example: Department of Home Affairs | yearly 15/12 | UBND tỉnh | báo cáo kết quả thực hiện",
    },
    "rv.ask.add_deadline_from": {
        "vi": "Gõ: đơn vị | khi nào [| nơi nhận] cho câu {target}. Ví dụ: Sở Nội vụ | hằng năm 15/12",
        "en": "Type: unit | when [| recipient] for {target}. Example: Sở Nội vụ | yearly 15/12",
    },
    "rv.ask.pick": {
        "vi": "Gõ tên đúng của đơn vị {target} (như trong danh mục).",
        "en": "Type the right name of unit {target} (as in the directory).",
    },
    "rv.ask.give_duty": {
        "vi": "Gõ số dòng nhiệm vụ giao cho {target} làm chủ trì (ví dụ 12).",
        "en": "Type the number of the duty {target} should lead (e.g. 12).",
    },
    # results
    "rv.did": {"vi": "✔ {what}", "en": "✔ {what}"},
    "rv.no_effect": {
        "vi": "ℹ Không thay đổi gì: {what}",
        "en": "ℹ Nothing changed: {what}",
    },
    "rv.undone": {"vi": "↩ Đã hoàn tác: {what}", "en": "↩ Undone: {what}"},
    "rv.nothing_to_undo": {"vi": "Chưa có sửa đổi nào để hoàn tác.", "en": "No correction to undo."},
    "rv.skipped": {"vi": "✔ Giữ nguyên {n}.", "en": "✔ {n} left as it is."},
    "rv.cancelled": {"vi": "Đã huỷ, không lưu gì.", "en": "Cancelled; nothing was saved."},
    "rv.expired": {
        "vi": "Không còn bản nào đang sửa. Gửi lại tệp kế hoạch, hoặc gõ /sua để sửa kế hoạch đã nhập.",
        "en": "Nothing is being corrected now. Send the plan file again, "
        "or type /sua to correct a stored plan.",
    },
    "rv.stale_button": {
        "vi": "Nút này thuộc một bản xem trước cũ. Dùng bản mới nhất.",
        "en": "That button belongs to an older preview. Use the latest one.",
    },
    "rv.unknown": {
        "vi": "Không hiểu «{text}». Gõ «lệnh» để xem các lệnh sửa, «huỷ» để thôi.",
        "en": "Did not understand “{text}”. Type “help” for the commands, “cancel” to stop.",
    },
    "rv.imported": {
        "vi": "✅ Đã nhập <b>{number}</b>: {assignments} nhiệm vụ, "
        "{deadlines} thời hạn, {corrections} sửa đổi lưu kèm.",
        "en": "✅ Imported <b>{number}</b>: {assignments} duties, {deadlines} "
        "deadlines, {corrections} corrections kept with it.",
    },
    "rv.saved": {
        "vi": "✅ Đã lưu {count} sửa đổi cho <b>{number}</b>; đã báo cho "
        "{people} người ở {units} đơn vị bị ảnh hưởng.",
        "en": "✅ Saved {count} corrections to <b>{number}</b>; told "
        "{people} people in {units} affected units.",
    },
    "rv.nothing_to_save": {
        "vi": "Chưa có sửa đổi nào để lưu. Sửa rồi bấm «Lưu», hoặc «Huỷ».",
        "en": "No corrections to save yet. Correct something, then “Save”, or “Cancel”.",
    },
    "rv.pick_plan": {"vi": "Chọn kế hoạch cần sửa:", "en": "Choose the plan to correct:"},
    "rv.no_plans": {"vi": "Chưa có kế hoạch nào.", "en": "There are no plans yet."},
    "rv.no_plan": {"vi": "Không có kế hoạch #{id}.", "en": "No plan #{id}."},
    # describing a correction
    "rv.what.remove_assignment": {
        "vi": "xoá {unit} ({role}): «{duty}»",
        "en": "removed {unit} ({role}): “{duty}”",
    },
    "rv.what.add_assignment": {
        "vi": "thêm {unit} ({role}): «{duty}»",
        "en": "added {unit} ({role}): “{duty}”",
    },
    "rv.what.set_role": {"vi": "{unit} thành {role}: «{duty}»", "en": "{unit} now {role}: “{duty}”"},
    "rv.what.merge_rows": {
        "vi": "gộp hai dòng của {unit}: «{duty}»",
        "en": "merged two rows of {unit}: “{duty}”",
    },
    "rv.what.map_unit": {"vi": "«{old}» là {new}", "en": "“{old}” is {new}"},
    "rv.what.remove_deadline": {"vi": "xoá thời hạn «{text}»", "en": "removed deadline “{text}”"},
    "rv.what.set_deadline": {"vi": "thời hạn «{text}»: {changes}", "en": "deadline “{text}”: {changes}"},
    "rv.what.add_deadline": {
        "vi": "thêm thời hạn {unit}, {when}: «{text}»",
        "en": "added deadline {unit}, {when}: “{text}”",
    },
    "rv.change.when": {"vi": "{when}", "en": "{when}"},
    "rv.change.unit": {"vi": "đơn vị nộp: {unit}", "en": "owed by: {unit}"},
    "rv.change.to": {"vi": "nơi nhận: {unit}", "en": "to: {unit}"},
    "rv.status.applied": {"vi": "áp dụng", "en": "applied"},
    "rv.status.stale": {"vi": "không còn áp dụng", "en": "no longer applies"},
    "rv.status.redundant": {"vi": "trích xuất đã đúng", "en": "already so in the extraction"},
    # errors
    "rv.err.op": {"vi": "Không có phép sửa «{op}».", "en": "No correction “{op}”."},
    "rv.err.not_admin": {
        "vi": "Chỉ quản trị viên được sửa kế hoạch.",
        "en": "Only admins may correct plans.",
    },
    "rv.err.not_a_correction": {"vi": "Lệnh này không sửa gì.", "en": "That command corrects nothing."},
    "rv.err.no_row": {"vi": "Không có nhiệm vụ {target}.", "en": "There is no duty {target}."},
    "rv.err.no_deadline": {"vi": "Không có thời hạn {target}.", "en": "There is no deadline {target}."},
    "rv.err.no_doubt": {"vi": "Không có mục cần xem {target}.", "en": "There is no item to check {target}."},
    "rv.err.no_unit_group": {"vi": "Không có đơn vị {target}.", "en": "There is no unit {target}."},
    "rv.err.same_role": {"vi": "{target} đã có vai trò đó.", "en": "{target} already has that role."},
    "rv.err.not_a_name": {"vi": "{target} không phải là tên đơn vị.", "en": "{target} is not a unit name."},
    "rv.err.bad_unit": {"vi": "Tên đơn vị không hợp lệ.", "en": "That is not a unit name."},
    "rv.err.not_a_passage": {
        "vi": "{target} không phải là một đoạn văn bản; dùng số dòng nhiệm vụ.",
        "en": "{target} is not a passage of the text; use a duty's number.",
    },
    "rv.err.merge_units": {
        "vi": "Chỉ gộp được hai dòng của cùng một đơn vị.",
        "en": "Only two rows of the same unit can be merged.",
    },
    "rv.err.not_pickable": {
        "vi": "{target} không phải là tên đơn vị cần chọn.",
        "en": "{target} is not a name to choose for.",
    },
    "rv.err.no_choice": {
        "vi": "{target} không có lựa chọn {choice}.",
        "en": "{target} has no choice {choice}.",
    },
    "rv.err.same_unit": {"vi": "{target} đã là tên đó.", "en": "{target} already has that name."},
    "rv.err.when": {
        "vi": "Không đọc được ngày «{text}». Ví dụ: 15/12/2026, hằng năm 15/12, hằng quý 10.",
        "en": "Could not read the date “{text}”. E.g. 15/12/2026, yearly 15/12, quarterly 10.",
    },
    "rv.err.when_year": {
        "vi": "Thời hạn một lần cần cả năm, ví dụ 15/12/2026.",
        "en": "A one-off deadline needs the year, e.g. 15/12/2026.",
    },
    "rv.err.when_month": {
        "vi": "Thời hạn hằng năm cần ngày và tháng, ví dụ hằng năm 15/12.",
        "en": "A yearly deadline needs a day and a month, e.g. yearly 15/12.",
    },
    "rv.err.quote_short": {
        "vi": "Trích ít nhất 3 chữ của câu có thời hạn.",
        "en": "Quote at least 3 words of the sentence with the deadline.",
    },
    "rv.err.quote_not_found": {
        "vi": "Không thấy «{quote}» trong văn bản. Chép đúng vài chữ của câu có thời hạn.",
        "en": "“{quote}” is not in the text. Copy a few words of the deadline's sentence exactly.",
    },
    "rv.err.quote_ambiguous": {
        "vi": "Đoạn trích có ở {count} câu; trích dài hơn một chút.",
        "en": "The quote is in {count} sentences; quote a little more.",
    },
    # usages
    "rv.usage.show": {
        "vi": "Gõ: xem d4 | xem 12 | xem h3 | xem n2 | xem tất cả",
        "en": "Type: show d4 | show 12 | show h3 | show n2 | show all",
    },
    "rv.usage.remove": {
        "vi": "Gõ: xoá 12 (một hoặc nhiều số) hoặc xoá h3",
        "en": "Type: remove 12 (one or more numbers) or remove h3",
    },
    "rv.usage.role": {"vi": "Gõ: vai 12 (hoặc vai 12 phối hợp)", "en": "Type: role 12 (or role 12 support)"},
    "rv.usage.add": {
        "vi": "Gõ: thêm 12 chủ trì &lt;đơn vị&gt; (hoặc thêm 12 phối hợp &lt;đơn vị&gt;)",
        "en": "Type: add 12 lead &lt;unit&gt; (or add 12 support &lt;unit&gt;)",
    },
    "rv.usage.merge": {"vi": "Gõ: gộp 12 13", "en": "Type: merge 12 13"},
    "rv.usage.due": {
        "vi": "Gõ: hạn h3 15/12/2026 (hoặc hằng năm 15/12 ...)",
        "en": "Type: due h3 15/12/2026 (or yearly 15/12 ...)",
    },
    "rv.usage.owes": {"vi": "Gõ: nộp h3 Sở A; Sở B", "en": "Type: owes h3 Unit A; Unit B"},
    "rv.usage.to": {"vi": "Gõ: gửi h3 Sở Nội vụ (hoặc gửi h3 -)", "en": "Type: to h3 Unit (or to h3 -)"},
    "rv.usage.add_deadline": {
        "vi": "Gõ: thêm hạn &lt;đơn vị&gt; | &lt;khi nào&gt; | &lt;nơi nhận&gt; | &lt;trích đoạn&gt;",
        "en": "Type: add deadline &lt;unit&gt; | &lt;when&gt; | &lt;to&gt; | &lt;quote&gt;",
    },
    "rv.usage.pick": {
        "vi": "Gõ: chọn n2 1 (hoặc chọn n2 &lt;tên đơn vị&gt;)",
        "en": "Type: pick n2 1 (or pick n2 &lt;unit name&gt;)",
    },
    "rv.usage.skip": {"vi": "Gõ: bỏ qua n2", "en": "Type: skip n2"},
    # notices to members
    "rv.notice": {
        "vi": "✏️ Kế hoạch <b>{plan}</b> vừa được quản trị viên sửa. Với <b>{unit}</b>:",
        "en": "✏️ An admin corrected plan <b>{plan}</b>. For <b>{unit}</b>:",
    },
    "rv.notice.added": {"vi": "➕ Nhiệm vụ mới ({role}): {duty}", "en": "➕ New duty ({role}): {duty}"},
    "rv.notice.removed": {
        "vi": "➖ Không còn giao ({role}): {duty}",
        "en": "➖ No longer yours ({role}): {duty}",
    },
    "rv.notice.role": {
        "vi": "🔁 Nay là {role} (trước: {old}): {duty}",
        "en": "🔁 Now {role} (was {old}): {duty}",
    },
    "rv.notice.deadline_added": {
        "vi": "📅 Thời hạn mới ({when}): {text}",
        "en": "📅 New deadline ({when}): {text}",
    },
    "rv.notice.deadline_removed": {
        "vi": "🗑 Bỏ thời hạn ({when}): {text}",
        "en": "🗑 Deadline dropped ({when}): {text}",
    },
    "rv.notice.deadline_changed": {
        "vi": "📅 Đổi thời hạn: {old} → {when}: {text}",
        "en": "📅 Deadline moved: {old} → {when}: {text}",
    },
    "rv.notice.more": {"vi": "… và {count} thay đổi nữa.", "en": "… and {count} more changes."},
    "rv.notice.tail": {
        "vi": "Gõ /nhiemvu hoặc /hanbaocao để xem đầy đủ.",
        "en": "Type /nhiemvu or /hanbaocao for the full list.",
    },
    # /sua
    "menu.sua": {"vi": "Sửa kế hoạch đã nhập", "en": "Correct a stored plan"},
}
