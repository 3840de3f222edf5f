"""The hostile-input probe of security round 2, replayed against the real thing: gunicorn
with the production settings behind a (simulated) TLS-ending proxy, `BEHIND_PROXY=on`, on
the demo data. Every request carries what nginx adds: `X-Forwarded-Proto: https` and
`X-Forwarded-For` with the visitor's real address appended to whatever they sent.

The unit tests of each finding live beside the code they test (tests/test_production.py,
tests/initiatives/test_images.py, tests/test_media.py, tests/initiatives/test_transfer*.py,
the conflict and double-submit tests); this module checks that they hold end to end.
"""

from __future__ import annotations

import html
import http.client
import io
import json
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import pytest
from PIL import Image

from tests.initiatives.test_images import GPS_IFD, decompression_bomb, phone_photo
from tests.test_production import PRODUCTION, ROOT, free_port, manage

HOST = "waarde.example.nl"
DRAFT = "groeihuis-eexterveen"  # a draft Verandertheorie in the demo data
COORDINATOR = f"vrijwilliger.{DRAFT}"


class Visitor:
    """A browser behind the proxy: keeps its cookies, sends the CSRF token back."""

    def __init__(self, port: int, address: str, forged: str = ""):
        self.port = port
        self.forwarded_for = f"{forged}, {address}" if forged else address
        self.cookies: dict[str, str] = {}
        self.csrf = ""

    def request(self, method: str, path: str, body: bytes = b"", content_type: str = ""):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.forwarded_for,
            "Referer": f"https://{HOST}{path}",
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
        }
        if content_type:
            headers["Content-Type"] = content_type
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        text = content.decode("utf-8", errors="replace")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
        if token:
            self.csrf = token.group(1)
        connection.close()
        return response.status, dict(response.getheaders()), content

    def get(self, path: str):
        return self.request("GET", path)

    def post(self, path: str, fields: dict, files: dict | None = None):
        fields = {"csrfmiddlewaretoken": self.csrf, **fields}
        if not files:
            body = urlencode(fields, doseq=True).encode()
            return self.request("POST", path, body, "application/x-www-form-urlencoded")
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            for item in value if isinstance(value, list) else [value]:
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                    f"{item}\r\n".encode()
                )
        for name, (filename, content) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request("POST", path, body, f"multipart/form-data; boundary={boundary}")

    def log_in(self, username: str, password: str = "demo") -> int:
        self.get("/accounts/login/")
        status, _headers, _body = self.post(
            "/accounts/login/", {"username": username, "password": password}
        )
        return status


