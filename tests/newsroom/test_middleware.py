"""The reader's address behind trusted proxies."""

from django.test import RequestFactory, override_settings

from newsroom.middleware import TrustedProxyMiddleware
from tests.helpers import InteractionTestCase


class TrustedProxyTests(InteractionTestCase):
    @override_settings(TRUSTED_PROXIES=1)
    def test_behind_one_proxy_the_forwarded_address_counts_and_cannot_be_forged(self):
        seen = {}

        def view(request):
            seen["address"] = request.META["REMOTE_ADDR"]

        middleware = TrustedProxyMiddleware(view)
        request = RequestFactory().get(
            "/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7", REMOTE_ADDR="10.0.0.1"
        )
        middleware(request)
        self.assertEqual(seen["address"], "203.0.113.7")
