"""Agencies: "<agency> <country>", acronyms in parentheses, known names, first mentions."""

from django.test import SimpleTestCase

from .helpers import extract_seed


class AgencyExtractionTests(SimpleTestCase):
    def test_one_agency_under_several_names(self):
        """ "Bộ Công an Việt Nam", "… nước CHXHCN Việt Nam" and a bare "Bộ Công an" are one agency."""
        keys = {m.agency.key for m in extract_seed("000").agencies if m.agency.name == "Bộ Công an"}
        self.assertEqual(keys, {("bo cong an", "VN"), ("bo cong an", "CN")})

    def test_interpol_under_its_two_names(self):
        """ "Tổ chức Cảnh sát Hình sự Quốc tế (Interpol)" and "Interpol" are one agency."""
        interpol = {m.agency for m in extract_seed("004").agencies if m.agency.short_name == "Interpol"}
        self.assertEqual(len(interpol), 1)

    def test_acronyms_from_parentheses(self):
        """Seed 003's bodies come with their acronyms, known or not."""
        acronyms = {m.agency.short_name for m in extract_seed("003").agencies}
        self.assertLessEqual(
            {
                "UNODC",
                "INCB",
                "CND",
                "ASEAN",
                "AMMD",
                "ASOD",
                "ASEAN-NARCO",
                "AAITF",
                "ASITF",
                "HONLEA",
                "SMCC",
            },
            acronyms,
        )

    def test_police_of_a_country(self):
        """ "cảnh sát Campuchia" is Cambodia's police."""
        agencies = {(m.agency.name, m.agency.country, m.agency.kind) for m in extract_seed("002").agencies}
        self.assertIn(("Cảnh sát", "KH", "police"), agencies)

    def test_first_mentions_keep_each_agencys_first_sentence(self):
        """What the importer sends for linking: one mention per agency, the earliest, and nothing else dropped."""
        extraction = extract_seed("000")
        first = extraction.first_mentions()
        keys = [m.agency.key for m in first.agencies]
        self.assertEqual(len(keys), len(set(keys)))
        self.assertEqual(set(keys), {m.agency.key for m in extraction.agencies})
        for mention in first.agencies:
            earliest = min(
                (m for m in extraction.agencies if m.agency.key == mention.agency.key), key=lambda m: m.start
            )
            self.assertEqual(mention, earliest)
        self.assertLess(len(first.agencies), len(extraction.agencies))
        self.assertEqual((first.agreements, first.events), (extraction.agreements, extraction.events))
