"""Headless Chromium (Debian's package) driven by Playwright (pytest-playwright) against
Django's live server.

Playwright never downloads a browser here: `browser_type_launch_args` points the plugin at
the system Chromium. The tests are marked `browser` (run them alone with `-m browser`,
skip them with `-m "not browser"`) and skipped when no Chromium is installed (set
CHROMIUM_PATH to point elsewhere); `.ci/run` installs it, so CI always runs them.

Screenshots of the main pages go to `SCREENSHOTS` (default `test-screenshots/` in the repository,
set SCREENSHOT_DIR to change it) for a reviewer to look at.
"""

import importlib
import os
import shutil
from pathlib import Path

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
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch arguments, with the system Chromium."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "nl-NL"}


@pytest.fixture
def new_page(browser, browser_context_args):
    """Pages in browser contexts of their own: each is a separate person (own cookies).
    Keyword arguments change the context, e.g. `viewport` for a phone."""
    contexts = []
    refused = []  # what the Content-Security-Policy blocked, on any page of the test

    def new_page(**context_args):
        context = browser.new_context(**{**browser_context_args, **context_args})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on(
            "console",
            lambda message: (
                refused.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        return page

    yield new_page
    for context in contexts:
        context.close()
    assert not refused, f"the Content-Security-Policy blocked: {refused}"


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


SCREENSHOTS = Path(
    os.environ.get("SCREENSHOT_DIR") or Path(__file__).parents[2] / "test-screenshots"
)


def save_screenshot(page, name: str) -> Path:
    """A full-page screenshot of `page` as `<SCREENSHOTS>/<name>.png`, for a reviewer."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
