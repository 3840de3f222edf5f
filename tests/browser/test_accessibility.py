"""Accessibility of every main page, in a real browser on the demo data.

Per role, every page is opened in three browser contexts:

- a desktop window (1280×900): axe-core checks the page and fails on "serious" or
  "critical" violations (moderate and minor ones are printed, run with `-s` to see them);
- a phone (390×844) and a 1280×900 window zoomed to 200% (a 640×450 CSS-pixel viewport at
  device scale factor 2, which is what the zoom amounts to): the page must not scroll
  sideways (WCAG 1.4.10 Reflow).

The desktop and phone views are saved as full-page screenshots for a reviewer (see
`save_screenshot` in conftest.py: `test-screenshots/<role>-<page>[-telefoon].png`).

axe-core is the copy bundled with axe-playwright-python, injected with `page.evaluate`;
every request that does not go to the live server is blocked and reported (the
Content-Security-Policy should already stop them), so the checks never depend on the
network.

All findings of a role are collected and asserted at the end, one line per page and rule,
so one run shows everything that needs fixing.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import Page

from impact.factsheet.services import share_link_enable
from impact.models import Beneficiary, BreakthroughCase, PriceItem, PriceVersion, Valuation
from initiatives import services as initiative_services
from initiatives.models import Initiative, JoinRequest, Municipality, Role
from tests.browser.conftest import log_in_on, save_screenshot
from theory_of_change.models import Story, TheoryOfChange
from theory_of_change.results.logbook_views import weekly_indicators
from theory_of_change.results.models import Busyness
from theory_of_change.results.periods import Period, Rhythm
from theory_of_change.results.services import (
    WeekCount,
    count_save,
    indicator_for,
    indicator_settings_save,
    logbook_week_save,
    survey_add,
)

pytestmark = pytest.mark.django_db(transaction=True)

DEMO_PASSWORD = "demo"

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}}
# A 1280×900 window at 200% zoom lays pages out in 640×450 CSS pixels.
ZOOM_200 = {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2}

FAILING_IMPACTS = {"serious", "critical"}

AXE = Axe()  # the bundled axe.min.js, read once

# The outermost elements that stick out to the right of the viewport: where to look when a
# page scrolls sideways.
STICKING_OUT_JS = """() => {
    const limit = window.innerWidth + 1;
    const describe = (el) => {
        let name = el.tagName.toLowerCase();
        if (el.id) name += "#" + el.id;
        for (const cls of el.classList) name += "." + cls;
        return name + " (right edge " + Math.round(el.getBoundingClientRect().right) + "px)";
    };
    const out = [];
    for (const el of document.body.querySelectorAll("*")) {
        if (el.getBoundingClientRect().right <= limit) continue;
        const parent = el.parentElement;
        if (parent && parent !== document.body && parent.getBoundingClientRect().right > limit) {
            continue;
        }
        out.push(describe(el));
        if (out.length === 5) break;
    }
    return out;
}"""

# A page is a name (for the report and the screenshot) and a path, or a function that gets
# the browser there (for pages reached by a POST, such as the ZIP of fact sheets).
Target = str | Callable[[Page, str], None]


@dataclass
class Audit:
    role: str
    failures: list[str] = field(default_factory=list)

    def fail(self, name: str, viewport: str, message: str) -> None:
        self.failures.append(f"{self.role}/{name} [{viewport}]: {message}")

    def report(self) -> str:
        return f"{len(self.failures)} accessibility problem(s):\n" + "\n".join(self.failures)


def _open(page: Page, base_url: str, target: Target) -> str | None:
    """Go to the page; what went wrong if it is not there."""
    if callable(target):
        target(page, base_url)
        return None
    response = page.goto(base_url + target)
    if page.url != base_url + target:
        return f"redirected to {page.url}"
    if response is None or response.status != 200:
        return f"HTTP {response.status if response else '?'}"
    return None


def _open_disclosures(page: Page) -> None:
    """Open every <details> (text size and language, "Toon als tabel", comment threads, …)
    so that what they hide is checked too."""
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")


def _block_external_requests(page: Page, base_url: str, audit: Audit) -> None:
    def block(route):
        audit.fail(
            page.url.removeprefix(base_url),
            "network",
            f"request outside the live server: {route.request.url}",
        )
        route.abort()

    # A regular expression is matched in the browser's driver, so requests to the live
    # server are not slowed down by a round trip to Python.
    page.context.route(re.compile(f"^(?!{re.escape(base_url)}/)"), block)


def _check_axe(page: Page, audit: Audit, name: str) -> None:
    violations = AXE.run(page).response["violations"]
    for violation in violations:
        targets = ", ".join(" ".join(map(str, node["target"])) for node in violation["nodes"][:5])
        if len(violation["nodes"]) > 5:
            targets += f", … ({len(violation['nodes'])} elements)"
        line = f"{violation['id']} ({violation['impact']}) at {targets}: {violation['help']}"
        if violation["impact"] in FAILING_IMPACTS:
            audit.fail(name, "axe", line)
        else:
            print(f"{audit.role}/{name} [axe, not failing]: {line}")


def _widths(page: Page) -> tuple[int, int]:
    return page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")


def _check_reflow(page: Page, audit: Audit, name: str, viewport: str) -> None:
    scroll_width, inner_width = _widths(page)
    if scroll_width > inner_width + 1:
        # Measured once more after the layout settled (a web font or a scrollbar arriving
        # mid-measurement made a page look too wide now and then on a busy machine).
        page.wait_for_timeout(500)
        scroll_width, inner_width = _widths(page)
    if scroll_width > inner_width + 1:
        culprits = "; ".join(page.evaluate(STICKING_OUT_JS)) or "?"
        audit.fail(
            name,
            viewport,
            f"scrolls sideways ({scroll_width}px wide in {inner_width}px); sticking out: "
            f"{culprits}",
        )


def audit_pages(
    new_page, live_server, *, role: str, username: str | None, pages: list[tuple[str, Target]]
) -> None:
    """Every page in a desktop, phone and 200%-zoom context; assert on all findings."""
    base_url = live_server.url
    audit = Audit(role)
    for viewport, context_args in (("1280", DESKTOP), ("telefoon", PHONE), ("200%", ZOOM_200)):
        page = new_page(**context_args)
        _block_external_requests(page, base_url, audit)
        if username:
            log_in_on(page, live_server, username, DEMO_PASSWORD)
        for name, target in pages:
            problem = _open(page, base_url, target)
            if problem:
                audit.fail(name, viewport, problem)
                continue
            # The screenshots show the page as it first appears.
            if viewport == "1280":
                save_screenshot(page, f"{role}-{name}")
            elif viewport == "telefoon":
                save_screenshot(page, f"{role}-{name}-telefoon")
            _open_disclosures(page)
            if viewport == "1280":
                _check_axe(page, audit, name)
            else:
                _check_reflow(page, audit, name, viewport)
    if audit.failures:
        pytest.fail(audit.report(), pytrace=False)


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", stdout=io.StringIO())


def test_axe_is_the_bundled_copy():
    """The checks inject axe-core from the package, never from a CDN."""
    assert AXE.axe_script.startswith("/*! axe v4.")


def test_pages_for_anonymous_visitors(new_page, live_server, demo):
    smilde = TheoryOfChange.objects.get(initiative__slug="dorpshuis-smilde", year=2025)
    admin = get_user_model().objects.get(username="admin")
    share_token = share_link_enable(theory=smilde, by=admin)
    ebbingehof = Initiative.objects.get(slug="ebbingehof")
    _, invitation_token = initiative_services.invitation_create(
        initiative=ebbingehof,
        email="nieuwe.vrijwilliger@example.org",
        role=Role.EDITOR,
        by=get_user_model().objects.get(username="vrijwilliger.ebbingehof"),
    )

    audit_pages(
        new_page,
        live_server,
        role="anoniem",
        username=None,
        pages=[
            ("inloggen", "/accounts/login/"),
            ("home", "/"),
            ("wachtwoord-vergeten", "/accounts/password_reset/"),
            ("gedeeld-feitenblad", f"/feitenblad/{share_token}/"),
            ("uitnodiging", f"/uitnodiging/{invitation_token}/"),
            ("aanmelden", "/aanmelden/"),
        ],
    )


def test_pages_for_a_volunteer(new_page, live_server, demo):
    """Ebbingehof's 2025 Verandertheorie has changes requested, so every step is editable."""
    initiative = "/initiatieven/ebbingehof/"
    theory = f"{initiative}verandertheorie/2025/"
    audit_pages(
        new_page,
        live_server,
        role="vrijwilliger",
        username="vrijwilliger.ebbingehof",
        pages=[
            ("initiatieven", "/initiatieven/"),
            ("initiatief", initiative),
            ("initiatief-bewerken", f"{initiative}bewerken/"),
            ("leden", f"{initiative}leden/"),
            ("verandertheorie", theory),
            *((f"stap-{number}", f"{theory}stap/{number}/") for number in range(1, 11)),
            ("geschiedenis", f"{theory}geschiedenis/"),
            ("indienen", f"{theory}indienen/"),
            ("beoordeling", f"{theory}beoordeling/"),
            ("feitenblad", f"{theory}feitenblad/"),
            ("tellingen-importeren", f"{theory}resultaten/importeren/"),
            ("tellingen-voorvertoning", _import_preview),
            ("stap-regel-open", _open_first_row),
            ("stap-regel-verwijderd", _row_removed),
            ("stap-fout", _step_refused),
            ("stap-niet-af", _step_saved_incomplete),
        ],
    )


