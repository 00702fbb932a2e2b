"""Who may see and change market data.

The market directory (markets, their focus and editions) is public and kept by agency admins.
"""

import rules

from accounts.rules import is_agency_admin, is_producer, is_verified_buyer, member_of

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
