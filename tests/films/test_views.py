import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import CheckboxInput
from django_countries import countries

from accounts.enums import OrganizationKind
from core.csvreader import CsvLimits
from core.models import AuditEvent, Job
from films import services
from films.enums import CreditRole, ListingStatus, RightsMedia
from films.models import Credit, Film, FilmImage, Shortlist, ShortlistItem
from films.territories import territory_expand
from tests.factories import BuyerOrganizationFactory, MembershipFactory, OrganizationFactory, member_of
from tests.films.factories import (
    CreditFactory,
    FilmFactory,
    FilmRightFactory,
    PublishedFilmFactory,
    ShortlistFactory,
    ShortlistItemFactory,
    complete_film,
    forged_upload,
    poster_upload,
)
from tests.pages import ROLES, messages_of, status_of

pytestmark = pytest.mark.django_db

ALL_MEDIA = len(RightsMedia.values)


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def draft(producer_org):
    return FilmFactory(organization=producer_org, title_en="Draft Story", title_original="草稿故事")


@pytest.fixture
def published(producer_org):
    return PublishedFilmFactory(
        organization=producer_org,
        title_en="Mountains May Depart",
        title_original="山河故人",
        synopsis_en="Three lives across three decades in Fenyang.",
        genres=["drama"],
    )


# --- Who may open which page ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 200),
        ("other", 200),
        ("buyer", 403),
        ("unverified", 403),
        ("anonymous", "login"),
        ("reviewer", 403),
        ("admin", 200),
    ],
)
def test_my_films_page_is_for_producers_and_admins(client, as_role, role, expected):
    as_role(role)

    assert status_of(client.get("/films/mine/")) == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 200),
        ("other", 200),
        ("buyer", 403),
        ("unverified", 403),
        ("anonymous", "login"),
        ("reviewer", 403),
        ("admin", 403),
    ],
)
def test_register_page_is_for_members_of_producer_companies(client, as_role, role, expected):
    as_role(role)

    assert status_of(client.get("/films/new/")) == expected


@pytest.mark.parametrize("page", ["edit", "rights", "media"])
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 200),
        ("other", 404),
        ("buyer", 404),
        ("unverified", 404),
        ("anonymous", "login"),
        ("reviewer", 404),
        ("admin", 403),
    ],
)
def test_a_drafts_producer_pages_are_for_its_company_only(client, as_role, draft, page, role, expected):
    as_role(role)

    assert status_of(client.get(f"/films/{draft.pk}/{page}/")) == expected


@pytest.mark.parametrize("page", ["edit", "rights", "media"])
@pytest.mark.parametrize(
    ("role", "expected"),
    [("owner", 200), ("other", 403), ("buyer", 403), ("unverified", 403), ("reviewer", 403), ("admin", 403)],
)
def test_a_published_films_producer_pages_are_refused_to_those_who_see_it(
    client, as_role, published, page, role, expected
):
    as_role(role)

    assert client.get(f"/films/{published.pk}/{page}/").status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 403),
        ("other", 403),
        ("buyer", 403),
        ("unverified", 403),
        ("anonymous", "login"),
        ("reviewer", 403),
        ("admin", 200),
    ],
)
def test_review_queue_is_for_agency_admins(client, as_role, role, expected):
    as_role(role)

    assert status_of(client.get("/films/review/")) == expected


@pytest.mark.parametrize("role", ROLES)
def test_catalogue_is_open_to_everyone(client, as_role, published, role):
    as_role(role)

    response = client.get("/films/")

    assert response.status_code == 200
    assert list(response.context["films"]) == [published]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 200),
        ("other", 404),
        ("buyer", 404),
        ("unverified", 404),
        ("anonymous", 404),
        ("reviewer", 404),
        ("admin", 200),
    ],
)
def test_a_drafts_page_is_seen_by_its_company_and_admins_only(client, as_role, draft, role, expected):
    as_role(role)

    assert client.get(f"/films/{draft.pk}/").status_code == expected


@pytest.mark.parametrize(
    ("role", "full", "screener"),
    [
        ("owner", True, False),
        ("other", False, False),
        ("buyer", True, True),
        ("unverified", False, False),
        ("anonymous", False, False),
        ("reviewer", False, False),
        ("admin", True, True),
    ],
)
def test_a_published_films_full_record_is_for_verified_buyers_members_and_admins(
    client, as_role, producer, published, role, full, screener
):
    CreditFactory(film=published, role=CreditRole.DIRECTOR, name="贾樟柯", name_latin="Jia Zhangke")
    as_role(role)

    response = client.get(f"/films/{published.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "山河故人" in html
    assert "A family gathers for one last summer." in html
    assert response.context["full"] is full
    assert ("Three lives across three decades in Fenyang." in html) is full
    assert ("Jia Zhangke" in html) is full
    assert ("Request a screener" in html) is screener
    assert ("mailto:producer@example.test?subject=Screener%20request%3A%20Mountains%20May%20Depart" in html) is screener
    assert ("Rights availability" in html) is full


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 403),
        ("other", 403),
        ("buyer", 200),
        ("unverified", 403),
        ("anonymous", "login"),
        ("reviewer", 403),
        ("admin", 403),
    ],
)
def test_shortlists_page_is_for_verified_buyers(client, as_role, role, expected):
    as_role(role)

    assert status_of(client.get("/films/shortlists/")) == expected


