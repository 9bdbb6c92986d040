"""The window's pages and the entry forms on them."""
