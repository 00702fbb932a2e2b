"""Create the demo world a newcomer meets on a fresh ``make run``. Safe to run again.

People and companies are made here; the film catalogue (films with posters, credits, rights
and listing histories, and a buyer's shortlists) comes from ``films.demo``.
"""

import time

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import services as account_services
from accounts.enums import (
    BuyerType,
    BuyerVerificationStatus,
    MembershipRole,
    OrganizationKind,
    StaffRole,
)
from accounts.models import Organization, User
from campaigns import demo as campaigns_demo
from core.workflow import audit_record
from festivals import demo as festivals_demo
from films import demo as films_demo
from films import services as film_services
from markets import demo as markets_demo
from support import demo as support_demo

DEFAULT_PASSWORD = "go-global-demo"  # noqa: S105 (documented demo password, refused with DEBUG off)

AGENCY = {
    "name": "China Film Export Promotion Agency",
    "country": "CN",
    "city": "Beijing",
    "website": "https://agency.demo.test",
    "description": "国家电影海外推广机构 — the national agency that takes homemade films abroad.",
}

PEOPLE = [
    # email, name, staff role
    ("admin@demo.test", "Wang Fang 王芳", StaffRole.AGENCY_ADMIN),
    ("reviewer@demo.test", "Li Wei 李伟", StaffRole.REVIEWER),
    ("reviewer2@demo.test", "Zhou Min 周敏", StaffRole.REVIEWER),
]

PRODUCERS = [
    (
        "producer@demo.test",
        "Chen Jing 陈静",
        "Demo Pictures",
        OrganizationKind.PRODUCTION_COMPANY,
        "CN",
        "Beijing",
        "https://demo-pictures.demo.test",
    ),
    (
        "producer2@demo.test",
        "Zhao Lei 赵磊",
        "Second Light Films",
        OrganizationKind.SALES_AGENT,
        "CN",
        "Shanghai",
        "https://second-light.demo.test",
    ),
]
# The verified producers' details the agency checked, and their cities in Chinese.
PRODUCER_DETAILS = {
    "Demo Pictures": {"city_zh": "北京", "registration_number": "91110105MA00DEMO1X"},
    "Second Light Films": {"city_zh": "上海", "registration_number": "91310104MA1FDEMO2Y"},
}

# A producer company that has just signed up: pending, with its registration number and
# licence given, and a draft it cannot yet send for review.
PENDING_PRODUCER = {
    "email": "producer3@demo.test",
    "full_name": "Liu Yang 刘洋",
    "company": "Yellow River Pictures",
    "kind": OrganizationKind.PRODUCTION_COMPANY,
    "country": "CN",
    "city": "Xi'an",
    "city_zh": "西安",
    "website": "https://yellow-river.demo.test",
    "registration_number": "91610131MA6UDEMO3P",
    "description": "黄河影业 — a young documentary company from Shaanxi.",
}
PENDING_PRODUCER_DRAFT = {
    "title_original": "黄河谣",
    "title_en": "Ballad of the Yellow River",
    "film_type": "documentary",
    "logline_en": "Three generations of ferrymen on the last crossing of the Yellow River without a bridge.",
    "logline_zh": "黄河上最后一个没有桥的渡口，三代摆渡人。",
    "runtime_minutes": 88,
    "production_year": 2026,
}
# The smallest well-formed PDF: the demo company's scanned business licence stands in as this.
_DEMO_LICENCE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

# email, name, company, buyer type, country, city, status, note for the decision
BUYERS = [
    (
        "buyer@demo.test",
        "Camille Martin",
        "Overseas Distribution",
        BuyerType.DISTRIBUTOR,
        "FR",
        "Paris",
        BuyerVerificationStatus.VERIFIED,
        "Checked the company register and two recent theatrical releases.",
    ),
    (
        "buyer2@demo.test",
        "Ana Souza",
        "Pending Buyers",
        BuyerType.STREAMING_PLATFORM,
        "BR",
        "São Paulo",
        BuyerVerificationStatus.PENDING,
        "",
    ),
    (
        "buyer3@demo.test",
        "Jonas Weber",
        "Nordlicht Broadcasting",
        BuyerType.BROADCASTER,
        "DE",
        "Cologne",
        BuyerVerificationStatus.SUSPENDED,
        "Licence fees for two titles are three months overdue.",
    ),
    (
        "buyer4@demo.test",
        "Sam Carter",
        "Quickflip Media",
        BuyerType.DISTRIBUTOR,
        "GB",
        "London",
        BuyerVerificationStatus.REJECTED,
        "No company registration found; the website was created last week.",
    ),
]

