"""Agreements: titles, kinds, parties with their signatories, signing dates and places."""

from datetime import date

from django.test import SimpleTestCase

from .helpers import extract_seed


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
