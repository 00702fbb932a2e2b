"""Reads for market screenings, already filtered to what the user may see: the schedule is for
signed-in users; who reserved a seat only for the film's company and agency admins."""

from __future__ import annotations

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from accounts.rules import is_agency_admin, memberships_of
from films.models import Film
from films.selectors import film_list_published
from markets.models import MarketEdition, MarketScreening, ScreeningReservation
from markets.selectors.participation import participation_list_visible_to, pavilion_application_list_visible_to


def screening_reservation_list_visible_to(*, user) -> QuerySet[ScreeningReservation]:
    """Reservations the user may see: their own, and those of the screenings of their companies'
    films; agency admins see all."""
    reservations = ScreeningReservation.objects.select_related("user", "organization")
    if is_agency_admin(user):
        return reservations
    if not getattr(user, "is_authenticated", False):
        return reservations.none()
    return reservations.filter(Q(screening__organization_id__in=list(memberships_of(user))) | Q(user=user))


def screening_list_visible_to(*, user) -> QuerySet[MarketScreening]:
    """Every screening for a signed-in user (none for anonymous visitors), with its film,
    edition, market and company; each carries ``reserved_count``, ``reserved_by_me`` and
    ``visible_reservations`` (who reserved: only for the film's company and agency admins)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return MarketScreening.objects.none()
    reserved = (
        ScreeningReservation.objects.filter(screening_id=OuterRef("pk"))
        .order_by()
        .values("screening_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    if is_agency_admin(user):
        managed = ScreeningReservation.objects.all()
    else:
        managed = ScreeningReservation.objects.filter(screening__organization_id__in=list(memberships_of(user)))
    return (
        MarketScreening.objects.select_related("film", "edition__market", "organization")
        .annotate(
            reserved_count=Coalesce(Subquery(reserved, output_field=IntegerField()), Value(0)),
            reserved_by_me=Exists(ScreeningReservation.objects.filter(screening_id=OuterRef("pk"), user=user)),
        )
        .prefetch_related(
            Prefetch(
                "reservations",
                queryset=managed.select_related("user", "organization").order_by("created_at", "id"),
                to_attr="visible_reservations",
            )
        )
    )


def screening_list_for_edition(*, user, edition: MarketEdition) -> QuerySet[MarketScreening]:
    return screening_list_visible_to(user=user).filter(edition=edition).order_by("starts_at", "venue", "room", "id")


def screening_list_managed_by(*, user) -> QuerySet[MarketScreening]:
    """The screenings of the user's companies' films; for agency admins, those the agency organizes."""
    screenings = screening_list_visible_to(user=user)
    if is_agency_admin(user):
        return screenings.filter(organized_by_agency=True).order_by("-edition__starts_on", "starts_at", "id")
    return screenings.filter(organization_id__in=list(memberships_of(user))).order_by(
        "-edition__starts_on", "starts_at", "id"
    )


def screening_list_reserved_by(*, user) -> QuerySet[MarketScreening]:
    """The screenings the user holds a seat at, soonest first."""
    return screening_list_visible_to(user=user).filter(reservations__user=user).order_by("starts_at", "id")


def screening_film_choices(*, user) -> QuerySet[Film]:
    """The published films a user may schedule: their companies'; any for agency admins."""
    films = film_list_published().order_by("title_en", "pk")
    if is_agency_admin(user):
        return films
    return films.filter(organization_id__in=list(memberships_of(user)))


def screening_film_history(*, user, film: Film) -> dict:
    """A film's market history as this user may see it: the participations presenting it and the
    pavilion applications naming it (its company's members and agency admins), and its
    screenings (signed-in users). Four queries, whatever the history's length."""
    return {
        "participations": list(
            participation_list_visible_to(user=user)
            .filter(films=film)
            .prefetch_related(None)
            .order_by("-edition__starts_on", "-id")
        ),
        "applications": list(
            pavilion_application_list_visible_to(user=user)
            .filter(films=film)
            .prefetch_related(None)
            .order_by("-pavilion__edition__starts_on", "-id")
        ),
        "screenings": list(
            screening_list_visible_to(user=user)
            .filter(film=film)
            .prefetch_related(None)
            .order_by("-edition__starts_on", "starts_at", "id")
        ),
    }
