"""What the extractor and the importer could not read with confidence (parsing.model.Doubt kinds),
for the admin, in the admin's language: the chat's import preview, `plans import`, `plans show`."""

TEXTS = {
    "doubt.no_number": {
        "vi": "không thấy số hiệu văn bản ở phần đầu",
        "en": "no plan number found in the header",
    },
    "doubt.no_date": {
        "vi": "không thấy ngày ban hành đầy đủ ở phần đầu",
        "en": "no date of issue found in the header",
    },
    "doubt.no_implementation_part": {
        "vi": "không thấy phần TỔ CHỨC THỰC HIỆN (phần giao nhiệm vụ cho các đơn vị)",
        "en": "no implementation part (TỔ CHỨC THỰC HIỆN) found",
    },
    "doubt.fallback": {
        "vi": "không nhận ra phần giao nhiệm vụ: đã đọc các mục có đơn vị chủ trì sau phần mục đích",
        "en": "no part assigning work recognised: read unit-led items after the purpose part",
    },
    "doubt.item_without_unit": {
        "vi": "mục {section} không nêu đơn vị thực hiện: {text}",
        "en": "no unit found in {section}: {text}",
    },
    "doubt.deadline_without_unit": {
        "vi": "thời hạn không rõ đơn vị thực hiện ({section}): {text}",
        "en": "deadline phrase without a unit ({section}): {text}",
    },
    "doubt.unmapped_table": {
        "vi": "không hiểu các cột của bảng ({section}): {text}",
        "en": "table not understood ({section}): {text}",
    },
    "doubt.bad_due": {
        "vi": "không hiểu ngày của thời hạn ({section}): {text}",
        "en": "deadline day not understood ({section}): {text}",
    },
    "doubt.unplaced": {
        "vi": "không xác định được đơn vị: {text}",
        "en": "could not place: {text}",
    },
    "doubt.note": {"vi": "{text}", "en": "{text}"},
}
