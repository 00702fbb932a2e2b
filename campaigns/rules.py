"""Who may see and change campaigns.

A producer company's campaigns are its members' (producers) and agency admins'; the agency's own
campaigns (no company) are agency admins'. Producers submit, agency admins approve; the owner or
an agency admin schedules and cancels. Delivery reports (who received, who clicked) are
commercial facts: the campaign's company and agency staff only, never the buyers reached.
"""

import rules

from accounts.rules import is_agency_admin, is_producer, member_of

is_campaign_member = member_of(lambda campaign: campaign.organization_id)


@rules.predicate
def is_agency_campaign(user, campaign) -> bool:
    return campaign is not None and campaign.organization_id is None


can_view_campaign = (is_campaign_member & is_producer) | is_agency_admin
can_edit_campaign = (is_campaign_member & is_producer) | (is_agency_admin & is_agency_campaign)

rules.add_perm("campaigns.list_campaigns", is_producer | is_agency_admin)
rules.add_perm("campaigns.create_campaign", is_producer | is_agency_admin)
rules.add_perm("campaigns.submit_campaign", is_campaign_member & is_producer)
rules.add_perm("campaigns.approve_campaign", is_agency_admin)
rules.add_perm("campaigns.schedule_campaign", can_edit_campaign | is_agency_admin)
rules.add_perm("campaigns.cancel_campaign", can_edit_campaign | is_agency_admin)
rules.add_perm("campaigns.view_campaign_report", can_view_campaign)
rules.add_perm("campaigns.view_operations", is_agency_admin)

__all__ = ["is_agency_admin", "is_producer"]


# Saved searches and their alerts: a verified buyer's own, for nobody else (not even agency staff:
# what a buyer looks for is a commercial fact).
from accounts.rules import is_verified_buyer  # noqa: E402


@rules.predicate
def is_saved_search_owner(user, saved_search) -> bool:
    return saved_search is not None and getattr(user, "pk", None) == saved_search.user_id


rules.add_perm("campaigns.use_saved_searches", is_verified_buyer)
rules.add_perm("campaigns.change_savedsearch", is_verified_buyer & is_saved_search_owner)
