"""
Find the agencies, agreements and events an article talks about.

Text and publication date in, typed mentions out, each with its character
span and the sentence that proves it. Pure functions, no database: the
known names (the gazetteer) are passed in. General rules only: quoted
titles that open with an agreement keyword, "giữa A và B", "ký", ordinals
"lần thứ N", acronyms in parentheses, "<agency> <country>", dates in the
forms Vietnamese news uses, with relative dates ("ngày 26/4", "hồi tháng
4") taking their year from the nearest explicit year before them, else from
the article's date, else left unknown.
"""

import re
import tomllib
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from articles.text.dates import PORTAL_TIME_ZONE
from articles.text.folding import LOWERCASE, UPPERCASE, fold, fold_aligned
from articles.text.sentences import sentence_spans

GAZETTEER_FILE = Path(__file__).parent / "vocabulary" / "gazetteer.toml"

DAY, MONTH, YEAR, UNKNOWN = "day", "month", "year", "unknown"
# The country a Vietnamese article means when it names a ministry bare.
HOME_COUNTRY = "VN"

AGREEMENT_KEYWORDS = {
    "hiệp định": "treaty",
    "bản ghi nhớ": "mou",
    "thư thỏa thuận": "cooperation",
    "bản thỏa thuận": "cooperation",
    "thỏa thuận": "cooperation",
    "biên bản": "minutes",
    "chương trình": "programme",
    "kế hoạch": "action_plan",
    "tuyên bố": "declaration",
    "công ước": "convention",
    "nghị định thư": "protocol",
    "phụ lục": "other",
    "hiến chương": "other",
    "lộ trình": "other",
    "tài liệu khái niệm": "other",
}
# Words that open the name of an organisation, with the kind it suggests.
AGENCY_HEADS = {
    "Bộ": "ministry",
    "Ủy ban": "other",
    "Cơ quan": "other",
    "Tổ chức": "international",
    "Tổng cục": "police",
    "Cục": "other",
    "Viện": "judiciary",
    "Tòa án": "judiciary",
    "Văn phòng": "other",
    "Trung tâm": "other",
    "Tổ công tác": "other",
    "Hiệp hội": "international",
    "Liên minh": "international",
    "Ban": "other",
    "Hội đồng": "other",
    "Cảnh sát": "police",
    "cảnh sát": "police",
    "Hội nghị": "forum",
    "Diễn đàn": "forum",
}
NOT_AGENCY_HEADS = ("Bộ trưởng", "Bộ Chính trị", "Bộ quy tắc", "Bộ phận", "Ban Chấp hành")
EVENT_HEADS = {
    "Hội nghị": "conference",
    "Hội thảo": "conference",
    "Phiên họp": "conference",
    "Kỳ họp": "conference",
    "Diễn đàn": "forum",
}
# Acronyms followed by a number that name documents, not meetings: "MOU 1993".
NOT_EVENT_ACRONYMS = {"MOU", "PCMT", "ANTT", "TTATXH"}
PERSON_TITLES = (
    "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá",
    "Bộ trưởng", "Thứ trưởng", "Đại sứ", "Tổng Thư ký", "Phó Chủ tịch", "Chủ tịch", "Phó Thủ tướng",
    "Thủ tướng", "Ngài", "ông", "bà",
)  # fmt: skip
NUMBER_WORDS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}  # fmt: skip

_CAPITALISED = re.compile(rf"^[{UPPERCASE}]")
_QUOTED = re.compile(r"“([^”]{4,300})”|\"([^\"]{4,300})\"")
_ACRONYM_DEFINITION = re.compile(r"\(\s*([A-Z][A-Za-z]*[A-Z0-9](?:-[A-Z0-9]+)*(?:\s\d{1,4})?)\s*\)")
# Patterns that must start a word are matched by _word_starts, not with a
# leading lookbehind (see there).
_ACRONYM_NUMBER = re.compile(r"([A-Z][A-Z]{2,9}(?:-[A-Z]+)?)\s(\d{1,4})(?![\w/.-])")
_ORDINAL = re.compile(r"lần thứ (\d{1,3}|nhất|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười)(?![\w])")
_YEAR = re.compile(r"(19\d\d|20\d\d)(?!\d)")
_PERIOD = re.compile(r"(19\d\d|20\d\d)\s*[-–]\s*(19\d\d|20\d\d)")
_OPERATION = re.compile(r"[Cc]huyên án\s+([0-9A-Z][0-9A-Za-z-]{1,15})")

_DATE_PATTERNS = [
    # từ ngày 12 đến ngày 16/9[/2023]
    (
        "range",
        re.compile(
            r"từ ngày (\d{1,2})(?:/(\d{1,2}))? (?:đến|tới) (?:ngày )?(\d{1,2})/(\d{1,2})(?:/(\d{4}))?"
        ),
    ),
    # ngày 26/4/2023, 26/4, Ngày 29-11
    ("day", re.compile(r"(?:[Nn]gày\s+)?(?<![\d/])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])")),
    ("day", re.compile(r"[Nn]gày\s+(\d{1,2})-(\d{1,2})(?:-(\d{4}))?(?![\d-])")),
    # tháng 9/2023, tháng 11-2020, Tháng 4 năm 2023, hồi tháng 4
    ("month", re.compile(r"[Tt]háng\s+(\d{1,2})(?:\s*[/-]\s*(\d{4})|\s+năm\s+(\d{4}))?(?![\d/])")),
    ("year", re.compile(r"(?:[Nn]ăm\s+)(19\d\d|20\d\d)(?![\d/-])")),
]


