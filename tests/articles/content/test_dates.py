from datetime import UTC, datetime

from django.test import SimpleTestCase
from django.utils import translation

from articles.content.dates import portal_datetime, weekday_date


class PortalDateTests(SimpleTestCase):
    def test_article_date_in_the_portals_form_and_time_zone(self):
        moment = datetime(2017, 12, 29, 21, 48, tzinfo=UTC)  # 04:48 next morning in Hà Nội
        with translation.override("vi"):
            self.assertEqual(portal_datetime(moment), "Thứ Bảy - 30/12/2017 04:48")
        with translation.override("en"):
            self.assertEqual(portal_datetime(moment), "Saturday - 30/12/2017 04:48")

    def test_header_date(self):
        with translation.override("vi"):
            self.assertEqual(weekday_date(datetime(2026, 11, 24, 3, 0, tzinfo=UTC)), "Thứ Ba, 24/11/2026")
            self.assertEqual(weekday_date(datetime(2026, 11, 29, 3, 0, tzinfo=UTC)), "Chủ Nhật, 29/11/2026")
