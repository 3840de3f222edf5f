"""WSGI entry point, used by gunicorn and other WSGI servers."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impact.settings")

application = get_wsgi_application()
