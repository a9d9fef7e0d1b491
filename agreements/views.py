from collections import Counter

from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_countries import countries
from django_countries.fields import Country

from articles.models import CARD_DEFERRED, published_condition

from . import charts
from .extraction import HOME_COUNTRY
from .forms import AgreementFilterForm
from .models import (
    Agency,
    AgencyRedirect,
    Agreement,
    AgreementParty,
    ArticleAgency,
    ArticleAgreement,
    ArticleEvent,
    Event,
    EventParticipant,
)


def evidence(link_model, **record):
    """Published articles that name a record, each with the sentence that proves it."""
    return (
        link_model.objects.filter(published_condition("article__"), **record)
        .not_rejected()
        .select_related("article")
        .defer(*(f"article__{name}" for name in CARD_DEFERRED))
        .order_by("-article__published_at", "pk")
    )


def agreement_charts(agreements):
    """A timeline of agreements per year and a ranking of partner countries."""
    per_year = Counter(
        day.year for day in agreements.exclude(signed_on=None).values_list("signed_on", flat=True)
    )
    index = reverse("agreements:agreements")
    timeline = (
        charts.columns(
            (year, per_year[year], f"{index}?{urlencode({'year': year})}")
            for year in range(min(per_year), max(per_year) + 1)
        )
        if per_year
        else None
    )
    per_country = agreements.country_counts()
    per_country.pop(HOME_COUNTRY, None)
    ranking = charts.bars(
        (countries.name(code), count, reverse("agreements:country", kwargs={"code": code.lower()}))
        for code, count in per_country.items()
    )
    return {"timeline": timeline, "ranking": ranking}


def agency_index(request):
    agencies = (
        Agency.objects.not_rejected()
        .annotate(agreement_count=Count("agreements", distinct=True))
        .order_by("country", "kind", "name")
    )
    groups = {}
    for agency in agencies:
        groups.setdefault(agency.country.code, []).append(agency)
    ordered = sorted(
        groups.items(), key=lambda item: (item[0] != HOME_COUNTRY, item[0] == "", str(Country(item[0]).name))
    )
    return render(
        request,
        "agreements/agency_index.html",
        {"groups": [(Country(code) if code else None, members) for code, members in ordered]},
    )


def agency_detail(request, slug):
    agency = Agency.objects.not_rejected().select_related("parent").filter(slug=slug).first()
    if agency is None:
        # An agency merged into another: its old address leads to the survivor.
        moved = get_object_or_404(AgencyRedirect.objects.select_related("agency"), old_slug=slug)
        return redirect(moved.agency, permanent=True)
    return render(
        request,
        "agreements/agency_detail.html",
        {
            "agency": agency,
            "agreements": agency.agreements.not_rejected().order_by("-signed_on", "title"),
            "events": agency.events.not_rejected(),
            "mentions": evidence(ArticleAgency, agency=agency),
            "children": agency.children.not_rejected(),
        },
    )


def agreement_index(request):
    agreements = Agreement.objects.not_rejected()
    form = AgreementFilterForm(request.GET or None, agreements=agreements, home_country=HOME_COUNTRY)
    chosen = form.filter(agreements) if form.is_bound else agreements
    return render(
        request,
        "agreements/agreement_index.html",
        {
            "form": form,
            "agreements": chosen.prefetch_related(
                Prefetch("parties", queryset=Agency.objects.order_by("agreementparty__pk"))
            ).select_related("event"),
            "filtered": form.is_bound,
            **agreement_charts(agreements),
        },
    )


def agreement_detail(request, slug):
    agreement = get_object_or_404(Agreement.objects.not_rejected().select_related("event"), slug=slug)
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "agreement": agreement,
            "parties": AgreementParty.objects.filter(agreement=agreement)
            .select_related("agency")
            .order_by("pk"),
            "mentions": evidence(ArticleAgreement, agreement=agreement),
        },
    )


def event_index(request):
    events = Event.objects.not_rejected()
    groups = {}
    for event in events:
        groups.setdefault(event.start_on.year if event.start_on else None, []).append(event)
    return render(request, "agreements/event_index.html", {"groups": list(groups.items())})


def event_detail(request, slug):
    event = get_object_or_404(Event.objects.not_rejected(), slug=slug)
    return render(
        request,
        "agreements/event_detail.html",
        {
            "event": event,
            "participants": EventParticipant.objects.filter(event=event)
            .select_related("agency")
            .order_by("pk"),
            "agreements": event.agreements.not_rejected(),
            "mentions": evidence(ArticleEvent, event=event),
        },
    )


def country_detail(request, code):
    code = code.upper()
    if code not in countries or code == HOME_COUNTRY:
        raise Http404(_("No such partner country."))
    agreements = Agreement.objects.not_rejected().with_country(code)
    return render(
        request,
        "agreements/country_detail.html",
        {
            "country": Country(code),
            "agencies": Agency.objects.not_rejected().filter(country=code),
            "agreements": agreements,
            "events": Event.objects.not_rejected().filter(country=code),
        },
    )
