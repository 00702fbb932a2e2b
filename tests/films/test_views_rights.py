"""The rights page: rows saved as grid cells, the summary, bad rows, the quick action."""

import re

import pytest
from django.forms import CheckboxInput
from django_countries import countries

from films import services
from films.enums import RightsMedia
from films.forms import TerritorySelectMultiple
from films.territories import territory_expand
from tests.films.factories import FilmRightFactory
from tests.films.helpers import login

pytestmark = pytest.mark.django_db


ALL_MEDIA = len(RightsMedia.values)


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
            {"territory": "europe", "media_all": "on", "status": "available", "excluded": ["FR", "DE"]},
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
    assert "except China (mainland); Hong Kong SAR, China" in html
    assert "China (mainland); Hong Kong SAR, China</th>" in " ".join(html.split()).replace(" </th>", "</th>")


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


def test_a_bad_rights_row_answers_400_naming_the_row_and_saves_nothing(client, producer, draft):
    FilmRightFactory(film=draft, territory="JP")
    login(client, producer)
    row = {"territory": "FR", "media": ["theatrical"], "status": "sold", "term_start": "2026-01-01"}

    response = client.post(f"/films/{draft.pk}/rights/", rights_rows({**row, "term_end": "2025-01-01"}))

    assert response.status_code == 400
    assert response.context["bad_rows"] == [
        {"number": 1, "anchor": "rights-row-1", "text": "the term ends before it starts"}
    ]
    assert list(draft.rights.values_list("territory", flat=True)) == ["JP"]


def test_exceptions_are_chosen_from_the_territories_not_typed(client, producer, draft):
    login(client, producer)

    response = client.post(
        f"/films/{draft.pk}/rights/",
        rights_rows({"territory": "europe", "media_all": "on", "status": "available", "excluded": ["FR", "XX"]}),
    )

    assert response.status_code == 400
    assert response.context["formset"].errors == [
        {"excluded": ["Select a valid choice. XX is not one of the available choices."]}
    ]
    html = response.content.decode()
    assert re.search(r'<select [^>]*name="rights-0-excluded"[^>]* multiple>', html)
    assert '<option value="greater_china">Greater China</option>' in html
    assert '<option value="TW">Taiwan, China</option>' in html
    assert "Left out now: France; XX" in html


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
    assert response.context["bad_rows"] == [
        {"number": 2, "anchor": "rights-row-2", "text": "it overlaps row 1 in France for Theatrical"}
    ]
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


def test_one_bad_row_over_a_region_and_all_media_is_one_error_beside_that_row(client, producer, draft):
    login(client, producer)

    response = client.post(
        f"/films/{draft.pk}/rights/",
        rights_rows(
            {"territory": "worldwide", "media_all": "on", "status": "available"},
            {"territory": "europe", "media_all": "on", "status": "sold", "holder": "Ad Vitam"},
            {"territory": "JP", "media": ["svod"], "status": "sold"},
        ),
    )

    assert response.status_code == 400
    html = response.content.decode()
    errors = html[html.index('id="rights-errors"') : html.index("</div>", html.index('id="rights-errors"'))]
    assert errors.count("<li>") == 2
    assert "Nothing was saved. 2 rows need correcting:" in errors
    assert '<a href="#rights-row-2">Row 2</a>: it overlaps row 1 in Europe for all media' in errors
    assert '<a href="#rights-row-3">Row 3</a>: it overlaps row 1 in Japan for SVOD' in errors
    row_2 = html[html.index('id="rights-row-2"') : html.index('id="rights-row-3"')]
    assert 'aria-describedby="rights-row-2-problems"' in row_2
    assert "<li>It overlaps row 1 in Europe for all media</li>" in row_2
    assert draft.rights.count() == 0


def test_the_form_s_own_errors_and_the_rules_show_in_one_pass(client, producer, draft):
    login(client, producer)

    response = client.post(
        f"/films/{draft.pk}/rights/",
        rights_rows(
            {"territory": "europe", "media_all": "on", "status": "available"},
            {"territory": "Mars", "media_all": "on", "status": "available"},
            {"territory": "FR", "media": ["svod"], "status": "sold"},
        ),
    )

    assert response.status_code == 400
    assert response.context["bad_rows"] == [
        {
            "number": 2,
            "anchor": "rights-row-2",
            "text": "Territory: Select a valid choice. Mars is not one of the available choices.",
        },
        {"number": 3, "anchor": "rights-row-3", "text": "it overlaps row 1 in France for SVOD"},
    ]


def test_a_bad_row_is_named_once_in_chinese_too(client, producer, draft):
    login(client, producer)

    response = client.post(
        f"/films/{draft.pk}/rights/",
        rights_rows(
            {"territory": "worldwide", "media_all": "on", "status": "available"},
            {"territory": "TW", "media": ["svod", "airline"], "status": "sold"},
        ),
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "未保存任何内容。有 1 行需要修改：" in html
    assert '<a href="#rights-row-2">第 2 行</a>：与第 1 行在中国台湾的订阅视频点播（SVOD）、航空上重叠' in html


def test_a_quick_action_that_leaves_out_everything_says_so_without_a_row_number(client, producer, draft):
    FilmRightFactory(film=draft, territory="JP")
    login(client, producer)

    response = client.post(f"/films/{draft.pk}/rights/", {"action": "quick", "quick-excluded": ["worldwide"]})

    assert response.status_code == 400
    assert response.context["errors"] == ["It leaves out every country of Worldwide"]
    assert list(draft.rights.values_list("territory", flat=True)) == ["JP"]


def test_the_fast_territory_lists_escape_what_they_show_and_mark_the_chosen():
    widget = TerritorySelectMultiple(
        choices=[("Group <b>", [('a"b', "<script>x</script>"), ("FR", "France")]), ("TW", "Taiwan, China")]
    )

    html = widget.render("rights-0-excluded", ["FR", "TW"], attrs={"id": "id_x"})

    assert html == (
        '<select id="id_x" name="rights-0-excluded" multiple><optgroup label="Group &lt;b&gt;">'
        '<option value="a&quot;b">&lt;script&gt;x&lt;/script&gt;</option>'
        '<option value="FR" selected>France</option></optgroup>'
        '<option value="TW" selected>Taiwan, China</option></select>'
    )
