"""The deals benchmark runs on a small grid, reports each step, and leaves nothing behind."""

import pytest

from films.models import Film, FilmRight
from markets.models import Deal
from portal.bench.deals import bench_deals

pytestmark = pytest.mark.django_db


def test_the_deals_bench_reports_each_step_and_leaves_nothing():
    progress: list[str] = []

    section = bench_deals(write=progress.append, rows=40)

    assert section.startswith("## Deals")
    assert "A film with 40 rights rows; one exclusive deal over 32 of them (32 marked sold on signing)." in section
    for step in ("Record the deal", "Move into negotiation", "Sign (lock, conflicts, mark sold)"):
        assert f"| {step}" in section
    assert progress
    assert not Deal.objects.exists()
    assert not Film.objects.filter(title_en="Bench Deals Film").exists()
    assert not FilmRight.objects.exists()
