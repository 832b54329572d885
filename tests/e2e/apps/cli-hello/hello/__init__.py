"""A command-line tool: `python -m hello [NAME...]`."""
