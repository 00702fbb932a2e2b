import io
from datetime import date
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from PIL import Image

from accounts.enums import OrganizationKind
from core.models import AuditEvent, Job
from core.workflow import TransitionError, audit_timeline
from films import services
from films.enums import LISTING_TRANSITIONS, ListingStatus
from films.filters import CatalogueFilter
from films.models import Film, FilmImage, FilmRight
from films.selectors import film_list_published, film_list_visible_to
from films.services import imports
from tests.factories import AgencyAdminFactory, BuyerOrganizationFactory, OrganizationFactory, member_of
from tests.films.factories import (
    CreditFactory,
    FilmFactory,
    FilmRightFactory,
    PublishedFilmFactory,
    ShortlistFactory,
    complete_film,
    forged_upload,
    png_bytes,
    poster_upload,
)

pytestmark = pytest.mark.django_db

GOOD = {
    "title_original": "山河故人",
    "title_en": "Mountains and Old Friends",
    "synopsis_en": "Three lives across three decades in a northern town.",
    "runtime_minutes": 126,
    "production_year": 2024,
    "genres": ["drama", "romance"],
    "original_languages": ["cmn"],
    "subtitle_languages": ["en", "fr"],
    "countries": ["CN", "FR"],
    "credits": [{"role": "director", "name": "林晓", "name_latin": "Lin Xiao"}],
}


def _searcher() -> SimpleNamespace:
    # An agency admin's request: the availability filter applies only for those who may see rights.
    return SimpleNamespace(user=AgencyAdminFactory())


def catalogue(**params):
    return list(CatalogueFilter(params, queryset=film_list_published(), request=_searcher()).qs)


# --- Record -----------------------------------------------------------------------------


def test_producer_registers_a_film_as_a_draft_with_its_relations(producer, producer_org):
    film = services.film_create(organization=producer_org, actor=producer, data=GOOD)

    assert film.listing_status == ListingStatus.DRAFT
    assert sorted(film.genres.values_list("slug", flat=True)) == ["drama", "romance"]
    assert sorted(film.languages.values_list("kind", "language")) == [
        ("original", "cmn"),
        ("subtitle", "en"),
        ("subtitle", "fr"),
    ]
    assert sorted(film.production_countries.values_list("country", flat=True)) == ["CN", "FR"]
    assert list(film.credits.values_list("role", "name")) == [("director", "林晓")]
    assert "lin xiao" in film.search_en
    assert "山河" in film.search_cjk.split()


def test_registering_a_film_is_audited_as_its_first_step(producer, producer_org):
    film = services.film_create(organization=producer_org, actor=producer, data=GOOD)

    [event] = audit_timeline(obj=film, table=LISTING_TRANSITIONS)
    assert (event.actor, event.field, event.from_state, event.to_state) == (producer, "listing_status", "", "draft")
    assert (event.created, str(event.to_label)) == (True, "Draft")


def test_a_refused_registration_writes_no_audit_event(producer, producer_org):
    with pytest.raises(ValidationError):
        services.film_create(organization=producer_org, actor=producer, data={**GOOD, "title_original": ""})

    assert AuditEvent.objects.count() == 0


def test_production_companies_are_set_by_id_or_object_and_replaced_as_a_whole(producer, producer_org):
    agent = OrganizationFactory(name="Far East Sales", kind=OrganizationKind.SALES_AGENT)
    partner = OrganizationFactory(name="Second Light Films")

    film = services.film_create(
        organization=producer_org,
        actor=producer,
        data={**GOOD, "production_companies": [producer_org, partner.pk, partner]},
    )
    assert sorted(film.production_companies.values_list("name", flat=True)) == ["Demo Pictures", "Second Light Films"]

    services.film_update(film=film, actor=producer, data={"production_companies": [agent.pk]})
    assert list(film.production_companies.all()) == [agent]
    services.film_update(film=film, actor=producer, data={"title_en": "Renamed"})
    assert list(film.production_companies.all()) == [agent]  # left alone when not given
    services.film_update(film=film, actor=producer, data={"production_companies": []})
    assert list(film.production_companies.all()) == []


