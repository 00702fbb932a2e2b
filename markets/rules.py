"""Who may see and change market data.

The market directory (markets, their focus and editions) is public and kept by agency admins.
"""

import rules

from accounts.enums import PRODUCER_KINDS, BuyerVerificationStatus, OrganizationKind, VerificationStatus
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

# Market screenings: the schedule is open to every signed-in user; the film's company (the
# organizer, or the company whose film the agency screens) and agency admins change a
# screening and see who reserved (a buyer's activity is a commercial fact); verified buyers
# reserve seats.
is_screening_company_member = member_of(lambda obj: obj.organization_id)
can_manage_screening = is_screening_company_member | is_agency_admin
can_schedule_screening = is_producer | is_agency_admin
signed_in = rules.is_authenticated


# Buyers: a buyer company's profile is edited by its members while the company is verified (and
# by agency admins, who keep the directory's data); the
# buyers directory (verified buyer companies, their interests and, if they share it, their activity)
# is for members of verified producer companies and agency admins; a buyer sees its own page. The
# buyers suggested for a film are for the film's company members and agency admins.
@rules.predicate
def is_verified_producer(user) -> bool:
    return any(
        info.kind in PRODUCER_KINDS and info.verification_status == VerificationStatus.VERIFIED
        for info in memberships_of(user).values()
    )


def _profile_org_id(obj) -> int | None:
    # A BuyerProfile or the buyer Organization itself.
    return getattr(obj, "organization_id", None) or getattr(obj, "pk", None)


@rules.predicate
def is_verified_buyer_company(user, obj) -> bool:
    info = memberships_of(user).get(_profile_org_id(obj)) if obj is not None else None
    return (
        info is not None
        and info.kind == OrganizationKind.BUYER_COMPANY
        and info.verification_status == VerificationStatus.VERIFIED
    )


is_buyer_profile_member = member_of(_profile_org_id)
may_browse_buyers = is_verified_producer | is_agency_admin
can_view_buyer_profile = may_browse_buyers | is_buyer_profile_member
can_edit_buyer_profile = is_verified_buyer_company | is_agency_admin
can_see_buyer_activity = is_agency_admin | is_buyer_profile_member
can_view_film_buyers = is_agency_admin | member_of(lambda film: film.organization_id)

rules.add_perm("markets.browse_buyers", may_browse_buyers)
rules.add_perm("markets.view_film_buyers", can_view_film_buyers)
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
# Hosted screeners: a film's screener file is the film's members' (and agency admins'); a grant is
# personal to the buyer user it names (a verified buyer still), seen too by the film's members and
# agency admins, who may revoke it.
is_screener_file_member = member_of(lambda screener: screener.film.organization_id)
can_manage_screener_file = is_screener_file_member | is_agency_admin
is_grant_film_member = member_of(lambda grant: grant.film.organization_id)


@rules.predicate
def is_grant_buyer(user, grant) -> bool:
    return grant is not None and getattr(user, "pk", None) == grant.buyer_user_id and is_verified_buyer(user)


can_view_screener_grant = is_grant_buyer | is_grant_film_member | is_agency_admin
can_revoke_screener_grant = is_grant_film_member | is_agency_admin
rules.add_perm("markets.upload_screener", is_producer | is_agency_admin)
rules.add_perm("markets.list_screenergrants", is_verified_buyer | is_producer | is_agency_admin)


# Meetings: a meeting is a buyer's activity, seen by its two people and agency admins only.
# The invitee answers it, the requester may withdraw it, either marks it held or cancels it.
@rules.predicate
def is_meeting_requester(user, meeting) -> bool:
    return meeting is not None and getattr(user, "pk", None) == meeting.requester_id


@rules.predicate
def is_meeting_invitee(user, meeting) -> bool:
    return meeting is not None and getattr(user, "pk", None) == meeting.invitee_id


is_meeting_party = is_meeting_requester | is_meeting_invitee
can_view_meeting = is_meeting_party | is_agency_admin
can_request_meeting = is_verified_buyer | is_producer
