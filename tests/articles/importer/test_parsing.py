"""Reading a scraped page: the seeds field by field, datelines, source lines, bad pages."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.test import SimpleTestCase

from articles.importer.parsing import PageError, ParsedImage, parse_page, parse_source_line
from articles.importer.parsing.lines import read_meta
from tests.helpers import seed

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


class SeedPageTestMixin:
    """Shared checks: what a seed's article must and must not contain."""

    prefix = None
    chrome = []

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.page = parse_page(seed(cls.prefix))

    def article_text(self):
        captions = [f"{image.caption} {image.credit}" for image in self.page.images]
        return "\n".join([self.page.lead, *self.page.paragraphs, *captions])

    def test_no_chrome_line_survives(self):
        """None of the page's chrome lines reaches the lead, body or captions."""
        text = self.article_text()
        for line in self.chrome:
            with self.subTest(line=line):
                self.assertNotIn(line, text)


class Seed000Tests(SeedPageTestMixin, SimpleTestCase):
    prefix = "000"
    chrome = [
        "bannerHome",
        "Lượt xem",
        "Theo CAND",
        "Thống kê truy cập",
        "Đang truy cập",
        "Đăng nhập",
        "7-1.jpg",
    ]

    def test_title_views_and_source(self):
        """Title, "Lượt xem: 55" and "Theo CAND" are read; no byline, portal or category shows."""
        page = self.page
        self.assertEqual(page.title, "Tăng cường hợp tác quốc tế trong phòng, chống tội phạm")
        self.assertEqual(page.view_count, 55)
        self.assertEqual((page.source, page.byline, page.portal, page.category_path), ("CAND", "", "", ()))

    def test_no_date_is_invented(self):
        """The page gives no date: the article's stays unknown."""
        self.assertIsNone(self.page.published_at)
        self.assertIsNone(self.page.page_date)

    def test_lead_and_body(self):
        """The standfirst is the lead; the body runs to the last paragraph before "Theo CAND"."""
        self.assertTrue(self.page.lead.startswith("Thời gian qua, lực lượng CAND không ngừng nỗ lực"))
        self.assertTrue(
            self.page.paragraphs[0].startswith(
                "Đồng thời, tham gia tích cực trong việc làm sâu sắc thêm các mối quan hệ hữu nghị"
            )
        )
        self.assertTrue(
            self.page.paragraphs[-1].endswith(
                "Chủ động phối hợp với các đối tác tham gia giải quyết các vấn đề an ninh mang tính toàn cầu."
            )
        )
        self.assertEqual(len(self.page.paragraphs), 14)

    def test_image_placeholders_take_the_following_caption(self):
        """ "7-1.jpg -0" and "7-2.jpg -0" become pictures captioned by the next line."""
        self.assertEqual([image.original_filename for image in self.page.images], ["7-1.jpg", "7-2.jpg"])
        self.assertTrue(self.page.images[0].caption.startswith("Thứ trưởng Lương Tam Quang dẫn đầu Đoàn"))
        self.assertTrue(self.page.images[1].caption.startswith("Trước sự chứng kiến của Chủ tịch Quốc hội"))

    def test_no_briefs(self):
        """The page lists no other news."""
        self.assertEqual(self.page.briefs, ())


