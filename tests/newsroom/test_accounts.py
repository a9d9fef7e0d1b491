"""Readers' accounts: sign-up by e-mail, sign-in, reset, and lockout after wrong passwords."""

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client, TestCase, override_settings
from django.urls import reverse

from tests.factories import make_article, make_user


class AccountTests(TestCase):
    def setUp(self):
        cache.clear()

    def sign_up(self, email="bandoc@example.com", **changes):
        data = {
            "name": "Nguyễn Văn A",
            "email": email,
            "password1": "Hop-tac-2026!",
            "password2": "Hop-tac-2026!",
        } | changes
        return self.client.post(reverse("accounts:signup"), data)

    def link_in(self, message, path):
        line = next(line for line in message.body.splitlines() if path in line)
        return line.replace("http://testserver", "")

    def test_sign_up_is_confirmed_by_email_then_returns_to_the_article(self):
        article = make_article()
        response = self.sign_up(next=article.get_absolute_url())
        self.assertRedirects(response, reverse("accounts:signup_sent"))
        reader = get_user_model().objects.get()
        self.assertEqual(
            (reader.first_name, reader.email, reader.is_active), ("Nguyễn Văn A", "bandoc@example.com", False)
        )
        self.assertNotIn("_auth_user_id", self.client.session)
        link = self.link_in(mail.outbox[0], "/tai-khoan/kich-hoat/")
        self.assertContains(self.client.get(link), "Kích hoạt tài khoản")
        response = self.client.post(link.split("?")[0], {"next": article.get_absolute_url()})
        self.assertRedirects(response, article.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(int(self.client.session["_auth_user_id"]), reader.pk)
        self.assertEqual(self.client.post(link.split("?")[0]).status_code, 400)  # used once

    def test_sign_up_does_not_say_whether_an_address_has_an_account(self):
        make_user("nguoicu", email="bandoc@example.com")
        taken = self.sign_up(email="BanDoc@example.com")
        fresh = self.sign_up(email="moi@example.com")
        self.assertEqual((taken.status_code, taken["Location"]), (fresh.status_code, fresh["Location"]))
        self.assertEqual(get_user_model().objects.filter(email__iexact="bandoc@example.com").count(), 1)
        self.assertEqual(
            [message.to for message in mail.outbox], [["bandoc@example.com"], ["moi@example.com"]]
        )
        self.assertIn("/tai-khoan/quen-mat-khau/", mail.outbox[0].body)

    def test_readers_sign_in_with_their_email(self):
        self.sign_up()
        self.client.post(self.link_in(mail.outbox[0], "/tai-khoan/kich-hoat/").split("?")[0])
        self.client.post(reverse("accounts:logout"))
        response = self.client.post(
            reverse("accounts:login"), {"username": "bandoc@example.com", "password": "Hop-tac-2026!"}
        )
        self.assertEqual(response.status_code, 302)

    def test_weak_passwords_and_foreign_next_urls_are_refused(self):
        response = self.sign_up(password1="123", password2="123")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(get_user_model().objects.exists())
        self.sign_up(next="https://evil.example/")
        link = self.link_in(mail.outbox[0], "/tai-khoan/kich-hoat/")
        self.assertNotIn("evil.example", link)
        response = self.client.post(link.split("?")[0], {"next": "https://evil.example/"})
        self.assertRedirects(response, "/", fetch_redirect_response=False)

    @override_settings(SIGNUP_MAILS_PER_ADDRESS="2/h")
    def test_sign_ups_cannot_flood_an_address_with_mail(self):
        for _ in range(4):
            self.assertRedirects(self.sign_up(), reverse("accounts:signup_sent"))
        self.assertEqual(len(mail.outbox), 2)

    def test_readers_never_reach_the_admin(self):
        self.client.force_login(make_user("bandoc"))
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 302)
        self.assertIn("/admin/login/", response["Location"])

    def test_password_reset_by_email_end_to_end(self):
        make_user("bandoc", email="bandoc@example.com")
        self.client.post(reverse("accounts:password_reset"), {"email": "bandoc@example.com"})
        self.assertEqual(len(mail.outbox), 1)
        link = next(
            line for line in mail.outbox[0].body.splitlines() if "/tai-khoan/dat-lai-mat-khau/" in line
        )
        response = self.client.get(link.replace("http://testserver", ""), follow=True)
        response = self.client.post(
            response.redirect_chain[-1][0],
            {"new_password1": "Mat-khau-moi-9", "new_password2": "Mat-khau-moi-9"},
        )
        self.assertRedirects(response, reverse("accounts:password_reset_complete"))
        response = self.client.post(
            reverse("accounts:login"), {"username": "bandoc", "password": "Mat-khau-moi-9"}
        )
        self.assertEqual(response.status_code, 302)

    @override_settings(PASSWORD_RESET_MAILS_PER_ADDRESS="2/h", PASSWORD_RESET_RATE_PER_IP="4/h")
    def test_reset_emails_are_throttled_per_account_and_per_address(self):
        make_user("bandoc", email="bandoc@example.com")
        url = reverse("accounts:password_reset")
        for _ in range(3):
            response = self.client.post(url, {"email": "bandoc@example.com"})
            self.assertRedirects(response, reverse("accounts:password_reset_done"))
        self.assertEqual(len(mail.outbox), 2)
        self.client.post(url, {"email": "khac@example.com"})
        self.assertContains(
            self.client.post(url, {"email": "khac@example.com"}), "quá nhiều yêu cầu", status_code=429
        )

    def test_log_out_needs_a_post(self):
        self.client.force_login(make_user("bandoc"))
        self.assertEqual(self.client.get(reverse("accounts:logout")).status_code, 405)
        self.client.post(reverse("accounts:logout"))
        self.assertNotIn("_auth_user_id", self.client.session)


