"""Campaign authoring services: creating and changing drafts (each validation, named per field,
nothing saved), the guards with every reason, the moves (approval required for producers, the
agency's own approved directly, the recipient count snapshot on scheduling), the people told,
and the segment counted over buyers of different types, territories and genres."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from campaigns.enums import CampaignStatus
from campaigns.kinds_campaigns import CAMPAIGN_MOVED, CAMPAIGN_SUBMITTED
from campaigns.models import Campaign
from campaigns.selectors import campaign_recipients
from campaigns.services import campaign_create, campaign_transition, campaign_update
from campaigns.services.campaigns import (
    campaign_guard_agency_own,
    campaign_guard_ready,
    campaign_guard_send_time_ahead,
)
from core.models import AuditEvent
from core.workflow import TransitionError
from films.enums import ListingStatus
from notifications.models import Notification
from tests.campaigns.campaigns_helpers import buyer_world, campaign_input
from tests.campaigns.factories import CampaignFactory
from tests.factories import OrganizationFactory, PendingProducerOrganizationFactory, member_of
from tests.films.factories import FilmFactory, PublishedFilmFactory

pytestmark = pytest.mark.django_db

_C = CampaignStatus


@pytest.fixture
def world(db):
    return buyer_world()


@pytest.fixture
def film(producer_org):
    return PublishedFilmFactory(organization=producer_org, title_en="Quiet Harbour", genres=["drama"])


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


# --- Create ---------------------------------------------------------------------------------------


def test_a_producer_creates_a_draft_for_the_company(producer, producer_org, film):
    campaign = campaign_create(actor=producer, data=campaign_input(film))

    assert campaign.organization == producer_org
    assert campaign.status == _C.DRAFT
    assert list(campaign.films.all()) == [film]
    assert campaign.territories == ["FR"]
    assert campaign.countries == ["FR"]
    assert campaign.created_by == producer
    assert AuditEvent.objects.get(object_id=str(campaign.pk)).to_state == _C.DRAFT


def test_an_agency_admin_creates_the_agencys_campaign_with_any_published_film(agency_admin, film):
    campaign = campaign_create(actor=agency_admin, data=campaign_input(film))

    assert campaign.organization_id is None


def test_a_region_is_stored_with_its_countries(producer, film):
    campaign = campaign_create(actor=producer, data=campaign_input(film, territories=["europe", "fr"]))

    assert campaign.territories == ["europe", "FR"]
    assert "FR" in campaign.countries
    assert "DE" in campaign.countries
    assert campaign.countries == sorted(campaign.countries)


def test_a_producer_of_several_companies_must_choose_one(producer, producer_org, film):
    second = OrganizationFactory(name="Second Company")
    member_of_second = producer.memberships.model.objects.create(user=producer, organization=second, role="member")
    assert member_of_second.pk

    with pytest.raises(ValidationError) as excinfo:
        campaign_create(actor=producer, data=campaign_input(film))
    assert list(errors_of(excinfo)) == ["organization"]

    campaign = campaign_create(actor=producer, organization=producer_org, data=campaign_input(film))
    assert campaign.organization == producer_org


def test_a_company_the_producer_is_not_in_is_refused(producer, other_producer, film):
    other_org = other_producer.memberships.get().organization

    with pytest.raises(ValidationError) as excinfo:
        campaign_create(actor=producer, organization=other_org, data=campaign_input(film))

    assert list(errors_of(excinfo)) == ["organization"]
    assert Campaign.objects.count() == 0


def test_an_unverified_producer_company_cannot_start_a_campaign(db):
    company = PendingProducerOrganizationFactory()
    producer = member_of(company)
    film = PublishedFilmFactory(organization=company)

    with pytest.raises(ValidationError) as excinfo:
        campaign_create(actor=producer, data=campaign_input(film))

    assert list(errors_of(excinfo)) == ["organization"]


@pytest.mark.parametrize("role", ["buyer", "reviewer", "plain_user"])
def test_others_may_not_create_campaigns(request, film, role):
    with pytest.raises(PermissionDenied):
        campaign_create(actor=request.getfixturevalue(role), data=campaign_input(film))


def test_every_error_is_named_by_field_and_nothing_is_saved(producer, producer_org):
    draft = FilmFactory(organization=producer_org, title_en="Unfinished")
    today = timezone.localdate()
    data = campaign_input(
        draft,
        name="",
        subject_en="  ",
        message_en="",
        subject_zh="x" * 201,
        buyer_types=["distributor", "wizard"],
        territories=["FR", "Atlantis"],
        genres=["drama", "no-such-genre"],
        by_email="yes",
        featured_from=today - timedelta(days=1),
        featured_until=today + timedelta(days=3),
        send_at=timezone.now() - timedelta(minutes=1),
        colour="red",
    )

    with pytest.raises(ValidationError) as excinfo:
        campaign_create(actor=producer, data=data)

    errors = errors_of(excinfo)
    assert sorted(errors) == [
        "buyer_types",
        "by_email",
        "colour",
        "featured_from",
        "films",
        "genres",
        "message_en",
        "name",
        "send_at",
        "subject_en",
        "subject_zh",
        "territories",
    ]
    assert "Unfinished" in errors["films"][0]
    assert "wizard" in errors["buyer_types"][0]
    assert "Atlantis" in errors["territories"][0]
    assert Campaign.objects.count() == 0


def test_another_companys_film_is_refused(producer, other_producer):
    theirs = PublishedFilmFactory(organization=other_producer.memberships.get().organization)

    with pytest.raises(ValidationError) as excinfo:
        campaign_create(actor=producer, data=campaign_input(theirs))

    assert errors_of(excinfo) == {"films": ["Choose your company's own films."]}


def test_at_least_one_film(producer):
    with pytest.raises(ValidationError) as excinfo:
        campaign_create(actor=producer, data=campaign_input())

    assert errors_of(excinfo) == {"films": ["Choose at least one film."]}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Autumn\x00slate"),
        ("message_en", "Hello\x00"),
        ("territories", ["FR\x00"]),
        ("genres", ["drama\x00"]),
        ("buyer_types", ["\x00"]),
        ("send_at", "2030-01-01T10:00\x00"),
        ("featured_from", "2030-01-01\x00"),
    ],
)
def test_nul_bytes_are_refused(producer, film, field, value):
    with pytest.raises(ValidationError) as excinfo:
        campaign_create(actor=producer, data=campaign_input(film, **{field: value}))

    assert list(errors_of(excinfo)) == [field]
    assert Campaign.objects.count() == 0


def test_featured_dates_are_both_or_neither_and_in_order(producer, film):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as only_one:
        campaign_create(actor=producer, data=campaign_input(film, featured_from=today))
    with pytest.raises(ValidationError) as backwards:
        campaign_create(
            actor=producer,
            data=campaign_input(film, featured_from=today + timedelta(days=5), featured_until=today),
        )

    assert list(errors_of(only_one)) == ["featured_until"]
    assert list(errors_of(backwards)) == ["featured_until"]


def test_a_naive_send_time_is_read_in_the_users_time_zone(producer, film):
    moment = (timezone.now() + timedelta(days=3)).replace(tzinfo=None, microsecond=0)
    with timezone.override("Asia/Shanghai"):
        campaign = campaign_create(actor=producer, data=campaign_input(film, send_at=moment.isoformat()))

    shanghai = timezone.make_aware(moment, timezone=timezone.get_fixed_timezone(8 * 60))
    assert campaign.send_at == shanghai


# --- Update ---------------------------------------------------------------------------------------


def test_a_draft_is_changed_field_by_field(producer, film):
    campaign = campaign_create(actor=producer, data=campaign_input(film))

    campaign_update(actor=producer, campaign=campaign, data={"name": "Winter slate", "territories": "DE, JP"})

    campaign.refresh_from_db()
    assert campaign.name == "Winter slate"
    assert campaign.countries == ["DE", "JP"]
    assert campaign.subject_en == "New Chinese dramas for France"


def test_an_update_with_errors_saves_nothing(producer, film):
    campaign = campaign_create(actor=producer, data=campaign_input(film))

    with pytest.raises(ValidationError) as excinfo:
        campaign_update(actor=producer, campaign=campaign, data={"name": "Changed", "genres": ["nope"]})

    assert list(errors_of(excinfo)) == ["genres"]
    campaign.refresh_from_db()
    assert campaign.name == "Autumn slate"


def test_only_a_draft_is_changed(producer, film):
    campaign = CampaignFactory(organization=film.organization, status=_C.SUBMITTED, films=[film])

    with pytest.raises(ValidationError) as excinfo:
        campaign_update(actor=producer, campaign=campaign, data={"name": "Changed"})

    assert list(errors_of(excinfo)) == ["status"]


@pytest.mark.parametrize("role", ["other_producer", "buyer", "agency_admin"])
def test_others_may_not_change_a_companys_draft(request, film, role):
    campaign = CampaignFactory(organization=film.organization, films=[film])

    with pytest.raises(PermissionDenied):
        campaign_update(actor=request.getfixturevalue(role), campaign=campaign, data={"name": "Mine now"})


# --- Segment ----------------------------------------------------------------------------------------


def test_the_segment_counts_verified_buyers_by_type_territory_and_genre(world):
    assert campaign_recipients(buyer_types=["distributor"], countries=["FR"], genres=["drama"]) == {
        "recipients": 2,
        "companies": 1,
    }
    assert campaign_recipients(genres=["drama"]) == {"recipients": 3, "companies": 2}
    assert campaign_recipients(countries=["DE", "JP"]) == {"recipients": 2, "companies": 2}
    assert campaign_recipients(buyer_types=["broadcaster"], genres=["drama"]) == {"recipients": 0, "companies": 0}
    # Open: every verified buyer company, never the pending one.
    assert campaign_recipients() == {"recipients": 4, "companies": 3}


def test_an_inactive_member_is_not_counted(world):
    world["people"]["paris"][0].__class__.objects.filter(pk=world["people"]["paris"][0].pk).update(is_active=False)

    assert campaign_recipients(countries=["FR"]) == {"recipients": 1, "companies": 1}


# --- Guards -----------------------------------------------------------------------------------------


def test_ready_gives_every_reason(producer_org):
    today = timezone.localdate()
    campaign = CampaignFactory(
        organization=producer_org,
        subject_en="",
        message_en=" ",
        by_email=False,
        in_app=False,
        buyer_types=["exhibitor"],
        featured_from=None,
        featured_until=None,
    )

    assert campaign_guard_ready(obj=campaign, actor=None) == [
        "Choose at least one film.",
        "Choose at least one channel: e-mail, in-app notification or a featured range.",
        "Write the subject in English.",
        "Write the message in English.",
        "The segment reaches no verified buyer: widen the buyer types, territories or genres.",
    ]

    withdrawn = FilmFactory(organization=producer_org, title_en="Gone", listing_status=ListingStatus.WITHDRAWN)
    campaign.films.set([withdrawn])
    Campaign.objects.filter(pk=campaign.pk).update(
        featured_from=today - timedelta(days=5), featured_until=today - timedelta(days=1)
    )
    campaign.refresh_from_db()
    reasons = campaign_guard_ready(obj=campaign, actor=None)
    assert "These films are no longer published: “Gone”." in reasons
    assert "The featured range has ended: choose dates from today." in reasons


def test_ready_passes_a_complete_campaign(world, film):
    campaign = CampaignFactory(organization=film.organization, films=[film], countries=["FR"])

    assert campaign_guard_ready(obj=campaign, actor=None) == []


def test_a_draft_featured_from_the_past_is_not_ready(world, film):
    today = timezone.localdate()
    campaign = CampaignFactory(
        organization=film.organization,
        films=[film],
        featured_from=today - timedelta(days=1),
        featured_until=today + timedelta(days=1),
    )

    assert campaign_guard_ready(obj=campaign, actor=None) == [
        "The featured range starts in the past: choose dates from today."
    ]


def test_agency_own_and_send_time_guards(film):
    company = CampaignFactory(organization=film.organization)
    agency = CampaignFactory(organization=None, send_at=None)
    past = CampaignFactory(organization=None, send_at=timezone.now() - timedelta(seconds=1))

    assert campaign_guard_agency_own(obj=company, actor=None) == ["A company's campaign is sent for approval first."]
    assert campaign_guard_agency_own(obj=agency, actor=None) == []
    assert campaign_guard_send_time_ahead(obj=agency, actor=None) == ["Set the send time."]
    assert campaign_guard_send_time_ahead(obj=past, actor=None) == ["The send time has passed: set a later one."]
    assert campaign_guard_send_time_ahead(obj=company, actor=None) == []


# --- Moves -------------------------------------------------------------------------------------------


def test_a_producers_campaign_needs_the_agencys_approval(world, producer, agency_admin, film):
    campaign = campaign_create(actor=producer, data=campaign_input(film))

    with pytest.raises(PermissionDenied):
        campaign_transition(campaign=campaign, to=_C.APPROVED, actor=producer)
    with pytest.raises(TransitionError):
        campaign_transition(campaign=campaign, to=_C.APPROVED, actor=agency_admin)  # own campaigns only

    campaign_transition(campaign=campaign, to=_C.SUBMITTED, actor=producer)
    assert Notification.objects.filter(kind=CAMPAIGN_SUBMITTED, recipient=agency_admin).count() == 1

    campaign_transition(campaign=campaign, to=_C.APPROVED, actor=agency_admin)
    assert Notification.objects.filter(kind=CAMPAIGN_MOVED, recipient=producer).count() == 1

    campaign_transition(campaign=campaign, to=_C.SCHEDULED, actor=producer)
    campaign.refresh_from_db()
    assert campaign.status == _C.SCHEDULED
    assert campaign.recipients_count == 2


def test_the_agencys_campaign_is_approved_directly(world, agency_admin, film):
    campaign = campaign_create(actor=agency_admin, data=campaign_input(film))

    campaign_transition(campaign=campaign, to=_C.APPROVED, actor=agency_admin)

    assert campaign.status == _C.APPROVED
    assert not Notification.objects.filter(kind__in=[CAMPAIGN_MOVED, CAMPAIGN_SUBMITTED]).exists()


def test_returning_for_changes_needs_a_note_and_tells_the_company(world, producer, agency_admin, film):
    campaign = campaign_create(actor=producer, data=campaign_input(film))
    campaign_transition(campaign=campaign, to=_C.SUBMITTED, actor=producer)

    with pytest.raises(TransitionError) as excinfo:
        campaign_transition(campaign=campaign, to=_C.DRAFT, actor=agency_admin)
    assert list(excinfo.value.message_dict) == ["note"]

    campaign_transition(campaign=campaign, to=_C.DRAFT, actor=agency_admin, note="Shorten the message.")
    told = Notification.objects.get(kind=CAMPAIGN_MOVED, recipient=producer)
    assert told.context["note"] == "Shorten the message."


def test_submitting_an_empty_segment_is_refused_with_the_reason(producer, film):
    campaign = campaign_create(actor=producer, data=campaign_input(film))

    with pytest.raises(TransitionError) as excinfo:
        campaign_transition(campaign=campaign, to=_C.SUBMITTED, actor=producer)

    assert excinfo.value.message_dict == {
        "to": ["The segment reaches no verified buyer: widen the buyer types, territories or genres."]
    }
    campaign.refresh_from_db()
    assert campaign.status == _C.DRAFT


def test_scheduling_after_the_send_time_passed_is_refused(world, agency_admin, film):
    campaign = CampaignFactory(organization=None, status=_C.APPROVED, films=[film], countries=["FR"])
    Campaign.objects.filter(pk=campaign.pk).update(send_at=timezone.now() - timedelta(minutes=5))
    campaign.refresh_from_db()

    with pytest.raises(TransitionError) as excinfo:
        campaign_transition(campaign=campaign, to=_C.SCHEDULED, actor=agency_admin)

    assert excinfo.value.message_dict == {"to": ["The send time has passed: set a later one."]}


def test_cancelling_tells_the_company_but_not_the_one_who_cancelled(world, producer, agency_admin, film):
    colleague = member_of(film.organization, email="colleague@example.test")
    campaign = CampaignFactory(organization=film.organization, status=_C.APPROVED, films=[film])

    campaign_transition(campaign=campaign, to=_C.CANCELLED, actor=producer)

    told = set(Notification.objects.filter(kind=CAMPAIGN_MOVED).values_list("recipient", flat=True))
    assert told == {colleague.pk}


def test_the_mails_name_the_campaign_and_the_way_forward(
    world, producer, agency_admin, film, mailoutbox, django_capture_on_commit_callbacks
):
    campaign = campaign_create(actor=producer, data=campaign_input(film, name="Autumn slate"))
    with django_capture_on_commit_callbacks(execute=True):
        campaign_transition(campaign=campaign, to=_C.SUBMITTED, actor=producer)
    with django_capture_on_commit_callbacks(execute=True):
        campaign_transition(campaign=campaign, to=_C.DRAFT, actor=agency_admin, note="Name the festivals.")

    asked = next(m for m in mailoutbox if m.to == [agency_admin.email])
    returned = next(m for m in mailoutbox if m.to == [producer.email])
    assert asked.subject == "Demo Pictures asks approval for the campaign “Autumn slate”"
    assert "sent the promotion campaign “Autumn slate” for the agency's approval" in asked.body
    assert f"/campaigns/{campaign.pk}/" in asked.body
    assert returned.subject == "Changes asked to your campaign “Autumn slate”"
    assert "Name the festivals." in returned.body
