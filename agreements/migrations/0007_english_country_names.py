"""
Load django-countries' English country names and the gazetteer's new
spellings, so that the extractor reads the portals' English editions
("Viet Nam", "Laos", "Republic of Korea"). Names an editor already keeps
are left as they are.
"""

from django.db import migrations
from django.utils import translation

from agreements.extraction import load_gazetteer_file
from articles.text.folding import match_key


def load(apps, schema_editor):
    from django_countries import countries

    CountryAlias = apps.get_model("agreements", "CountryAlias")
    names = {}
    with translation.override("en"):
        for code, name in countries:
            names.setdefault(match_key(str(name)), (str(name), code))
    for code, aliases in load_gazetteer_file()["countries"].items():
        for name in aliases:
            names[match_key(name)] = (name, code)
    CountryAlias.objects.bulk_create(
        [CountryAlias(name=name, folded_name=key, country=code) for key, (name, code) in names.items()],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0006_search_document"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
