"""Who may see and change festival data.

The directory (festivals, editions, sections, deadlines) and the film weeks are public and
kept by agency admins. A film's screenings, submissions and film-week proposals belong to
its producer: the producer's members and agency admins see and change them; agency admins
record festivals' decisions and accept or decline proposals.
"""

import rules

from accounts.rules import is_agency_admin, is_producer, member_of

is_record_member = member_of(lambda obj: obj.organization_id)


@rules.predicate
def is_follower(user, follow) -> bool:
    return follow is not None and getattr(user, "pk", None) == follow.user_id


anyone = rules.always_allow
signed_in = rules.is_authenticated
keeps_festival_data = is_agency_admin
can_view_record = is_record_member | is_agency_admin
can_change_record = is_record_member

# A film's premiere status (from its screenings): its producer's members and agency admins.
rules.add_perm("festivals.view_premiere_status", can_view_record)

# Parts of directory entries, edited with them in the back office.
for _model in ("festivalfocustag", "showcasepartner", "venue"):
    for _action in ("view", "add", "change", "delete"):
        rules.add_perm(f"festivals.{_action}_{_model}", keeps_festival_data)

__all__ = ["is_agency_admin", "is_producer"]
