"""Registering and editing a film through its form: both languages, credits, companies, bad input."""

from datetime import date
from decimal import Decimal

import pytest

from accounts.enums import OrganizationKind
from films.enums import CreditRole, ListingStatus
from films.models import Credit, Film
from tests.factories import BuyerOrganizationFactory, MembershipFactory, OrganizationFactory
from tests.films.factories import CreditFactory
from tests.films.helpers import login

pytestmark = pytest.mark.django_db


# --- Create and edit -------------------------------------------------------------------------


def credit_rows(*rows, initial: int = 0, extra: int = 1) -> dict:
    data = {
        "credits-TOTAL_FORMS": str(len(rows) + extra),
        "credits-INITIAL_FORMS": str(initial),
        "credits-MIN_NUM_FORMS": "0",
        "credits-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate([*rows, *([{}] * extra)]):
        for key in ("role", "name", "name_latin", "character"):
            data[f"credits-{i}-{key}"] = row.get(key, "")
        if row.get("DELETE"):
            data[f"credits-{i}-DELETE"] = "on"
    return data


def film_form(**changes) -> dict:
    data = {
        "title_original": "山河故人",
        "title_en": "Mountains May Depart",
        "logline_en": "Three lives across three decades.",
        "logline_zh": "跨越三十年的三个人生。",
        "synopsis_en": "Fenyang, 1999: Tao chooses between two suitors.",
        "synopsis_zh": "1999年的汾阳，涛在两个追求者之间做出选择。",
        "film_type": "feature_fiction",
        "genres": ["drama", "romance"],
        "runtime_minutes": "126",
        "production_year": "2024",
        "completion_status": "released",
        "original_languages": ["cmn"],
        "subtitle_languages": ["en", "fr"],
        "countries": ["CN", "FR"],
        "sales_agent": "",
        "trailer_url": "https://video.example.org/trailer",
        "screener_url": "",
        "picture_format": "DCP 4K",
        "aspect_ratio": "2.39:1",
        "sound": "Dolby 5.1",
        "domestic_release_date": "2024-05-01",
        "box_office_amount": "32000000",
        "box_office_currency": "CNY",
        "sales_contact_email": "sales@demo.test",
        **credit_rows(
            {"role": "director", "name": "贾樟柯", "name_latin": "Jia Zhangke"},
            {"role": "cast", "name": "赵涛", "name_latin": "Zhao Tao", "character": "沈涛"},
        ),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_producer_registers_a_film_with_both_languages_and_credits(client, producer, producer_org):
    agent = OrganizationFactory(name="Asian Shadows", kind=OrganizationKind.SALES_AGENT)
    login(client, producer)

    response = client.post("/films/new/", film_form(sales_agent=str(agent.pk)))

    film = Film.objects.get()
    assert response.status_code == 302
    assert response.url == f"/films/{film.pk}/"
    assert film.organization == producer_org
    assert film.listing_status == ListingStatus.DRAFT
    assert (film.title_original, film.title_en, film.runtime_minutes, film.production_year) == (
        "山河故人",
        "Mountains May Depart",
        126,
        2024,
    )
    assert (film.box_office_amount, film.box_office_currency) == (Decimal("32000000.00"), "CNY")
    assert film.domestic_release_date == date(2024, 5, 1)
    assert (film.sales_agent, film.sales_contact_email) == (agent, "sales@demo.test")
    assert (film.trailer_url, film.picture_format, film.aspect_ratio, film.sound) == (
        "https://video.example.org/trailer",
        "DCP 4K",
        "2.39:1",
        "Dolby 5.1",
    )
    assert sorted(film.genres.values_list("slug", flat=True)) == ["drama", "romance"]
    assert sorted(film.languages.values_list("kind", "language")) == [
        ("original", "cmn"),
        ("subtitle", "en"),
        ("subtitle", "fr"),
    ]
    assert sorted(film.production_countries.values_list("country", flat=True)) == ["CN", "FR"]
    assert list(film.credits.values_list("role", "name", "name_latin", "character")) == [
        ("director", "贾樟柯", "Jia Zhangke", ""),
        ("cast", "赵涛", "Zhao Tao", "沈涛"),
    ]


def test_the_form_saves_the_production_companies_and_the_edit_form_starts_from_them(client, producer, producer_org):
    partner = OrganizationFactory(name="Second Light Films")
    agent = OrganizationFactory(name="Asian Shadows", kind=OrganizationKind.SALES_AGENT)
    BuyerOrganizationFactory(name="Overseas Distribution")
    login(client, producer)

    form_page = client.get("/films/new/")
    response = client.post("/films/new/", film_form(production_companies=[str(producer_org.pk), str(partner.pk)]))

    choices = [org.name for org in form_page.context["form"].fields["production_companies"].queryset]
    assert choices == ["Asian Shadows", "Demo Pictures", "Second Light Films"]  # producers only, no buyers
    assert 'name="production_companies"' in form_page.content.decode()
    assert response.status_code == 302
    film = Film.objects.get()
    assert sorted(film.production_companies.values_list("name", flat=True)) == ["Demo Pictures", "Second Light Films"]
    edit = client.get(f"/films/{film.pk}/edit/")
    assert sorted(edit.context["form"]["production_companies"].value()) == sorted([producer_org.pk, partner.pk])

    client.post(f"/films/{film.pk}/edit/", film_form(production_companies=[str(agent.pk)]))
    assert list(film.production_companies.all()) == [agent]


def test_a_buyer_company_as_production_company_answers_400_and_saves_nothing(client, producer):
    buyer_company = BuyerOrganizationFactory()
    login(client, producer)

    response = client.post("/films/new/", film_form(production_companies=[str(buyer_company.pk)]))

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["production_companies"]
    assert Film.objects.count() == 0


def test_registering_a_film_starts_its_timeline(client, producer):
    login(client, producer)

    client.post("/films/new/", film_form())

    film = Film.objects.get()
    detail = client.get(f"/films/{film.pk}/")
    assert [(e.actor, e.from_state, e.to_state) for e in detail.context["events"]] == [(producer, "", "draft")]


def test_the_register_form_shows_english_and_chinese_side_by_side(client, producer):
    login(client, producer)

    html = client.get("/films/new/").content.decode()

    assert '<div class="bilingual-row">' in html
    assert html.index('id="id_title_en"') < html.index('id="id_title_original"')
    assert html.index('id="id_synopsis_en"') < html.index('id="id_synopsis_zh"')
    assert 'name="organization"' not in html


def test_a_producer_in_two_companies_chooses_the_owner(client, producer):
    second = OrganizationFactory(name="Zeta Sales", kind=OrganizationKind.SALES_AGENT)
    MembershipFactory(user=producer, organization=second, role="member")
    login(client, producer)

    form_page = client.get("/films/new/")
    response = client.post("/films/new/", film_form(organization=str(second.pk)))

    assert [org.name for org in form_page.context["form"].fields["organization"].queryset] == [
        "Demo Pictures",
        "Zeta Sales",
    ]
    assert response.status_code == 302
    assert Film.objects.get().organization == second


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"trailer_url": "http://video.example.org/trailer"}, "trailer_url", "Enter an https:// link."),
        ({"screener_url": "http://video.example.org/screener"}, "screener_url", "Enter an https:// link."),
        ({"runtime_minutes": "0"}, "runtime_minutes", "Ensure this value is greater than or equal to 1."),
        ({"runtime_minutes": "10000"}, "runtime_minutes", "Ensure this value is less than or equal to 1500."),
        ({"box_office_currency": ""}, "box_office_currency", "Give the currency of the box office."),
        ({"title_original": ""}, "title_original", "This field is required."),
        ({"production_year": "1800"}, "production_year", "Ensure this value is greater than or equal to 1895."),
        ({"countries": ["XX"]}, "countries", "Select a valid choice. XX is not one of the available choices."),
    ],
)
def test_bad_film_input_answers_400_naming_the_field_and_saves_nothing(client, producer, changes, field, message):
    login(client, producer)

    response = client.post("/films/new/", film_form(**changes))

    assert response.status_code == 400
    assert response.context["form"].errors == {field: [message]}
    assert Film.objects.count() == 0


