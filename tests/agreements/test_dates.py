from datetime import date

from django.test import SimpleTestCase
from django.utils import translation

from agreements.dates import DatePrecision, format_partial_date, pin


class PinTests(SimpleTestCase):
    def test_day_is_kept(self):
        """A full date stays as it is."""
        self.assertEqual(pin(date(2023, 4, 26), DatePrecision.DAY), date(2023, 4, 26))

    def test_month_pins_to_first_day(self):
        """ "Tháng 4/2023" is stored as 1 April 2023."""
        self.assertEqual(pin(date(2023, 4, 19), DatePrecision.MONTH), date(2023, 4, 1))

    def test_year_pins_to_first_of_january(self):
        """ "năm 2017" is stored as 1 January 2017."""
        self.assertEqual(pin(date(2017, 12, 30), DatePrecision.YEAR), date(2017, 1, 1))

    def test_unknown_stores_nothing(self):
        """An unknown date has no stored value, whatever was passed."""
        self.assertIsNone(pin(date(2023, 4, 26), DatePrecision.UNKNOWN))
        self.assertIsNone(pin(None, DatePrecision.DAY))


class FormatPartialDateTests(SimpleTestCase):
    def test_each_precision_in_vietnamese(self):
        """Shown no finer than known, in the portals' forms."""
        day = date(2023, 4, 26)
        with translation.override("vi"):
            self.assertEqual(format_partial_date(day, DatePrecision.DAY), "26/04/2023")
            self.assertEqual(format_partial_date(day, DatePrecision.MONTH), "tháng 4/2023")
            self.assertEqual(format_partial_date(day, DatePrecision.YEAR), "2023")
            self.assertEqual(format_partial_date(None, DatePrecision.UNKNOWN), "không rõ ngày")

    def test_english(self):
        """The English site says the same in English."""
        with translation.override("en"):
            self.assertEqual(format_partial_date(date(2023, 4, 1), DatePrecision.MONTH), "month 4/2023")
            self.assertEqual(format_partial_date(None, DatePrecision.UNKNOWN), "unknown date")