class Seed001Tests(SeedPageTestMixin, SimpleTestCase):
    prefix = "001"
    chrome = [
        "Theo CHINHPHU.VN",
        "Viết bình luận mới",
        "Xem thêm",
        "THÔNG TIN CẦN BIẾT",
        "Nhiều mây, có mưa",
        "Tổng Bí thư Tô Lâm tiếp Đại sứ Australia",
        "07:55 30/06/2025",
        "Kính gửi Quý độc giả",
    ]

    def test_title_date_and_source(self):
        """ "Thứ Năm, ngày 30/09/2021 | 08:20" is the article's date, in Vietnam time."""
        page = self.page
        self.assertEqual(
            page.title, "Tăng cường hợp tác đấu tranh phòng, chống tội phạm xuyên quốc gia hậu đại dịch"
        )
        self.assertEqual(page.published_at, datetime(2021, 9, 30, 8, 20, tzinfo=HANOI))
        self.assertEqual(
            (page.source, page.byline, page.view_count, page.category_path), ("CHINHPHU.VN", "", None, ())
        )

    def test_portal_from_its_chrome(self):
        """ "(HGO) -" in the page's own lists names the portal: Báo Hậu Giang."""
        self.assertEqual(self.page.portal, "Báo Hậu Giang")

    def test_lead_and_body(self):
        """First paragraph is the lead; the body ends before "Theo CHINHPHU.VN"."""
        self.assertTrue(self.page.lead.startswith("Ngày 29-11, tại Hà Nội, Trung tướng Lương Tam Quang"))
        self.assertTrue(self.page.paragraphs[0].startswith("Năm nay, các nước ASEAN đã đồng thuận nối lại"))
        self.assertTrue(
            self.page.paragraphs[-1].endswith(
                "Tuyên bố ASEAN về phòng, chống tội phạm xuyên quốc gia hậu đại dịch Covid-19 (Brunei Darussalam đề xuất)."
            )
        )

    def test_lone_caption(self):
        """ "Toàn cảnh Hội nghị." is a caption whose picture was not scraped, not body text."""
        self.assertEqual(self.page.images, (ParsedImage(caption="Toàn cảnh Hội nghị."),))
        self.assertNotIn("Toàn cảnh Hội nghị.", self.page.paragraphs)

    def test_lists_of_other_news_become_briefs(self):
        """Each item of "Xem thêm" and the portal's own list is a brief with its time and summary."""
        briefs = self.page.briefs
        self.assertEqual(len(briefs), 14)
        first = briefs[0]
        self.assertEqual(
            first.title, "Tổng Bí thư Tô Lâm tiếp Đại sứ Australia bắt đầu nhiệm kỳ tại Việt Nam"
        )
        self.assertEqual(first.published_at, datetime(2025, 6, 30, 7, 55, tzinfo=HANOI))
        self.assertTrue(first.summary.startswith("Tại Trụ sở Trung ương Đảng, Tổng Bí thư Tô Lâm"))
        portal_item = next(b for b in briefs if b.title.startswith("Thành lập Tổ Công tác"))
        self.assertTrue(
            portal_item.summary.startswith("Nhằm đảm bảo vận hành"), "the (HGO) marker is dropped"
        )

    def test_weather_is_not_a_brief(self):
        """The weather box sits among the lists but is neither article nor brief."""
        self.assertFalse(any("Nhiều mây" in f"{b.title} {b.summary}" for b in self.page.briefs))


class Seed002Tests(SeedPageTestMixin, SimpleTestCase):
    prefix = "002"
    chrome = [
        "Thứ Hai, 12/01/2026",
        "Hotline",
        "news@antv.gov.vn",
        "Nhân Văn - Tin Cậy",
        "Tin cùng chuyên mục",
        "Tin mới nhất",
        "Giải chạy bộ địa hình",
        "(ANTV)",
        "Xem thêm",
    ]

    def test_header_date_is_the_scrape_date_not_the_article_date(self):
        """ "Thứ Hai, 12/01/2026 13:36 GMT+7" above the title is when the page was scraped."""
        self.assertIsNone(self.page.published_at)
        self.assertEqual(self.page.page_date, datetime(2026, 1, 12, 13, 36, tzinfo=HANOI))

    def test_title_byline_portal_category(self):
        """Title under the breadcrumbs "Sự kiện › Chính trị", byline "BT", portal ANTV."""
        page = self.page
        self.assertEqual(page.title, "Tăng cường hợp tác quốc tế trong phòng, chống tội phạm")
        self.assertEqual(page.byline, "BT")
        self.assertEqual(page.portal, "ANTV")
        self.assertEqual(page.source, "")
        self.assertEqual(page.category_path, ("Sự kiện", "Chính trị"))
        self.assertIsNone(page.view_count)

    def test_lead_drops_the_portal_marker(self):
        """ "(ANTV) - Thời gian qua, …" is the lead, without its marker."""
        self.assertTrue(self.page.lead.startswith("Thời gian qua, tình hình thế giới, khu vực"))

    def test_body(self):
        """The body ends with the last paragraph before "Tin cùng chuyên mục"."""
        self.assertTrue(self.page.paragraphs[0].startswith("Điều này đặt ra nhiều thách thức"))
        self.assertTrue(
            self.page.paragraphs[-1].endswith("ngày càng đi vào chiều sâu, toàn diện và hiệu quả.")
        )
        self.assertEqual(self.page.images, ())

    def test_latest_news_become_briefs_once_each(self):
        """Titles printed twice give one brief each, with category and day."""
        briefs = self.page.briefs
        self.assertEqual(len(briefs), 5)
        self.assertEqual(briefs[0].title, "Giải chạy bộ địa hình Vietnam Highlands Trail - Lâm Đồng 2026")
        self.assertEqual(briefs[0].category, "Văn hóa")
        self.assertEqual(briefs[0].published_at, datetime(2026, 1, 12, tzinfo=HANOI))
        self.assertEqual({b.category for b in briefs[1:]}, {"Thế giới"})
        self.assertTrue(briefs[0].summary.startswith("Ngày 10/1, hơn 1.000 vận động viên"))


