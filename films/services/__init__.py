"""Film writes: records with their credits and relations, media, the rights grid, listing
review and its mail, revisions of published films, shortlists, CSV import. Each module holds one part; every service is
importable from ``films.services``."""

from films.services.imports import (
    IMPORT_COLUMNS,
    IMPORT_EXAMPLE,
    IMPORT_JOB,
    IMPORT_LIMITS,
    MAX_IMPORT_ROWS,
    film_import_links,
    film_import_read,
    film_import_run,
    film_import_start,
    import_template_csv,
)
from films.services.media import film_image_add_now, film_image_delete
from films.services.records import (
    FILM_BATCH,
    FILM_FIELDS,
    FILM_RELATIONS,
    film_create,
    film_create_allowed,
    film_create_many,
    film_delete,
    film_new_check,
    film_refresh_search,
    genres_by_slug,
)
from films.services.review import (
    film_missing_for_review,
    film_missing_from_facts,
    film_transition,
)
from films.services.revisions import (
    IMMEDIATE_FIELDS,
    REVIEWED_FIELDS,
    film_approved_values,
    film_image_add,
    film_update,
    revision_transition,
)
from films.services.rights import (
    film_rights_lock,
    film_rights_mark_sold,
    film_rights_replace,
    rights_problems_error,
    rights_quick_rows,
    rights_row_problems,
    rights_rows_check,
    rights_rows_expand,
)
from films.services.screeners import screener_request_create, screener_request_transition
from films.services.shortlists import (
    shortlist_add_film,
    shortlist_create,
    shortlist_delete,
    shortlist_remove_film,
    shortlist_rename,
)

__all__ = [
    "FILM_BATCH",
    "FILM_FIELDS",
    "FILM_RELATIONS",
    "IMMEDIATE_FIELDS",
    "IMPORT_COLUMNS",
    "IMPORT_EXAMPLE",
    "IMPORT_JOB",
    "IMPORT_LIMITS",
    "MAX_IMPORT_ROWS",
    "REVIEWED_FIELDS",
    "film_approved_values",
    "film_create",
    "film_create_allowed",
    "film_create_many",
    "film_delete",
    "film_image_add",
    "film_image_add_now",
    "film_image_delete",
    "film_import_links",
    "film_import_read",
    "film_import_run",
    "film_import_start",
    "film_missing_for_review",
    "film_missing_from_facts",
    "film_new_check",
    "film_refresh_search",
    "film_rights_lock",
    "film_rights_mark_sold",
    "film_rights_replace",
    "film_transition",
    "film_update",
    "genres_by_slug",
    "import_template_csv",
    "revision_transition",
    "rights_problems_error",
    "rights_quick_rows",
    "rights_row_problems",
    "rights_rows_check",
    "rights_rows_expand",
    "screener_request_create",
    "screener_request_transition",
    "shortlist_add_film",
    "shortlist_create",
    "shortlist_delete",
    "shortlist_remove_film",
    "shortlist_rename",
]
