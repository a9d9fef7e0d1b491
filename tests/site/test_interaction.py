"""Readers' comments, ratings, views and visits: what is accepted, what is refused and why, and exact counts."""

import io
import threading
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.models import Sum
from django.test import (
    Client,
    RequestFactory,
    TestCase,
    TransactionTestCase,
    override_settings,
    skipUnlessDBFeature,
)
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleDailyViews, Comment, CommentPolicy, DailyVisits, Rating
from articles.readers.visitors import visit_statistics
from newsroom.middleware import TrustedProxyMiddleware
from tests.factories import make_article, make_user

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"}


def comment_url(article):
    return reverse("articles:comment_create", kwargs={"slug": article.slug})


def rating_url(article):
    return reverse("articles:rating_create", kwargs={"slug": article.slug})


class InteractionTestCase(TestCase):
    def setUp(self):
        cache.clear()  # rate-limit counters
        self.article = make_article(title="Hợp tác phòng, chống ma túy")
        self.client = Client(**BROWSER)

    def post_comment(self, body="Bài viết rất hữu ích.", client=None, article=None, **fields):
        article = article or self.article
        return (client or self.client).post(comment_url(article), {"body": body, **fields})


class CommentPolicyTests(InteractionTestCase):
    def test_members_only_by_default_with_links_to_log_in_or_sign_up(self):
        html = self.client.get(self.article.get_absolute_url()).content.decode()
        self.assertIn("Bạn cần là thành viên để bình luận bài viết này.", html)
        self.assertIn(reverse("accounts:login"), html)
        self.assertIn(reverse("accounts:signup"), html)
        response = self.post_comment(name="Lan")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Comment.objects.exists())

    def test_member_comment_is_published_at_once(self):
        self.client.force_login(make_user("lan"))
        response = self.post_comment()
        self.assertEqual(response.status_code, 302)
        comment = Comment.objects.get()
        self.assertEqual(comment.status, Comment.Status.APPROVED)
        self.assertContains(self.client.get(self.article.get_absolute_url()), "Bài viết rất hữu ích.")

    def test_anonymous_comment_waits_and_only_its_author_sees_it_marked_pending(self):
        self.article.comment_policy = CommentPolicy.EVERYONE
        self.article.save()
        self.post_comment(name="Khách", email="khach@example.com")
        comment = Comment.objects.get()
        self.assertEqual(comment.status, Comment.Status.PENDING)
        own = self.client.get(self.article.get_absolute_url()).content.decode()
        self.assertIn("Bài viết rất hữu ích.", own)
        self.assertIn("đang chờ kiểm duyệt", own)
        self.assertNotContains(
            Client(**BROWSER).get(self.article.get_absolute_url()), "Bài viết rất hữu ích."
        )

    @override_settings(COMMENTS_MODERATION="all")
    def test_moderate_all_holds_members_but_not_staff(self):
        self.client.force_login(make_user("lan"))
        self.post_comment()
        staff = Client(**BROWSER)
        staff.force_login(make_user("editor", is_staff=True))
        self.post_comment("Ý kiến của biên tập viên.", client=staff)
        self.assertEqual(
            dict(Comment.objects.values_list("user__username", "status")),
            {"lan": Comment.Status.PENDING, "editor": Comment.Status.APPROVED},
        )

    def test_closed_article_refuses_everyone(self):
        self.article.comment_policy = CommentPolicy.CLOSED
        self.article.save()
        self.client.force_login(make_user("lan"))
        response = self.post_comment()
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, "Bài viết này đã đóng bình luận.", status_code=403)


