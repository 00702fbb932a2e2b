"""A buyer's shortlists: lists, adding and removing films, the CSV export and the print page."""

import csv
import io

import pytest

from films.enums import CreditRole, ListingStatus
from films.models import Film, Shortlist, ShortlistItem
from tests.factories import BuyerOrganizationFactory, member_of
from tests.films.factories import CreditFactory, PublishedFilmFactory, ShortlistFactory, ShortlistItemFactory
from tests.films.helpers import login
from tests.pages import messages_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(producer_org):
    return PublishedFilmFactory(
        organization=producer_org,
        title_en="Mountains May Depart",
        title_original="山河故人",
        synopsis_en="Three lives across three decades in Fenyang.",
        genres=["drama"],
    )


# --- Shortlists ------------------------------------------------------------------------------


def test_a_buyer_creates_renames_and_deletes_a_list(client, buyer):
    login(client, buyer)

    created = client.post("/films/shortlists/", {"name": "Berlin 2026"})
    shortlist = Shortlist.objects.get()
    renamed = client.post(f"/films/shortlists/{shortlist.pk}/", {"name": "EFM 2026"})
    shortlist.refresh_from_db()
    name_after_rename = shortlist.name
    deleted = client.post(f"/films/shortlists/{shortlist.pk}/delete/", {"confirmed": "1"})

    assert (created.status_code, created.url) == (302, f"/films/shortlists/{shortlist.pk}/")
    assert (renamed.status_code, name_after_rename) == (302, "EFM 2026")
    assert (deleted.status_code, deleted.url) == (302, "/films/shortlists/")
    assert Shortlist.objects.count() == 0


def test_a_duplicate_list_name_answers_400(client, buyer):
    ShortlistFactory(owner=buyer, name="Berlin 2026")
    login(client, buyer)

    response = client.post("/films/shortlists/", {"name": "berlin 2026"})

    assert response.status_code == 400
    assert response.context["form"].errors == {"name": ["You already have a list with this name."]}
    assert Shortlist.objects.count() == 1


def test_add_to_a_chosen_list_from_a_catalogue_card_and_go_back(client, buyer, published):
    shortlist = ShortlistFactory(owner=buyer, name="Cannes")
    login(client, buyer)

    card = client.get("/films/", {"genre": "drama"}).content.decode()
    response = client.post(
        f"/films/{published.pk}/shortlist/", {"shortlist": shortlist.pk, "next": "/films/?genre=drama"}
    )

    assert f'action="/films/{published.pk}/shortlist/"' in card
    assert (response.status_code, response.url) == (302, "/films/?genre=drama")
    assert list(ShortlistItem.objects.values_list("shortlist__name", "film")) == [("Cannes", published.pk)]


def test_add_without_a_list_starts_my_shortlist_then_reuses_it(client, buyer, published, producer_org):
    other = PublishedFilmFactory(organization=producer_org)
    login(client, buyer)

    client.post(f"/films/{published.pk}/shortlist/", {})
    client.post(f"/films/{other.pk}/shortlist/", {"new_name": ""})

    assert sorted(ShortlistItem.objects.values_list("shortlist__name", "film")) == [
        ("My shortlist", published.pk),
        ("My shortlist", other.pk),
    ]


def test_add_to_a_new_named_list_from_the_film_page(client, buyer, published):
    login(client, buyer)

    response = client.post(f"/films/{published.pk}/shortlist/", {"new_name": "Busan"}, follow=True)

    assert response.redirect_chain == [(f"/films/{published.pk}/", 302)]
    assert messages_of(response) == ["“Mountains May Depart” is on your list “Busan”."]
    assert [s.name for s in response.context["on_shortlists"]] == ["Busan"]


def test_an_unverified_buyer_cannot_shortlist(client, pending_buyer, published):
    login(client, pending_buyer)

    response = client.post(f"/films/{published.pk}/shortlist/", {"new_name": "Mine"})

    assert response.status_code == 403
    assert Shortlist.objects.count() == 0