# ---------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class PartialDate:
    value: date | None = None
    precision: str = UNKNOWN
    end: date | None = None

    @property
    def year(self):
        return self.value.year if self.value else None


@dataclass(frozen=True)
class AgencyRef:
    """An agency as the text names it; ``key`` says when two refs are one agency."""

    name: str
    country: str = ""
    short_name: str = ""
    kind: str = "other"

    @cached_property
    def key(self):
        return (" ".join(fold(self.name).lower().split()), self.country)


@dataclass(frozen=True)
class Party:
    agency: AgencyRef
    signatory: str = ""
    signatory_title: str = ""


@dataclass(frozen=True)
class AgencyMention:
    start: int
    end: int
    sentence: str
    agency: AgencyRef


@dataclass(frozen=True)
class EventMention:
    start: int
    end: int
    sentence: str
    name: str
    kind: str = "other"
    acronym: str = ""
    ordinal: int | None = None
    dates: PartialDate = PartialDate()
    place: str = ""
    country: str = ""
    participants: tuple = ()

    @cached_property
    def key(self):
        if self.acronym:
            return ("acronym", self.acronym.upper(), self.ordinal, None if self.ordinal else self.dates.year)
        return ("name", " ".join(fold(self.name).lower().split()), self.dates.year)


@dataclass(frozen=True)
class AgreementMention:
    start: int
    end: int
    sentence: str
    title: str
    kind: str = "other"
    parties: tuple = ()
    signed: PartialDate = PartialDate()
    place: str = ""
    valid_from: int | None = None
    valid_until: int | None = None
    acronym: str = ""
    event: EventMention | None = None

    @property
    def countries(self):
        return tuple(dict.fromkeys(p.agency.country for p in self.parties if p.agency.country))

    @cached_property
    def key(self):
        """Two mentions are one agreement when title and parties agree."""
        return (" ".join(fold(self.title).lower().split()), frozenset(p.agency.key for p in self.parties))


@dataclass(frozen=True)
class Extraction:
    agencies: tuple
    agreements: tuple
    events: tuple

    def first_mentions(self):
        """
        Only the first mention of each agency: what linking an article needs
        (one link per record, with the first sentence that names it), and a
        quarter of the size to send from the importer's worker process.
        """
        first = {}
        for mention in self.agencies:
            first.setdefault(mention.agency.key, mention)
        return Extraction(tuple(first.values()), self.agreements, self.events)


# ---------------------------------------------------------------------------
# Gazetteer


@dataclass(frozen=True)
class KnownAgency:
    name: str
    short_name: str = ""
    kind: str = "other"
    country: str = ""
    aliases: tuple = ()

    @cached_property
    def ref(self):
        return AgencyRef(self.name, self.country, self.short_name, self.kind)


@dataclass
class Gazetteer:
    """Known country names (name → ISO code) and known agencies."""

    countries: dict
    agencies: tuple = ()
    places: dict = field(default_factory=dict)

    @classmethod
    def from_file(cls, path=GAZETTEER_FILE, *, country_names=None):
        """The gazetteer file, plus ``country_names`` (e.g. django-countries' Vietnamese names)."""
        data = load_gazetteer_file(path)
        countries = dict(country_names or {})
        for code, names in data["countries"].items():
            for name in names:
                countries[name] = code
        agencies = tuple(
            KnownAgency(
                name=entry["name"],
                short_name=entry.get("short_name", ""),
                kind=entry.get("kind", "other"),
                country=entry.get("country", ""),
                aliases=tuple(entry.get("aliases", ())),
            )
            for entry in data["agencies"]
        )
        places = {name: code for code, names in data.get("places", {}).items() for name in names}
        return cls(countries=countries, agencies=agencies, places=places)

    def country_name(self, code):
        """The first name listed for a country: its usual Vietnamese name."""
        return next((name for name, known in self.countries.items() if known == code), "")

    @cached_property
    def _country_names(self):
        names = {}
        for name, code in self.countries.items():
            if len(name) >= 3 and _CAPITALISED.match(name):
                names[name] = code
        return names

    @cached_property
    def country_pattern(self):
        return re.compile(r"(" + _trie_pattern(self._country_names) + r")(?![\w-])")

    @cached_property
    def alias_index(self):
        """
        Folded alias → known agency; names and aliases, not acronyms. A bare
        name two countries share ("Bộ Công an") means the home country's
        agency in a Vietnamese article, or nothing.
        """
        candidates = {}
        for agency in self.agencies:
            for name in (agency.name, *agency.aliases):
                if not _is_acronym(name):
                    candidates.setdefault(_key(name), {})[agency.country] = agency
        index = {}
        for alias, by_country in candidates.items():
            if len(by_country) == 1:
                index[alias] = next(iter(by_country.values()))
            elif HOME_COUNTRY in by_country:
                index[alias] = by_country[HOME_COUNTRY]
        return index

    @cached_property
    def scoped_index(self):
        """(folded name or alias, country) → known agency."""
        return {
            (_key(name), agency.country): agency
            for agency in self.agencies
            for name in (agency.name, *agency.aliases)
        }

    @cached_property
    def acronym_index(self):
        index = {}
        for agency in self.agencies:
            for name in (agency.short_name, *agency.aliases):
                if name and _is_acronym(name):
                    index[name] = agency
        return index

    @cached_property
    def aligned_aliases(self):
        """``alias_index`` keyed as the document's folded text spells it (see ``fold_aligned``)."""
        return {fold_aligned(alias): agency for alias, agency in self.alias_index.items()}

    @cached_property
    def alias_pattern(self):
        return re.compile(r"(" + _trie_pattern(self.aligned_aliases) + r")(?![\w-])")

    @cached_property
    def acronym_pattern(self):
        return re.compile(r"(" + _trie_pattern(self.acronym_index) + r")(?![\w-])")


