"""Headless Chromium (Debian's package) driven by Playwright against Django's live server.

Playwright never downloads a browser here: it starts the system Chromium. The tests are
marked `browser` and skipped when no Chromium is installed (set CHROMIUM_PATH to point
elsewhere); `.ci/run` installs it, so CI always runs them.
"""

import importlib
import os
import shutil

import pytest
from django.apps import apps

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls in the
# test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM:
                item.add_marker(pytest.mark.skip(reason="Chromium is not installed"))


DATA_MIGRATIONS = (
    "initiatives.migrations.0002_load_municipalities",
    "theory_of_change.migrations.0002_load_reference_lists",
)


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Live-server tests empty the database after each test, data migrations included;
    load the municipalities and reference lists again (the loaders are idempotent)."""
    for module in DATA_MIGRATIONS:
        importlib.import_module(module).load(apps, None)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Pages in browser contexts of their own: each is a separate person (own cookies)."""
    contexts = []

    def new_page():
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield new_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def log_in_on(page, live_server, username: str, password: str = "demo-wachtwoord") -> None:
    """Log in through the login form and wait for the start page of the user's role."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.fixture
def log_in(page, live_server):
    def log_in(username: str, password: str = "demo-wachtwoord") -> None:
        log_in_on(page, live_server, username, password)

    return log_in
