"""The deadlines feed and film import benchmarks run on a tiny seed, report their tables and leave
nothing behind: no deadline, no film, no kept feed, no stored import file."""

import pytest
from django.core.management import call_command

from accounts.models import Organization, User
from core.models import AuditEvent, Job
from festivals.models import Deadline, Festival
from festivals.selectors import CALENDAR_FEEDS
from films.models import Film
from portal.bench.calendar import bench_calendar
from portal.bench.imports import bench_imports

pytestmark = pytest.mark.django_db


def test_the_calendar_bench_reports_the_feed_afresh_and_kept_and_cleans_up():
    said: list[str] = []
    festivals, deadlines = Festival.objects.count(), Deadline.objects.count()
    _kept, generation = CALENDAR_FEEDS.get(("any",))

    report = bench_calendar(write=said.append, deadlines=200, repeats=2)

    assert report.startswith("## Festival deadlines feed (.ics)")
    assert "| whole feed | built afresh |" in report
    assert "| whole feed | kept (median of 2) |" in report
    assert "| tier A | built and kept (first request) |" in report
    # Every whole-feed row holds the 200 deadlines; a kept one costs no query.
    assert [line.split("|")[5].strip() for line in report.splitlines() if "| whole feed |" in line] == ["200"] * 3
    assert [line.split("|")[4].strip() for line in report.splitlines() if "kept (median" in line] == ["0", "0"]
    assert said == ["  calendar: 200 upcoming festival deadlines…"]
    assert (Festival.objects.count(), Deadline.objects.count()) == (festivals, deadlines)
    assert CALENDAR_FEEDS.get(("any",))[1] > generation  # the feeds kept during the run are stale


def test_the_imports_bench_reports_rows_a_second_and_cleans_up(settings):
    said: list[str] = []

    report = bench_imports(write=said.append, rows=40, small=10)

    assert report.startswith("## Film import (CSV)")
    assert "| 10 |" in report
    assert "| 40 |" in report
    assert said == ["  imports: files of 10 and 40 films…"]
    assert not Film.objects.exists()
    assert not AuditEvent.objects.exists()
    assert not Job.objects.exists()
    assert not Organization.objects.filter(name="Bench Import Pictures").exists()
    assert not User.objects.filter(email__startswith="bench-imports-").exists()
    assert [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()] == []  # the input files too


@pytest.mark.parametrize(
    ("only", "heading"), [("calendar", "## Festival deadlines feed"), ("imports", "## Film import")]
)
def test_the_bench_command_measures_only_the_calendar_or_the_imports(capsys, settings, only, heading):
    settings.DEBUG = True
    call_command("bench", "--only", only, "--films", "100")
    out = capsys.readouterr().out
    assert heading in out
    assert "## Reminder sweep" not in out