def _trie_pattern(words):
    """
    One regex for many literal names, shaped as a trie ("Bộ (?:Công an|Nội
    vụ)"): the engine then tests each character once instead of every name
    in turn. Longer names still win, as with a plain alternation sorted by length.
    """
    trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True
    if not trie:
        return "(?!)"  # no names: a pattern that never matches, not one that matches ""

    def build(node):
        ends = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


_WORD_OR_HYPHEN = re.compile(r"[\w-]")
_WORD = re.compile(r"\w")
_DIGIT = re.compile(r"\d")


def _word_starts(pattern, text, start=0, end=None, *, after=_WORD_OR_HYPHEN):
    """
    ``pattern.finditer(text, start, end)``, keeping the matches that do not
    follow a character ``after`` matches: what a leading ``(?<![\\w-])``
    says, two to four times faster. A pattern opening with a lookbehind is
    tried at every character of the text; without one the regex engine skips
    to the characters a match can begin with. A match that follows a word
    character is dropped and the search goes on from the next character, so
    no match that a lookbehind would have kept is lost.
    """
    end = len(text) if end is None else end
    search, position = pattern.search, start
    while match := search(text, position, end):
        begin = match.start()
        if begin and after.match(text, begin - 1):
            position = begin + 1
            continue
        yield match
        position = max(match.end(), begin + 1)


def load_gazetteer_file(path=GAZETTEER_FILE):
    return tomllib.loads(Path(path).read_text("utf-8"))


def _key(text):
    return " ".join(fold(text).lower().split())


def _is_acronym(name):
    return bool(re.fullmatch(r"[A-Z][A-Za-z]*[A-Z0-9](?:-[A-Z0-9]+)*", name)) and not name.istitle()


# ---------------------------------------------------------------------------
# The document: sentences, paragraphs, folded text, dates


class Sentence(NamedTuple):
    start: int
    end: int
    text: str
    paragraph: int


class Document:
    def __init__(self, text, published):
        self.text = text
        self.published = published
        self.folded = fold_aligned(text)
        self.sentences = list(self._split())
        self._starts = [sentence.start for sentence in self.sentences]
        self._dates = {}
        self.years = self._year_anchors()

    def _split(self):
        for number, paragraph in enumerate(re.finditer(r"[^\n]+", self.text)):
            for start, end in sentence_spans(paragraph.group()):
                text = paragraph.group()[start:end]
                yield Sentence(paragraph.start() + start, paragraph.start() + end, text.strip(), number)

    def dates_in(self, sentence):
        """The date expressions of a sentence, found once however often they are asked for."""
        if sentence.start not in self._dates:
            self._dates[sentence.start] = _dates_in(self, sentence)
        return self._dates[sentence.start]

    def sentence_at(self, position):
        return self.sentences[max(bisect_right(self._starts, position) - 1, 0)]

    def _year_anchors(self):
        """Explicit years a relative date may lean on: not periods ("2016-2025"), not targets ("đến năm 2020")."""
        periods = [m.span() for m in _PERIOD.finditer(self.text)]
        anchors = []
        for match in _word_starts(_YEAR, self.text, after=_DIGIT):
            if any(start <= match.start() < end for start, end in periods):
                continue
            before = self.folded[max(0, match.start() - 12) : match.start()]
            if re.search(r"(?:den|toi|truoc) (?:nam )?$", before):
                continue
            anchors.append((match.start(), int(match.group(1))))
        return anchors

    def year_for(self, position):
        """The year a relative date at ``position`` means, or None."""
        before = [year for start, year in self.years if start < position]
        if before:
            return before[-1]
        return self.published.year if self.published else None


class _Spans:
    """
    Character spans taken so far, asked whether a new one lies inside one of
    them. Only the spans that start less than the longest span's length
    before it can hold it, so a sorted list answers without a scan.
    """

    def __init__(self):
        self._spans, self._longest = [], 0

    def add(self, start, end):
        insort(self._spans, (start, end))
        self._longest = max(self._longest, end - start)

    def _starting_near(self, start, end):
        index = bisect_left(self._spans, (end,))
        while index:
            index -= 1
            span = self._spans[index]
            if span[0] < start - self._longest:
                return
            yield span

    def cover(self, start, end):
        return any(s <= start and end <= e for s, e in self._starting_near(start, end))


class DateExpression(NamedTuple):
    start: int
    end: int
    kind: str  # range | day | month | year
    day: int | None
    month: int | None
    year: int | None
    end_day: int | None = None


