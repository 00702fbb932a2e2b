"""The rights grid: rows expanded from regions, replaced whole, and the quick actions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.enums import OrganizationKind
from accounts.models import Organization
from core.permissions import require_perm
from films.enums import RightsMedia, RightsStatus
from films.models import Film, FilmRight
from films.selectors import CATALOGUE_ANSWERS
from films.territories import territory_expand, territory_list, territory_name


def _parse_term(value, field: str, problems: list[str]) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    parsed = parse_date(str(value))
    if parsed is None:
        problems.append(_("%(field)s is not a date (YYYY-MM-DD)") % {"field": field})
    return parsed


def _buyer_companies(rows: list) -> set:
    """The ids among the rows' ``holder_organization`` that name buyer companies (one query)."""
    wanted = set()
    for row in rows:
        value = row.get("holder_organization") if isinstance(row, dict) else None
        value = getattr(value, "pk", value)
        if isinstance(value, int) and not isinstance(value, bool):
            wanted.add(value)
    if not wanted:
        return set()
    return set(
        Organization.objects.filter(pk__in=wanted, kind=OrganizationKind.BUYER_COMPANY).values_list("pk", flat=True)
    )


def _counterpart(row: dict, status: str, buyers: set, found: list[str]) -> int | None:
    """The row's buyer company on the other side of a sale or negotiation (its id), or None;
    a problem in ``found`` when it names no buyer company or the right is available."""
    value = row.get("holder_organization")
    value = getattr(value, "pk", value)
    if value in ("", None):
        return None
    if isinstance(value, bool) or value not in buyers:
        found.append(_("the buyer company “%(id)s” is not a buyer company on the portal") % {"id": value})
        return None
    if status == RightsStatus.AVAILABLE:
        found.append(_("an available right has no buyer company; choose one only for a sale or a negotiation"))
        return None
    return value


def _quoted(values: Iterable) -> str:
    return _(", ").join(f"“{value}”" for value in values)


def _overlap_where(countries: set[str], row_countries: list[str], row_territory: str, left_out: list[str]) -> str:
    """Where two rows overlap, as short as it can be said: the row's own territory, a few
    countries by name, or a count and the first names."""
    if len(countries) == len(row_countries) and len(countries) > 1:
        if not left_out:
            return territory_name(row_territory)
        return _("%(territory)s except %(names)s") % {
            "territory": territory_name(row_territory),
            "names": territory_list(left_out),
        }
    if len(countries) <= 3:
        return territory_list(countries)
    first = sorted(countries, key=territory_name)[:3]
    return ngettext(
        "%(count)s country (%(names)s and %(more)s more)",
        "%(count)s countries (%(names)s and %(more)s more)",
        len(countries),
    ) % {"count": len(countries), "names": territory_list(first), "more": len(countries) - 3}


def _media_names(media: set[str]) -> str:
    if len(media) == len(RightsMedia.values):
        return _("all media")
    return _(", ").join(str(RightsMedia(m).label) for m in RightsMedia.values if m in media)


def _row_media(media) -> list:
    if media in ("all", None, ""):
        return list(RightsMedia.values)
    if isinstance(media, str):
        return [media]
    return list(media)


def rights_rows_check(rows: Iterable[dict | None]) -> tuple[list[FilmRight], dict[int, list[str]]]:
    """The grid cells ``rows`` stand for, and what is wrong with each bad row: ``{row number: [problem, …]}``.

    Each row: ``territory`` (country code or region name), ``media`` (one value, a list, or
    "all"), ``status``, and optionally ``holder``, ``holder_organization`` (the buyer company on
    the other side of a sale or negotiation: an id or an Organization; its members then see the
    row in full), ``term_start``, ``term_end``, ``except`` (territories to leave out). A row
    given as ``None`` was refused by the caller's own parser: it keeps its number and is left
    out. Two rows that cover the same cells for overlapping terms are one problem of the later
    row, however many countries and media they share.
    """
    rows = list(rows)
    problems: dict[int, list[str]] = {}
    cells: list[FilmRight] = []
    buyers = _buyer_companies(rows)
    seen: dict[tuple[str, str], list[tuple[date | None, date | None, int]]] = {}
    for n, row in enumerate(rows, start=1):
        if row is None:
            continue
        found: list[str] = []
        territory = str(row.get("territory") or "").strip()
        countries = territory_expand(territory)
        if not countries:
            found.append(_("unknown territory “%(t)s”") % {"t": territory})
        excluded: set[str] = set()
        unknown_except = []
        for other in row.get("except") or []:
            expanded = territory_expand(str(other))
            if not expanded:
                unknown_except.append(other)
            excluded.update(expanded)
        if unknown_except:
            found.append(
                ngettext(
                    "unknown territory to leave out: %(t)s",
                    "unknown territories to leave out: %(t)s",
                    len(unknown_except),
                )
                % {"t": _quoted(unknown_except)}
            )
        media_list = _row_media(row.get("media"))
        bad_media = [m for m in media_list if m not in RightsMedia.values]
        if not media_list:
            found.append(_("no media chosen"))
        if bad_media:
            found.append(_("unknown media %(m)s") % {"m": _quoted(bad_media)})
        status = row.get("status") or RightsStatus.AVAILABLE
        if status not in RightsStatus.values:
            found.append(_("unknown status “%(s)s”") % {"s": status})
        start = _parse_term(row.get("term_start"), "term_start", found)
        end = _parse_term(row.get("term_end"), "term_end", found)
        if start and end and end < start:
            found.append(_("the term ends before it starts"))
        if countries and excluded >= set(countries):
            found.append(_("it leaves out every country of %(t)s") % {"t": territory_name(territory)})
        counterpart_id = _counterpart(row, status, buyers, found)
        if found:
            problems[n] = found
            continue
        holder = str(row.get("holder") or "").strip()[:200]
        row_countries = [country for country in countries if country not in excluded]
        left_out = sorted(excluded & set(countries))
        overlaps: dict[int, tuple[set[str], set[str]]] = {}
        for country in row_countries:
            for medium in media_list:
                key = (country, medium)
                for other_start, other_end, other_n in seen.get(key, []):
                    if (end is None or other_start is None or other_start <= end) and (
                        start is None or other_end is None or start <= other_end
                    ):
                        where, which = overlaps.setdefault(other_n, (set(), set()))
                        where.add(country)
                        which.add(medium)
                        break
                else:
                    seen.setdefault(key, []).append((start, end, n))
                    cells.append(
                        FilmRight(
                            territory=country,
                            media=medium,
                            status=status,
                            holder=holder,
                            holder_organization_id=counterpart_id,
                            term_start=start,
                            term_end=end,
                        )
                    )
        if overlaps:
            problems[n] = [
                _("it overlaps row %(m)s in %(where)s for %(media)s")
                % {
                    "m": m,
                    "where": _overlap_where(where, row_countries, territory, left_out),
                    "media": _media_names(which),
                }
                for m, (where, which) in sorted(overlaps.items())
            ]
    return cells, problems