EBBINGEHOF_STEP_5 = "/initiatieven/ebbingehof/verandertheorie/2025/stap/5/"


def _open_first_row(page: Page, base_url: str) -> None:
    """Step 5 with its first row open for writing ("Wijzigen")."""
    page.goto(base_url + EBBINGEHOF_STEP_5)
    page.locator(".row-line").first.get_by_role("button", name=re.compile("^Wijzigen")).click()
    page.wait_for_selector(".row-list__open")


def _row_removed(page: Page, base_url: str) -> None:
    """Step 3 just after a row was removed (a resource: nothing else links to it), with
    the offer to undo it."""
    page.goto(base_url + EBBINGEHOF_STEP_5.replace("/stap/5/", "/stap/3/"))
    page.locator(".row-line").last.get_by_role("button", name=re.compile("^Verwijderen")).click()
    page.wait_for_selector(".undo-offer")


def _step_refused(page: Page, base_url: str) -> None:
    """A target below zero: the error summary at the top, linked to the field."""
    _open_first_row(page, base_url)
    page.locator("#id_rows-0-target").fill("-5")
    page.locator(".step-actions").get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_selector("#fouten")


def _step_saved_incomplete(page: Page, base_url: str) -> None:
    """A row saved without what it counts: "opgeslagen, maar nog niet af", with links."""
    _open_first_row(page, base_url)
    page.locator("#id_rows-0-unit").fill("")
    page.locator(".step-actions").get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_selector(".alert-warning a[href*='#id_rows-0-unit']")


