"""Published films stay as the agency approved them: revisions held, decided, withdrawn."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from core.models import AuditEvent
from films import selectors, services
from films.enums import CreditRole, ListingStatus, RevisionStatus
from films.models import Film, FilmImage, FilmRevision, Genre
from notifications.models import Notification
from tests.films.factories import CreditFactory, FilmFactory, PublishedFilmFactory, complete_film, poster_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def film(producer_org, producer):
    film = PublishedFilmFactory(
        organization=producer_org,
        title_en="Mountains May Depart",
        title_original="山河故人",
        synopsis_en="Three lives across three decades.",
        genres=["drama"],
        runtime_minutes=126,
    )
    CreditFactory(film=film, role=CreditRole.DIRECTOR, name="贾樟柯", name_latin="Jia Zhangke")
    return film


def _kinds(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_a_reviewed_change_to_a_published_film_waits_and_immediate_fields_change_at_once(film, producer, agency_admin):
    services.film_update(
        film=film, actor=producer, data={"title_en": "  Mountains Will Depart ", "runtime_minutes": 131}
    )

    film.refresh_from_db()
    assert (film.title_en, film.runtime_minutes) == ("Mountains May Depart", 131)
    revision = FilmRevision.objects.get()
    assert (revision.status, revision.author, revision.changes, revision.previous) == (
        RevisionStatus.PENDING,
        producer,
        {"title_en": "Mountains Will Depart"},
        {"title_en": "Mountains May Depart"},
    )
    # Search keeps the approved title until the agency approves.
    assert "will" not in film.search_en.split()
    assert _kinds(agency_admin) == ["films.revision_submitted"]
    event = AuditEvent.objects.get(object_id=str(revision.pk), field="status")
    assert (event.from_state, event.to_state, event.actor) == ("", "pending", producer)


def test_later_edits_update_the_one_pending_revision(film, producer, agency_admin):
    services.film_update(film=film, actor=producer, data={"title_en": "Mountains Will Depart"})
    services.film_update(
        film=film,
        actor=producer,
        data={"synopsis_en": "Three lives.", "genres": ["drama", "romance"], "film_type": "documentary"},
    )

    revision = FilmRevision.objects.get()
    assert revision.changes == {
        "title_en": "Mountains Will Depart",
        "synopsis_en": "Three lives.",
        "genres": ["drama", "romance"],
        "film_type": "documentary",
    }
    assert revision.previous == {
        "title_en": "Mountains May Depart",
        "synopsis_en": "Three lives across three decades.",
        "genres": ["drama"],
        "film_type": "feature_fiction",
    }
    # One notification for the proposal, none for each later edit.
    assert _kinds(agency_admin) == ["films.revision_submitted"]


def test_undoing_every_change_withdraws_the_pending_revision(film, producer):
    services.film_update(film=film, actor=producer, data={"title_en": "Mountains Will Depart"})
    services.film_update(film=film, actor=producer, data={"title_en": "Mountains May Depart"})

    revision = FilmRevision.objects.get()
    assert revision.status == RevisionStatus.WITHDRAWN
    assert selectors.film_revision_pending(film=film) is None


def test_an_unchanged_edit_makes_no_revision(film, producer):
    approved = services.film_approved_values(film=film)
    del approved["poster"]  # set by uploading a new one, not by film_update

    services.film_update(film=film, actor=producer, data=approved)

    assert not FilmRevision.objects.exists()


def test_a_bad_edit_names_every_field_and_saves_nothing(film, producer):
    with pytest.raises(ValidationError) as exc:
        services.film_update(
            film=film,
            actor=producer,
            data={"title_original": "", "runtime_minutes": 0, "genres": ["nope"], "credits": [{"role": "x"}]},
        )

    assert set(exc.value.message_dict) == {"title_original", "runtime_minutes", "genres", "credits"}
    film.refresh_from_db()
    assert (film.title_original, film.runtime_minutes) == ("山河故人", 126)
    assert not FilmRevision.objects.exists()


def test_approving_writes_the_changes_onto_the_film_and_tells_the_producer(film, producer, agency_admin):
    services.film_update(
        film=film,
        actor=producer,
        data={
            "title_en": "Mountains Will Depart",
            "genres": ["romance"],
            "credits": [{"role": "director", "name": "贾樟柯", "name_latin": "Jia Zhang-ke"}],
        },
    )
    revision = FilmRevision.objects.get()

    services.revision_transition(revision=revision, to="approved", actor=agency_admin)

    film.refresh_from_db()
    assert film.title_en == "Mountains Will Depart"
    assert [g.slug for g in film.genres.all()] == ["romance"]
    assert [(c.role, c.name, c.name_latin) for c in film.credits.all()] == [("director", "贾樟柯", "Jia Zhang-ke")]
    assert "will" in film.search_en.split()
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.APPROVED
    assert revision.decided_at is not None
    assert _kinds(producer) == ["films.revision_decision"]
    assert film.listing_status == ListingStatus.PUBLISHED


def test_rejecting_needs_a_note_and_keeps_the_approved_film(film, producer, agency_admin):
    services.film_update(film=film, actor=producer, data={"title_en": "Mountains Will Depart"})
    revision = FilmRevision.objects.get()

    with pytest.raises(ValidationError) as exc:
        services.revision_transition(revision=revision, to="rejected", actor=agency_admin)
    assert list(exc.value.message_dict) == ["note"]

    services.revision_transition(revision=revision, to="rejected", actor=agency_admin, note="Keep the festival title.")

    film.refresh_from_db()
    assert film.title_en == "Mountains May Depart"
    event = AuditEvent.objects.filter(object_id=str(revision.pk)).latest("pk")
    assert (event.from_state, event.to_state, event.note) == ("pending", "rejected", "Keep the festival title.")
    assert _kinds(producer) == ["films.revision_decision"]


def test_only_admins_decide_and_only_the_producer_withdraws(film, producer, other_producer, buyer, agency_admin):
    services.film_update(film=film, actor=producer, data={"title_en": "Mountains Will Depart"})
    revision = FilmRevision.objects.get()

    for actor in (producer, other_producer, buyer):
        with pytest.raises(PermissionDenied):
            services.revision_transition(revision=revision, to="approved", actor=actor)
    for actor in (agency_admin, other_producer, buyer):
        with pytest.raises(PermissionDenied):
            services.revision_transition(revision=revision, to="withdrawn", actor=actor)

    services.revision_transition(revision=revision, to="withdrawn", actor=producer)
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.WITHDRAWN
    # Withdrawing is the producer's own move: nobody is told.
    assert _kinds(producer) == []


def test_a_decided_revision_cannot_be_decided_again(film, producer, agency_admin):
    services.film_update(film=film, actor=producer, data={"title_en": "Mountains Will Depart"})
    revision = FilmRevision.objects.get()
    services.revision_transition(revision=revision, to="approved", actor=agency_admin)

    with pytest.raises(ValidationError) as exc:
        services.revision_transition(revision=revision, to="rejected", actor=agency_admin, note="Too late")

    assert list(exc.value.message_dict) == ["to"]


def test_after_a_decision_a_new_edit_opens_a_new_revision(film, producer, agency_admin):
    services.film_update(film=film, actor=producer, data={"title_en": "Mountains Will Depart"})
    services.revision_transition(revision=FilmRevision.objects.get(), to="approved", actor=agency_admin)

    services.film_update(film=film, actor=producer, data={"logline_en": "A new logline."})

    pending = selectors.film_revision_pending(film=film)
    assert pending.changes == {"logline_en": "A new logline."}
    assert pending.previous == {"logline_en": film.logline_en}
    assert FilmRevision.objects.count() == 2


def test_the_database_holds_one_pending_revision_per_film(film, producer):
    FilmRevision.objects.create(film=film, author=producer, changes={"title_en": "A"})

    with pytest.raises(IntegrityError), transaction.atomic():
        FilmRevision.objects.create(film=film, author=producer, changes={"title_en": "B"})


def test_drafts_change_at_once(producer_org, producer):
    draft = FilmFactory(organization=producer_org, title_en="Draft")

    services.film_update(film=draft, actor=producer, data={"title_en": "Better Draft"})

    draft.refresh_from_db()
    assert draft.title_en == "Better Draft"
    assert not FilmRevision.objects.exists()


def test_editing_a_withdrawn_film_folds_its_pending_revision_in(film, producer):
    services.film_update(film=film, actor=producer, data={"title_en": "Mountains Will Depart"})
    services.film_transition(film=film, to="withdrawn", actor=producer)

    services.film_update(film=film, actor=producer, data={"runtime_minutes": 130})

    film.refresh_from_db()
    assert (film.title_en, film.runtime_minutes) == ("Mountains Will Depart", 130)
    assert FilmRevision.objects.get().status == RevisionStatus.WITHDRAWN


def test_the_film_timeline_shows_the_proposal_and_the_decision(film, producer, agency_admin):
    services.film_update(film=film, actor=producer, data={"title_en": "Mountains Will Depart"})
    services.revision_transition(revision=FilmRevision.objects.get(), to="approved", actor=agency_admin)

    events = selectors.film_timeline(film=Film.objects.get(pk=film.pk))

    assert [(e.from_label, e.to_label, e.actor, getattr(e, "revision", False)) for e in events] == [
        ("Waiting for approval", "Approved", agency_admin, True),
        ("", "Waiting for approval", producer, True),
    ]


def test_the_diff_names_fields_and_shows_old_and_new_values(film, producer):
    services.film_update(
        film=film, actor=producer, data={"title_en": "Mountains Will Depart", "genres": ["drama", "romance"]}
    )
    revision = FilmRevision.objects.get()

    selectors.revisions_attach_changes([revision], language="en")

    assert [(c.label, c.old, c.new) for c in revision.diff] == [
        ("English title", ["Mountains May Depart"], ["Mountains Will Depart"]),
        ("Genres", ["Drama"], ["Drama", "Romance"]),
    ]


# --- The poster -----------------------------------------------------------------------------


@pytest.fixture
def with_poster(producer_org, producer):
    film = complete_film(producer_org, title_en="Paper Kite", listing_status=ListingStatus.PUBLISHED)
    return film, film.images.get()


def _files(settings) -> set[str]:
    return {path.name for path in settings.MEDIA_ROOT.rglob("*.*")}


def test_a_published_film_s_new_poster_waits_and_the_film_keeps_showing_the_old_one(
    with_poster, producer, agency_admin
):
    film, approved = with_poster

    held = services.film_image_add(film=film, actor=producer, upload=poster_upload(color=(0, 0, 0)))

    revision = FilmRevision.objects.get()
    assert held.revision == revision
    assert (revision.changes, revision.previous) == ({"poster": held.pk}, {"poster": approved.pk})
    assert list(film.images.all()) == [approved]
    assert selectors.film_get_for_page(user=agency_admin, pk=film.pk).poster_images == [approved]
    assert selectors.film_list_with_review_facts(Film.objects.filter(pk=film.pk)).get().review_has_poster
    assert selectors.film_poster_held(film=film) == held
    assert _kinds(agency_admin) == ["films.revision_submitted"]


def test_a_second_proposed_poster_replaces_the_first_and_its_files(with_poster, producer, settings):
    film, _approved = with_poster
    first = services.film_image_add(film=film, actor=producer, upload=poster_upload(color=(0, 0, 0)))
    first_files = {first.original.name.rsplit("/", 1)[-1], first.thumbnail.name.rsplit("/", 1)[-1]}

    second = services.film_image_add(film=film, actor=producer, upload=poster_upload(color=(0, 0, 255)))

    assert FilmRevision.objects.get().changes == {"poster": second.pk}
    assert not FilmImage.held.filter(pk=first.pk).exists()
    assert not first_files & _files(settings)


def test_a_text_edit_keeps_the_proposed_poster_in_the_revision(with_poster, producer):
    film, _approved = with_poster
    held = services.film_image_add(film=film, actor=producer, upload=poster_upload(color=(0, 0, 0)))

    services.film_update(film=film, actor=producer, data={"title_en": "The Paper Kite"})

    assert FilmRevision.objects.get().changes == {"poster": held.pk, "title_en": "The Paper Kite"}


def test_approving_a_poster_shows_it_and_removes_the_old_one_with_its_files(
    with_poster, producer, agency_admin, settings
):
    film, approved = with_poster
    old_file = approved.original.name.rsplit("/", 1)[-1]
    held = services.film_image_add(film=film, actor=producer, upload=poster_upload(color=(0, 0, 0)))

    services.revision_transition(revision=FilmRevision.objects.get(), to="approved", actor=agency_admin)

    assert list(film.images.all()) == [FilmImage.objects.get(pk=held.pk)]
    assert old_file not in _files(settings)


@pytest.mark.parametrize(("to", "who"), [("rejected", "agency_admin"), ("withdrawn", "producer")])
def test_a_rejected_or_withdrawn_poster_is_removed_with_its_files(request, with_poster, settings, to, who):
    film, approved = with_poster
    held = services.film_image_add(
        film=film, actor=request.getfixturevalue("producer"), upload=poster_upload(color=(0, 0, 0))
    )
    held_file = held.original.name.rsplit("/", 1)[-1]

    services.revision_transition(
        revision=FilmRevision.objects.get(), to=to, actor=request.getfixturevalue(who), note="Not this one."
    )

    assert list(FilmImage.held.filter(film=film)) == [approved]
    assert held_file not in _files(settings)


def test_stills_of_a_published_film_show_at_once(with_poster, producer):
    film, _approved = with_poster

    still = services.film_image_add(film=film, actor=producer, upload=poster_upload(), kind="still")

    assert still.revision is None
    assert still in film.images.all()
    assert not FilmRevision.objects.exists()


def test_a_published_film_keeps_its_poster(with_poster, producer):
    film, approved = with_poster

    with pytest.raises(ValidationError) as exc:
        services.film_image_delete(image=approved, actor=producer)

    assert list(exc.value.message_dict) == ["image"]
    assert film.images.get() == approved


def test_the_diff_names_genres_in_the_reader_s_language(film, producer):
    services.film_update(film=film, actor=producer, data={"genres": ["drama", "romance"]})
    revision = FilmRevision.objects.get()

    selectors.revisions_attach_changes([revision], language="zh-hans")

    names = {g.slug: g.name_zh for g in Genre.objects.filter(slug__in=["drama", "romance"])}
    assert [(c.field, c.old, c.new) for c in revision.diff] == [
        ("genres", [names["drama"]], [names["drama"], names["romance"]])
    ]
