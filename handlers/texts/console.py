"""Strings of the terminal console (`dutybot console`, `dutybot run` without a token)."""

TEXTS = {
    "console.intro": {
        "vi": "Bảng điều khiển dutybot: gõ như trong Telegram hoặc Zalo; /quit hoặc Ctrl-D để thoát.\n"
        "Gửi một tệp kế hoạch: gõ «file: đường/dẫn/kế-hoạch.docx». "
        "Các tệp bot gửi (/lich, /export) được lưu vào {files}.",
        "en": "dutybot console: type as you would in Telegram or Zalo; /quit or Ctrl-D to leave.\n"
        "To send a plan file, type “file: path/to/plan.docx”. "
        "Files the bot sends (/lich, /export) are saved in {files}.",
    },
    "console.file_saved": {
        "vi": "[đã lưu tệp: {path} ({size} byte)]",
        "en": "[file saved: {path} ({size} bytes)]",
    },
    "console.no_file": {
        "vi": "Không tìm thấy tệp {path}. Gõ «file: » rồi đường dẫn tới một tệp .docx, .pdf, .txt hoặc .md.",
        "en": "No file {path}. Type “file: ” followed by the path of a .docx, .pdf, .txt or .md file.",
    },
}
