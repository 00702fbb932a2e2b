import pytest

from markets.models import BuyerProfile
from portal.bench.buyers import BENCH_BUYER_PREFIX, bench_buyers

pytestmark = pytest.mark.django_db


def test_the_buyers_bench_seeds_measures_and_reports_a_fixed_query_count():
    written = []
    report = bench_buyers(write=written.append, buyers=30)
    assert BuyerProfile.objects.filter(organization__name__startswith=BENCH_BUYER_PREFIX).count() == 30
    assert "| Film page panel (top 5) | 4 |" in report
    assert "| Full list, first page of 25 with total | 5 |" in report
    assert "Plan nodes:" in report
    # A second run replaces the seeded rows instead of adding to them.
    bench_buyers(write=written.append, buyers=20)
    assert BuyerProfile.objects.filter(organization__name__startswith=BENCH_BUYER_PREFIX).count() == 20
