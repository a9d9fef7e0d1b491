"""Readers' accounts: sign-up, log-in, log-out, password change and reset (Django's own views)."""

from django import forms
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth
from django.contrib.auth.forms import UserCreationForm
from django.shortcuts import redirect, render
from django.urls import path, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

FORM_TEMPLATE = "registration/form.html"


class SignUpForm(UserCreationForm):
    email = forms.EmailField(label=_("Email"), help_text=_("For resetting your password; never shown."))

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ["username", "email"]

    def clean_email(self):
        email = self.cleaned_data["email"]
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this email already exists."))
        return email


def _next_url(request):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure())
    return candidate if allowed else reverse_lazy("home")


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def signup(request):
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(_next_url(request))
    return render(
        request,
        FORM_TEMPLATE,
        {"form": form, "title": _("Sign up"), "submit": _("Create my account"), "next": _next_url(request)},
    )


def _form_view(view, title, submit, **options):
    return view.as_view(
        template_name=FORM_TEMPLATE, extra_context={"title": title, "submit": submit}, **options
    )


def _message_view(view, title, message):
    return view.as_view(
        template_name="registration/message.html", extra_context={"title": title, "message": message}
    )


app_name = "accounts"

urlpatterns = [
    path("dang-ky/", signup, name="signup"),
    path(
        "dang-nhap/",
        _form_view(auth.LoginView, _("Log in"), _("Log in"), redirect_authenticated_user=True),
        name="login",
    ),
    path("dang-xuat/", auth.LogoutView.as_view(), name="logout"),
    path(
        "doi-mat-khau/",
        _form_view(
            auth.PasswordChangeView,
            _("Change password"),
            _("Change password"),
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "doi-mat-khau/xong/",
        _message_view(
            auth.PasswordChangeDoneView, _("Password changed"), _("Your password has been changed.")
        ),
        name="password_change_done",
    ),
    path(
        "quen-mat-khau/",
        _form_view(
            auth.PasswordResetView,
            _("Forgotten password"),
            _("Send me a reset link"),
            email_template_name="registration/reset_email.txt",
            subject_template_name="registration/reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "quen-mat-khau/da-gui/",
        _message_view(
            auth.PasswordResetDoneView,
            _("Check your email"),
            _("If an account uses that address, we have sent it a link to choose a new password."),
        ),
        name="password_reset_done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        _form_view(
            auth.PasswordResetConfirmView,
            _("Choose a new password"),
            _("Save the new password"),
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        _message_view(
            auth.PasswordResetCompleteView,
            _("Password saved"),
            _("You can now log in with your new password."),
        ),
        name="password_reset_complete",
    ),
]