def _dates_in(document, sentence):
    found, taken = [], []
    for kind, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(sentence.text):
            span = (sentence.start + match.start(), sentence.start + match.end())
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            groups = match.groups()
            if kind == "range":
                first, first_month, last, month, year = groups
                month = int(month)
                expression = DateExpression(*span, "range", int(first), month, year and int(year), int(last))
                if first_month and int(first_month) != month:
                    continue
            elif kind == "day":
                day, month, year = groups
                if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
                    continue
                expression = DateExpression(*span, "day", int(day), int(month), year and int(year))
            elif kind == "month":
                month, year, year_words = groups
                if not 1 <= int(month) <= 12:
                    continue
                year = year or year_words
                expression = DateExpression(*span, "month", None, int(month), year and int(year))
            else:
                expression = DateExpression(*span, "year", None, None, int(groups[0]))
            taken.append(span)
            found.append(expression)
    return sorted(found, key=lambda e: e.start)


def _resolve(document, expression, *, range_as_month=False):
    year = expression.year or document.year_for(expression.start)
    if year is None:
        return PartialDate()
    try:
        if expression.kind == "year":
            return PartialDate(date(year, 1, 1), YEAR)
        if expression.kind == "month" or (expression.kind == "range" and range_as_month):
            return PartialDate(date(year, expression.month, 1), MONTH)
        if expression.kind == "range":
            return PartialDate(
                date(year, expression.month, expression.day),
                DAY,
                date(year, expression.month, expression.end_day),
            )
        return PartialDate(date(year, expression.month, expression.day), DAY)
    except ValueError:
        return PartialDate()


_PRECISION_ORDER = {"day": 0, "range": 1, "month": 2, "year": 3}


def _sentence_date(document, sentence, *, range_as_month, within=None):
    """The most precise date the sentence gives (inside ``within`` if given)."""
    expressions = [
        e for e in document.dates_in(sentence) if within is None or within[0] <= e.start < within[1]
    ]
    if not expressions:
        return PartialDate()
    best = min(expressions, key=lambda e: _PRECISION_ORDER[e.kind])
    return _resolve(document, best, range_as_month=range_as_month)


# ---------------------------------------------------------------------------
# Countries and agencies


class _Country(NamedTuple):
    start: int
    end: int
    code: str


def _find_countries(document, gazetteer):
    text, found = document.text, []
    for match in _word_starts(gazetteer.country_pattern, text):
        before = text[max(0, match.start() - 20) : match.start()].rstrip().rsplit(" ", 1)[-1]
        cue = before in ("Cộng", "hòa", "quốc", "bang", "CHXHCN", "nước", "Vương")
        if before[:1].isupper() and not cue and not before.endswith((",", ".")):
            continue  # inside a person's or a place's name
        if " " not in match.group(1) and not cue:
            after = text[match.end() :].lstrip()[:1]
            if after.isupper():
                continue  # "Lào Cai" is a province, not Laos
        found.append(_Country(match.start(), match.end(), gazetteer._country_names[match.group(1)]))
    return found


def _host_country(document, sentence, countries, *, exclude=("VN",)):
    """The country a visit is to: "tại Cộng hòa Italy", "thăm chính thức Trung Quốc"."""
    for scope in (sentence, *reversed([s for s in document.sentences if s.end <= sentence.start][-2:])):
        for country in countries:
            if scope.start <= country.start < scope.end and country.code not in exclude:
                lead_in = document.folded[max(scope.start, country.start - 40) : country.start]
                if re.search(r"(tai|tham|den)( chinh thuc| lam viec|,)*( cong hoa| nuoc)* ?$", lead_in):
                    return country.code
    return ""


_AGENCY_HEAD = re.compile(r"(" + _trie_pattern(AGENCY_HEADS) + r")(?!\w)")
_EVENT_HEAD = re.compile(r"(" + _trie_pattern(EVENT_HEADS) + r")(?!\w)")


def _agency_head_before(text, start, end):
    """The last organisation head word in text[start:end], as (position, head)."""
    best = None
    for match in _word_starts(_AGENCY_HEAD, text, start, end, after=_WORD):
        if not text.startswith(NOT_AGENCY_HEADS, match.start()):
            best = (match.start(), match.group(1))
    return best


_CLAUSE_WORDS = re.compile(r"\s(?:đã|đang|sẽ|là|để|với|do|của các|tại|được|nhằm|cho|trong|khi)\s")
_CLAUSE_JOINS = re.compile(rf",\s+(?!chống)[{LOWERCASE}]|\bvà\s+[{LOWERCASE}]")


def _is_clause(text, max_words=14):
    """Whether text between a head word and what follows reads as a clause rather than one name."""
    return bool(_CLAUSE_JOINS.search(text) or _CLAUSE_WORDS.search(text) or len(text.split()) > max_words)


_TRAILING_COMMAS = re.compile(r"[\s,]+$")
_COUNTRY_LEAD_INS = re.compile(r"\s+(?:nước|của|quốc gia|Cộng hòa|CHXHCN|nước Cộng hòa)+$")
_COUNTRY_LEAD_IN = re.compile(r"\s+(?:nước|của|quốc gia|Cộng hòa|CHXHCN)$")
_ROLE_BEFORE = re.compile(rf"(?:Bộ|Thứ) trưởng ([{UPPERCASE}]\w*(?: [{LOWERCASE}]+){{0,3}}) $")
_COUNTRY_WORD = re.compile(r"nước(?: chủ nhà)?")
_CLAUSE_MARKS = ("“", "”", ";", ":", "(", ")", ".")


def _clean_agency_name(name):
    name = _TRAILING_COMMAS.sub("", name)
    name = _COUNTRY_LEAD_IN.sub("", _COUNTRY_LEAD_INS.sub("", name))
    return name[0].upper() + name[1:] if name else name


