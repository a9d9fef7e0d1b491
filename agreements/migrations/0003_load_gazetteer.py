"""
Load the gazetteer (agreements/vocabulary/gazetteer.toml) and django-countries'
Vietnamese country names, so that the extractor knows them and editors can
correct them in the admin.
"""

import tomllib
from pathlib import Path

from django.db import migrations
from django.utils import translation

from articles.text.folding import fold
from articles.text.slugs import slugify

GAZETTEER = Path(__file__).resolve().parent.parent / "vocabulary" / "gazetteer.toml"


def folded(name):
    return " ".join(fold(name).lower().split())


def load(apps, schema_editor):
    from django_countries import countries

    CountryAlias = apps.get_model("agreements", "CountryAlias")
    Agency = apps.get_model("agreements", "Agency")
    AgencyAlias = apps.get_model("agreements", "AgencyAlias")
    data = tomllib.loads(GAZETTEER.read_text("utf-8"))

    names = {}
    with translation.override("vi"):
        for code, name in countries:
            names.setdefault(folded(str(name)), (str(name), code))
    for code, aliases in data["countries"].items():
        for name in aliases:
            names[folded(name)] = (name, code)
    CountryAlias.objects.bulk_create(
        [CountryAlias(name=name, folded_name=key, country=code) for key, (name, code) in names.items()],
        ignore_conflicts=True,
    )

    for entry in data["agencies"]:
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
        aliases = {folded(n): n for n in [entry["name"], entry.get("short_name", ""), *entry.get("aliases", [])] if n}
        for key, name in aliases.items():
            AgencyAlias.objects.get_or_create(agency=agency, folded_name=key, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0002_country_alias"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
