"""The messages of campaign authoring, registered from ``CampaignsConfig.ready``: agency admins
hear of each campaign sent for approval; the company hears of the agency's answer (approved,
returned for changes) and of a cancellation. The campaign's own message to buyers is the
sending part's kind."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.enums import CampaignStatus
from notifications.registry import NotificationKind, register_kind

CAMPAIGN_SUBMITTED = "campaigns.campaign_submitted"
CAMPAIGN_MOVED = "campaigns.campaign_moved"


def _context(context: dict) -> dict:
    return {"campaign": context.get("name", ""), "company": context.get("company", "")}


def _submitted_subject(context: dict) -> str:
    return _("%(company)s asks approval for the campaign “%(campaign)s”") % _context(context)


def _moved_subject(context: dict) -> str:
    to_state = context.get("to_state")
    if to_state == CampaignStatus.APPROVED:
        subject = _("Your campaign “%(campaign)s” is approved")
    elif to_state == CampaignStatus.DRAFT:
        subject = _("Changes asked to your campaign “%(campaign)s”")
    elif to_state == CampaignStatus.CANCELLED:
        subject = _("Your campaign “%(campaign)s” is cancelled")
    else:
        subject = _("Your campaign “%(campaign)s” has changed")
    return subject % _context(context)


def register() -> None:
    register_kind(
        NotificationKind(
            code=CAMPAIGN_SUBMITTED,
            label=gettext_lazy("Promotion campaigns waiting for approval (agency admins)"),
            subject=_submitted_subject,
            template="campaigns/email/campaigns_submitted.txt",
            prepare=_context,
        )
    )
    register_kind(
        NotificationKind(
            code=CAMPAIGN_MOVED,
            label=gettext_lazy("Your promotion campaigns: approval, changes asked, cancellation"),
            subject=_moved_subject,
            template="campaigns/email/campaigns_moved.txt",
            prepare=_context,
        )
    )
