"""Theories at each point of the review, shared by the workflow's test modules."""

import pytest

from tests.factories import complete_theory
from tests.theory_of_change.helpers import SITE_URL
from theory_of_change import services, workflow


@pytest.fixture
def site_url(settings):
    """Links in e-mails start with a known address."""
    settings.SITE_URL = SITE_URL


@pytest.fixture
def complete_a(theory_a, volunteer_a):
    """A's 2025 theory with all ten steps complete and their first revisions, in draft."""
    complete_theory(theory_a)
    services.record_initial_revisions(theory=theory_a, by=volunteer_a)
    return theory_a


@pytest.fixture
def submitted_a(complete_a, volunteer_a):
    workflow.theory_submit(theory=complete_a, by=volunteer_a)
    return complete_a


@pytest.fixture
def approved_a(submitted_a, advisor):
    workflow.theory_approve(theory=submitted_a, by=advisor)
    return submitted_a
