"""The step editor: pages, saving, lists, navigation and who may do what."""

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import ActivityFactory, ResourceFactory, complete_theory
from tests.theory_of_change.helpers import form_data, step_url
from theory_of_change.models import ResourceKind, Status, StepRevision, TheoryOfChange
from theory_of_change.steps import STEPS, get_step

pytestmark = pytest.mark.django_db


def overview_url(theory):
    return reverse(
        "theory_of_change:overview",
        kwargs={"slug": theory.initiative.slug, "year": theory.year},
    )


@pytest.mark.parametrize("number", [step.number for step in STEPS])
def test_every_step_page_shows_its_question_and_help(client_a, theory_a, number):
    step = STEPS[number - 1]
    response = client_a.get(step_url(theory_a, number))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<h1 class="step-question">{step.question}</h1>' in html
    assert str(step.help_text) in html
    assert 'name="base_revision"' in html


def test_unknown_step_number_is_404(client_a, theory_a):
    assert client_a.get(step_url(theory_a, 11)).status_code == 404
    assert client_a.get(step_url(theory_a, 0)).status_code == 404


def test_saving_text_keeps_it_and_records_who(client_a, theory_a, volunteer_a):
    data = form_data(theory_a, 1, problem="Ouderen in Smilde zijn vaak alleen.", go="next")
    response = client_a.post(step_url(theory_a, 1), data)
    assert response.status_code == 302
    assert response["Location"] == step_url(theory_a, 2)
    theory_a.refresh_from_db()
    assert theory_a.problem == "Ouderen in Smilde zijn vaak alleen."
    revision = StepRevision.objects.get(theory=theory_a, step=1)
    assert revision.author == volunteer_a
    assert revision.changes == [
        {"action": "changed", "field": "problem", "old": "", "new": theory_a.problem}
    ]


@pytest.mark.parametrize(("go", "expected_step"), [("previous", 1), ("stay", 2), ("next", 3)])
def test_buttons_save_and_move(client_a, theory_a, go, expected_step):
    data = form_data(theory_a, 2, goal="Iedereen doet mee.", mission="Samen sterk", go=go)
    response = client_a.post(step_url(theory_a, 2), data)
    assert response["Location"] == step_url(theory_a, expected_step)


def test_next_on_the_last_step_goes_to_the_overview(client_a, theory_a):
    response = client_a.post(step_url(theory_a, 10), form_data(theory_a, 10, go="next"))
    assert response["Location"] == overview_url(theory_a)


