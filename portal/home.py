"""The home page's window on the catalogue: recently published films, the next festival
deadlines, upcoming film weeks and a few live figures.

The part is the same for every visitor in a language, so it is rendered once per language and
kept in the shared cache under the catalogue's generation (``films.selectors.CATALOGUE_ANSWERS``),
which every film write bumps after commit: a film published, withdrawn or given a poster, or a
festival selection, shows at once. Deadlines, film weeks and the buyer figure change through
writes that do not bump it; the part lives at most ``settings.HOME_CACHE_SECONDS`` (5 minutes
with Redis, 1 without: a process-local cache does not hear of another process's writes), and
never past the moment the first deadline it lists closes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from accounts.selectors import organization_buyer_country_count
from festivals.selectors import deadline_list_upcoming, showcase_list_for_page, submission_selection_count
from films.selectors import CATALOGUE_ANSWERS, film_list_published, poster_prefetch

HOME_FILMS = 8
HOME_DEADLINES = 5
HOME_FILM_WEEKS = 3


@dataclass(frozen=True)
class HomeFigures:
    films: int
    buyer_countries: int
    selections: int
    year: int


def home_figures(*, now: datetime) -> HomeFigures:
    """Films in the catalogue, countries with verified buyers, festival selections this year
    (three queries)."""
    year_start = now.astimezone(timezone.get_current_timezone()).replace(
        month=1, day=1, hour=0, minute=0, second=0, microsecond=0
    )
    return HomeFigures(
        films=film_list_published().count(),
        buyer_countries=organization_buyer_country_count(),
        selections=submission_selection_count(since=year_start),
        year=year_start.year,
    )


def home_context(*, now: datetime) -> dict:
    """What the home page's catalogue part shows, in seven queries whatever the data's size."""
    today = timezone.localdate(now)
    films = list(
        film_list_published()
        .only("id", "title_original", "title_en", "production_year", "published_at")
        .prefetch_related(poster_prefetch())
        .order_by("-published_at", "-id")[:HOME_FILMS]
    )
    deadlines = list(deadline_list_upcoming(after=now)[:HOME_DEADLINES])
    film_weeks = list(showcase_list_for_page().filter(ends_on__gte=today)[:HOME_FILM_WEEKS])
    for week in film_weeks:
        week.running = week.starts_on <= today
    return {
        "films": films,
        "deadlines": deadlines,
        "film_weeks": film_weeks,
        "figures": home_figures(now=now),
    }


def _lifetime(context: dict, *, now: datetime, seconds: int) -> int:
    """Seconds the rendered part stays true: ``seconds`` at most, and until the first deadline closes."""
    if context["deadlines"]:
        seconds = min(seconds, math.ceil((context["deadlines"][0].closes_at - now).total_seconds()))
    return max(seconds, 1)


def home_catalogue_html(*, now: datetime | None = None) -> SafeString:
    """The rendered catalogue part for the current language, from the cache when it is fresh."""
    now = now or timezone.now()
    seconds = settings.HOME_CACHE_SECONDS
    parts = ("portal:home", get_language(), timezone.get_current_timezone_name())
    html, generation = CATALOGUE_ANSWERS.get(parts) if seconds else (None, 0)
    if html is None:
        context = home_context(now=now)
        html = render_to_string("portal/includes/home_catalogue.html", context)
        if seconds:
            lifetime = _lifetime(context, now=now, seconds=seconds)
            CATALOGUE_ANSWERS.set(parts, str(html), generation=generation, seconds=lifetime)
    return mark_safe(html)  # noqa: S308 (our own template's output, escaped as it was rendered)
