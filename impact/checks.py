"""System checks (`manage.py check`, also run by `migrate` and `runserver`): what would
otherwise fail only at the first login."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register

SESSIONS_CACHE_UNWRITABLE = "impact.E001"


@register()
def sessions_cache_is_writable(app_configs=None, **kwargs) -> list[Error]:
    """With cached_db sessions every login writes a file to SESSION_CACHE_DIR: a folder the
    app may not create or write (a read-only code folder) would fail every login."""
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.cached_db":
        return []
    location = settings.CACHES[settings.SESSION_CACHE_ALIAS]
    if not location["BACKEND"].endswith("FileBasedCache"):
        return []
    folder = Path(location["LOCATION"])
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder):
            pass
    except OSError as error:
        return [
            Error(
                f"The sessions cache folder {folder} cannot be written: {error.strerror}.",
                hint="Set SESSION_CACHE_DIR to a folder the app may write, or SESSION_STORE=db.",
                id=SESSIONS_CACHE_UNWRITABLE,
            )
        ]
    return []
