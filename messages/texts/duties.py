"""Strings of the duties feature: what a unit is responsible for, sources, who is responsible."""

TEXTS = {
    "duties.header": {
        "vi": "<b>Nhiệm vụ của {unit}</b> ({jurisdiction}) — trang {page}/{pages}",
        "en": "<b>Duties of {unit}</b> ({jurisdiction}) — page {page}/{pages}",
    },
    "duties.none": {
        "vi": "Chưa có kế hoạch nào giao nhiệm vụ cho <b>{unit}</b>.",
        "en": "No plan assigns a duty to <b>{unit}</b> yet.",
    },
    "duties.merged": {
        "vi": "Gồm cả nhiệm vụ giao cho: {names}",
        "en": "Includes duties given to: {names}",
    },
    "duties.lead": {"vi": "Chủ trì", "en": "Lead"},
    "duties.support": {"vi": "Phối hợp", "en": "Support"},
    "duties.via_class": {"vi": "giao cho {group}", "en": "given to {group}"},
    "duties.next_due": {"vi": "⏰ Hạn gần nhất: {date}", "en": "⏰ Next deadline: {date}"},
    "duties.plan_due": {
        "vi": "⏰ Hạn báo cáo của đơn vị theo kế hoạch này: {date}",
        "en": "⏰ Your unit's report under this plan is due: {date}",
    },
    "duties.default_day": {"vi": " (ngày mặc định)", "en": " (default day)"},
    "duties.flagged": {
        "vi": "⚠️ đơn vị cũ đã giải thể, chờ quản trị viên giao lại",
        "en": "⚠️ the named unit was dissolved; awaiting an admin",
    },
    "duties.open_hint": {
        "vi": "Bấm số để xem câu gốc trong kế hoạch.",
        "en": "Tap a number to see the plan's own sentence.",
    },
    "duties.no_unit": {
        "vi": "Bạn chưa thuộc đơn vị nào. Gõ /hoi &lt;tên đơn vị&gt; để xem nhiệm vụ của một đơn vị.",
        "en": "You do not belong to a unit. Type /hoi &lt;unit name&gt; to see a unit's duties.",
    },
    "duties.ask_unit": {
        "vi": "Gõ: /hoi &lt;tên đơn vị&gt;, ví dụ /hoi Sở Ngoại vụ Đồng Nai",
        "en": "Type: /hoi &lt;unit name&gt;, e.g. /hoi Sở Ngoại vụ Đồng Nai",
    },
    "duties.pick_unit": {
        "vi": "Bạn hỏi đơn vị nào?",
        "en": "Which unit do you mean?",
    },
    "duties.source": {
        "vi": "<b>{plan}</b>\n{title}\n{section}\n<b>{role}</b> — {unit}\n\n<i>«{source}»</i>",
        "en": "<b>{plan}</b>\n{title}\n{section}\n<b>{role}</b> — {unit}\n\n<i>“{source}”</i>",
    },
    "duties.section": {"vi": "Mục: {section}", "en": "Section: {section}"},
    "duties.back": {"vi": "◀ Danh sách nhiệm vụ", "en": "◀ Back to the duties"},
    "duties.not_found": {
        "vi": "Không tìm thấy nhiệm vụ này (kế hoạch có thể đã được cập nhật).",
        "en": "That duty was not found (the plan may have been updated).",
    },
    "duties.who_header": {
        "vi": "<b>Ai phụ trách «{topic}»?</b>",
        "en": "<b>Who is responsible for “{topic}”?</b>",
    },
    "duties.who_line": {
        "vi": "{n}. {name}: chủ trì {lead}, phối hợp {support}",
        "en": "{n}. {name}: lead {lead}, support {support}",
    },
    "duties.who_none": {
        "vi": "Không thấy kế hoạch nào nhắc tới «{topic}».",
        "en": "No plan mentions “{topic}”.",
    },
}