class LockoutTests(TestCase):
    """Repeated wrong passwords pause signing in, for the account and for the address."""

    def setUp(self):
        cache.clear()
        self.reader = make_user("bandoc")

    def log_in(self, username, password, address="10.0.3.1", url=None):
        return Client(REMOTE_ADDR=address).post(
            url or reverse("accounts:login"), {"username": username, "password": password}
        )

    def test_the_right_password_is_refused_after_five_wrong_ones(self):
        for _ in range(4):
            self.assertEqual(self.log_in("bandoc", "sai-mat-khau").status_code, 200)
        self.assertEqual(self.log_in("bandoc", "sai-mat-khau").status_code, 429)
        response = self.log_in("bandoc", "s3cret-Passw0rd")
        self.assertContains(response, "Đăng nhập tạm bị dừng", status_code=429)
        self.assertContains(response, "15 phút", status_code=429)
        # From another address too: the account itself is paused.
        self.assertEqual(self.log_in("bandoc", "s3cret-Passw0rd", address="10.0.3.2").status_code, 429)

    def test_one_address_guessing_many_accounts_is_paused(self):
        for number in range(5):
            self.log_in(f"nguoi{number}", "doan-bua")
        self.assertEqual(self.log_in("bandoc", "s3cret-Passw0rd").status_code, 429)
        self.assertEqual(self.log_in("bandoc", "s3cret-Passw0rd", address="10.0.3.9").status_code, 302)

    def test_the_admin_login_is_guarded_the_same_way(self):
        make_user("bientap", is_staff=True)
        staff_login = Client(REMOTE_ADDR="10.0.3.1")

        def password_step(password):
            data = {"login_view-current_step": "auth", "auth-username": "bientap", "auth-password": password}
            return staff_login.post(reverse("two_factor:login"), data)

        for _ in range(4):
            self.assertEqual(password_step("sai").status_code, 200)
        self.assertEqual(password_step("sai").status_code, 429)
        self.assertContains(password_step("s3cret-Passw0rd"), "Đăng nhập tạm bị dừng", status_code=429)

    def test_a_success_clears_the_failures(self):
        for _ in range(4):
            self.log_in("bandoc", "sai")
        self.assertEqual(self.log_in("bandoc", "s3cret-Passw0rd").status_code, 302)
        for _ in range(4):
            self.log_in("bandoc", "sai")
        self.assertEqual(self.log_in("bandoc", "s3cret-Passw0rd").status_code, 302)
