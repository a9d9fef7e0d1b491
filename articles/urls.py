from django.urls import path

from . import feeds, views
from .readers import views as reader_views
from .readers.page_cache import cached_for_readers

app_name = "articles"

urlpatterns = [
    path("bai-viet/<slug:slug>/", views.article_detail, name="article"),
    path("bai-viet/<slug:slug>/in/", views.article_print, name="article_print"),
    path("bai-viet/<slug:slug>/binh-luan/", reader_views.comment_create, name="comment_create"),
    path("bai-viet/<slug:slug>/danh-gia/", reader_views.rating_create, name="rating_create"),
    path("xem-truoc/<int:pk>/", views.article_preview, name="article_preview"),
    path("tin-moi/", cached_for_readers(views.LatestView.as_view()), name="latest"),
    path("tin-van/", cached_for_readers(views.BriefsView.as_view()), name="briefs"),
    path("xem-theo-ngay/", views.archive_index, name="archive"),
    path(
        "xem-theo-ngay/<int:year>/<int:month>/<int:day>/",
        cached_for_readers(views.DayArchiveView.as_view()),
        name="archive_day",
    ),
    path("chuyen-muc/<slug:slug>/", cached_for_readers(views.CategoryView.as_view()), name="category"),
    path("the/<slug:slug>/", cached_for_readers(views.TagView.as_view()), name="tag"),
    path("nguon/<slug:slug>/", cached_for_readers(views.SourceView.as_view()), name="source"),
    path("tac-gia/<str:username>/", cached_for_readers(views.AuthorView.as_view()), name="author"),
    path("rss/", feeds.LatestArticlesFeed(), name="feed_rss"),
    path("atom/", feeds.LatestArticlesAtomFeed(), name="feed_atom"),
    path("rss/<slug:slug>/", feeds.CategoryFeed(), name="category_feed"),
]
