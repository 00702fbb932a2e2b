"""Participation and pavilion services: registration, delegates and films checked, the life
cycles with their guards, places never exceeded, the applicant notified."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import AuditEvent
from core.workflow import TransitionError
from markets import services
from markets.enums import ParticipationStatus, PavilionApplicationStatus
from markets.models import Participation, PavilionApplication
from markets.notification_kinds import PAVILION_DECISION
from notifications.models import Notification
from tests.factories import OrganizationFactory, PendingProducerOrganizationFactory, member_of
from tests.films.factories import FilmFactory, PublishedFilmFactory
from tests.markets.participation_factories import (
    ParticipationEditionFactory,
    ParticipationFactory,
    PavilionApplicationFactory,
    PavilionFactory,
)


@pytest.fixture
def edition(db):
    return ParticipationEditionFactory()


def test_create_with_members_and_published_films(producer, producer_org, edition):
    colleague = member_of(producer_org, email="colleague@example.test")
    film = PublishedFilmFactory(organization=producer_org)

    participation = services.participation_create(
        actor=producer,
        organization=producer_org,
        edition=edition,
        delegates=[producer.pk, colleague.pk],
        films=[film.pk],
        stand=" Riviera G12 ",
        notes="Two buyers' meetings booked.",
    )

    assert participation.status == ParticipationStatus.PLANNED
    assert participation.stand == "Riviera G12"
    assert sorted(participation.delegates.values_list("pk", flat=True)) == sorted([producer.pk, colleague.pk])
    assert list(participation.films.all()) == [film]
    assert AuditEvent.objects.filter(object_id=str(participation.pk), to_state="planned").count() == 1


def test_delegate_of_another_company_is_refused(producer, producer_org, other_producer, edition):
    with pytest.raises(ValidationError) as refused:
        services.participation_create(
            actor=producer, organization=producer_org, edition=edition, delegates=[other_producer.pk]
        )

    assert list(refused.value.message_dict) == ["delegates"]
    assert str(other_producer.pk) in refused.value.message_dict["delegates"][0]
    assert not Participation.objects.exists()


def test_draft_film_and_other_companys_film_are_refused(producer, producer_org, edition):
    draft = FilmFactory(organization=producer_org)
    foreign = PublishedFilmFactory(organization=OrganizationFactory())

    with pytest.raises(ValidationError) as refused:
        services.participation_create(
            actor=producer, organization=producer_org, edition=edition, films=[draft.pk, foreign.pk]
        )

    assert list(refused.value.message_dict) == ["films"]
    assert not Participation.objects.exists()


def test_second_participation_of_a_company_in_an_edition_is_refused(producer, producer_org, edition):
    ParticipationFactory(organization=producer_org, edition=edition)

    with pytest.raises(ValidationError) as refused:
        services.participation_create(actor=producer, organization=producer_org, edition=edition)

    assert refused.value.message_dict == {"edition": [services.participation_duplicate_message()]}
    assert Participation.objects.count() == 1


def test_non_member_cannot_register_a_company(other_producer, producer_org, edition):
    with pytest.raises(PermissionDenied):
        services.participation_create(actor=other_producer, organization=producer_org, edition=edition)


def test_buyer_cannot_register(buyer, buyer_org, edition):
    with pytest.raises(PermissionDenied):
        services.participation_create(actor=buyer, organization=buyer_org, edition=edition)


def test_bad_stand_and_delegates_name_their_fields(producer, producer_org, edition):
    with pytest.raises(ValidationError) as refused:
        services.participation_create(
            actor=producer, organization=producer_org, edition=edition, stand="x" * 201, notes="a\x00b"
        )
    assert sorted(refused.value.message_dict) == ["notes", "stand"]
    with pytest.raises(ValidationError) as refused:
        services.participation_create(actor=producer, organization=producer_org, edition=edition, delegates="1")
    assert list(refused.value.message_dict) == ["delegates"]


def test_life_cycle_planned_registered_confirmed(producer, producer_org):
    participation = ParticipationFactory(organization=producer_org)

    services.participation_transition(participation=participation, to="registered", actor=producer)
    services.participation_transition(participation=participation, to="confirmed", actor=producer)

    participation.refresh_from_db()
    assert participation.status == ParticipationStatus.CONFIRMED


@pytest.mark.parametrize("state", ["planned", "registered", "confirmed"])
def test_cancel_from_every_open_state(producer, producer_org, state):
    participation = ParticipationFactory(organization=producer_org, status=state)

    services.participation_transition(participation=participation, to="cancelled", actor=producer)

    participation.refresh_from_db()
    assert participation.status == ParticipationStatus.CANCELLED


def test_cancelled_cannot_be_reopened(producer, producer_org):
    participation = ParticipationFactory(organization=producer_org, status="cancelled")

    with pytest.raises(TransitionError) as refused:
        services.participation_transition(participation=participation, to="registered", actor=producer)

    assert list(refused.value.message_dict) == ["to"]


def test_unverified_company_cannot_register(db):
    company = PendingProducerOrganizationFactory(name="Waiting Films")
    member = member_of(company, email="waiting@example.test")
    participation = ParticipationFactory(organization=company)

    with pytest.raises(TransitionError) as refused:
        services.participation_transition(participation=participation, to="registered", actor=member)

    assert "Waiting Films is not verified yet" in refused.value.message_dict["to"][0]
    participation.refresh_from_db()
    assert participation.status == ParticipationStatus.PLANNED


def test_registration_after_the_edition_closed_is_refused(producer, producer_org):
    edition = ParticipationEditionFactory(registration_closes_at=timezone.now() - timedelta(hours=1))
    participation = ParticipationFactory(organization=producer_org, edition=edition)

    with pytest.raises(TransitionError) as refused:
        services.participation_transition(participation=participation, to="registered", actor=producer)

    assert "closed" in refused.value.message_dict["to"][0]


def test_other_company_and_admin_cannot_move_a_participation(other_producer, agency_admin, producer_org):
    participation = ParticipationFactory(organization=producer_org)

    for actor in (other_producer, agency_admin):
        with pytest.raises(PermissionDenied):
            services.participation_transition(participation=participation, to="registered", actor=actor)


# The national pavilion


def test_admin_opens_a_pavilion_once(agency_admin, edition):
    pavilion = services.pavilion_create(actor=agency_admin, edition=edition, places=4, stand_name="China Pavilion")

    assert pavilion.places == 4
    with pytest.raises(ValidationError) as refused:
        services.pavilion_create(actor=agency_admin, edition=edition, places=True, stand_name="")
    assert sorted(refused.value.message_dict) == ["edition", "places", "stand_name"]


def test_producer_cannot_open_a_pavilion(producer, edition):
    with pytest.raises(PermissionDenied):
        services.pavilion_create(actor=producer, edition=edition, places=4, stand_name="Ours")


def test_verified_producer_applies_once(producer, producer_org):
    pavilion = PavilionFactory()
    film = PublishedFilmFactory(organization=producer_org)

    application = services.pavilion_apply(
        actor=producer, organization=producer_org, pavilion=pavilion, films=[film.pk], message="Two delegates."
    )

    assert application.status == PavilionApplicationStatus.APPLIED
    assert list(application.films.all()) == [film]
    with pytest.raises(ValidationError) as refused:
        services.pavilion_apply(actor=producer, organization=producer_org, pavilion=pavilion)
    assert refused.value.message_dict == {"pavilion": [services.pavilion_application_duplicate_message()]}


def test_unverified_producer_cannot_apply(db):
    company = PendingProducerOrganizationFactory(name="Waiting Films")
    member = member_of(company, email="waiting@example.test")

    with pytest.raises(ValidationError) as refused:
        services.pavilion_apply(actor=member, organization=company, pavilion=PavilionFactory())

    assert list(refused.value.message_dict) == ["organization"]
    assert not PavilionApplication.objects.exists()


def test_applying_after_applications_close_is_refused(producer, producer_org):
    pavilion = PavilionFactory(applications_close_at=timezone.now() - timedelta(minutes=1))

    with pytest.raises(ValidationError) as refused:
        services.pavilion_apply(actor=producer, organization=producer_org, pavilion=pavilion)

    assert list(refused.value.message_dict) == ["pavilion"]


def test_accepting_notifies_the_applicants_members(agency_admin, producer, producer_org):
    application = PavilionApplicationFactory(organization=producer_org)

    services.pavilion_application_transition(application=application, to="accepted", actor=agency_admin)

    application.refresh_from_db()
    assert application.status == PavilionApplicationStatus.ACCEPTED
    sent = Notification.objects.get(kind=PAVILION_DECISION)
    assert sent.recipient == producer
    assert sent.context["to_state"] == "accepted"


def test_accepting_beyond_the_places_is_refused(agency_admin):
    pavilion = PavilionFactory(places=2)
    PavilionApplicationFactory.create_batch(2, pavilion=pavilion, status="accepted")
    third = PavilionApplicationFactory(pavilion=pavilion)

    with pytest.raises(TransitionError) as refused:
        services.pavilion_application_transition(application=third, to="accepted", actor=agency_admin)

    assert "All 2 places" in refused.value.message_dict["to"][0]
    services.pavilion_application_transition(application=third, to="waitlisted", actor=agency_admin)
    third.refresh_from_db()
    assert third.status == PavilionApplicationStatus.WAITLISTED


def test_waitlisted_is_accepted_once_a_place_frees(agency_admin):
    pavilion = PavilionFactory(places=1)
    accepted = PavilionApplicationFactory(pavilion=pavilion, status="accepted")
    waiting = PavilionApplicationFactory(pavilion=pavilion, status="waitlisted")
    # An accepted company that withdraws is declined by the agency; its place is free again.
    accepted.status = "waitlisted"
    accepted.save()

    services.pavilion_application_transition(application=waiting, to="accepted", actor=agency_admin)

    waiting.refresh_from_db()
    assert waiting.status == PavilionApplicationStatus.ACCEPTED


def test_declining_needs_a_note(agency_admin, producer_org):
    application = PavilionApplicationFactory(organization=producer_org)

    with pytest.raises(TransitionError) as refused:
        services.pavilion_application_transition(application=application, to="declined", actor=agency_admin)
    assert list(refused.value.message_dict) == ["note"]

    services.pavilion_application_transition(
        application=application, to="declined", actor=agency_admin, note="Only feature films this year."
    )
    application.refresh_from_db()
    assert application.status == PavilionApplicationStatus.DECLINED


def test_producer_cannot_decide_its_own_application(producer, producer_org):
    application = PavilionApplicationFactory(organization=producer_org)

    with pytest.raises(PermissionDenied):
        services.pavilion_application_transition(application=application, to="accepted", actor=producer)
    assert not Notification.objects.exists()


def test_pavilion_places_never_cut_below_the_accepted(agency_admin):
    pavilion = PavilionFactory(places=3)
    PavilionApplicationFactory.create_batch(2, pavilion=pavilion, status="accepted")

    with pytest.raises(ValidationError) as refused:
        services.pavilion_update(actor=agency_admin, pavilion=pavilion, places=1, stand_name="China Pavilion")
    assert list(refused.value.message_dict) == ["places"]

    updated = services.pavilion_update(
        actor=agency_admin, pavilion=pavilion, places=2, stand_name="China Pavilion", location="Hall 3"
    )
    assert (updated.places, updated.location) == (2, "Hall 3")


def test_decision_mail_names_the_edition_and_the_note(
    agency_admin, producer, producer_org, mailoutbox, django_capture_on_commit_callbacks
):
    application = PavilionApplicationFactory(organization=producer_org)
    edition = application.pavilion.edition

    with django_capture_on_commit_callbacks(execute=True):
        services.pavilion_application_transition(
            application=application, to="declined", actor=agency_admin, note="Only feature films this year."
        )

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [producer.email]
    assert mailoutbox[0].subject.endswith(
        f"{edition.market.name_en} {edition.year}: your pavilion application was declined"
    )
    assert "Only feature films this year." in mailoutbox[0].body


def test_update_changes_only_the_given_fields(producer, producer_org):
    participation = ParticipationFactory(organization=producer_org, stand="Old", notes="Keep")
    film = PublishedFilmFactory(organization=producer_org)

    updated = services.participation_update(
        actor=producer, participation=participation, data={"stand": " Hall 3 ", "films": [film.pk]}
    )

    assert (updated.stand, updated.notes) == ("Hall 3", "Keep")
    assert list(updated.films.all()) == [film]


def test_update_refuses_strangers_unknown_fields_and_cancelled(producer, producer_org, other_producer):
    participation = ParticipationFactory(organization=producer_org)

    with pytest.raises(ValidationError) as refused:
        services.participation_update(
            actor=producer, participation=participation, data={"delegates": [other_producer.pk]}
        )
    assert list(refused.value.message_dict) == ["delegates"]
    with pytest.raises(ValidationError) as refused:
        services.participation_update(actor=producer, participation=participation, data={"status": "confirmed"})
    assert list(refused.value.message_dict) == ["status"]
    with pytest.raises(PermissionDenied):
        services.participation_update(actor=other_producer, participation=participation, data={"stand": "x"})
    participation.status = "cancelled"
    participation.save()
    with pytest.raises(ValidationError) as refused:
        services.participation_update(actor=producer, participation=participation, data={"stand": "x"})
    assert list(refused.value.message_dict) == ["status"]
