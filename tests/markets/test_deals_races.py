"""Twenty overlapping exclusive deals signed at once, with real threads on PostgreSQL: exactly
one is signed, the others are refused naming it, and the rights grid holds one buyer (signing
locks the film's row and its rights rows before it checks the film's signed deals)."""

import pytest

from core.workflow import TransitionError
from films.enums import RightsStatus
from films.models import FilmRight
from markets import services
from markets.enums import DealStatus
from markets.models import Deal
from tests.factories import member_of
from tests.films.factories import PublishedFilmFactory
from tests.markets.deals_factories import DealFactory, VerifiedBuyerOrganizationFactory, grid
from tests.races import at_once, kinds

THREADS = 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_overlapping_exclusive_deals_signed_at_once_sign_one():
    film = PublishedFilmFactory()
    grid(film, countries=("DE", "AT", "CH"))
    producers = [member_of(film.organization, email=f"producer{i}@example.test") for i in range(THREADS)]
    deals = [
        DealFactory(
            film=film,
            buyer=VerifiedBuyerOrganizationFactory(name=f"Buyer {i}"),
            status=DealStatus.NEGOTIATION,
            # Each overlaps every other in Germany; some take Austria or Switzerland too.
            territories=["DE", ["AT", "CH"][i % 2]] if i % 3 else ["DE"],
            countries=sorted(["DE", ["AT", "CH"][i % 2]]) if i % 3 else ["DE"],
        )
        for i in range(THREADS)
    ]

    outcomes = at_once(
        THREADS,
        lambda i: services.deal_transition(
            deal=Deal.objects.get(pk=deals[i].pk), to=DealStatus.SIGNED, actor=producers[i]
        ),
    )

    assert kinds(outcomes) == {"ok": 1, "TransitionError": THREADS - 1}
    winner = Deal.objects.get(status=DealStatus.SIGNED)
    refusals = [o.error for o in outcomes if isinstance(o.error, TransitionError)]
    assert all(f"deal #{winner.pk} with {winner.buyer.name}" in error.message_dict["to"][0] for error in refusals)
    assert Deal.objects.filter(status=DealStatus.NEGOTIATION).count() == THREADS - 1
    sold = FilmRight.objects.filter(film=film, status=RightsStatus.SOLD)
    assert {(r.territory, r.media) for r in sold} == {(c, "theatrical") for c in winner.countries}
    assert {r.holder_organization_id for r in sold} == {winner.buyer_id}
    assert FilmRight.objects.filter(film=film).count() == 6
