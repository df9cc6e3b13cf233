"""What the bot says on Zalo about messages the Zalo Bot Platform cannot hand it."""

TEXTS = {
    "zalo.image": {
        "vi": "Tôi không nhận được ảnh này. Hãy gõ yêu cầu bằng chữ, hoặc /help để xem các lệnh.",
        "en": "I did not receive this picture. Type your request, or /help to see the commands.",
    },
    "zalo.sticker": {
        "vi": "Tôi chỉ đọc được tin nhắn chữ. Gõ /help để xem các lệnh.",
        "en": "I can only read text messages. Type /help to see the commands.",
    },
    "zalo.unsupported": {
        "vi": "Zalo không chuyển tệp đính kèm (Word, PDF, Excel), tin nhắn thoại hay video cho bot, "
        "nên tôi không nhận được nội dung vừa gửi. Hãy gõ nội dung bằng chữ.\n"
        "Quản trị viên muốn nhập kế hoạch: gửi đường link tải trực tiếp tệp (.docx, .pdf, .txt), "
        "hoặc gửi tệp qua Telegram.",
        "en": "Zalo does not pass file attachments (Word, PDF, Excel), voice messages or videos to bots, "
        "so I did not receive what you just sent. Please type it as text.\n"
        "Admins importing a plan: send a direct download link to the file (.docx, .pdf, .txt), "
        "or send the file on Telegram.",
    },
    "zalo.link_too_large": {
        "vi": "Tệp ở đường link lớn hơn {mb} MB nên không nhập được.",
        "en": "The linked file is larger than {mb} MB, so it cannot be imported.",
    },
    "zalo.link_http": {
        "vi": "Không tải được tệp từ đường link (máy chủ từ chối). Hãy gửi link tải trực tiếp, "
        "mở được mà không cần đăng nhập.",
        "en": "Could not download the linked file (the server refused). Send a direct download link "
        "that opens without signing in.",
    },
    "zalo.link_forbidden_host": {
        "vi": "Không tải được tệp: liên kết trỏ vào mạng nội bộ, bot không được phép truy cập.",
        "en": "Could not download the file: the link points into a private network the bot may not reach.",
    },
    "zalo.link_network": {
        "vi": "Không kết nối được tới đường link. Hãy kiểm tra link rồi gửi lại.",
        "en": "Could not reach the link. Please check it and send it again.",
    },
    "zalo.no_file_out": {
        "vi": "(Zalo không cho bot gửi tệp, nên tệp {filename} không kèm theo được. "
        "Hãy lấy tệp qua Telegram.)",
        "en": "(Zalo does not let bots send files, so {filename} could not be attached. "
        "Get the file on Telegram.)",
    },
}