class Seed003Tests(SeedPageTestMixin, SimpleTestCase):
    prefix = "003"
    chrome = [
        "BL(theo tiengchuong.vn)",
        "Tổng số điểm",
        "Click để đánh giá",
        "Ý kiến bạn đọc",
        "Bạn cần trở thành thành viên",
        "Video Clip",
        "danhbawebsite",
        "Tin xem nhiều",
        "Bạn đã không sử dụng Site",
    ]

    def test_title_date_byline_source(self):
        """ "Thứ bảy - 30/12/2017 04:48"; "BL(theo tiengchuong.vn)" is byline BL, source tiengchuong.vn."""
        page = self.page
        self.assertEqual(page.title, "Tích cực hợp tác quốc tế trong phòng, chống ma túy")
        self.assertEqual(page.published_at, datetime(2017, 12, 30, 4, 48, tzinfo=HANOI))
        self.assertEqual((page.byline, page.source), ("BL", "tiengchuong.vn"))
        self.assertEqual((page.portal, page.category_path, page.view_count), ("", (), None))

    def test_title_repeated_in_the_body_is_dropped(self):
        """The page prints its title again under the lead; the body does not keep it."""
        self.assertNotIn(self.page.title, self.page.paragraphs)
        self.assertTrue(
            self.page.paragraphs[0].startswith("Thực hiện đường lối đối ngoại của Đảng và Nhà nước")
        )

    def test_lead_and_last_sentence(self):
        """The standfirst is the lead; the body ends before the byline."""
        self.assertTrue(self.page.lead.startswith("Trong những năm qua, thực hiện đường lối đối ngoại"))
        self.assertTrue(
            self.page.paragraphs[-1].endswith("cùng chung tay với cộng đồng quốc tế đầy lùi tệ nạn ma túy.")
        )
        self.assertEqual(self.page.images, ())
        self.assertEqual(self.page.briefs, ())


class Seed004Tests(SeedPageTestMixin, SimpleTestCase):
    prefix = "004"
    chrome = ["[Việt Nam luôn chủ động", "(Ảnh: Doãn Tấn/TTXVN)", "./."]

    def test_title_and_no_date(self):
        """Title from the first line; the page gives no date, so none is invented."""
        self.assertEqual(self.page.title, "Tăng cường hợp tác giữa Bộ Công an Việt Nam và Interpol")
        self.assertIsNone(self.page.published_at)
        self.assertEqual((self.page.byline, self.page.source, self.page.view_count), ("", "", None))

    def test_paragraphs_recovered_from_one_giant_line(self):
        """The flattened text is split back into readable paragraphs, in order."""
        paragraphs = self.page.paragraphs
        self.assertGreaterEqual(len(paragraphs), 6)
        self.assertTrue(all(len(p.split()) <= 200 for p in paragraphs))
        self.assertTrue(paragraphs[0].startswith("Chiều 6/7, tại Hà Nội, Thượng tướng Tô Lâm"))
        self.assertTrue(paragraphs[-1].endswith("vì một thế giới an toàn hơn."))
        self.assertTrue(any(p.startswith("Để tiếp tục tăng cường hơn nữa") for p in paragraphs))

    def test_inline_photo_credit_becomes_caption_and_credit(self):
        """ "… tại Việt Nam. (Ảnh: Doãn Tấn/TTXVN)" is a caption with its credit."""
        (image,) = self.page.images
        self.assertEqual(image.credit, "Doãn Tấn/TTXVN")
        self.assertTrue(image.caption.startswith("Thượng tướng Tô Lâm, Bộ trưởng Bộ Công an làm việc với"))
        self.assertTrue(image.caption.endswith("sang thăm và làm việc tại Việt Nam."))

    def test_lead_is_the_standfirst_line(self):
        """The line under the title is the lead."""
        self.assertTrue(self.page.lead.startswith("Thượng tướng Tô Lâm đã hội đàm với Đoàn đại biểu cấp cao"))


