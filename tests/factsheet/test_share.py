"""The public share link (coordinators, approved sheets only). The sheet's quote is a
story's: tests/theory_of_change/test_stories.py."""

from __future__ import annotations

import io

import pypdf
import pytest
import segno
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse

from impact.factsheet.links import qr_target, share_url
from impact.factsheet.render import cached_pdf
from tests.conftest import client_for
from tests.factsheet.conftest import read_pdf, set_status
from theory_of_change import workflow
from theory_of_change.models import Status, TheoryOfChange

pytestmark = pytest.mark.django_db


def url(name: str, theory) -> str:
    return reverse(name, kwargs={"slug": theory.initiative.slug, "year": theory.year})


def public_urls(token: str) -> list[str]:
    return [
        reverse(name, kwargs={"token": token})
        for name in ("factsheet:shared", "factsheet:shared_pdf", "factsheet:shared_poster")
    ]


def switch(client, theory, on: bool):
    return client.post(url("factsheet:share", theory), {"share": "on" if on else "off"})


def token_of(theory) -> str | None:
    return TheoryOfChange.objects.values_list("share_token", flat=True).get(pk=theory.pk)


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- switching the link ------------------------------------------------------------------------


def test_a_coordinator_switches_the_link_on_and_off(client_a, approved_a):
    response = switch(client_a, approved_a, on=True)

    assert response.status_code == 302
    assert response.url == url("factsheet:page", approved_a)
    token = token_of(approved_a)
    assert token and len(token) >= 32

    page = client_a.get(url("factsheet:page", approved_a))
    assert reverse("factsheet:shared", kwargs={"token": token}) in page.content.decode()

    switch(client_a, approved_a, on=False)
    assert token_of(approved_a) is None


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("editor_a", 403),
        ("reader_a", 403),
        ("advisor", 403),  # advisors see every sheet but are no member: not theirs to share
        ("municipality_user_a", 403),
        ("volunteer_b", 404),
    ],
)
@pytest.mark.parametrize("on", [True, False])
def test_only_coordinators_switch_the_link(request, approved_a, volunteer_a, who, expected, on):
    switch(client_for(volunteer_a), approved_a, on=True)
    token = token_of(approved_a)

    response = switch(client_for(request.getfixturevalue(who)), approved_a, on=on)

    assert response.status_code == expected
    assert token_of(approved_a) == token


def test_switching_needs_a_post(client_a, approved_a):
    given = token_of(approved_a)
    assert client_a.get(url("factsheet:share", approved_a)).status_code == 405
    assert token_of(approved_a) == given


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED])
def test_only_an_approved_sheet_is_shared(client_a, complete_a, status):
    set_status(complete_a, status)

    response = switch(client_a, complete_a, on=True)

    assert response.status_code == 302
    assert token_of(complete_a) is None
    assert any("goedgekeurd" in message for message in messages_of(response))


# --- the public link ---------------------------------------------------------------------------