class CommentAbuseTests(InteractionTestCase):
    def setUp(self):
        super().setUp()
        self.client.force_login(make_user("lan"))

    def test_honeypot_is_refused_and_nothing_is_stored(self):
        response = self.post_comment(website="http://spam.example")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Bình luận của bạn không được chấp nhận.", status_code=400)
        self.assertFalse(Comment.objects.exists())

    def test_too_long_is_refused_and_the_text_is_kept(self):
        body = "chữ " * 600
        response = self.post_comment(body)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Bình luận quá dài", status_code=400)
        self.assertContains(response, body.strip()[:50], status_code=400)
        self.assertFalse(Comment.objects.exists())

    def test_empty_is_refused(self):
        response = self.post_comment("   ")
        self.assertContains(response, "Hãy viết nội dung trước khi gửi.", status_code=400)

    def test_duplicate_text_is_refused(self):
        self.post_comment("Rất hay!")
        response = self.post_comment("rất  HAY")
        self.assertContains(response, "Bạn đã gửi bình luận này rồi.", status_code=400)
        self.assertEqual(Comment.objects.count(), 1)

    @override_settings(COMMENT_RATE_PER_IP="3/h")
    def test_rate_limit_per_address(self):
        for number in range(3):
            self.assertEqual(self.post_comment(f"Ý kiến số {number}").status_code, 302)
        response = self.post_comment("Ý kiến thứ tư")
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Bạn bình luận quá nhanh", status_code=429)
        self.assertEqual(Comment.objects.count(), 3)

    def test_csrf_token_is_required(self):
        client = Client(enforce_csrf_checks=True, **BROWSER)
        client.force_login(get_user_model().objects.get(username="lan"))
        self.assertEqual(self.post_comment(client=client).status_code, 403)
        self.assertFalse(Comment.objects.exists())

    def test_replies_go_one_level_deep(self):
        self.post_comment("Gốc")
        root = Comment.objects.get()
        self.assertEqual(self.post_comment("Trả lời", parent=root.pk).status_code, 302)
        reply = Comment.objects.get(parent=root)
        response = self.post_comment("Trả lời của trả lời", parent=reply.pk)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(Comment.objects.count(), 2)

    def test_text_is_escaped_and_links_are_clickable_only_once_allowed(self):
        self.post_comment("<script>alert(1)</script> xem https://example.com")
        comment = Comment.objects.get()
        html = self.client.get(self.article.get_absolute_url()).content.decode()
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", html)
        self.assertNotIn('href="https://example.com"', html)
        comment.links_approved = True
        comment.save()
        self.assertContains(self.client.get(self.article.get_absolute_url()), 'href="https://example.com"')


class CommentCountTests(InteractionTestCase):
    def test_listing_shows_comment_counts_without_a_query_per_article(self):
        url = reverse("articles:latest")
        Comment.objects.create(article=self.article, author_name="A", body="1", status="approved")
        self.client.get(url)
        with self.assertNumQueries(3) as few:
            self.client.get(url)
        for number in range(5):
            other = make_article(title=f"Bài {number}")
            Comment.objects.create(article=other, author_name="A", body="x", status="approved")
        with self.assertNumQueries(len(few.captured_queries)):
            html = self.client.get(url).content.decode()
        self.assertIn("1 bình luận", html)