def _import_preview(page: Page, base_url: str) -> None:
    """The preview of counts from a file is reached by an upload: one count to add (a date
    means the period of the result's rhythm it falls in) and one refused row."""
    page.goto(f"{base_url}/initiatieven/ebbingehof/verandertheorie/2025/resultaten/importeren/")
    content = "jaar;resultaat;periode;aantal\n2025;1;2025-03-04;3\n2025;1;2025-03-11;-1\n"
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "tellingen.csv", "mimeType": "text/csv", "buffer": content.encode()}],
    )
    page.get_by_role("button", name="Bekijk wat er verandert").click()
    page.wait_for_selector("#import-preview")


def test_pages_for_an_advisor(new_page, live_server, demo):
    review = "/initiatieven/dorpsloket-middelstum/verandertheorie/2025/beoordeling/"
    audit_pages(
        new_page,
        live_server,
        role="adviseur",
        username="adviseur",
        pages=[
            ("werkplek", "/advies/"),
            ("nieuw-initiatief", "/advies/nieuw-initiatief/"),
            ("aanmeldingen", _join_requests),
            ("beoordeling", review),
            ("aanpassingen-vragen", f"{review}aanpassen/"),
            ("goedkeuren-met-open-opmerkingen", _approve_with_open_comments),
            ("gemeenteportaal", "/gemeente/"),
            ("prijslijst", _price_list),
            ("waarde-goedkeuren", "/advies/waarde/"),  # the demo's doorbraak case waits
            ("doorbraak-lezen", WESTERWOLDE_CASES),
            ("doorbraak-casus-lezen", _doorbraak_case()),
            ("prijs-aanpassen", _price_edit),
            ("prijs-nieuw-met-fouten", _price_new_refused),
        ],
    )