def test_setting_production_companies_costs_the_same_queries_for_one_or_several(producer, producer_org):
    film = FilmFactory(organization=producer_org)
    one = [OrganizationFactory().pk]
    several = [OrganizationFactory().pk for _ in range(4)]

    counts = []
    for companies in (one, several, one):
        with CaptureQueriesContext(connection) as queries:
            services.film_update(film=film, actor=producer, data={"production_companies": companies})
        counts.append(len(queries))

    assert counts[0] == counts[1] == counts[2]
    assert sorted(film.production_companies.values_list("pk", flat=True)) == one


@pytest.mark.parametrize("bad", ["unknown", "buyer_company", "not_a_number"])
def test_a_production_company_that_is_no_producer_on_the_portal_is_refused_and_nothing_saved(
    producer, producer_org, bad
):
    film = FilmFactory(organization=producer_org, title_en="Before")
    partner = OrganizationFactory()
    services.film_update(film=film, actor=producer, data={"production_companies": [partner.pk]})
    wrong = {"unknown": 999_999, "buyer_company": BuyerOrganizationFactory().pk, "not_a_number": "abc"}[bad]

    with pytest.raises(ValidationError) as exc:
        services.film_update(
            film=film, actor=producer, data={"title_en": "After", "production_companies": [partner.pk, wrong]}
        )
    with pytest.raises(ValidationError) as created:
        services.film_create(organization=producer_org, actor=producer, data={**GOOD, "production_companies": [wrong]})

    assert list(exc.value.message_dict) == ["production_companies"]
    assert list(created.value.message_dict) == ["production_companies"]
    film.refresh_from_db()
    assert film.title_en == "Before"
    assert list(film.production_companies.all()) == [partner]
    assert list(Film.objects.all()) == [film]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"trailer_url": "http://example.org/trailer"}, "trailer_url"),
        ({"runtime_minutes": 0}, "runtime_minutes"),
        ({"runtime_minutes": 10_000}, "runtime_minutes"),
        ({"genres": ["space-opera"]}, "genres"),
        ({"original_languages": ["xx"]}, "original_languages"),
        ({"countries": ["ZZ"]}, "countries"),
        ({"box_office_amount": "1000000"}, "box_office_currency"),
        ({"credits": [{"role": "caterer", "name": "Li"}]}, "credits"),
        ({"film_type": "opera"}, "film_type"),
        ({"title_original": ""}, "title_original"),
        ({"listing_status": "published"}, "listing_status"),
    ],
)
def test_bad_film_data_names_the_field_and_saves_nothing(producer, producer_org, change, field):
    with pytest.raises(ValidationError) as exc:
        services.film_create(organization=producer_org, actor=producer, data={**GOOD, **change})

    assert field in exc.value.message_dict
    assert Film.objects.count() == 0


def test_a_film_cannot_be_registered_for_another_company(producer, other_producer):
    other_org = other_producer.organizations.get()

    with pytest.raises(PermissionDenied):
        services.film_create(organization=other_org, actor=producer, data=GOOD)


def test_a_buyer_company_cannot_own_films(agency_admin, buyer_org):
    with pytest.raises(ValidationError) as exc:
        services.film_create(organization=buyer_org, actor=agency_admin, data=GOOD)

    assert list(exc.value.message_dict) == ["organization"]


def test_another_producer_cannot_edit_a_film(other_producer, producer_org):
    film = FilmFactory(organization=producer_org)

    with pytest.raises(PermissionDenied):
        services.film_update(film=film, actor=other_producer, data={"title_en": "Stolen"})


def test_only_drafts_are_deleted(producer, producer_org):
    draft = FilmFactory(organization=producer_org)
    published = PublishedFilmFactory(organization=producer_org)

    services.film_delete(film=draft, actor=producer)
    with pytest.raises(PermissionDenied):
        services.film_delete(film=published, actor=producer)

    assert list(Film.objects.all()) == [published]


# --- Media ------------------------------------------------------------------------------


def test_a_real_poster_is_stored_with_resized_copies(producer, producer_org):
    film = FilmFactory(organization=producer_org)

    image = services.film_image_add(film=film, actor=producer, upload=poster_upload(width=1200, height=1800))

    assert (image.width, image.height) == (1200, 1800)
    with Image.open(image.display.path) as display, Image.open(image.thumbnail.path) as thumb:
        assert display.size == (800, 1200)
        assert thumb.size == (320, 480)


