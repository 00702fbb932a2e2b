"""The film form reports every error at once (item 8 of issue 9) and chooses countries from a
list that can be searched and works without JavaScript (item 9)."""

import pytest
from django.utils import translation

from core.forms import form_take_model_rules
from films.forms import FilmForm
from films.models import Film
from tests.films.factories import FilmFactory
from tests.films.helpers import login
from tests.films.test_views_records import film_form

pytestmark = pytest.mark.django_db


def test_a_bad_link_does_not_hide_the_runtime_and_year_errors(client, producer):
    login(client, producer)

    response = client.post(
        "/films/new/",
        film_form(
            trailer_url="not a link",
            screener_url="http://video.example.org/screener",
            runtime_minutes="0",
            production_year="1800",
            box_office_amount="1000",
            box_office_currency="",
        ),
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "trailer_url": ["Enter an https:// link."],
        "screener_url": ["Enter an https:// link."],
        "runtime_minutes": ["Ensure this value is greater than or equal to 1."],
        "production_year": ["Ensure this value is greater than or equal to 1895."],
        "box_office_currency": ["Give the currency of the box office."],
    }
    summary = response.content.decode()
    summary = summary[summary.index("Nothing was saved.") :]
    for label in ("Trailer link", "Screener link", "Runtime (minutes)", "Production year", "Currency"):
        assert f">{label}</a>:" in summary
    assert Film.objects.count() == 0


def test_editing_reports_every_error_at_once_too(client, producer, producer_org):
    film = FilmFactory(organization=producer_org, runtime_minutes=90)
    login(client, producer)

    response = client.post(
        f"/films/{film.pk}/edit/", film_form(runtime_minutes="2000", trailer_url="ftp://x.example.org/t")
    )

    assert set(response.context["form"].errors) == {"runtime_minutes", "trailer_url"}
    film.refresh_from_db()
    assert film.runtime_minutes == 90


@pytest.mark.parametrize(
    ("amount", "currency", "field", "message"),
    [
        ("", "EUR", "box_office_amount", "Give the amount as well as the currency."),
        ("1000.5", "JPY", "box_office_amount", "JPY has no minor unit: give a whole amount."),
    ],
)
def test_the_box_office_pair_is_judged_with_the_other_fields(client, producer, amount, currency, field, message):
    login(client, producer)

    response = client.post(
        "/films/new/", film_form(box_office_amount=amount, box_office_currency=currency, production_year="99")
    )

    assert response.context["form"].errors == {
        field: [message],
        "production_year": ["Ensure this value is greater than or equal to 1895."],
    }


def test_model_rules_replace_the_forms_looser_check_of_the_same_kind():
    form = FilmForm()
    form_take_model_rules(form, Film)  # a second call adds nothing

    kinds = [type(validator).__name__ for validator in form.fields["trailer_url"].validators]

    assert kinds.count("_ModelRule") + kinds.count("URLValidator") == 1


# --- Countries of production ---------------------------------------------------------------


def test_countries_are_a_checkbox_list_with_a_filter_hook(client, producer):
    login(client, producer)

    html = client.get("/films/new/").content.decode()

    assert '<select name="countries"' not in html
    assert "Hold Ctrl" not in html
    box = html[html.index('data-choice-search data-filter-label="Filter the countries"') :]
    box = box[: box.index("</ul>")]
    assert 'type="checkbox" name="countries" value="CN"' in box
    assert 'type="checkbox" name="countries" value="FR"' in box
    assert box.count('name="countries"') > 200
    # The legend labels the list; the filter box comes from static/js/choices.js, no inline script.
    fieldset = html[: html.index("data-choice-search")].rsplit("<fieldset", 1)[1]
    assert "<legend>Countries of production</legend>" in fieldset
    assert "<script>" not in html


def test_countries_chosen_in_the_list_are_saved_and_shown_ticked(client, producer):
    login(client, producer)

    client.post("/films/new/", film_form(countries=["CN", "FR"]))

    film = Film.objects.get()
    assert sorted(c.country for c in film.production_countries.all()) == ["CN", "FR"]
    html = client.get(f"/films/{film.pk}/edit/").content.decode()
    assert 'name="countries" value="CN" id="id_countries_' in html
    ticked = [part for part in html.split("<input") if 'name="countries"' in part and "checked" in part]
    assert len(ticked) == 2


def test_countries_are_named_in_chinese_on_a_chinese_page(client, producer):
    login(client, producer)

    with translation.override("zh-hans"):
        html = client.get("/films/new/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert 'value="CN"' in html
    assert "中国" in html[html.index('value="CN"') : html.index('value="CN"') + 200]
