"""The extractor reads an article as a document: facts from the sentences around a title, tables, English."""

from datetime import date

from django.test import SimpleTestCase

from .helpers import extract_text

PUBLISHED = date(2024, 5, 15)


class AgreementFactsTests(SimpleTestCase):
    def test_date_place_and_signatories_come_from_the_signing_sentence_and_the_occasion(self):
        (mou,) = extract_text(
            "Việt Nam và Lào ký kết văn kiện hợp tác",
            "Chiều 13/5, tại thủ đô Viêng Chăn, Thứ trưởng Lương Tam Quang đã hội đàm với Thứ trưởng Bộ An ninh Lào "
            "Khăm-sỏn Vi-lay-xắc.",
            "Kết thúc hội đàm, dưới sự chứng kiến của Bộ trưởng Vi-lay La-kham-phong, hai Thứ trưởng đã ký "
            "Bản ghi nhớ về hợp tác đào tạo giữa hai Bộ.",
            published=PUBLISHED,
        ).agreements
        self.assertEqual(
            (mou.kind, mou.signed.value, mou.signed.precision), ("mou", date(2024, 5, 13), "day")
        )
        self.assertEqual(mou.place, "Viêng Chăn")
        self.assertEqual(set(mou.countries), {"VN", "LA"})
        self.assertEqual(set(mou.signatories), {"Lương Tam Quang", "Khăm-sỏn Vi-lay-xắc"})

    def test_a_table_of_documents_gives_each_its_country_date_and_place(self):
        agreements = extract_text(
            "Các điều ước quốc tế về dẫn độ Việt Nam đã ký",
            "Việt Nam đã ký kết các hiệp định sau:",
            "1 | Hiệp định dẫn độ | Ấn Độ | 12/10/2011 | Niu Đê-li",
            "2 | Hiệp định dẫn độ | Tây Ban Nha | 18/9/2014 | Ma-đrít",
            published=PUBLISHED,
        ).agreements
        rows = sorted((a.countries, a.signed.value, a.place) for a in agreements)
        self.assertEqual(
            rows,
            [(("VN", "ES"), date(2014, 9, 18), "Ma-đrít"), (("VN", "IN"), date(2011, 10, 12), "Niu Đê-li")],
        )

    def test_a_short_name_and_a_reference_are_the_agreement_named_before(self):
        agreements = extract_text(
            "Việt Nam và Italy ký hiệp định",
            "Ngày 19/7/2023, tại Rôma, hai bên đã ký Hiệp định dẫn độ giữa Việt Nam và Italy.",
            "Hiệp định dẫn độ sẽ có hiệu lực sau khi hai nước hoàn tất thủ tục. Hiệp định này gồm 22 điều.",
            published=date(2023, 7, 20),
        ).agreements
        self.assertEqual([a.title for a in agreements], ["Hiệp định dẫn độ giữa Việt Nam và Italy"])

    def test_a_plans_year_is_not_its_signing_date(self):
        (plan,) = extract_text(
            "Hai Bộ ký kế hoạch hợp tác",
            "Ngày 10/12/2024, tại Phnôm Pênh, hai Bộ trưởng đã ký Kế hoạch hợp tác năm 2025 giữa hai Bộ.",
            published=date(2024, 12, 11),
        ).agreements
        self.assertEqual((plan.signed.value, plan.signed.precision), (date(2024, 12, 10), "day"))

    def test_an_asean_document_is_signed_by_every_member(self):
        (plan,) = extract_text(
            "Hội nghị thông qua kế hoạch",
            "Ngày 2/10/2024, các Bộ trưởng đã thông qua Kế hoạch hành động ASEAN về hợp tác pháp luật.",
            published=PUBLISHED,
        ).agreements
        self.assertEqual(len(plan.countries), 10)

    def test_english_treaties_with_their_date_place_and_signatories(self):
        extraction = extract_text(
            "Viet Nam, Belgium sign treaties on extradition, mutual legal assistance",
            "Hanoi, 13 March 2025 – Viet Nam and Belgium today signed a Treaty on Extradition and a Treaty on Mutual "
            "Legal Assistance in Criminal Matters in Hanoi.",
            "Minister of Public Security Luong Tam Quang and Belgian Deputy Prime Minister Maxime Prévot signed the "
            "documents on behalf of their governments.",
            published=date(2025, 3, 13),
        )
        titles = sorted(a.title for a in extraction.agreements)
        self.assertEqual(
            titles, ["Treaty on Extradition", "Treaty on Mutual Legal Assistance in Criminal Matters"]
        )
        treaty = next(a for a in extraction.agreements if a.title == "Treaty on Extradition")
        self.assertEqual(
            (treaty.kind, treaty.signed.value, set(treaty.countries)),
            ("treaty", date(2025, 3, 13), {"VN", "BE"}),
        )

    def test_a_keyword_used_as_an_ordinary_word_is_no_agreement(self):
        extraction = extract_text(
            "Hai bên thống nhất",
            "Hai bên đạt được thỏa thuận về việc trao trả các đối tượng truy nã theo kế hoạch đã đề ra.",
            "Việt Nam đã ký 27 hiệp định tương trợ tư pháp với các nước.",
            published=PUBLISHED,
        )
        self.assertEqual(extraction.agreements, ())


