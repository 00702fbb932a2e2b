"""The campaign message: the notification kind every campaign is sent as."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from campaigns.services.sending import CAMPAIGN_KIND, click_token
from core.display import for_reader, title_in_marks
from notifications.registry import NotificationKind, register_kind
from notifications.services.common import absolute


def _subject(context: dict) -> str:
    return for_reader(context.get("subject_en", ""), context.get("subject_zh", ""))


def _message(context: dict, user) -> dict:
    """The campaign's message and films in the reader's language (active while the mail is
    written), each film with its own tracked link for this reader; never stored."""
    campaign = Campaign.objects.filter(pk=context.get("campaign")).select_related("organization").first()
    if campaign is None:
        return {"message": "", "films": [], "sender": ""}
    films = campaign.films.filter(pk__in=context.get("films") or []).order_by("pk")
    return {
        "message": for_reader(campaign.message_en, campaign.message_zh),
        "sender": campaign.organization.name if campaign.organization_id else "",
        "films": [
            {
                "title": title_in_marks(film.display_title()),
                "link": absolute(
                    reverse(
                        "campaigns_reports:click",
                        args=[click_token(campaign_id=campaign.pk, recipient_id=user.pk, film_id=film.pk)],
                    )
                ),
            }
            for film in films
        ],
    }


def register() -> None:
    register_kind(
        NotificationKind(
            code=CAMPAIGN_KIND,
            label=_("Films promoted to your company by producers and the agency"),
            subject=_subject,
            template="campaigns/email/campaign_message.txt",
            prepare_for_recipient=_message,
        )
    )