class DatelineTests(SimpleTestCase):
    def test_portal_date_forms(self):
        """The date forms the portals print all read as Vietnam time."""
        cases = {
            "Thứ Năm, ngày 30/09/2021 | 08:20": datetime(2021, 9, 30, 8, 20, tzinfo=HANOI),
            "Thứ bảy - 30/12/2017 04:48": datetime(2017, 12, 30, 4, 48, tzinfo=HANOI),
            "08:23 26/06/2025": datetime(2025, 6, 26, 8, 23, tzinfo=HANOI),
            "15:30 | 12/03/2019": datetime(2019, 3, 12, 15, 30, tzinfo=HANOI),
            "Thứ Hai, 12/01/2026 13:36 GMT+7": datetime(2026, 1, 12, 13, 36, tzinfo=HANOI),
            "Cập nhật: 07:05 ngày 01/02/2024": datetime(2024, 2, 1, 7, 5, tzinfo=HANOI),
            "Chủ nhật, 5-5-2024, 20h15": datetime(2024, 5, 5, 20, 15, tzinfo=HANOI),
        }
        for line, expected in cases.items():
            with self.subTest(line=line):
                self.assertEqual(read_meta(line).dates[0].when, expected)

    def test_date_without_time(self):
        """A listing that prints only a day keeps it as a day, with its category."""
        parsed = read_meta("Văn hóa 12/01/2026")
        printed = parsed.dates[0]
        self.assertEqual(
            (printed.when.date(), parsed.category, printed.precision), (date(2026, 1, 12), "Văn hóa", "day")
        )

    def test_prose_is_not_a_date(self):
        """Sentences that merely contain a date, and impossible dates, are not date lines."""
        for line in [
            "Ngày 29/11/2021, tại Hà Nội, Trung tướng Lương Tam Quang đã tham dự hội nghị",
            "31/02/2024",
            "25:10 12/03/2019",
            "Tháng 4/2023",
        ]:
            with self.subTest(line=line):
                self.assertIsNone(read_meta(line))


class SourceLineTests(SimpleTestCase):
    def test_forms(self):
        """Credited sources with and without a byline."""
        self.assertEqual(parse_source_line("Theo CAND"), ("", "CAND"))
        self.assertEqual(parse_source_line("Theo CHINHPHU.VN"), ("", "CHINHPHU.VN"))
        self.assertEqual(parse_source_line("BL(theo tiengchuong.vn)"), ("BL", "tiengchuong.vn"))
        self.assertEqual(parse_source_line("Minh Hà (Theo TTXVN)"), ("Minh Hà", "TTXVN"))
        self.assertEqual(parse_source_line("Nguồn: Báo Nhân Dân"), ("", "Báo Nhân Dân"))

    def test_sentences_starting_with_theo_are_prose(self):
        """ "Theo kế hoạch đã thống nhất, …" is a sentence, not a credit."""
        self.assertIsNone(
            parse_source_line(
                "Theo kế hoạch đã thống nhất, vòng đàm phán lần thứ 3 được tổ chức tại Washington D.C."
            )
        )


class BadPageTests(SimpleTestCase):
    def test_chrome_only_page(self):
        """A page of navigation and widgets only has no article to import."""
        chrome = "bannerHome\nĐăng nhập\nThống kê truy cập\n  • Hôm nay: 1\nXem thêm\nTin mới nhất\n"
        with self.assertRaises(PageError) as raised:
            parse_page(chrome)
        self.assertEqual(raised.exception.code, "no_article")

    def test_list_of_news_only(self):
        """A page that is only a list of teasers has no article either."""
        teasers = "\n".join(
            f"Tin thứ {n} về hợp tác quốc tế\n08:0{n} 0{n}/06/2025\n"
            "Bộ Công an tiếp tục đẩy mạnh hợp tác quốc tế trong phòng, chống tội phạm xuyên quốc gia năm nay."
            for n in range(1, 5)
        )
        with self.assertRaises(PageError):
            parse_page(teasers)

    def test_blank_page(self):
        """Whitespace only is an empty page."""
        with self.assertRaises(PageError) as raised:
            parse_page(" \n\u00a0\n ")
        self.assertEqual(raised.exception.code, "empty")

    def test_tags_line_is_read_not_kept(self):
        """ "Từ khóa: …" after the article gives its tags."""
        page = parse_page(
            "Hội đàm giữa Bộ Công an Việt Nam và Interpol\n"
            + "Bộ trưởng Bộ Công an đã hội đàm với Tổng Thư ký Interpol về hợp tác phòng, chống tội phạm xuyên quốc gia.\n"
            + "Hai bên nhất trí tăng cường trao đổi thông tin và phối hợp điều tra các vụ án có yếu tố nước ngoài.\n"
            + "Từ khóa: Interpol, hợp tác quốc tế; dẫn độ\n"
        )
        self.assertEqual(page.tags, ("Interpol", "hợp tác quốc tế", "dẫn độ"))
        self.assertNotIn("Từ khóa", " ".join(page.paragraphs))


