"""What the programmes tests share: a valid programme's data (its call opening in a week and
closing in two months, computed once per call) and its rubric."""

from datetime import timedelta

from django.utils import timezone

from tests.support.factories import cny


def programme_data(**changes) -> dict:
    today = timezone.localdate()
    opens, closes = today + timedelta(days=7), today + timedelta(days=60)
    data = {
        "kind": "festival_participation",
        "year": today.year,
        "title_en": "Festival Travel Support",
        "title_zh": "电影节参展资助",
        "summary_en": "Travel to festivals abroad.",
        "budget": cny(1_000_000),
        "max_grant": cny(100_000),
        "opens_at": f"{opens.isoformat()}T09:00:00",
        "closes_at": f"{closes.isoformat()}T18:00:00",
        "time_zone": "Asia/Shanghai",
        "requires_published_film": True,
        "min_festival_tier": "B",
        "required_documents": ["budget", "invitation"],
        "report_days": 90,
        "blind_review": False,
        "published": True,
    }
    data.update(changes)
    return data


def rubric_data(*weights: int) -> list[dict]:
    return [
        {"name_en": f"Criterion {n}", "name_zh": f"标准{n}", "guidance_en": "", "weight": weight}
        for n, weight in enumerate(weights or (3, 2), start=1)
    ]