def test_a_new_poster_replaces_the_old_one(producer, producer_org):
    film = FilmFactory(organization=producer_org)
    first = services.film_image_add(film=film, actor=producer, upload=poster_upload())

    services.film_image_add(film=film, actor=producer, upload=poster_upload(color=(0, 0, 0)))

    assert film.images.count() == 1
    assert not FilmImage.objects.filter(pk=first.pk).exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (forged_upload(), "The file is not a JPEG, PNG or WebP image."),
        (
            SimpleUploadedFile("p.gif", b"GIF89a" + png_bytes()[6:], "image/gif"),
            "The file is not a JPEG, PNG or WebP image.",
        ),
        (SimpleUploadedFile("big.png", b"\0" * (10 * 1024 * 1024 + 1), "image/png"), "The file is larger than 10 MB."),
        (SimpleUploadedFile("empty.png", b"", "image/png"), "The file is empty."),
    ],
)
def test_bad_images_are_refused_and_nothing_is_stored(producer, producer_org, upload, message):
    film = FilmFactory(organization=producer_org)

    with pytest.raises(ValidationError) as exc:
        services.film_image_add(film=film, actor=producer, upload=upload)

    assert exc.value.message_dict == {"image": [message]}
    assert FilmImage.objects.count() == 0


def test_a_gif_is_refused_by_content(producer, producer_org):
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="GIF")
    film = FilmFactory(organization=producer_org)

    with pytest.raises(ValidationError):
        services.film_image_add(film=film, actor=producer, upload=SimpleUploadedFile("x.png", out.getvalue()))


def test_an_image_wider_than_ten_thousand_pixels_is_refused(producer, producer_org):
    out = io.BytesIO()
    Image.new("1", (10_001, 2)).save(out, format="PNG")
    film = FilmFactory(organization=producer_org)

    with pytest.raises(ValidationError) as exc:
        services.film_image_add(film=film, actor=producer, upload=SimpleUploadedFile("wide.png", out.getvalue()))

    assert exc.value.message_dict == {"image": ["The image is larger than 10,000 pixels on a side."]}


# --- Rights -----------------------------------------------------------------------------


def test_worldwide_except_china_expands_to_every_other_country_and_media(producer, producer_org):
    film = FilmFactory(organization=producer_org)

    count = services.film_rights_replace(
        film=film,
        actor=producer,
        rows=services.rights_quick_rows(action="worldwide_available", exclude=["greater_china"]),
    )

    territories = set(film.rights.values_list("territory", flat=True))
    assert count == film.rights.count() == len(territories) * 8
    assert {"CN", "HK", "MO", "TW"} & territories == set()
    assert {"FR", "US", "BR"} <= territories


def test_rights_rows_with_terms_that_do_not_overlap_share_a_cell(producer, producer_org):
    film = FilmFactory(organization=producer_org)
    rows = [
        {"territory": "FR", "media": "svod", "status": "sold", "holder": "Ciné+", "term_end": "2027-12-31"},
        {"territory": "FR", "media": "svod", "status": "available", "term_start": "2028-01-01"},
    ]

    assert services.film_rights_replace(film=film, actor=producer, rows=rows) == 2
    assert list(film.rights.order_by(F("term_start").asc(nulls_first=True)).values_list("status", "term_end")) == [
        ("sold", date(2027, 12, 31)),
        ("available", None),
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{"territory": "Atlantis", "media": "svod"}], "Row 1: unknown territory “Atlantis”."),
        ([{"territory": "FR", "media": "cinema"}], "Row 1: unknown media “cinema”."),
        ([{"territory": "FR", "media": "svod", "status": "maybe"}], "Row 1: unknown status “maybe”."),
        (
            [{"territory": "europe", "media": "svod"}, {"territory": "FR", "media": ["svod", "tvod"]}],
            "Row 2: it overlaps row 1 in France for SVOD.",
        ),
        (
            [{"territory": "FR", "media": "svod", "term_start": "2027-01-01", "term_end": "2026-01-01"}],
            "Row 1: the term ends before it starts.",
        ),
        ([{"territory": "FR", "media": "svod", "term_start": "soon"}], "Row 1: term_start is not a date (YYYY-MM-DD)."),
    ],
)
def test_bad_rights_rows_change_nothing(producer, producer_org, rows, message):
    film = FilmFactory(organization=producer_org)
    FilmRightFactory(film=film, territory="JP")

    with pytest.raises(ValidationError) as exc:
        services.film_rights_replace(film=film, actor=producer, rows=rows)

    assert exc.value.message_dict == {"rights": [message]}
    assert list(film.rights.values_list("territory", flat=True)) == ["JP"]