def hidden(page: bytes, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page.decode())
    assert found, f"no hidden field {name}"
    return html.unescape(found.group(1))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn with the production settings and BEHIND_PROXY=on, on the demo data."""
    folder = tmp_path_factory.mktemp("probe")
    for command in (("migrate", "-v0"), ("seed_demo",), ("collectstatic", "--noinput", "-v0")):
        result = manage(*command, env=PRODUCTION, tmp_path=folder)
        assert result.returncode == 0, result.stdout + result.stderr
    port = free_port()
    environment = {
        name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environment.update(
        {
            **PRODUCTION,
            "BEHIND_PROXY": "on",
            "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
            "STATIC_ROOT": str(folder / "static"),
            "MEDIA_ROOT": str(folder / "media"),
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": "2",
        }
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "impact.wsgi"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            status, _h, _b = Visitor(port, "192.0.2.1").get("/health/")
            if status == 200:
                break
        except OSError:
            pass
        assert time.monotonic() < deadline, "gunicorn did not answer within 30 s"
        time.sleep(0.2)
    yield port, folder
    process.terminate()
    process.wait(timeout=30)


def test_a_lockout_behind_the_proxy_stays_with_the_attacker(server):
    port, _folder = server
    victim = "vrijwilliger.dorpshuis-smilde"
    # Four wrong guesses, three of them claiming to come from the volunteer's address …
    for forged in ("", "198.51.100.7", "10.0.0.1, 198.51.100.7", "198.51.100.7"):
        attacker = Visitor(port, "203.0.113.5", forged=forged)
        assert attacker.log_in(victim, "fout") == 200
    # … all count against the attacker's own address: the fifth locks them out …
    assert Visitor(port, "203.0.113.5", forged="198.51.100.7").log_in(victim, "fout") == 429
    assert Visitor(port, "198.51.100.7").log_in(victim) == 302  # the volunteer, from home


def upload_logo(visitor: Visitor, content: bytes, filename: str):
    edit = f"/initiatieven/{DRAFT}/bewerken/"
    _s, _h, page = visitor.get(edit)
    fields = {
        "name": "GroeiHuis Eexterveen",
        "kind": hidden_choice(page, "kind"),
        "place": "Eexterveen",
        "base_version": hidden(page, "base_version"),
    }
    return visitor.post(edit, fields, files={"logo": (filename, content)})


def hidden_choice(page: bytes, name: str) -> str:
    select = re.search(rf'<select name="{name}".*?</select>', page.decode(), re.S).group(0)
    return re.search(r'<option value="([^"]+)"[^>]*selected', select).group(1)


def test_uploads_lose_their_position_bombs_are_refused_and_media_is_private(server):
    port, folder = server
    coordinator = Visitor(port, "198.51.100.20")
    assert coordinator.log_in(COORDINATOR) == 302

    status, _h, page = upload_logo(coordinator, decompression_bomb(), "logo.png")
    assert status == 200 and "13.000 bij 13.000 pixels" in page.decode()

    status, headers, _b = upload_logo(coordinator, phone_photo(), "vakantie.jpg")
    assert status == 302, "the photo was not accepted"
    _s, _h, page = coordinator.get(f"/initiatieven/{DRAFT}/")
    logo_url = re.search(r'src="(/media/initiatives/[^"]+)"', page.decode()).group(1)
    status, _h, served = coordinator.get(logo_url)
    assert status == 200
    image = Image.open(io.BytesIO(served))
    assert not image.getexif().get_ifd(GPS_IFD) and b"Telefoon X" not in served

    # The draft initiative's logo and its cached CONCEPT sheet are nobody else's business.
    _s, _h, pdf = coordinator.get(f"/initiatieven/{DRAFT}/verandertheorie/2025/feitenblad.pdf")
    assert pdf.startswith(b"%PDF")
    cached = next((folder / "media" / "feitenbladen" / DRAFT).iterdir())
    stranger = Visitor(port, "203.0.113.9")
    assert stranger.get(logo_url)[0] == 404
    assert stranger.get(f"/media/feitenbladen/{DRAFT}/{cached.name}")[0] == 404
    assert coordinator.get(f"/media/feitenbladen/{DRAFT}/{cached.name}")[0] == 404


def test_two_people_writing_stories_lose_nothing_and_a_double_comment_is_one(server):
    port, _folder = server
    first, second = Visitor(port, "198.51.100.30"), Visitor(port, "198.51.100.31")
    for visitor in (first, second):
        assert visitor.log_in(COORDINATOR) == 302
    new = f"/initiatieven/{DRAFT}/verandertheorie/2025/verhalen/nieuw/"
    pages = {visitor: visitor.get(new)[2] for visitor in (first, second)}
    for visitor, words in ((first, "Eerst opgeslagen"), (second, "Later opgeslagen")):
        visitor.csrf = hidden(pages[visitor], "csrfmiddlewaretoken")
        status, _h, _answer = visitor.post(new, {"text": words, "teller_role": "participant"})
        assert status == 302
    listed = first.get(f"/initiatieven/{DRAFT}/verandertheorie/2025/verhalen/")[2].decode()
    assert "Eerst opgeslagen" in listed and "Later opgeslagen" in listed  # both kept

    advisor = Visitor(port, "198.51.100.40")
    assert advisor.log_in("adviseur") == 302
    review = f"/initiatieven/{DRAFT}/verandertheorie/2025/beoordeling/"
    _s, _h, page = advisor.get(review)
    key = hidden(page, "submission_key")
    comment = {"step": "5", "body": "Een opmerking die één keer telt", "submission_key": key}
    for _ in range(2):
        advisor.csrf = hidden(page, "csrfmiddlewaretoken")
        assert (
            advisor.post(f"/initiatieven/{DRAFT}/verandertheorie/2025/opmerkingen/", comment)[0]
            == 302
        )
    assert advisor.get(review)[2].decode().count("Een opmerking die één keer telt") == 1


def test_a_hostile_import_is_refused_with_a_message(server, tmp_path):
    _port, folder = server
    exported = manage("export_initiative", DRAFT, env=PRODUCTION, tmp_path=folder)
    document = json.loads(exported.stdout)
    document["initiative"]["website"] = "javascript:alert(1)"
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(document))
    result = manage(
        "import_initiative", str(hostile), "--slug", "kopie", env=PRODUCTION, tmp_path=folder
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert Path(folder / "media" / "initiatives" / "kopie").exists() is False
