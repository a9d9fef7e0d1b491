from datetime import date

from django.db import IntegrityError, transaction
from django.test import TestCase
from django.utils import translation

from agreements.dates import DatePrecision
from agreements.models import (
    Agency,
    AgencyAlias,
    Agreement,
    AgreementParty,
    ArticleAgency,
    ArticleAgreement,
    ArticleEvent,
    Event,
    EventParticipant,
    ReviewStatus,
    fold_alias,
)
from tests.factories import make_agency, make_agreement, make_article, make_event


class AgencyTests(TestCase):
    def test_same_name_in_two_countries(self):
        """ "Bộ Công an" of Vietnam and of China are two agencies with two slugs."""
        vietnam = make_agency(name="Bộ Nội vụ", country="VN")
        china = make_agency(name="Bộ Nội vụ", country="CN")
        self.assertNotEqual(vietnam.slug, china.slug)
        self.assertEqual(vietnam.slug, "bo-noi-vu-vn")

    def test_same_name_twice_in_one_country_is_refused(self):
        """One country cannot hold two agencies of the same name."""
        make_agency(country="VN")
        with self.assertRaises(IntegrityError):
            make_agency(country="VN")

    def test_international_organisation_has_no_country(self):
        """Interpol is an international organisation without a country."""
        interpol = make_agency(
            name="Tổ chức Cảnh sát Hình sự Quốc tế (thử)",
            short_name="Interpol",
            kind=Agency.Kind.INTERNATIONAL_ORGANISATION,
            country="",
        )
        self.assertFalse(interpol.country)
        self.assertEqual(str(interpol), "Tổ chức Cảnh sát Hình sự Quốc tế (thử) (Interpol)")

    def test_country_has_a_vietnamese_name(self):
        """django-countries names the country in the active language."""
        china_mps = make_agency(name="Bộ Nội vụ", country="CN")
        with translation.override("vi"):
            self.assertEqual(str(china_mps.country.name), "Trung Quốc")
        with translation.override("en"):
            self.assertEqual(str(china_mps.country.name), "China")

    def test_parent_agency(self):
        """An agency can sit under another, but not under itself."""
        ministry = make_agency()
        office = make_agency(name="Phòng Hợp tác quốc tế", parent=ministry)
        self.assertEqual(list(ministry.children.all()), [office])
        with self.assertRaises(IntegrityError):
            Agency.objects.filter(pk=ministry.pk).update(parent=ministry)

    def test_aliases_match_without_accents(self):
        """An alias is stored as written and matched folded."""
        ministry = make_agency()
        alias = AgencyAlias.objects.create(
            agency=ministry, name="Cục Cảnh sát giao thông nước CHXHCN Việt Nam"
        )
        self.assertEqual(alias.folded_name, "cuc canh sat giao thong nuoc chxhcn viet nam")
        self.assertEqual(
            AgencyAlias.objects.get(
                folded_name=fold_alias("CỤC  CẢNH SÁT giao thông nước CHXHCN Việt Nam")
            ).agency,
            ministry,
        )

    def test_alias_once_per_agency(self):
        """The same alias, accents aside, is not stored twice for one agency."""
        ministry = make_agency()
        AgencyAlias.objects.create(agency=ministry, name="Bộ Công an Việt Nam")
        with self.assertRaises(IntegrityError):
            AgencyAlias.objects.create(agency=ministry, name="Bo Cong an Viet Nam")