# --- Listing review ---------------------------------------------------------------------


def test_an_incomplete_film_lists_everything_missing(producer, producer_org):
    film = FilmFactory(organization=producer_org, title_en="", runtime_minutes=None)

    with pytest.raises(TransitionError) as exc:
        services.film_transition(film=film, to="pending_review", actor=producer)

    assert exc.value.message_dict == {
        "to": [
            "The film is not complete. Missing: an English title, an English synopsis, a poster, the runtime, "
            "a director in the credits, at least one rights row."
        ]
    }
    film.refresh_from_db()
    assert film.listing_status == "draft"


def test_the_listing_life_cycle_is_audited_and_mailed(
    producer, producer_org, agency_admin, django_capture_on_commit_callbacks
):
    film = complete_film(producer_org, actor=producer)

    with django_capture_on_commit_callbacks(execute=True):
        services.film_transition(film=film, to="pending_review", actor=producer)
    assert [m.to for m in mail.outbox] == [[agency_admin.email]]
    with django_capture_on_commit_callbacks(execute=True):
        services.film_transition(film=film, to="changes_requested", actor=agency_admin, note="Add English subtitles.")
        services.film_transition(film=film, to="pending_review", actor=producer)
        services.film_transition(film=film, to="published", actor=agency_admin)
        services.film_transition(film=film, to="withdrawn", actor=producer)

    film.refresh_from_db()
    assert film.listing_status == "withdrawn"
    assert film.published_at is not None
    moves = list(AuditEvent.objects.order_by("id").values_list("from_state", "to_state"))
    assert moves == [
        ("draft", "pending_review"),
        ("pending_review", "changes_requested"),
        ("changes_requested", "pending_review"),
        ("pending_review", "published"),
        ("published", "withdrawn"),
    ]
    subjects = [m.subject for m in mail.outbox]
    assert f"{film.title_en}: changes requested before publication" in subjects
    assert f"{film.title_en} is published in the catalogue" in subjects
    assert "Add English subtitles." in mail.outbox[1].body


def test_producers_cannot_publish_their_own_film(producer, producer_org):
    film = complete_film(producer_org, actor=producer)
    services.film_transition(film=film, to="pending_review", actor=producer)

    with pytest.raises(PermissionDenied):
        services.film_transition(film=film, to="published", actor=producer)


def test_requesting_changes_needs_a_note(producer, producer_org, agency_admin):
    film = complete_film(producer_org, actor=producer)
    services.film_transition(film=film, to="pending_review", actor=producer)

    with pytest.raises(TransitionError) as exc:
        services.film_transition(film=film, to="changes_requested", actor=agency_admin)

    assert list(exc.value.message_dict) == ["note"]


# --- Visibility and catalogue -----------------------------------------------------------


def test_visible_films_per_role(producer, producer_org, other_producer, buyer, agency_admin):
    own_draft = FilmFactory(organization=producer_org)
    published = PublishedFilmFactory(organization=producer_org)
    others_draft = FilmFactory(organization=other_producer.organizations.get())

    assert set(film_list_visible_to(user=producer)) == {own_draft, published}
    assert set(film_list_visible_to(user=other_producer)) == {published, others_draft}
    assert set(film_list_visible_to(user=buyer)) == {published}
    assert set(film_list_visible_to(user=agency_admin)) == {own_draft, published, others_draft}


def test_catalogue_shows_published_films_only(producer_org):
    published = PublishedFilmFactory(organization=producer_org)
    FilmFactory(organization=producer_org)

    assert catalogue() == [published]


def test_catalogue_finds_a_two_character_chinese_word(producer_org):
    wanted = PublishedFilmFactory(title_original="山河故人")
    PublishedFilmFactory(title_original="河流")

    assert catalogue(q="山河") == [wanted]


def test_catalogue_finds_people_by_name(producer_org):
    film = PublishedFilmFactory()
    CreditFactory(film=film, name="贾樟柯", name_latin="Jia Zhangke")

    assert catalogue(q="zhangke") == [film]
    assert catalogue(q="樟柯") == [film]


