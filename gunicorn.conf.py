"""gunicorn settings for production: `gunicorn impact.wsgi` reads this file from the
working directory. Every value can be overridden on the command line or with
GUNICORN_CMD_ARGS; the ones people change come from environment variables."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# Sync workers suit a server-rendered app: a request is CPU-bound (templates, WeasyPrint)
# and short. Twice the cores plus one is gunicorn's own rule of thumb.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A fact sheet renders in well under a second and a ZIP runs as a background task, so a
# request that takes a minute is stuck.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so memory that rendering leaves behind is returned.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = 100
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):
    """Load WeasyPrint's fonts and the fact sheet's stylesheet before the first request."""
    from impact.factsheet.render import warm_up

    warm_up()