def _find_agencies(document, gazetteer, countries):
    text, mentions, taken = document.text, [], _Spans()

    def add(start, end, ref):
        if taken.cover(start, end):
            return
        taken.add(start, end)
        mentions.append(AgencyMention(start, end, document.sentence_at(start).text, ref))

    # "<head> … <country>": Bộ Công an Trung Quốc, Bộ Nội vụ nước Cộng hòa Belarus, cảnh sát Campuchia.
    targets = [(c.start, c.end, c.code) for c in countries]
    for match in _COUNTRY_WORD.finditer(text):
        if text.endswith("hai ", 0, match.start()):
            targets.append((match.start() - 4, match.start() + 4, "hai nước"))
        elif match.group() == "nước chủ nhà":
            targets.append((*match.span(), "nước chủ nhà"))
    for start, end, code in sorted(targets):
        sentence = document.sentence_at(start)
        window_start = max(sentence.start, start - 90)
        cut = max([text.rfind(mark, window_start, start) for mark in _CLAUSE_MARKS])
        head = _agency_head_before(text, max(cut + 1, window_start), start)
        if head is not None and head[1] in EVENT_HEADS:
            head = None
        role = _ROLE_BEFORE.search(text, window_start, start)
        if head is None and role is None:
            continue
        if head is not None:
            between = text[head[0] : start]
            if _is_clause(between):
                continue  # a clause, not one name
            name = _clean_agency_name(between)
            kind = AGENCY_HEADS[head[1]]
            position = head[0]
        else:
            name, kind, position = f"Bộ {role.group(1).strip()}", "ministry", role.start(1)
        if len(name.split()) < 2:
            continue
        codes = [code] if len(code) == 2 else _relative_countries(document, sentence, countries, code)
        for country in codes:
            add(position, end, _known_or(gazetteer, AgencyRef(name, country, kind=kind)))

    # Acronyms defined in parentheses: "Cơ quan PCMT và tội phạm của Liên Hợp Quốc (UNODC)".
    for match in _ACRONYM_DEFINITION.finditer(text):
        acronym = match.group(1)
        if " " in acronym or acronym in ("MOU",):
            continue
        sentence = document.sentence_at(match.start())
        clause = max(text.rfind(mark, sentence.start, match.start()) for mark in (";", ":", "(", "“", "”"))
        clause = max(clause + 1, sentence.start)
        head = _agency_head_before(text, clause, match.start())
        known = gazetteer.acronym_index.get(acronym)
        if head is None and known is None:
            continue
        if head is not None and (
            _starts_with_keyword(text[head[0] :]) or _is_clause(text[head[0] : match.start()], max_words=20)
        ):
            head = None
            if known is None:
                continue
        if head is not None:
            name = _clean_agency_name(text[head[0] : match.start()].strip())
            ref = AgencyRef(name, "", acronym, AGENCY_HEADS[head[1]])
            ref = known.ref if known else _known_or(gazetteer, ref)
            add(head[0], match.end(), ref)
        else:
            add(match.start(1), match.end(1), known.ref)

    # Known names and acronyms anywhere else.
    for match in _word_starts(gazetteer.alias_pattern, document.folded):
        add(match.start(), match.end(), gazetteer.aligned_aliases[match.group(1)].ref)
    for match in _word_starts(gazetteer.acronym_pattern, text):
        add(match.start(), match.end(), gazetteer.acronym_index[match.group(1)].ref)
    return sorted(mentions, key=lambda m: m.start)


def _relative_countries(document, sentence, countries, phrase):
    host = _host_country(document, sentence, countries)
    if phrase == "hai nước":
        return ["VN", host] if host else []
    return [host] if host else []


def _known_or(gazetteer, ref):
    """The gazetteer's agency for a name found in the text, if it knows one."""
    known = gazetteer.scoped_index.get((_key(ref.name), ref.country)) or gazetteer.alias_index.get(
        _key(ref.name)
    )
    if known and (not known.country or known.country == ref.country):
        return known.ref
    return ref


_FOLDED_KEYWORDS = sorted(
    ((_key(k), kind) for k, kind in AGREEMENT_KEYWORDS.items()), key=lambda i: -len(i[0])
)


def _agreement_kind(title):
    head = _key(title[:40])
    return next((kind for keyword, kind in _FOLDED_KEYWORDS if head.startswith(keyword)), None)


def _starts_with_keyword(text):
    return _agreement_kind(text) is not None


# ---------------------------------------------------------------------------
# People who sign


_NAME = rf"((?:[{UPPERCASE}][{LOWERCASE}{UPPERCASE}]*(?:-[{LOWERCASE}{UPPERCASE}]+)?\s?){{2,4}})"
_TITLES = _trie_pattern(PERSON_TITLES)
_TITLED_NAME = re.compile(rf"({_TITLES})\s+{_NAME}")
_NAME_AFTER = re.compile(rf"\s+{_NAME}")
_TITLE_BEFORE = re.compile(rf"({_TITLES})\s+$")


