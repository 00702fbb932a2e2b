"""Festival reads: the directory, what a user may see of submissions and screenings, the
deadline and festival calendars, premiere status and eligibility, film weeks. Each module
holds one part; every selector is importable from ``festivals.selectors``."""

from festivals.selectors.calendars import (
    deadline_list_for_calendar,
    deadline_list_upcoming,
    edition_ids_open_for,
    edition_list_upcoming,
    festival_filters,
    festival_list_followed_by,
)
from festivals.selectors.directory import (
    edition_list_with_details,
    edition_takes_submissions,
    festival_directory,
    festival_get_for_page,
    festival_list,
    festival_list_for,
    section_list_open_for_submission,
)
from festivals.selectors.eligibility import (
    COMPLETED_STATES,
    ScreeningFacts,
    deadline_applying,
    film_completed_by,
    film_premiere_status,
    film_screening_facts,
    submission_eligibility,
    submission_list_attach_screening_facts,
)
from festivals.selectors.showcases import (
    film_list_proposable_by,
    proposal_list_visible_to,
    showcase_call_open,
    showcase_get_for_page,
    showcase_list_for_page,
)
from festivals.selectors.submissions import (
    fees_per_year,
    film_festival_history,
    screening_list_visible_to,
    submission_active_for,
    submission_list_for_decisions,
    submission_list_for_strategy,
    submission_list_visible_to,
    submission_selection_count,
    submission_status_counts,
    submission_status_summary,
)

__all__ = [
    "COMPLETED_STATES",
    "ScreeningFacts",
    "deadline_applying",
    "deadline_list_for_calendar",
    "deadline_list_upcoming",
    "edition_ids_open_for",
    "edition_list_upcoming",
    "edition_list_with_details",
    "edition_takes_submissions",
    "fees_per_year",
    "festival_directory",
    "festival_filters",
    "festival_get_for_page",
    "festival_list",
    "festival_list_followed_by",
    "festival_list_for",
    "film_completed_by",
    "film_festival_history",
    "film_list_proposable_by",
    "film_premiere_status",
    "film_screening_facts",
    "proposal_list_visible_to",
    "screening_list_visible_to",
    "section_list_open_for_submission",
    "showcase_call_open",
    "showcase_get_for_page",
    "showcase_list_for_page",
    "submission_active_for",
    "submission_eligibility",
    "submission_list_attach_screening_facts",
    "submission_list_for_decisions",
    "submission_list_for_strategy",
    "submission_list_visible_to",
    "submission_selection_count",
    "submission_status_counts",
    "submission_status_summary",
]
