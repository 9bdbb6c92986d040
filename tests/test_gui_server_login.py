"""Opening a server book from the window: the password is asked for when the server wants
one, and kept only in the system's credential store when the clerk asks for that."""

from __future__ import annotations

import pytest
from keyring.backend import KeyringBackend
from PySide6.QtWidgets import QDialog

from tests.gui_helpers import type_text
from tests.pg_server import PASSWORD_GROUP
from ui.book_opening import open_server_book
from ui.dialogs import server_login


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self):
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.kept.get((service, username))

    def set_password(self, service, username, password):
        self.kept[(service, username)] = password

    def delete_password(self, service, username):
        self.kept.pop((service, username), None)


@pytest.fixture
def credential_store():
    import keyring

    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(before)


@pytest.fixture
def login_url(pg_cluster):
    url = pg_cluster.fresh_database()
    with pg_cluster.admin() as conn:
        conn.execute(f"DO $$ BEGIN CREATE ROLE {PASSWORD_GROUP} NOLOGIN; EXCEPTION WHEN duplicate_object THEN END $$")
        conn.execute("DROP ROLE IF EXISTS can_bo_mat_khau")
        conn.execute(f"CREATE ROLE can_bo_mat_khau LOGIN SUPERUSER PASSWORD 'Mật-khẩu-1' IN ROLE {PASSWORD_GROUP}")
    name = url.split("/")[3].split("?")[0]
    yield pg_cluster.url(name, "can_bo_mat_khau")
    pg_cluster.drop(url)


def test_the_password_is_asked_for_and_remembered_only_when_asked(
    qtbot, login_url, credential_store, monkeypatch, dialogs
):
    asked: list[str] = []
    monkeypatch.setattr(server_login.LoginDialog, "exec", _then(asked, ["Mật-khẩu-1"], keep=False))
    book = open_server_book(login_url)
    assert book is not None and asked == ["Mật-khẩu-1"]
    book.store.close()
    assert credential_store.kept == {}  # not asked to remember: nothing kept

    asked.clear()
    monkeypatch.setattr(server_login.LoginDialog, "exec", _then(asked, ["sai", "Mật-khẩu-1"]))
    book = open_server_book(login_url)
    assert book is not None and asked == ["sai", "Mật-khẩu-1"]  # a wrong one is asked again
    book.store.close()
    assert list(credential_store.kept.values()) == ["Mật-khẩu-1"]  # the one that worked

    asked.clear()
    book = open_server_book(login_url)  # remembered: no question
    assert book is not None and asked == []
    book.store.close()

    credential_store.kept[("Vinh Danh", login_url)] = "cũ"  # changed on the server since
    monkeypatch.setattr(server_login.LoginDialog, "exec", _then(asked, ["Mật-khẩu-1"], keep=False))
    book = open_server_book(login_url)
    assert book is not None and asked == ["Mật-khẩu-1"]
    book.store.close()
    assert credential_store.kept == {}  # the stale one is forgotten


def _then(asked: list[str], answers: list[str], keep: bool = True):
    queue = list(answers)

    def exec_(dialog):
        typed = queue.pop(0)
        asked.append(typed)
        type_text(dialog.password, typed)
        dialog.keep.setChecked(keep)
        return QDialog.DialogCode.Accepted

    return exec_