def test_the_public_link_works_without_an_account(
    client_a, anonymous_client, fake_render, approved_a
):
    switch(client_a, approved_a, on=True)
    page, pdf, poster = public_urls(token_of(approved_a))

    response = anonymous_client.get(page)
    assert response.status_code == 200
    assert "Dorpshuis Smilde" in response.content.decode()
    for address, filename in [
        (pdf, "feitenblad-dorpshuis-smilde-2025.pdf"),
        (poster, "feitenblad-dorpshuis-smilde-2025-a3.pdf"),
    ]:
        response = anonymous_client.get(address)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
        assert response["ETag"]
        again = anonymous_client.get(address, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304
    assert fake_render == ["a4", "a3"]


@pytest.mark.parametrize("token", ["verkeerd", "x" * 32, "%00"])
def test_a_wrong_token_is_404(client_a, anonymous_client, fake_render, approved_a, token):
    switch(client_a, approved_a, on=True)

    for address in public_urls(token):
        assert anonymous_client.get(address).status_code == 404


def test_no_link_while_it_is_off(client_a, anonymous_client, fake_render, approved_a):
    """A theory whose link is off has no token (NULL), which no address matches."""
    switch(client_a, approved_a, on=False)
    assert token_of(approved_a) is None
    for token in ["None", "null", "0"]:
        for address in public_urls(token):
            assert anonymous_client.get(address).status_code == 404


def test_the_link_stops_working_when_switched_off(
    client_a, anonymous_client, fake_render, approved_a
):
    switch(client_a, approved_a, on=True)
    addresses = public_urls(token_of(approved_a))
    assert anonymous_client.get(addresses[0]).status_code == 200

    switch(client_a, approved_a, on=False)

    for address in addresses:
        assert anonymous_client.get(address).status_code == 404


def test_the_link_stops_working_when_the_theory_is_reopened(
    client_a, anonymous_client, fake_render, approved_a, advisor
):
    switch(client_a, approved_a, on=True)
    addresses = public_urls(token_of(approved_a))
    assert anonymous_client.get(addresses[1]).status_code == 200

    with workflow.without_notifications():
        workflow.theory_reopen(theory=approved_a, by=advisor, message="Cijfers kloppen niet.")

    for address in addresses:
        assert anonymous_client.get(address).status_code == 404
    assert share_url(TheoryOfChange.objects.get(pk=approved_a.pk)) is None


def test_switching_on_again_makes_a_new_link(client_a, anonymous_client, fake_render, approved_a):
    switch(client_a, approved_a, on=True)
    old = token_of(approved_a)
    switch(client_a, approved_a, on=False)

    switch(client_a, approved_a, on=True)
    new = token_of(approved_a)

    assert new and new != old
    for address in public_urls(old):
        assert anonymous_client.get(address).status_code == 404
    for address in public_urls(new):
        assert anonymous_client.get(address).status_code == 200


def test_switching_on_a_link_that_is_on_keeps_it(client_a, approved_a):
    """A second click, or a page opened before another coordinator switched the link on:
    the link that may be on the village website already keeps working."""
    switch(client_a, approved_a, on=True)
    published = token_of(approved_a)

    response = switch(client_a, approved_a, on=True)

    assert response.status_code == 302
    assert token_of(approved_a) == published


def test_approval_gives_the_sheet_its_public_link(approved_a):
    """The QR code of a printed approved sheet works without a login from the start."""
    approved_a.refresh_from_db()
    public = settings.SITE_URL + reverse(
        "factsheet:shared", kwargs={"token": approved_a.share_token}
    )
    assert approved_a.share_token
    assert qr_target(approved_a) == share_url(approved_a) == public


def test_the_qr_code_leads_nowhere_rather_than_to_a_login(client_a, approved_a, advisor):
    """Reopened or switched off: no address, so the sheet carries no QR code; approved
    again, a link that was on comes back, one that was switched off stays off."""
    approved_a.refresh_from_db()
    public = qr_target(approved_a)
    with workflow.without_notifications():
        workflow.theory_reopen(theory=approved_a, by=advisor, message="Nog een keer kijken.")
    assert qr_target(approved_a) == ""
    approve_again(approved_a, advisor)
    assert qr_target(approved_a) == public

    switch(client_a, approved_a, on=False)
    approved_a.refresh_from_db()
    assert qr_target(approved_a) == ""
    with workflow.without_notifications():
        workflow.theory_reopen(theory=approved_a, by=advisor, message="Nog een keer kijken.")
    approve_again(approved_a, advisor)
    assert token_of(approved_a) is None and qr_target(approved_a) == ""

    switch(client_a, approved_a, on=True)
    approved_a.refresh_from_db()
    assert qr_target(approved_a).startswith(settings.SITE_URL + "/feitenblad/")


def approve_again(theory, advisor) -> None:
    with workflow.without_notifications():
        workflow.theory_submit(theory=theory, by=advisor)
        workflow.theory_approve(theory=theory, by=advisor)
    theory.refresh_from_db()


def test_the_pdf_prints_the_address_its_qr_code_leads_to(client_a, approved_a):
    """The cached sheet follows the link: on, it prints the public address with its QR
    code; off, neither, and it says how to get the online version."""
    approved_a.refresh_from_db()
    content = cached_pdf(approved_a).content
    assert read_pdf(content).says(f"/feitenblad/{approved_a.share_token}/")
    assert read_pdf(content).says("Scan voor de online versie")

    switch(client_a, approved_a, on=False)
    approved_a.refresh_from_db()
    after = read_pdf(cached_pdf(approved_a).content)
    assert not after.says("/feitenblad/")
    assert not after.says("Scan voor de online versie")
    assert after.says("Dit blad heeft geen openbare link")


def test_the_printed_qr_code_is_the_code_of_the_public_address(approved_a):
    """The PDF's QR code is an image of one pixel per module: read back from the PDF, its
    pixels are exactly the modules of the public address's code."""
    approved_a.refresh_from_db()
    modules = [list(row) for row in segno.make(qr_target(approved_a), error="m").matrix]
    page = pypdf.PdfReader(io.BytesIO(cached_pdf(approved_a).content)).pages[0]
    size = (len(modules[0]), len(modules))
    (code,) = [image.image.convert("L") for image in page.images if image.image.size == size]
    pixels = [
        [1 if code.getpixel((x, y)) < 128 else 0 for x in range(size[0])] for y in range(size[1])
    ]
    assert pixels == modules


def test_a_coordinator_sees_plainly_that_the_link_is_off(client_a, approved_a):
    switch(client_a, approved_a, on=False)
    html = client_a.get(url("factsheet:page", approved_a)).content.decode()
    assert "De openbare link staat uit." in html
    assert "geen QR-code" in html
    assert 'value="on"' in html  # the button to switch it on