def _persons(document, agencies):
    """
    (start, end, name, title, agency) for each titled person: "Bộ trưởng Tô
    Lâm", "Bộ trưởng Bộ Nội vụ Cộng hòa Belarus Kubrakov Ivan Vladimirovich".
    """
    text, people = document.text, []
    for match in _word_starts(_TITLED_NAME, text, after=_WORD):
        name = match.group(2).strip()
        if _agency_head_before(name, 0, len(name)) or _key(name.split()[0]) in ("uy", "tong", "bo"):
            continue
        people.append((match.start(2), match.start(2) + len(name), name, match.group(1), None))
    for mention in agencies:
        after = _NAME_AFTER.match(text, mention.end)
        if after and not _agency_head_before(after.group(1), 0, len(after.group(1))):
            name = after.group(1).strip()
            start = after.start(1)
            title = _TITLE_BEFORE.search(text, max(0, mention.start - 15), mention.start)
            people.append((start, start + len(name), name, title.group(1) if title else "", mention.agency))
    # An apposition gives a person's agency: "Đại tướng Tô Lâm, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an".
    resolved = []
    for start, end, name, title, agency in people:
        if agency is None:
            tail = text[end : end + 160]
            stop = re.search(r"\s(?:và|đã|đồng|làm|cho|sang|do)\s|[.;“]", tail)
            tail_end = end + (stop.start() if stop else len(tail))
            inside = [m for m in agencies if end <= m.start < tail_end and text[end:tail_end].startswith(",")]
            if inside:
                agency = inside[0].agency
                role = _TITLE_BEFORE.search(text, end, inside[0].start)
                title = role.group(1) if role else title
        resolved.append((start, end, name, title, agency))
    known = {}
    for *_, name, title, agency in resolved:
        if agency is not None:
            known.setdefault(name, (agency, title))
    return [
        (s, e, name, title or known.get(name, (None, ""))[1], agency or known.get(name, (None, ""))[0])
        for s, e, name, title, agency in resolved
    ]


# ---------------------------------------------------------------------------
# Events


def _ordinal(word):
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def _event_head_before(text, start, end):
    best = None
    for match in _word_starts(_EVENT_HEAD, text, start, end, after=_WORD):
        best = (match.start(), match.group(1))
    return best


def _place(document, sentence, countries, gazetteer):
    """ "tại Hà Nội" → ("Hà Nội", "VN"); "tại TP Liên Vân Cảng (tỉnh Giang Tô, Trung Quốc)" → ("Liên Vân Cảng, Giang Tô", "CN")."""
    match = re.search(
        rf"tại ((?:(?:TP|tỉnh|thành phố|Cộng hòa)\s)?(?:[{UPPERCASE}]\w*\s?){{1,4}})(?:\s*\(([^()]{{2,60}})\))?",
        sentence.text,
    )
    if not match:
        return "", ""
    place = re.sub(r"^(?:TP|tỉnh|thành phố|Cộng hòa)\s", "", match.group(1).strip())
    if place.split()[0].isupper() and len(place.split()[0]) > 1:
        return "", ""  # "tại UNGASS 2016" names a meeting, not a place
    country = next(
        (
            c.code
            for c in countries
            if c.start == sentence.start + match.start(1) + match.group(1).find(place)
        ),
        "",
    )
    country = country or gazetteer.countries.get(place, "")
    detail = match.group(2)
    if detail:
        parts = [re.sub(r"^(?:tỉnh|thành phố|TP)\s", "", p.strip()) for p in detail.split(",")]
        inner = [p for p in parts if p in gazetteer.countries]
        country = gazetteer.countries[inner[0]] if inner else country
        place = ", ".join([place, *[p for p in parts if p not in gazetteer.countries]])
    if not country and place in gazetteer.places:
        country = gazetteer.places[place]
    return place, country


def _participants(agencies, sentence):
    return tuple(dict.fromkeys(m.agency for m in agencies if sentence.start <= m.start < sentence.end))


