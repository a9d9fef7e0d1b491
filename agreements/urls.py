from django.urls import path

from articles.readers.page_cache import cached_for_readers

from . import views

app_name = "agreements"

urlpatterns = [
    path("co-quan/", cached_for_readers(views.agency_index), name="agencies"),
    path("co-quan/<slug:slug>/", cached_for_readers(views.agency_detail), name="agency"),
    path("van-ban-hop-tac/", cached_for_readers(views.agreement_index), name="agreements"),
    path("van-ban-hop-tac/<slug:slug>/", cached_for_readers(views.agreement_detail), name="agreement"),
    path("su-kien/", cached_for_readers(views.event_index), name="events"),
    path("su-kien/<slug:slug>/", cached_for_readers(views.event_detail), name="event"),
    path("quoc-gia/<str:code>/", cached_for_readers(views.country_detail), name="country"),
]
