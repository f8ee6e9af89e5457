"""Pure-Python core of the complaints process: working-day calendar, durations, config.

Nothing under this package imports Django, so it can be tested and reused on its own.
"""
