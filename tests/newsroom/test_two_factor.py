"""Staff sign in to the admin with a password and a second factor; readers are unaffected."""

import re
from base64 import b32decode

from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.publishing.roles import EDITOR
from tests.factories import make_user
from tests.helpers import member_of

PASSWORD = "s3cret-Passw0rd"
LOGIN = reverse("two_factor:login")
ADMIN = reverse("admin:index")


def code_of(device, *, shift=0):
    """What the authenticator app shows now (``shift`` steps later)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0 - shift * device.step, digits=device.digits)
    return f"{value:0{device.digits}d}"


@override_settings(STAFF_TWO_FACTOR_REQUIRED=True)
class StaffTwoFactorTests(TestCase):
    def setUp(self):
        cache.clear()
        self.editor = member_of(EDITOR, "bientap")

    def enrol(self):
        device = TOTPDevice.objects.create(user=self.editor, name="default", confirmed=True)
        backup = StaticDevice.objects.create(user=self.editor, name="backup")
        backup.token_set.create(token="recovery1")
        return device

    def admin_opens(self):
        return self.client.get(ADMIN).status_code == 200

    def password_step(self, username="bientap", password=PASSWORD):
        data = {"login_view-current_step": "auth", "auth-username": username, "auth-password": password}
        return self.client.post(f"{LOGIN}?next={ADMIN}", data)

    def token_step(self, code):
        data = {"login_view-current_step": "token", "token-otp_token": code}
        return self.client.post(f"{LOGIN}?next={ADMIN}", data)

    def test_the_admin_sends_staff_to_the_two_step_sign_in(self):
        response = self.client.get(ADMIN, follow=True)
        self.assertEqual(response.redirect_chain[-1][0], f"{LOGIN}?next={ADMIN}")
        self.assertContains(response, 'name="auth-password"')

    def test_a_password_alone_does_not_open_the_admin(self):
        self.enrol()
        response = self.password_step()
        self.assertContains(response, 'name="token-otp_token"')
        self.assertFalse(self.admin_opens())

    def test_password_and_code_open_the_admin(self):
        device = self.enrol()
        self.password_step()
        self.assertRedirects(self.token_step(code_of(device)), ADMIN)
        self.assertTrue(self.admin_opens())

    def test_a_wrong_code_is_refused(self):
        device = self.enrol()
        self.password_step()
        response = self.token_step(code_of(device, shift=10))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self.admin_opens())

    def test_a_recovery_code_works_once(self):
        self.enrol()
        self.password_step()
        data = {"login_view-current_step": "backup", "backup-otp_token": "recovery1"}
        self.assertRedirects(self.client.post(f"{LOGIN}?next={ADMIN}", data), ADMIN)
        self.client.post(reverse("admin:logout"))
        self.password_step()
        response = self.client.post(f"{LOGIN}?next={ADMIN}", data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self.admin_opens())

    def test_signing_in_on_the_readers_page_does_not_open_the_admin(self):
        self.enrol()
        self.client.post(reverse("accounts:login"), {"username": "bientap", "password": PASSWORD})
        self.assertIn("_auth_user_id", self.client.session)
        response = self.client.get(ADMIN, follow=True)
        self.assertEqual(response.redirect_chain[-1][0], f"{LOGIN}?next={ADMIN}")

    def test_staff_without_a_device_enrol_before_the_admin_opens(self):
        self.password_step()
        response = self.client.get(ADMIN, follow=True)
        self.assertEqual(response.redirect_chain[-1][0], reverse("two_factor:setup"))
        setup = reverse("two_factor:setup")
        response = self.client.post(setup, {"setup_view-current_step": "welcome"})
        key = re.search(r"<code>([A-Z2-7]+)</code>", response.content.decode())[1]
        device = TOTPDevice(user=self.editor, key=b32decode(key + "=" * (-len(key) % 8)).hex())
        response = self.client.post(
            setup, {"setup_view-current_step": "generator", "generator-token": code_of(device)}
        )
        self.assertRedirects(response, reverse("two_factor:setup_complete"))
        self.assertTrue(self.admin_opens())
        self.assertTrue(TOTPDevice.objects.filter(user=self.editor, confirmed=True).exists())

    def test_readers_sign_in_without_a_second_factor(self):
        make_user("bandoc")
        response = self.client.post(reverse("accounts:login"), {"username": "bandoc", "password": PASSWORD})
        self.assertRedirects(response, reverse("home"), fetch_redirect_response=False)
        self.assertEqual(self.client.get(reverse("home")).status_code, 200)


@override_settings(STAFF_TWO_FACTOR_REQUIRED=False)
class OptionalTwoFactorTests(TestCase):
    def test_without_the_requirement_staff_without_a_device_use_their_password(self):
        cache.clear()
        member_of(EDITOR, "bientap")
        data = {"login_view-current_step": "auth", "auth-username": "bientap", "auth-password": PASSWORD}
        self.assertRedirects(self.client.post(f"{LOGIN}?next={ADMIN}", data), ADMIN)
        self.assertEqual(self.client.get(ADMIN).status_code, 200)
