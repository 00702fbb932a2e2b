"""The campaigns app's choices and the campaign life cycle."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.workflow import Transition, TransitionTable


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("campaign", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("campaign", "Submitted")
    APPROVED = "approved", pgettext_lazy("campaign", "Approved")
    SCHEDULED = "scheduled", pgettext_lazy("campaign", "Scheduled")
    SENDING = "sending", pgettext_lazy("campaign", "Sending")
    SENT = "sent", pgettext_lazy("campaign", "Sent")
    CANCELLED = "cancelled", pgettext_lazy("campaign", "Cancelled")


_C = CampaignStatus

# The owner may still change the campaign (message, films, segment, schedule).
EDITABLE_CAMPAIGN_STATES = (_C.DRAFT,)
# Cancelling is possible until the sending starts.
CANCELLABLE_CAMPAIGN_STATES = (_C.DRAFT, _C.SUBMITTED, _C.APPROVED, _C.SCHEDULED)

# Dotted: the guards live in campaigns.services.campaigns, which imports this module.
_READY = "campaigns.services.campaigns.campaign_guard_ready"
_AGENCY_OWN = "campaigns.services.campaigns.campaign_guard_agency_own"
_IN_FUTURE = "campaigns.services.campaigns.campaign_guard_send_time_ahead"

CAMPAIGN_TRANSITIONS = TransitionTable(
    _C,
    [
        Transition(
            _C.DRAFT,
            _C.SUBMITTED,
            "campaigns.submit_campaign",
            _("Send for the agency's approval"),
            guards=(_READY,),
            done=_("The campaign is sent for approval: %(object)s."),
        ),
        Transition(
            _C.DRAFT,
            _C.APPROVED,
            "campaigns.approve_campaign",
            _("Approve the agency's campaign"),
            guards=(_AGENCY_OWN, _READY),
            done=_("The campaign is approved: %(object)s."),
        ),
        Transition(
            _C.SUBMITTED,
            _C.APPROVED,
            "campaigns.approve_campaign",
            _("Approve"),
            guards=(_READY,),
            done=_("The campaign is approved: %(object)s."),
        ),
        Transition(
            _C.SUBMITTED,
            _C.DRAFT,
            "campaigns.approve_campaign",
            _("Return for changes"),
            note_required=True,
            style="secondary",
            notice=True,
            done=_("The campaign is returned for changes: %(object)s."),
        ),
        Transition(
            _C.APPROVED,
            _C.SCHEDULED,
            "campaigns.schedule_campaign",
            _("Schedule the sending"),
            guards=(_READY, _IN_FUTURE),
            done=_("The campaign is scheduled: %(object)s."),
        ),
        *(
            Transition(
                state,
                _C.CANCELLED,
                "campaigns.cancel_campaign",
                pgettext_lazy("campaign", "Cancel"),
                style="danger",
                notice=True,
                confirm=_("Nothing of the campaign is sent, and a cancelled campaign cannot be sent later."),
                done=_("The campaign is cancelled: %(object)s."),
            )
            for state in CANCELLABLE_CAMPAIGN_STATES
        ),
    ],
)
# ``scheduled → sending → sent`` are the dispatcher's moves, not a person's: the sweep makes
# them under the campaign's row lock and records them in the audit trail without an actor.
