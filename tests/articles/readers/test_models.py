"""The readers' models: the rules their rows keep."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase

from articles.models import ArticleDailyViews, Comment, Rating
from articles.readers.visitors import hash_ip
from tests.factories import make_article, make_user


class CommentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.reader = make_user()
        cls.comment = Comment.objects.create(article=cls.article, user=cls.reader, body="Rất hay.")

    def test_new_comment_waits_for_moderation(self):
        """Comments start pending; approved() shows only approved ones."""
        self.assertEqual(self.comment.status, Comment.Status.PENDING)
        self.assertQuerySetEqual(Comment.objects.pending(), [self.comment])
        self.assertQuerySetEqual(Comment.objects.approved(), [])

    def test_anonymous_comment_needs_a_name(self):
        """A comment with neither account nor name is refused by the database."""
        with self.assertRaises(IntegrityError):
            Comment.objects.create(article=self.article, body="Ẩn danh")

    def test_anonymous_comment_with_name(self):
        """A guest's comment keeps name, e-mail and the hash of their address."""
        comment = Comment.objects.create(
            article=self.article,
            author_name="Nguyễn Văn A",
            author_email="a@example.com",
            body="Cảm ơn.",
            ip_hash=hash_ip("203.0.113.5"),
        )
        self.assertEqual(comment.display_name, "Nguyễn Văn A")
        self.assertEqual(len(comment.ip_hash), 64)

    def test_reply_one_level_deep(self):
        """A reply to a comment is fine; a reply to a reply is refused."""
        reply = Comment(article=self.article, user=self.reader, body="Đồng ý.", parent=self.comment)
        reply.full_clean()
        reply.save()
        nested = Comment(article=self.article, user=self.reader, body="Và tôi.", parent=reply)
        with self.assertRaises(ValidationError) as raised:
            nested.full_clean()
        self.assertEqual(raised.exception.error_dict["parent"][0].code, "reply_too_deep")

    def test_reply_must_stay_on_the_article(self):
        """A reply cannot hang under a comment on another article."""
        reply = Comment(article=make_article(title="Khác"), user=self.reader, body="?", parent=self.comment)
        with self.assertRaises(ValidationError) as raised:
            reply.full_clean()
        self.assertEqual(raised.exception.error_dict["parent"][0].code, "reply_other_article")


class RatingRowTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()

    def test_scores_one_to_five(self):
        """1 and 5 are stored; 0 and 6 are refused by the database."""
        Rating.objects.create(article=self.article, voter_key="user:1", score=1)
        Rating.objects.create(article=self.article, voter_key="user:2", score=5)
        for score in (0, 6):
            with self.subTest(score=score), self.assertRaises(IntegrityError), transaction.atomic():
                Rating.objects.create(article=self.article, voter_key=f"user:{score + 10}", score=score)

    def test_one_rating_per_voter(self):
        """A second vote by the same voter on the same article is refused."""
        Rating.objects.create(article=self.article, voter_key="anon:abc", score=4)
        with self.assertRaises(IntegrityError):
            Rating.objects.create(article=self.article, voter_key="anon:abc", score=2)

    def test_same_voter_may_rate_other_articles(self):
        """The rule is per article, not per voter."""
        Rating.objects.create(article=self.article, voter_key="anon:abc", score=4)
        Rating.objects.create(article=make_article(title="Khác"), voter_key="anon:abc", score=3)
        self.assertEqual(Rating.objects.filter(voter_key="anon:abc").count(), 2)


class VisitCounterTests(TestCase):
    def test_one_row_per_article_per_day(self):
        """Daily article views are unique per article and day."""
        article = make_article()
        ArticleDailyViews.objects.create(article=article, day=date(2026, 11, 24), views=3)
        with self.assertRaises(IntegrityError):
            ArticleDailyViews.objects.create(article=article, day=date(2026, 11, 24), views=1)


class HashIpTests(TestCase):
    def test_hash_is_stable_and_hides_the_address(self):
        """The same address hashes alike, different ones differ, and none is readable."""
        first = hash_ip("198.51.100.7")
        self.assertEqual(first, hash_ip("198.51.100.7"))
        self.assertNotEqual(first, hash_ip("198.51.100.8"))
        self.assertNotIn("198.51", first)
        self.assertEqual(hash_ip(""), "")