def _page(*lines):
    return parse_page("\n".join(lines))


_PARAGRAPH_1 = (
    "Chiều 12/3, tại Hà Nội, Bộ trưởng Bộ Công an đã hội đàm với Bộ trưởng Bộ Nội vụ Singapore về hợp tác "
    "phòng, chống tội phạm xuyên quốc gia và trao đổi thông tin giữa hai Bộ."
)
_PARAGRAPH_2 = (
    "Hai bên nhất trí tăng cường phối hợp điều tra các vụ án có yếu tố nước ngoài, truy bắt đối tượng bỏ "
    "trốn và chia sẻ kinh nghiệm đào tạo cán bộ trong thời gian tới."
)
_TITLE = "Việt Nam và Singapore tăng cường hợp tác chống tội phạm xuyên quốc gia"


class LayoutRuleTests(SimpleTestCase):
    """Each rule of the page reader that a corpus page taught, on a page of a few lines."""

    def test_breadcrumbs_stacked_one_per_line_start_at_the_repeated_menu_item(self):
        """The menu lists "Thời sự"; the stack over the title repeats it, so the path starts there."""
        menu = ["Trang chủ", "Thời sự", "Góc nhìn", "Thế giới", "Kinh doanh", "Pháp luật"]
        page = _page(*menu, "Tất cả", "Thời sự", "Chính trị", _TITLE, _PARAGRAPH_1, _PARAGRAPH_2)
        self.assertEqual(page.category_path, ("Thời sự", "Chính trị"))

    def test_breadcrumbs_stacked_from_the_site_root(self):
        page = _page("Home", "News and Events", "News", "News", _TITLE, _PARAGRAPH_1, _PARAGRAPH_2)
        self.assertEqual(page.category_path, ("News and Events", "News"))

    def test_section_label_with_its_label(self):
        """ "Chuyên mục: Sự kiện" gives the section, without the label."""
        page = _page("Chuyên mục: Sự kiện", "Thứ Năm, 12/09/2019 - 20:10", _TITLE, _PARAGRAPH_1, _PARAGRAPH_2)
        self.assertEqual(page.category_path, ("Sự kiện",))

    def test_capitalised_section_over_the_title_is_a_section_not_a_byline(self):
        page = _page(
            "Politics", "Viet Nam, Japan step up cooperation in crime prevention", _PARAGRAPH_1, _PARAGRAPH_2
        )
        self.assertEqual((page.category_path, page.byline), (("Politics",), ""))

    def test_vietnamese_headline_full_of_names_is_not_a_menu(self):
        title = "Phó Thủ tướng Trần Lưu Quang tiếp Bộ trưởng Bộ Tư pháp Lào"
        page = _page(
            "Trang chủ", "Chính phủ", "Thời sự", title, "15/05/2024 10:25", _PARAGRAPH_1, _PARAGRAPH_2
        )
        self.assertEqual(page.title, title)

    def test_bracketed_buttons_are_chrome(self):
        page = _page("[In trang] [Đóng cửa sổ]", _TITLE, _PARAGRAPH_1, _PARAGRAPH_2)
        self.assertEqual(page.category_path, ())

    def test_name_above_the_title_is_a_byline_only_beside_the_date(self):
        beside = _page(
            "Thứ Tư, ngày 23 tháng 10 năm 2024", "Trần Quang Huy", _TITLE, _PARAGRAPH_1, _PARAGRAPH_2
        )
        menu_item = _page("Contact Us", "Home / News / Press", _TITLE, _PARAGRAPH_1, _PARAGRAPH_2)
        self.assertEqual((beside.byline, menu_item.byline), ("Trần Quang Huy", ""))

    def test_lone_name_under_the_share_buttons_is_not_the_byline(self):
        page = _page(
            _TITLE, _PARAGRAPH_1, _PARAGRAPH_2, "Chia sẻ: Facebook | X | LinkedIn | Email", "Nguyễn Thu Trang"
        )
        self.assertEqual(page.byline, "")

    def test_byline_keeps_the_name_not_the_unit(self):
        page = _page(_TITLE, _PARAGRAPH_1, _PARAGRAPH_2, "Tuấn Anh (Công an tỉnh Sơn La)")
        self.assertEqual(page.byline, "Tuấn Anh")

    def test_key_points_box_above_the_lead_is_not_the_body(self):
        page = _page(
            _TITLE,
            "Đọc nhanh",
            "• Bộ trưởng hai nước hội đàm tại Hà Nội về hợp tác phòng, chống tội phạm.",
            "• Hai bên ký kế hoạch hợp tác giai đoạn 2025-2027 trong lĩnh vực an ninh mạng.",
            "Được tóm tắt bởi AI. Nội dung có thể chưa chính xác.",
            _PARAGRAPH_1,
            _PARAGRAPH_2,
        )
        self.assertTrue(page.lead.startswith("Chiều 12/3"))
        self.assertNotIn("kế hoạch hợp tác giai đoạn", page.lead + " ".join(page.paragraphs))

    def test_related_title_and_teaser_under_a_bare_read_more_are_skipped(self):
        page = _page(
            _TITLE,
            _PARAGRAPH_1,
            "Xem thêm",
            "Vì sao nhiều đối tượng truy nã quốc tế chọn Việt Nam làm nơi lẩn trốn?",
            "Các chuyên gia cho rằng lượng khách quốc tế lớn khiến việc nhận diện đối tượng gặp khó khăn.",
            _PARAGRAPH_2,
        )
        self.assertEqual(page.paragraphs, (_PARAGRAPH_2,))

    def test_related_title_before_a_bare_read_more_is_skipped(self):
        related = "Bộ trưởng chỉ đạo triển khai chiến dịch cao điểm tấn công, trấn áp tội phạm ma túy"
        page = _page(_TITLE, _PARAGRAPH_1, related, "Xem thêm", _PARAGRAPH_2)
        self.assertEqual(page.paragraphs, (_PARAGRAPH_2,))

    def test_labelled_caption_and_lead_picture(self):
        page = _page(
            _TITLE,
            "hoi-dam-1203.jpg",
            "Toàn cảnh hội đàm. Ảnh: Bộ Công an",
            _PARAGRAPH_1,
            "Ảnh: Cán bộ hai bên tuần tra song phương tại khu vực mốc quốc giới 608.",
            _PARAGRAPH_2,
        )
        self.assertEqual(
            [(image.original_filename, image.caption) for image in page.images],
            [
                ("hoi-dam-1203.jpg", "Toàn cảnh hội đàm"),
                ("", "Cán bộ hai bên tuần tra song phương tại khu vực mốc quốc giới 608."),
            ],
        )
        self.assertEqual(page.paragraphs, (_PARAGRAPH_2,))

    def test_date_from_the_leads_dateline_when_no_date_line(self):
        page = _page(_TITLE, "Hanoi, 13 March 2025 – " + _PARAGRAPH_1, _PARAGRAPH_2)
        self.assertEqual((page.published_at.date(), page.published_precision), (date(2025, 3, 13), "day"))

    def test_live_blog_day_headers_do_not_end_the_body(self):
        entry = "Hội nghị bế mạc. Trưởng đoàn cảnh sát các nước thành viên đã ký Thông cáo chung về hợp tác phòng, chống tội phạm."
        page = _page(
            _TITLE,
            "Đăng: 08:05 17/10/2023",
            _PARAGRAPH_1,
            "Mới nhất | Cũ nhất",
            "19/10/2023",
            "17:35",
            entry,
            "18/10/2023",
            "16:45",
            _PARAGRAPH_2,
        )
        self.assertEqual(page.paragraphs, (entry, _PARAGRAPH_2))
        self.assertEqual(page.published_at, datetime(2023, 10, 17, 8, 5, tzinfo=HANOI))

    def test_flattened_page_is_cut_around_its_chrome(self):
        body = " ".join([_PARAGRAPH_1, _PARAGRAPH_2] * 4)
        flat = (
            "BÁO PHÁP LUẬT VIỆT NAM - Cơ quan của Bộ Tư pháp In bài https://baophapluat.example.vn/a-1.html "
            f"{_TITLE} Thứ Hai, 21/04/2025, 08:05 {body} PV Nguồn: bộ Tư pháp "
            "Báo Pháp luật Việt Nam - Cơ quan của Bộ Tư pháp Giấy phép hoạt động báo điện tử số 124/GP-BTTTT"
        )
        page = parse_page(flat)
        self.assertEqual((page.title, page.byline, page.source), (_TITLE, "PV", "bộ Tư pháp"))
        self.assertEqual(page.published_at, datetime(2025, 4, 21, 8, 5, tzinfo=HANOI))
        self.assertNotIn("Giấy phép", " ".join(page.paragraphs))


