"""The surfaces of onrecord: the Discord bot and the command-line harness."""
