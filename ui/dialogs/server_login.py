"""Asking a clerk for their server password, and remembering it only where they ask: in
the operating system's credential store (Windows Credential Manager, the macOS keychain,
the Secret Service on Linux), never in the app's own files."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

log = logging.getLogger(__name__)

SERVICE = "Vinh Danh"


def _keyring():
    """The system's credential store, or None where there is none usable."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    backend = keyring.get_keyring()
    return None if isinstance(backend, fail.Keyring) else keyring


def can_remember() -> bool:
    return _keyring() is not None


def remembered(key: str) -> str | None:
    store = _keyring()
    if store is None:
        return None
    try:
        return store.get_password(SERVICE, key)
    except Exception as exc:  # the store's own errors (locked, refused): ask instead
        log.info("credential store not read: %s", exc)
        return None


def remember(key: str, password: str) -> None:
    store = _keyring()
    if store is not None:
        try:
            store.set_password(SERVICE, key, password)
        except Exception as exc:  # the store's own errors: the password is simply not kept
            log.warning("credential store not written: %s", exc)


def forget(key: str) -> None:
    store = _keyring()
    if store is not None:
        try:
            store.delete_password(SERVICE, key)
        except Exception as exc:  # nothing kept, or the store refuses: nothing to undo
            log.info("credential store entry not removed: %s", exc)


class LoginDialog(QDialog):
    def __init__(self, where: str, problem: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle("Đăng nhập máy chủ")
        layout = QVBoxLayout(self)
        if problem:
            layout.addWidget(QLabel(problem))
        form = QFormLayout()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(f"Mật khẩu cho sổ “{where}”:", self.password)
        layout.addLayout(form)
        self.keep = QCheckBox("Ghi nhớ mật khẩu trên máy này (trong kho mật khẩu của hệ điều hành)")
        self.keep.setEnabled(can_remember())
        if not can_remember():
            self.keep.setToolTip("Máy này không có kho mật khẩu dùng được: mỗi lần mở sẽ hỏi lại.")
        layout.addWidget(self.keep)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Đăng nhập")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
