import os
import sys
from pathlib import Path

# Qt must see these before it is imported anywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

from models.repos.book import CeremonyBook  # noqa: E402
from models.sample import build_sample  # noqa: E402
from models.storage.store import Store  # noqa: E402


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory, monkeypatch):
    """Keep logs, caches and settings of the tests out of the real user folders."""
    home = tmp_path_factory.mktemp("home")
    for var in ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "LOCALAPPDATA", "APPDATA"):
        monkeypatch.setenv(var, str(home / var.lower()))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "book.sqlite"


@pytest.fixture
def book(db_path):
    store = Store(db_path)
    yield CeremonyBook(store)
    store.close()


@pytest.fixture
def sample_book(db_path):
    store = Store(db_path)
    book = CeremonyBook(store)
    build_sample(book)
    yield book
    store.close()


pytest_plugins = ["tests.gui_helpers"]
