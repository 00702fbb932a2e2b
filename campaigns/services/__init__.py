from campaigns.services.searches import (
    saved_search_check,
    saved_search_create,
    saved_search_delete,
    saved_search_query_clean,
    saved_search_rename,
    saved_search_results_seen,
    saved_search_results_url,
    saved_searches_alert,
)

__all__ = [
    "saved_search_check",
    "saved_search_create",
    "saved_search_delete",
    "saved_search_query_clean",
    "saved_search_rename",
    "saved_search_results_seen",
    "saved_search_results_url",
    "saved_searches_alert",
]
