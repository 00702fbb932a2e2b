"""A film's public screenings (its premiere status) and following festivals."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from core.permissions import require_perm
from festivals.models import Festival, FestivalEdition, FestivalFollow, Screening
from films.models import Film
from films.territories import is_country


def _latest_today() -> date:
    # The date somewhere on Earth (UTC+14) is the latest there is: a screening dated today
    # anywhere is accepted, whatever zone the server runs in.
    return (timezone.now() + timedelta(hours=14)).date()


def screening_problems(
    *, screened_on: date | None, country: str, edition: FestivalEdition | None, event_name: str
) -> dict[str, list[str]]:
    """Every field rule a screening's input breaks (empty when none); reads nothing. Pages call it
    with what parsed when their form has errors too, so one pass reports every rule."""
    errors: dict[str, list[str]] = {}
    if not isinstance(screened_on, date):
        errors["screened_on"] = [_("Give the date of the screening.")]
    elif screened_on > _latest_today():
        errors["screened_on"] = [_("This date is in the future: record a screening once it has taken place.")]
    if not country or not is_country(country):
        errors["country"] = [_("Give the country the screening took place in.")]
    if edition is None and not (event_name or "").strip():
        errors["event_name"] = [_("Name the event, or choose the festival edition.")]
    return errors


def screening_record(
    *,
    actor,
    film: Film,
    screened_on: date,
    country: str,
    edition: FestivalEdition | None = None,
    event_name: str = "",
) -> Screening:
    """Record a public screening that took place: it uses up premieres of the film."""
    country = str(country or "").strip().upper()
    screening = Screening(
        film=film,
        organization_id=film.organization_id,
        edition=edition,
        event_name=(event_name or "").strip()[:200],
        screened_on=screened_on,
        country=country,
    )
    require_perm(actor, "festivals.add_screening")
    require_perm(actor, "festivals.change_screening", screening)
    errors = screening_problems(
        screened_on=screened_on, country=country, edition=edition, event_name=screening.event_name
    )
    if errors:
        raise ValidationError(errors)
    duplicate = ValidationError(
        {"non_field_errors": [_("This screening is already recorded: one film, event, day and country.")]},
        code="unique",
    )
    if _screening_twin(screening).exists():
        raise duplicate
    try:
        # The database's unique constraints decide between simultaneous identical requests.
        with transaction.atomic():
            screening.save()
    except IntegrityError as exc:
        raise duplicate from exc
    return screening


def _screening_twin(screening: Screening):
    same = Screening.objects.filter(
        film_id=screening.film_id, screened_on=screening.screened_on, country=screening.country
    )
    if screening.edition_id is not None:
        return same.filter(edition_id=screening.edition_id)
    return same.filter(edition__isnull=True, event_name=screening.event_name)


def screening_delete(*, screening: Screening, actor) -> None:
    """Delete the screening; raises Http404 when a simultaneous request deleted it first."""
    require_perm(actor, "festivals.delete_screening", screening)
    deleted, _rows = Screening.objects.filter(pk=screening.pk).delete()
    if not deleted:
        raise Http404


def festival_follow(*, user, festival: Festival) -> FestivalFollow:
    """Follow the festival (again: no change)."""
    require_perm(user, "festivals.add_festivalfollow", None, _("Sign in to follow festivals."))
    follow, _created = FestivalFollow.objects.get_or_create(user=user, festival=festival)
    return follow


def festival_unfollow(*, user, festival: Festival) -> None:
    """Stop following the festival (not following: no change)."""
    FestivalFollow.objects.filter(user_id=getattr(user, "pk", None), festival=festival).delete()