@pytest.mark.parametrize("page", ["", "print/", "export.csv"])
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 404),
        ("other", 404),
        ("buyer", 200),
        ("unverified", 404),
        ("anonymous", "login"),
        ("reviewer", 404),
        ("admin", 404),
    ],
)
def test_a_shortlist_is_seen_by_its_owner_only(client, as_role, buyer, page, role, expected):
    shortlist = ShortlistFactory(owner=buyer)
    as_role(role)

    assert status_of(client.get(f"/films/shortlists/{shortlist.pk}/{page}")) == expected


def test_another_buyers_shortlist_answers_404(client, buyer, buyer_org):
    colleague = member_of(buyer_org)
    shortlist = ShortlistFactory(owner=colleague)
    login(client, buyer)

    assert client.get(f"/films/shortlists/{shortlist.pk}/").status_code == 404
    assert client.post(f"/films/shortlists/{shortlist.pk}/delete/").status_code == 404
    assert Shortlist.objects.filter(pk=shortlist.pk).exists()


@pytest.mark.parametrize("page", ["/films/import/", "/films/import/template.csv"])
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 200),
        ("other", 200),
        ("buyer", 403),
        ("unverified", 403),
        ("anonymous", "login"),
        ("reviewer", 403),
        ("admin", 200),
    ],
)
def test_import_is_for_producers_and_admins(client, as_role, producer_org, page, role, expected):
    as_role(role)

    assert status_of(client.get(page)) == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [("other", 404), ("buyer", 404), ("unverified", 404), ("anonymous", "login"), ("reviewer", 404)],
)
def test_moving_a_draft_is_refused_to_those_who_cannot_see_it(client, as_role, producer_org, role, expected):
    film = complete_film(producer_org)
    as_role(role)

    response = client.post(f"/films/{film.pk}/transition/", {"to": "pending_review"})

    assert status_of(response) == expected
    film.refresh_from_db()
    assert film.listing_status == ListingStatus.DRAFT


@pytest.mark.parametrize(("role", "to"), [("buyer", "withdrawn"), ("other", "withdrawn"), ("unverified", "withdrawn")])
def test_moving_a_published_film_is_forbidden_to_outsiders(client, as_role, published, role, to):
    as_role(role)

    response = client.post(f"/films/{published.pk}/transition/", {"to": to})

    assert response.status_code == 403
    published.refresh_from_db()
    assert published.listing_status == ListingStatus.PUBLISHED


def test_an_admin_cannot_submit_a_producers_draft(client, agency_admin, producer_org):
    film = complete_film(producer_org)
    login(client, agency_admin)

    response = client.post(f"/films/{film.pk}/transition/", {"to": "pending_review"})

    assert response.status_code == 403
    film.refresh_from_db()
    assert film.listing_status == ListingStatus.DRAFT


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


# --- Rights ------------------------------------------------------------------------------------