def _find_events(document, gazetteer, agencies, persons, countries):
    text, events = document.text, []

    def add(start, end, name, kind, **fields):
        sentence = document.sentence_at(start)
        place, country = _place(document, sentence, countries, gazetteer)
        events.append(
            EventMention(
                start,
                end,
                sentence.text,
                name=re.sub(r"\s+", " ", name).strip(" ,"),
                kind=kind,
                place=fields.pop("place", place),
                country=fields.pop("country", country),
                participants=_participants(agencies, sentence),
                **fields,
            )
        )

    # "Hội nghị … lần thứ 15 (AMMTC 15)", "ASOD 38", "UNGASS 2016".
    for match in _word_starts(_ACRONYM_NUMBER, text):
        acronym, number = match.group(1), int(match.group(2))
        if acronym in NOT_EVENT_ACRONYMS:
            continue
        sentence = document.sentence_at(match.start())
        ordinal = number if number < 1000 else None
        year = number if number >= 1900 else None
        name, start, kind = f"{acronym} {number}", match.start(), "conference"
        opening = text[match.start() - 1 : match.start()]
        if opening == "(":
            head = _event_head_before(text, sentence.start, match.start())
            if head:
                name, start, kind = text[head[0] : match.start() - 1], head[0], EVENT_HEADS[head[1]]
        elif text[max(0, match.start() - 9) : match.start()] == "Hội nghị ":
            name, start = f"Hội nghị {acronym} {number}", match.start() - 9
        # "UNGASS 2016" and "… năm 2017 (ASOD 38)" name their year; else the sentence dates it.
        named_year = year or re.search(r"năm (19\d\d|20\d\d)", text[start : match.end()])
        if named_year:
            dates = PartialDate(date(year or int(named_year.group(1)), 1, 1), YEAR)
        else:
            dates = _sentence_date(document, sentence, range_as_month=False)
        add(start, match.end(), name, kind, acronym=acronym, ordinal=ordinal, dates=dates)

    # "Hội nghị cấp Bộ trưởng về phòng, chống tội phạm lần thứ 8 giữa Bộ Công an hai nước".
    for match in _ORDINAL.finditer(text):
        sentence = document.sentence_at(match.start())
        head = _event_head_before(text, sentence.start, match.start())
        if head is None or any(e.start <= match.start() < e.end for e in events) or _quoted(text, head[0]):
            continue
        clause = text[head[0] : match.start()]
        if (
            re.search(r"[;:“”()]", clause)
            or _starts_with_keyword(clause)
            or _is_clause(clause)
            or any(e.start <= head[0] < e.end for e in events)
        ):
            continue
        end = match.end()
        tail = re.match(r"\s+(?:năm (?:19|20)\d\d|giữa [^,;.]+?)(?=[,;.]|\s(?:tại|vào|do|đã)\s)", text[end:])
        if tail:
            end += tail.end()
        named_year = re.search(r"năm (19\d\d|20\d\d)", text[head[0] : end])
        dates = (
            PartialDate(date(int(named_year.group(1)), 1, 1), YEAR)
            if named_year
            else _sentence_date(document, sentence, range_as_month=False)
        )
        add(
            head[0],
            end,
            text[head[0] : end],
            EVENT_HEADS[head[1]],
            ordinal=_ordinal(match.group(1)),
            dates=dates,
        )

    # "Diễn đàn Hợp tác an ninh cộng đồng toàn cầu năm 2023".
    for head, kind in EVENT_HEADS.items():
        for match in re.finditer(rf"{head} [{UPPERCASE}][^,;:.()“”]{{3,120}}? năm (19\d\d|20\d\d)", text):
            if any(e.start <= match.start() < e.end for e in events):
                continue
            sentence = document.sentence_at(match.start())
            dates = _sentence_date(document, sentence, range_as_month=False)
            if dates.year != int(match.group(1)):
                dates = PartialDate(date(int(match.group(1)), 1, 1), YEAR)
            add(match.start(), match.end(), match.group(), kind, dates=dates)

    # "phá Chuyên án 568P".
    for match in _OPERATION.finditer(text):
        sentence = document.sentence_at(match.start())
        name = f"Chuyên án {match.group(1)}"
        add(
            match.start(),
            match.end(),
            name,
            "operation",
            dates=_sentence_date(document, sentence, range_as_month=False),
        )

    # "<person> … đã hội đàm với <agency>".
    for match in re.finditer(r"hội đàm với", text):
        sentence = document.sentence_at(match.start())
        hosts = [p for p in persons if sentence.start <= p[0] < match.start() and p[4]]
        guests = [m for m in agencies if match.end() <= m.start < sentence.end]
        if not hosts or not guests:
            continue
        host, guest = hosts[0][4], guests[0].agency
        host_name = " ".join(filter(None, [host.name, gazetteer.country_name(host.country)]))
        add(
            match.start(),
            match.end(),
            f"Hội đàm giữa {host_name} và {guest.short_name or guest.name}",
            "talks",
            dates=_sentence_date(document, sentence, range_as_month=False),
        )
    return _merge_events(events)


def _quoted(text, position):
    """Whether ``position`` is inside “…” (an agreement's title, say)."""
    return text.rfind("“", 0, position) > text.rfind("”", 0, position)


def _merge_events(events):
    merged = {}
    for event in events:
        key = event.key
        if key not in merged:
            merged[key] = event
            continue
        kept = merged[key]
        better_name = event.name if len(event.name) > len(kept.name) else kept.name
        dates = kept.dates if kept.dates.precision != UNKNOWN else event.dates
        merged[key] = EventMention(
            kept.start,
            kept.end,
            kept.sentence,
            better_name,
            kept.kind,
            kept.acronym,
            kept.ordinal,
            dates,
            kept.place or event.place,
            kept.country or event.country,
            tuple(dict.fromkeys(kept.participants + event.participants)),
        )
    return list(merged.values())


# ---------------------------------------------------------------------------
# Agreements


_TITLE_STOP = re.compile(
    rf"\s?[()]|[;:!?…\n]|\.(?!\d)|,\s(?!chống)|\s(?:đã|được|nhằm|để)\s|\s(?:và|với)\s(?=[{UPPERCASE}“])"
)
_UNQUOTED_KEYWORDS = re.compile(
    r"(?:" + _trie_pattern(k[0].upper() + k[1:] for k in AGREEMENT_KEYWORDS) + r")\b"
)
_WORD_OR_QUOTE = re.compile(r"[\w“\"]")


