"""Events: acronyms with a number, ordinals, year-named forums, operations, talks."""

from datetime import date

from django.test import SimpleTestCase

from .helpers import extract_seed


class EventExtractionTests(SimpleTestCase):
    def events(self, prefix):
        return {(e.acronym, e.ordinal) if e.acronym else e.name: e for e in extract_seed(prefix).events}

    def test_ammtc_14_and_15(self):
        """Acronym and ordinal; AMMTC 15 on 29 November of the article's year, in Hà Nội."""
        events = self.events("001")
        ammtc15, ammtc14 = events[("AMMTC", 15)], events[("AMMTC", 14)]
        self.assertEqual((ammtc15.dates.value, ammtc15.dates.precision), (date(2021, 11, 29), "day"))
        self.assertEqual((ammtc15.place, ammtc15.country), ("Hà Nội", "VN"))
        self.assertEqual((ammtc14.dates.value, ammtc14.dates.precision), (date(2020, 11, 1), "month"))

    def test_lianyungang_forum_and_eighth_conference(self):
        """The 2023 forum (19–21 September, Lianyungang, Jiangsu, China) and the 8th ministerial conference."""
        events = extract_seed("000").events
        forum = next(e for e in events if e.kind == "forum")
        self.assertEqual(forum.name, "Diễn đàn Hợp tác an ninh cộng đồng toàn cầu năm 2023")
        self.assertEqual((forum.dates.value, forum.dates.end), (date(2023, 9, 19), date(2023, 9, 21)))
        self.assertEqual((forum.place, forum.country), ("Liên Vân Cảng, Giang Tô", "CN"))
        conference = next(e for e in events if e.ordinal == 8)
        self.assertEqual({a.country for a in conference.participants}, {"VN", "CN"})

    def test_asod_38_and_ungass_2016(self):
        """ASOD 38 in 2017 in Hà Nội; UNGASS 2016."""
        events = self.events("003")
        asod = events[("ASOD", 38)]
        self.assertEqual(
            (asod.dates.value, asod.dates.precision, asod.place), (date(2017, 1, 1), "year", "Hà Nội")
        )
        ungass = events[("UNGASS", None)]
        self.assertEqual(ungass.dates.value, date(2016, 1, 1))

    def test_operation_with_cambodian_police(self):
        """Operation 568P, whose year the page never gives."""
        operation = self.events("002")["Chuyên án 568P"]
        self.assertEqual(operation.kind, "operation")
        self.assertEqual(operation.dates.precision, "unknown")
        self.assertIn(("Cảnh sát", "KH"), {(a.name, a.country) for a in operation.participants})

    def test_talks_with_interpol(self):
        """The minister's talks with Interpol's Secretary General in Hà Nội; no year is guessed."""
        (talks,) = extract_seed("004").events
        self.assertEqual(talks.kind, "talks")
        self.assertEqual(talks.name, "Hội đàm giữa Bộ Công an Việt Nam và Interpol")
        self.assertEqual((talks.place, talks.dates.precision), ("Hà Nội", "unknown"))
