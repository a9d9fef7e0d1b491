import re
from datetime import date

from django.test import SimpleTestCase
from django.utils import translation
from django_countries import countries

from agreements.extraction import Gazetteer, _word_starts, extract
from articles.importer.parsing import parse_page
from tests.articles.test_parsing import seed


def gazetteer():
    with translation.override("vi"):
        names = {str(name): code for code, name in countries}
    return Gazetteer.from_file(country_names=names)


def extract_seed(prefix):
    page = parse_page(seed(prefix))
    text = "\n".join([page.title, page.lead, *page.paragraphs])
    published = page.published_at.date() if page.published_at else None
    return extract(text, published=published, gazetteer=GAZETTEER)


GAZETTEER = gazetteer()


def parties(agreement):
    return {(p.agency.name, p.agency.country): p.signatory for p in agreement.parties}


class Seed000AgreementsTests(SimpleTestCase):
    """The nine agreements of seed 000, each its own record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agreements = extract_seed("000").agreements

    def find(self, title_start, country):
        matches = [a for a in self.agreements if a.title.startswith(title_start) and country in a.countries]
        self.assertEqual(len(matches), 1, [a.title for a in self.agreements])
        return matches[0]

    def test_minutes_and_mou_with_china(self):
        """1 and 2: minutes and MOU between the two ministries, September 2023, with signatories."""
        minutes = self.find("Biên bản Hội nghị hợp tác phòng, chống tội phạm lần thứ 8", "CN")
        mou = self.find("Bản ghi nhớ về tăng cường hợp tác phòng, chống tội phạm đánh bạc", "CN")
        for agreement, kind in [(minutes, "minutes"), (mou, "mou")]:
            with self.subTest(kind=kind):
                self.assertEqual(agreement.kind, kind)
                self.assertEqual(
                    parties(agreement),
                    {("Bộ Công an", "VN"): "Tô Lâm", ("Bộ Công an", "CN"): "Vương Tiểu Hồng"},
                )
                self.assertEqual(
                    (agreement.signed.value, agreement.signed.precision), (date(2023, 9, 1), "month")
                )
                self.assertIn("lần thứ 8", agreement.event.name)

    def test_extradition_and_transfer_with_italy(self):
        """3 and 4: Vietnam and Italy, July 2023; the Italian minister is unnamed."""
        for title in ["Hiệp định dẫn độ", "Hiệp định về chuyển giao người bị kết án phạt tù"]:
            with self.subTest(title=title):
                treaty = self.find(title, "IT")
                self.assertEqual(treaty.kind, "treaty")
                self.assertEqual(parties(treaty), {("Bộ Công an", "VN"): "Tô Lâm", ("Bộ Tư pháp", "IT"): ""})
                self.assertEqual((treaty.signed.value, treaty.signed.precision), (date(2023, 7, 1), "month"))

    def test_three_agreements_with_belarus(self):
        """5, 6 and 7: three Belarusian counterparts, April 2023, the programme valid 2023–2025."""
        emergency = self.find("Thỏa thuận hợp tác giữa Bộ Công an Việt Nam và Bộ Tình trạng khẩn cấp", "BY")
        programme = self.find("Chương trình phối hợp hành động", "BY")
        forensic = self.find("Bản ghi nhớ về trao đổi đoàn cán bộ nghỉ dưỡng", "BY")
        self.assertEqual([emergency.kind, programme.kind, forensic.kind], ["cooperation", "programme", "mou"])
        self.assertEqual(parties(emergency)[("Bộ Tình trạng khẩn cấp", "BY")], "Sinyavskiy Vadim Ivanovich")
        self.assertEqual(parties(programme)[("Bộ Nội vụ", "BY")], "Kubrakov Ivan Vladimirovich")
        self.assertEqual(parties(forensic)[("Bộ Công an", "VN")], "Trần Quốc Tỏ")
        self.assertIn(("Ủy ban Giám định tư pháp", "BY"), parties(forensic))
        self.assertEqual((programme.valid_from, programme.valid_until), (2023, 2025))
        for agreement in (emergency, programme, forensic):
            self.assertEqual(
                (agreement.signed.value, agreement.signed.precision), (date(2023, 4, 1), "month")
            )

    def test_two_treaties_with_argentina(self):
        """8 and 9: signed on 26 April 2023 in Argentina by Lê Quốc Hùng and Pablo Anselmo Tettamanti."""
        for title in ["Hiệp định về dẫn độ", "Hiệp định về chuyển giao người bị kết án phạt tù"]:
            with self.subTest(title=title):
                treaty = self.find(title, "AR")
                self.assertEqual((treaty.signed.value, treaty.signed.precision), (date(2023, 4, 26), "day"))
                self.assertEqual(treaty.place, "Argentina")
                self.assertEqual(
                    parties(treaty),
                    {
                        ("Bộ Công an", "VN"): "Lê Quốc Hùng",
                        ("Bộ Ngoại giao, Thương mại quốc tế và Tôn giáo", "AR"): "Pablo Anselmo Tettamanti",
                    },
                )

    def test_same_titles_with_different_parties_stay_apart(self):
        """The extradition and transfer treaties with Italy and with Argentina are four agreements."""
        treaties = [a for a in self.agreements if a.kind == "treaty"]
        self.assertEqual(len(treaties), 4)
        self.assertEqual(len({a.key for a in treaties}), 4)

    def test_evidence_is_the_sentence(self):
        """Each agreement carries the sentence it was found in."""
        treaty = self.find("Hiệp định về dẫn độ", "AR")
        self.assertTrue(treaty.sentence.startswith("Cũng trong tháng 4, nhân dịp tháp tùng"))


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


class OtherAgreementsTests(SimpleTestCase):
    def titles(self, prefix):
        return {a.title: a for a in extract_seed(prefix).agreements}

    def test_documents_adopted_at_ammtc_15(self):
        """The concept paper on the border-management roadmap and the post-pandemic declaration."""
        titles = self.titles("001")
        self.assertIn("tài liệu khái niệm về Lộ trình hợp tác quản lý biên giới trong ASEAN", titles)
        declaration = titles["Tuyên bố ASEAN về phòng, chống tội phạm xuyên quốc gia hậu đại dịch Covid-19"]
        self.assertEqual(declaration.kind, "declaration")

    def test_drug_control_plans_and_mou(self):
        """Seed 003's ASEAN and Mekong plans and the 1993 MOU's amendment."""
        titles = self.titles("003")
        self.assertIn("Kế hoạch hợp tác ASEAN về PCMT tại Tam giác vàng", titles)
        annex = titles[
            "Phụ lục sửa đổi lần thứ hai thư thỏa thuận hợp tác PCMT Tiểu vùng sông Mê Kông năm 1993"
        ]
        self.assertEqual((annex.signed.value, annex.signed.precision), (date(1993, 1, 1), "year"))
        self.assertEqual(titles["Tuyên bố chung ASEAN về vấn đề ma túy toàn cầu"].kind, "declaration")


class RelativeDateTests(SimpleTestCase):
    def test_year_from_the_article_date_or_unknown(self):
        """Without an earlier explicit year, "ngày 26/4" takes the article's year, or none."""
        text = "Hai bộ ký “Hiệp định về dẫn độ giữa Bộ Công an Việt Nam và Bộ Tư pháp Italy” ngày 26/4."
        with_date = extract(text, published=date(2024, 5, 1), gazetteer=GAZETTEER).agreements[0]
        self.assertEqual((with_date.signed.value, with_date.signed.precision), (date(2024, 4, 26), "day"))
        without = extract(text, gazetteer=GAZETTEER).agreements[0]
        self.assertEqual(without.signed.precision, "unknown")


