"""The dependencies between the newsroom's parts run one way."""

import ast
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path):
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def imports_of(package):
    for path in sorted((ROOT / package).rglob("*.py")):
        for module in imported_modules(path):
            yield path.relative_to(ROOT), module


class DependencyTests(SimpleTestCase):
    def test_articles_never_imports_agreements(self):
        """agreements builds on articles; articles reaches it only through extension points."""
        backwards = [
            f"{path}: {module}"
            for path, module in imports_of("articles")
            if module.split(".")[0] == "agreements"
        ]
        self.assertEqual(backwards, [])

    def test_the_text_rules_import_nothing_of_the_apps(self):
        """articles/text is the neutral home both apps use: it depends on neither."""
        leaks = [
            f"{path}: {module}"
            for path, module in imports_of("articles/text")
            if module.split(".")[0] in ("articles", "agreements", "newsroom", "django")
        ]
        self.assertEqual(leaks, [])

    def test_the_extractor_does_not_depend_on_the_importer(self):
        """Sentence splitting and folding come from articles.text, not from the page parser."""
        leaks = [
            f"{path}: {module}"
            for path, module in imports_of("agreements/extraction")
            if module.startswith("articles.") and not module.startswith("articles.text")
        ]
        self.assertEqual(leaks, [])
