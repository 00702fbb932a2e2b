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
