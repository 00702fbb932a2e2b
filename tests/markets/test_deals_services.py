"""Deal services: offers and recorded deals, their terms checked; signing marks the rights sold
and the catalogue's availability filter follows at once; exclusive rights never sold twice."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.enums import BuyerVerificationStatus
from core.money import Money
from core.workflow import TransitionError
from films.enums import RightsStatus
from films.models import Film, FilmRight
from films.selectors import film_available_in
from markets import selectors, services
from markets.enums import DealStatus
from markets.models import Deal
from markets.notification_kinds import DEAL_MOVED, DEAL_OFFERED
from notifications.models import Notification
from tests.factories import BuyerOrganizationFactory, member_of
from tests.films.factories import FilmFactory, PublishedFilmFactory
from tests.markets.deals_factories import DealFactory, grid, term, terms
from tests.markets.participation_factories import ParticipationEditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def film(producer_org):
    film = PublishedFilmFactory(organization=producer_org)
    grid(film)
    return film


def _negotiating(deal, actor):
    return services.deal_transition(deal=deal, to=DealStatus.NEGOTIATION, actor=actor)


def test_a_verified_buyer_offers_and_the_producer_hears_of_it(film, buyer, buyer_org, producer):
    deal = services.deal_offer(actor=buyer, film=film, **terms(notes="  Festival release first.  "))

    assert deal.status == DealStatus.OFFER
    assert deal.buyer == buyer_org
    assert deal.started_by == "buyer"
    assert deal.countries == ["DE"]
    assert deal.notes == "Festival release first."
    assert deal.fee == Money(Decimal("25000.00"), "EUR")
    sent = Notification.objects.get(kind=DEAL_OFFERED)
    assert sent.recipient == producer


def test_a_region_with_exceptions_expands_to_its_countries(film, buyer):
    grid(film, countries=("US",), media=("svod",))
    deal = services.deal_offer(
        actor=buyer, film=film, **terms(territories=["north_america"], excluded=["CA"], media=["svod"])
    )

    assert deal.countries == ["US"]
    assert deal.territories == ["north_america"]
    assert deal.excluded == ["CA"]


def test_signing_marks_the_rights_sold_and_the_catalogue_filter_follows(film, buyer, buyer_org, producer):
    published = Film.objects.filter(pk=film.pk)
    assert list(film_available_in(published, territory="DE", media="theatrical")) == [film]
    deal = services.deal_offer(actor=buyer, film=film, **terms(territories=["DE", "AT"]))
    _negotiating(deal, producer)

    signed = services.deal_transition(deal=deal, to=DealStatus.SIGNED, actor=producer)

    assert signed.status == DealStatus.SIGNED
    assert signed.signed_at is not None
    sold = FilmRight.objects.filter(film=film, status=RightsStatus.SOLD).order_by("territory")
    start, end = term()
    assert [(r.territory, r.media, r.holder, r.holder_organization_id, r.term_start, r.term_end) for r in sold] == [
        ("AT", "theatrical", buyer_org.name, buyer_org.pk, start, end),
        ("DE", "theatrical", buyer_org.name, buyer_org.pk, start, end),
    ]
    assert FilmRight.objects.filter(film=film, status=RightsStatus.AVAILABLE).count() == 4
    assert list(film_available_in(published, territory="DE", media="theatrical")) == []
    assert list(film_available_in(published, territory="DE", media="svod")) == [film]
    assert Notification.objects.filter(kind=DEAL_MOVED, recipient=buyer).count() == 2


def test_the_buyer_negotiates_but_only_the_producer_signs(film, buyer, producer):
    deal = services.deal_record(actor=producer, film=film, buyer=buyer.memberships.get().organization, **terms())
    _negotiating(deal, buyer)

    with pytest.raises(PermissionDenied):
        services.deal_transition(deal=deal, to=DealStatus.SIGNED, actor=buyer)

    assert Deal.objects.get(pk=deal.pk).status == DealStatus.NEGOTIATION
    assert not FilmRight.objects.filter(status=RightsStatus.SOLD).exists()


def test_an_overlapping_exclusive_deal_is_refused_naming_the_conflict(film, producer, buyer_org):
    first = DealFactory(film=film, buyer=buyer_org, status=DealStatus.NEGOTIATION)
    services.deal_transition(deal=first, to=DealStatus.SIGNED, actor=producer)
    rival = BuyerOrganizationFactory(name="Rival Films", verification_status=BuyerVerificationStatus.VERIFIED)
    start, _end = term()
    # Recorded before the first was signed (say), overlapping its term by a year.
    second = DealFactory(
        film=film,
        buyer=rival,
        status=DealStatus.NEGOTIATION,
        term_start=date(start.year + 1, 1, 1),
        term_end=date(start.year + 3, 12, 31),
        exclusive=False,
    )

    with pytest.raises(TransitionError) as refused:
        services.deal_transition(deal=second, to=DealStatus.SIGNED, actor=producer)

    reasons = refused.value.message_dict["to"]
    assert f"signed exclusive deal #{first.pk} with {buyer_org.name}" in reasons[0]
    assert "Theatrical: Germany" in reasons[0]
    assert Deal.objects.get(pk=second.pk).status == DealStatus.NEGOTIATION
    assert FilmRight.objects.get(film=film, territory="DE", media="theatrical").holder_organization == buyer_org


def test_a_producer_recording_a_deal_on_sold_rights_is_told_which_deal_holds_them(film, producer, buyer_org):
    first = DealFactory(film=film, buyer=buyer_org, status=DealStatus.NEGOTIATION)
    services.deal_transition(deal=first, to=DealStatus.SIGNED, actor=producer)

    with pytest.raises(ValidationError) as refused:
        services.deal_record(actor=producer, film=film, buyer=buyer_org, **terms())

    assert f"#{first.pk}" in refused.value.message_dict["territories"][0]


def test_a_buyer_offering_on_sold_rights_is_told_only_they_are_not_available(film, producer, buyer_org, buyer):
    first = DealFactory(film=film, buyer=BuyerOrganizationFactory(verification_status="verified"), status="negotiation")
    services.deal_transition(deal=first, to=DealStatus.SIGNED, actor=producer)

    with pytest.raises(ValidationError) as refused:
        services.deal_offer(actor=buyer, film=film, **terms())

    assert refused.value.message_dict == {
        "territories": ["These rights are not available for the whole term: Theatrical: Germany."]
    }


def test_two_non_exclusive_deals_share_a_right(film, producer, buyer_org):
    first = DealFactory(film=film, buyer=buyer_org, status=DealStatus.NEGOTIATION, exclusive=False)
    services.deal_transition(deal=first, to=DealStatus.SIGNED, actor=producer)
    other = BuyerOrganizationFactory(verification_status=BuyerVerificationStatus.VERIFIED)
    second = DealFactory(film=film, buyer=other, status=DealStatus.NEGOTIATION, exclusive=False)

    services.deal_transition(deal=second, to=DealStatus.SIGNED, actor=producer)

    assert Deal.objects.filter(status=DealStatus.SIGNED).count() == 2


def test_rights_the_film_does_not_hold_are_refused_naming_them(film, buyer):
    with pytest.raises(ValidationError) as refused:
        services.deal_offer(actor=buyer, film=film, **terms(territories=["DE", "IT"], media=["theatrical", "avod"]))

    assert refused.value.message_dict == {
        "territories": ["The film's rights grid does not hold these rights: Theatrical: Italy · AVOD: Germany; Italy."]
    }
    assert not Deal.objects.exists()


def test_rights_available_only_for_part_of_the_term_are_refused(film, buyer):
    FilmRight.objects.filter(film=film, territory="DE").update(term_end=date(term()[0].year, 6, 30))

    with pytest.raises(ValidationError) as refused:
        services.deal_offer(actor=buyer, film=film, **terms())

    assert "not available for the whole term: Theatrical: Germany" in refused.value.message_dict["territories"][0]


@pytest.mark.parametrize(
    ("override", "field", "message"),
    [
        ({"fee": Money(Decimal("100"), "")}, "fee", "Give the currency of the amount."),
        ({"fee": Money(Decimal("-1"), "EUR")}, "fee", "The amount cannot be negative."),
        ({"fee": None}, "fee", "Give the fee: an amount and its currency."),
        ({"notes": "bad\x00"}, "notes", "Null characters are not allowed."),
        ({"territories": ["DE\x00"]}, "territories", "Give a list of names or codes."),
        ({"term_end": date(2000, 1, 1)}, "term_end", "The term cannot end before it starts."),
        ({"term_start": "not a date"}, "term_start", "Give a date (YYYY-MM-DD)."),
        ({"territories": ["Atlantis"]}, "territories", None),
        ({"territories": []}, "territories", "Choose at least one territory."),
        ({"media": ["cinema"]}, "media", "Unknown media: “cinema”."),
        ({"excluded": ["DE"]}, "excluded", "This leaves out every country of the deal's territories."),
        ({"exclusive": "yes"}, "exclusive", "Say whether the deal is exclusive: true or false."),
    ],
)
def test_bad_terms_are_refused_naming_the_field(film, buyer, override, field, message):
    with pytest.raises(ValidationError) as refused:
        services.deal_offer(actor=buyer, film=film, **terms(**override))

    errors = refused.value.message_dict
    assert field in errors
    if message:
        assert errors[field] == [message]
    assert not Deal.objects.exists()


def test_a_draft_film_takes_no_deal(producer_org, producer, buyer, buyer_org):
    draft = FilmFactory(organization=producer_org)
    grid(draft)

    with pytest.raises(PermissionDenied):
        services.deal_offer(actor=buyer, film=draft, **terms())
    with pytest.raises(ValidationError) as refused:
        services.deal_record(actor=producer, film=draft, buyer=buyer_org, **terms())

    assert refused.value.message_dict == {"film": ["Deals are made on films published in the catalogue."]}


@pytest.mark.parametrize("status", ["pending", "suspended", "rejected"])
def test_a_buyer_whose_company_is_not_verified_cannot_offer(film, status):
    user = member_of(BuyerOrganizationFactory(verification_status=status))

    with pytest.raises(PermissionDenied):
        services.deal_offer(actor=user, film=film, **terms())


@pytest.mark.parametrize("status", ["pending", "suspended", "rejected"])
def test_a_producer_cannot_record_a_deal_for_an_unverified_buyer(film, producer, status):
    company = BuyerOrganizationFactory(verification_status=status)

    with pytest.raises(ValidationError) as refused:
        services.deal_record(actor=producer, film=film, buyer=company, **terms())

    assert "buyer" in refused.value.message_dict


def test_a_suspended_buyer_company_stops_the_deal_from_being_signed(film, producer, buyer_org):
    deal = DealFactory(film=film, buyer=buyer_org, status=DealStatus.NEGOTIATION)
    buyer_org.verification_status = BuyerVerificationStatus.SUSPENDED
    buyer_org.save()

    with pytest.raises(TransitionError) as refused:
        services.deal_transition(deal=deal, to=DealStatus.SIGNED, actor=producer)

    assert "not a verified buyer company" in refused.value.message_dict["to"][0]


def test_another_company_cannot_record_deals_for_the_film(film, other_producer, buyer_org):
    with pytest.raises(PermissionDenied):
        services.deal_record(actor=other_producer, film=film, buyer=buyer_org, **terms())


def test_cancelling_leaves_the_rights_available(film, buyer, producer):
    deal = services.deal_offer(actor=buyer, film=film, **terms())

    services.deal_transition(deal=deal, to=DealStatus.CANCELLED, actor=buyer, note="Budget cut.")

    assert Deal.objects.get(pk=deal.pk).status == DealStatus.CANCELLED
    assert not FilmRight.objects.filter(film=film).exclude(status=RightsStatus.AVAILABLE).exists()
    assert Notification.objects.filter(kind=DEAL_MOVED, recipient=producer).count() == 1


def test_an_open_deal_is_updated_and_a_signed_one_is_not(film, buyer, producer):
    deal = services.deal_offer(actor=buyer, film=film, **terms())

    updated = services.deal_update(
        actor=producer, deal=deal, data={"fee": Money(Decimal("30000"), "USD"), "media": ["svod"]}
    )

    assert updated.fee == Money(Decimal("30000.00"), "USD")
    assert updated.media == ["svod"]
    _negotiating(updated, producer)
    services.deal_transition(deal=updated, to=DealStatus.SIGNED, actor=producer)
    with pytest.raises(ValidationError) as refused:
        services.deal_update(actor=producer, deal=updated, data={"notes": "Late change"})
    assert "status" in refused.value.message_dict


def test_totals_by_currency_sum_the_signed_deals_of_an_edition(film, buyer_org):
    edition = ParticipationEditionFactory()
    DealFactory(film=film, buyer=buyer_org, edition=edition, status="signed", fee_amount=Decimal("100.50"))
    DealFactory(film=film, buyer=buyer_org, edition=edition, status="signed", fee_amount=Decimal("200"))
    DealFactory(film=film, buyer=buyer_org, edition=edition, status="signed", fee_currency="USD")
    DealFactory(film=film, buyer=buyer_org, edition=edition, status="offer", fee_amount=Decimal("999"))
    DealFactory(film=film, buyer=buyer_org, status="signed")

    assert selectors.deal_totals_by_currency(edition=edition) == [
        Money(Decimal("300.50"), "EUR"),
        Money(Decimal("25000.00"), "USD"),
    ]