def rights_rows(*rows, initial: int = 0) -> dict:
    data = {
        "action": "rows",
        "rights-TOTAL_FORMS": str(len(rows)),
        "rights-INITIAL_FORMS": str(initial),
        "rights-MIN_NUM_FORMS": "0",
        "rights-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"rights-{i}-{key}"] = value
    return data


def test_rights_rows_are_saved_as_grid_cells(client, producer, draft):
    login(client, producer)

    response = client.post(
        f"/films/{draft.pk}/rights/",
        rights_rows(
            {"territory": "europe", "media_all": "on", "status": "available", "excluded": "FR, DE"},
            {"territory": "FR", "media": ["theatrical", "svod"], "status": "sold", "holder": "Ad Vitam"},
            {"territory": "", "media_all": "on", "status": "available"},
        ),
    )

    assert response.status_code == 302
    assert response.url == f"/films/{draft.pk}/rights/"
    europe = len(territory_expand("europe"))
    assert draft.rights.count() == (europe - 2) * ALL_MEDIA + 2
    assert sorted(draft.rights.filter(territory="FR").values_list("media", "status", "holder")) == [
        ("svod", "sold", "Ad Vitam"),
        ("theatrical", "sold", "Ad Vitam"),
    ]
    assert not draft.rights.filter(territory="DE").exists()


def test_the_rights_page_summarises_countries_with_identical_rows(client, producer, draft):
    services.film_rights_replace(
        film=draft,
        actor=producer,
        rows=[
            {"territory": "worldwide", "media": "all", "status": "available", "except": ["CN", "HK"]},
            {"territory": "CN", "media": ["theatrical"], "status": "sold", "holder": "Huaxia"},
            {"territory": "HK", "media": ["theatrical"], "status": "sold", "holder": "Huaxia"},
        ],
    )
    login(client, producer)

    response = client.get(f"/films/{draft.pk}/rights/")

    groups = response.context["groups"]
    assert [(g.region, g.excluded, g.countries if not g.region else len(g.countries)) for g in groups] == [
        ("worldwide", ["CN", "HK"], len(countries) - 2),
        ("", [], ["CN", "HK"]),
    ]
    html = response.content.decode()
    assert "except China, Hong Kong" in html
    assert "China, Hong Kong</th>" in " ".join(html.split()).replace(" </th>", "</th>")


def as_submitted(formset) -> dict:
    """What a browser sends for the formset as the page shows it (every row, unchanged)."""
    data = {formset.management_form.add_prefix(k): str(v) for k, v in formset.management_form.initial.items()}
    for form in formset.forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if isinstance(field.widget, CheckboxInput):
                if value:
                    data[form.add_prefix(name)] = "on"
            elif isinstance(value, list):
                data[form.add_prefix(name)] = value
            elif value not in (None, ""):
                data[form.add_prefix(name)] = field.widget.format_value(value)
    return data


def test_posting_the_rights_form_back_unchanged_keeps_the_grid(client, producer, draft):
    rows = [
        {"territory": "worldwide", "media": "all", "status": "available", "except": ["CN", "JP"]},
        {"territory": "CN", "media": ["theatrical", "svod"], "status": "sold", "holder": "Huaxia"},
        {"territory": "JP", "media": ["pay_tv"], "status": "under_negotiation", "term_start": "2025-01-01"},
    ]
    services.film_rights_replace(film=draft, actor=producer, rows=rows)
    before = sorted(draft.rights.values_list("territory", "media", "status", "holder", "term_start", "term_end"))
    login(client, producer)
    formset = client.get(f"/films/{draft.pk}/rights/").context["formset"]

    response = client.post(f"/films/{draft.pk}/rights/", {"action": "rows", **as_submitted(formset)})

    assert response.status_code == 302
    after = sorted(draft.rights.values_list("territory", "media", "status", "holder", "term_start", "term_end"))
    assert after == before


@pytest.mark.parametrize(
    ("row", "errors"),
    [
        (
            {"territory": "europe", "media_all": "on", "status": "available", "excluded": "XX"},
            ["Row 1: unknown territory “XX”."],
        ),
        (
            {
                "territory": "FR",
                "media": ["theatrical"],
                "status": "sold",
                "term_start": "2026-01-01",
                "term_end": "2025-01-01",
            },
            ["Row 1: the term ends before it starts."],
        ),
    ],
)
def test_a_bad_rights_row_answers_400_naming_the_row_and_saves_nothing(client, producer, draft, row, errors):
    FilmRightFactory(film=draft, territory="JP")
    login(client, producer)

    response = client.post(f"/films/{draft.pk}/rights/", rights_rows(row))

    assert response.status_code == 400
    assert response.context["errors"] == errors
    assert list(draft.rights.values_list("territory", flat=True)) == ["JP"]


def test_an_unknown_territory_is_refused_by_the_form(client, producer, draft):
    login(client, producer)

    response = client.post(
        f"/films/{draft.pk}/rights/", rights_rows({"territory": "Mars", "media_all": "on", "status": "available"})
    )

    assert response.status_code == 400
    assert response.context["formset"].errors == [
        {"territory": ["Select a valid choice. Mars is not one of the available choices."]}
    ]
    assert draft.rights.count() == 0


def test_overlapping_rights_rows_answer_400_and_keep_the_old_grid(client, producer, draft):
    FilmRightFactory(film=draft, territory="JP")
    login(client, producer)

    response = client.post(
        f"/films/{draft.pk}/rights/",
        rights_rows(
            {"territory": "europe", "media_all": "on", "status": "available"},
            {"territory": "FR", "media": ["theatrical"], "status": "sold"},
        ),
    )

    assert response.status_code == 400
    assert response.context["errors"] == ["Row 2 overlaps row 1 for FR, Theatrical."]
    assert [form.row_number for form in response.context["formset"].forms] == [1, 2]
    assert list(draft.rights.values_list("territory", flat=True)) == ["JP"]


def test_rows_without_media_are_refused(client, producer, draft):
    login(client, producer)

    response = client.post(f"/films/{draft.pk}/rights/", rights_rows({"territory": "FR", "status": "available"}))

    assert response.status_code == 400
    assert response.context["formset"].errors == [{"media": ["Choose the media, or tick “All media”."]}]


def test_quick_action_makes_the_film_available_worldwide_except_some_territories(client, producer, draft):
    FilmRightFactory(film=draft, territory="JP", status="sold")
    login(client, producer)

    response = client.post(f"/films/{draft.pk}/rights/", {"action": "quick", "quick-excluded": ["CN", "greater_china"]})

    assert response.status_code == 302
    assert draft.rights.count() == (len(countries) - 4) * ALL_MEDIA
    assert not draft.rights.filter(territory__in=["CN", "HK", "MO", "TW"]).exists()
    assert set(draft.rights.values_list("status", flat=True)) == {"available"}


# --- Media ---------------------------------------------------------------------------------------


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_real_poster_is_stored_with_its_copies(client, producer, draft, settings):
    login(client, producer)

    response = client.post(f"/films/{draft.pk}/media/", {"kind": "poster", "image": poster_upload(), "caption": ""})

    assert response.status_code == 302
    image = FilmImage.objects.get()
    assert (image.film, image.kind, image.width, image.height) == (draft, "poster", 60, 90)
    assert len(stored_files(settings)) == 3
    page = client.get(f"/films/{draft.pk}/media/")
    assert page.context["posters"] == [image]
    assert image.thumbnail.url in page.content.decode()


def test_a_forged_image_answers_400_and_stores_nothing(client, producer, draft, settings):
    login(client, producer)

    response = client.post(f"/films/{draft.pk}/media/", {"kind": "poster", "image": forged_upload()})

    assert response.status_code == 400
    assert response.context["form"].errors == {"image": ["The file is not a JPEG, PNG or WebP image."]}
    assert FilmImage.objects.count() == 0
    assert stored_files(settings) == []


def test_a_still_can_be_deleted(client, producer, draft, settings):
    still = services.film_image_add(film=draft, actor=producer, upload=poster_upload(), kind="still")
    login(client, producer)

    response = client.post(f"/films/{draft.pk}/media/{still.pk}/delete/")

    assert response.status_code == 302
    assert FilmImage.objects.count() == 0
    assert stored_files(settings) == []


def test_another_companys_image_cannot_be_deleted(client, other_producer, producer, draft):
    still = services.film_image_add(film=draft, actor=producer, upload=poster_upload(), kind="still")
    login(client, other_producer)

    response = client.post(f"/films/{draft.pk}/media/{still.pk}/delete/")

    assert response.status_code == 404
    assert FilmImage.objects.count() == 1


# --- Submit for review and the review queue ----------------------------------------------


def test_submitting_an_incomplete_film_answers_its_page_with_what_is_missing(client, producer, draft):
    login(client, producer)

    response = client.post(f"/films/{draft.pk}/transition/", {"to": "pending_review", "next": "/films/mine/"})

    reason = (
        "The film is not complete. Missing: an English synopsis, a poster, a director in the credits, "
        "at least one rights row."
    )
    assert response.status_code == 400
    assert response.context["film"] == draft
    assert response.context["transition_refused"].errors == [reason]
    assert f'id="transition-errors-{draft.pk}"' in response.content.decode()
    assert messages_of(response) == []
    draft.refresh_from_db()
    assert draft.listing_status == ListingStatus.DRAFT


def test_the_film_page_and_my_films_show_what_is_missing_and_the_moves(client, producer, draft):
    login(client, producer)

    detail = client.get(f"/films/{draft.pk}/")
    mine = client.get("/films/mine/")

    missing = ["an English synopsis", "a poster", "a director in the credits", "at least one rights row"]
    reason = "The film is not complete. Missing: " + ", ".join(missing) + "."
    assert detail.context["missing"] == missing
    # Submitting is guarded: no button to press, a disabled one with the reasons beside it.
    assert detail.context["moves"] == []
    assert [(m.target, m.reasons) for m in detail.context["blocked"]] == [("pending_review", [reason])]
    assert [(f, f.missing, f.moves, [m.target for m in f.blocked]) for f in mine.context["films"]] == [
        (draft, missing, [], ["pending_review"])
    ]
    for page in (detail, mine):
        html = page.content.decode()
        assert 'name="to" value="pending_review"' not in html
        assert f'id="blocked-{draft.pk}-pending_review"' in html
        assert reason in html


def test_submitting_a_complete_film_puts_it_in_the_queue_and_mails_the_admins(
    client, producer, producer_org, agency_admin, django_capture_on_commit_callbacks
):
    film = complete_film(producer_org)
    login(client, producer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/films/{film.pk}/transition/", {"to": "pending_review", "next": "/films/mine/"})

    assert response.status_code == 302
    assert response.url == "/films/mine/"
    film.refresh_from_db()
    assert film.listing_status == ListingStatus.PENDING_REVIEW
    assert [m.to for m in mail.outbox] == [[agency_admin.email]]
    login(client, agency_admin)
    assert list(client.get("/films/review/").context["films"]) == [film]


def test_the_review_queue_lists_pending_films_oldest_first_with_their_moves(client, agency_admin, producer_org):
    first = complete_film(producer_org, title_en="First In")
    second = complete_film(producer_org, title_en="Second In")
    FilmFactory(organization=producer_org)
    Film.objects.filter(pk__in=[first.pk, second.pk]).update(listing_status=ListingStatus.PENDING_REVIEW)
    Film.objects.filter(pk=second.pk).update(updated_at=first.updated_at.replace(year=2020))
    login(client, agency_admin)

    response = client.get("/films/review/")

    films = response.context["films"]
    assert films == [second, first]
    assert [[m.target for m in f.moves] for f in films] == [
        ["published", "changes_requested"],
        ["published", "changes_requested"],
    ]
    assert "Demo Pictures" in response.content.decode()


def test_an_admin_publishes_from_the_queue(
    client, agency_admin, producer, producer_org, django_capture_on_commit_callbacks
):
    film = complete_film(producer_org)
    services.film_transition(film=film, to="pending_review", actor=producer)
    login(client, agency_admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/films/{film.pk}/transition/", {"to": "published", "next": "/films/review/"}, follow=True
        )

    assert response.redirect_chain == [("/films/review/", 302)]
    assert messages_of(response) == [f"“{film}” is now published."]
    film.refresh_from_db()
    assert film.listing_status == ListingStatus.PUBLISHED
    assert film.published_at is not None
    assert [m.to for m in mail.outbox] == [[producer.email]]
    assert list(client.get("/films/").context["films"]) == [film]


def test_requesting_changes_needs_a_note(client, agency_admin, producer, producer_org):
    film = complete_film(producer_org)
    services.film_transition(film=film, to="pending_review", actor=producer)
    login(client, agency_admin)

    response = client.post(f"/films/{film.pk}/transition/", {"to": "changes_requested", "next": "/films/review/"})

    assert response.status_code == 400
    assert response.context["transition_refused"].errors == ["A note is required for this change."]
    assert response.context["transition_refused"].next == "/films/review/"
    assert 'name="next" value="/films/review/"' in response.content.decode()
    film.refresh_from_db()
    assert film.listing_status == ListingStatus.PENDING_REVIEW


def test_requested_changes_are_on_the_films_timeline(client, agency_admin, producer, producer_org):
    film = complete_film(producer_org)
    services.film_transition(film=film, to="pending_review", actor=producer)
    login(client, agency_admin)

    client.post(f"/films/{film.pk}/transition/", {"to": "changes_requested", "note": "Subtitle the trailer."})

    film.refresh_from_db()
    assert film.listing_status == ListingStatus.CHANGES_REQUESTED
    assert AuditEvent.objects.filter(object_id=str(film.pk)).count() == 2
    login(client, producer)
    detail = client.get(f"/films/{film.pk}/")
    assert [(e.from_state, e.to_state, e.note) for e in detail.context["events"]] == [
        ("pending_review", "changes_requested", "Subtitle the trailer."),
        ("draft", "pending_review", ""),
    ]
    assert "Subtitle the trailer." in detail.content.decode()
    assert [m.target for m in detail.context["moves"]] == ["pending_review"]


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("owner", True),
        ("other", False),
        ("buyer", True),
        ("unverified", False),
        ("anonymous", False),
        ("reviewer", False),
        ("admin", True),
    ],
)
def test_production_companies_show_on_the_film_page_to_full_record_viewers_only(
    client, as_role, producer_org, published, role, shown
):
    published.production_companies.set([producer_org, OrganizationFactory(name="Second Light Films")])
    as_role(role)

    html = client.get(f"/films/{published.pk}/").content.decode()

    assert ("Production companies: Demo Pictures, Second Light Films" in html) is shown


