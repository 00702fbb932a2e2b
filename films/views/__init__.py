"""Films pages: producers' films and their forms, rights and media, the review queue, the
catalogue and film page, buyers' shortlists and the bulk import. Each module holds one part;
every view is importable from ``films.views``.

Views parse input, check permission on the object, call one service or selector and render.
An object the user may not see answers 404; an action not allowed on a visible object 403."""

from films.views.catalogue import catalogue, film_detail
from films.views.common import CATALOGUE_PAGE_SIZE, EDITABLE_STATES, LIST_PAGE_SIZE
from films.views.imports import film_import, film_import_template
from films.views.media import film_image_delete, film_media
from films.views.producers import film_create, film_edit, my_films
from films.views.review import film_transition, review_queue
from films.views.revisions import revision_transition
from films.views.rights import film_rights
from films.views.screeners import (
    screener_request_detail,
    screener_request_list,
    screener_request_new,
    screener_request_transition,
)
from films.views.shortlists import (
    EXPORT_COLUMNS,
    shortlist_add,
    shortlist_delete,
    shortlist_detail,
    shortlist_export,
    shortlist_list,
    shortlist_print,
    shortlist_remove,
)

__all__ = [
    "CATALOGUE_PAGE_SIZE",
    "EDITABLE_STATES",
    "EXPORT_COLUMNS",
    "LIST_PAGE_SIZE",
    "catalogue",
    "film_create",
    "film_detail",
    "film_edit",
    "film_image_delete",
    "film_import",
    "film_import_template",
    "film_media",
    "film_rights",
    "film_transition",
    "my_films",
    "review_queue",
    "revision_transition",
    "screener_request_detail",
    "screener_request_list",
    "screener_request_new",
    "screener_request_transition",
    "shortlist_add",
    "shortlist_delete",
    "shortlist_detail",
    "shortlist_export",
    "shortlist_list",
    "shortlist_print",
    "shortlist_remove",
]