class MetaLineTests(SimpleTestCase):
    def test_views_run_into_the_date_line(self):
        meta = read_meta("Thứ tư, 6/12/2023, 19:45 (GMT+7) Lượt đọc: 2.384 In bài | A- A+")
        self.assertEqual(
            (meta.dates[0].when, meta.views), (datetime(2023, 12, 6, 19, 45, tzinfo=HANOI), 2384)
        )

    def test_posted_and_updated_with_the_section(self):
        meta = read_meta("Posted on 25 August 2023 (Last updated 28 August 2023) in ASEAN Secretariat News")
        self.assertEqual([printed.kind for printed in meta.dates], ["published", "updated"])
        self.assertEqual(meta.category, "ASEAN Secretariat News")

    def test_place_of_a_press_release_dateline_is_not_a_category(self):
        meta = read_meta("Hà Nội, ngày 20 tháng 6 năm 2024")
        self.assertEqual((meta.dates[0].when.date(), meta.category), (date(2024, 6, 20), ""))

    def test_count_and_its_label_stay_together(self):
        self.assertEqual(read_meta("3,4K lượt xem").views, 3400)

    def test_share_line_is_not_a_byline(self):
        meta = read_meta("Share this story: Facebook X LinkedIn Email")
        self.assertFalse(meta and meta.byline)


