"""The meetings benchmark runs on a tiny seed, reports its table and leaves nothing behind."""

import pytest

from accounts.models import User
from markets.models import Meeting
from portal.bench.meetings import bench_meetings

pytestmark = pytest.mark.django_db


def test_the_meetings_bench_reports_and_cleans_up():
    said: list[str] = []

    report = bench_meetings(write=said.append, meetings=9, people=3)

    assert report.startswith("## Meetings")
    assert "| API list, 50 a page |" in report
    assert "| Accept a free time |" in report
    assert "| Accept a taken time (refused) |" in report
    assert said == ["meetings: seeding 9 meetings of one person with 3 buyers…"]
    assert not Meeting.objects.exists()
    assert not User.objects.filter(email__startswith="bench-meetings-").exists()
