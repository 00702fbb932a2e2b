"""The saved-search alert: the films newly matching one of a buyer's saved searches, in-app and by
e-mail, by default in the daily digest (a buyer with several searches would otherwise get a mail
per search and sweep); the buyer may choose immediate or no e-mail on the preferences page."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.services.searches import SAVED_SEARCH_MATCH, saved_search_match_summary
from core.display import for_reader
from notifications.enums import EmailMode
from notifications.registry import NotificationKind, register_kind
from notifications.services.common import absolute


def _films(context: dict) -> list[dict]:
    films = []
    for film in context.get("films") or []:
        if not isinstance(film, dict) or not isinstance(film.get("id"), int):
            continue
        films.append(
            {
                "title": for_reader(film.get("title", ""), film.get("title_zh", "")),
                "link": absolute(reverse("films:film_detail", args=[film["id"]])),
            }
        )
    return films


def _prepare(context: dict) -> dict:
    films = _films(context)
    count = context.get("count") if isinstance(context.get("count"), int) else len(films)
    return {
        "films": films,
        "more": max(count - len(films), 0),
        "results_link": absolute(str(context.get("results_url") or "")),
    }


# A subject line names a few films; the mail lists the rest.
SUBJECT_TITLES = 3


def _subject(context: dict) -> str:
    films = _films(context)
    count = context.get("count") if isinstance(context.get("count"), int) else len(films)
    summary = saved_search_match_summary(count=count, titles=[film["title"] for film in films[:SUBJECT_TITLES]])
    return _("New for your search “%(search)s”: %(films)s") % {"search": context.get("search", ""), "films": summary}


def register() -> None:
    register_kind(
        NotificationKind(
            code=SAVED_SEARCH_MATCH,
            label=gettext_lazy("New films matching your saved searches"),
            subject=_subject,
            template="campaigns/email/searches_match.txt",
            default_email=EmailMode.DAILY,
            prepare=_prepare,
        )
    )
