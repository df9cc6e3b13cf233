"""Strings shared by every feature."""

TEXTS = {
    # the pager of every list (handlers.paging)
    "btn.prev": {"vi": "◀ Trang trước", "en": "◀ Previous"},
    "btn.next": {"vi": "Trang sau ▶", "en": "Next ▶"},
    "error.internal": {
        "vi": "Đã có lỗi khi xử lý yêu cầu. Quản trị viên đã được báo; vui lòng thử lại sau.",
        "en": "Something went wrong while handling that. The admins have been told; please try again later.",
    },
}
