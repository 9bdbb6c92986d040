"""Every write the window makes, as an operation: done, undone and redone the same way,
each saying what it changed (domain.changes.Changes). The window runs them through one
place (ui.session.BookSession.run), which keeps the undo stack and tells every page."""
