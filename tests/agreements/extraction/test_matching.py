"""The word-start matcher every finder uses instead of a leading lookbehind."""

import re

from django.test import SimpleTestCase

from agreements.extraction.matching import word_starts


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
                found = [m.span() for m in word_starts(re.compile(pattern), text)]
                self.assertEqual(found, expected)
                self.assertTrue(expected)
