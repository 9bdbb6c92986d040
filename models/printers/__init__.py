"""The computer's printers, as the operating system knows them (no Qt here)."""
