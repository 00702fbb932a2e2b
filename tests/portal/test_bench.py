"""`make bench` end to end on a tiny catalogue: it seeds, measures every request with the cache
off and on, and reports a table, the targets' verdicts and the plans."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from festivals.enums import FestivalTier, SubmissionStatus
from festivals.models import Festival, Submission
from portal.bench import report
from portal.bench.measure import SCENARIOS, Measurement, Plan, Timing, explain, plan_scans
from portal.bench.seed import BENCH_FESTIVAL_PREFIX, SeedSize, seed, seed_counts, seed_delete

pytestmark = pytest.mark.django_db


def test_bench_measures_and_reports(settings, tmp_path):
    settings.CATALOGUE_CACHE_SECONDS = 60
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute", "token": "10/minute"},
    }
    out, report = StringIO(), tmp_path / "benchmark.md"

    call_command(
        "bench",
        films=30,
        rights_per_film=3,
        buyers=3,
        requests=2,
        warmup=0,
        report=report,
        force=True,
        no_http=True,
        only="catalogue",
        stdout=out,
    )

    text = report.read_text()
    expected = [
        "| English text search | verified buyer | `?q=",
        "| English text search | anonymous | `?q=",
        "| English text search, kept answer | verified buyer |",
        "| Home page | verified buyer |",
        "| Home page | anonymous |",
        "DEBUG off while measuring",
        "The floor: the SQL the API request runs",
        "a fixed number of SQL queries per catalogue API request",
        "the API within 1.5× the floor's time",
        "the HTML page within 2× the API's time",
        "answered from the catalogue cache",
        "Not measured in this run",
    ]
    assert [fragment for fragment in expected if fragment not in text] == []
    assert "Results in process" in out.getvalue()
    assert "DEBUG off" in out.getvalue()
    # Both honours filters are measured, each alone and award winners with availability too,
    # afresh and as a kept answer; those without availability also for an anonymous visitor.
    honours = [line for line in text.splitlines() if "`?honours=" in line]
    assert {line.split("|")[3].strip() for line in honours} == {
        "`?honours=tier_a_selection`",
        "`?honours=award`",
        "`?honours=award&territory=FR&media=svod`",
    }
    assert len(honours) == 8
    assert sum("| anonymous |" in line for line in honours) == 2
    # Anonymous visitors are never asked for availability, which is for verified buyers.
    assert not [line for line in text.splitlines() if "| anonymous |" in line and "territory=" in line]
    if connection.vendor == "sqlite":  # PostgreSQL may scan tables this small whatever their indexes
        # Their submissions sub-queries find rows by index.
        assert all("festivals_submission" not in line.rsplit("|", 2)[1] for line in honours)


def test_the_seed_submits_films_to_festivals_and_removes_them_with_the_seed():
    lines: list[str] = []
    size = SeedSize(films=400, rights_per_film=2, buyers=2)

    assert seed(size=size, write=lines.append) is True
    submissions = Submission.objects.filter(film__organization__description__startswith="[bench]")
    selected_at_a = submissions.filter(
        status__in=[SubmissionStatus.SELECTED, SubmissionStatus.AWARDED],
        section__edition__festival__tier=FestivalTier.A,
    )
    assert 0 < submissions.values("film").distinct().count() < 400 * 0.3
    assert selected_at_a.exists()
    assert all(s.awards == ["Grand Prize"] for s in submissions.filter(status=SubmissionStatus.AWARDED))
    assert seed_counts().matches(size)
    assert seed(size=size, write=lines.append) is False  # already there

    seed_delete()
    assert not Submission.objects.exists()
    assert not Festival.objects.filter(name_en__startswith=BENCH_FESTIVAL_PREFIX).exists()
    assert Festival.objects.exists()  # the directory's own festivals stay


def _bench_submissions():
    return Submission.objects.filter(film__organization__description__startswith="[bench]")


def test_the_seed_has_every_submission_state_at_60_festivals_12_of_them_tier_a():
    size = SeedSize(films=60, rights_per_film=1, buyers=1)

    seed(size=size, write=lambda line: None)

    festivals = Festival.objects.filter(name_en__startswith=BENCH_FESTIVAL_PREFIX)
    assert festivals.count() == 60
    assert festivals.filter(tier=FestivalTier.A).count() == 12
    submissions = _bench_submissions()
    assert set(submissions.values_list("status", flat=True)) == set(SubmissionStatus.values)
    for submission in submissions:
        draft = submission.status == SubmissionStatus.DRAFT
        assert (submission.submitted_at is None) == draft, submission.status
        assert (submission.deadline_kind == "") == draft, submission.status
        assert (submission.awards != []) == (submission.status == SubmissionStatus.AWARDED)
    # Each film is submitted to a section at most once.
    pairs = list(submissions.values_list("film_id", "section_id"))
    assert len(pairs) == len(set(pairs))


def test_an_older_seed_without_every_submission_state_is_seeded_again():
    size = SeedSize(films=60, rights_per_film=1, buyers=1)
    seed(size=size, write=lambda line: None)
    _bench_submissions().filter(status=SubmissionStatus.DRAFT).delete()  # as seeds before drafts were
    lines: list[str] = []

    assert not seed_counts().matches(size)
    assert seed(size=size, write=lines.append) is True

    assert lines[0].startswith("Removing an earlier seed")
    assert _bench_submissions().filter(status=SubmissionStatus.DRAFT).exists()
    assert Festival.objects.filter(name_en__startswith=BENCH_FESTIVAL_PREFIX).count() == 60


@pytest.mark.parametrize(
    ("vendor", "text", "scans"),
    [
        (
            "postgresql",
            "Nested Loop Semi Join  (cost=0.71..9.1 rows=1 width=4)\n"
            "  ->  Parallel Seq Scan on festivals_submission u0  (cost=0.00..310.2 rows=9 width=4)\n"
            "  ->  Index Scan using films_film_pkey on films_film  (cost=0.29..8.3 rows=1 width=4)",
            ["festivals_submission"],
        ),
        (
            "postgresql",
            "Index Only Scan using submission_film_idx on festivals_submission u0  (cost=0.29..4.3 rows=1)",
            [],
        ),
        ("sqlite", "SCAN festivals_submission AS U0", ["festivals_submission"]),
        ("sqlite", "SEARCH U0 USING INDEX submission_film_idx (film_id=? AND status=?)", []),
        ("sqlite", "SCAN films_film USING COVERING INDEX film_published_idx", []),
    ],
)
def test_plan_scans_finds_sequential_scans_in_each_databases_plans(vendor, text, scans):
    assert plan_scans(text, vendor=vendor) == scans


def test_explain_flags_a_sequential_scan_on_submissions_and_not_an_index_search():
    table = Submission._meta.db_table
    by_notes = explain(f"SELECT id FROM {table} WHERE notes = 'x'")  # noqa: S608  (a fixed test query)
    by_film = explain(f"SELECT id FROM {table} WHERE film_id = 1 AND status = 'awarded'")  # noqa: S608  (as above)

    assert by_notes.flagged == [table]  # no index on notes: a full scan on every database
    if connection.vendor == "sqlite":  # PostgreSQL may scan tables this small whatever their indexes
        assert by_film.flagged == []


def _timings(**parts: list[float]) -> dict[str, Timing]:
    return {name: Timing(latencies) for name, latencies in parts.items()}


def test_a_sequential_scan_on_submissions_fails_the_target_and_shows_in_the_table():
    honours = next(s for s in SCENARIOS if s.params.get("honours") == "award")
    scan = Plan(sql="SELECT …", text="Seq Scan on festivals_submission u0", scans=["festivals_submission"])
    timings = _timings(ping=[0.001, 0.001], floor=[0.002, 0.002], api=[0.01, 0.02], html=[0.02, 0.02])
    flagged = Measurement(
        honours, "/api/v1/films/", timings, queries={10: 8, 50: 8}, page_queries=9, floor_sql=Timing([0.001] * 2)
    )
    flagged.plans = [scan]

    lines = report.verdicts([flagged])
    rows = report.table([flagged]).splitlines()

    assert "- FAIL: no sequential scan on films_film or films_filmright or festivals_submission — " in lines[1]
    assert lines[1].endswith(f"{honours.name} (festivals_submission)")
    assert rows[2].endswith("| 8 / 8 / 9 | festivals_submission |")


def test_the_ratios_compare_each_part_with_ping_and_the_floor_in_the_same_rounds():
    scenario = SCENARIOS[0]
    # Ping 1 ms, floor 10 ms, API 20 ms, page 30 ms: API 2× the floor, page 1.5× the API.
    timings = _timings(ping=[0.001] * 4, floor=[0.01] * 4, api=[0.02] * 4, html=[0.03] * 4)
    result = Measurement(
        scenario, "/api/v1/films/", timings, queries={10: 5, 50: 5}, page_queries=6, floor_sql=Timing([0.008] * 4)
    )

    assert result.ratio_in_time("api", "floor") == pytest.approx(2.0)
    assert result.ratio_in_time("html", "api") == pytest.approx(1.5)
    assert result.ratio("api") == pytest.approx(0.05)
    row = report.table([result]).splitlines()[2]
    cells = [cell.strip() for cell in row.split("|")]
    assert cells[5:8] == ["4", "1.0", "10.0 (8.0)"]  # rounds, ping ms, floor ms (its SQL)
    assert cells[16:20] == ["2.00", "1.50", "0.05", "0.03"]
    verdicts = report.verdicts([result])
    assert verdicts[2].startswith("- FAIL: the API within 1.5× the floor's time")
    assert verdicts[2].endswith("(2.00)")
    assert verdicts[3].startswith("- PASS: the HTML page within 2× the API's time")
