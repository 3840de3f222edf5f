"""The issue's acceptance check on the demo data ("Results through the year", done means):
the advisor approves Middelstum's 2025 Verandertheorie; its volunteer fills three new weeks
of the logbook (4, 6 and 5 help requests); the status stays approved, the results add the
15, the fact sheet PDF shows the achieved figure against its target, the municipality's
XLSX export carries the same total, and no logbook note appears anywhere under /gemeente/.
Then `import_results` with three months for Smilde's first output adds up on Smilde's sheet.
"""

import io
import re

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from demo.results import NOTES
from initiatives.models import User
from tests.conftest import client_for
from tests.factsheet.conftest import read_pdf
from theory_of_change.models import LogbookWeek, Output, Status, TheoryOfChange
from theory_of_change.results.selectors import counts_of

pytestmark = pytest.mark.django_db

MIDDELSTUM = "dorpsloket-middelstum"
SMILDE = "dorpshuis-smilde"
HELP_REQUESTS = "Hulpvragen die een passende vrijwilliger kregen"
NEW_WEEKS = {"2025-W41": 4, "2025-W42": 6, "2025-W43": 5}


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


def user(username: str) -> User:
    return User.objects.get(username=username)


def theory(slug: str) -> TheoryOfChange:
    return TheoryOfChange.objects.get(initiative__slug=slug, year=2025)


def figure(slug: str, description: str) -> int | None:
    output = Output.objects.filter(theory=theory(slug), description=description)
    return counts_of(output)[output.get().pk].value


def fill_week(client, week: str, help_requests: int) -> None:
    url = reverse(
        "theory_of_change:logbook_week", kwargs={"slug": MIDDELSTUM, "year": 2025, "week": week}
    )
    page = client.get(url).content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    form = client.get(url).context["form"]
    counts = {
        name: help_requests if form.fields[name].label == HELP_REQUESTS else 1
        for name in form.fields
        if name.startswith("count_")
    }
    response = client.post(
        url,
        {**fields, **counts, "note": f"Week {week}: drie nieuwe hulpvragers", "busyness": "busy"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def test_results_through_the_year_on_the_demo(demo, settings, tmp_path):
    middelstum = theory(MIDDELSTUM)
    assert middelstum.status == Status.SUBMITTED
    advisor = client_for(user("adviseur"))
    response = advisor.post(
        reverse("theory_of_change:approve", kwargs={"slug": MIDDELSTUM, "year": 2025}),
        {"message": "Mooi werk.", "bevestigd": "ja"},  # approved with its comments open
    )
    assert response.status_code == 302
    assert theory(MIDDELSTUM).status == Status.APPROVED

    before = figure(MIDDELSTUM, HELP_REQUESTS)
    volunteer = client_for(user("vrijwilliger.dorpsloket-middelstum"))
    for week, help_requests in NEW_WEEKS.items():
        fill_week(volunteer, week, help_requests)
    after = figure(MIDDELSTUM, HELP_REQUESTS)
    assert after == before + 15
    assert theory(MIDDELSTUM).status == Status.APPROVED
    assert LogbookWeek.objects.filter(theory=middelstum, week__in=NEW_WEEKS).count() == 3

    # The results page adds the 15 to the demo's counts.
    results = volunteer.get(
        reverse("theory_of_change:results", kwargs={"slug": MIDDELSTUM, "year": 2025})
    ).content.decode()
    assert f">{after}<" in results.replace(" ", "")

    # The fact sheet PDF: the achieved figure against the target of 150.
    pdf = read_pdf(
        advisor.get(reverse("factsheet:pdf", kwargs={"slug": MIDDELSTUM, "year": 2025})).content
    )
    assert pdf.says(str(after)) and pdf.says("150")
    assert pdf.says("week 2–43 2025") or pdf.says("week 2-43 2025")

    # The municipality: the same total in the XLSX export, and no note anywhere.
    municipality = client_for(user("gemeente.eemsdelta"))
    export = municipality.get(reverse("portal:figures_export", args=["xlsx"]), {"jaar": 2025})
    rows = list(
        openpyxl.load_workbook(io.BytesIO(export.content)).worksheets[0].iter_rows(values_only=True)
    )
    header = rows[0]
    row = next(row for row in rows if HELP_REQUESTS in row)
    assert row[header.index("Behaald")] == after
    notes = [*NOTES, "drie nieuwe hulpvragers"]
    for url in (
        reverse("portal:index"),
        reverse("portal:figures_export", args=["csv"]),
        reverse("portal:initiatives_export", args=["csv"]),
        reverse("factsheet:page", kwargs={"slug": MIDDELSTUM, "year": 2025}),
    ):
        text = municipality.get(url, {"jaar": 2025}).content.decode("utf-8-sig")
        assert not any(note in text for note in notes), url
    cells = " ".join(str(value) for row in rows for value in row if value is not None)
    assert not any(note in cells for note in notes)

    # Three months (October to December) of Smilde's first output from a file add up on
    # Smilde's sheet.
    smilde_before = figure(SMILDE, "Dorpsdiners")
    csv_file = tmp_path / "smilde.csv"
    csv_file.write_text(
        "jaar;resultaat;periode;aantal;notitie\n"
        "2025;1;2025-10;1;\n2025;1;2025-11;1;\n2025;1;2025-12;2;Kerstdiner extra\n",
        encoding="utf-8",
    )
    call_command("import_results", str(csv_file), initiative=SMILDE, stdout=io.StringIO())
    smilde_after = figure(SMILDE, "Dorpsdiners")
    assert smilde_after == smilde_before + 4
    sheet = client_for(user("vrijwilliger.dorpshuis-smilde")).get(
        reverse("factsheet:page", kwargs={"slug": SMILDE, "year": 2025})
    )
    assert f">{smilde_after}<" in sheet.content.decode().replace(" ", "")
