"""Dates: where a relative date takes its year from."""

from datetime import date

from django.test import SimpleTestCase

from agreements.extraction import extract

from .helpers import GAZETTEER


class RelativeDateTests(SimpleTestCase):
    def test_year_from_the_article_date_or_unknown(self):
        """Without an earlier explicit year, "ngày 26/4" takes the article's year, or none."""
        text = "Hai bộ ký “Hiệp định về dẫn độ giữa Bộ Công an Việt Nam và Bộ Tư pháp Italy” ngày 26/4."
        with_date = extract(text, published=date(2024, 5, 1), gazetteer=GAZETTEER).agreements[0]
        self.assertEqual((with_date.signed.value, with_date.signed.precision), (date(2024, 4, 26), "day"))
        without = extract(text, gazetteer=GAZETTEER).agreements[0]
        self.assertEqual(without.signed.precision, "unknown")
