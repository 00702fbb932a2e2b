"""Bulk import of films from a CSV file: the job, bad rows, hostile files, companies, the template."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.csvreader import CsvLimits
from core.models import Job
from films import services
from films.models import Credit, Film
from tests.films.helpers import login

pytestmark = pytest.mark.django_db


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
