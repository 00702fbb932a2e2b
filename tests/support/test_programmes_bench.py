"""The export support bench seeds programmes and scored applications, measures the ranked list
and the dashboard at fixed query counts, rolls back what it made, and reports a table."""

import io

import pytest
from django.core.management import call_command

from portal.bench.support import bench_support
from support.models import Application, Programme

pytestmark = pytest.mark.django_db


def test_the_bench_measures_and_rolls_back():
    lines = []
    section = bench_support(write=lines.append, programmes=3, applications=30, reviews=2, runs=3)

    assert "## Export support" in section
    assert "| Ranked list of one programme | 10 | 1 |" in section
    assert "| Programme dashboard | 10 | 4 |" in section
    assert not Programme.objects.exists()
    assert not Application.objects.exists()
    assert lines == ["  support: 3 programmes, 30 applications with 2 scored review(s) each…"]


def test_the_bench_command_runs_only_support(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("bench", only="support", programmes=2, applications=8, stdout=out)
    assert "## Export support" in out.getvalue()
