"""Strings shared by every feature."""

TEXTS = {
    "error.internal": {
        "vi": "Đã có lỗi khi xử lý yêu cầu. Quản trị viên đã được báo; vui lòng thử lại sau.",
        "en": "Something went wrong while handling that. The admins have been told; please try again later.",
    },
}
