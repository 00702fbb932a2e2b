"""The campaign bench seeds buyers, sends one campaign to them in batches, measures the send
rate and the memory of each batch, rolls back what it made, and reports a table."""

import io

import pytest
from django.core.management import call_command

from accounts.models import Organization, User
from campaigns.models import Campaign, CampaignDelivery
from notifications.models import Notification
from portal.bench.campaigns import bench_campaigns

pytestmark = pytest.mark.django_db


def test_the_bench_sends_in_batches_measures_and_rolls_back():
    lines = []
    section = bench_campaigns(write=lines.append, buyers=45, per_company=10, batch_size=10)

    assert "## Campaign sending" in section
    assert "| Recipients | 45 |" in section
    assert "(5 batches)" in section
    assert "| Send rate (recipients/s) |" in section
    assert "| Traced peak of a batch, first / last / highest (MiB) |" in section
    assert not Campaign.objects.exists()
    assert not CampaignDelivery.objects.exists()
    assert not Notification.objects.exists()
    assert not User.objects.exists()
    assert not Organization.objects.exists()
    assert lines[0] == "  campaigns: 45 verified buyers, one campaign sent in batches of 10…"
    assert lines[2].startswith("  sent to 45 at ")


def test_the_bench_command_runs_only_campaigns(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("bench", only="campaigns", campaign_buyers=12, stdout=out)
    assert "| Recipients | 12 |" in out.getvalue()
