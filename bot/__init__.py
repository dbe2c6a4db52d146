"""The Discord adapter over the newsqa core: `python -m bot`, or `bot.app.run(settings)`."""
