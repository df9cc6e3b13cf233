"""The bot's outer layer: chat channels, scheduler, configuration and the `dutybot` command line."""
