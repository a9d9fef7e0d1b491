"""
Load the gazetteer (agreements/extraction/gazetteer.toml, read by the
extractor's own loader) and django-countries' Vietnamese country names, so
that the extractor knows them and editors can correct them in the admin.
"""

from django.db import migrations
from django.utils import translation

from agreements.extraction import load_gazetteer_file
from articles.text.folding import match_key
from articles.text.slugs import slugify


def load(apps, schema_editor):
    from django_countries import countries

    CountryAlias = apps.get_model("agreements", "CountryAlias")
    Agency = apps.get_model("agreements", "Agency")
    AgencyAlias = apps.get_model("agreements", "AgencyAlias")
    data = load_gazetteer_file()

    names = {}
    with translation.override("vi"):
        for code, name in countries:
            names.setdefault(match_key(str(name)), (str(name), code))
    for code, aliases in data["countries"].items():
        for name in aliases:
            names[match_key(name)] = (name, code)
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
        aliases = {match_key(n): n for n in [entry["name"], entry.get("short_name", ""), *entry.get("aliases", [])] if n}
        for key, name in aliases.items():
            AgencyAlias.objects.get_or_create(agency=agency, folded_name=key, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0002_country_alias"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
