"""Chat platforms behind one small interface (`base.ChannelAdapter`): Telegram, Zalo, the console."""

import os

# Before python-telegram-bot is first imported: RetryAfter.retry_after as a timedelta (no deprecation
# warning), in every module of the Telegram channel.
os.environ.setdefault("PTB_TIMEDELTA", "true")
