"""`make bench` end to end on a tiny catalogue: it seeds, measures every request with the cache
off and on, and reports a table, the targets' verdicts and the plans."""

from io import StringIO

import pytest
from django.core.management import call_command

from festivals.enums import FestivalTier, SubmissionStatus
from festivals.models import Festival, Submission
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
        "bench", films=30, rights_per_film=3, buyers=3, requests=2, warmup=0, report=report, force=True, stdout=out
    )

    text = report.read_text()
    assert "| English text search | `?q=" in text
    assert "| English text search, kept answer |" in text
    assert "| Ping (bare JSON endpoint) |" in text
    assert "a fixed number of SQL queries per catalogue request" in text
    assert "answered from the catalogue cache" in text
    assert "Results" in out.getvalue()
    assert "| Selected at a tier A festival | `?honours=tier_a_selection` |" in text


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
