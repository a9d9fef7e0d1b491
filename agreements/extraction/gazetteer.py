"""
The names the extractor knows: country names (name → ISO code), agencies
with their aliases and acronyms, and places. Passed in, never looked up:
the importer builds one from the database (agreements.services), the
benchmarks from gazetteer.toml, the file the data migration loads.
"""

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from articles.text.folding import fold_aligned, match_key

from .matching import CAPITALISED, trie_pattern
from .results import AgencyRef

GAZETTEER_FILE = Path(__file__).with_name("gazetteer.toml")

# The country a Vietnamese article means when it names a ministry bare.
HOME_COUNTRY = "VN"

_ACRONYM = re.compile(r"[A-Z][A-Za-z]*[A-Z0-9](?:-[A-Z0-9]+)*")


def load_gazetteer_file(path=GAZETTEER_FILE):
    return tomllib.loads(Path(path).read_text("utf-8"))


def groupings_of(data):
    """The file's groupings ("ASEAN" → members), keyed as ``match_key`` spells them."""
    return {match_key(name): tuple(codes) for name, codes in data.get("groupings", {}).items()}


def is_acronym(name):
    return bool(_ACRONYM.fullmatch(name)) and not name.istitle()


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
    groupings: dict = field(default_factory=dict)  # "ASEAN" → its members' ISO codes

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
        return cls(countries=countries, agencies=agencies, places=places, groupings=groupings_of(data))

    def country_name(self, code):
        """The first name listed for a country: its usual Vietnamese name."""
        return next((name for name, known in self.countries.items() if known == code), "")

    def grouping_in(self, text):
        """The members of the longest grouping ``text`` names ("ASEAN - Trung Quốc"), or ()."""
        named = self.grouping_pattern.findall(match_key(text)) if self.groupings else []
        return self.groupings[max(named, key=len)] if named else ()

    @cached_property
    def place_names(self):
        """Names of countries and known places, as written."""
        return frozenset(self.countries) | frozenset(self.places)

    @cached_property
    def grouping_pattern(self):
        return re.compile(r"(?<!\w)(" + trie_pattern(self.groupings) + r")(?!\w)")

    @cached_property
    def folded_country_pattern(self):
        """Folded country names of four letters or more, as whole words, to take out of a folded text."""
        names = [name for name in self.folded_countries if len(name) > 3]
        return re.compile(r"(?<!\w)(?:" + trie_pattern(names) + r")(?!\w)")

    @cached_property
    def folded_countries(self):
        """Folded country name → ISO code: a table cell's "Ấn Độ"."""
        return {match_key(name): code for name, code in self.countries.items()}

    @cached_property
    def matched_country_names(self):
        """The country names looked for in text: capitalised, three letters or more."""
        names = {}
        for name, code in self.countries.items():
            if len(name) >= 3 and CAPITALISED.match(name):
                names[name] = code
        return names

    @cached_property
    def country_pattern(self):
        return re.compile(r"(" + trie_pattern(self.matched_country_names) + r")(?![\w-])")

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
                if not is_acronym(name):
                    candidates.setdefault(match_key(name), {})[agency.country] = agency
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
            (match_key(name), agency.country): agency
            for agency in self.agencies
            for name in (agency.name, *agency.aliases)
        }

    @cached_property
    def acronym_index(self):
        index = {}
        for agency in self.agencies:
            for name in (agency.short_name, *agency.aliases):
                if name and is_acronym(name):
                    index[name] = agency
        return index

    @cached_property
    def aligned_aliases(self):
        """``alias_index`` keyed as the document's folded text spells it (see ``fold_aligned``)."""
        return {fold_aligned(alias): agency for alias, agency in self.alias_index.items()}

    @cached_property
    def alias_pattern(self):
        return re.compile(r"(" + trie_pattern(self.aligned_aliases) + r")(?![\w-])")

    @cached_property
    def acronym_pattern(self):
        return re.compile(r"(" + trie_pattern(self.acronym_index) + r")(?![\w-])")
