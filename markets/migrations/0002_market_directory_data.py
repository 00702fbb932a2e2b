"""The trade markets the agency vetted before launch (markets/directory.py).

Loading is idempotent: each market is matched on its English name and country and brought in
line with the directory, focus tags included.
"""

from django.db import migrations

from markets.directory import MARKETS


def load_directory(apps, schema_editor):
    Market = apps.get_model("markets", "Market")
    MarketFocusTag = apps.get_model("markets", "MarketFocusTag")
    for entry in MARKETS:
        market, _created = Market.objects.update_or_create(
            name_en=entry.name_en,
            country=entry.country,
            defaults={
                "name_zh": entry.name_zh,
                "city": entry.city,
                "city_zh": entry.city_zh,
                "time_zone": entry.time_zone,
                "website": entry.website,
                "founded_year": entry.founded,
                "typical_month": entry.month,
            },
        )
        MarketFocusTag.objects.filter(market=market).exclude(focus__in=entry.focus).delete()
        for focus in entry.focus:
            MarketFocusTag.objects.get_or_create(market=market, focus=focus)


def unload_directory(apps, schema_editor):
    # Markets that have gained editions since hold the agency's data: kept.
    Market = apps.get_model("markets", "Market")
    for entry in MARKETS:
        Market.objects.filter(name_en=entry.name_en, country=entry.country, editions__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("markets", "0001_market_directory")]

    operations = [migrations.RunPython(load_directory, unload_directory)]
