"""Readers' ratings: one per reader, totals equal to the rows."""

import io

from django.core.management import call_command
from django.test import Client, TestCase, override_settings

from articles.models import Rating
from tests.factories import make_article, make_user
from tests.helpers import BROWSER, InteractionTestCase, rating_url


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
