"""`make bench` end to end on a tiny catalogue: it seeds, measures every request with the cache
off and on, and reports a table, the targets' verdicts and the plans."""

from io import StringIO

import pytest
from django.core.management import call_command

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