def test_a_credit_row_without_a_role_answers_400_and_saves_nothing(client, producer):
    login(client, producer)

    response = client.post("/films/new/", film_form(**{"credits-1-role": ""}))

    assert response.status_code == 400
    assert response.context["credits"].errors == [{}, {"role": ["This field is required."]}, {}]
    assert Film.objects.count() == 0
    assert Credit.objects.count() == 0


def test_editing_a_film_keeps_unchanged_credits_and_drops_deleted_ones(client, producer, draft):
    CreditFactory(film=draft, role=CreditRole.DIRECTOR, name="王小帅", name_latin="Wang Xiaoshuai")
    CreditFactory(film=draft, role=CreditRole.WRITER, name="宁岱", name_latin="Ning Dai")
    login(client, producer)
    data = film_form(
        title_en="Draft Story, Revised",
        **credit_rows(
            {"role": "director", "name": "王小帅", "name_latin": "Wang Xiaoshuai"},
            {"role": "writer", "name": "宁岱", "name_latin": "Ning Dai", "DELETE": True},
            {"role": "composer", "name": "窦唯"},
            initial=2,
        ),
    )

    response = client.post(f"/films/{draft.pk}/edit/", data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title_en == "Draft Story, Revised"
    assert list(draft.credits.values_list("role", "name")) == [("director", "王小帅"), ("composer", "窦唯")]
    assert draft.search_cjk.split()[:2] == ["山河", "河故"]


def test_the_edit_form_starts_from_the_film(client, producer, draft):
    CreditFactory(film=draft, role=CreditRole.DIRECTOR, name="王小帅")
    login(client, producer)

    response = client.get(f"/films/{draft.pk}/edit/")

    assert response.context["form"]["title_en"].value() == "Draft Story"
    assert response.context["credits"].initial == [
        {"role": "director", "name": "王小帅", "name_latin": "Wang Xiaoshuai", "character": ""}
    ]


def test_bad_edit_answers_400_and_changes_nothing(client, producer, draft):
    login(client, producer)

    response = client.post(f"/films/{draft.pk}/edit/", film_form(title_en="Changed", runtime_minutes="0"))

    assert response.status_code == 400
    draft.refresh_from_db()
    assert (draft.title_en, draft.runtime_minutes) == ("Draft Story", 100)