DESCRIPTIONS = {
    "Overseas Distribution": "Art-house theatrical distributor releasing 12 Asian titles a year in France and Belgium.",
    "Pending Buyers": "Streaming platform for Latin America looking for Chinese-language series and animation.",
    "Nordlicht Broadcasting": "Regional public broadcaster with a weekly world-cinema slot.",
    "Quickflip Media": "Buys worldwide rights to feature films.",
}


class Command(BaseCommand):
    help = "Create demo organizations and users (idempotent). Refused with DEBUG off unless --force."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="password for every demo login")
        parser.add_argument("--force", action="store_true", help="run even with DEBUG off")

    def handle(self, *args, password: str, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG is off: demo data would go into a real database. Use --force if you mean it.")
        started = time.monotonic()
        with transaction.atomic():
            self._build(password)
            catalogue = self._build_catalogue()
            festivals = festivals_demo.demo_festivals_build(admin=User.objects.get(email="admin@demo.test"))
            markets = markets_demo.demo_markets_build(admin=User.objects.get(email="admin@demo.test"))
            participation = markets_demo.demo_participation_build(
                admin=User.objects.get(email="admin@demo.test"),
                producers=[User.objects.get(email="producer@demo.test"), User.objects.get(email="producer2@demo.test")],
            )
            support = support_demo.demo_support_build(
                admin=User.objects.get(email="admin@demo.test"),
                producers=[User.objects.get(email="producer@demo.test"), User.objects.get(email="producer2@demo.test")],
                reviewers=[User.objects.get(email="reviewer@demo.test"), User.objects.get(email="reviewer2@demo.test")],
            )
            campaigns = campaigns_demo.demo_campaigns_build(
                admin=User.objects.get(email="admin@demo.test"),
                producers={
                    "producer": User.objects.get(email="producer@demo.test"),
                    "producer2": User.objects.get(email="producer2@demo.test"),
                },
                buyer=User.objects.get(email="buyer@demo.test"),
                newcomers=list(User.objects.filter(email__in=["producer3@demo.test", "buyer2@demo.test"])),
            )
        self._print_logins(password)
        states = ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in sorted(catalogue.states.items()))
        self.stdout.write(
            f"  catalogue: {sum(catalogue.states.values())} demo films ({states}); "
            f"{catalogue.created} new, {catalogue.images} images, {catalogue.rights_cells} rights cells, "
            f"{catalogue.shortlists} new shortlists, {catalogue.screener_requests} new screener requests "
            f"({time.monotonic() - started:.1f} s)"
        )
        self.stdout.write(
            f"  festivals: {festivals.editions} new editions, {festivals.deadlines} deadlines, "
            f"{festivals.submissions} submissions, {festivals.public_screenings} public screenings, "
            f"{festivals.showcases} film weeks, {festivals.proposals} proposals, {festivals.follows} follows"
        )
        self.stdout.write(
            f"  markets: {markets.editions} new editions (indicative dates), {participation.pavilions} pavilions, "
            f"{participation.applications} pavilion applications, {participation.participations} participations, "
            f"{markets.buyer_profiles} buyer profiles"
        )
        if participation.screenings is not None:
            screenings, meetings = participation.screenings, participation.meetings
            screeners, deals = participation.screeners, participation.deals
            self.stdout.write(
                f"  market business: {screenings.screenings} screenings ({screenings.reservations} seats reserved, "
                f"{screenings.cancelled} cancelled), {meetings.meetings} meetings, {screeners.files} screener files, "
                f"{screeners.grants} grants, {screeners.plays} plays, {deals.deals} deals ({deals.signed} signed)"
                + (f"; screeners skipped: {screeners.skipped}" if screeners.skipped else "")
            )
        if support.programmes:
            states = ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in sorted(support.states.items()))
            self.stdout.write(
                f"  export support: {support.programmes} programmes, {support.applications} applications ({states}), "
                f"{support.reviews} reviews, {support.payments} payments"
            )
        if campaigns.campaigns:
            states = ", ".join(f"{n} {status}" for status, n in sorted(campaigns.states.items()))
            campaign_in = int(campaigns_demo.SCHEDULED_IN.total_seconds() // 60)
            meeting_in = int(campaigns_demo.MEETING_REMINDER_IN.total_seconds() // 60)
            self.stdout.write(
                f"  campaigns: {campaigns.campaigns} ({states}), {campaigns.deliveries} deliveries, "
                f"{campaigns.clicks} clicks, {campaigns.saved_searches} saved searches, "
                f"{campaigns.reminders} reminders sent; the scheduled campaign goes out in {campaign_in} minutes "
                f"and a meeting's reminder in {meeting_in}"
            )

    def _user(self, email: str, name: str, password: str) -> User:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, password, full_name=name)
        return user

    def _build(self, password: str) -> None:
        agency, _ = Organization.objects.get_or_create(
            name=AGENCY["name"],
            kind=OrganizationKind.AGENCY,
            defaults={k: v for k, v in AGENCY.items() if k != "name"},
        )
        for email, name, role in PEOPLE:
            user = self._user(email, name, password)
            account_services.user_set_staff_role(user=user, role=role)
            account_services.membership_add(organization=agency, user=user, role=MembershipRole.MEMBER)
        admin = User.objects.get(email="admin@demo.test")

        for email, name, company, kind, country, city, website in PRODUCERS:
            user = self._user(email, name, password)
            org, _ = Organization.objects.get_or_create(
                name=company,
                kind=kind,
                defaults={
                    "country": country,
                    "city": city,
                    "website": website,
                    "verification_status": BuyerVerificationStatus.VERIFIED,
                    **PRODUCER_DETAILS[company],
                },
            )
            account_services.membership_add(organization=org, user=user, role=MembershipRole.OWNER)
        self._pending_producer(password)

        for email, name, company, buyer_type, country, city, status, note in BUYERS:
            user = self._user(email, name, password)
            org = Organization.objects.filter(name=company, kind=OrganizationKind.BUYER_COMPANY).first()
            if org is None:
                org = Organization.objects.create(
                    name=company,
                    kind=OrganizationKind.BUYER_COMPANY,
                    buyer_type=buyer_type,
                    country=country,
                    city=city,
                    description=DESCRIPTIONS[company],
                    verification_status=BuyerVerificationStatus.PENDING,
                )
                audit_record(
                    obj=org,
                    actor=user,
                    from_state="",
                    to_state=org.verification_status,
                    field="verification_status",
                )
                # Walk each company to its state through the real workflow, so its history is true.
                path = {
                    BuyerVerificationStatus.PENDING: [],
                    BuyerVerificationStatus.VERIFIED: [BuyerVerificationStatus.VERIFIED],
                    BuyerVerificationStatus.REJECTED: [BuyerVerificationStatus.REJECTED],
                    BuyerVerificationStatus.SUSPENDED: [
                        BuyerVerificationStatus.VERIFIED,
                        BuyerVerificationStatus.SUSPENDED,
                    ],
                }[status]
                # A member first, so each decision reaches the company as a notification.
                account_services.membership_add(organization=org, user=user, role=MembershipRole.OWNER)
                for step in path:
                    step_note = note if step == status else "Company register and references checked."
                    account_services.organization_transition(organization=org, to=step, actor=admin, note=step_note)
            account_services.membership_add(organization=org, user=user, role=MembershipRole.OWNER)

    def _pending_producer(self, password: str) -> None:
        spec = PENDING_PRODUCER
        user = self._user(spec["email"], spec["full_name"], password)
        org = Organization.objects.filter(name=spec["company"], kind=spec["kind"]).first()
        if org is not None:
            return
        org = Organization.objects.create(
            name=spec["company"],
            kind=spec["kind"],
            country=spec["country"],
            city=spec["city"],
            city_zh=spec["city_zh"],
            website=spec["website"],
            registration_number=spec["registration_number"],
            description=spec["description"],
            verification_status=BuyerVerificationStatus.PENDING,
        )
        account_services.membership_add(organization=org, user=user, role=MembershipRole.OWNER)
        account_services.organization_record_sign_up(organization=org, actor=user)
        user = User.objects.get(pk=user.pk)  # fresh: permission checks cache memberships on the object
        account_services.organization_document_upload(
            organization=org, actor=user, upload=ContentFile(_DEMO_LICENCE_PDF, name="licence.pdf")
        )
        film_services.film_create(organization=org, actor=user, data=PENDING_PRODUCER_DRAFT)

    def _build_catalogue(self) -> films_demo.DemoSummary:
        producers = {}
        for email, _name, company, kind, *_rest in PRODUCERS:
            # Fresh user objects: permission checks cache memberships on the object.
            producers[company] = (
                Organization.objects.get(name=company, kind=kind),
                User.objects.get(email=email),
            )
        return films_demo.demo_catalogue_build(
            producers=producers,
            admin=User.objects.get(email="admin@demo.test"),
            buyer=User.objects.get(email="buyer@demo.test"),
        )

    def _print_logins(self, password: str) -> None:
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Log in at /accounts/login/ with:"))
        rows = [(e, "agency admin" if r == StaffRole.AGENCY_ADMIN else "reviewer") for e, _n, r in PEOPLE]
        rows += [(e, f"producer, owner of {c}") for e, _n, c, *_ in PRODUCERS]
        rows.append(
            (PENDING_PRODUCER["email"], f"producer, owner of {PENDING_PRODUCER['company']} (awaiting verification)")
        )
        rows += [(e, f"buyer, {c} ({s})") for e, _n, c, _t, _c, _ci, s, _no in BUYERS]
        for email, what in rows:
            self.stdout.write(f"  {email:<22} {what}")
        self.stdout.write(f"  password for all: {password}")
