"""View counts and visit statistics, exact under concurrency."""

import random
import threading
from datetime import timedelta

from django.core.cache import cache
from django.db import connection
from django.db.models import Sum
from django.test import Client, TransactionTestCase, skipUnlessDBFeature
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleDailyViews, DailyVisits, Rating
from articles.readers.visitors import visit_statistics
from tests.factories import make_article, make_user
from tests.helpers import BROWSER, InteractionTestCase, rating_url


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
        Article.objects.filter(pk=self.article.pk).update(view_count=5)
        make_article(title="Chưa ai đọc")
        ranked = list(Article.objects.most_viewed(days=7).values_list("title", "recent_views"))
        self.assertEqual(ranked, [(self.article.title, 5), ("Cũ", 0)])
        self.assertEqual(list(Article.objects.most_viewed().values_list("title", flat=True))[0], "Cũ")

    def test_most_viewed_with_a_limit_ranks_as_the_full_ranking_does(self):
        rng = random.Random(5)
        today = timezone.localdate()
        for number in range(30):
            article = make_article(title=f"Tin {number}", view_count=rng.choice([0, 3, 3, 50, 200]))
            for back in rng.sample(range(12), rng.randint(0, 3)):
                ArticleDailyViews.objects.create(
                    article=article, day=today - timedelta(days=back), views=rng.randint(1, 9)
                )
        for limit in (1, 5, 12):
            with self.subTest(limit=limit):
                full = list(Article.objects.most_viewed(days=7).values_list("pk", flat=True))[:limit]
                bounded = list(Article.objects.most_viewed(days=7, limit=limit).values_list("pk", flat=True))
                self.assertEqual(bounded, full)


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
