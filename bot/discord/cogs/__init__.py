"""The bot's features, one cog per module, loaded by ``OnrecordBot.setup_hook``."""
