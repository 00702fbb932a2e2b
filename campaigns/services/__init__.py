from campaigns.services.campaigns import (
    campaign_check,
    campaign_create,
    campaign_transition,
    campaign_update,
)

__all__ = ["campaign_check", "campaign_create", "campaign_transition", "campaign_update"]
