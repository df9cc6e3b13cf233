"""What the bot says on Zalo about messages the Zalo Bot Platform cannot hand it."""

TEXTS = {
    "zalo.image": {
        "vi": "Tôi chỉ đọc được tin nhắn chữ, không đọc được ảnh. "
        "Hãy gõ yêu cầu, hoặc /help để xem các lệnh.",
        "en": "I can only read text messages, not pictures. Type your request, or /help to see the commands.",
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
}
