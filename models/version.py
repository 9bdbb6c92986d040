"""The app's version, shown in Trợ giúp and by `main.py --version` (keep pyproject.toml in step)."""

VERSION = "0.2.0"
