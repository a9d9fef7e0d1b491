"""
The newsroom's admin site: staff sign in with a password and a second factor.

django-two-factor-auth runs the sign-in (password, then a code from an
authenticator app, or one of the recovery codes) and the enrolment. A staff
member who has enrolled a device must always give its code; with
STAFF_TWO_FACTOR_REQUIRED (the default in production) everyone on the staff
must enrol before the admin opens. Readers never see any of it.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device


def needs_second_factor(user):
    return settings.STAFF_TWO_FACTOR_REQUIRED or user_has_device(user)


class NewsroomAdminSite(admin.AdminSite):
    site_header = _("Newsroom administration")
    site_title = _("Newsroom")
    index_title = _("Newsroom")

    def has_permission(self, request):
        user = request.user
        return super().has_permission(request) and (user.is_verified() or not needs_second_factor(user))

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_authenticated and not user.is_staff:
            # Django's own page says this account may not use the admin.
            return super().login(request, extra_context)
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
            next_url = reverse("admin:index", current_app=self.name)
        if user.is_authenticated and not user_has_device(user) and settings.STAFF_TWO_FACTOR_REQUIRED:
            return redirect("two_factor:setup")
        return redirect_to_login(next_url, reverse("two_factor:login"))
