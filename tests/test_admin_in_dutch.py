"""The Django admin speaks Dutch throughout: Django's own strings (its Dutch catalog lacks
the ones new in 5.2, locale/nl fills them in), the libraries without Dutch (django-axes,
django-tasks-db), and the permission names Django stores in English."""

from __future__ import annotations

import json
from pathlib import Path

import django
import polib
import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.utils import translation

from initiatives.admin import permission_label
from tests.conftest import client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DJANGO = Path(django.__file__).parent
# Catalogs whose every string the admin can show.
ADMIN_CATALOGS = [
    DJANGO / "contrib/admin/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/auth/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/contenttypes/locale/en/LC_MESSAGES/django.po",
]
ADMIN_SCRIPT_CATALOG = DJANGO / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po"
LIBRARY_APPS = ["axes", "django_tasks_database"]


def catalog_key(entry: polib.POEntry) -> str | tuple[str, int]:
    """How a gettext catalog files an entry: its context joined on, plurals by form."""
    msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
    return (msgid, 1) if entry.msgid_plural else msgid


@pytest.mark.parametrize("catalog", ADMIN_CATALOGS, ids=lambda path: path.parts[-4])
def test_every_admin_string_has_dutch(catalog):
    """Every string is in a Dutch catalog (Django's or ours): in it even when the Dutch is
    the same word ("Filter"), absent when nobody translated it."""
    dutch = translation.trans_real.translation("nl")._catalog
    untranslated = [
        entry.msgid for entry in polib.pofile(str(catalog)) if catalog_key(entry) not in dutch
    ]
    assert not untranslated, untranslated


def test_the_admin_scripts_speak_dutch(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/admin/jsi18n/", headers={"accept-language": "nl"})
    catalog = json.loads(response.content.decode().split("const newcatalog = ")[1].split(";\n")[0])
    missing = [
        entry.msgid
        for entry in polib.pofile(str(ADMIN_SCRIPT_CATALOG))
        if entry.msgid
        and (catalog_key(entry)[0] if entry.msgid_plural else catalog_key(entry)) not in catalog
    ]
    assert "Choose all %s" in catalog and catalog["Choose all %s"] == "Alle %s kiezen"
    assert not missing, missing


def _names(config, language: str) -> list[str]:
    """The app's name and its models' and fields' names, in `language`."""
    with translation.override(language):
        names = [str(config.verbose_name)]
        for model in config.get_models():
            names += [str(model._meta.verbose_name), str(model._meta.verbose_name_plural)]
            names += [
                str(field.verbose_name)
                for field in model._meta.get_fields()
                if hasattr(field, "verbose_name") and not field.auto_created
            ]
    return names


@pytest.mark.parametrize("label", LIBRARY_APPS)
def test_the_libraries_have_dutch_names(label):
    config = apps.get_app_config(label)
    names, english = _names(config, "nl"), _names(config, "en")
    left_in_english = [
        name
        for name, source in zip(names, english, strict=True)
        if name == source and name.lower() not in {"status", "id"}
    ]
    assert not left_in_english, left_in_english


def test_permissions_are_named_in_dutch():
    permission = Permission.objects.get(codename="add_initiative")
    with translation.override("nl"):
        assert permission_label(permission) == "Initiatieven | initiatief | toevoegen"


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/initiatives/initiative/add/",
        "/admin/initiatives/user/add/",
        "/admin/initiatives/membership/add/",
        "/admin/axes/accessattempt/",
        "/admin/django_tasks_database/dbtaskresult/",
    ],
)
def test_admin_pages_show_no_english(path):
    operator = UserFactory(is_staff=True, is_superuser=True)
    client = client_for(operator)
    pages = [client.get(path, headers={"accept-language": "nl"})]
    if path.endswith("/user/add/"):
        pages.append(client.get(f"/admin/initiatives/user/{operator.pk}/change/"))
    for response in pages:
        assert response.status_code == 200
        page = response.content.decode()
        for english in (
            "Model name",
            "Add link",
            "Can add",
            "Can change",
            "Access attempts",
            "Task Results",
            "Tasks Database Backend",
            "After you",
        ):
            assert english not in page, f"{english!r} on {response.request['PATH_INFO']}"
