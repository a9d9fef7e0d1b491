"""Every page says what the browser may load and use: CSP, Permissions-Policy, Referrer-Policy."""

import re

from django.test import TestCase
from django.urls import reverse

from articles.publishing.roles import EDITOR
from tests.factories import make_article
from tests.helpers import change_url, member_of


class SecurityHeaderTests(TestCase):
    def test_reader_pages_allow_only_the_sites_own_files(self):
        response = self.client.get(reverse("home"))
        policy = response["Content-Security-Policy"]
        self.assertIn("default-src 'self'", policy)
        self.assertIn("style-src 'self'", policy)
        self.assertIn("frame-ancestors 'none'", policy)
        self.assertNotIn("unsafe-inline", policy)
        self.assertNotIn("nonce-", policy)  # nothing inline on reader pages, so no nonce to give

    def test_permissions_and_referrer_policies(self):
        response = self.client.get(reverse("home"))
        self.assertIn("camera=()", response["Permissions-Policy"])
        self.assertIn("geolocation=()", response["Permissions-Policy"])
        self.assertEqual(response["Referrer-Policy"], "strict-origin-when-cross-origin")

    def test_the_editors_import_map_carries_the_pages_nonce(self):
        self.client.force_login(member_of(EDITOR))
        response = self.client.get(change_url(make_article()))
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
        self.assertContains(response, f'<script type="importmap" nonce="{nonce}">')

    def test_the_revision_page_gives_its_editor_the_nonce_too(self):
        self.client.force_login(member_of(EDITOR))
        article = make_article()
        url = reverse("admin:articles_article_simple_history", args=[article.pk, article.history.latest().pk])
        response = self.client.get(url)
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
        self.assertContains(response, f'<script type="importmap" nonce="{nonce}">')