# --- Catalogue ---------------------------------------------------------------------------------


def test_the_catalogue_lists_published_films_only(client, producer_org, published):
    FilmFactory(organization=producer_org)
    for status in ("pending_review", "changes_requested", "withdrawn"):
        FilmFactory(organization=producer_org, listing_status=status)

    response = client.get("/films/")

    assert list(response.context["films"]) == [published]
    html = response.content.decode()
    assert "山河故人" in html
    assert "Mountains May Depart" in html
    assert "A family gathers for one last summer." in html


def test_search_finds_an_english_word(client, producer_org, published):
    PublishedFilmFactory(organization=producer_org, title_en="Ash Is Purest White", title_original="江湖儿女")

    response = client.get("/films/", {"q": "mountains"})

    assert list(response.context["films"]) == [published]


def test_search_finds_a_two_character_chinese_word(client, producer_org, published):
    PublishedFilmFactory(organization=producer_org, title_en="People Mountain People Sea", title_original="人山人海")

    response = client.get("/films/", {"q": "故人"})

    assert list(response.context["films"]) == [published]


def test_search_finds_people_by_name(client, producer_org, published):
    other = PublishedFilmFactory(organization=producer_org, title_en="Other", title_original="别的")
    CreditFactory(film=other, role=CreditRole.DIRECTOR, name="贾樟柯", name_latin="Jia Zhangke")

    assert list(client.get("/films/", {"q": "zhangke"}).context["films"]) == [other]
    assert list(client.get("/films/", {"q": "樟柯"}).context["films"]) == [other]


