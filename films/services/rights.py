"""The rights grid: rows expanded from regions, replaced whole, and the quick actions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from accounts.enums import OrganizationKind
from accounts.models import Organization
from core.permissions import require_perm
from films.enums import RightsMedia, RightsStatus
from films.models import Film, FilmRight
from films.selectors import CATALOGUE_ANSWERS
from films.territories import territory_expand


def _parse_term(value, field: str, row: int, errors: list[str]) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    parsed = parse_date(str(value))
    if parsed is None:
        errors.append(_("Row %(n)s: %(field)s is not a date (YYYY-MM-DD).") % {"n": row, "field": field})
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


def rights_rows_expand(rows: Iterable[dict]) -> list[FilmRight]:
    """Validate rights rows and expand regions and "all media" into grid cells.

    Each row: ``territory`` (country code or region name), ``media`` (one value, a list, or
    "all"), ``status``, and optionally ``holder``, ``holder_organization`` (the buyer company on
    the other side of a sale or negotiation: an id or an Organization; its members then see the
    row in full), ``term_start``, ``term_end``, ``except`` (territories to leave out). Raises
    ValidationError with one message per bad row, naming it; cells that two rows both cover for
    overlapping terms are refused as overlapping.
    """
    rows = list(rows)
    errors: list[str] = []
    cells: list[FilmRight] = []
    buyers = _buyer_companies(rows)
    seen: dict[tuple[str, str], list[tuple[date | None, date | None, int]]] = {}
    for n, row in enumerate(rows, start=1):
        territory = str(row.get("territory") or "").strip()
        countries = territory_expand(territory)
        if not countries:
            errors.append(_("Row %(n)s: unknown territory “%(t)s”.") % {"n": n, "t": territory})
            continue
        excluded: set[str] = set()
        for other in row.get("except") or []:
            expanded = territory_expand(str(other))
            if not expanded:
                errors.append(_("Row %(n)s: unknown territory “%(t)s”.") % {"n": n, "t": other})
            excluded.update(expanded)
        media = row.get("media")
        media_list = (
            RightsMedia.values if media in ("all", None, "") else ([media] if isinstance(media, str) else media)
        )
        bad_media = [m for m in media_list if m not in RightsMedia.values]
        if bad_media:
            errors.append(_("Row %(n)s: unknown media “%(m)s”.") % {"n": n, "m": ", ".join(map(str, bad_media))})
            continue
        status = row.get("status") or RightsStatus.AVAILABLE
        if status not in RightsStatus.values:
            errors.append(_("Row %(n)s: unknown status “%(s)s”.") % {"n": n, "s": status})
            continue
        start = _parse_term(row.get("term_start"), "term_start", n, errors)
        end = _parse_term(row.get("term_end"), "term_end", n, errors)
        if start and end and end < start:
            errors.append(_("Row %(n)s: the term ends before it starts.") % {"n": n})
            continue
        holder = str(row.get("holder") or "").strip()[:200]
        counterpart = row.get("holder_organization")
        counterpart_id = getattr(counterpart, "pk", counterpart)
        if counterpart_id in ("", None):
            counterpart_id = None
        elif isinstance(counterpart_id, bool) or counterpart_id not in buyers:
            errors.append(
                _("Row %(n)s: the buyer company “%(id)s” is not a buyer company on the portal.")
                % {"n": n, "id": counterpart_id}
            )
            continue
        elif status == RightsStatus.AVAILABLE:
            errors.append(
                _("Row %(n)s: an available right has no buyer company; choose one only for a sale or a negotiation.")
                % {"n": n}
            )
            continue
        for country in countries:
            if country in excluded:
                continue
            for medium in media_list:
                key = (country, medium)
                for other_start, other_end, other_n in seen.get(key, []):
                    if (end is None or other_start is None or other_start <= end) and (
                        start is None or other_end is None or start <= other_end
                    ):
                        errors.append(
                            _("Row %(n)s overlaps row %(m)s for %(country)s, %(media)s.")
                            % {"n": n, "m": other_n, "country": country, "media": RightsMedia(medium).label}
                        )
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
    if errors:
        # One overlap message per pair of rows is enough.
        raise ValidationError({"rights": list(dict.fromkeys(errors))})
    return cells


@transaction.atomic
def film_rights_replace(*, film: Film, actor, rows: list[dict]) -> int:
    """Replace a film's whole rights grid with ``rows`` (see ``rights_rows_expand``).

    All or nothing: on any bad row nothing changes. Returns the number of grid cells stored.
    """
    require_perm(actor, "films.change_film", film)
    Film.objects.select_for_update().filter(pk=film.pk).first()
    cells = rights_rows_expand(rows)
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
