"""Model fields shared by the app's model modules (`models`, `results.models`,
`stories.models`), in a module of their own so each can import them without importing
the others."""

from django.conf import settings
from django.db import models


def person_field(verbose_name) -> models.ForeignKey:
    """Who did something (wrote a revision, moved a status, commented, recorded a count or
    a consent). The record stays when the account is removed; it then reads "Naam
    onbekend"."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )
