"""Deals are nobody else's business: who holds or negotiates a right, and on what terms, is for
the film's producer members and agency admins, and for the buyer company on the other side of
that deal. Every place that shows rights is tried with every role: the film page, the rights
API, the film records of the API, the shortlist's CSV export and print sheet.

Two verified buyers: Overseas Distribution (France) bought theatrical rights in France;
Nordlicht Broadcasting (Germany) negotiates free TV in Germany. Each is the other's competitor.
"""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.enums import BuyerVerificationStatus
from films import selectors
from films.enums import RightsStatus
from tests.factories import BuyerOrganizationFactory, member_of
from tests.films.factories import FilmRightFactory, PublishedFilmFactory, ShortlistFactory, ShortlistItemFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SOLD_FROM, SOLD_UNTIL = TODAY - timedelta(days=200), TODAY + timedelta(days=700)
OFFER_UNTIL = TODAY + timedelta(days=400)

# What only the producer's members and agency admins may read, by whose deal it is.
OVERSEAS_SECRETS = ("Overseas Distribution SA", SOLD_UNTIL.isoformat())
NORDLICHT_SECRETS = ("Nordlicht Broadcasting GmbH", "Nordlicht Broadcasting")


@pytest.fixture
def nordlicht_org(db):
    return BuyerOrganizationFactory(
        name="Nordlicht Broadcasting", country="DE", verification_status=BuyerVerificationStatus.VERIFIED
    )


@pytest.fixture
def nordlicht(nordlicht_org):
    return member_of(nordlicht_org, email="nordlicht@example.test")


@pytest.fixture
def film(producer_org, buyer_org, nordlicht_org):
    film = PublishedFilmFactory(organization=producer_org, title_en="Paper Kite", title_original="纸风筝")
    FilmRightFactory(
        film=film,
        territory="FR",
        media="theatrical",
        status=RightsStatus.SOLD,
        holder="Overseas Distribution SA",
        holder_organization=buyer_org,
        term_start=SOLD_FROM,
        term_end=SOLD_UNTIL,
    )
    FilmRightFactory(
        film=film,
        territory="DE",
        media="free_tv",
        status=RightsStatus.UNDER_NEGOTIATION,
        holder="Nordlicht Broadcasting GmbH",
        holder_organization=nordlicht_org,
    )
    FilmRightFactory(film=film, territory="FR", media="svod", term_end=OFFER_UNTIL)
    FilmRightFactory(film=film, territory="DE", media="svod")
    return film


def _buyer_in(status: str, name: str):
    organization = BuyerOrganizationFactory(name=name, verification_status=status)
    return member_of(organization, email=f"{status}@example.test")


ROLE_USERS = {
    "owner": lambda request: request.getfixturevalue("producer"),
    "other": lambda request: request.getfixturevalue("other_producer"),
    "counterpart": lambda request: request.getfixturevalue("buyer"),  # Overseas Distribution
    "competitor": lambda request: request.getfixturevalue("nordlicht"),
    "pending": lambda request: _buyer_in(BuyerVerificationStatus.PENDING, "Pending Buyers"),
    "suspended": lambda request: _buyer_in(BuyerVerificationStatus.SUSPENDED, "Suspended Buyers"),
    "rejected": lambda request: _buyer_in(BuyerVerificationStatus.REJECTED, "Rejected Buyers"),
    "anonymous": lambda request: None,
    "reviewer": lambda request: request.getfixturevalue("reviewer"),
    "admin": lambda request: request.getfixturevalue("agency_admin"),
}
ROLES = list(ROLE_USERS)
# Who sees the grid at all, and whose secrets each may read.
SEES_GRID = {"owner", "counterpart", "competitor", "admin"}
READS = {
    "owner": OVERSEAS_SECRETS + NORDLICHT_SECRETS,
    "admin": OVERSEAS_SECRETS + NORDLICHT_SECRETS,
    "counterpart": OVERSEAS_SECRETS,
    "competitor": NORDLICHT_SECRETS,
}
ALL_SECRETS = OVERSEAS_SECRETS + NORDLICHT_SECRETS