class AgreementDateTests(TestCase):
    def test_month_precision_pins_the_date(self):
        """Signed "tháng 9/2023": stored as 1 September, shown as a month."""
        agreement = make_agreement(signed_on=date(2023, 9, 16), signed_precision=DatePrecision.MONTH)
        agreement.refresh_from_db()
        self.assertEqual(agreement.signed_on, date(2023, 9, 1))
        with translation.override("vi"):
            self.assertEqual(agreement.signed_display, "tháng 9/2023")

    def test_unknown_precision_drops_a_date(self):
        """Saving with an unknown precision never keeps a date that was not given."""
        agreement = make_agreement(signed_on=date(2023, 9, 16), signed_precision=DatePrecision.UNKNOWN)
        agreement.refresh_from_db()
        self.assertIsNone(agreement.signed_on)

    def test_database_refuses_a_date_without_precision(self):
        """Behind the model's back, a date with precision "unknown" is refused."""
        agreement = make_agreement()
        with self.assertRaises(IntegrityError):
            Agreement.objects.filter(pk=agreement.pk).update(signed_on=date(2023, 1, 1))

    def test_database_refuses_a_precision_without_date(self):
        """A "day" precision with no date is refused too."""
        with self.assertRaises(IntegrityError):
            make_agreement(signed_precision=DatePrecision.DAY)

    def test_validity_period(self):
        """ "giai đoạn 2023-2025": years, shown as a range."""
        programme = make_agreement(
            title="Chương trình phối hợp hành động giai đoạn 2023-2025",
            kind=Agreement.Kind.PROGRAMME,
            valid_from=date(2023, 5, 5),
            valid_until=date(2025, 12, 31),
            validity_precision=DatePrecision.YEAR,
        )
        self.assertEqual((programme.valid_from, programme.valid_until), (date(2023, 1, 1), date(2025, 1, 1)))
        self.assertEqual(programme.validity_display, "2023–2025")

    def test_validity_must_not_end_before_it_starts(self):
        """The database keeps an agreement's start before its end."""
        with self.assertRaises(IntegrityError):
            make_agreement(valid_from=date(2025, 1, 1), valid_until=date(2023, 1, 1))

    def test_signed_in_year(self):
        """signed_in() filters by the year of signing."""
        extradition = make_agreement(signed_on=date(2023, 4, 26), signed_precision=DatePrecision.DAY)
        make_agreement(title="Khác", signed_on=date(2017, 1, 1), signed_precision=DatePrecision.YEAR)
        self.assertQuerySetEqual(Agreement.objects.signed_in(2023), [extradition])


class AgreementPartiesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.vietnam_mps = make_agency(country="VN")
        cls.italy_justice = make_agency(name="Bộ Tư pháp", short_name="", country="IT")
        cls.argentina_foreign = make_agency(
            name="Bộ Ngoại giao, Thương mại quốc tế và Tôn giáo", country="AR"
        )

    def test_parties_with_signatories(self):
        """Each party carries its role and who signed for it."""
        treaty = make_agreement(
            countries=["VN", "AR"],
            signed_on=date(2023, 4, 26),
            signed_precision=DatePrecision.DAY,
            place="Argentina",
        )
        AgreementParty.objects.create(
            agreement=treaty, agency=self.vietnam_mps, signatory="Lê Quốc Hùng", signatory_title="Thứ trưởng"
        )
        AgreementParty.objects.create(
            agreement=treaty, agency=self.argentina_foreign, signatory="Pablo Anselmo Tettamanti"
        )
        self.assertCountEqual(treaty.parties.all(), [self.vietnam_mps, self.argentina_foreign])
        self.assertEqual(sorted(c.code for c in treaty.countries), ["AR", "VN"])
        self.assertQuerySetEqual(Agreement.objects.with_country("AR"), [treaty])
        self.assertEqual(list(self.vietnam_mps.agreements.all()), [treaty])

    def test_same_title_different_parties_are_two_agreements(self):
        """ "Hiệp định dẫn độ" with Italy and with Argentina are two records, two slugs."""
        with_italy = make_agreement(countries=["VN", "IT"])
        with_argentina = make_agreement(countries=["VN", "AR"])
        AgreementParty.objects.create(agreement=with_italy, agency=self.italy_justice)
        AgreementParty.objects.create(agreement=with_argentina, agency=self.argentina_foreign)
        self.assertEqual(Agreement.objects.count(), 2)
        self.assertNotEqual(with_italy.slug, with_argentina.slug)

    def test_party_once_per_agreement(self):
        """An agency is a party to one agreement only once."""
        treaty = make_agreement()
        AgreementParty.objects.create(agreement=treaty, agency=self.vietnam_mps)
        with self.assertRaises(IntegrityError):
            AgreementParty.objects.create(agreement=treaty, agency=self.vietnam_mps)

    def test_agency_in_an_agreement_cannot_be_deleted(self):
        """Deleting a party agency would silently rewrite history, so it is refused."""
        from django.db.models import ProtectedError

        AgreementParty.objects.create(agreement=make_agreement(), agency=self.vietnam_mps)
        with self.assertRaises(ProtectedError):
            self.vietnam_mps.delete()


