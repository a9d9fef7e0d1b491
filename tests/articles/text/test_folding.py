import unicodedata

from django.test import SimpleTestCase

from articles.text.folding import fold, fold_aligned, nfc
from articles.text.slugs import slugify


class FoldTests(SimpleTestCase):
    def test_strips_tone_and_vowel_marks(self):
        """Every Vietnamese diacritic folds away, case is kept."""
        self.assertEqual(fold("Tăng cường hợp tác quốc tế"), "Tang cuong hop tac quoc te")
        self.assertEqual(fold("ỨNG PHÓ"), "UNG PHO")

    def test_folds_d_with_stroke(self):
        """đ and Đ have no decomposition, yet fold to d and D."""
        self.assertEqual(fold("Đấu tranh, đàm phán"), "Dau tranh, dam phan")

    def test_nfd_and_nfc_fold_alike(self):
        """A decomposed string folds to the same text as its composed twin."""
        text = "Hiệp định dẫn độ"
        self.assertEqual(fold(unicodedata.normalize("NFD", text)), fold(text))

    def test_aligned_fold_keeps_every_position(self):
        """fold_aligned() lower-cases and folds without moving any character, whatever the input."""
        for text in ["Đà Nẵng “Lào” – Bộ Công an", "x\u0301y 한국 İstanbul", ""]:
            with self.subTest(text=text):
                folded = fold_aligned(text)
                self.assertEqual(len(folded), len(text))
                self.assertTrue(folded.isascii())
        self.assertEqual(fold_aligned("Đà Nẵng “Lào”"), "da nang \x1alao\x1a")
        self.assertEqual(fold_aligned("Bộ CÔNG AN"), fold("Bộ CÔNG AN").lower())

    def test_nfc_composes(self):
        """nfc() turns decomposed input into the composed form the database stores."""
        decomposed = unicodedata.normalize("NFD", "Bộ Công an")
        self.assertNotEqual(decomposed, "Bộ Công an")
        self.assertEqual(nfc(decomposed), "Bộ Công an")


class SlugifyTests(SimpleTestCase):
    def test_vietnamese_title(self):
        """The example from the issue: accents fold, spaces become hyphens."""
        self.assertEqual(slugify("Tăng cường hợp tác"), "tang-cuong-hop-tac")

    def test_d_with_stroke_becomes_d(self):
        """đ → d rather than vanishing as a naive ASCII slug would do."""
        self.assertEqual(slugify("Đẩy mạnh đấu tranh"), "day-manh-dau-tranh")

    def test_punctuation_collapses(self):
        """Commas, quotes and dashes leave single hyphens and none at the ends."""
        self.assertEqual(slugify("“Hiệp định dẫn độ” – Việt Nam, Italy!"), "hiep-dinh-dan-do-viet-nam-italy")

    def test_long_title_is_cut_at_a_word(self):
        """A slug longer than the limit ends on a whole word."""
        slug = slugify("phòng chống tội phạm " * 30, max_length=50)
        self.assertLessEqual(len(slug), 50)
        self.assertFalse(slug.endswith("-"))
        self.assertIn(slug.rsplit("-", 1)[-1], {"phong", "chong", "toi", "pham"})

    def test_nothing_sluggable(self):
        """A title made only of symbols gives an empty slug for the caller to replace."""
        self.assertEqual(slugify("!!! ???"), "")
