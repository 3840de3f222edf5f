"""Site-wide middleware: the language (Dutch unless the user chose English with the
language switch) and one transaction per request that changes data."""

from django.conf import settings
from django.db import transaction
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Like Django's LocaleMiddleware, but without guessing from the browser.

    Many Dutch volunteers have a browser set to English without knowing it; the product
    speaks Dutch to them until they pick another language with the switch (a cookie).
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class AtomicWritesMiddleware:
    """Every request that may change data runs its view in one database transaction: an
    error halfway leaves nothing half-written. Reads stay outside a transaction, which on
    SQLite (whose transactions take the write lock) keeps pages from waiting on each other.

    Like Django's ATOMIC_REQUESTS, but for writes only; a view marked with
    `transaction.non_atomic_requests` is left alone. Keep it last but one in MIDDLEWARE
    (before django-axes, which has no view hook): it answers the view hook itself, so the
    hooks of the middleware after it would not run.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in UNSAFE_METHODS:
            return None
        if getattr(view_func, "_non_atomic_requests", None):
            return None
        with transaction.atomic():
            return view_func(request, *view_args, **view_kwargs)
