"""Twenty plays opened at once on one grant, and twenty grants of one request, with real threads
on PostgreSQL: the grant's plays are never exceeded (counted under its row lock), and a request
is granted once."""

import pytest

from accounts.enums import BuyerVerificationStatus
from accounts.models import User
from core.workflow import TransitionError
from films import services as film_services
from films.models import ScreenerRequest
from markets import services
from markets.models import ScreenerGrant, ScreenerPlay
from tests.factories import BuyerOrganizationFactory, OrganizationFactory, member_of
from tests.films.factories import PublishedFilmFactory
from tests.markets.screener_factories import ScreenerFileFactory, ScreenerGrantFactory
from tests.races import at_once, kinds

THREADS = 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_plays_at_once_use_exactly_the_plays_allowed():
    buyer_org = BuyerOrganizationFactory(verification_status=BuyerVerificationStatus.VERIFIED)
    buyer = member_of(buyer_org, email="race-buyer@example.test")
    grant = ScreenerGrantFactory(request__organization=buyer_org, request__requested_by=buyer, max_plays=3)

    outcomes = at_once(
        THREADS,
        lambda i: services.screener_play_start(
            grant=ScreenerGrant.objects.get(pk=grant.pk), actor=User.objects.get(pk=buyer.pk)
        ),
    )

    assert kinds(outcomes) == {"ok": 3, "ScreenerGrantEnded": THREADS - 3}
    assert ScreenerPlay.objects.filter(grant=grant).count() == 3
    assert ScreenerGrant.objects.get(pk=grant.pk).plays_used == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_grants_of_one_request_at_once_grant_it_once():
    producer_org = OrganizationFactory()
    producers = [member_of(producer_org, email=f"race-producer{i}@example.test") for i in range(THREADS)]
    film = PublishedFilmFactory(organization=producer_org)
    ScreenerFileFactory(film=film)
    buyer_org = BuyerOrganizationFactory(verification_status=BuyerVerificationStatus.VERIFIED)
    buyer = member_of(buyer_org, email="race-buyer@example.test")
    request = film_services.screener_request_create(actor=buyer, film=film)

    outcomes = at_once(
        THREADS,
        lambda i: film_services.screener_request_transition(
            request=ScreenerRequest.objects.get(pk=request.pk), to="granted", actor=producers[i]
        ),
    )

    assert kinds(outcomes) == {"ok": 1, "TransitionError": THREADS - 1}
    assert all(isinstance(o.error, TransitionError) for o in outcomes if o.error)
    assert ScreenerGrant.objects.filter(request=request).count() == 1
