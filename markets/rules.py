"""Who may see and change market data.

The market directory (markets, their focus and editions) is public and kept by agency admins.
"""

import rules

from accounts.rules import is_agency_admin, is_producer, member_of

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
