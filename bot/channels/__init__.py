"""Chat platforms behind one small interface (`base.ChannelAdapter`): Telegram, Zalo, the console."""
