from django.urls import path

from . import views

app_name = "agreements"

urlpatterns = [
    path("co-quan/", views.agency_index, name="agencies"),
    path("co-quan/<slug:slug>/", views.agency_detail, name="agency"),
    path("van-ban-hop-tac/", views.agreement_index, name="agreements"),
    path("van-ban-hop-tac/<slug:slug>/", views.agreement_detail, name="agreement"),
    path("su-kien/", views.event_index, name="events"),
    path("su-kien/<slug:slug>/", views.event_detail, name="event"),
    path("quoc-gia/<str:code>/", views.country_detail, name="country"),
]