def test_filters_by_genre_year_runtime_and_type(client, producer_org, published):
    PublishedFilmFactory(organization=producer_org, genres=["comedy"], production_year=2010, runtime_minutes=80)
    PublishedFilmFactory(organization=producer_org, genres=["drama"], production_year=2010, film_type="documentary")

    assert list(client.get("/films/", {"genre": "drama", "year_min": "2020"}).context["films"]) == [published]
    assert list(client.get("/films/", {"runtime_min": "90", "type": "feature_fiction"}).context["films"]) == [published]


def test_filters_by_language_and_country_of_production(client, producer_org, published):
    other = PublishedFilmFactory(organization=producer_org, original_languages=["yue"], countries=["HK"])

    assert list(client.get("/films/", {"language": "yue"}).context["films"]) == [other]
    assert list(client.get("/films/", {"country": "HK"}).context["films"]) == [other]


def test_filters_by_availability_in_a_territory_for_a_media(client, producer_org, published):
    sold_in_france = PublishedFilmFactory(organization=producer_org)
    FilmRightFactory(film=published, territory="FR", media="theatrical", status="available")
    FilmRightFactory(film=sold_in_france, territory="FR", media="theatrical", status="sold")
    FilmRightFactory(film=sold_in_france, territory="FR", media="svod", status="available")

    assert list(client.get("/films/", {"territory": "FR", "media": "theatrical"}).context["films"]) == [published]
    assert list(client.get("/films/", {"territory": "FR", "media": "svod"}).context["films"]) == [sold_in_france]
    assert list(client.get("/films/", {"territory": "DE", "media": "theatrical"}).context["films"]) == []


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"year_min": "abc"}, {"year_min": ["Enter a number."]}),
        ({"genre": "nope"}, {"genre": ["Select a valid choice. nope is not one of the available choices."]}),
        ({"territory": "XX"}, {"territory": ["Select a valid choice. XX is not one of the available choices."]}),
        ({"media": "cinema"}, {"media": ["Select a valid choice. cinema is not one of the available choices."]}),
        ({"sort": "random"}, {"sort": ["Select a valid choice. random is not one of the available choices."]}),
    ],
)
def test_invalid_filters_answer_400_with_the_field_errors(client, published, params, errors):
    response = client.get("/films/", params)

    assert response.status_code == 400
    assert response.context["form"].errors == errors
    assert response.context["films"] == []