def _title_spans(document):
    """
    (start, end, quoted) for agreement titles: quoted ones opening with a
    keyword, capitalised unquoted ones naming a party or a proper noun, and
    the documents a meeting "thông qua" (adopted).
    """
    text, spans = document.text, []
    for match in _QUOTED.finditer(text):
        group = 1 if match.group(1) else 2
        if _agreement_kind(match.group(group).strip()):
            spans.append((match.start(group), match.end(group), True))
    for match in re.finditer(r"thông qua (?:\d+ |các )?văn kiện (?:gồm|là):? ", text):
        sentence = document.sentence_at(match.end())
        for item in re.split(r"\svà\s|;\s", text[match.end() : sentence.end].rstrip(".")):
            item = re.sub(r"\s*\([^()]*\)\s*$", "", item).strip()
            position = text.find(item, match.end())
            if position >= 0 and len(item.split()) >= 4:
                spans.append((position, position + len(item), False))
    for match in _word_starts(_UNQUOTED_KEYWORDS, text, after=_WORD_OR_QUOTE):
        start = match.start()
        before = text[max(0, start - 6) : start].lower()
        if re.search(r"(?:các|những)\s$|\($", before) or start == document.sentence_at(start).start:
            continue
        rest = text[start : start + 260]
        stop = _TITLE_STOP.search(rest)
        # "giữa A và B" names the parties: its "và" does not end the title.
        while stop and stop.group().strip() == "và" and "giữa" in rest[: stop.start()].split():
            stop = _TITLE_STOP.search(rest, stop.end())
        title = (rest[: stop.start()] if stop else rest).rstrip(" ,")
        words = title.split()
        if len(words) >= 6 and ("giữa" in words or any(_CAPITALISED.match(w) for w in words[2:])):
            spans.append((start, start + len(title), False))
    # Where spans overlap, the longest wins.
    kept = []
    for span in sorted(spans, key=lambda s: s[0] - s[1]):
        if not any(s < span[1] and span[0] < e for s, e, _ in kept):
            kept.append(span)
    return sorted(kept)


def _find_agreements(document, gazetteer, agencies, persons, countries, events):
    text, found = document.text, []
    titles = _title_spans(document)
    for start, end, quoted in titles:
        title = text[start:end].strip().rstrip(".…")
        kind = _agreement_kind(title) or "other"
        sentence = document.sentence_at(start)
        inside = [m.agency for m in agencies if start <= m.start < end]
        signing = bool(re.search(r"\bký\b|ký kết|thông qua", sentence.text))
        # A sentence's date and place belong to its agreement when the title is
        # quoted or stands nearly alone; in a list they belong to one item.
        in_sentence = [t for t in titles if sentence.start <= t[0] < sentence.end]
        own_sentence = quoted or len(in_sentence) <= 2
        if re.search(r"\bgiữa\b", title) and inside:
            party_agencies = list(dict.fromkeys(inside))
        elif signing:
            # The signatories' agencies, and agencies named in the sentence
            # outside any title: "Bộ trưởng Tư pháp nước chủ nhà".
            signers = [p[4] for p in persons if sentence.start <= p[0] < sentence.end and p[4] is not None]
            named = [
                m.agency
                for m in agencies
                if sentence.start <= m.start < sentence.end
                and not any(s <= m.start < e for s, e, _ in titles)
            ]
            party_agencies = list(dict.fromkeys(signers + named))
        else:
            party_agencies = []
        parties = []
        for agency in party_agencies:
            signer = next(
                (
                    p
                    for p in persons
                    if sentence.start <= p[0] < sentence.end and p[4] is not None and p[4].key == agency.key
                ),
                None,
            )
            parties.append(
                Party(
                    agency, signer[2] if signer and signing else "", signer[3] if signer and signing else ""
                )
            )
        period = _PERIOD.search(title)
        acronym = re.match(r"\s*\(([A-Z][A-Za-z ]{1,20})\)", text[end + 1 : end + 30])
        place, _country = (
            _place(document, sentence, countries, gazetteer) if signing and own_sentence else ("", "")
        )
        if signing and own_sentence and not place:
            visit = re.search(
                rf"thăm (?:chính thức )?([{UPPERCASE}]\w*(?: [{UPPERCASE}]\w*)?)", sentence.text
            )
            place = visit.group(1) if visit else ""
        event = next(
            (
                e
                for e in events
                if sentence.start <= e.start < sentence.end and e.kind in ("conference", "forum")
            ),
            None,
        )
        found.append(
            AgreementMention(
                start,
                end,
                sentence.text,
                title=title,
                kind=kind,
                parties=tuple(parties),
                signed=_sentence_date(
                    document,
                    sentence,
                    range_as_month=True,
                    within=None if own_sentence else (start, end + 15),
                )
                if signing
                else PartialDate(),
                place=place.replace("Cộng hòa ", ""),
                valid_from=int(period.group(1)) if period else None,
                valid_until=int(period.group(2)) if period else None,
                acronym=acronym.group(1) if acronym else "",
                event=event,
            )
        )
    unique = {}
    for agreement in found:
        unique.setdefault(agreement.key, agreement)
    return list(unique.values())


# ---------------------------------------------------------------------------


def extract(text, *, published=None, gazetteer):
    """Agencies, agreements and events named in ``text`` (an article's title, lead and body)."""
    document = Document(text, published)
    if not document.sentences:
        return Extraction((), (), ())
    countries = _find_countries(document, gazetteer)
    agencies = _find_agencies(document, gazetteer, countries)
    persons = _persons(document, agencies)
    events = _find_events(document, gazetteer, agencies, persons, countries)
    agreements = _find_agreements(document, gazetteer, agencies, persons, countries, events)
    return Extraction(tuple(agencies), tuple(agreements), tuple(events))


def extract_page(page, *, gazetteer, first_mentions=False):
    """
    ``extract`` on a parsed page (in the importer's worker process, say);
    with ``first_mentions``, only each agency's first mention.
    """
    published = page.published_at.astimezone(PORTAL_TIME_ZONE).date() if page.published_at else None
    extraction = extract(page.text, published=published, gazetteer=gazetteer)
    return extraction.first_mentions() if first_mentions else extraction