class MoreLayoutRuleTests(SimpleTestCase):
    def test_hashtags_are_tags_and_the_name_over_them_is_the_byline(self):
        """A related box inside the article does not hide the byline printed over the hashtags."""
        page = _page(
            _TITLE,
            _PARAGRAPH_1,
            _PARAGRAPH_2,
            "Tin liên quan",
            "vks-campuchia.jpg",
            "VKSND tối cao tiếp đoàn Tổng chưởng lý Campuchia",
            "HÀ MAI - QUANG VINH",
            "#Viện kiểm sát #tương trợ tư pháp",
        )
        self.assertEqual(
            (page.byline, page.tags), ("HÀ MAI, QUANG VINH", ("Viện kiểm sát", "tương trợ tư pháp"))
        )

    def test_rank_and_unit_are_not_part_of_the_byline(self):
        page = _page(
            _TITLE,
            _PARAGRAPH_1,
            _PARAGRAPH_2,
            "16:40 | 24/12/2024",
            "Thượng úy Nguyễn Minh Tuấn - Phòng Tham mưu",
        )
        self.assertEqual(page.byline, "Nguyễn Minh Tuấn")

    def test_the_site_date_above_the_breadcrumb_is_not_the_articles(self):
        page = _page(
            "Thứ Ba, 24/12/2024",
            "Trang chủ › Tin tức › Hợp tác quốc tế",
            _TITLE,
            _PARAGRAPH_1,
            _PARAGRAPH_2,
            "16:40 | 24/12/2024",
        )
        self.assertEqual(page.published_at, datetime(2024, 12, 24, 16, 40, tzinfo=HANOI))

    def test_a_news_agency_alone_under_the_article_is_its_source(self):
        page = _page(_TITLE, _PARAGRAPH_1, _PARAGRAPH_2, "VNA")
        self.assertEqual((page.byline, page.source), ("", "VNA"))

    def test_every_inline_photo_credit_gives_a_picture(self):
        sentence = "Hai bên đánh giá cao kết quả hợp tác trong phòng, chống tội phạm xuyên quốc gia."
        paragraph = (
            f"{sentence} Bộ trưởng tiếp Tổng Thư ký Interpol (Photo: VNA) {sentence} "
            f"Toàn cảnh hội nghị (Ảnh: TTXVN) {sentence}"
        )
        page = _page(_TITLE, _PARAGRAPH_1, paragraph, _PARAGRAPH_2)
        self.assertEqual(
            [(image.caption, image.credit) for image in page.images],
            [("Bộ trưởng tiếp Tổng Thư ký Interpol", "VNA"), ("Toàn cảnh hội nghị", "TTXVN")],
        )
        self.assertEqual(page.paragraphs[0], " ".join([sentence] * 3))

    def test_a_page_run_together_on_a_few_long_lines_is_recovered(self):
        body = " ".join([_PARAGRAPH_1, _PARAGRAPH_2] * 3)
        page = parse_page(
            "VNA Online - Vietnam News Agency English Edition | Tiếng Việt | Español | Français "
            "Home Politics Business Society Culture Sports Travel Hotline: (+84) 24 3941 1349 "
            f"Home › Politics {_TITLE} 06/12/2023 19:45 Share Facebook Twitter Email Print Hanoi (VNA) – {body}\n"
            f"{body} VNA Related news: Vietnam chairs preparatory meeting | Police forces step up fight\n"
            "Tags: crime prevention Vietnam News Agency (VNA) Tel: (+84) 24 3825 5443 © Copyright VNA Online."
        )
        self.assertEqual((page.title, page.category_path, page.source), (_TITLE, ("Politics",), "VNA"))
        self.assertTrue(page.lead.startswith("Chiều 12/3"))
        self.assertTrue(page.paragraphs[-1].endswith("trong thời gian tới."))