def test_invalid_input_shows_a_dutch_message_and_keeps_the_text(client_a, theory_a):
    too_long = "Erbij horen, meedoen en ertoe doen. " * 10
    data = form_data(theory_a, 2, goal="Een levendig dorp.", mission=too_long)
    response = client_a.post(step_url(theory_a, 2), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nog niet opgeslagen" in html
    assert "niet meer dan 200 tekens bevat" in html
    assert "Een levendig dorp." in html  # nothing typed is lost
    theory_a.refresh_from_db()
    assert theory_a.goal == ""
    assert not StepRevision.objects.exists()


def test_saving_without_changes_records_nothing(client_a, theory_a):
    theory_a.problem = "Al ingevuld"
    theory_a.save()
    client_a.post(step_url(theory_a, 1), form_data(theory_a, 1))
    assert not StepRevision.objects.exists()


def test_list_rows_are_added_in_order(client_a, theory_a):
    kind = ResourceKind.objects.get(name="Gebouw of ruimte")
    rows = [
        {
            "kind": kind.pk,
            "description": "Het dorpshuis",
            "amount": "",
            "unit": "",
            "euro_value": "",
        },
        {
            "kind": kind.pk,
            "description": "De keuken",
            "amount": "1",
            "unit": "keuken",
            "euro_value": "250,50",
        },
    ]
    response = client_a.post(step_url(theory_a, 3), form_data(theory_a, 3, rows=rows))
    assert response.status_code == 302
    saved = list(theory_a.resources.order_by("position"))
    assert [(r.description, r.position) for r in saved] == [("Het dorpshuis", 0), ("De keuken", 1)]
    assert str(saved[1].euro_value) == "250.50"


def test_list_rows_are_changed_and_removed(client_a, theory_a):
    keep = ResourceFactory(theory=theory_a, description="Zes vrijwilligers", position=0)
    remove = ResourceFactory(theory=theory_a, description="Oude bus", position=1)
    data = form_data(theory_a, 3)
    data["rows-0-description"] = "Zeven vrijwilligers"
    data["rows-1-DELETE"] = "on"
    response = client_a.post(step_url(theory_a, 3), data)
    assert response.status_code == 302
    keep.refresh_from_db()
    assert keep.description == "Zeven vrijwilligers"
    assert not theory_a.resources.filter(pk=remove.pk).exists()
    (revision,) = StepRevision.objects.filter(step=3)
    assert {change["action"] for change in revision.changes} == {"changed", "removed"}


def test_an_empty_new_row_is_ignored(client_a, theory_a):
    ResourceFactory(theory=theory_a)
    data = form_data(theory_a, 3)
    data["rows-TOTAL_FORMS"] = "2"
    data.update({"rows-1-kind": "", "rows-1-description": ""})
    assert client_a.post(step_url(theory_a, 3), data).status_code == 302
    assert theory_a.resources.count() == 1


def test_a_half_filled_row_gets_a_message(client_a, theory_a):
    rows = [{"kind": "", "description": "Een subsidie", "amount": "", "unit": "", "euro_value": ""}]
    response = client_a.post(step_url(theory_a, 3), form_data(theory_a, 3, rows=rows))
    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.content.decode()
    assert "Een subsidie" in response.content.decode()
    assert not theory_a.resources.exists()


def test_rows_of_another_theory_cannot_be_changed(client_a, theory_a, theory_b):
    foreign = ResourceFactory(theory=theory_b, description="Van B")
    data = form_data(
        theory_a,
        3,
        rows=[
            {
                "id": foreign.pk,
                "kind": foreign.kind_id,
                "description": "Gekaapt",
                "amount": "",
                "unit": "",
                "euro_value": "",
            },
        ],
    )
    data["rows-INITIAL_FORMS"] = "1"
    client_a.post(step_url(theory_a, 3), data)
    foreign.refresh_from_db()
    assert foreign.description == "Van B"
    assert foreign.theory == theory_b


def test_outputs_can_only_link_to_own_activities(client_a, theory_a, theory_b):
    foreign_activity = ActivityFactory(theory=theory_b)
    own_activity = ActivityFactory(theory=theory_a, name="Dorpsdiner")
    rows = [
        {
            "activity": foreign_activity.pk,
            "description": "Diners",
            "unit": "per jaar",
            "target": "12",
        }
    ]
    response = client_a.post(step_url(theory_a, 5), form_data(theory_a, 5, rows=rows))
    assert response.status_code == 200
    assert not theory_a.outputs.exists()
    page = client_a.get(step_url(theory_a, 5)).content.decode()
    assert f'<option value="{own_activity.pk}"' in page
    assert f'<option value="{foreign_activity.pk}"' not in page


@pytest.mark.parametrize("row_open", [False, True], ids=["list", "row-open"])
@pytest.mark.parametrize("number", [3, 5, 6, 9])
def test_step_page_query_count_does_not_grow_with_rows(
    client_a, theory_a, number, row_open, django_assert_num_queries
):
    complete_theory(theory_a)
    step = get_step(number)

    def url() -> str:
        first = step.rows(theory_a)[0] if row_open else None
        return step_url(theory_a, number) + (f"?regel={first.pk}" if first else "")

    expected = (STEP_PAGE_QUERIES if row_open else LIST_PAGE_QUERIES)[number]
    target = url()
    client_a.get(target)  # warm up
    with django_assert_num_queries(expected):
        assert client_a.get(target).status_code == 200
    for _ in range(10):
        complete_theory(theory_a)
    target = url()
    client_a.get(target)  # the theory was saved: its progress is worked out once again
    with django_assert_num_queries(expected):
        assert client_a.get(target).status_code == 200


#: The user (1), initiative access (2), the theory (1), the step's own rows and what
#: they link to (resources with their kind, outputs with their activity: 1; outcomes and
#: their activities: 2; plans and what they measure: 4), latest revision (1), the comment
#: threads (1) and the open comments per step for the tabs (1). The progress bar of all ten
#: steps comes from the cache (`selectors.step_progress`).
LIST_PAGE_QUERIES = {3: 8, 5: 8, 6: 9, 9: 11}
#: With a row open, also what it chooses from: resource kinds, activities, or methods and
#: outcomes.
STEP_PAGE_QUERIES = {3: 9, 5: 9, 6: 10, 9: 13}


def test_the_progress_bar_follows_every_save(client_a, theory_a):
    def step_1_tab() -> str:
        page = client_a.get(step_url(theory_a, 2)).content.decode()
        start = page.index('class="step-progress"')
        return page[start : page.index("</li>", start)]

    assert "is-complete" not in step_1_tab()  # and now it is in the cache
    client_a.post(step_url(theory_a, 1), form_data(theory_a, 1, problem="Eenzaamheid."))
    assert "is-complete" in step_1_tab()


def test_overview_lists_all_steps_with_what_is_missing(client_a, theory_a):
    theory_a.problem = "Te weinig ontmoeting"
    theory_a.save()
    response = client_a.get(overview_url(theory_a))
    html = response.content.decode()
    for step in STEPS:
        assert str(step.question) in html
        assert step_url(theory_a, step.number) in html
    assert "Te weinig ontmoeting" in html
    assert "Beschrijf de eindsituatie die jullie willen bereiken." in html
    assert "1 van de 10 stappen is klaar." in html


def test_overview_of_a_complete_theory(client_a, theory_a):
    complete_theory(theory_a)
    html = client_a.get(overview_url(theory_a)).content.decode()
    assert "10 van de 10 stappen zijn klaar." in html
    assert "Wat nog ontbreekt" not in html


def test_work_is_there_after_logging_out_and_in(theory_a, volunteer_a):
    client = client_for(volunteer_a)
    client.post(step_url(theory_a, 1), form_data(theory_a, 1, problem="Bewaard"))
    client.post(reverse("logout"))
    assert client.get(step_url(theory_a, 1)).status_code == 302
    client.force_login(volunteer_a)
    assert "Bewaard" in client.get(step_url(theory_a, 1)).content.decode()


class TestAccess:
    """Nobody reaches another initiative's steps; read-only roles cannot write."""

    def pages(self, theory):
        slug, year = theory.initiative.slug, theory.year
        return [
            overview_url(theory),
            step_url(theory, 1),
            step_url(theory, 7),
            reverse("theory_of_change:history", kwargs={"slug": slug, "year": year}),
        ]

    def test_volunteer_of_another_initiative_gets_404(self, client_b, theory_a):
        for url in self.pages(theory_a):
            assert client_b.get(url).status_code == 404, url
        response = client_b.post(step_url(theory_a, 1), form_data(theory_a, 1, problem="x"))
        assert response.status_code == 404
        create = reverse("theory_of_change:create", kwargs={"slug": "dorpshuis-smilde"})
        assert client_b.post(create, {"year": 2026}).status_code == 404
        theory_a.refresh_from_db()
        assert theory_a.problem == ""

    @pytest.mark.parametrize("who", ["reader_a", "advisor"])
    def test_readers_and_advisors_read_but_cannot_write(self, request, theory_a, who):
        client = client_for(request.getfixturevalue(who))
        for url in self.pages(theory_a):
            assert client.get(url).status_code == 200, url
        html = client.get(step_url(theory_a, 1)).content.decode()
        assert "Je kunt deze stap lezen, maar niet aanpassen." in html
        assert 'name="problem"' not in html
        response = client.post(step_url(theory_a, 1), form_data(theory_a, 1, problem="x"))
        assert response.status_code == 403

    def test_editor_may_write(self, editor_a, theory_a):
        client = client_for(editor_a)
        response = client.post(
            step_url(theory_a, 1), form_data(theory_a, 1, problem="Door de schrijver")
        )
        assert response.status_code == 302

    def test_municipality_sees_approved_theories_only(self, municipality_user_a, theory_a):
        client = client_for(municipality_user_a)
        for url in self.pages(theory_a):
            assert client.get(url).status_code == 404, url
        TheoryOfChange.objects.filter(pk=theory_a.pk).update(status=Status.APPROVED)
        history, *readable = reversed(self.pages(theory_a))
        for url in readable:
            assert client.get(url).status_code == 200, url
        # The edit history holds draft versions: not for municipalities.
        assert client.get(history).status_code == 403
        assert (
            "Bekijk wie wat heeft aangepast"
            not in client.get(overview_url(theory_a)).content.decode()
        )
        assert client.post(step_url(theory_a, 1), form_data(theory_a, 1)).status_code == 403

    @pytest.mark.parametrize("status", [Status.SUBMITTED, Status.APPROVED])
    def test_submitted_and_approved_are_read_only(self, client_a, theory_a, status):
        TheoryOfChange.objects.filter(pk=theory_a.pk).update(status=status)
        html = client_a.get(step_url(theory_a, 1)).content.decode()
        assert 'name="problem"' not in html
        assert client_a.post(step_url(theory_a, 1), form_data(theory_a, 1)).status_code == 403


class TestCreate:
    def url(self, initiative):
        return reverse("theory_of_change:create", kwargs={"slug": initiative.slug})

    def test_coordinator_starts_a_year(self, client_a, initiative_a):
        response = client_a.post(self.url(initiative_a), {"year": 2026})
        theory = TheoryOfChange.objects.get(initiative=initiative_a, year=2026)
        assert response["Location"] == step_url(theory, 1)

    def test_a_year_only_once(self, client_a, theory_a):
        response = client_a.post(self.url(theory_a.initiative), {"year": 2025}, follow=True)
        assert "Er is al een verandertheorie voor 2025." in response.content.decode()
        assert TheoryOfChange.objects.count() == 1

    def test_nonsense_year_is_refused(self, client_a, initiative_a):
        response = client_a.post(self.url(initiative_a), {"year": 1850}, follow=True)
        assert "Kies een jaar tussen 2000 en" in response.content.decode()
        assert not TheoryOfChange.objects.exists()