def _user(request, role):
    return ROLE_USERS[role](request)


# --- The one rule ---------------------------------------------------------------------


def _cells(film, user):
    viewer = selectors.rights_viewer(user=user, film=film)
    if viewer is None:
        return None
    return {
        (territory, medium): cell for territory, medium, cell in selectors.film_rights_cells(film=film, viewer=viewer)
    }


def test_the_producer_sees_every_holder_counterpart_and_term(request, film, buyer_org, nordlicht_org):
    cells = _cells(film, _user(request, "owner"))

    assert cells[("FR", "theatrical")] == selectors.RightsCell(
        "sold", "Overseas Distribution SA", SOLD_FROM, SOLD_UNTIL, buyer_org.pk, "Overseas Distribution"
    )
    assert cells[("DE", "free_tv")] == selectors.RightsCell(
        "under_negotiation", "Nordlicht Broadcasting GmbH", None, None, nordlicht_org.pk, "Nordlicht Broadcasting"
    )


def test_a_buyer_sees_its_own_deal_in_full_and_another_s_only_as_not_available(request, film, buyer_org):
    cells = _cells(film, _user(request, "counterpart"))

    assert cells == {
        ("FR", "theatrical"): selectors.RightsCell(
            "sold", "Overseas Distribution SA", SOLD_FROM, SOLD_UNTIL, buyer_org.pk, "Overseas Distribution", own=True
        ),
        ("DE", "free_tv"): selectors.RightsCell("not_available", "", None, None),
        ("FR", "svod"): selectors.RightsCell("available", "", None, OFFER_UNTIL),
        ("DE", "svod"): selectors.RightsCell("available", "", None, None),
    }


def test_a_sale_and_a_negotiation_of_others_look_the_same_to_a_buyer(request, film, producer_org):
    other = PublishedFilmFactory(organization=producer_org)
    FilmRightFactory(film=other, territory="IT", media="svod", status="sold", holder="A", term_end=SOLD_UNTIL)
    FilmRightFactory(film=other, territory="ES", media="svod", status="under_negotiation", holder="B")
    competitor = _user(request, "competitor")

    groups = selectors.film_rights_summary(film=other, viewer=selectors.rights_viewer(user=competitor, film=other))

    # One group: Italy and Spain cannot be told apart, so nothing says which is sold.
    assert [(group.countries, group.columns[3]) for group in groups] == [
        (["ES", "IT"], [selectors.RightsCell("not_available", "", None, None)])
    ]


@pytest.mark.parametrize("role", ["other", "pending", "suspended", "rejected", "anonymous", "reviewer"])
def test_who_may_not_see_the_grid_gets_no_viewer(request, film, role):
    assert _cells(film, _user(request, role) or _anonymous()) is None


def _anonymous():
    return AnonymousUser()


# --- The film page ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_film_page_shows_each_role_only_what_it_may_read(request, client, film, role):
    user = _user(request, role)
    if user is not None:
        client.force_login(user)

    response = client.get(f"/films/{film.pk}/")
    html = response.content.decode()

    assert response.status_code == 200
    assert ("Rights availability" in html) is (role in SEES_GRID)
    readable = READS.get(role, ())
    for secret in ALL_SECRETS:
        if secret != SOLD_UNTIL.isoformat():  # dates are shown formatted: see the next test
            assert (secret in html) is (secret in readable), secret
    if role in ("counterpart", "competitor"):
        assert "Not available" in html
        assert "Your company's deal" in html
        assert "Under negotiation" not in html if role == "counterpart" else "Sold" not in html


def test_the_film_page_grid_carries_the_sold_term_for_the_counterpart_only(request, client, film):
    for role, sees_term in [("counterpart", True), ("competitor", False), ("owner", True)]:
        client.force_login(_user(request, role))
        groups = client.get(f"/films/{film.pk}/").context["rights"]
        terms = {cell.term_end for group in groups for cells in group.columns for cell in cells}
        assert (SOLD_UNTIL in terms) is sees_term, role


