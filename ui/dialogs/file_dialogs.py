"""File dialogs that start in the folder used last (a clerk saves the PDF where she took the list from)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from models.storage.settings import Settings


def _start(settings: Settings) -> Path:
    folder = settings.last_folder()
    return folder if folder is not None and folder.is_dir() else Path.home()


def ask_save(parent: QWidget, settings: Settings, title: str, file_name: str, filters: str) -> tuple[Path | None, str]:
    """The path to write and the filter chosen; (None, "") when the user cancelled."""
    path, chosen = QFileDialog.getSaveFileName(parent, title, str(_start(settings) / file_name), filters)
    if not path:
        return None, ""
    settings.set_last_folder(Path(path).parent)
    return Path(path), chosen


def ask_open(parent: QWidget, settings: Settings, title: str, filters: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, str(_start(settings)), filters)
    if not path:
        return None
    settings.set_last_folder(Path(path).parent)
    return Path(path)


def ask_folder(parent: QWidget, settings: Settings, title: str) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, title, str(_start(settings)))
    if not folder:
        return None
    settings.set_last_folder(Path(folder))
    return Path(folder)
