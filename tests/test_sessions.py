"""Sessions are read from a cache that every worker on the machine shares (a folder of
files), and written to the database too: a logged-in request costs no session query, and a
logout ends the session for every worker at once."""

from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache.backends.filebased import FileBasedCache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import client_for


def another_worker(session_key: str):
    """The session as another gunicorn worker (another process) reads it: through a cache
    object of its own on the same folder."""
    sessions = settings.CACHES[settings.SESSION_CACHE_ALIAS]
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    store._cache = FileBasedCache(sessions["LOCATION"], sessions.get("OPTIONS", {}))
    return store


def test_a_logged_in_request_reads_no_session_from_the_database(volunteer_a):
    client = client_for(volunteer_a)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("initiatives:list")).status_code == 200
    tables = " ".join(query["sql"] for query in captured.captured_queries)
    assert Session._meta.db_table not in tables


def test_the_session_is_kept_in_the_database_as_well(volunteer_a):
    """A full or wiped cache logs nobody out: the database still has the session."""
    client = client_for(volunteer_a)
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    another_worker(key)._cache.clear()
    assert client.get(reverse("initiatives:list")).status_code == 200


def test_another_worker_sees_a_login_and_a_logout_at_once(volunteer_a):
    client = client_for(volunteer_a)
    key = client.session.session_key
    assert another_worker(key).load(), "another worker reads the session from the folder"

    client.post(reverse("logout"))
    assert not another_worker(key).exists(key)
    assert another_worker(key).load() == {}
    assert not Session.objects.filter(session_key=key).exists()


def test_a_sessions_folder_the_app_cannot_write_fails_the_system_check(settings, tmp_path):
    from impact.checks import SESSIONS_CACHE_UNWRITABLE, sessions_cache_is_writable

    settings.CACHES = {
        **settings.CACHES,
        "sessions": {**settings.CACHES["sessions"], "LOCATION": tmp_path / "sessions"},
    }
    assert sessions_cache_is_writable() == []
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.CACHES = {
        **settings.CACHES,
        "sessions": {**settings.CACHES["sessions"], "LOCATION": blocker / "sessions"},
    }
    (error,) = sessions_cache_is_writable()
    assert error.id == SESSIONS_CACHE_UNWRITABLE
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    assert sessions_cache_is_writable() == []
