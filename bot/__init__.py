"""The surfaces of onrecord: the Discord bot (``bot.discord``) and the command line (``bot.cli``), sharing one reply model."""
