"""The demo deals: every state present, made through the services (with their audit history),
the signed ones sold in the films' rights grids; building again makes nothing."""

import pytest

from core.models import AuditEvent
from films.enums import RightsMedia, RightsStatus
from films.models import FilmRight
from markets.demo_deals import demo_deals_build
from markets.enums import DealStatus
from markets.models import Deal
from tests.films.factories import PublishedFilmFactory
from tests.markets.deals_factories import grid
from tests.markets.participation_factories import ParticipationEditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(producer, producer_org, buyer):
    for _ in range(3):
        grid(
            PublishedFilmFactory(organization=producer_org),
            countries=("BE", "DE", "FR", "LU", "NL"),
            media=RightsMedia.values,
        )
    return {"producers": [producer], "editions": [ParticipationEditionFactory()]}


def test_the_demo_deals_are_in_every_state_with_true_history(world, buyer_org):
    summary = demo_deals_build(**world)

    deals = Deal.objects.all()
    assert summary.deals == 5
    assert {deal.status for deal in deals} == set(DealStatus.values)
    assert {deal.buyer for deal in deals} == {buyer_org}
    assert deals.filter(edition=world["editions"][0]).count() == 1
    for deal in deals.filter(status=DealStatus.SIGNED):
        sold = FilmRight.objects.filter(film=deal.film, media__in=deal.media, territory__in=deal.countries)
        assert {(r.status, r.holder_organization_id) for r in sold} == {(RightsStatus.SOLD, buyer_org.pk)}
        assert list(
            AuditEvent.objects.filter(content_type__model="deal", object_id=str(deal.pk))
            .order_by("id")
            .values_list("to_state", flat=True)
        ) == ["offer", "negotiation", "signed"]


def test_building_the_demo_deals_again_makes_nothing(world):
    demo_deals_build(**world)

    assert demo_deals_build(**world).deals == 0
    assert Deal.objects.count() == 5