class RatingTests(InteractionTestCase):
    def test_anonymous_reader_rates_without_javascript_and_can_change_the_score(self):
        response = self.client.post(rating_url(self.article), {"score": 4})
        self.assertRedirects(
            response, self.article.get_absolute_url() + "#rating", fetch_redirect_response=False
        )
        self.client.post(rating_url(self.article), {"score": 2})
        self.article.refresh_from_db()
        self.assertEqual((self.article.rating_sum, self.article.rating_count), (2, 1))
        self.assertEqual(Rating.objects.get().score, 2)
        self.assertContains(
            self.client.get(self.article.get_absolute_url()),
            "Tổng số điểm của bài viết là: 2 trong 1 đánh giá.",
        )

    def test_json_reply_for_the_page_script(self):
        response = self.client.post(rating_url(self.article), {"score": 5}, HTTP_ACCEPT="application/json")
        self.assertEqual(response.json()["count"], 1)
        self.assertIn("5 trong 1", response.json()["summary"])

    def test_a_browser_without_its_cookie_is_still_one_voter(self):
        for score in (5, 1, 5):
            Client(**BROWSER).post(rating_url(self.article), {"score": score})
        self.assertEqual(list(Rating.objects.values_list("score", flat=True)), [5])

    def test_browsers_at_one_address_are_capped(self):
        with self.settings(RATINGS_PER_ADDRESS=2):
            for number in range(2):
                Client(HTTP_USER_AGENT=f"Trình duyệt {number}").post(rating_url(self.article), {"score": 5})
            response = Client(HTTP_USER_AGENT="Trình duyệt 3").post(
                rating_url(self.article), {"score": 5}, HTTP_ACCEPT="application/json"
            )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Rating.objects.count(), 2)

    def test_members_rate_as_their_account(self):
        user = make_user("lan")
        for _ in range(2):
            client = Client(**BROWSER)
            client.force_login(user)
            client.post(rating_url(self.article), {"score": 3})
        self.assertEqual(Rating.objects.get().voter_key, f"user:{user.pk}")

    def test_scores_outside_one_to_five_are_refused(self):
        for score in ("0", "6", "abc", ""):
            response = self.client.post(
                rating_url(self.article), {"score": score}, HTTP_ACCEPT="application/json"
            )
            self.assertEqual(response.status_code, 400, score)
        self.assertFalse(Rating.objects.exists())

    @override_settings(RATING_RATE_PER_IP="2/h")
    def test_rate_limit(self):
        for score in (1, 2):
            self.client.post(rating_url(self.article), {"score": score})
        response = self.client.post(rating_url(self.article), {"score": 3}, HTTP_ACCEPT="application/json")
        self.assertEqual(response.status_code, 429)

    def test_csrf_token_is_required(self):
        response = Client(enforce_csrf_checks=True, **BROWSER).post(rating_url(self.article), {"score": 5})
        self.assertEqual(response.status_code, 403)


class ViewCountTests(InteractionTestCase):
    def test_a_view_counts_once_per_session_and_per_day(self):
        for _ in range(3):
            self.client.get(self.article.get_absolute_url())
        Client(**BROWSER).get(self.article.get_absolute_url())
        self.article.refresh_from_db()
        self.assertEqual(self.article.view_count, 2)
        self.assertEqual(
            ArticleDailyViews.objects.get(article=self.article, day=timezone.localdate()).views, 2
        )

    def test_crawlers_head_requests_and_staff_previews_do_not_count(self):
        Client(HTTP_USER_AGENT="Mozilla/5.0 (compatible; Googlebot/2.1)").get(self.article.get_absolute_url())
        self.client.head(self.article.get_absolute_url())
        staff = Client(**BROWSER)
        staff.force_login(make_user("editor", is_staff=True))
        staff.get(reverse("articles:article_preview", kwargs={"pk": self.article.pk}))
        self.article.refresh_from_db()
        self.assertEqual(self.article.view_count, 0)

    def test_counting_a_view_costs_one_statement_on_postgresql(self):
        if connection.vendor != "postgresql":
            self.skipTest("SQLite, embedded, takes two statements in a transaction")
        self.client.get("/")  # the visit and the browser's presence are recorded here
        with CaptureQueriesContext(connection) as counted:
            self.client.get(self.article.get_absolute_url())
        with CaptureQueriesContext(connection) as repeated:
            self.client.get(self.article.get_absolute_url())
        self.assertEqual(len(counted) - len(repeated), 1)
        self.assertEqual(Article.objects.get(pk=self.article.pk).view_count, 1)

    def test_most_viewed_ranks_by_recent_days(self):
        old_hit = make_article(title="Cũ", view_count=1000)
        ArticleDailyViews.objects.create(article=self.article, day=timezone.localdate(), views=5)
        ArticleDailyViews.objects.create(
            article=old_hit, day=timezone.localdate() - timedelta(days=40), views=1000
        )
        ranked = list(Article.objects.most_viewed(days=7).values_list("title", flat=True))
        self.assertEqual(ranked[:2], [self.article.title, "Cũ"])
        self.assertEqual(list(Article.objects.most_viewed().values_list("title", flat=True))[0], "Cũ")


