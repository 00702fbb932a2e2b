"""A film's rights through the API: who reads them, replacing them, bad rows."""

import pytest

from films.territories import EUROPE, territory_expand
from tests.films.factories import FilmRightFactory
from tests.films.helpers import as_role, as_user, film_url

pytestmark = pytest.mark.django_db


# --- Rights -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 401),
        ("producer", 200),
        ("other_producer", 403),
        ("buyer", 200),
        ("pending_buyer", 403),
        ("reviewer", 403),
        ("agency_admin", 200),
    ],
)
def test_rights_of_a_published_film_are_for_buyers_the_producer_and_admins(request, api_client, published, who, status):
    FilmRightFactory(film=published, territory="FR", media="svod", holder="Demo Pictures")

    response = as_role(request, api_client, who).get(film_url(published, "rights/"))

    assert response.status_code == status
    if status == 200:
        assert response.json() == [
            {
                "territory": "FR",
                "media": "svod",
                "status": "available",
                # The holder's name is for the producer's members and agency admins.
                "holder": "" if who == "buyer" else "Demo Pictures",
                "holder_organization": None,
                "holder_organization_name": "",
                "term_start": None,
                "term_end": None,
                "own": False,
            }
        ]


@pytest.mark.parametrize(("who", "status"), [("other_producer", 404), ("buyer", 404), ("reviewer", 404)])
def test_rights_of_another_company_s_draft_answer_404(request, api_client, own_draft, who, status):
    assert as_role(request, api_client, who).get(film_url(own_draft, "rights/")).status_code == status


def test_producer_replaces_rights_with_a_region_less_a_country(api_client, producer, own_draft):
    FilmRightFactory(film=own_draft, territory="US", media="theatrical")
    rows = [
        {
            "territory": "europe",
            "media": ["svod", "tvod"],
            "status": "available",
            "holder": "Demo Pictures",
            "term_start": "2025-01-01",
            "term_end": "2027-12-31",
            "except": ["FR"],
        },
        {"territory": "FR", "media": "svod", "status": "sold", "holder": "Overseas Distribution"},
    ]

    response = as_user(api_client, producer).put(film_url(own_draft, "rights/"), rows, format="json")

    assert response.status_code == 200, response.json()
    assert len(response.json()) == 2 * (len(EUROPE) - 1) + 1
    assert response.json()[0] == {
        "territory": "AD",
        "media": "svod",
        "status": "available",
        "holder": "Demo Pictures",
        "holder_organization": None,
        "holder_organization_name": "",
        "term_start": "2025-01-01",
        "term_end": "2027-12-31",
        "own": False,
    }
    assert sorted(own_draft.rights.filter(territory="FR").values_list("media", "status")) == [("svod", "sold")]
    assert own_draft.rights.filter(territory="US").exists() is False


def test_rights_for_all_media_worldwide(api_client, producer, own_draft):
    rows = [{"territory": "worldwide", "media": "all", "except": ["CN"]}]

    response = as_user(api_client, producer).put(film_url(own_draft, "rights/"), rows, format="json")

    assert response.status_code == 200
    assert own_draft.rights.count() == len(response.json()) == 8 * (len(territory_expand("worldwide")) - 1)
    assert own_draft.rights.filter(territory="CN").exists() is False
    assert own_draft.rights.filter(territory="JP").count() == 8


