"""Film weeks for the pages: the list, one week with its programme, proposals a user may see."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, QuerySet

from accounts.rules import is_agency_admin, memberships_of
from festivals.models import Showcase, ShowcasePartner, ShowcaseProposal, ShowcaseScreening
from films.enums import ListingStatus
from films.models import Film


def showcase_list_for_page() -> QuerySet[Showcase]:
    """Every film week by opening date, with its partners, in two queries whatever their number."""
    return Showcase.objects.prefetch_related(
        Prefetch("partners", queryset=ShowcasePartner.objects.order_by("id"))
    ).order_by("starts_on", "id")


def showcase_get_for_page(*, pk: int) -> Showcase | None:
    """One film week with its partners, venues and programme (each screening with its film and
    venue), in four queries whatever their number; None when there is no such week."""
    return (
        Showcase.objects.prefetch_related(
            Prefetch("partners", queryset=ShowcasePartner.objects.order_by("id")),
            "venues",
            Prefetch(
                "screenings",
                queryset=ShowcaseScreening.objects.select_related("film", "venue").order_by("starts_at", "id"),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def proposal_list_visible_to(*, user) -> QuerySet[ShowcaseProposal]:
    """Film-week proposals the user may see (as the API shows them): every one for agency admins,
    their companies' ones for members, none for anyone else; newest first, with film and company."""
    proposals = ShowcaseProposal.objects.select_related("film", "organization").order_by("-created_at", "-id")
    if is_agency_admin(user):
        return proposals
    return proposals.filter(organization_id__in=list(memberships_of(user)))


def film_list_proposable_by(*, user) -> QuerySet[Film]:
    """The published films of the user's companies, by title: what they may propose for a film week."""
    return Film.objects.filter(
        organization_id__in=list(memberships_of(user)), listing_status=ListingStatus.PUBLISHED
    ).order_by("title_en", "title_original", "id")


def showcase_call_open(*, showcase: Showcase, today: date) -> bool:
    """Whether producers may propose films for the week on ``today`` (a date in the week's zone)."""
    return showcase.call_closes_on is not None and today <= showcase.call_closes_on
