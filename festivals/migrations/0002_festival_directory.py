"""The festival directory the agency vetted before launch (festivals/directory.py).

Loading is idempotent: each festival is matched on its English name and country and brought
in line with the directory, focus tags included. Festivals from the directory count as
vetted by the agency, now, by no one in particular.
"""

from django.db import migrations
from django.utils import timezone

from festivals.directory import FESTIVALS


def load_directory(apps, schema_editor):
    Festival = apps.get_model("festivals", "Festival")
    FestivalFocusTag = apps.get_model("festivals", "FestivalFocusTag")
    now = timezone.now()
    for entry in FESTIVALS:
        festival, _created = Festival.objects.update_or_create(
            name_en=entry.name_en,
            country=entry.country,
            defaults={
                "name_zh": entry.name_zh,
                "city": entry.city,
                "website": entry.website,
                "founded_year": entry.founded,
                "tier": entry.tier,
                "typical_month": entry.month,
                "verified": True,
                "verified_at": now,
                "verified_by": None,
            },
        )
        FestivalFocusTag.objects.filter(festival=festival).exclude(focus__in=entry.focus).delete()
        for focus in entry.focus:
            FestivalFocusTag.objects.get_or_create(festival=festival, focus=focus)


def unload_directory(apps, schema_editor):
    # Festivals that have gained editions since hold the agency's and producers' data: kept.
    Festival = apps.get_model("festivals", "Festival")
    for entry in FESTIVALS:
        Festival.objects.filter(name_en=entry.name_en, country=entry.country, editions__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("festivals", "0001_initial")]

    operations = [migrations.RunPython(load_directory, unload_directory)]
