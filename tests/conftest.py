"""The fixed cast every test can use.

Initiative A (Dorpshuis Smilde, Midden-Drenthe) and initiative B (Dorpsloket Middelstum,
Eemsdelta), each with a 2025 theory; a coordinator of each, an editor and a reader of A,
an advisor (and a second one), a municipality user of A's and of B's municipality, and
anonymous visitors.
"""

import shutil

import pytest
from django.test import Client

from initiatives.models import Role
from tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    TheoryFactory,
    UserFactory,
    municipality,
)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On PostgreSQL no query may run longer than a minute: a query plan gone wrong (the
    planner guessing from the statistics of nearly empty tables) fails its test with a
    clear error instead of holding up the whole run."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        database.setdefault("OPTIONS", {})["options"] = "-c statement_timeout=60000"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads go to a temporary folder, never into the working tree."""
    settings.MEDIA_ROOT = tmp_path / "media"


def pytest_configure(config):
    """Sessions are cached in a folder of the test run's own, not the demo's."""
    import tempfile

    from django.conf import settings

    folder = tempfile.mkdtemp(prefix="mw-test-sessions-")
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
    settings.CACHES["sessions"]["LOCATION"] = folder


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches (the portal caches its overview; sessions)."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def initiative_a(db):
    return InitiativeFactory(
        name="Dorpshuis Smilde",
        slug="dorpshuis-smilde",
        place="Smilde",
        municipality=municipality("midden-drenthe"),
    )


@pytest.fixture
def initiative_b(db):
    return InitiativeFactory(
        name="Dorpsloket Middelstum",
        slug="dorpsloket-middelstum",
        kind="dorpsloket",
        place="Middelstum",
        municipality=municipality("eemsdelta"),
    )


@pytest.fixture
def theory_a(initiative_a):
    return TheoryFactory(initiative=initiative_a, year=2025)


@pytest.fixture
def theory_b(initiative_b):
    return TheoryFactory(initiative=initiative_b, year=2025)


@pytest.fixture
def volunteer_a(initiative_a):
    return MembershipFactory(
        user=UserFactory(username="vrijwilliger.a"), initiative=initiative_a, role=Role.COORDINATOR
    ).user


@pytest.fixture
def editor_a(initiative_a):
    return MembershipFactory(
        user=UserFactory(username="schrijver.a"), initiative=initiative_a, role=Role.EDITOR
    ).user


@pytest.fixture
def reader_a(initiative_a):
    return MembershipFactory(
        user=UserFactory(username="meelezer.a"), initiative=initiative_a, role=Role.READER
    ).user


@pytest.fixture
def volunteer_b(initiative_b):
    return MembershipFactory(
        user=UserFactory(username="vrijwilliger.b"), initiative=initiative_b, role=Role.COORDINATOR
    ).user


@pytest.fixture
def advisor(db):
    return UserFactory(username="adviseur", is_advisor=True)


@pytest.fixture
def second_advisor(db):
    return UserFactory(username="adviseur.twee", is_advisor=True)


@pytest.fixture
def municipality_user_a(db):
    user = UserFactory(username="gemeente.midden-drenthe")
    user.municipalities.add(municipality("midden-drenthe"))
    return user


@pytest.fixture
def municipality_user_b(db):
    user = UserFactory(username="gemeente.eemsdelta")
    user.municipalities.add(municipality("eemsdelta"))
    return user


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def anonymous_client():
    return Client()


@pytest.fixture
def client_a(volunteer_a):
    return client_for(volunteer_a)


@pytest.fixture
def client_b(volunteer_b):
    return client_for(volunteer_b)
