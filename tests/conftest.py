import gc
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


@pytest.fixture(autouse=True, scope="session")
def _collect_on_the_main_thread():
    """As the app does (ui/collector.py): a collection started by a worker thread could
    delete Qt objects left by earlier tests from that thread, which crashes Qt."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_each_test(request):
    yield
    if "qtbot" in request.fixturenames:  # what a window test leaves, gone before the next
        gc.collect()
    else:
        gc.collect(1)


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory, monkeypatch):
    """Keep logs, caches and settings of the tests out of the real user folders."""
    home = tmp_path_factory.mktemp("home")
    for var in ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "LOCALAPPDATA", "APPDATA"):
        monkeypatch.setenv(var, str(home / var.lower()))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "book.sqlite"


# The model tests of these modules run on both engines: the embedded SQLite file and a
# PostgreSQL server (a throw-away cluster, tests/pg_server.py).
BOTH_ENGINES = {
    "test_book",
    "test_award_order",
    "test_award_order_outputs",
    "test_printing_records",
    "test_sample",
    "test_import",
    "test_live_show",
    "test_export_xlsx",
    "test_places",
    "test_certificate_pdf",
    # The order page, the print page and the ceremony screens, driven on a server book too:
    # the server once refused the stage's absences (an integer used as a truth value).
    "test_gui_printing",
    "test_gui_ceremony",
}


def pytest_generate_tests(metafunc):
    if "engine" in metafunc.fixturenames and metafunc.module.__name__.rsplit(".", 1)[-1] in BOTH_ENGINES:
        metafunc.parametrize("engine", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def engine(request):
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_cluster():
    from tests import pg_server

    pg_server.require()
    cluster = pg_server.Cluster()
    try:
        cluster.make_template()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def store(engine, db_path, request):
    """An empty book on the engine under test."""
    if engine == "sqlite":
        opened = Store(db_path)
        yield opened
        opened.close()
        return
    from models.storage.pg_store import PgStore

    cluster = request.getfixturevalue("pg_cluster")
    url = cluster.fresh_database()
    opened = PgStore(url)
    yield opened
    opened.close()
    cluster.drop(url)


@pytest.fixture
def open_again(store):
    """Opens the book under test once more, as the next start of the app would."""

    def again():
        if isinstance(store, Store):
            return Store(store.path)
        from models.storage.pg_store import PgStore

        return PgStore(store.url)

    return again


@pytest.fixture
def book(store):
    yield CeremonyBook(store)


@pytest.fixture
def sample_book(store):
    book = CeremonyBook(store)
    build_sample(book)
    yield book


pytest_plugins = ["tests.gui_helpers", "tests.server_fixtures"]
