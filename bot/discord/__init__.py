"""The Discord surface: the bot class and its cogs, sending posts as embeds, its configuration and the process launcher.

Nothing is imported here, so that ``bot.discord.config`` can be read without loading discord.py.
"""
