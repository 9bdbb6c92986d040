"""The window's dialogs: each asks one thing and runs what it was asked for through the session."""