def test_catalogue_availability_filter(producer_org):
    in_france = PublishedFilmFactory()
    FilmRightFactory(film=in_france, territory="FR", media="svod")
    sold_in_france = PublishedFilmFactory()
    FilmRightFactory(film=sold_in_france, territory="FR", media="svod", status="sold")
    expired = PublishedFilmFactory()
    FilmRightFactory(film=expired, territory="FR", media="svod", term_end=date(2020, 1, 1))

    assert catalogue(territory="FR", media="svod") == [in_france]
    assert catalogue(territory="FR", media="theatrical") == []


@pytest.mark.parametrize(
    ("params", "field"),
    [({"year_min": "abc"}, "year_min"), ({"territory": "XX"}, "territory"), ({"sort": "random"}, "sort")],
)
def test_bad_catalogue_filters_name_the_field(params, field):
    filterset = CatalogueFilter(params, queryset=film_list_published(), request=_searcher())

    assert not filterset.is_valid()
    assert list(filterset.errors) == [field]


# --- Shortlists -------------------------------------------------------------------------


def test_verified_buyer_shortlists_published_films(buyer):
    film = PublishedFilmFactory()
    shortlist = services.shortlist_create(owner=buyer, name="Berlin picks")

    services.shortlist_add_film(shortlist=shortlist, actor=buyer, film=film)
    services.shortlist_add_film(shortlist=shortlist, actor=buyer, film=film)

    assert list(shortlist.items.values_list("film_id", flat=True)) == [film.pk]


def test_unverified_buyers_keep_no_shortlists(pending_buyer):
    with pytest.raises(PermissionDenied):
        services.shortlist_create(owner=pending_buyer, name="Hopeful")


def test_a_draft_cannot_be_shortlisted(buyer):
    shortlist = services.shortlist_create(owner=buyer, name="Picks")

    with pytest.raises(ValidationError):
        services.shortlist_add_film(shortlist=shortlist, actor=buyer, film=FilmFactory())


def test_nobody_else_changes_a_buyers_shortlist(buyer, buyer_org):
    colleague = member_of(buyer_org)
    shortlist = ShortlistFactory(owner=buyer)

    with pytest.raises(PermissionDenied):
        services.shortlist_add_film(shortlist=shortlist, actor=colleague, film=PublishedFilmFactory())


def test_duplicate_shortlist_names_are_refused(buyer):
    services.shortlist_create(owner=buyer, name="Picks")

    with pytest.raises(ValidationError) as exc:
        services.shortlist_create(owner=buyer, name="picks")

    assert list(exc.value.message_dict) == ["name"]


# --- CSV import -------------------------------------------------------------------------


def _csv(*rows: str) -> SimpleUploadedFile:
    header = "title_original,title_en,production_year,runtime_minutes,genres,director,trailer_url"
    return SimpleUploadedFile("films.csv", "\n".join([header, *rows]).encode())


@pytest.fixture
def imported(producer, producer_org, django_capture_on_commit_callbacks):
    """Runs an import job for the producer to its end and returns the job."""

    def run(upload):
        with django_capture_on_commit_callbacks(execute=True):
            job = services.film_import_start(organization=producer_org, actor=producer, upload=upload)
        job.refresh_from_db()
        return job

    return run


def _films_of(job) -> list[Film]:
    return list(Film.objects.filter(pk__in=job.result["films"]).order_by("pk"))


def test_csv_import_creates_drafts(imported):
    job = imported(
        _csv("春天,Spring,2024,95,drama,王一|Wang Yi,https://e.org/t", "秋天,Autumn,2025,88,comedy;family,,")
    )

    films = _films_of(job)
    assert (job.status, job.message) == ("succeeded", "2 films imported into Demo Pictures as drafts.")
    assert [f.title_en for f in films] == ["Spring", "Autumn"]
    assert list(films[0].credits.values_list("name", "name_latin")) == [("王一", "Wang Yi")]
    assert all(f.listing_status == "draft" for f in films)


