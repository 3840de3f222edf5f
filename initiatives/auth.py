"""Logging in with a user name or an e-mail address: volunteers remember their e-mail
address more often than the user name their invitation gave them.

An address is used only when exactly one active account has it (addresses are not unique
in Django's user model); otherwise it is tried as a user name, which fails as a wrong
password would. Login throttling counts both spellings of one account as one name
(`login_name`, django-axes' `AXES_USERNAME_CALLABLE`), so trying the e-mail address does
not double the attempts.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from initiatives.models import User


def account_name(login: str) -> str:
    """The user name an account logs in with, for a user name or an e-mail address."""
    login = (login or "").strip()
    if "@" not in login:
        return login
    usernames = list(
        User.objects.filter(email__iexact=login, is_active=True).values_list("username", flat=True)[
            :2
        ]
    )
    return usernames[0] if len(usernames) == 1 else login


class EmailOrUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is not None:
            username = account_name(username)
        return super().authenticate(request, username=username, password=password, **kwargs)


def login_name(request, credentials: dict) -> str:
    """django-axes: the name a login attempt is counted under."""
    return account_name((credentials or {}).get("username", ""))


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Gebruikersnaam of e-mailadres"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
