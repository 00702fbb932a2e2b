"""Fixtures of the review tests: a programme with a rubric weighted 3, 2, 1, an application of
"Demo Pictures" under review, and the reviewer assigned to it. A test module that needs another
``programme`` or ``application`` defines its own, which takes precedence."""

import pytest

from tests.support.factories import ProgrammeFactory
from tests.support.reviews_helpers import application_under_review, assigned, rubric_321


@pytest.fixture
def programme(db):
    return ProgrammeFactory()


@pytest.fixture
def criteria(programme):
    return rubric_321(programme)


@pytest.fixture
def application(programme, criteria, producer_org, producer):
    return application_under_review(programme, producer_org)


@pytest.fixture
def review(application, reviewer, agency_admin):
    return assigned(application, reviewer, agency_admin)
