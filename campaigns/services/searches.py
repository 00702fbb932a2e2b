"""Saved catalogue searches: saving, renaming and deleting one's own, and the alert sweep that
tells a buyer of the films newly matching them.

A saved query is the catalogue's own query string, checked by the catalogue's own filter set
(``films.filters.CatalogueFilter``) and kept normalised: only filter parameters, in the
filter set's order, without blanks or repeats (``page`` and ``sort`` are navigation and dropped).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qsl, urlencode

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Max
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.rules import is_verified_buyer
from accounts.verification import require_verified_buyer
from campaigns.models import SavedSearch, SavedSearchMatch
from core.validators import text_clean
from films import selectors as film_selectors
from films.enums import RightsStatus
from films.filters import CatalogueFilter
from films.models import Film, FilmRight
from notifications.services import notify

SAVED_SEARCH_MATCH = "campaigns.saved_search_match"
SAVED_SEARCH_LIMIT = 50
NAME_MAX = 100
QUERY_MAX = 2000
QUERY_MAX_FIELDS = 100
# The film titles one notification names; the rest are counted ("and 3 more").
MATCH_TITLES_NAMED = 10
SWEEP_BATCH = 500
NAVIGATION_PARAMETERS = ("page", "sort")


@dataclass(frozen=True)
class Requester:
    """What the catalogue's filter set reads of a request: who asks (availability filters are
    for those who may see rights)."""

    user: object


def saved_search_parameters() -> list[str]:
    """The catalogue's filter parameters, in its form's order."""
    return [name for name in CatalogueFilter.base_filters if name not in NAVIGATION_PARAMETERS]


def saved_search_query_from(value) -> str:
    """The query string of an API's ``query``: a string as it is, or a JSON object of filters
    (``{"genre": ["drama", "comedy"], "territory": "FR"}``) encoded. Anything else is refused."""
    if isinstance(value, dict):
        pairs = []
        for key, each in value.items():
            for item in each if isinstance(each, list) else [each]:
                if not isinstance(item, str | int) or isinstance(item, bool):
                    raise ValidationError({"query": [_("“%(parameter)s”: give text or numbers.") % {"parameter": key}]})
                pairs.append((str(key), str(item)))
        return urlencode(pairs)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError({"query": [_("Give the catalogue's query string, or an object of filters.")]})
    return value


def saved_search_query_clean(*, query: str, user) -> str:
    """The normalised form of a catalogue query string, checked by the catalogue's filter set
    for ``user``; ``ValidationError`` on ``query`` naming each bad parameter otherwise."""
    if not isinstance(query, str):
        raise ValidationError({"query": [_("Give the catalogue's query string.")]})
    query = query.strip().removeprefix("?")
    if "\x00" in query:
        raise ValidationError({"query": [_("Null characters are not allowed.")]})
    if len(query) > QUERY_MAX:
        raise ValidationError({"query": [_("At most %(limit)d characters.") % {"limit": QUERY_MAX}]})
    allowed = saved_search_parameters()
    values: dict[str, list[str]] = {}
    problems = []
    try:
        pairs = parse_qsl(query, keep_blank_values=True, max_num_fields=QUERY_MAX_FIELDS)
    except ValueError:
        raise ValidationError(
            {"query": [_("At most %(limit)d filter values.") % {"limit": QUERY_MAX_FIELDS}]}
        ) from None
    for key, value in pairs:
        if key in NAVIGATION_PARAMETERS:
            continue
        if key not in allowed:
            problems.append(_("“%(parameter)s” is not a catalogue filter.") % {"parameter": key})
            continue
        value = value.strip()
        if "\x00" in value:
            problems.append(_("“%(parameter)s”: null characters are not allowed.") % {"parameter": key})
        elif value and value not in values.setdefault(key, []):
            values[key].append(value)
    if problems:
        raise ValidationError({"query": problems})
    data = QueryDict(mutable=True)
    for key, items in values.items():
        data.setlist(key, items)
    filterset = CatalogueFilter(data, queryset=Film.objects.none(), request=Requester(user))
    for name in filterset.availability_ignored:
        problems.append(
            _("“%(parameter)s”: filtering by rights availability is for verified buyers.") % {"parameter": name}
        )
    if not filterset.form.is_valid():
        for name, messages_ in filterset.form.errors.items():
            for message in messages_:
                problems.append(f"“{name}”: {message}" if name != "__all__" else str(message))
    if problems:
        raise ValidationError({"query": problems})
    pairs = []
    for name in allowed:
        items = values.get(name, [])
        pairs.extend((name, item) for item in (sorted(items) if len(items) > 1 else items))
    return urlencode(pairs)


def _name_clean(name) -> str:
    errors: dict[str, list[str]] = {}
    cleaned = text_clean(name, "name", NAME_MAX, errors, required=True)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _require_verified(user) -> None:
    require_verified_buyer(user, allowed=bool(getattr(user, "is_authenticated", False)) and is_verified_buyer(user))


def _rights_top() -> int:
    """The highest rights row id now: changes to the grid from here on are new to a search."""
    return FilmRight.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def saved_search_create(*, user, name: str, query: str) -> SavedSearch:
    """Save a catalogue search for a verified buyer (at most ``SAVED_SEARCH_LIMIT`` each).

    Side effects: locks the user's row so two saves at once cannot pass the limit together.
    Films published or made available before this moment are never announced for it.
    """
    _require_verified(user)
    errors: dict[str, list[str]] = {}
    try:
        name = _name_clean(name)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        query = saved_search_query_clean(query=query, user=user)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True).first()
        if SavedSearch.objects.filter(user=user).count() >= SAVED_SEARCH_LIMIT:
            raise ValidationError(
                _("You have %(limit)d saved searches, the most one can keep; delete one first.")
                % {"limit": SAVED_SEARCH_LIMIT}
            )
        now = timezone.now()
        top = _rights_top()
        return SavedSearch.objects.create(
            user=user,
            name=name,
            query=query,
            last_checked_at=now,
            last_right_id=top,
            window_start_at=now,
            window_right_id=top,
            results_seen_at=now,
        )


def _require_owner(saved_search: SavedSearch, actor) -> None:
    _require_verified(actor)
    if saved_search.user_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("This is not your saved search."))


def saved_search_rename(*, saved_search: SavedSearch, actor, name: str) -> SavedSearch:
    """Rename one's own saved search (verified buyers)."""
    _require_owner(saved_search, actor)
    saved_search.name = _name_clean(name)
    SavedSearch.objects.filter(pk=saved_search.pk).update(name=saved_search.name)
    return saved_search