class EventTests(SimpleTestCase):
    def test_talks_visit_and_courtesy_call_each_once(self):
        events = extract_text(
            "Thứ trưởng Lương Tam Quang thăm và làm việc tại Lào",
            "Chiều 13/5, tại thủ đô Viêng Chăn, Thứ trưởng Lương Tam Quang đã hội đàm với Thứ trưởng Bộ An ninh Lào.",
            "Tại hội đàm, hai bên đánh giá cao kết quả hợp tác. Sáng 14/5, Thứ trưởng chào xã giao Bộ trưởng Bộ An ninh Lào.",
            "Chuyến thăm và làm việc tại Lào diễn ra từ ngày 12 đến 15/5.",
            published=PUBLISHED,
        ).events
        kinds = sorted((e.kind, e.trigger) for e in events)
        self.assertEqual(
            kinds, [("talks", "chao xa giao"), ("talks", "hoi dam"), ("visit", "tham va lam viec")]
        )
        talks = next(e for e in events if e.trigger == "hoi dam")
        self.assertEqual((talks.dates.value, talks.place), (date(2024, 5, 13), "Viêng Chăn"))

    def test_ordinals_in_words_and_ranges_across_months(self):
        (conference,) = extract_text(
            "Hội nghị Bộ trưởng Tư pháp ASEAN",
            "Từ ngày 29/9 đến 2/10/2024, tại Viêng Chăn, diễn ra Hội nghị Bộ trưởng Tư pháp ASEAN lần thứ mười hai.",
            published=date(2024, 10, 3),
        ).events
        self.assertEqual(conference.ordinal, 12)
        self.assertEqual(
            (conference.dates.value, conference.dates.end), (date(2024, 9, 29), date(2024, 10, 2))
        )

    def test_a_named_police_operation(self):
        events = extract_text(
            "Interpol công bố kết quả chiến dịch",
            "Công an Việt Nam đã tham gia Chiến dịch First Light 2024 do Interpol điều phối.",
            published=PUBLISHED,
        ).events
        self.assertTrue(any(e.kind == "operation" and "First Light" in e.name for e in events))


class AgencyTests(SimpleTestCase):
    def test_vietnamese_bodies_named_without_a_country(self):
        agencies = {
            (m.agency.name, m.agency.country)
            for m in extract_text(
                "Công an hai tỉnh hội đàm",
                "Công an tỉnh Quảng Trị phối hợp với Cục Cảnh sát điều tra tội phạm về ma túy và Đại sứ quán Việt Nam "
                "tại Lào triệt phá đường dây ma túy.",
                published=PUBLISHED,
            ).agencies
        }
        self.assertLessEqual(
            {
                ("Công an tỉnh Quảng Trị", "VN"),
                ("Cục Cảnh sát điều tra tội phạm về ma túy", "VN"),
                ("Đại sứ quán Việt Nam tại Lào", "VN"),
            },
            agencies,
        )

    def test_english_names_are_the_vietnamese_records(self):
        names = {
            m.agency.name
            for m in extract_text(
                "Viet Nam, Australia boost police cooperation",
                "The Ministry of Public Security and the Australian Federal Police agreed to share information.",
                published=PUBLISHED,
            ).agencies
        }
        self.assertEqual(names, {"Bộ Công an", "Cảnh sát Liên bang Australia"})
