"""Festival writes: the directory (festivals, editions, sections, deadlines), screenings and
follows, submissions through their workflow, film weeks. Each module holds one part; every
service is importable from ``festivals.services``."""

from festivals.services.common import (
    EDITION_FIELDS,
    FESTIVAL_FIELDS,
    SECTION_FIELDS,
)
from festivals.services.directory import (
    edition_create,
    edition_deadlines_replace,
    edition_update,
    festival_create,
    festival_update,
    festival_verify,
    section_create,
    section_update,
)
from festivals.services.screenings import (
    festival_follow,
    festival_unfollow,
    screening_delete,
    screening_problems,
    screening_record,
)
from festivals.services.showcases import (
    proposal_transition,
    showcase_attendance_report,
    showcase_propose,
    showcase_screening_add,
)
from festivals.services.submissions import (
    submission_create,
    submission_delete,
    submission_duplicate_message,
    submission_transition,
)

__all__ = [
    "EDITION_FIELDS",
    "FESTIVAL_FIELDS",
    "SECTION_FIELDS",
    "edition_create",
    "edition_deadlines_replace",
    "edition_update",
    "festival_create",
    "festival_follow",
    "festival_unfollow",
    "festival_update",
    "festival_verify",
    "proposal_transition",
    "screening_delete",
    "screening_problems",
    "screening_record",
    "section_create",
    "section_update",
    "showcase_attendance_report",
    "showcase_propose",
    "showcase_screening_add",
    "submission_create",
    "submission_delete",
    "submission_duplicate_message",
    "submission_transition",
]
