"""What an operation is: a labelled write that can be done and, unless it says otherwise,
undone; each direction says what it changed. Both may raise a BookError."""

from __future__ import annotations

from models.domain.changes import Changes


class Op:
    label = ""
    # False: undo makes no sense (deleting a whole ceremony); the window asks first and,
    # where earlier steps would no longer fit the book, the history is cleared.
    undoable = True
    clears_history = False
    quiet = False  # True: saved without "Đã lưu: …" in the status bar (the show's keys)

    def do(self) -> Changes:
        raise NotImplementedError

    def undo(self) -> Changes:
        raise NotImplementedError

    def redo(self) -> Changes:
        return self.do()
