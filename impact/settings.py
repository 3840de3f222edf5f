"""Settings for Maatschappelijke Waarde.

One settings file for every environment: everything that differs between a laptop, CI and
production comes from environment variables, with safe defaults for development (SQLite,
console e-mail). See README.md, "Configuration", for the full list.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)

# The fallback key only exists so a fresh checkout runs; production sets SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me-in-production")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The default follows the development server's PORT (scripts/demo.sh), so the links in
# e-mails and the fact sheet's QR code lead to the demo whatever port it runs on.
SITE_URL = env_str("SITE_URL", f"http://127.0.0.1:{env_int('PORT', 8000)}").rstrip("/")
# Who reviews and approves: named on approved fact sheets ("Goedgekeurd door …").
ADVISOR_ORGANISATION = env_str("ADVISOR_ORGANISATION", "CMO STAMM")
# A demo site says so once on every page and on the fact sheet: most of the demo's figures
# are examples (`demo/data.py`), and a single notice reads better than one in every unit.
DEMO = env_bool("DEMO", default=False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, which the admin's own widgets include
    "crispy_forms",
    "crispy_bootstrap5",
    "common.library_apps.AxesConfig",  # django-axes, with a Dutch name in the admin
    "django_tasks",
    "common.library_apps.TasksDatabaseConfig",  # django-tasks-db, likewise
    "common",
    "impact",
    "initiatives",
    "theory_of_change",
    "demo",  # python manage.py seed_demo
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "impact.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "impact.middleware.AtomicWritesMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "impact.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "impact.context_processors.display_preferences",
                "impact.context_processors.demo",
            ],
        },
    },
]

WSGI_APPLICATION = "impact.wsgi.application"

# SQLite file when DATABASE_URL is unset: the demo runs with nothing to install.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite ignores SELECT … FOR UPDATE. Starting every transaction with the write lock
    # gives the row locks of the edit and review services the same effect: a second save
    # or decision waits for the first and then sees its result.
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "initiatives.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a login while the username is locked out.
    "axes.backends.AxesStandaloneBackend",
    # A user name, or the e-mail address of exactly one account.
    "initiatives.auth.EmailOrUsernameBackend",
]
# Login throttling: after AXES_FAILURE_LIMIT wrong passwords for one username from one
# address, that combination waits AXES_COOLOFF_MINUTES. Per username *and* address, so an
# attacker cannot lock a volunteer out from elsewhere, and a shared village-hall computer
# does not lock out everyone behind it.
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "impact.views.locked_out"
# A user name and its account's e-mail address count as one name.
AXES_USERNAME_CALLABLE = "initiatives.auth.login_name"
# Behind reverse proxies the visitor's address is in X-Forwarded-For: PROXY_COUNT says how
# many proxies each append to it (1 behind one nginx; the default with BEHIND_PROXY=on),
# and `impact.client_address` takes the visitor's address from there. The header is
# ignored without proxies, so a visitor cannot choose the address that is throttled.
# (AXES_IPWARE_PROXY_COUNT is the earlier name of the same variable.)
BEHIND_PROXY = env_bool("BEHIND_PROXY", default=False)
PROXY_COUNT = env_int("PROXY_COUNT", env_int("AXES_IPWARE_PROXY_COUNT", 1 if BEHIND_PROXY else 0))
AXES_CLIENT_IP_CALLABLE = "impact.client_address.client_address"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"  # which sends each role to its own start page
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "mw_language"

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

# Static files are served by WhiteNoise. In production (STATICFILES_HASHED=on, also while
# running collectstatic) they get content-hashed names and pre-compressed copies, so
# browsers may cache them for a year; development and tests use the files as they are.
STATICFILES_HASHED = env_bool("STATICFILES_HASHED", default=False)
# Uploads (logos, photos), cached fact sheets and ZIPs: a local folder by default, or
# S3-compatible object storage (MEDIA_STORAGE=s3) when several app servers share them.
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "local")
STORAGE_BACKENDS = {
    "local": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "s3": {
        "BACKEND": "impact.storage.GuardedS3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET"),
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "region_name": env_str("S3_REGION") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID"),
            "secret_key": env_str("S3_SECRET_ACCESS_KEY"),
            "default_acl": "private",
            "querystring_auth": True,  # links to uploads are signed and expire (in minutes)
            "file_overwrite": False,
        },
    },
}
STORAGES = {
    "default": STORAGE_BACKENDS[MEDIA_STORAGE],
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATICFILES_HASHED
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Nothing under MEDIA_ROOT is served without an access check (impact.media). With nginx in
# front, MEDIA_ACCEL_REDIRECT names an `internal` location that maps to MEDIA_ROOT (e.g.
# "/protected-media/"): after the check nginx sends the file itself (X-Accel-Redirect).
MEDIA_ACCEL_REDIRECT = env_str("MEDIA_ACCEL_REDIRECT")

# Uploaded logos and photos; the limit is checked by the form, this caps the request.
MAX_IMAGE_UPLOAD_BYTES = env_int("MAX_IMAGE_UPLOAD_BYTES", 5 * 1024 * 1024)
# Largest image in pixels that is decoded at all (a 48-megapixel phone photo fits; Pillow's
# own limit of ~179 million lets a 0.5 MB file cost every render hundreds of megabytes).
MAX_IMAGE_PIXELS = env_int("MAX_IMAGE_PIXELS", 50_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Formsets with many rows post many fields; the default of 1000 is too tight for step 5.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# Opt in to Django 6's default: a URL typed without scheme gets https://.
FORMS_URLFIELD_ASSUME_HTTPS = True

# Django's form widgets (inputs, selects with their options) are drawn by their Jinja2
# copies: the same HTML, several times faster (see common/form_renderer.py).
FORM_RENDERER = "common.form_renderer.FastWidgetRenderer"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Maatschappelijke Waarde <noreply@localhost>")

INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14)

# Background work (rendering the fact sheets of a ZIP). "immediate" runs a task inside the
# request that asks for it: right for the demo and the tests, and nothing to forget. In
# production set TASKS_BACKEND=database and run `python manage.py db_worker` next to the
# web server, so a ZIP of many sheets never holds up a request.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env_str("TASKS_BACKEND", "immediate")]}}

# HTTPS=on is the production switch: redirect to HTTPS, secure cookies and HSTS (each can
# still be set on its own). Behind a proxy that ends TLS, set BEHIND_PROXY=on so Django
# trusts its X-Forwarded-Proto header.
HTTPS = env_bool("HTTPS", default=False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=HTTPS)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=HTTPS)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=HTTPS)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=HTTPS)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy: scripts, styles, fonts and images only from this site, and no
# inline scripts or styles at all (the templates have none; the charts' SVG is sized by
# the stylesheets). "data:" images are Bootstrap's form-control icons in its CSS. With
# object storage, uploaded images come from its origin.
MEDIA_ORIGIN = env_str("S3_ENDPOINT_URL") if MEDIA_STORAGE == "s3" else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SESSION_COOKIE_HTTPONLY = True
# Sessions: read from a cache, written to the database as well (cached_db), which saves
# every logged-in request its session query. The cache is a folder of files that every
# worker on this machine shares, so a logout or a password change ends the session for
# all of them at once; a per-process memory cache would let another worker keep serving
# a logged-out session. Signed cookies (no storage at all) were not chosen because a
# copied cookie stays valid after logout, until it expires. With several application
# servers, give them one shared SESSION_CACHE_DIR or set SESSION_STORE=db (a query per
# request, nothing to share).
SESSION_ENGINES = {
    "cached_db": "django.contrib.sessions.backends.cached_db",
    "db": "django.contrib.sessions.backends.db",
}
SESSION_ENGINE = SESSION_ENGINES[env_str("SESSION_STORE", "cached_db")]
SESSION_CACHE_ALIAS = "sessions"
SESSION_CACHE_DIR = Path(env_str("SESSION_CACHE_DIR", str(BASE_DIR / ".cache" / "sessions")))
CACHES = {
    # Per process: fragments and fact sheets, keyed by the version of what they show.
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "sessions": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": SESSION_CACHE_DIR,
        # A full cache drops a third of its files at random: those sessions are read from
        # the database again, so nobody is logged out by it.
        "OPTIONS": {"MAX_ENTRIES": env_int("SESSION_CACHE_MAX_ENTRIES", 20_000)},
    },
}
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# LOG_FORMAT=json writes one JSON object per line (time, level, logger, message and any
# extra fields), which log collectors index without parsing rules; "text" reads better in
# a terminal.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint reports each rendering step, and fontTools each font it unpacks, at INFO;
    # only their warnings are news.
    # django-axes announces itself at INFO on every start.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