def test_pagination_keeps_the_filters_in_the_url(client, producer_org):
    PublishedFilmFactory.create_batch(25, organization=producer_org, genres=["drama"])

    first = client.get("/films/", {"genre": "drama"})
    second = client.get("/films/", {"genre": "drama", "page": "2"})

    assert len(first.context["films"]) == 24
    assert 'href="?genre=drama&amp;page=2"' in first.content.decode()
    assert len(second.context["films"]) == 1


def test_newest_first_unless_sorted_by_title(client, producer_org):
    bravo = PublishedFilmFactory(organization=producer_org, title_en="Bravo")
    alpha = PublishedFilmFactory(organization=producer_org, title_en="Alpha")
    Film.objects.filter(pk=bravo.pk).update(published_at=alpha.published_at + timedelta(hours=1))

    assert list(client.get("/films/").context["films"]) == [bravo, alpha]
    assert list(client.get("/films/", {"sort": "title"}).context["films"]) == [alpha, bravo]


# --- Query-count guards ------------------------------------------------------------------------
# Each count was measured with one item; the same count must hold with several.


@pytest.mark.parametrize("n", [1, 4])
def test_catalogue_costs_a_fixed_number_of_queries(client, producer_org, django_assert_num_queries, n):
    for _i in range(n):
        film = complete_film(producer_org, genres=["drama", "comedy"])
        Film.objects.filter(pk=film.pk).update(listing_status=ListingStatus.PUBLISHED)

    client.get("/films/")  # fills the genre cache, as any earlier request would have
    with django_assert_num_queries(4):
        response = client.get("/films/", {"genre": "drama", "territory": "FR", "media": "theatrical", "q": "film"})

    assert len(response.context["films"]) == n


@pytest.mark.parametrize("n", [1, 4])
def test_catalogue_for_a_buyer_costs_a_fixed_number_of_queries(
    client, buyer, producer_org, django_assert_num_queries, n
):
    PublishedFilmFactory.create_batch(n, organization=producer_org, genres=["drama"])
    ShortlistFactory(owner=buyer)
    login(client, buyer)
    client.get("/films/")  # fills the genre cache, as any earlier request would have

    with django_assert_num_queries(9):
        response = client.get("/films/")

    assert len(response.context["films"]) == n


@pytest.mark.parametrize("n", [1, 4])
def test_my_films_costs_a_fixed_number_of_queries(client, producer, producer_org, django_assert_num_queries, n):
    for _i in range(n):
        complete_film(producer_org, genres=["drama"])
    login(client, producer)

    with django_assert_num_queries(9):
        response = client.get("/films/mine/")

    assert len(response.context["films"]) == n


