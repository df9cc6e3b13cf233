"""What the bot says, below the services that decide when to say it: the reply types, the text
catalogue (Vietnamese and English), the HTML helpers, and the views that services render (the
deadline words and the morning reminder). Imports nothing above it, and nothing of storage."""
