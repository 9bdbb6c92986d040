"""Keeping the book on disk: the SQLite store and its migrations, backups, locks, the WAL
guard, whole-or-nothing files, this computer's settings and folders."""