def rights_problems_error(problems: dict[int, list[str]]) -> ValidationError:
    """One message per bad row, in row order, under ``rights``; each keeps its row number and
    its problems in ``params`` (``row``, ``items``) for a page that shows them beside the row."""
    return ValidationError(
        {
            "rights": [
                ValidationError(
                    _("Row %(row)s: %(problems)s."),
                    code="rights_row",
                    params={"row": n, "problems": _("; ").join(items), "items": items},
                )
                for n, items in sorted(problems.items())
            ]
        }
    )


def rights_row_problems(exc: ValidationError) -> dict[int, list[str]]:
    """``{row number: [problem, …]}`` back from a ``rights_problems_error``."""
    found: dict[int, list[str]] = {}
    for error in getattr(exc, "error_dict", {}).get("rights", []):
        params = error.params or {}
        if "row" in params:
            found[params["row"]] = list(params["items"])
    return found


def rights_rows_expand(rows: Iterable[dict | None], *, problems: dict[int, list[str]] | None = None) -> list[FilmRight]:
    """Validate rights rows and expand regions and "all media" into grid cells (see
    ``rights_rows_check``). Raises ValidationError with one message per bad row, naming it and
    everything wrong with it, the caller's ``problems`` included."""
    cells, found = rights_rows_check(rows)
    found = {**found, **(problems or {})}
    if found:
        raise rights_problems_error(found)
    return cells


@transaction.atomic
def film_rights_replace(
    *, film: Film, actor, rows: list[dict | None], problems: dict[int, list[str]] | None = None
) -> int:
    """Replace a film's whole rights grid with ``rows`` (see ``rights_rows_check``).

    All or nothing: on any bad row nothing changes, and every bad row is named once with all
    its problems, those the caller's parser found (``problems``, for rows given as ``None``)
    beside the service's own. Returns the number of grid cells stored.
    """
    require_perm(actor, "films.change_film", film)
    Film.objects.select_for_update().filter(pk=film.pk).first()
    cells = rights_rows_expand(rows, problems=problems)
    film.rights.all().delete()
    for cell in cells:
        cell.film = film
    FilmRight.objects.bulk_create(cells, batch_size=2000)
    CATALOGUE_ANSWERS.invalidate()
    return len(cells)


def rights_quick_rows(*, action: str, media: list[str] | None = None, exclude: list[str] | None = None) -> list[dict]:
    """Rows for the rights grid's quick actions, e.g. available worldwide for all media except China."""
    if action == "worldwide_available":
        return [{"territory": "worldwide", "media": media or "all", "status": "available", "except": exclude or []}]
    raise ValidationError({"action": [_("Unknown quick action.")]})


def film_rights_lock(*, film_id: int, territories: Iterable[str], media: Iterable[str]) -> list[FilmRight]:
    """Lock the film's row, then its rights rows for these countries × media in a stable order
    (territory, media, id), and return those rows. Every writer of a film's sold rights (a deal
    being signed, the grid replaced) takes the film's row lock first, so concurrent signings of
    one film's rights run one after the other. Call inside a transaction."""
    Film.objects.select_for_update().filter(pk=film_id).values_list("pk", flat=True).first()
    return list(
        FilmRight.objects.select_for_update()
        .filter(film_id=film_id, territory__in=sorted(set(territories)), media__in=sorted(set(media)))
        .order_by("territory", "media", "id")
    )


def film_rights_mark_sold(
    *,
    film_id: int,
    right_ids: Iterable[int],
    holder: str,
    holder_organization_id: int,
    term_start: date,
    term_end: date,
) -> int:
    """Mark rights rows sold to a buyer company for a term (a signed deal); returns how many.
    The caller has locked them (``film_rights_lock``) and checked they may be sold.

    Side effects: the catalogue's cached answers ("available in territory × media") go stale
    when the transaction commits."""
    count = FilmRight.objects.filter(film_id=film_id, pk__in=list(right_ids)).update(
        status=RightsStatus.SOLD,
        holder=holder[:200],
        holder_organization_id=holder_organization_id,
        term_start=term_start,
        term_end=term_end,
    )
    CATALOGUE_ANSWERS.invalidate()
    return count