def _a_price() -> PriceItem:
    item, created = PriceItem.objects.get_or_create(
        name="Een maaltijd voor een alleenstaande oudere",
        defaults={"unit": "maaltijd", "beneficiary": Beneficiary.RESIDENT},
    )
    if created:
        for central in (6, 7):  # two versions: the page lists the earlier one too
            PriceVersion.objects.create(
                item=item,
                low=4,
                central=central,
                high=9,
                price_year=2025,
                source_title="Een voorbeeldbron voor de toegankelijkheidstest",
                source_year=2025,
                source_url="https://example.org/bron",
            )
    return item


def _price_list(page: Page, base_url: str) -> None:
    _a_price()
    page.goto(f"{base_url}/advies/prijslijst/")


def _price_edit(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/advies/prijslijst/{_a_price().pk}/")


def _price_new_refused(page: Page, base_url: str) -> None:
    """A new price without a source: refused, with the messages beside the fields."""
    page.goto(f"{base_url}/advies/prijslijst/nieuw/")
    page.locator("#id_item-name").fill("Een uur mantelzorgondersteuning")
    page.get_by_role("button", name="Prijs opslaan").click()
    page.wait_for_selector("text=Zonder bron kan een prijs niet worden opgeslagen")


def _join_requests(page: Page, base_url: str) -> None:
    """The requests to join, with one waiting."""
    if not JoinRequest.objects.exists():
        JoinRequest.objects.create(
            name="Buurthuis De Linde",
            kind="dorpshuis",
            place="Beilen",
            municipality=Municipality.objects.get(slug="midden-drenthe"),
            contact_name="Joke Bakker",
            email="joke@example.org",
            message="Wij organiseren elke week een koffieochtend.",
        )
    page.goto(f"{base_url}/advies/aanmeldingen/")


def _approve_with_open_comments(page: Page, base_url: str) -> None:
    """Middelstum has three open comments: approving asks first."""
    page.goto(f"{base_url}/initiatieven/dorpsloket-middelstum/verandertheorie/2025/beoordeling/")
    page.get_by_role("button", name="Goedkeuren", exact=True).click()
    page.wait_for_selector("text=Toch goedkeuren")


def _zip_of_fact_sheets(page: Page, base_url: str) -> None:
    """The ZIP page is reached by a POST: the portal's button."""
    page.goto(f"{base_url}/gemeente/")
    page.get_by_role("button", name="Het feitenblad als ZIP").click()
    page.wait_for_url("**/gemeente/feitenbladen/*/")


def test_pages_for_a_municipality(new_page, live_server, demo):
    audit_pages(
        new_page,
        live_server,
        role="gemeente",
        username="gemeente.midden-drenthe",
        pages=[
            ("portaal", "/gemeente/"),
            ("feitenblad", "/initiatieven/dorpshuis-smilde/verandertheorie/2025/feitenblad/"),
            ("feitenbladen-zip", _zip_of_fact_sheets),
        ],
    )


MIDDELSTUM_LOGBOOK = "/initiatieven/dorpsloket-middelstum/verandertheorie/2025/logboek/"


def _middelstum_logbook() -> None:
    """Middelstum's 2025 logbook with a weekly count (its first output, unless the demo
    counts one per week already), its last four weeks "te druk" (the overload signal) and
    a correction in week 52 (the history lines)."""
    theory = TheoryOfChange.objects.get(initiative__slug="dorpsloket-middelstum", year=2025)
    indicators = weekly_indicators(theory)
    if not indicators:
        indicator = indicator_for(output=theory.outputs.order_by("position", "pk").first())
        indicator.entries.all().delete()  # a rhythm changes only without counts in another
        indicator_settings_save(
            indicator=indicator, rhythm=Rhythm.WEEK, aggregation=indicator.aggregation
        )
        indicators = weekly_indicators(theory)
    volunteer = get_user_model().objects.get(username="vrijwilliger.dorpsloket-middelstum")
    for number, value in ((49, 4), (50, 6), (51, 5), (52, 3), (52, 4)):
        logbook_week_save(
            theory=theory,
            week=Period.of("week", 2025, number),
            counts=[WeekCount(indicator, value) for indicator in indicators],
            note="Veel vragen over de energietoeslag.",
            busyness=Busyness.TOO_BUSY,
            by=volunteer,
            base_version=None,
        )


def _logbook_week_refused(page: Page, base_url: str) -> None:
    """A week saved with a negative number: the message at the field."""
    page.goto(f"{base_url}{MIDDELSTUM_LOGBOOK}2025-W48/")
    page.locator("input[type=number]").first.fill("-1")
    page.get_by_role("button", name="Opslaan", exact=True).last.click()
    page.wait_for_selector(".invalid-feedback")


_SAVES = itertools.count(1)


def _logbook_week_conflict(page: Page, base_url: str) -> None:
    """A week someone else saved after it was opened: the conflict box."""
    page.goto(f"{base_url}{MIDDELSTUM_LOGBOOK}2025-W47/")
    theory = TheoryOfChange.objects.get(initiative__slug="dorpsloket-middelstum", year=2025)
    logbook_week_save(
        theory=theory,
        week=Period.parse("2025-W47"),
        counts=[],
        note=f"Tegelijk opgeslagen ({next(_SAVES)}).",  # new each time: a conflict each time
        busyness=Busyness.QUIET,
        by=None,
        base_version=None,
    )
    page.get_by_label("Wat speelde er?").fill("Mijn eigen verslag.")
    page.get_by_role("button", name="Opslaan", exact=True).last.click()
    page.wait_for_selector(".edit-conflict")


def test_logbook_pages_for_a_volunteer(new_page, live_server, demo):
    _middelstum_logbook()
    audit_pages(
        new_page,
        live_server,
        role="vrijwilliger",
        username="vrijwilliger.dorpsloket-middelstum",
        pages=[
            ("initiatief-overbelasting", "/initiatieven/dorpsloket-middelstum/"),
            ("logboek", MIDDELSTUM_LOGBOOK),
            ("logboek-week", f"{MIDDELSTUM_LOGBOOK}2025-W52/"),
            ("logboek-week-fout", _logbook_week_refused),
            ("logboek-week-conflict", _logbook_week_conflict),
        ],
    )


def test_logbook_pages_for_an_advisor(new_page, live_server, demo):
    _middelstum_logbook()
    audit_pages(
        new_page,
        live_server,
        role="adviseur",
        username="adviseur",
        pages=[
            ("werkplek-overbelasting", "/advies/"),
            ("logboek-week-lezen", f"{MIDDELSTUM_LOGBOOK}2025-W52/"),
        ],
    )


SMILDE_RESULTS = "/initiatieven/dorpshuis-smilde/verandertheorie/2025/resultaten/"


def _smilde_results() -> tuple[str, str]:
    """Smilde's 2025 results with something to show (unless the demo has it already): three
    counts of its first output and a questionnaire result of its first effect that step 9
    measures. The paths of that output's and that effect's pages."""
    theory = TheoryOfChange.objects.get(initiative__slug="dorpshuis-smilde", year=2025)
    output = theory.outputs.order_by("position", "pk").first()
    indicator = indicator_for(output=output)
    if not indicator.entries.exists():
        for number, value in ((1, 4), (2, 6), (3, 5)):
            count_save(
                indicator=indicator,
                period=Period.of(indicator.rhythm, 2025, number),
                value=value,
                note="Met de buurtbus erbij.",
                by=None,
            )
    outcome = (
        theory.outcomes.filter(measurement_plans__level="outcome")
        .order_by("position", "pk")
        .first()
    )
    effect = indicator_for(outcome=outcome)
    if not effect.surveys.exists():
        survey_add(
            indicator=effect,
            period=Period.parse("2025-H1"),
            question="Voelt u zich minder alleen sinds u hier komt?",
            respondents=24,
            agreeing=18,
            method="survey",
            by=None,
        )
    return f"{SMILDE_RESULTS}output/{output.pk}/", f"{SMILDE_RESULTS}effect/{outcome.pk}/"


def _count_submit(page: Page) -> None:
    page.locator("form.results-count-form button[type=submit]").click()


def _count_refused(path: str) -> Callable[[Page, str], None]:
    """A count that is not a number: the message at the field."""

    def target(page: Page, base_url: str) -> None:
        page.goto(base_url + path)
        page.locator("#id_count-value").fill("-1")
        _count_submit(page)
        page.wait_for_selector(".invalid-feedback")

    return target


_COUNT_SAVES = itertools.count(10)


def _count_conflict(path: str) -> Callable[[Page, str], None]:
    """The period someone else saved after the page was opened: the conflict box."""

    def target(page: Page, base_url: str) -> None:
        page.goto(base_url + path)
        theory = TheoryOfChange.objects.get(initiative__slug="dorpshuis-smilde", year=2025)
        indicator = indicator_for(output=theory.outputs.order_by("position", "pk").first())
        count_save(
            indicator=indicator,
            period=Period.parse(page.locator("#id_count-period").input_value()),
            value=next(_COUNT_SAVES),  # new each time: a conflict each time
            by=None,
        )
        page.locator("#id_count-value").fill("3")
        _count_submit(page)
        page.wait_for_selector(".edit-conflict")

    return target


def test_results_pages_for_a_volunteer(new_page, live_server, demo):
    output, effect = _smilde_results()
    audit_pages(
        new_page,
        live_server,
        role="vrijwilliger",
        username="vrijwilliger.dorpshuis-smilde",
        pages=[
            ("resultaten", SMILDE_RESULTS),
            ("resultaat-output", output),
            ("resultaat-effect", effect),
            ("resultaat-fout", _count_refused(output)),
            ("resultaat-conflict", _count_conflict(output)),
            ("waarde-met-open-formulier", _value_page_with_form_open),
        ],
    )


def test_results_pages_for_an_advisor(new_page, live_server, demo):
    output, effect = _smilde_results()
    audit_pages(
        new_page,
        live_server,
        role="adviseur",
        username="adviseur",
        pages=[
            ("resultaten-lezen", SMILDE_RESULTS),
            ("resultaat-output-lezen", output),
            ("resultaat-effect-lezen", effect),
            ("waarde-voorstel", _value_page_with_a_proposal),
        ],
    )


SMILDE_VALUE = "/initiatieven/dorpshuis-smilde/verandertheorie/2025/waarde/"


def _value_page_with_form_open(page: Page, base_url: str) -> None:
    """The value page with a price to choose, the first result's form open."""
    _a_price()
    page.goto(base_url + SMILDE_VALUE)
    page.locator(".value-lines details summary").first.click()


def _value_page_with_a_proposal(page: Page, base_url: str) -> None:
    """A proposed valuation that waits for the advisor's approval."""
    output = TheoryOfChange.objects.get(initiative__slug="dorpshuis-smilde", year=2025).outputs
    first = output.order_by("position", "pk").first()
    Valuation.objects.get_or_create(
        output=first,
        defaults={"theory": first.theory, "price": _a_price().versions.latest("pk"), "years": 1},
    )
    page.goto(base_url + SMILDE_VALUE)


ODENSEHUIS_STORIES = "/initiatieven/odensehuis-meppel-westerveld/verandertheorie/2025/verhalen/"


def _odensehuis_story(*, scope: int) -> str:
    """The path of an Odensehuis demo story with at least this scope."""
    story = Story.objects.filter(
        theory__initiative__slug="odensehuis-meppel-westerveld", scope__gte=scope
    ).first()
    return f"{ODENSEHUIS_STORIES}{story.pk}/"


def _story_refused(page: Page, base_url: str) -> None:
    """A story without its text: the error summary at the top, the question open."""
    page.goto(base_url + ODENSEHUIS_STORIES + "nieuw/")
    page.get_by_role("button", name="Volgende vraag").first.click()
    page.get_by_label("deelnemer").check()
    for _question in range(4):
        page.locator("[data-question]:not([hidden]) [data-question-next]").click()
    page.get_by_role("button", name="Verhaal opslaan").click()
    page.wait_for_selector("#fouten")


def _consent_open(path: str) -> Callable[[Page, str], None]:
    def target(page: Page, base_url: str) -> None:
        page.goto(base_url + path)
        page.locator("summary", has_text="Toestemming vastleggen").click()

    return target


def test_story_pages_for_a_volunteer(new_page, live_server, demo):
    story = _odensehuis_story(scope=0)
    audit_pages(
        new_page,
        live_server,
        role="vrijwilliger",
        username="vrijwilliger.odensehuis-meppel-westerveld",
        pages=[
            ("verhalen", ODENSEHUIS_STORIES),
            ("verhaal-nieuw", ODENSEHUIS_STORIES + "nieuw/"),
            ("verhaal-fout", _story_refused),
            ("verhaal", story),
            ("verhaal-toestemming", _consent_open(story)),
            ("verhaal-bewerken", f"{story}bewerken/"),
        ],
    )


def test_story_pages_for_an_advisor(new_page, live_server, demo):
    audit_pages(
        new_page,
        live_server,
        role="adviseur",
        username="adviseur",
        pages=[
            ("verhalen-lezen", ODENSEHUIS_STORIES),
            ("verhaal-lezen", _odensehuis_story(scope=1)),
        ],
    )


WESTERWOLDE_CASES = "/initiatieven/welzijn-westerwolde/verandertheorie/2025/doorbraak/"


def _doorbraak_refused(page: Page, base_url: str) -> None:
    """A new doorbraak case with a likelihood but neither a price nor an own amount, and an
    own amount without a source: the messages next to what was typed."""
    page.goto(base_url + WESTERWOLDE_CASES + "nieuw/")
    page.get_by_label("Wat was de situatie?").fill("Een huishouden liep vast met de post.")
    page.get_by_label("Laagste bedrag (€)").fill("100")
    page.get_by_label("zeker").check()
    page.get_by_role("button", name="Doorbraakcasus opslaan").click()
    page.wait_for_selector(".alert-danger, .invalid-feedback")


def _doorbraak_case() -> str:
    case = BreakthroughCase.objects.get(theory__initiative__slug="welzijn-westerwolde")
    return f"{WESTERWOLDE_CASES}{case.pk}/"


def test_doorbraak_pages_for_a_volunteer(new_page, live_server, demo):
    audit_pages(
        new_page,
        live_server,
        role="vrijwilliger",
        username="vrijwilliger.welzijn-westerwolde",
        pages=[
            ("doorbraak", WESTERWOLDE_CASES),
            ("doorbraak-casus", _doorbraak_case()),
            ("doorbraak-fout", _doorbraak_refused),
        ],
    )