def saved_search_delete(*, saved_search: SavedSearch, actor) -> None:
    """Delete one's own saved search and its record of announced films (verified buyers)."""
    _require_owner(saved_search, actor)
    saved_search.delete()


def saved_search_results_seen(*, saved_search: SavedSearch, actor) -> SavedSearch:
    """The owner opened the search's results: its matches so far are no longer new."""
    _require_owner(saved_search, actor)
    saved_search.results_seen_at = timezone.now()
    SavedSearch.objects.filter(pk=saved_search.pk).update(results_seen_at=saved_search.results_seen_at)
    return saved_search


def saved_search_results_url(saved_search: SavedSearch) -> str:
    """The catalogue with the search's filters."""
    base = reverse("films:catalogue")
    return f"{base}?{saved_search.query}" if saved_search.query else base


# --- The alert sweep ------------------------------------------------------------------------


def _matches_insert(*, saved_search: SavedSearch, film_ids: list[int], now: datetime) -> list[tuple[int, int]]:
    """Insert a match row per film, skipping those already there; ``(match id, film id)`` of the
    rows this call inserted. The unique (search, film) row is what makes an announcement once."""
    if not film_ids:
        return []
    table = connection.ops.quote_name(SavedSearchMatch._meta.db_table)
    stamp = connection.ops.adapt_datetimefield_value(now)
    values = ", ".join(["(%s, %s, %s)"] * len(film_ids))
    params: list = []
    for film_id in film_ids:
        params.extend([saved_search.pk, film_id, stamp])
    sql = (
        f"INSERT INTO {table} (saved_search_id, film_id, notified_at) VALUES {values} "  # noqa: S608 (names are the model's own)
        "ON CONFLICT (saved_search_id, film_id) DO NOTHING RETURNING id, film_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return sorted(cursor.fetchall())


def _new_matches(*, saved_search: SavedSearch, candidates: list[int]) -> list[tuple[int, str, str]]:
    """``(id, English title, original title)`` of the candidate films that match the search now
    and were never announced for it, newest first: the catalogue's own filtering, limited to
    the candidates (films that changed), so it reads only as many films as changed."""
    user = saved_search.user
    if not candidates or not user.is_active or not is_verified_buyer(user):
        return []
    published = film_selectors.film_list_published().filter(pk__in=sorted(candidates))
    filterset = CatalogueFilter(QueryDict(saved_search.query), queryset=published, request=Requester(user))
    if not filterset.is_valid() or filterset.availability_ignored:
        return []
    announced = SavedSearchMatch.objects.filter(saved_search=saved_search).values("film_id")
    return list(
        filterset.qs.exclude(pk__in=announced)
        .order_by("-published_at", "-id")
        .values_list("pk", "title_en", "title_original")
    )


def _announce(*, saved_search: SavedSearch, films: list[tuple[int, str, str]], first_match: int) -> None:
    count = len(films)
    named = [{"id": pk, "title": title_en, "title_zh": original} for pk, title_en, original in films]
    results = reverse("campaigns_searches:open", args=[saved_search.pk])
    notify(
        recipients=[saved_search.user],
        kind=SAVED_SEARCH_MATCH,
        dedupe_key=f"saved-search:{saved_search.pk}:{first_match}",
        context={
            "search": saved_search.name,
            "search_id": saved_search.pk,
            "count": count,
            "films": named[:MATCH_TITLES_NAMED],
            "results_url": results,
        },
        url=reverse("films:film_detail", args=[films[0][0]]) if count == 1 else results,
    )


def saved_search_check(*, saved_search_id: int, candidates: list[int], now: datetime, right_id: int) -> int:
    """Check one saved search against the films that changed (``candidates``), announce the new
    matches in one notification, and move the search's window on; returns the films announced.

    Side effects: match rows, one ``campaigns.saved_search_match`` notification (e-mailed at once
    or in the daily digest by the owner's preference). A search another sweep is checking is
    skipped (its row is locked); the unique match rows keep a film from being announced twice
    even so. A buyer no longer verified is not told, and the window moves on all the same.
    """
    with transaction.atomic():
        saved_search = (
            SavedSearch.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("user")
            .filter(pk=saved_search_id)
            .first()
        )
        if saved_search is None:
            return 0
        films = _new_matches(saved_search=saved_search, candidates=candidates)
        inserted = _matches_insert(saved_search=saved_search, film_ids=[pk for pk, *_rest in films], now=now)
        fresh = {film_id for _match, film_id in inserted}
        films = [row for row in films if row[0] in fresh]
        if films:
            _announce(saved_search=saved_search, films=films, first_match=inserted[0][0])
        SavedSearch.objects.filter(pk=saved_search.pk).update(
            window_start_at=min(saved_search.last_checked_at, now),
            window_right_id=min(saved_search.last_right_id, right_id),
            last_checked_at=now,
            last_right_id=right_id,
        )
        return len(films)


def saved_searches_alert(*, now: datetime | None = None, batch_size: int = SWEEP_BATCH) -> int:
    """The alert sweep: every saved search against the films published, or given new available
    rights rows, within its window; returns the films announced.

    Reads per batch of searches: the films published since the batch's earliest window (the
    catalogue's listing index) and the available rights rows added since its lowest rights id
    (a primary-key range), then a fixed number of queries per search. The cost follows the
    number of searches and of changed films, not the catalogue's size.
    """
    now = now or timezone.now()
    right_id = _rights_top()
    announced = 0
    after = 0
    while True:
        batch = list(
            SavedSearch.objects.filter(pk__gt=after)
            .order_by("pk")
            .values_list("pk", "window_start_at", "window_right_id")[:batch_size]
        )
        if not batch:
            return announced
        since = min(row[1] for row in batch)
        floor = min(row[2] for row in batch)
        published = dict(
            film_selectors.film_list_published()
            .filter(published_at__gt=since, published_at__lte=now)
            .order_by("-published_at", "-id")  # the catalogue's listing index, read from its newest end
            .values_list("pk", "published_at")
        )
        rights = dict(
            FilmRight.objects.filter(pk__gt=floor, pk__lte=right_id, status=RightsStatus.AVAILABLE)
            .order_by()
            .values("film_id")
            .annotate(top=Max("pk"))
            .values_list("film_id", "top")
        )
        for pk, window_start, window_right in batch:
            candidates = {film for film, at in published.items() if at > window_start}
            candidates.update(film for film, top in rights.items() if top > window_right)
            announced += saved_search_check(
                saved_search_id=pk, candidates=sorted(candidates), now=now, right_id=right_id
            )
        after = batch[-1][0]


def saved_search_match_summary(*, count: int, titles: list[str]) -> str:
    """“《A》, 《B》 and 3 more” in the reader's language."""
    shown = _(", ").join(_("“%(title)s”") % {"title": title} for title in titles)
    more = count - len(titles)
    if more <= 0:
        return shown
    return ngettext("%(titles)s and %(n)d more", "%(titles)s and %(n)d more", more) % {"titles": shown, "n": more}
