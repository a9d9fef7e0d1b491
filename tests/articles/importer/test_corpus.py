"""The page reader on the development corpus (bench/corpus): what it gets right stays right."""

import importlib.util
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parents[3]
# Below this share of right fields a change has broken layouts the corpus holds;
# a page added to the corpus before its fix may fail on its own for a while.
MIN_ACCURACY = 0.97


def _import_quality():
    spec = importlib.util.spec_from_file_location("import_quality", ROOT / "bench" / "import_quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CorpusTests(SimpleTestCase):
    def test_reader_keeps_the_corpus_fields_right_and_refuses_no_page(self):
        right, total, refused, wrong, pages = _import_quality().measure(ROOT / "bench" / "corpus")
        accuracy = sum(right.values()) / sum(total.values())
        detail = "\n".join(
            f"{name} {field}: expected {expected!r}, found {found!r}"
            for name, field, expected, found in wrong
        )
        self.assertGreaterEqual(pages, 72)
        self.assertEqual(refused, [])
        self.assertGreaterEqual(accuracy, MIN_ACCURACY, detail)
