"""The screener bench streams a file in ranges, rolls back what it made, and reports a table."""

import pytest

from markets.models import ScreenerGrant
from portal.bench.screeners import bench_screeners

pytestmark = pytest.mark.django_db


def test_the_bench_streams_in_ranges_and_reports(tmp_path):
    lines = []
    section = bench_screeners(write=lines.append, size_mb=3, range_mb=1)

    assert "## Screener streaming" in section
    assert "| 3 MiB | 1 MiB | 3 |" in section
    assert ScreenerGrant.objects.count() == 0
    assert not list((tmp_path / "media" / "screeners").glob("*"))
    assert lines == ["  screeners: streaming 3 MiB in 1 MiB ranges"]
