from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .models import Agency, Agreement


class AgreementFilterForm(forms.Form):
    """The filters above the agreements index; every choice is one that has agreements."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    partner = forms.ChoiceField(label=_("Partner agency"), required=False)
    year = forms.TypedChoiceField(label=_("Year signed"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, agreements, home_country):
        super().__init__(data)
        anything = [("", _("All"))]
        kinds = set(agreements.values_list("kind", flat=True))
        self.fields["kind"].choices = anything + [
            (k, label) for k, label in Agreement.Kind.choices if k in kinds
        ]
        codes = set(agreements.country_counts()) - {home_country}
        self.fields["country"].choices = anything + sorted(
            ((code, countries.name(code)) for code in codes), key=lambda choice: str(choice[1])
        )
        partners = (
            Agency.objects.not_rejected()
            .filter(agreements__in=agreements)
            .exclude(country=home_country)
            .distinct()
            .order_by("name")
        )
        self.fields["partner"].choices = anything + [(agency.slug, str(agency)) for agency in partners]
        years = agreements.filter(signed_on__isnull=False).dates("signed_on", "year", order="DESC")
        self.fields["year"].choices = anything + [(day.year, day.year) for day in years]

    def filter(self, agreements):
        if not self.is_valid():
            return agreements
        data = self.cleaned_data
        if data["kind"]:
            agreements = agreements.filter(kind=data["kind"])
        if data["country"]:
            agreements = agreements.with_country(data["country"])
        if data["partner"]:
            agreements = agreements.filter(parties__slug=data["partner"])
        if data["year"]:
            agreements = agreements.signed_in(data["year"])
        return agreements
