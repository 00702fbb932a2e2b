"""A sent campaign with something of everything to report, at known moments."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import time_machine

from accounts.enums import BuyerVerificationStatus
from accounts.models import User
from campaigns.models import Campaign, CampaignClick
from campaigns.services import sending
from films.models import Film, ScreenerRequest
from notifications.enums import EmailMode, EmailStatus
from notifications.models import Notification
from notifications.services import notification_mark_read, notification_preference_set
from tests.campaigns.sending_helpers import due_campaign, verified_buyers
from tests.factories import BuyerOrganizationFactory, member_of
from tests.films.factories import PublishedFilmFactory, ShortlistFactory, ShortlistItemFactory

SENT_AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass
class World:
    campaign: Campaign
    films: list[Film]
    readers: list[User]


def _at(days: float):
    return time_machine.travel(SENT_AT + timedelta(days=days), tick=False)


def _screener_request(*, film: Film, user: User, days: float) -> None:
    with _at(days):
        ScreenerRequest.objects.create(film=film, organization=user.memberships.get().organization, requested_by=user)


def _shortlisted(*, film: Film, user: User, days: float) -> None:
    with _at(days):
        ShortlistItemFactory(shortlist=ShortlistFactory(owner=user), film=film)


def reported_campaign(**fields) -> World:
    """A campaign of two films sent at SENT_AT to four readers (a, b, c, d), and:

    - clicks: a on film 1 twice and film 2 once, b on film 1 once (4 clicks, 2 clickers);
    - e-mails: a's sent, b's failed, c's and d's still queued; a read it in the portal;
    - c turned campaign e-mails off a day after; d had turned them off before (not counted);
    - screener requests: a for film 1 on day 3 (counted), b for film 2 on day 15 (too late),
      an outsider for film 1 on day 1 (not a recipient), a for another film (not promoted);
    - shortlists: a added film 2 on day 13.9 (counted), c added film 1 the day before it was
      sent (too early), b added film 1 on day 14 exactly (counted).
    """
    with _at(-30):
        a, b, c, d = verified_buyers(4, prefix="reported")
        notification_preference_set(user=d, kind=sending.CAMPAIGN_KIND, email=EmailMode.OFF)
        outsider = member_of(BuyerOrganizationFactory(verification_status=BuyerVerificationStatus.PENDING))
        films = [PublishedFilmFactory(title_en="Paper Kite"), PublishedFilmFactory(title_en="Salt Road")]
        elsewhere = PublishedFilmFactory(title_en="Not Promoted")
        campaign = due_campaign(films=films, send_at=SENT_AT, **fields)
    _shortlisted(film=films[0], user=c, days=-1)
    with _at(0):
        sending.campaign_send(campaign_id=campaign.pk)
    notes = {n.recipient_id: n for n in Notification.objects.filter(kind=sending.CAMPAIGN_KIND)}
    Notification.objects.filter(pk=notes[a.pk].pk).update(email_status=EmailStatus.SENT)
    Notification.objects.filter(pk=notes[b.pk].pk).update(email_status=EmailStatus.FAILED)
    with _at(0.5):
        notification_mark_read(notification=notes[a.pk], user=a)
        for reader, film in ((a, films[0]), (a, films[0]), (a, films[1]), (b, films[0])):
            assert sending.campaign_click_record(
                token=sending.click_token(campaign_id=campaign.pk, recipient_id=reader.pk, film_id=film.pk)
            )
    with _at(1):
        notification_preference_set(user=c, kind=sending.CAMPAIGN_KIND, email=EmailMode.OFF)
    _screener_request(film=films[0], user=a, days=3)
    _screener_request(film=films[1], user=b, days=15)
    _screener_request(film=films[0], user=outsider, days=1)
    _screener_request(film=elsewhere, user=a, days=2)
    _shortlisted(film=films[1], user=a, days=13.9)
    _shortlisted(film=films[0], user=b, days=14)
    assert CampaignClick.objects.count() == 4
    return World(campaign=campaign, films=films, readers=[a, b, c, d])
