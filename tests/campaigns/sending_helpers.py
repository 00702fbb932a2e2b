"""What the sending tests share: verified buyers to reach, and a campaign due to send."""

from datetime import timedelta

from django.utils import timezone

from accounts.enums import BuyerVerificationStatus
from accounts.models import User
from campaigns.enums import CampaignStatus
from campaigns.models import Campaign
from tests.campaigns.factories import CampaignFactory
from tests.factories import BuyerOrganizationFactory, member_of
from tests.films.factories import PublishedFilmFactory


def verified_buyers(count: int, *, prefix: str = "reader", language: str = "en") -> list[User]:
    """``count`` people, each the member of a verified buyer company of their own."""
    people = []
    for n in range(count):
        company = BuyerOrganizationFactory(
            name=f"{prefix} company {n}", verification_status=BuyerVerificationStatus.VERIFIED
        )
        people.append(member_of(company, email=f"{prefix}{n}@example.test", language=language))
    return people


def due_campaign(*, films=None, minutes_ago: int = 1, **fields) -> Campaign:
    """A scheduled campaign whose send time passed ``minutes_ago`` minutes ago."""
    if films is None:
        films = [PublishedFilmFactory(title_en="Paper Kite", title_original="纸风筝")]
    fields.setdefault("send_at", timezone.now() - timedelta(minutes=minutes_ago))
    fields.setdefault("status", CampaignStatus.SCHEDULED)
    return CampaignFactory(films=films, **fields)