BAD_RIGHTS = [
    (
        [{"territory": "FR", "media": "svod"}, {"territory": "XX", "media": "svod"}],
        ["Row 2: unknown territory “XX”."],
    ),
    (
        [{"territory": "worldwide", "media": "theatrical"}, {"territory": "FR", "media": ["theatrical", "svod"]}],
        ["Row 2: it overlaps row 1 in France for Theatrical."],
    ),
    (
        [
            {"territory": "FR", "media": "svod", "term_start": "2025-01-01", "term_end": "2026-12-31"},
            {"territory": "FR", "media": "svod", "term_start": "2026-06-01"},
        ],
        ["Row 2: it overlaps row 1 in France for SVOD."],
    ),
    ([{"territory": "FR", "media": "cinema"}], ["Row 1: unknown media “cinema”."]),
    ([{"territory": "FR", "media": []}], ["Row 1: no media chosen."]),
    ([{"media": "svod"}], ["Row 1: territory: This field is required."]),
    ([{"territory": "FR", "media": 7}], ["Row 1: media: Give one media, a list of media, or “all”."]),
    ([{"territory": "FR", "media": "svod", "status": "lost"}], ['Row 1: status: "lost" is not a valid choice.']),
    (
        [{"territory": "FR", "media": "svod", "term_start": "soon"}],
        ["Row 1: term_start: Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],
    ),
    (
        [{"territory": "FR", "media": "svod", "term_start": "2026-01-01", "term_end": "2025-01-01"}],
        ["Row 1: the term ends before it starts."],
    ),
    ({"territory": "FR", "media": "svod"}, ["Send a list of rights rows."]),
    (["FR"], ["Row 1: not a rights row (an object with a territory and media)."]),
    (
        [None, None],
        [
            "Row 1: not a rights row (an object with a territory and media).",
            "Row 2: not a rights row (an object with a territory and media).",
        ],
    ),
]


@pytest.mark.parametrize(("rows", "messages"), BAD_RIGHTS)
def test_bad_rights_rows_answer_400_naming_the_rows_and_change_nothing(api_client, producer, own_draft, rows, messages):
    FilmRightFactory(film=own_draft, territory="US", media="theatrical")

    response = as_user(api_client, producer).put(film_url(own_draft, "rights/"), rows, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {"rights": messages}
    assert list(own_draft.rights.values_list("territory", "media")) == [("US", "theatrical")]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 401),
        ("other_producer", 403),
        ("buyer", 403),
        ("pending_buyer", 403),
        ("reviewer", 403),
        ("agency_admin", 403),
    ],
)
def test_only_the_producer_s_members_replace_rights(request, api_client, published, who, status):
    FilmRightFactory(film=published)
    rows = [{"territory": "worldwide", "media": "all"}]

    response = as_role(request, api_client, who).put(film_url(published, "rights/"), rows, format="json")

    assert response.status_code == status
    assert list(published.rights.values_list("territory", "media")) == [("FR", "theatrical")]


def test_a_row_overlapping_a_region_for_all_media_is_one_message(api_client, producer, own_draft):
    rows = [
        {"territory": "worldwide", "media": "all", "status": "available"},
        {"territory": "europe", "media": "all", "status": "sold", "except": ["FR", "DE"]},
    ]

    response = as_user(api_client, producer).put(film_url(own_draft, "rights/"), rows, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "rights": ["Row 2: it overlaps row 1 in Europe except France; Germany for all media."]
    }
    assert own_draft.rights.exists() is False


def test_every_bad_row_is_named_once_with_all_its_problems_shape_and_rules_alike(api_client, producer, own_draft):
    rows = [
        {"territory": "europe", "media": "all"},
        {"territory": "FR", "media": ["svod", "tvod"], "status": "lost", "holder": "x" * 201},
        {"territory": "XX", "media": "cinema", "term_start": "2026-01-01", "term_end": "2025-01-01", "except": ["YY"]},
        {"territory": "DE", "media": "svod"},
    ]

    response = as_user(api_client, producer).put(film_url(own_draft, "rights/"), rows, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "rights": [
            'Row 2: status: "lost" is not a valid choice; holder: Ensure this field has no more than 200 characters.',
            "Row 3: unknown territory “XX”; unknown territory to leave out: “YY”; unknown media “cinema”; "
            "the term ends before it starts.",
            "Row 4: it overlaps row 1 in Germany for SVOD.",
        ]
    }


def test_a_row_that_leaves_out_its_whole_territory_is_refused(api_client, producer, own_draft):
    rows = [{"territory": "greater_china", "media": "all", "except": ["CN", "HK", "MO", "TW"]}]

    response = as_user(api_client, producer).put(film_url(own_draft, "rights/"), rows, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {"rights": ["Row 1: it leaves out every country of Greater China."]}


def test_a_partial_overlap_counts_the_countries_and_names_the_first(api_client, producer, own_draft):
    rows = [
        {"territory": "europe", "media": ["svod", "tvod"]},
        {"territory": "worldwide", "media": ["tvod", "svod", "avod"], "except": ["AD"]},
    ]

    response = as_user(api_client, producer).put(film_url(own_draft, "rights/"), rows, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "rights": [
            f"Row 2: it overlaps row 1 in {len(EUROPE) - 1} countries (Albania; Austria; Belarus "
            f"and {len(EUROPE) - 4} more) for SVOD, TVOD."
        ]
    }


def test_an_overlap_names_territories_whose_names_hold_commas_unambiguously(api_client, producer, own_draft):
    rows = [
        {"territory": "asia_pacific", "media": "svod"},
        {"territory": "greater_china", "media": "svod", "except": ["CN", "MO"]},
        {"territory": "worldwide", "media": "svod", "except": ["asia_pacific"]},
        {"territory": "HK", "media": "svod", "status": "sold"},
    ]

    response = as_user(api_client, producer).put(film_url(own_draft, "rights/"), rows, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "rights": [
            "Row 2: it overlaps row 1 in Greater China except China (mainland); Macao SAR, China for SVOD.",
            "Row 4: it overlaps row 1 in Hong Kong SAR, China for SVOD.",
        ]
    }
