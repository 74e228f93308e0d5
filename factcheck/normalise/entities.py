"""Entity resolution: decide when two names in text or data mean the same entity.

A name is resolved with three kinds of knowledge, in this order:

1. the `[aliases]` table of `sources.toml` (a canonical name and the other names
   it goes by), so a newsroom can teach the tool "the alliance" = NATO;
2. countries, from pycountry (ISO 3166-1 names, official names, common names and
   alpha-2/alpha-3 codes), widened by general rules (", Republic of" forms,
   demonyms by suffix) and a few documented exception tables for the irregular
   cases no rule covers;
3. anything else compares by a normalised, casefolded form of the name.

Country knowledge is built once per process, on first use, by `_knowledge()`;
pycountry is imported there too, so importing this module and constructing a
resolver cost nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

__all__ = ["EntityResolver"]

# --- Documented exceptions -------------------------------------------------------------------
# Everything else comes from pycountry and the rules below.

# English names that ISO 3166-1 does not list but news text uses: colloquial short
# forms ("Russia" for the "Russian Federation"), and names ISO has retired ("Turkey",
# "Swaziland", "Burma") which stay common in print.
_EXTRA_NAMES: Mapping[str, str] = {
    "Britain": "GBR",
    "Great Britain": "GBR",
    "Russia": "RUS",
    "Turkey": "TUR",
    "Brunei": "BRN",
    "Ivory Coast": "CIV",
    "Cape Verde": "CPV",
    "Swaziland": "SWZ",
    "Burma": "MMR",
    "East Timor": "TLS",
    "Vatican": "VAT",
    "Vatican City": "VAT",
    "Macau": "MAC",
    "Democratic Republic of Congo": "COD",
}

# Abbreviations that name a country in English prose but are not ISO codes.
_ABBREVIATIONS: Mapping[str, str] = {
    "UK": "GBR",
    "UAE": "ARE",
    "DRC": "COD",
    "PRC": "CHN",
    "DPRK": "PRK",
}

# ISO alpha-2 codes that English prose writes as a country's name. `key()` accepts
# every upper-case alpha-2 code (data files use them), but `mentions()` looks only
# for these in free text, where the other codes collide with everyday acronyms
# (PM, MP, AI, TV, IT, NO, IN).
_PROSE_ALPHA2: frozenset[str] = frozenset({"US"})

# Display names that neither pycountry's common_name nor the comma rule shortens.
_DISPLAY: Mapping[str, str] = {"RUS": "Russia", "BRN": "Brunei"}

# Demonyms the suffix rules cannot derive (irregular English forms), and words the
# rules would derive wrongly or that fit more than one country (None).
_DEMONYMS: Mapping[str, str | None] = {
    "American": "USA",
    "Americans": "USA",
    "British": "GBR",
    "Briton": "GBR",
    "Britons": "GBR",
    # Wales and Scotland are not ISO countries; their people are the UK's.
    "Welsh": "GBR",
    "Scottish": "GBR",
    "French": "FRA",
    "Dutch": "NLD",
    "Swiss": "CHE",
    "Greek": "GRC",
    "Greeks": "GRC",
    "Danish": "DNK",
    "Dane": "DNK",
    "Danes": "DNK",
    "Finnish": "FIN",
    "Finn": "FIN",
    "Finns": "FIN",
    "Swede": "SWE",
    "Swedes": "SWE",
    "Polish": "POL",
    "Irish": "IRL",
    "Spanish": "ESP",
    "Portuguese": "PRT",
    "Norwegian": "NOR",
    "Norwegians": "NOR",
    "Belgian": "BEL",
    "Belgians": "BEL",
    "Czech": "CZE",
    "Czechs": "CZE",
    "Slovak": "SVK",
    "Slovaks": "SVK",
    "Slovene": "SVN",
    "Montenegrin": "MNE",
    "Bosnian": "BIH",
    "Luxembourgish": "LUX",
    "Luxembourger": "LUX",
    "Cypriot": "CYP",
    "Thai": "THA",
    "Filipino": "PHL",
    "Afghan": "AFG",
    "Lebanese": "LBN",
    "Kazakh": "KAZ",
    "Uzbek": "UZB",
    "Tajik": "TJK",
    "Turkmen": "TKM",
    "Kyrgyz": "KGZ",
    "Emirati": "ARE",
    "Saudi": "SAU",
    "Argentine": "ARG",
    "Peruvian": "PER",
    "Panamanian": "PAN",
    "Salvadoran": "SLV",
    "Ghanaian": "GHA",
    "Nigerien": "NER",
    "Ivorian": "CIV",
    "Malagasy": "MDG",
    "Monegasque": "MCO",
    "Congolese": None,  # Congo or the Democratic Republic of the Congo
    "Dominican": None,  # Dominica or the Dominican Republic
    "Korean": None,  # South or North Korea
    "Somali": "SOM",
    "Latin American": None,
    "North American": None,
    "South American": None,
    "Central American": None,
}

# Phrases that contain a country name but name something else; `mentions()` skips
# them whole so that "New Mexico" is not a mention of Mexico.
_NOT_COUNTRIES: tuple[str, ...] = (
    "New Mexico",
    "New Jersey",
    "New Guinea",
    "Latin American",
    "North American",
    "South American",
    "Central American",
)

# Demonym rules: (ending, replacement, rank) turns a country's short name into a
# demonym ("Lithuania" + "n", "Japan" + "ese", "Sweden" -> "Swedish"). When two
# countries derive the same word the lower rank wins ("Nigerian": Nigeria + "n"
# beats Niger + "ian"); a tie makes the word ambiguous and it is dropped.
_DEMONYM_RULES: tuple[tuple[str, str, int], ...] = (
    ("a", "an", 0),  # Lithuania, Kenya, Russia, Cuba
    ("a", "ian", 1),  # Canada, Argentina
    ("a", "ese", 1),  # China, Malta, Guyana, Burma
    ("e", "ian", 1),  # Ukraine, Palestine
    ("e", "ean", 1),  # Chile, Singapore, Zimbabwe
    ("i", "ian", 1),  # Mali, Haiti, Malawi, Brunei
    ("u", "uan", 1),  # Tuvalu, Palau
    ("o", "an", 1),  # Mexico, Morocco, Puerto Rico
    ("o", "olese", 1),  # Togo
    ("y", "", 1),  # Germany
    ("y", "ian", 1),  # Italy, Hungary
    ("ey", "ish", 1),  # Turkey
    ("y", "yan", 1),  # Uruguay, Paraguay
    ("en", "ish", 1),  # Sweden
    ("land", "lander", 1),  # New Zealand, Iceland
    ("land", "landic", 1),  # Iceland, Greenland
    ("as", "an", 1),  # Honduras
    ("", "ian", 2),  # Brazil, Egypt, Jordan, Belarus
    ("", "ese", 2),  # Japan, Sudan, Vietnam, Senegal, Taiwan
    ("", "i", 2),  # Israel, Pakistan, Iraq, Oman, Bangladesh
)
_VOWELS = frozenset("aeiouy")

# --- Text normalisation ----------------------------------------------------------------------

# One character for one, so that offsets into folded text are offsets into the original.
_PUNCT = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_THE = re.compile(r"the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?<=[\w.])'s?$")
_CODE = re.compile(r"[A-Z]{2,4}|[A-Z](?:\.[A-Z]){1,3}\.?")
_TOKEN = re.compile(r"\w+|[^\w\s]")
_WORD_CHAR = re.compile(r"\w")
_EDGE_QUOTES = "\"' "
_TRAILING = ".,;:!?\"' "
_DISPLAY_TRAILING = ",;:!?\"' "  # a display name keeps its dots: "Inc.", "U.S."


def _tidy(text: str) -> str:
    """Unicode-normalise, straighten quotes and dashes, collapse whitespace."""
    if not text.isascii():  # ASCII text is already normal, and str.translate is slow
        text = unicodedata.normalize("NFKC", text).translate(_PUNCT)
    return " ".join(text.split())


def _core(text: str, *, drop_the: bool = True, trailing: str = _TRAILING) -> str:
    """The name itself: no surrounding quotes, leading "the", possessive or end punctuation."""
    core = _tidy(text).lstrip(_EDGE_QUOTES)
    if drop_the:
        core = _THE.sub("", core, count=1).lstrip(_EDGE_QUOTES)
    core = _POSSESSIVE.sub("", core.rstrip(trailing))
    return core.rstrip(trailing)


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if len(base) == 1 else char


def _fold(text: str) -> str:
    """Drop accents and straighten punctuation, one character for one."""
    if text.isascii():
        return text
    return "".join(_fold_char(char) for char in text.translate(_PUNCT))


def _lookup_form(core: str) -> str:
    """How names are compared: casefolded, unaccented, no dots, hyphens as spaces."""
    form = _fold(core).casefold().replace(".", "").replace("-", " ").replace("&", " and ")
    return " ".join(form.split())


def _as_code(core: str) -> str | None:
    """ "US", "U.S" or "USA" -> the code without dots; None unless written in capitals."""
    return core.replace(".", "") if _CODE.fullmatch(core) else None


def _is_short_code(code: str | None) -> bool:
    return code is not None and len(code) <= 3


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(_fold(_tidy(text))))


def _dotted(code: str) -> str:
    return "".join(f"{letter}." for letter in code)


# --- Country knowledge, built once per process -----------------------------------------------


@dataclass(frozen=True)
class _Country:
    alpha2: str
    alpha3: str
    display: str
    curated: tuple[str, ...]  # pycountry's names and the exception tables
    derived: tuple[str, ...]  # forms made by rule; lose to curated names on a clash


@dataclass(frozen=True)
class _Target:
    """What a phrase found in free text refers to; key None means "not an entity"."""

    key: str | None
    code: bool = False  # an upper-case code or short alias: "US", "U.S.", "FRA"
    # A code that English prose rarely writes ("FRA", "AND", "CAN"): matched only when
    # no neighbouring word is in capitals, since in headlines it is an ordinary word.
    rare: bool = False


@dataclass(frozen=True)
class _Knowledge:
    countries: Mapping[str, _Country]  # alpha-3 -> country
    by_name: Mapping[str, str]  # lookup form -> alpha-3
    by_code: Mapping[str, str]  # alpha-2, alpha-3 or abbreviation -> alpha-3


# Three caches, so that key() never pays for the demonyms and phrases only
# from_demonym() and mentions() need.


@cache
def _knowledge() -> _Knowledge:
    countries = _load_countries()
    by_name = _unambiguous(
        (_lookup_form(_core(surface)), country.alpha3, rank)
        for country in countries.values()
        for rank, surfaces in ((0, country.curated), (1, country.derived))
        for surface in surfaces
    )
    by_code = {country.alpha2: code for code, country in countries.items()}
    by_code.update({code: code for code in countries})
    by_code.update(_ABBREVIATIONS)
    return _Knowledge(countries, by_name, by_code)


@cache
def _demonyms() -> Mapping[str, str]:
    """ "Finnish", "FINNISH" -> "FIN"."""
    return _derive_demonyms(_knowledge().countries)


@cache
def _country_phrases() -> Mapping[tuple[str, ...], _Target]:
    """Token sequences naming a country in free text, matched case-sensitively."""
    knowledge = _knowledge()
    return _collect_phrases(knowledge.countries, knowledge.by_name, _demonyms())


def _load_countries() -> dict[str, _Country]:
    import pycountry  # deferred: loading it is the costly part of this module

    records = [
        (
            str(record.alpha_2),
            str(record.alpha_3),
            str(record.name),
            _optional(record, "common_name"),
            _optional(record, "official_name"),
        )
        for record in pycountry.countries
    ]
    names = {name for _, _, name, _, _ in records}
    extras: dict[str, list[str]] = {}
    for extra, code in _EXTRA_NAMES.items():
        extras.setdefault(code, []).append(extra)
    countries: dict[str, _Country] = {}
    for alpha2, alpha3, name, common, official in records:
        display = _DISPLAY.get(alpha3) or common or _short_name(name, names)
        curated = [name, display, *extras.get(alpha3, ())]
        curated += [n for n in (common, official) if n]
        derived = [form for n in (name, official) if n for form in _derived_forms(n)]
        countries[alpha3] = _Country(
            alpha2, alpha3, display, tuple(dict.fromkeys(curated)), tuple(derived)
        )
    return countries


def _optional(record: object, field: str) -> str | None:
    value = getattr(record, field, None)
    return str(value) if value else None


def _split_comma(name: str) -> tuple[str, str] | None:
    """ "Korea, Republic of" -> ("Korea", "Republic of")."""
    base, comma, suffix = name.partition(", ")
    return (base, suffix) if comma else None


def _ends_with_of(suffix: str) -> bool:
    return suffix.endswith((" of", " of the"))


def _short_name(name: str, taken: set[str]) -> str:
    """The form people write: "Palestine, State of" -> "Palestine",
    "Virgin Islands, British" -> "British Virgin Islands", "Sint Maarten (Dutch part)"
    -> "Sint Maarten". The inverted form is kept when the short one names another
    country ("Congo, The Democratic Republic of the")."""
    split = _split_comma(name)
    if split is None:
        return _drop_parenthesis(name)
    base, suffix = split
    if _ends_with_of(suffix) and base not in taken:
        return base
    if _ends_with_of(suffix) or " " not in suffix:
        return _core(f"{suffix} {base}", trailing="")
    return name


def _drop_parenthesis(name: str) -> str:
    if name.endswith(")") and " (" in name:
        return name[: name.rindex(" (")]
    return name


def _derived_forms(name: str) -> Iterator[str]:
    split = _split_comma(name)
    if split is not None:
        base, suffix = split
        if _ends_with_of(suffix):
            yield base
        if _ends_with_of(suffix) or " " not in suffix:
            yield f"{suffix} {base}"
    outer = _drop_parenthesis(name)
    if outer != name:
        yield outer


def _unambiguous(entries: Iterable[tuple[str, str, int]]) -> dict[str, str]:
    """Map each form to its value at the lowest rank; forms with a tie are dropped."""
    best: dict[str, tuple[int, set[str]]] = {}
    for form, value, rank in entries:
        current = best.get(form)
        if current is None or rank < current[0]:
            best[form] = (rank, {value})
        elif rank == current[0]:
            current[1].add(value)
    return {form: next(iter(values)) for form, (_, values) in best.items() if len(values) == 1}


def _demonym_candidates(base: str) -> Iterator[tuple[str, int]]:
    if "," in base or "(" in base:
        return  # list-like names: "Bonaire, Sint Eustatius and Saba"
    for ending, replacement, rank in _DEMONYM_RULES:
        if not base.endswith(ending):
            continue
        if not ending and base[-1].lower() in _VOWELS:
            continue  # the consonant rules
        word = base[: len(base) - len(ending)] + replacement
        yield word, rank
        if word.endswith(("an", "i")):
            yield word + "s", rank  # the people: "Lithuanians", "Israelis"


def _derive_demonyms(countries: Mapping[str, _Country]) -> dict[str, str]:
    derived = _unambiguous(
        (word, country.alpha3, rank)
        for country in countries.values()
        for base in dict.fromkeys((country.display, *_extra_names(country.alpha3)))
        for word, rank in _demonym_candidates(base)
    )
    for word, code in _DEMONYMS.items():
        derived.pop(word, None)
        derived.pop(word + "s", None)
        if code is not None:
            derived[word] = code
    with_upper = dict(derived)
    for word, code in derived.items():
        with_upper.setdefault(word.upper(), code)
    return with_upper


def _extra_names(alpha3: str) -> list[str]:
    return [name for name, code in _EXTRA_NAMES.items() if code == alpha3]


def _collect_phrases(
    countries: Mapping[str, _Country], by_name: Mapping[str, str], demonyms: Mapping[str, str]
) -> dict[tuple[str, ...], _Target]:
    phrases: dict[tuple[str, ...], _Target] = {}
    for word, code in demonyms.items():
        phrases[_tokens(word)] = _Target(code)
    for country in countries.values():
        for surface in (*country.curated, *country.derived):
            core = _core(surface, trailing="")
            if by_name.get(_lookup_form(core)) == country.alpha3:
                phrases.setdefault(_tokens(core), _Target(country.alpha3))
                phrases.setdefault(_tokens(core.upper()), _Target(country.alpha3))
    prose = {c.alpha3 for c in countries.values() if c.alpha2 in _PROSE_ALPHA2}
    codes = {code: _Target(code, code=True, rare=code not in prose) for code in countries}
    for country in countries.values():
        if country.alpha2 in _PROSE_ALPHA2:
            codes[country.alpha2] = _Target(country.alpha3, code=True)
    codes.update((code, _Target(alpha3, code=True)) for code, alpha3 in _ABBREVIATIONS.items())
    for code, target in codes.items():
        phrases[_tokens(code)] = target
        phrases[_tokens(_dotted(code))] = target
    for phrase in _NOT_COUNTRIES:
        phrases[_tokens(phrase)] = _Target(None)
    return phrases


# --- The resolver ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    key: str
    display: str
    alpha3: str | None


@dataclass(frozen=True)
class _AliasIndex:
    by_code: Mapping[str, _Hit]  # short upper-case aliases ("US"), matched as written
    by_name: Mapping[str, _Hit]  # every other alias, by lookup form


@dataclass(frozen=True)
class _PhraseIndex:
    exact: Mapping[tuple[str, ...], _Target]
    folded: Mapping[tuple[str, ...], _Target]  # casefolded alias phrases
    starts: frozenset[str]  # first tokens, exact and casefolded, to skip most words fast
    longest: int


class EntityResolver:
    """Resolve names of countries and aliased entities to comparison keys.

    `aliases` is the `[aliases]` table of `sources.toml`: a canonical name mapped to
    the other names it goes by. Aliases win over country knowledge when both match.
    Short upper-case aliases ("US") match only as written, so "us" stays a pronoun.
    When two alias groups claim the same name, the first group wins.
    """

    def __init__(self, aliases: Mapping[str, Sequence[str]] | None = None) -> None:
        """aliases: canonical name -> other names, from the [aliases] table of sources.toml
        (e.g. "United States" = ["US", "U.S.", "USA", "America"]; "NATO" = ["the alliance",
        "North Atlantic Treaty Organization"])."""
        self._alias_table: dict[str, tuple[str, ...]] = {
            str(canonical): (names,) if isinstance(names, str) else tuple(names)
            for canonical, names in (aliases or {}).items()
        }
        # Names repeat through an article and across its claims: resolve each once.
        self._hits: dict[str, _Hit | None] = {}

    def key(self, name: str) -> str:
        """A comparison key: equal keys = same entity. Countries -> ISO 3166-1 alpha-3
        ("USA"); alias groups -> the casefolded canonical name; anything else -> a
        normalised casefolded form (whitespace collapsed, leading "the " dropped,
        possessive "'s" dropped, curly quotes/dashes normalised, trailing punctuation
        dropped). Demonyms are not names: see `from_demonym`."""
        hit = self._resolve(name)
        return hit.key if hit else _core(name).casefold()

    def display(self, name: str) -> str:
        """A readable canonical name: the alias table's canonical name, else the
        country's common short name ("United States", "Russia", "South Korea"), else
        the input tidied."""
        hit = self._resolve(name)
        return hit.display if hit else _core(name, drop_the=False, trailing=_DISPLAY_TRAILING)

    def country_code(self, name: str, *, alpha: int = 3) -> str | None:
        """ISO 3166-1 alpha-3 (or alpha-2 with alpha=2) if the name is a country, else None."""
        if alpha not in (2, 3):
            raise ValueError(f"alpha must be 2 or 3, not {alpha!r}")
        hit = self._resolve(name)
        if hit is None or hit.alpha3 is None:
            return None
        return hit.alpha3 if alpha == 3 else _knowledge().countries[hit.alpha3].alpha2

    def is_country(self, name: str) -> bool:
        return self.country_code(name) is not None

    def is_unwritten_code(self, name: str) -> bool:
        """A two-letter ISO code that English prose does not write for the country, and
        that no alias defines: in an article, "SA" is South Africa as often as it is
        Saudi Arabia's code, so a claim's subject written so names no country."""
        code = _as_code(_core(name))
        if code is None or len(code) != 2 or code in _PROSE_ALPHA2 or code in _ABBREVIATIONS:
            return False
        return code not in self._aliases.by_code

    def is_known(self, name: str) -> bool:
        """Whether `name` is an alias or a country: an entity the sources can know."""
        return self._resolve(name) is not None

    def from_demonym(self, word: str) -> str | None:
        """The alpha-3 code of the country a demonym names ("Lithuanian" -> "LTU",
        "French" -> "FRA"); None for other words and for demonyms of more than one
        country. Demonyms are proper adjectives: "polish" (the verb) is not "Polish"."""
        return _demonyms().get(_core(word, drop_the=False))

    def mentions(self, text: str) -> list[tuple[int, int, str]]:
        """Spans (start, end, key) of known entity names in free text: alias names and
        country names, demonyms and codes, longest match first, word-bounded. Codes and
        short aliases match only in capitals ("US", not "us") and not inside
        all-capitals text ("TELL US"); country names match as capitalised."""
        index = self._phrases
        folded = _fold(text)
        matches = list(_TOKEN.finditer(folded))
        words = [match.group() for match in matches]
        lowered = [word.casefold() for word in words]
        spans: list[tuple[int, int, str]] = []
        position = 0
        while position < len(words):
            found = _longest_phrase(index, folded, matches, words, lowered, position)
            if found is None:
                position += 1
                continue
            length, target = found
            if target.key is not None and not (
                target.code and _shouted(index, words, position, length, target.rare)
            ):
                spans.append(
                    (matches[position].start(), matches[position + length - 1].end(), target.key)
                )
            position += length
        return spans

    def _resolve(self, name: str) -> _Hit | None:
        if name not in self._hits:
            self._hits[name] = self._resolve_uncached(name)
        return self._hits[name]

    def _resolve_uncached(self, name: str) -> _Hit | None:
        core = _core(name)
        code = _as_code(core)
        form = _lookup_form(core)
        hit = self._alias_hit(code, form)
        if hit is not None:
            return hit
        alpha3 = _country_of(code, form)
        if alpha3 is None:
            return None
        return _Hit(alpha3, _knowledge().countries[alpha3].display, alpha3)

    @cached_property
    def _aliases(self) -> _AliasIndex:
        by_code: dict[str, _Hit] = {}
        by_name: dict[str, _Hit] = {}
        for canonical, names in self._alias_table.items():
            core = _core(canonical)
            alpha3 = _country_of(_as_code(core), _lookup_form(core))
            display = _core(canonical, drop_the=False, trailing=_DISPLAY_TRAILING)
            hit = _Hit(alpha3 or core.casefold(), display, alpha3)
            for name in (canonical, *names):
                core = _core(name)
                code = _as_code(core)
                if code is not None and _is_short_code(code):
                    by_code.setdefault(code, hit)
                else:
                    by_name.setdefault(_lookup_form(core), hit)
        return _AliasIndex(by_code, by_name)

    @cached_property
    def _phrases(self) -> _PhraseIndex:
        exact = dict(_country_phrases())
        folded: dict[tuple[str, ...], _Target] = {}
        for name in _all_names(self._alias_table):
            core = _core(name)
            code = _as_code(core)
            hit = self._alias_hit(code, _lookup_form(core))
            if hit is None:
                continue
            # as written, "the" included: "the alliance" is NATO, "an alliance" is not
            surface = _core(name, drop_the=False, trailing="")
            if _is_short_code(code):
                exact[_tokens(surface)] = _Target(hit.key, code=True)
            else:
                tokens = tuple(token.casefold() for token in _tokens(surface))
                folded.setdefault(tokens, _Target(hit.key))
        starts = frozenset(phrase[0] for phrase in (*exact, *folded) if phrase)
        longest = max(len(phrase) for phrase in (*exact, *folded))
        return _PhraseIndex(exact, folded, starts, longest)

    def _alias_hit(self, code: str | None, form: str) -> _Hit | None:
        aliases = self._aliases
        hit = aliases.by_code.get(code) if code else None
        return hit or aliases.by_name.get(form)


def _all_names(table: Mapping[str, Sequence[str]]) -> Iterator[str]:
    for canonical, names in table.items():
        yield canonical
        yield from names


def _country_of(code: str | None, form: str) -> str | None:
    knowledge = _knowledge()
    alpha3 = knowledge.by_code.get(code) if code else None
    return alpha3 or knowledge.by_name.get(form)


def _longest_phrase(
    index: _PhraseIndex,
    text: str,
    matches: Sequence[re.Match[str]],
    words: Sequence[str],
    lowered: Sequence[str],
    position: int,
) -> tuple[int, _Target] | None:
    if words[position] not in index.starts and lowered[position] not in index.starts:
        return None
    for length in range(min(index.longest, len(words) - position), 0, -1):
        end = position + length
        target = index.folded.get(tuple(lowered[position:end])) or index.exact.get(
            tuple(words[position:end])
        )
        if target is not None and _bounded_after(text, matches[end - 1].end()):
            return length, target
    return None


def _bounded_after(text: str, end: int) -> bool:
    """Tokens are whole words, so only a phrase ending in punctuation ("U.S.") can run
    into the next word ("U.S.A")."""
    return end == len(text) or not _WORD_CHAR.match(text[end])


def _shouted(
    index: _PhraseIndex, words: Sequence[str], position: int, length: int, rare: bool
) -> bool:
    """True when a code sits next to a word in capitals ("TELL US", "FRANCE AND GERMANY"),
    as in headlines, where codes are ordinary words. A common code ("US") may stand next
    to another acronym ("US NATO envoy", "US AND UK"); a rare one may not."""
    end = position + length
    neighbours = [*words[max(position - 1, 0) : position], *words[end : end + 1]]
    return any(
        len(word) >= 2 and word.isalpha() and word.isupper() and (rare or not _acronym(index, word))
        for word in neighbours
    )


def _acronym(index: _PhraseIndex, word: str) -> bool:
    target = index.exact.get((word,))
    return (target is not None and target.code) or (word.casefold(),) in index.folded
