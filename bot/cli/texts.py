"""The words of the command line (`dutybot plans|units|ask|deadlines|...`): plain terminal text,
no HTML.

They live with the command line, not in the chat's catalogue (messages/texts); `t` looks here first
and falls back to the chat's catalogue for the words both share (a status, a recurrence).
"""

from __future__ import annotations

from messages.i18n import catalog, pick

TEXTS: dict[str, dict[str, str]] = {
    "cli.import.ok": {
        "vi": "{name}: {status} kế hoạch #{plan_id} ({number}) – {assignments} nhiệm vụ "
        "({groups} giao cho nhóm), {deadlines} thời hạn ({undated} chưa có ngày)",
        "en": "{name}: {status} plan #{plan_id} ({number}) – {assignments} duties ({groups} to classes), "
        "{deadlines} deadlines ({undated} without a day)",
    },
    "cli.import.status.created": {"vi": "đã nhập", "en": "imported"},
    "cli.import.status.updated": {"vi": "đã cập nhật", "en": "updated"},
    "cli.import.status.unchanged": {"vi": "không đổi", "en": "unchanged"},
    "cli.import.status.restored": {"vi": "đã khôi phục từ lưu trữ", "en": "restored from the archive"},
    "cli.import.removed": {
        "vi": "  ! bản mới bỏ {assignments} nhiệm vụ và {deadlines} thời hạn của bản đã nhập:",
        "en": "  ! the new text drops {assignments} duties and {deadlines} deadlines of the stored plan:",
    },
    "cli.import.removed_duty": {"vi": "    - nhiệm vụ {text}", "en": "    - duty {text}"},
    "cli.import.removed_deadline": {"vi": "    - thời hạn {text}", "en": "    - deadline {text}"},
    "cli.import.doubts": {
        "vi": "  ! cần kiểm tra ({count} điểm đọc chưa chắc chắn):",
        "en": "  ! to check ({count} points read without confidence):",
    },
    "cli.import.new_units": {"vi": "  đơn vị mới: {units}", "en": "  new units: {units}"},
    "cli.import.flagged": {
        "vi": "  ! cần quản trị viên xem (đơn vị đã giải thể, không có đơn vị kế thừa): {units}",
        "en": "  ! needs an admin (unit dissolved with no successor): {units}",
    },
    "cli.import.unplaced": {
        "vi": "  ! không xác định được đơn vị: {units}",
        "en": "  ! could not place: {units}",
    },
    "cli.import.too_slow": {
        "vi": "{name}: đọc quá {seconds} giây nên đã dừng; không nhập gì",
        "en": "{name}: reading took over {seconds} seconds and was stopped; nothing imported",
    },
    "cli.show.deadline": {"vi": "thời hạn", "en": "deadline"},
    "cli.import.failed": {"vi": "LỖI {message}", "en": "FAILED {message}"},
    "cli.import.missing": {"vi": "{name}: không tìm thấy tệp", "en": "{name}: no such file"},
    "cli.import.unexpected": {
        "vi": "{name}: lỗi không mong đợi khi nhập ({error}); không có gì được ghi",
        "en": "{name}: unexpected error while importing ({error}); nothing was written",
    },
    "cli.import.summary": {
        "vi": "{ok} tệp đã nhập, {failed} tệp lỗi",
        "en": "{ok} files imported, {failed} failed",
    },
    "cli.plans.empty": {"vi": "Chưa có kế hoạch nào.", "en": "No plans yet."},
    "cli.plans.header": {
        "vi": "  #  trạng thái  số hiệu            ngày ban hành  nhiệm vụ  tên",
        "en": "  #  status      number             issued on      duties    title",
    },
    "cli.plans.status.active": {"vi": "đang dùng", "en": "active"},
    "cli.plans.status.archived": {"vi": "lưu trữ", "en": "archived"},
    "cli.plans.not_found": {"vi": "Không có kế hoạch #{id}", "en": "No plan #{id}"},
    "cli.plans.archived": {"vi": "Đã lưu trữ kế hoạch #{id}.", "en": "Plan #{id} archived."},
    "cli.plans.restored": {"vi": "Đã khôi phục kế hoạch #{id}.", "en": "Plan #{id} restored."},
    "cli.plans.day_set": {
        "vi": "Thời hạn #{id}: đã đặt ngày {due}.",
        "en": "Deadline #{id}: day set to {due}.",
    },
    "cli.plans.reresolved": {
        "vi": "Đã xét {deadlines} thời hạn: {resolved} có đơn vị nhận báo cáo trong danh bạ,"
        " {changed} thay đổi; bỏ {dropped} lần hạn của đơn vị không còn phải nộp.",
        "en": "{deadlines} deadlines checked: {resolved} have a recipient unit in the directory, {changed}"
        " changed; {dropped} dated deadlines dropped for units that no longer owe them.",
    },
    "cli.show.assignments": {"vi": "Nhiệm vụ:", "en": "Duties:"},
    "cli.show.read_by_ocr": {
        "vi": "Đọc bằng nhận dạng chữ (OCR) từ bản scan/ảnh chụp: đối chiếu với bản gốc.",
        "en": "Read by OCR from a scan/photo: check against the original.",
    },
    "cli.show.deadlines": {"vi": "Thời hạn:", "en": "Deadlines:"},
    "cli.show.no_day": {"vi": "chưa có ngày", "en": "no day set"},
    "cli.role.lead": {"vi": "chủ trì", "en": "lead"},
    "cli.role.support": {"vi": "phối hợp", "en": "support"},
    "cli.flag": {"vi": "cần xem lại", "en": "needs review"},
    "cli.units.empty": {"vi": "Không có đơn vị nào.", "en": "No units."},
    "cli.units.not_found": {
        "vi": "Không tìm thấy đơn vị “{words}”.",
        "en": "No unit matches “{words}”.",
    },
    "cli.units.no_province": {
        "vi": "Không có tỉnh “{province}” trong danh bạ.",
        "en": "No province “{province}” in the directory.",
    },
    "cli.export.written": {"vi": "{unit}: đã ghi {path}", "en": "{unit}: written to {path}"},
    "cli.invite.created": {
        "vi": "{unit} ({place}): {code}  (dùng một lần, hết hạn {expires} giờ Việt Nam)",
        "en": "{unit} ({place}): {code}  (single use, expires {expires} Vietnam time)",
    },
    "cli.invite.inactive": {
        "vi": "{unit} không còn hoạt động (đã sáp nhập hoặc giải thể): không tạo mã mời.",
        "en": "{unit} is no longer active (merged or dissolved): no invite created.",
    },
    "cli.invite.link": {
        "vi": "Liên kết Telegram: https://t.me/<tên bot>?start={code}",
        "en": "Telegram deep link: https://t.me/<your bot>?start={code}",
    },
    "cli.units.suggest": {"vi": "Có phải: {names}?", "en": "Did you mean: {names}?"},
    "cli.units.ambiguous": {
        "vi": "“{words}” khớp nhiều đơn vị, hãy nói rõ tỉnh: {names}",
        "en": "“{words}” matches several units; name the province: {names}",
    },
    "cli.units.added": {
        "vi": "Đã thêm: {name} ({kind}, {place}) #{id}",
        "en": "Added: {name} ({kind}, {place}) #{id}",
    },
    "cli.units.exists": {
        "vi": "Đã có: {name} ({place}) #{id}",
        "en": "Already there: {name} ({place}) #{id}",
    },
    "cli.units.renamed": {"vi": "Đã đổi tên #{id}: {old} → {new}", "en": "Renamed #{id}: {old} → {new}"},
    "cli.units.aliased": {
        "vi": "Đã thêm tên gọi khác cho {name}: {alias}",
        "en": "Alias added to {name}: {alias}",
    },
    "cli.units.alias_known": {"vi": "{alias} đã khớp {name}.", "en": "{alias} already matches {name}."},
    "cli.units.merged": {"vi": "Đã sáp nhập {old} vào {new}.", "en": "Merged {old} into {new}."},
    "cli.units.csv": {
        "vi": "{created} đơn vị mới, {updated} đã cập nhật, {errors} dòng lỗi",
        "en": "{created} units created, {updated} updated, {errors} bad rows",
    },
    "cli.units.written": {"vi": "~ trong các kế hoạch: {names}", "en": "~ as plans write it: {names}"},
    "cli.units.csv_no_name": {
        "vi": "{file}:{line}: thiếu tên đơn vị",
        "en": "{file}:{line}: no unit name",
    },
    "cli.units.csv_unknown_kind": {
        "vi": "{file}:{line}: loại đơn vị không có: “{value}”",
        "en": "{file}:{line}: unknown kind “{value}”",
    },
    "cli.units.csv_bad_name": {
        "vi": "{file}:{line}: “{value}” không phải tên một đơn vị",
        "en": "{file}:{line}: “{value}” is not a unit name",
    },
    "cli.units.mergers": {
        "vi": "Đã áp dụng sáp nhập năm 2025 cho {count} đơn vị.",
        "en": "2025 mergers applied to {count} units.",
    },
    "cli.units.successor": {"vi": "→ sáp nhập vào {name}", "en": "→ merged into {name}"},
    "cli.units.review": {"vi": "cần quản trị viên phân công lại", "en": "an admin must reassign its duties"},
    "cli.ask.not_understood": {
        "vi": "Chưa hiểu câu hỏi. Ví dụ: “Sở Tài chính Đồng Nai phụ trách gì?”, "
        "“ai phụ trách viện trợ phi chính phủ?”, “hạn báo cáo của Sở Ngoại vụ”.",
        "en": "Question not understood. Try: “Sở Tài chính Đồng Nai phụ trách gì?”, "
        "“ai phụ trách viện trợ phi chính phủ?”, “hạn báo cáo của Sở Ngoại vụ”.",
    },
    "cli.duties.title": {
        "vi": "{unit} ({place}): {count} nhiệm vụ trong {plans} kế hoạch đang thực hiện",
        "en": "{unit} ({place}): {count} duties in {plans} active plans",
    },
    "cli.duties.merged": {"vi": "  gồm nhiệm vụ của: {names}", "en": "  including duties of: {names}"},
    "cli.duties.none": {
        "vi": "{unit} ({place}) không có nhiệm vụ nào trong các kế hoạch đang thực hiện.",
        "en": "{unit} ({place}) has no duties in active plans.",
    },
    "cli.duties.via": {"vi": "qua nhóm “{phrase}”", "en": "as one of “{phrase}”"},
    "cli.duties.next": {"vi": "hạn tới: {due}", "en": "next due: {due}"},
    "cli.duties.default_day": {"vi": " (ngày mặc định)", "en": " (default day)"},
    "cli.duties.source": {
        "vi": "nguồn: nhiệm vụ #{id}, mục {section}",
        "en": "source: duty #{id}, section {section}",
    },
    "cli.who.none": {
        "vi": "Không có nhiệm vụ nào nhắc đến “{topic}”.",
        "en": "No duty mentions “{topic}”.",
    },
    "cli.who.title": {"vi": "Phụ trách “{topic}”:", "en": "Responsible for “{topic}”:"},
    "cli.who.row": {
        "vi": "  {name} – {lead} chủ trì, {support} phối hợp",
        "en": "  {name} – {lead} lead, {support} support",
    },
    "cli.deadlines.none": {
        "vi": "{unit}: không có thời hạn nào trong {days} ngày tới.",
        "en": "{unit}: no deadlines in the next {days} days.",
    },
    "cli.deadlines.title": {"vi": "Thời hạn của {unit}:", "en": "Deadlines of {unit}:"},
    "cli.action.report": {"vi": "báo cáo", "en": "report"},
    "cli.action.deliver": {"vi": "hoàn thành", "en": "deliver"},
    "cli.status.in_time": {"vi": "trong hạn", "en": "in time"},
    "cli.status.due_soon": {"vi": "sắp đến hạn", "en": "due soon"},
    "cli.status.overdue": {"vi": "quá hạn", "en": "overdue"},
    "cli.status.done_on_time": {"vi": "hoàn thành đúng hạn", "en": "done on time"},
    "cli.status.done_late": {"vi": "hoàn thành quá hạn", "en": "done late"},
    "cli.status.no_deadline": {"vi": "chưa có ngày", "en": "no day set"},
    # plans edit, plans diff, corrections re-applied on import
    "cli.edit.saved": {
        "vi": "Đã lưu {count} sửa đổi cho kế hoạch #{id}; {people} người ở "
        "{units} đơn vị bị ảnh hưởng sẽ được báo.",
        "en": "Saved {count} corrections to plan #{id}; {people} people "
        "in {units} affected units will be told.",
    },
    "cli.edit.undone": {
        "vi": "Đã bỏ sửa đổi của kế hoạch #{id}; {people} người sẽ được báo.",
        "en": "Correction of plan #{id} taken back; {people} people will be told.",
    },
    "cli.edit.no_correction": {"vi": "Không có sửa đổi đó.", "en": "No such correction."},
    "cli.edit.unknown": {
        "vi": "Không hiểu lệnh «{text}». Gõ: dutybot plans edit ID lenh",
        "en": "Unknown command “{text}”. Type: dutybot plans edit ID help",
    },
    "cli.edit.chat_only": {
        "vi": "«{text}» chỉ dùng trong chat; ở đây mỗi lệnh được lưu ngay (bỏ: plans edit ID undo).",
        "en": "“{text}” is for the chat; here each command is stored at "
        "once (take back: plans edit ID undo).",
    },
    "cli.diff.title": {
        "vi": "Kế hoạch #{id} ({plan}): {count} sửa đổi",
        "en": "Plan #{id} ({plan}): {count} corrections",
    },
    "cli.diff.assignments": {
        "vi": "Nhiệm vụ (trích xuất → đã sửa):",
        "en": "Duties (extracted → corrected):",
    },
    "cli.diff.deadlines": {
        "vi": "Thời hạn (trích xuất → đã sửa):",
        "en": "Deadlines (extracted → corrected):",
    },
    "cli.import.reapplied": {
        "vi": "  ↻ áp dụng lại {count} sửa đổi đã lưu",
        "en": "  ↻ {count} stored corrections re-applied",
    },
    "cli.import.stale": {
        "vi": "  ! sửa đổi không còn áp dụng: {what}",
        "en": "  ! correction no longer applies: {what}",
    },
}


def t(lang: str | None, key: str, **values: object) -> str:
    """A command-line text in `lang` (Vietnamese by default)."""
    return pick(TEXTS[key] if key in TEXTS else catalog()[key], lang, values)
