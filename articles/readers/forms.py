from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Comment


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=settings.COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Plain text, up to %(limit)s characters.") % {"limit": settings.COMMENT_MAX_LENGTH},
        error_messages={
            "required": _("Write something before sending."),
            "max_length": _(
                "Your comment is too long: %(limit_value)d characters at most (it has %(show_value)d)."
            ),
        },
    )
    name = forms.CharField(label=_("Your name"), max_length=100, required=False)
    email = forms.EmailField(
        label=_("Email (not shown)"), required=False, help_text=_("Only the editors see it.")
    )
    # Left empty by people; filled by bots that fill every field.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.article = user, article
        if user.is_authenticated:
            del self.fields["name"], self.fields["email"]
        else:
            self.fields["name"].required = True
            self.fields["name"].error_messages["required"] = _("Tell us your name.")

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError(_("Write something before sending."), code="required")
        return body

    def clean_parent(self):
        parent_id = self.cleaned_data.get("parent")
        if not parent_id:
            return None
        parent = Comment.objects.approved().filter(pk=parent_id).first()
        if parent is None:
            raise forms.ValidationError(_("You can only reply to a published comment on this article."))
        if refusal := parent.reply_refusal(self.article):
            raise refusal
        return parent

    @property
    def is_trap_filled(self):
        return bool(self.data.get("website", "").strip())


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=[(n, n) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose from 1 to 5 stars."),
            "invalid_choice": _("Choose from 1 to 5 stars."),
        },
    )
