"""Who may see and change market data.

The market directory (markets, their focus and editions) is public and kept by agency admins.
"""

import rules

from accounts.enums import BuyerVerificationStatus
from accounts.rules import is_agency_admin, is_producer, is_verified_buyer, member_of, memberships_of

anyone = rules.always_allow
keeps_market_data = is_agency_admin

# Parts of directory entries, edited with them in the back office.
for _action in ("view", "add", "change", "delete"):
    rules.add_perm(f"markets.{_action}_marketfocustag", keeps_market_data)

# Participation and the national pavilion: a company's participations and pavilion applications
# are seen by its members and agency admins; its members change them; agency admins run the
# pavilion and decide its applications.
is_record_member = member_of(lambda obj: obj.organization_id)
can_view_record = is_record_member | is_agency_admin
can_change_record = is_record_member

__all__ = ["is_agency_admin", "is_producer"]

# Deals: a deal (its fee, term and buyer) is seen by its two parties — the film's company and
# the buyer company — and agency admins. Either party moves an open deal (the buyer's side only
# while its company is verified); the film's company alone records it as signed, since signing
# marks the film's rights sold.
is_deal_producer = member_of(lambda deal: deal.film.organization_id)
is_deal_buyer = member_of(lambda deal: deal.buyer_id)


@rules.predicate
def is_deal_verified_buyer(user, deal) -> bool:
    """A member of the deal's buyer company while that company is verified."""
    info = memberships_of(user).get(deal.buyer_id) if deal is not None else None
    return info is not None and info.verification_status == BuyerVerificationStatus.VERIFIED


# A buyer company that is not (or no longer) verified sees none of its deals: verified buyers only.
can_view_deal = is_deal_producer | is_deal_verified_buyer | is_agency_admin
can_move_deal = is_deal_producer | is_deal_verified_buyer
can_sign_deal = is_deal_producer
can_start_deal = is_verified_buyer | is_producer
# The deals pages and API: producers, verified buyers and agency admins.
can_list_deals = is_verified_buyer | is_producer | is_agency_admin
rules.add_perm("markets.list_deals", can_list_deals)
