"""
Load the gazetteer's new agencies and aliases (the Vietnamese bodies the
portals name most, with their English names; ASEANAPOL, Europol, the
foreign police forces Vietnam works with), confirmed, as 0003 did for the
first ones. An agency an editor already keeps gains the new aliases only.
"""

from django.db import migrations

from agreements.extraction import load_gazetteer_file
from articles.text.folding import match_key
from articles.text.slugs import slugify


def load(apps, schema_editor):
    Agency = apps.get_model("agreements", "Agency")
    AgencyAlias = apps.get_model("agreements", "AgencyAlias")
    for entry in load_gazetteer_file()["agencies"]:
        country = entry.get("country", "")
        agency, _ = Agency.objects.get_or_create(
            name=entry["name"],
            country=country,
            defaults={
                "short_name": entry.get("short_name", ""),
                "kind": entry.get("kind", "other"),
                "slug": slugify(f"{entry['name']} {country}"),
                "review_status": "confirmed",
            },
        )
        names = [entry["name"], entry.get("short_name", ""), *entry.get("aliases", [])]
        for key, name in {match_key(n): n for n in names if n}.items():
            AgencyAlias.objects.get_or_create(agency=agency, folded_name=key, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0007_english_country_names"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
