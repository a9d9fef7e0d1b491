"""The gazetteer: which agency a bare name means, and an empty gazetteer."""

from dataclasses import replace

from django.test import SimpleTestCase

from agreements.extraction import Gazetteer, KnownAgency, extract

from .helpers import GAZETTEER


class AmbiguousAliasTests(SimpleTestCase):
    def test_bare_name_shared_by_two_countries_means_the_home_country(self):
        """Once China's ministry is known as "Bộ Công an" too, the bare name still means Vietnam's."""
        china = KnownAgency(name="Bộ Công an", kind="ministry", country="CN", aliases=("Bộ Công an",))
        both = replace(GAZETTEER, agencies=(*GAZETTEER.agencies, china))
        both.__dict__.pop("alias_index", None)
        found = extract("Bộ Công an đã phối hợp với cảnh sát Lào triệt phá đường dây ma túy.", gazetteer=both)
        self.assertEqual({m.agency.country for m in found.agencies if m.agency.name == "Bộ Công an"}, {"VN"})


class EmptyGazetteerTests(SimpleTestCase):
    def test_an_empty_gazetteer_finds_nothing_instead_of_failing(self):
        """A database whose gazetteer rows are gone must not make every import's extraction crash."""
        found = extract(
            "Bộ Công an Việt Nam ký Hiệp định dẫn độ với Italy.", gazetteer=Gazetteer(countries={})
        )
        self.assertEqual(found.agencies, ())