@pytest.mark.parametrize("n", [1, 4])
def test_review_queue_costs_a_fixed_number_of_queries(client, agency_admin, producer_org, django_assert_num_queries, n):
    FilmFactory.create_batch(
        n, organization=producer_org, listing_status=ListingStatus.PENDING_REVIEW, genres=["drama"]
    )
    login(client, agency_admin)

    with django_assert_num_queries(8):
        response = client.get("/films/review/")

    assert len(response.context["films"]) == n


@pytest.mark.parametrize("n", [1, 4])
def test_shortlist_pages_cost_a_fixed_number_of_queries(client, buyer, producer_org, django_assert_num_queries, n):
    shortlist = ShortlistFactory(owner=buyer)
    for _i in range(n):
        film = PublishedFilmFactory(organization=producer_org, genres=["drama"])
        CreditFactory(film=film)
        ShortlistItemFactory(shortlist=shortlist, film=film)
        ShortlistFactory(owner=buyer)
    login(client, buyer)

    with django_assert_num_queries(8):
        detail = client.get(f"/films/shortlists/{shortlist.pk}/")
    with django_assert_num_queries(5):
        lists = client.get("/films/shortlists/")
    with django_assert_num_queries(12):
        printed = client.get(f"/films/shortlists/{shortlist.pk}/print/")

    assert len(detail.context["films"]) == n
    assert len(lists.context["shortlists"]) == n + 1
    assert len(printed.context["films"]) == n


# --- Shortlists ------------------------------------------------------------------------------


def test_a_buyer_creates_renames_and_deletes_a_list(client, buyer):
    login(client, buyer)

    created = client.post("/films/shortlists/", {"name": "Berlin 2026"})
    shortlist = Shortlist.objects.get()
    renamed = client.post(f"/films/shortlists/{shortlist.pk}/", {"name": "EFM 2026"})
    shortlist.refresh_from_db()
    name_after_rename = shortlist.name
    deleted = client.post(f"/films/shortlists/{shortlist.pk}/delete/")

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


# --- Bulk import -------------------------------------------------------------------------------

IMPORT_HEADER = "title_original,title_en,film_type,production_year,runtime_minutes,genres,director\n"


def csv_upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("films.csv", text.encode("utf-8"), content_type="text/csv")


@pytest.fixture
def post_import(client, django_capture_on_commit_callbacks):
    """POSTs an import form and runs the job it queues (as the eager worker does after commit)."""

    def post(organization, text: str | bytes):
        content = text.encode("utf-8") if isinstance(text, str) else text
        upload = SimpleUploadedFile("films.csv", content, content_type="text/csv")
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/films/import/", {"organization": organization.pk, "file": upload})

    return post


def test_import_creates_one_draft_per_row(client, producer, producer_org, post_import):
    login(client, producer)
    text = (
        IMPORT_HEADER
        + "山河故人,Mountains May Depart,feature_fiction,2024,126,drama;romance,贾樟柯|Jia Zhangke\n"
        + "江湖儿女,Ash Is Purest White,,2018,136,crime,\n"
    )

    response = post_import(producer_org, text)

    job = Job.objects.get()
    assert (response.status_code, response.url) == (302, f"/jobs/{job.pk}/")
    assert sorted(Film.objects.values_list("title_en", "organization", "listing_status")) == [
        ("Ash Is Purest White", producer_org.pk, "draft"),
        ("Mountains May Depart", producer_org.pk, "draft"),
    ]
    assert list(Credit.objects.values_list("name", "name_latin")) == [("贾樟柯", "Jia Zhangke")]
    page = client.get(response.url).content.decode()
    assert "2 films imported into Demo Pictures as drafts." in page
    assert f'<a href="/films/{Film.objects.get(title_en="Ash Is Purest White").pk}/">Ash Is Purest White</a>' in page
    assert '<a href="/films/mine/">All your films</a>' in page


def test_import_with_a_bad_row_lists_the_rows_on_the_jobs_page_and_saves_nothing(
    client, producer, producer_org, post_import
):
    login(client, producer)
    text = (
        IMPORT_HEADER
        + "山河故人,Mountains May Depart,feature_fiction,2024,126,drama,\n"
        + "江湖儿女,Ash Is Purest White,feature_fiction,2018,0,western,\n"
    )

    response = post_import(producer_org, text)

    page = client.get(response.url)
    assert page.context["job"].status == "failed"
    content = page.content.decode()
    assert "Nothing was imported: 2 problems found." in content
    assert "Row 3, runtime_minutes: Ensure this value is greater than or equal to 1." in content
    assert "Row 3, genres: Unknown genre: western." in content
    assert '<a class="button" href="/films/import/">Try again</a>' in content
    assert Film.objects.count() == 0