class WireAndJournalRuleTests(SimpleTestCase):
    def test_wire_story_dateline_credit_line_captions_and_end_mark(self):
        sentence = "The two coast guards agreed to hold regular talks and joint training on search and rescue at sea."
        page = _page(
            "Home >> Asia & Pacific",
            "Vietnam, Philippines coast guards sign memorandum of understanding",
            "Source: Xinhua | 2024-01-30 22:16:05 | Editor: Liu Jing",
            "Facebook",
            "X",
            "HANOI, Jan. 30 (Xinhua) -- " + sentence,
            "Photo taken on Jan. 30, 2024 shows the signing ceremony in Hanoi, Vietnam. (Xinhua/Cao Ngoc)",
            sentence + " Enditem",
            "by Xinhua writer Vu Long",
        )
        self.assertEqual(page.published_at, datetime(2024, 1, 30, 22, 16, tzinfo=HANOI))
        self.assertEqual((page.source, page.byline, page.lead), ("Xinhua", "Vu Long", sentence))
        self.assertEqual([(i.caption, i.credit) for i in page.images], [(
            "Photo taken on Jan. 30, 2024 shows the signing ceremony in Hanoi, Vietnam.", "Xinhua/Cao Ngoc"
        )])  # fmt: skip
        self.assertEqual(page.paragraphs, (sentence,))

    def test_a_paragraph_ending_with_a_syndication_credit_stays_in_the_body(self):
        last = (
            "Hai bên thống nhất tổ chức hội đàm lần tiếp theo tại Viêng Chăn vào năm 2025. (TTXVN/Vietnam+)"
        )
        page = _page(_TITLE, _PARAGRAPH_1, _PARAGRAPH_2, last)
        self.assertEqual(page.paragraphs[-1], last)

    def test_author_under_the_title_with_degree_and_unit_and_footnotes_after_the_body(self):
        page = _page(
            _TITLE,
            "TS. Đỗ Thanh Hà - Vụ 13, VKSND tối cao",
            "25/10/2023 10:41",
            _PARAGRAPH_1 + " [1]",
            _PARAGRAPH_2,
            "Tài liệu tham khảo",
            "[1] Hiệp định tương trợ tư pháp về các vấn đề dân sự và hình sự giữa Việt Nam và Trung Quốc năm 1998.",
            "[2] Luật Tương trợ tư pháp số 08/2007/QH12 ngày 21/11/2007 của Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam.",
        )
        self.assertEqual((page.title, page.byline), (_TITLE, "Đỗ Thanh Hà"))
        self.assertEqual(page.paragraphs, (_PARAGRAPH_2,))

    def test_rank_in_capitals_and_outlet_after_a_slash(self):
        ranked = _page(_TITLE, _PARAGRAPH_1, _PARAGRAPH_2, "ĐẠI ÚY NGUYỄN VĂN HẢI - HỒNG NHUNG")
        outlet = _page(_TITLE, _PARAGRAPH_1, _PARAGRAPH_2, "Minh Thư/VOV.VN (theo TTXVN)")
        self.assertEqual(
            (ranked.byline, outlet.byline, outlet.source), ("NGUYỄN VĂN HẢI, HỒNG NHUNG", "Minh Thư", "TTXVN")
        )