def test_csv_import_with_a_bad_row_saves_nothing_and_reports_each_row(imported):
    job = imported(_csv("春天,Spring,2024,95,drama,,", "秋天,Autumn,year,0,unknown,,http://e.org/t"))

    assert (job.status, job.message) == ("failed", "Nothing was imported: 4 problems found.")
    # Every problem of the bad row at once: the unreadable year, and what the rules say of the rest.
    assert sorted((e["row"], e["column"], e["message"]) for e in job.errors) == [
        (3, "genres", "Unknown genre: unknown."),
        (3, "production_year", "Enter a whole number."),
        (3, "runtime_minutes", "Ensure this value is greater than or equal to 1."),
        (3, "trailer_url", "Enter an https:// link."),
    ]
    assert Film.objects.count() == 0


def test_csv_import_reports_every_bad_field_of_a_row(imported):
    job = imported(_csv("秋天,Autumn,2024,0,unknown,,http://e.org/t"))

    assert sorted((e["row"], e["column"], e["message"]) for e in job.errors) == [
        (2, "genres", "Unknown genre: unknown."),
        (2, "runtime_minutes", "Ensure this value is greater than or equal to 1."),
        (2, "trailer_url", "Enter an https:// link."),
    ]
    assert Film.objects.count() == 0


def test_a_bad_director_is_reported_under_the_director_column(imported):
    job = imported(_csv("春天,Spring,2024,95,drama,|Wang Yi,"))

    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "director")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00bad", "The file is not UTF-8 text (byte 1). Save it as “CSV UTF-8” and upload it again."),
        (b"name,year\nX,2020\n", "The first row must name the columns; see the template."),
        (b"title_original,colour\nX,red\n", "Unknown columns: colour."),
        (b"title_original,title_en\n", "The file has no films in it."),
    ],
)
def test_csv_import_refuses_a_bad_file_and_queues_nothing(producer, producer_org, content, message):
    with pytest.raises(ValidationError) as exc:
        services.film_import_start(
            organization=producer_org, actor=producer, upload=SimpleUploadedFile("f.csv", content)
        )

    assert exc.value.message_dict == {"file": [message]}
    assert Job.objects.count() == 0


def test_import_template_round_trips(imported):
    job = imported(SimpleUploadedFile("template.csv", services.import_template_csv().encode()))

    assert [film.title_en for film in _films_of(job)] == ["Mountains May Depart"]


def test_formulas_are_imported_as_the_text_they_are(imported):
    job = imported(_csv('=HYPERLINK("http://e.org"),=1+1,2024,95,drama,,'))

    assert [(f.title_original, f.title_en) for f in _films_of(job)] == [('=HYPERLINK("http://e.org")', "=1+1")]


def test_an_import_reports_its_progress_row_by_row(producer, producer_org, django_capture_on_commit_callbacks):
    rows = [f"片{i},Film {i},2024,90,drama,," for i in range(3)]
    with django_capture_on_commit_callbacks() as queued:
        job = services.film_import_start(organization=producer_org, actor=producer, upload=_csv(*rows))
    seen = []
    real_progress = imports.job_progress

    def watched(**kwargs):
        real_progress(**kwargs)
        stored = Job.objects.get(pk=job.pk)
        seen.append((stored.status, stored.progress_done, stored.progress_total, stored.message))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(imports, "job_progress", watched)
        queued[0]()

    assert seen == [
        ("running", 0, 6, "Checking the rows."),
        ("running", 1, 6, "Checked 1 of 3 rows."),
        ("running", 2, 6, "Checked 2 of 3 rows."),
        ("running", 3, 6, "Checked 3 of 3 rows."),
        ("running", 3, 6, "Saving the films."),
    ]
    job.refresh_from_db()
    assert (job.status, job.progress_done, job.percent) == ("succeeded", 6, 100)


def test_an_import_by_someone_who_left_the_company_fails_and_saves_nothing(
    producer, producer_org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        job = services.film_import_start(organization=producer_org, actor=producer, upload=_csv("春天,Spring,,,,,"))
    producer.memberships.all().delete()
    queued[0]()

    job.refresh_from_db()
    assert (job.status, job.message) == ("failed", "You may no longer import films into Demo Pictures.")
    assert Film.objects.count() == 0


def test_rights_for_a_film_of_another_company_are_refused(producer):
    film = FilmFactory(organization=OrganizationFactory())

    with pytest.raises(PermissionDenied):
        services.film_rights_replace(film=film, actor=producer, rows=[{"territory": "FR", "media": "svod"}])
    assert FilmRight.objects.count() == 0
