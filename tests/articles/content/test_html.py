from django.test import SimpleTestCase

from articles.content.html import sanitize_html


class SanitizeHtmlTests(SimpleTestCase):
    def test_keeps_editorial_markup(self):
        """Paragraphs, emphasis and lists survive unchanged."""
        html = "<p>Đoàn <strong>Bộ Công an</strong> <em>hội đàm</em></p><ul><li>một</li></ul>"
        self.assertEqual(sanitize_html(html), html)

    def test_removes_scripts_and_styles_with_their_content(self):
        """No script or style element, nor its text, reaches the stored body."""
        cleaned = sanitize_html("<p>Tin</p><script>alert(1)</script><style>p{}</style>")
        self.assertEqual(cleaned, "<p>Tin</p>")

    def test_removes_event_handlers(self):
        """Inline event handlers are stripped from allowed tags."""
        self.assertEqual(sanitize_html('<p onclick="steal()">Tin</p>'), "<p>Tin</p>")

    def test_removes_javascript_urls(self):
        """A javascript: link loses its href; http links gain rel=noopener."""
        self.assertNotIn("javascript", sanitize_html('<a href="javascript:alert(1)">x</a>'))
        self.assertEqual(
            sanitize_html('<a href="https://cand.com.vn/">CAND</a>'),
            '<a href="https://cand.com.vn/" rel="noopener noreferrer">CAND</a>',
        )

    def test_empty_input(self):
        """None and empty strings give an empty body."""
        self.assertEqual(sanitize_html(None), "")
        self.assertEqual(sanitize_html(""), "")