def test_the_import_page_lists_the_users_own_recent_imports(client, producer, producer_org, other_producer):
    mine = [Job.objects.create(kind=services.IMPORT_JOB, owner=producer, message=f"Import {i}") for i in range(6)]
    Job.objects.create(kind=services.IMPORT_JOB, owner=other_producer, message="Theirs")
    login(client, producer)

    response = client.get("/films/import/")

    assert response.context["recent_jobs"] == mine[:0:-1]
    assert f'href="/jobs/{mine[-1].pk}/"' in response.content.decode()


def test_import_of_a_file_without_the_columns_answers_400(client, producer, producer_org, post_import):
    login(client, producer)

    response = post_import(producer_org, "a,b\n1,2\n")

    assert response.status_code == 400
    assert response.context["form"].errors == {"file": ["The first row must name the columns; see the template."]}
    assert (Film.objects.count(), Job.objects.count()) == (0, 0)


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (IMPORT_HEADER + "A\x00B,x,,,,,\n", "Row 2, title_original: a NUL character (\\0) is not allowed."),
        (IMPORT_HEADER + "A" * 140_000 + ",x,,,,,\n", "Row 2 is longer than 100000 characters."),
        (IMPORT_HEADER + "A" * 30_000 + ",x,,,,,\n", "Row 2, title_original: longer than 20000 characters."),
        (b"title_original\n" + "春天".encode("gb18030"), "The file is not UTF-8 text (byte 16)."),
        (IMPORT_HEADER + '"unclosed,x\n' + "x" * 10, "Row 2 is not valid CSV."),
    ],
)
def test_a_hostile_import_file_is_a_form_error_naming_the_row_and_saves_nothing(
    client, producer, producer_org, post_import, content, error
):
    login(client, producer)

    response = post_import(producer_org, content)

    assert response.status_code == 400
    [message] = response.context["form"].errors["file"]
    assert message.startswith(error)
    assert (Film.objects.count(), Job.objects.count()) == (0, 0)


def test_an_import_file_over_the_size_cap_is_refused_before_it_is_read(
    client, producer, producer_org, post_import, monkeypatch
):
    monkeypatch.setattr(services.imports, "IMPORT_LIMITS", CsvLimits(max_bytes=1024))
    login(client, producer)

    response = post_import(producer_org, IMPORT_HEADER + "x,y,,,,,\n" * 200)

    assert response.status_code == 400
    assert response.context["form"].errors == {"file": ["The file is 1.8\xa0KB; at most 1.0\xa0KB is accepted."]}
    assert (Film.objects.count(), Job.objects.count()) == (0, 0)


def test_an_admin_imports_into_a_chosen_company(client, agency_admin, producer_org, other_producer, post_import):
    login(client, agency_admin)
    second = other_producer.memberships.get().organization
    text = IMPORT_HEADER + "山河故人,Mountains May Depart,feature_fiction,2024,126,drama,\n"

    form_page = client.get("/films/import/")
    response = post_import(second, text)

    assert [o.name for o in form_page.context["form"].fields["organization"].queryset] == [
        "Demo Pictures",
        "Second Light Films",
    ]
    assert (response.status_code, response.url) == (302, f"/jobs/{Job.objects.get().pk}/")
    assert list(Film.objects.values_list("organization", flat=True)) == [second.pk]


def test_a_producer_cannot_import_into_another_company(client, producer, other_producer, post_import):
    second = other_producer.memberships.get().organization
    login(client, producer)
    text = IMPORT_HEADER + "山河故人,Mountains May Depart,feature_fiction,2024,126,drama,\n"

    response = post_import(second, text)

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["organization"]
    assert (Film.objects.count(), Job.objects.count()) == (0, 0)


def test_the_import_template_is_the_services_template(client, producer):
    login(client, producer)

    response = client.get("/films/import/template.csv")

    assert response["Content-Disposition"] == 'attachment; filename="films-import-template.csv"'
    assert response.content.decode() == services.import_template_csv()


# --- Dashboard and navigation --------------------------------------------------------------


def test_the_producer_dashboard_shows_my_films(client, producer, draft):
    login(client, producer)

    html = client.get("/dashboard/").content.decode()

    assert 'href="/films/mine/"' in html
    assert "Draft Story" in html


def test_the_admin_dashboard_counts_films_pending_review(client, agency_admin, producer_org):
    FilmFactory.create_batch(2, organization=producer_org, listing_status=ListingStatus.PENDING_REVIEW)
    login(client, agency_admin)

    response = client.get("/dashboard/")

    html = " ".join(response.content.decode().split())
    assert '<a href="/films/review/"><span class="stat-number">2</span>' in html


def test_the_buyer_dashboard_links_the_catalogue_and_shortlists(client, buyer):
    ShortlistFactory(owner=buyer, name="Cannes")
    login(client, buyer)

    html = client.get("/dashboard/").content.decode()

    assert 'href="/films/"' in html
    assert 'href="/films/shortlists/"' in html
    assert "Cannes" in html
