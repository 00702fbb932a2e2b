"""Races on revisions (PostgreSQL, real threads): twenty simultaneous edits of one published film
leave one pending revision holding one of them, and an approval racing twenty edits never loses
an edit nor approves one the admin did not see."""

import pytest

from core.models import AuditEvent
from films import services
from films.enums import RevisionStatus
from films.models import Film, FilmRevision
from tests.films.factories import PublishedFilmFactory
from tests.races import at_once, kinds

pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("transactional_db")]

THREADS = 20


@pytest.fixture
def film(producer_org):
    return PublishedFilmFactory(organization=producer_org, title_en="Paper Kite", genres=["drama"])


def test_twenty_simultaneous_edits_leave_one_pending_revision(producer, agency_admin, film):
    outcomes = at_once(
        THREADS,
        lambda i: services.film_update(film=film, actor=producer, data={"title_en": f"Paper Kite {i}"}),
    )

    assert kinds(outcomes) == {"ok": THREADS}
    revision = FilmRevision.objects.get()
    assert revision.status == RevisionStatus.PENDING
    assert revision.changes["title_en"] in {f"Paper Kite {i}" for i in range(THREADS)}
    assert Film.objects.get(pk=film.pk).title_en == "Paper Kite"
    # One proposal in the timeline, one notification to the admin.
    assert AuditEvent.objects.filter(object_id=str(revision.pk), to_state="pending").count() == 1
    assert agency_admin.notifications.filter(kind="films.revision_submitted").count() == 1


def test_an_approval_racing_edits_applies_what_it_locked_and_later_edits_wait_in_a_new_revision(
    producer, agency_admin, film
):
    services.film_update(film=film, actor=producer, data={"title_en": "First"})
    revision = FilmRevision.objects.get()

    def work(i):
        if i == 0:
            return services.revision_transition(revision=revision, to="approved", actor=agency_admin)
        return services.film_update(film=film, actor=producer, data={"title_en": f"Edit {i}"})

    outcomes = at_once(THREADS, work)

    assert kinds(outcomes) == {"ok": THREADS}
    approved = FilmRevision.objects.get(pk=revision.pk)
    assert approved.status == RevisionStatus.APPROVED
    # The film shows exactly what was approved; any edit after the approval waits in one new revision.
    assert Film.objects.get(pk=film.pk).title_en == approved.changes["title_en"]
    assert FilmRevision.objects.filter(status=RevisionStatus.PENDING).count() <= 1