class VisitTests(InteractionTestCase):
    def test_a_visit_is_one_browser_within_thirty_minutes(self):
        self.client.get("/")
        self.client.get(self.article.get_absolute_url())
        stats = visit_statistics()
        self.assertEqual((stats.online, stats.today, stats.total), (1, 1, 1))
        # Thirty minutes later the visit cookie has expired; the browser is the same.
        self.client.cookies.pop("nr_visit")
        self.client.get("/")
        stats = visit_statistics()
        self.assertEqual((stats.online, stats.today), (1, 2))
        Client(HTTP_USER_AGENT="curl/8.0").get("/")
        self.assertEqual(DailyVisits.objects.get().visits, 2)

    def test_statistics_block_on_the_home_page(self):
        self.client.get("/")
        html = self.client.get("/").content.decode()
        self.assertIn("Đang truy cập", html)
        self.assertIn("Tổng lượt truy cập", html)


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


@skipUnlessDBFeature("has_select_for_update")
class ConcurrencyTests(TransactionTestCase):
    """Many readers at once on PostgreSQL: totals end exact."""

    THREADS = 12

    def run_together(self, work):
        barrier = threading.Barrier(self.THREADS)
        errors = []

        def run(index):
            try:
                barrier.wait()
                work(index)
            except Exception as error:  # noqa: BLE001 — reported below
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=run, args=(index,)) for index in range(self.THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])

    def test_many_readers_rating_at_once_keep_totals_equal_to_the_rows(self):
        cache.clear()
        article = make_article()

        def vote(index):
            client = Client(REMOTE_ADDR=f"10.0.0.{index}", **BROWSER)
            client.post(rating_url(article), {"score": index % 5 + 1})
            client.post(rating_url(article), {"score": (index + 2) % 5 + 1})

        self.run_together(vote)
        article.refresh_from_db()
        rows = Rating.objects.filter(article=article).aggregate(total=Sum("score"))["total"]
        self.assertEqual(article.rating_count, self.THREADS)
        self.assertEqual(article.rating_sum, rows)

    def test_a_first_vote_sent_twice_at_once_is_one_vote(self):
        cache.clear()
        article = make_article()

        def vote(index):
            reader = index // 2  # two requests per reader, neither with a cookie yet
            client = Client(REMOTE_ADDR=f"10.0.1.{reader}", **BROWSER)
            client.post(rating_url(article), {"score": 4})

        self.run_together(vote)
        article.refresh_from_db()
        self.assertEqual(Rating.objects.filter(article=article).count(), self.THREADS // 2)
        self.assertEqual(
            (article.rating_count, article.rating_sum), (self.THREADS // 2, 4 * self.THREADS // 2)
        )

    def test_readers_at_one_address_voting_at_once_stay_within_the_cap(self):
        cache.clear()
        article = make_article()

        def vote(index):
            Client(REMOTE_ADDR="10.0.2.1", HTTP_USER_AGENT=f"Trình duyệt {index}").post(
                rating_url(article), {"score": 3}
            )

        with self.settings(RATINGS_PER_ADDRESS=3):
            self.run_together(vote)
        self.assertEqual(Rating.objects.filter(article=article).count(), 3)

    def test_many_readers_viewing_at_once_are_all_counted(self):
        article = make_article()
        self.run_together(lambda index: Client(**BROWSER).get(article.get_absolute_url()))
        article.refresh_from_db()
        self.assertEqual(article.view_count, self.THREADS)
        self.assertEqual(ArticleDailyViews.objects.get(article=article).views, self.THREADS)


class RecountRatingsTests(TestCase):
    def test_totals_that_drifted_from_the_rows_are_found_and_fixed(self):
        article = make_article(rating_sum=9, rating_count=2)
        Rating.objects.create(article=article, voter_key="a", score=5)
        steady = make_article(title="Đúng", rating_sum=3, rating_count=1)
        Rating.objects.create(article=steady, voter_key="b", score=3)
        with self.assertRaises(SystemExit):
            call_command("recount_ratings", stdout=io.StringIO())
        out = io.StringIO()
        call_command("recount_ratings", "--fix", stdout=out)
        self.assertIn("stored (9, 2), rows give (5, 1)", out.getvalue())
        article.refresh_from_db()
        self.assertEqual((article.rating_sum, article.rating_count), (5, 1))
        call_command("recount_ratings", stdout=io.StringIO())  # clean now: no exit


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
