"""Rows several benchmarks seed alike: a producer company with its owner, festival editions year
after year. Imports no sibling module."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from accounts.enums import MembershipRole, OrganizationKind, VerificationStatus
from accounts.models import Membership, Organization, User
from festivals.models import Festival, FestivalEdition

BATCH = 5000


def producer_seed(*, name: str, email: str) -> tuple[Organization, User]:
    """A verified production company in China, and its owner (no usable password)."""
    company = Organization.objects.create(
        name=name,
        kind=OrganizationKind.PRODUCTION_COMPANY,
        country="CN",
        verification_status=VerificationStatus.VERIFIED,
    )
    owner = User.objects.create_user(email)
    Membership.objects.create(user=owner, organization=company, role=MembershipRole.OWNER)
    return company, owner


def editions_seed(festivals: Sequence[Festival], *, first_year: int, years: int) -> list[FestivalEdition]:
    """``years`` editions of each festival, one a year from ``first_year`` (10–20 May, Paris
    time), festival by festival."""
    return FestivalEdition.objects.bulk_create(
        (
            FestivalEdition(
                festival=festival,
                year=first_year + y,
                starts_on=date(first_year + y, 5, 10),
                ends_on=date(first_year + y, 5, 20),
                time_zone="Europe/Paris",
            )
            for festival in festivals
            for y in range(years)
        ),
        batch_size=BATCH,
    )