class AmbiguousAliasTests(SimpleTestCase):
    def test_bare_name_shared_by_two_countries_means_the_home_country(self):
        """Once China's ministry is known as "Bộ Công an" too, the bare name still means Vietnam's."""
        from dataclasses import replace

        from agreements.extraction import KnownAgency

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


class WordStartTests(SimpleTestCase):
    def test_same_matches_as_a_leading_lookbehind(self):
        """Matching without the lookbehind and dropping mid-word matches loses nothing, even a match inside a dropped one."""
        cases = [
            (r"a c|c", "xa c"),  # "a c" is dropped; the "c" inside it still counts
            (r"Lào|Lào Cai", "Lào Cai, Campuchia, xLào"),
            (r"(19\d\d|20\d\d)(?!\d)", "năm 2023, mã 12023, 1999-2000"),
            (r"AMMTC \d+", "AMMTC 15, X-AMMTC 14, (AMMTC 13)"),
        ]
        for pattern, text in cases:
            with self.subTest(pattern=pattern, text=text):
                expected = [m.span() for m in re.finditer(r"(?<![\w-])(?:" + pattern + ")", text)]
                found = [m.span() for m in _word_starts(re.compile(pattern), text)]
                self.assertEqual(found, expected)
                self.assertTrue(expected)
