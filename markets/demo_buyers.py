"""The buyer profiles of the demo buyer companies, made through the service: the verified
distributor keeps its own (and shares its activity with producers); the agency admin keeps the
profiles of the companies that are not verified (which producers do not see until they are).
The rejected company has none. Companies that already have a profile are left as they are."""

from __future__ import annotations

import dataclasses

from accounts.enums import BuyerVerificationStatus, OrganizationKind
from accounts.models import Membership, Organization
from markets import services
from markets.models import BuyerProfile


@dataclasses.dataclass(frozen=True)
class DemoBuyerProfile:
    company: str
    description_en: str
    description_zh: str
    genres: tuple[str, ...]
    territories: tuple[str, ...]
    media: tuple[str, ...]
    budget: tuple[str, str, str]
    share_activity: bool


PROFILES = (
    DemoBuyerProfile(
        "Overseas Distribution",
        "Art-house theatrical distributor in Paris, releasing about twelve Asian films a year in cinemas "
        "across France, Belgium and Switzerland, then on our own streaming and rental service.",
        "巴黎艺术电影发行公司，每年在法国、比利时和瑞士院线发行约十二部亚洲影片，随后上线自有流媒体和点播平台。",
        ("arthouse", "drama", "family", "history"),
        ("FR", "BE", "LU", "CH", "MC"),
        ("theatrical", "svod", "tvod"),
        ("20000", "150000", "EUR"),
        True,
    ),
    DemoBuyerProfile(
        "Nordlicht Broadcasting",
        "Regional public broadcaster in Cologne with a weekly world-cinema slot and a documentary strand.",
        "科隆地区公共广播机构，每周设有世界电影时段和纪录片栏目。",
        ("drama", "nature", "social-issues", "biography"),
        ("DE", "AT", "CH"),
        ("free_tv", "pay_tv"),
        ("10000", "60000", "EUR"),
        False,
    ),
    DemoBuyerProfile(
        "Pending Buyers",
        "Streaming platform for Latin America looking for Chinese-language animation, family films and youth dramas.",
        "面向拉丁美洲的流媒体平台，寻找华语动画、家庭片和青春剧情片。",
        ("children", "family", "youth", "fantasy"),
        ("latin_america",),
        ("svod", "avod"),
        ("5000", "40000", "USD"),
        False,
    ),
)


@dataclasses.dataclass
class BuyerDemoSummary:
    profiles: int = 0


def _actor_for(organization: Organization, *, admin):
    """The company's first member when it is verified (it keeps its own profile); else the admin."""
    if organization.verification_status != BuyerVerificationStatus.VERIFIED:
        return admin
    membership = Membership.objects.filter(organization=organization).select_related("user").order_by("pk").first()
    return membership.user if membership else admin


def demo_buyers_build(*, admin) -> BuyerDemoSummary:
    """Create the demo buyer companies' profiles that do not exist yet. ``admin`` is the agency
    admin who keeps the profiles of companies not (or no longer) verified."""
    summary = BuyerDemoSummary()
    names = [spec.company for spec in PROFILES]
    companies = {
        org.name: org for org in Organization.objects.filter(kind=OrganizationKind.BUYER_COMPANY, name__in=names)
    }
    for spec in PROFILES:
        organization = companies.get(spec.company)
        if organization is None or BuyerProfile.objects.filter(organization=organization).exists():
            continue
        low, high, currency = spec.budget
        services.buyer_profile_update(
            organization=organization,
            actor=_actor_for(organization, admin=admin),
            description_en=spec.description_en,
            description_zh=spec.description_zh,
            genres=list(spec.genres),
            territories=list(spec.territories),
            media=list(spec.media),
            budget_min=low,
            budget_max=high,
            budget_currency=currency,
            share_activity=spec.share_activity,
        )
        summary.profiles += 1
    return summary