def test_another_buyers_list_cannot_be_filled(client, buyer, buyer_org, published):
    foreign = ShortlistFactory(owner=member_of(BuyerOrganizationFactory(verification_status="verified")))
    login(client, buyer)

    response = client.post(f"/films/{published.pk}/shortlist/", {"shortlist": foreign.pk})

    assert response.status_code == 404
    assert ShortlistItem.objects.count() == 0


def test_remove_a_film_from_a_list(client, buyer, published):
    item = ShortlistItemFactory(shortlist=ShortlistFactory(owner=buyer), film=published)
    login(client, buyer)

    response = client.post(f"/films/shortlists/{item.shortlist.pk}/remove/{published.pk}/")

    assert (response.status_code, response.url) == (302, f"/films/shortlists/{item.shortlist.pk}/")
    assert ShortlistItem.objects.count() == 0


def test_csv_export_lists_the_films_with_directors_and_contacts(client, buyer, producer_org, producer, published):
    CreditFactory(film=published, role=CreditRole.DIRECTOR, name="贾樟柯", name_latin="Jia Zhangke")
    CreditFactory(film=published, role=CreditRole.CAST, name="赵涛", name_latin="Zhao Tao")
    second = PublishedFilmFactory(
        organization=producer_org,
        title_original="江湖儿女",
        title_en="Ash Is Purest White",
        production_year=2018,
        runtime_minutes=136,
        genres=["crime", "romance"],
        sales_contact_email="sales@demo.test",
    )
    shortlist = ShortlistFactory(owner=buyer)
    ShortlistItemFactory(shortlist=shortlist, film=published)
    ShortlistItemFactory(shortlist=shortlist, film=second)
    login(client, buyer)

    response = client.get(f"/films/shortlists/{shortlist.pk}/export.csv")

    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="shortlist-{shortlist.pk}.csv"'
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text[1:]))) == [
        [
            "title_original",
            "title_en",
            "year",
            "runtime",
            "type",
            "genres",
            "directors",
            "sales_contact",
            "film_url",
            "rights_territory",
            "rights_media",
            "availability",
        ],
        [
            "江湖儿女",
            "Ash Is Purest White",
            "2018",
            "136",
            "Feature fiction",
            "Crime; Romance",
            "",
            "sales@demo.test",
            f"http://testserver/films/{second.pk}/",
            "FR",
            "all",
            "Not listed",
        ],
        [
            "山河故人",
            "Mountains May Depart",
            "2024",
            "100",
            "Feature fiction",
            "Drama",
            "贾樟柯 (Jia Zhangke)",
            producer.email,
            f"http://testserver/films/{published.pk}/",
            "FR",
            "all",
            "Not listed",
        ],
    ]


def test_print_page_puts_each_film_on_its_own_sheet(client, buyer, published, producer_org):
    second = PublishedFilmFactory(organization=producer_org, title_en="Ash Is Purest White")
    shortlist = ShortlistFactory(owner=buyer)
    ShortlistItemFactory(shortlist=shortlist, film=published)
    ShortlistItemFactory(shortlist=shortlist, film=second)
    login(client, buyer)

    html = client.get(f"/films/shortlists/{shortlist.pk}/print/").content.decode()

    assert html.count('<article class="print-sheet"') == 2
    assert "Three lives across three decades in Fenyang." in html


def test_a_withdrawn_film_leaves_the_list_but_can_still_be_removed(client, buyer, published, producer):
    item = ShortlistItemFactory(shortlist=ShortlistFactory(owner=buyer), film=published)
    Film.objects.filter(pk=published.pk).update(listing_status=ListingStatus.WITHDRAWN)
    login(client, buyer)

    detail = client.get(f"/films/shortlists/{item.shortlist.pk}/")
    removed = client.post(f"/films/shortlists/{item.shortlist.pk}/remove/{published.pk}/")

    assert detail.context["films"] == []
    assert removed.status_code == 302
    assert ShortlistItem.objects.count() == 0
