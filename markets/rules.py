"""Who may see and change market data.

The market directory (markets, their focus and editions) is public and kept by agency admins.
"""

import rules

from accounts.rules import is_agency_admin

anyone = rules.always_allow
keeps_market_data = is_agency_admin

# Parts of directory entries, edited with them in the back office.
for _action in ("view", "add", "change", "delete"):
    rules.add_perm(f"markets.{_action}_marketfocustag", keeps_market_data)
