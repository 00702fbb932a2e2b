"""Hostile CSV files, generated, fed to the film import page: never a server error, and a
refused file or a failed import leaves no film behind.

The files mix the import's real columns with unknown ones, cells with NUL, quotes, line and
paragraph separators, a byte-order mark, formulas and cells beyond the csv module's own
131,072-character limit, in UTF-8, UTF-16, GB 18030 and raw bytes, quoted properly or not.
"""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from core.models import Job, JobStatus
from films.models import Film
from films.services import IMPORT_COLUMNS

HOSTILE_CELLS = [
    "\x00",
    "A\x00B",
    '"',
    '""',
    '"unclosed',
    "\n",
    "\r",
    "\r\n",
    "\u2028",
    "\ufeff",
    ",",
    ";",
    "|",
    '=HYPERLINK("http://e.org")',
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1",
    "x" * 131_073,
    "山河故人" * 6_000,
    "2024",
    "0",
    "-5",
    "drama",
    "feature_fiction",
    "https://e.org/t",
    "99999999999999999999999",
]
cells = st.one_of(st.sampled_from(HOSTILE_CELLS), st.text(max_size=30))
headers = st.one_of(
    st.lists(st.sampled_from(IMPORT_COLUMNS), min_size=1, max_size=6, unique=True).map(
        lambda names: ["title_original", *[n for n in names if n != "title_original"]]
    ),
    st.lists(st.one_of(st.sampled_from(IMPORT_COLUMNS), st.text(max_size=12)), max_size=5),
)


@st.composite
def csv_files(draw) -> bytes:
    header = draw(headers)
    rows = draw(st.lists(st.lists(cells, max_size=len(header) + 2), max_size=4))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
    if draw(st.booleans()):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
        text = out.getvalue()
    else:  # joined by hand: quotes and separators left as they fall
        text = "\n".join(",".join(row) for row in [header, *rows])
    return text.encode(encoding, errors="replace")


@st.composite
def plausible_files(draw) -> bytes:
    """Files that pass the reader, so the job runs: good cells with the odd bad one."""
    plain = st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=20)
    good = {
        "title_original": st.one_of(plain.filter(str.strip), st.sampled_from(["=1+1", "山河", "@x"])),
        "production_year": st.sampled_from(["", "2024", "1890", "year", "-1"]),
        "runtime_minutes": st.sampled_from(["", "95", "0", "9999999999"]),
        "genres": st.sampled_from(["", "drama", "drama;comedy", "western"]),
        "director": st.sampled_from(["", "王一|Wang Yi", "|x", "a|b|c"]),
        "box_office_amount": st.sampled_from(["", "1.5", "1e9999", "NaN", "abc"]),
        "box_office_currency": st.sampled_from(["", "CNY", "ZZZ"]),
        "logline_en": plain,
    }
    rows = draw(st.lists(st.fixed_dictionaries(good), min_size=1, max_size=3))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(good))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig" if draw(st.booleans()) else "utf-8")


files = st.one_of(csv_files(), plausible_files(), st.binary(max_size=300))


@pytest.mark.django_db
@settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.large_base_example],
)
@given(content=files)
def test_hostile_csv_files_never_make_a_server_error_nor_leave_films_of_a_refused_file(
    client, producer, producer_org, django_capture_on_commit_callbacks, content
):
    client.force_login(producer)
    films_before, jobs_before = Film.objects.count(), Job.objects.count()
    upload = SimpleUploadedFile("films.csv", content, content_type="text/csv")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/films/import/", {"organization": producer_org.pk, "file": upload})

    assert response.status_code in (302, 400)
    event(f"answer {response.status_code}")
    if response.status_code == 400:
        assert response.context["form"].errors["file"]
        assert (Film.objects.count(), Job.objects.count()) == (films_before, jobs_before)
        return
    job = Job.objects.latest("pk")
    assert job.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)
    assert client.get(f"/jobs/{job.pk}/").status_code == 200
    made = Film.objects.count() - films_before
    event(f"job {job.status}")
    if job.status == JobStatus.FAILED:
        assert made == 0
        assert job.errors
        assert all(error["row"] >= 2 and error["column"] for error in job.errors)
    else:
        assert made == len(job.result["films"])