class EventTests(TestCase):
    def test_label_from_acronym_and_ordinal(self):
        """ "lần thứ 15 (AMMTC 15)" is stored as acronym and ordinal."""
        event = make_event(acronym="AMMTC", ordinal=15, kind=Event.Kind.CONFERENCE)
        self.assertEqual(event.label, "AMMTC 15")
        self.assertEqual(event.slug, "ammtc-15")
        self.assertIn("(AMMTC 15)", str(event))

    def test_date_range_at_day_precision(self):
        """ "từ ngày 19 đến ngày 21/9" shows as a range."""
        forum = make_event(
            name="Diễn đàn Hợp tác an ninh cộng đồng toàn cầu năm 2023",
            kind=Event.Kind.FORUM,
            start_on=date(2023, 9, 19),
            end_on=date(2023, 9, 21),
            date_precision=DatePrecision.DAY,
            place="Liên Vân Cảng, Giang Tô",
            country="CN",
        )
        self.assertEqual(forum.date_display, "19/09/2023 – 21/09/2023")

    def test_end_before_start_is_refused(self):
        """An event cannot end before it starts."""
        with self.assertRaises(IntegrityError):
            make_event(start_on=date(2023, 9, 21), end_on=date(2023, 9, 19), date_precision=DatePrecision.DAY)

    def test_ordinal_zero_is_refused(self):
        """ "lần thứ 0" is not an ordinal."""
        with self.assertRaises(IntegrityError):
            make_event(ordinal=0)

    def test_participants(self):
        """Participating agencies carry their role, once each."""
        event = make_event()
        host = make_agency()
        EventParticipant.objects.create(event=event, agency=host, role=EventParticipant.Role.HOST)
        self.assertEqual(list(host.events.all()), [event])
        with self.assertRaises(IntegrityError):
            EventParticipant.objects.create(event=event, agency=host)


class ArticleLinkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.interpol = make_agency(
            name="Interpol (thử)", short_name="", kind=Agency.Kind.INTERNATIONAL_ORGANISATION, country=""
        )
        cls.treaty = make_agreement()
        cls.talks = make_event(name="Hội đàm Bộ Công an – Interpol", kind=Event.Kind.TALKS)

    def test_links_carry_evidence_and_review(self):
        """Each link keeps its sentence; suggested links wait for an editor."""
        sentence = "Thượng tướng Tô Lâm đã hội đàm với Đoàn đại biểu cấp cao Interpol."
        ArticleAgency.objects.create(
            article=self.article,
            agency=self.interpol,
            evidence=sentence,
            review_status=ReviewStatus.SUGGESTED,
        )
        ArticleAgreement.objects.create(article=self.article, agreement=self.treaty, evidence="…")
        ArticleEvent.objects.create(article=self.article, event=self.talks, evidence=sentence)
        self.assertEqual(list(self.article.agencies.all()), [self.interpol])
        self.assertEqual(list(self.article.agreements.all()), [self.treaty])
        self.assertEqual(list(self.article.events.all()), [self.talks])
        self.assertEqual(ArticleAgency.objects.suggested().get().evidence, sentence)
        self.assertQuerySetEqual(ArticleAgency.objects.confirmed(), [])
        self.assertEqual(ArticleAgreement.objects.confirmed().count(), 1)

    def test_one_link_per_article_and_record(self):
        """Re-importing an article cannot duplicate a link."""
        ArticleAgency.objects.create(article=self.article, agency=self.interpol)
        with self.assertRaises(IntegrityError), transaction.atomic():
            ArticleAgency.objects.create(article=self.article, agency=self.interpol)

    def test_rejected_records_are_kept_but_hidden(self):
        """A rejected suggestion stays (so it is not re-created) but is left out of not_rejected()."""
        rejected = make_agency(name="Bộ Sai", review_status=ReviewStatus.REJECTED)
        self.assertIn(rejected, Agency.objects.all())
        self.assertNotIn(rejected, Agency.objects.not_rejected())