# --- The API ---------------------------------------------------------------------------


RIGHTS_STATUS = {
    "owner": 200,
    "other": 403,
    "counterpart": 200,
    "competitor": 200,
    "pending": 403,
    "suspended": 403,
    "rejected": 403,
    "anonymous": 401,
    "reviewer": 403,
    "admin": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_the_rights_api_shows_each_role_only_what_it_may_read(request, film, role):
    client = APIClient()
    user = _user(request, role)
    if user is not None:
        client.force_authenticate(user)

    response = client.get(f"/api/v1/films/{film.pk}/rights/")

    assert response.status_code == RIGHTS_STATUS[role]
    text = response.content.decode()
    for secret in ALL_SECRETS:
        assert (secret in text) is (secret in READS.get(role, ())), secret
    if role == "competitor":
        fr_theatrical = next(r for r in response.json() if (r["territory"], r["media"]) == ("FR", "theatrical"))
        assert fr_theatrical == {
            "territory": "FR",
            "media": "theatrical",
            "status": "not_available",
            "holder": "",
            "holder_organization": None,
            "holder_organization_name": "",
            "term_start": None,
            "term_end": None,
            "own": False,
        }


@pytest.mark.parametrize("role", ["pending", "suspended", "rejected"])
def test_an_unverified_buyer_is_told_its_status_by_the_rights_api(request, film, role):
    client = APIClient()
    client.force_authenticate(_user(request, role))

    body = client.get(f"/api/v1/films/{film.pk}/rights/").json()

    assert body["code"] == "verification_required"
    assert {"pending": "waiting for the agency", "suspended": "suspended", "rejected": "could not verify"}[role] in (
        body["message"]
    )


@pytest.mark.parametrize("role", ROLES)
def test_film_records_in_the_api_carry_no_holder_for_anyone(request, film, role):
    client = APIClient()
    user = _user(request, role)
    if user is not None:
        client.force_authenticate(user)

    texts = [
        client.get(f"/api/v1/films/{film.pk}/").content.decode(),
        client.get("/api/v1/films/").content.decode(),
    ]

    for text in texts:
        for secret in ALL_SECRETS:
            assert secret not in text


def test_the_producer_names_the_buyer_company_through_the_api(api_client, producer, film, buyer_org):
    api_client.force_authenticate(producer)
    rows = [
        {"territory": "ES", "media": "svod", "status": "sold", "holder": "Ovs", "holder_organization": buyer_org.pk}
    ]

    response = api_client.put(f"/api/v1/films/{film.pk}/rights/", rows, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()[0]["holder_organization"] == buyer_org.pk
    assert list(film.rights.values_list("territory", "holder_organization")) == [("ES", buyer_org.pk)]


@pytest.mark.parametrize(
    ("counterpart", "status", "message"),
    [
        ("producer_org", "sold", "Row 1: the buyer company “{id}” is not a buyer company on the portal."),
        (999_999, "sold", "Row 1: the buyer company “{id}” is not a buyer company on the portal."),
        (
            "buyer_org",
            "available",
            "Row 1: an available right has no buyer company; choose one only for a sale or a negotiation.",
        ),
    ],
)
def test_a_counterpart_that_is_no_buyer_company_is_refused(
    request, api_client, producer, film, counterpart, status, message
):
    api_client.force_authenticate(producer)
    counterpart_id = request.getfixturevalue(counterpart).pk if isinstance(counterpart, str) else counterpart
    rows = [{"territory": "ES", "media": "svod", "status": status, "holder_organization": counterpart_id}]

    response = api_client.put(f"/api/v1/films/{film.pk}/rights/", rows, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {"rights": [message.format(id=counterpart_id)]}
    assert film.rights.count() == 4


# --- The rights editor -----------------------------------------------------------------


def test_the_rights_editor_keeps_the_buyer_company_of_each_row(client, producer, film, buyer_org, nordlicht_org):
    client.force_login(producer)

    page = client.get(f"/films/{film.pk}/rights/")
    initial = page.context["formset"].initial
    data = {"action": "rows", **page.context["formset"].management_form.initial}
    data = {
        "action": "rows",
        "rights-TOTAL_FORMS": str(len(initial)),
        "rights-INITIAL_FORMS": str(len(initial)),
        "rights-MIN_NUM_FORMS": "0",
        "rights-MAX_NUM_FORMS": "500",
    }
    for n, row in enumerate(initial):
        data.update(
            {
                f"rights-{n}-territory": row["territory"],
                f"rights-{n}-media_all": "on" if row["media_all"] else "",
                f"rights-{n}-media": row["media"],
                f"rights-{n}-status": row["status"],
                f"rights-{n}-holder": row["holder"],
                f"rights-{n}-holder_organization": row["holder_organization"] or "",
                f"rights-{n}-term_start": row["term_start"] or "",
                f"rights-{n}-term_end": row["term_end"] or "",
                f"rights-{n}-excluded": row["excluded"],
            }
        )
    before = sorted(film.rights.values_list("territory", "media", "status", "holder", "holder_organization"))

    response = client.post(f"/films/{film.pk}/rights/", data)

    assert response.status_code == 302
    assert sorted(film.rights.values_list("territory", "media", "status", "holder", "holder_organization")) == before
    assert ("FR", "theatrical", "sold", "Overseas Distribution SA", buyer_org.pk) in before
    assert "Nordlicht Broadcasting" in page.content.decode()  # a choice of the select


# --- Shortlist export and print sheet --------------------------------------------------


def _export(client, shortlist, **params):
    response = client.get(f"/films/shortlists/{shortlist.pk}/export.csv", params)
    assert response.status_code == 200
    header, *rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    return [dict(zip(header, row, strict=True)) for row in rows]


@pytest.mark.parametrize(
    ("role", "media", "expected"),
    [
        # Overseas Distribution (France): its own sale in full.
        ("counterpart", "theatrical", "Sold (your company)"),
        ("counterpart", "svod", "Available"),
        ("counterpart", "free_tv", "Not listed"),
        ("counterpart", "", "Theatrical: Sold (your company); SVOD: Available"),
        # Nordlicht (Germany): its own negotiation in full; nothing of France's sale.
        ("competitor", "free_tv", "Under negotiation (your company)"),
        ("competitor", "", "Free TV: Under negotiation (your company); SVOD: Available"),
    ],
)
def test_the_csv_carries_availability_in_the_buyer_s_own_country_for_the_media(
    request, client, film, role, media, expected
):
    user = _user(request, role)
    shortlist = ShortlistFactory(owner=user)
    ShortlistItemFactory(shortlist=shortlist, film=film)
    client.force_login(user)

    (row,) = _export(client, shortlist, **({"media": media} if media else {}))

    territory = {"counterpart": "FR", "competitor": "DE"}[role]
    assert (row["rights_territory"], row["rights_media"], row["availability"]) == (territory, media or "all", expected)


def test_the_csv_shows_a_competitor_s_sale_as_not_available(request, client, film, nordlicht_org):
    # Nordlicht's country is France for this test: the French theatrical sale is another's.
    nordlicht_org.country = "FR"
    nordlicht_org.save()
    user = _user(request, "competitor")
    shortlist = ShortlistFactory(owner=user)
    ShortlistItemFactory(shortlist=shortlist, film=film)
    client.force_login(user)

    (row,) = _export(client, shortlist, media="theatrical")
    (every,) = _export(client, shortlist)

    assert row["availability"] == "Not available"
    assert every["availability"] == "Theatrical: Not available; SVOD: Available"
    for secret in ALL_SECRETS:
        assert secret not in str(row) + str(every)


def test_a_suspended_buyer_s_csv_carries_no_availability(request, client, film, buyer, buyer_org):
    shortlist = ShortlistFactory(owner=buyer)
    ShortlistItemFactory(shortlist=shortlist, film=film)
    buyer_org.verification_status = BuyerVerificationStatus.SUSPENDED
    buyer_org.save()
    client.force_login(buyer)

    (row,) = _export(client, shortlist, media="theatrical")

    assert (row["rights_territory"], row["rights_media"], row["availability"]) == ("", "", "")


def test_an_unknown_media_answers_400_naming_the_parameter(client, buyer, film):
    shortlist = ShortlistFactory(owner=buyer)
    client.force_login(buyer)

    for url in (f"/films/shortlists/{shortlist.pk}/export.csv", f"/films/shortlists/{shortlist.pk}/print/"):
        response = client.get(url, {"media": "cinema"})
        assert response.status_code == 400
        assert "media: choose one of theatrical, free_tv" in response.content.decode()


@pytest.mark.parametrize("role", ["counterpart", "competitor"])
def test_the_print_sheet_shows_the_buyer_its_country_s_rights_and_no_one_else_s_deal(request, client, film, role):
    user = _user(request, role)
    shortlist = ShortlistFactory(owner=user)
    ShortlistItemFactory(shortlist=shortlist, film=film)
    client.force_login(user)

    html = client.get(f"/films/shortlists/{shortlist.pk}/print/").content.decode()

    country = {"counterpart": "France", "competitor": "Germany"}[role]
    assert f"Rights in {country}" in html
    own = {"counterpart": "Theatrical: Sold (your company)", "competitor": "Free TV: Under negotiation (your company)"}
    assert own[role] in html
    for secret in ALL_SECRETS:
        assert secret not in html


def test_the_export_and_print_cost_the_same_queries_for_one_film_or_several(client, buyer, producer_org, film):
    shortlist = ShortlistFactory(owner=buyer)
    ShortlistItemFactory(shortlist=shortlist, film=film)
    client.force_login(buyer)

    def count(url) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        return len(queries)

    urls = [f"/films/shortlists/{shortlist.pk}/export.csv?media=svod", f"/films/shortlists/{shortlist.pk}/print/"]
    one = [count(url) for url in urls]
    for _ in range(4):
        other = PublishedFilmFactory(organization=producer_org)
        FilmRightFactory(film=other, territory="FR", media="svod")
        ShortlistItemFactory(shortlist=shortlist, film=other)
    assert [count(url) for url in urls] == one


@pytest.mark.parametrize("role", ["counterpart", "owner"])
def test_the_rights_api_and_film_page_cost_the_same_queries_for_few_rows_or_many(request, client, film, role):
    user = _user(request, role)
    api = APIClient()
    api.force_authenticate(user)
    client.force_login(user)
    urls = [(api, f"/api/v1/films/{film.pk}/rights/"), (client, f"/films/{film.pk}/")]

    def counts() -> list[int]:
        result = []
        for who, url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert who.get(url).status_code == 200
            result.append(len(queries))
        return result

    counts()  # the first request fills the caches (genres, the user's memberships), as any earlier one would
    few = counts()
    for country in ("IT", "ES", "PT", "NL", "BE", "AT"):
        FilmRightFactory(film=film, territory=country, media="pay_tv", status=RightsStatus.SOLD, holder="X")

    assert counts() == few


def test_the_list_page_offers_export_and_print_for_a_chosen_media(request, client, film):
    user = _user(request, "counterpart")
    shortlist = ShortlistFactory(owner=user)
    ShortlistItemFactory(shortlist=shortlist, film=film)
    client.force_login(user)

    html = client.get(f"/films/shortlists/{shortlist.pk}/").content.decode()
    printed = client.get(f"/films/shortlists/{shortlist.pk}/print/", {"media": "svod"}).content.decode()

    assert f'action="/films/shortlists/{shortlist.pk}/export.csv"' in html
    assert f'formaction="/films/shortlists/{shortlist.pk}/print/"' in html
    assert '<option value="svod">SVOD</option>' in html
    assert "SVOD: Available" in printed
    assert "Theatrical:" not in printed
