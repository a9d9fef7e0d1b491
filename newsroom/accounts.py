"""
Readers' accounts: sign-up confirmed by e-mail, log-in, log-out, password
change and reset (Django's own views), and what stops guessing: django-axes
pauses signing in after repeated wrong passwords, sign-up and reset e-mails
are rate-limited, and neither sign-up nor reset says whether an address
already has an account.
"""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth
from django.contrib.auth.forms import SetPasswordMixin
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db.models import Q
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse, reverse_lazy
from django.utils.encoding import force_bytes
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django.views.generic import TemplateView
from django_ratelimit.core import is_ratelimited

from articles.text.folding import nfc

FORM_TEMPLATE = "registration/form.html"
MESSAGE_TEMPLATE = "registration/message.html"


class SignUpForm(SetPasswordMixin, forms.Form):
    """
    A name to show and an e-mail address to sign in with; no user name to
    choose, so that the form has nothing to refuse as taken.
    """

    name = forms.CharField(
        label=_("Your name"), max_length=150, help_text=_("Shown with your comments, e.g. Nguyễn Văn A.")
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=150,
        help_text=_("You sign in with it; we send a link to confirm it. Never shown."),
    )
    password1, password2 = SetPasswordMixin.create_password_fields()

    def clean_name(self):
        return " ".join(nfc(self.cleaned_data["name"]).split())

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        self.validate_passwords()
        cleaned = super().clean()
        if not self.errors:
            user = get_user_model()(
                username=cleaned["email"], email=cleaned["email"], first_name=cleaned["name"]
            )
            self.validate_password_for_user(user)
        return cleaned


def _next_url(request):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure())
    return candidate if allowed else reverse_lazy("home")


def _posted_email(group, request):
    return request.POST.get("email", "").strip().lower()


def _mail(request, user, template, subject, **context):
    context |= {
        "user": user,
        "site_name": settings.SITE_NAME,
        "base": request.build_absolute_uri("/").rstrip("/"),
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    send_mail(subject, render_to_string(template, context, request), None, [user.email])


def sign_up(request, *, name, email, password, next_url):
    """
    Create an account waiting for confirmation and mail its link; for an
    address that has an account already, mail its owner instead. Either
    way the reader sees the same page, so sign-up tells nobody which
    addresses have accounts.
    """
    if is_ratelimited(
        request,
        group="signup-address",
        key=_posted_email,
        rate=settings.SIGNUP_MAILS_PER_ADDRESS,
        increment=True,
    ):
        return
    users = get_user_model().objects
    existing = users.filter(Q(email__iexact=email) | Q(username__iexact=email)).first()
    if existing is not None:
        if existing.email:
            _mail(request, existing, "registration/signup_exists_email.txt", gettext("Your account"))
        return
    user = users.create_user(username=email, email=email, password=password, first_name=name, is_active=False)
    _mail(request, user, "registration/activate_email.txt", gettext("Confirm your account"), next=next_url)


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def signup(request):
    form = SignUpForm(request.POST or None)
    if request.method == "POST":
        if is_ratelimited(
            request, group="signup-ip", key="ip", rate=settings.SIGNUP_RATE_PER_IP, increment=True
        ):
            return _too_many(request)
        if form.is_valid():
            data = form.cleaned_data
            sign_up(
                request,
                name=data["name"],
                email=data["email"],
                password=data["password1"],
                next_url=str(_next_url(request)),
            )
            return redirect("accounts:signup_sent")
    return render(
        request,
        FORM_TEMPLATE,
        {"form": form, "title": _("Sign up"), "submit": _("Create my account"), "next": _next_url(request)},
    )


@require_http_methods(["GET", "POST"])
def activate(request, uidb64, token):
    """The link from the confirmation e-mail: a button that activates the account and signs in."""
    users = get_user_model().objects
    try:
        user = users.get(pk=urlsafe_base64_decode(uidb64).decode(), is_active=False)
    except (ValueError, TypeError, OverflowError, users.model.DoesNotExist):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        return render(
            request,
            MESSAGE_TEMPLATE,
            {
                "title": _("Confirm your account"),
                "message": _("This link is no longer valid: it has been used or is too old. Sign up again."),
            },
            status=400,
        )
    if request.method == "POST":
        user.is_active = True
        user.save(update_fields=["is_active"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(_next_url(request))
    return render(
        request,
        "registration/activate.html",
        {"title": _("Confirm your account"), "account": user, "next": _next_url(request)},
    )


def _too_many(request):
    message = _("Too many requests from your connection. Please try again later.")
    return render(request, MESSAGE_TEMPLATE, {"title": _("Please wait"), "message": message}, status=429)


class PasswordResetView(auth.PasswordResetView):
    """Django's reset, at most so many e-mails an hour from one address and to one account."""

    def form_valid(self, form):
        if is_ratelimited(
            self.request, group="reset-ip", key="ip", rate=settings.PASSWORD_RESET_RATE_PER_IP, increment=True
        ):
            return _too_many(self.request)
        if is_ratelimited(
            self.request,
            group="reset-address",
            key=_posted_email,
            rate=settings.PASSWORD_RESET_MAILS_PER_ADDRESS,
            increment=True,
        ):
            # The same answer as when the e-mail goes out: nothing said about the account.
            return redirect(self.get_success_url())
        return super().form_valid(form)


class LoginForm(auth.AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email or user name")


def locked_out(request, response, credentials):
    """What django-axes answers once signing in is paused: in Vietnamese, on the page's own site."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "Signing in is paused: there were too many wrong passwords for this account or from your "
        "connection. Try again in %(minutes)d minutes, or reset your password."
    ) % {"minutes": minutes}
    template = (
        "admin/locked_out.html" if request.path.startswith(reverse("admin:index")) else MESSAGE_TEMPLATE
    )
    return render(
        request,
        template,
        {"title": _("Signing in is paused"), "message": message, "reset_link": True},
        status=429,
    )


def _form_view(view, title, submit, **options):
    return view.as_view(
        template_name=FORM_TEMPLATE, extra_context={"title": title, "submit": submit}, **options
    )


def _message_view(view, title, message):
    return view.as_view(template_name=MESSAGE_TEMPLATE, extra_context={"title": title, "message": message})


app_name = "accounts"

urlpatterns = [
    path("dang-ky/", signup, name="signup"),
    path(
        "dang-ky/da-gui/",
        _message_view(
            TemplateView,
            _("Check your email"),
            _(
                "We have sent a message to the address you gave. Follow its link to start using your "
                "account; if it does not arrive within a few minutes, look in your spam folder."
            ),
        ),
        name="signup_sent",
    ),
    path("kich-hoat/<uidb64>/<token>/", activate, name="activate"),
    path(
        "dang-nhap/",
        _form_view(
            auth.LoginView,
            _("Log in"),
            _("Log in"),
            redirect_authenticated_user=True,
            authentication_form=LoginForm,
        ),
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
            PasswordResetView,
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
