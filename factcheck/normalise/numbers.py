"""Numbers and quantities as news text writes them, turned into `Quantity` records.

A small scanner: one regular expression splits the text into number, word and
symbol tokens (keeping character offsets), and a handful of short parsers read
an expression from a token position: an optional approximation or direction
word, a currency prefix, a sign, the number in digits or words, a scale
("bn", "million"), a unit ("%", "US dollars", "-kilometre"), and an optional
second end for a range ("10-15%", "between 3 and 4 million").

Decisions the tables below encode (tests pin each of them):

* Vague plurals ("dozens", "hundreds of", "millions of", "tens of thousands")
  are not quantities at all: they state no figure to check.
* "nearly"/"almost" give ``[0.9 v, v]`` and "just over" ``[v, 1.1 v]``, both
  approximate. Pure direction words ("more than", "at least", "up to",
  "under") give a one-sided bound and are *not* marked approximate: the bound
  carries their meaning, and the open side stays None (no implicit 0).
* Precision: digits after the point count ("2.45%" -> 0.01); with a scale the
  last written digit is the step ("860bn" -> 1e9, "1.3 trillion" -> 1e11);
  a plain integer's trailing zeros count as rounding ("1,340" -> 10). Number
  words follow the same trailing-zero rule ("three hundred" -> 100), halves
  give half a step ("one and a half million" -> 5e5), fractions are exact (0).
* A lone "m" after a number means metres, unless the amount is money
  ("$5m", "5m euros"), where it means million; "M" always means million.
* Word numbers are read up to "X hundred and Y" followed by one scale word;
  longer compounds ("two million three hundred thousand") are read in parts.
* Fractions ("a third", "two-thirds", "half") have kind "fraction"; the span of
  "a quarter of" stops before "of". A singular fraction after "a"/"one" counts
  only before "of", punctuation or a function word: "a third term" is an ordinal.
* Currency codes: common ones are built in; any other 3-letter capitals next to
  a number are checked against pycountry, imported only then (it is slow).
* "from 10 to 15 per cent" is two figures, not a range (a change is being
  described); the first takes the unit of the second.
* Not quantities: years (a plain 4-digit integer 1800-2100 with no unit,
  currency or scale, and year spans "2012-13"), ordinals ("3rd"), dates next
  to a month name, times ("10:30", "5 pm"), numbers inside names and codes
  ("G7", "Covid-19", "F-35", "Boeing 737", "No. 10"), runs of bare numbers
  (phone numbers), numbers with leading zeros, and the pronoun "one".
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from factcheck.records import Quantity

__all__ = ["QuantityMatch", "find_quantities", "parse_quantity"]


@dataclass(frozen=True)
class QuantityMatch:
    start: int  # character offsets into the text given; text[start:end] == quantity.text
    end: int
    quantity: Quantity
    kind: str  # "money" | "percent" | "points" | "measure" | "count" | "fraction"


def find_quantities(text: str) -> list[QuantityMatch]:
    """All quantity expressions in a sentence or paragraph, in order, non-overlapping."""
    if not _HAS_CORE.search(text):
        return []  # no figure can be read without a digit or a number word
    toks = _tokenize(text)
    found: list[QuantityMatch] = []
    i = 0
    while i < len(toks):
        match, end = _expression(toks, i, text) if _may_start(toks[i]) else (None, i)
        if match is None:
            i += 1
        else:
            found.append(match)
            i = end
    return found


def parse_quantity(text: str) -> Quantity | None:
    """Parse one expression (e.g. an entity's text, possibly with an approximation word)."""
    found = find_quantities(text)
    return found[0].quantity if found else None


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# --- word tables ------------------------------------------------------------------------

_APPROX, _NEAR_BELOW, _NEAR_ABOVE, _AT_LEAST, _AT_MOST = "~", "<~", ">~", ">=", "<="

_MODIFIERS: Mapping[tuple[str, ...], str] = {
    **dict.fromkeys(
        [
            ("about",), ("around",), ("roughly",), ("approximately",), ("approx",),
            ("approx", "."), ("some",), ("an", "estimated"), ("estimated",),
            ("estimated", "at"), ("circa",), ("ca", "."), ("c", "."), ("~",), ("≈",),
            ("in", "the", "region", "of"), ("in", "the", "order", "of"),
            ("on", "the", "order", "of"), ("somewhere", "around"), ("some", "estimated"),
        ],
        _APPROX,
    ),
    **dict.fromkeys(
        [
            ("nearly",), ("almost",), ("close", "to"), ("just", "under"), ("just", "below"),
            ("just", "short", "of"), ("just", "shy", "of"), ("slightly", "less", "than"),
            ("slightly", "under"), ("a", "little", "under"), ("a", "little", "less", "than"),
            ("not", "quite"),
        ],
        _NEAR_BELOW,
    ),
    **dict.fromkeys(
        [
            ("just", "over"), ("just", "above"), ("slightly", "more", "than"),
            ("slightly", "over"), ("a", "little", "over"), ("a", "little", "more", "than"),
            ("just", "more", "than"),
        ],
        _NEAR_ABOVE,
    ),
    **dict.fromkeys(
        [
            ("more", "than"), ("over",), ("above",), ("exceeding",), ("upwards", "of"),
            ("in", "excess", "of"), ("greater", "than"), ("higher", "than"), ("at", "least"),
            ("no", "less", "than"), ("not", "less", "than"), ("no", "fewer", "than"),
            ("a", "minimum", "of"), ("well", "over"), ("well", "above"),
            ("well", "in", "excess", "of"),
        ],
        _AT_LEAST,
    ),
    **dict.fromkeys(
        [
            ("up", "to"), ("at", "most"), ("less", "than"), ("under",), ("below",),
            ("fewer", "than"), ("no", "more", "than"), ("not", "more", "than"),
            ("a", "maximum", "of"), ("as", "many", "as"), ("as", "much", "as"),
            ("lower", "than"), ("well", "under"), ("well", "below"),
        ],
        _AT_MOST,
    ),
}  # fmt: skip
_MODIFIERS_AFTER: Mapping[tuple[str, ...], str] = {
    ("or", "so"): _APPROX,
    ("or", "more"): _AT_LEAST,
    ("-", "plus"): _AT_LEAST,
    ("or", "less"): _AT_MOST,
    ("or", "fewer"): _AT_MOST,
}

_UNITS: Mapping[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS: Mapping[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALE_WORDS: Mapping[str, int] = {
    "thousand": 3, "million": 6, "billion": 9, "trillion": 12,
    # South Asian English: 1 lakh = 100,000 and 1 crore = 10 million ("615 crore rupees").
    "lakh": 5, "lakhs": 5, "crore": 7, "crores": 7,
}  # fmt: skip
_SCALE_ABBREVIATIONS: Mapping[str, int] = {
    "mn": 6, "mln": 6, "bn": 9, "bln": 9, "tn": 12, "trn": 12,
}  # fmt: skip
# Single letters are only a scale when glued to the digits; "m" and "b" only for money.
_SCALE_LETTERS: Mapping[str, int] = {"k": 3, "K": 3, "M": 6, "m": 6, "b": 9, "B": 9}
_MONEY_ONLY_LETTERS = frozenset({"m", "b", "B"})

# "a hundred", "a dozen", "a million"; "a" alone is never a number.
_AFTER_A = frozenset({"hundred", "dozen", *_SCALE_WORDS})

_SINGULAR_FRACTIONS: Mapping[str, int] = {
    "half": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_PLURAL_FRACTIONS: Mapping[str, int] = {
    "halves": 2, "thirds": 3, "quarters": 4, "fifths": 5, "sixths": 6,
    "sevenths": 7, "eighths": 8, "ninths": 9, "tenths": 10,
}  # fmt: skip
# Every figure has one of these at its core (see `_number`).
_NUMBER_CORES = frozenset(
    {*_UNITS, *_TENS, "hundred", "dozen", *_SCALE_WORDS, *_SINGULAR_FRACTIONS, *_PLURAL_FRACTIONS}
)
_HAS_CORE = re.compile(
    r"\d|\b(?:" + "|".join(sorted(_NUMBER_CORES, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
# "a third of", "by a third." are fractions; "a third term" is an ordinal.
_FRACTION_FOLLOWERS = _wordset(
    "of in on at by from to since and or but than over between among compared last this "
    "per for after before during while when with as is was are were has have had will would "
    "more less"
)
_HALF_NOT_AFTER = frozenset({"first", "second", "other", "latter", "former", "the", "one"})
# The pronoun "one" ("one of the", "no one", "the one who").
_ONE_NOT_BEFORE = _wordset(
    "of another who that which whose whom is was has had can could would will should must "
    "might may does did by"
)
_ONE_NOT_AFTER = frozenset({"no", "any", "every", "each", "the", "this", "that", "which", "some"})

_CURRENCY_SYMBOLS: Mapping[str, str] = {
    "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB", "₩": "KRW",
    "₺": "TRY", "₴": "UAH", "₪": "ILS", "₦": "NGN", "₱": "PHP", "฿": "THB", "₫": "VND",
}  # fmt: skip
# Abbreviations written before the figure like a symbol, as written (case matters).
_WORD_PREFIXES: Mapping[str, str] = {"Rs": "INR"}
_DOLLAR_PREFIXES: Mapping[str, str] = {
    "US": "USD", "A": "AUD", "AU": "AUD", "C": "CAD", "CA": "CAD", "HK": "HKD",
    "NZ": "NZD", "S": "SGD", "NT": "TWD", "R": "BRL",
}  # fmt: skip
_CURRENCY_NAMES: Mapping[tuple[str, ...], str] = {
    ("us", "dollars"): "USD", ("us", "dollar"): "USD", ("u", ".", "s", ".", "dollars"): "USD",
    ("american", "dollars"): "USD", ("dollars",): "USD", ("dollar",): "USD",
    ("euros",): "EUR", ("euro",): "EUR",
    ("pounds", "sterling"): "GBP", ("pound", "sterling"): "GBP", ("british", "pounds"): "GBP",
    ("pounds",): "GBP", ("pound",): "GBP", ("sterling",): "GBP",
    ("yen",): "JPY", ("japanese", "yen"): "JPY",
    ("yuan",): "CNY", ("renminbi",): "CNY", ("chinese", "yuan"): "CNY",
    ("canadian", "dollars"): "CAD", ("australian", "dollars"): "AUD",
    ("swiss", "francs"): "CHF", ("rupees",): "INR", ("indian", "rupees"): "INR",
    ("roubles",): "RUB", ("rubles",): "RUB", ("hryvnias",): "UAH", ("zlotys",): "PLN",
}  # fmt: skip
# Codes known without loading pycountry (its import is slow); others are looked up.
_COMMON_CODES = _wordset(
    "USD EUR GBP JPY CNY CHF CAD AUD NZD HKD SGD INR RUB UAH PLN SEK NOK DKK KRW BRL MXN "
    "ZAR TRY ILS"
)
# Codes that are also English words in capitals ("ALL 32 MEMBERS").
_WORDLIKE_CODES = _wordset("ALL BOB CUP MAD MOP PEN SOS TOP TRY")

_PERCENT_AND_POINTS: Mapping[tuple[str, ...], str] = {
    ("%",): "%", ("per", "cent"): "%", ("percent",): "%", ("pct",): "%",
    ("percentage", "points"): "pp", ("percentage", "point"): "pp", ("pp",): "pp",
    ("ppt",): "pp", ("ppts",): "pp",
    ("basis", "points"): "bp", ("basis", "point"): "bp", ("bps",): "bp", ("bp",): "bp",
    ("points",): "points", ("point",): "points",
}  # fmt: skip
_MEASURE_WORDS: Mapping[tuple[str, ...], str] = {
    **dict.fromkeys(
        [("kilometre",), ("kilometres",), ("kilometer",), ("kilometers",), ("kms",)], "km"
    ),
    **dict.fromkeys([("mile",), ("miles",)], "mi"),
    **dict.fromkeys([("metre",), ("metres",), ("meter",), ("meters",)], "m"),
    **dict.fromkeys([("centimetre",), ("centimetres",), ("centimeter",), ("centimeters",)], "cm"),
    **dict.fromkeys([("millimetre",), ("millimetres",), ("millimeter",), ("millimeters",)], "mm"),
    **dict.fromkeys(
        [("kilogram",), ("kilograms",), ("kilogramme",), ("kilogrammes",), ("kilos",)], "kg"
    ),
    **dict.fromkeys([("gram",), ("grams",)], "g"),
    **dict.fromkeys([("tonne",), ("tonnes",), ("ton",), ("tons",)], "t"),
    **dict.fromkeys([("megawatt",), ("megawatts",)], "MW"),
    **dict.fromkeys([("gigawatt",), ("gigawatts",)], "GW"),
    **dict.fromkeys([("kilowatt",), ("kilowatts",)], "kW"),
    **dict.fromkeys([("terawatt", "hours"), ("terawatt", "-", "hours")], "TWh"),
    **dict.fromkeys([("gigawatt", "hours"), ("gigawatt", "-", "hours")], "GWh"),
    **dict.fromkeys(
        [("square", "kilometres"), ("square", "kilometers"), ("sq", "km"), ("square", "km")],
        "km2",
    ),
    **dict.fromkeys([("square", "miles"), ("sq", "mi")], "mi2"),
    **dict.fromkeys([("hectare",), ("hectares",)], "ha"),
    **dict.fromkeys([("litre",), ("litres",), ("liter",), ("liters",)], "l"),
    **dict.fromkeys([("barrel",), ("barrels",)], "bbl"),
    **dict.fromkeys([("foot",), ("feet",)], "ft"),
    **dict.fromkeys([("degrees", "celsius"), ("°", "c")], "°C"),
    **dict.fromkeys([("year",), ("years",)], "year"),
    **dict.fromkeys([("month",), ("months",)], "month"),
    **dict.fromkeys([("week",), ("weeks",)], "week"),
    **dict.fromkeys([("day",), ("days",)], "day"),
    **dict.fromkeys([("hour",), ("hours",)], "hour"),
    **dict.fromkeys([("decade",), ("decades",)], "decade"),
}
# Abbreviations matched case-sensitively ("MW" is not "mW"); single letters only glued.
_MEASURE_ABBREVIATIONS: Mapping[str, str] = {
    "km": "km", "km2": "km2", "km²": "km2", "mi": "mi", "m": "m", "cm": "cm", "mm": "mm",
    "kg": "kg", "g": "g", "t": "t", "MW": "MW", "GW": "GW", "kW": "kW", "TW": "TW",
    "TWh": "TWh", "GWh": "GWh", "MWh": "MWh", "kWh": "kWh", "ha": "ha", "bbl": "bbl",
    "ft": "ft", "mph": "mph", "lb": "lb", "lbs": "lb",
}  # fmt: skip
_GLUED_ONLY_ABBREVIATIONS = frozenset({"g", "t"})

_MONTHS = _wordset(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
)
_TIME_WORDS = frozenset({"am", "pm", "gmt", "utc", "bst", "cet", "cest", "est", "edt", "o'clock"})
# Capitalised words that start a sentence before a count ("Only 40 came") without
# naming anything; any other capitalised word before bare digits makes a name ("Boeing 737").
_SENTENCE_STARTERS = _wordset(
    "in on at by for of from since until after before only just all some and but or so then "
    "the those these its their his her our my your last next with without to as once "
    "another exactly precisely like unlike while when if there here"
)
_SENTENCE_OPENERS = frozenset(".!?:;\"“”‘’'()[]—–-")
_CODE_JOINERS = frozenset("/:.")
_RANGE_DASHES = frozenset({"-", "–", "—"})
_MINUS_SIGNS = frozenset({"-", "−"})

# --- tokens ------------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    r"(?P<num>\d{1,3}(?:(?:,\d{3})+|(?:[ \u00a0\u202f\u2009]\d{3})+)(?:\.\d+)?(?!\d)"
    r"|\d+(?:\.\d+)?|\.\d+)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<sym>\S)"
)
_SEPARATORS = str.maketrans("", "", ", \u00a0\u202f\u2009")


class _Token(NamedTuple):  # a tuple: made for every word of every sentence, so cheap to build
    text: str
    low: str
    kind: str  # "num" | "word" | "sym"
    start: int
    end: int
    glued: bool  # no space between this token and the one before


def _tokenize(text: str) -> list[_Token]:
    toks: list[_Token] = []
    append = toks.append  # a sentence has dozens of tokens and every sentence is read
    prev_end = -1
    for m in _TOKEN_RE.finditer(text):
        word = m.group()
        start, end = m.span()
        append(_Token(word, word.lower(), m.lastgroup or "sym", start, end, start == prev_end))
        prev_end = end
    return toks


def _low(toks: Sequence[_Token], k: int) -> str:
    return toks[k].low if 0 <= k < len(toks) else ""


def _text(toks: Sequence[_Token], k: int) -> str:
    return toks[k].text if 0 <= k < len(toks) else ""


def _glued(toks: Sequence[_Token], k: int) -> bool:
    return 0 <= k < len(toks) and toks[k].glued


def _phrase(
    toks: Sequence[_Token], k: int, table: Mapping[tuple[str, ...], str]
) -> tuple[str | None, int]:
    """The longest phrase of `table` starting at token k, and the index after it."""
    if _low(toks, k) not in _starts(table):
        return None, k
    for size in range(5, 0, -1):
        key = tuple(_low(toks, k + n) for n in range(size))
        if key in table:
            return table[key], k + size
    return None, k


def _first_words(*tables: Mapping[tuple[str, ...], str]) -> frozenset[str]:
    return frozenset(phrase[0] for table in tables for phrase in table)


def _starts(table: Mapping[tuple[str, ...], str]) -> frozenset[str]:
    """A phrase table's first words. The tables are module constants, so each one's
    set is made once and found again by identity on every token `_phrase` is asked about."""
    found = _STARTS.get(id(table))
    if found is None:
        found = _STARTS[id(table)] = _first_words(table)
    return found


_STARTS: dict[int, frozenset[str]] = {}


_STARTERS = frozenset(
    {
        *_first_words(_MODIFIERS),
        *_UNITS,
        *_TENS,
        *_CURRENCY_SYMBOLS,
        *_MINUS_SIGNS,
        *("a", "an", "half", "between", "minus", "negative", "+"),
    }
)


def _may_start(tok: _Token) -> bool:
    return (
        tok.kind == "num"
        or tok.low in _STARTERS
        or tok.text in _DOLLAR_PREFIXES
        or tok.text in _WORD_PREFIXES
        or (len(tok.text) == 3 and tok.text.isupper())
    )


# --- numbers -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Number:
    value: float  # before any scale
    end: int  # token index after the number
    digits: str | None = None  # the digits as written, without separators; None for words
    grouped: bool = False  # written with thousands separators ("1,340")
    decimals: int = 0
    fraction: bool = False
    needs_scale: bool = False  # "a" / "half a" read, the scale word must follow

    @property
    def plain(self) -> bool:
        """Digits only, as in a year, an ID or a name ("737")."""
        return self.digits is not None and self.digits.isdigit() and not self.grouped


def _number(toks: Sequence[_Token], j: int) -> _Number | None:
    if j >= len(toks):
        return None
    if toks[j].kind == "num":
        return _digits(toks[j], j)
    return _fraction(toks, j) or _words(toks, j)


def _digits(tok: _Token, j: int) -> _Number | None:
    digits = tok.text.translate(_SEPARATORS)
    if len(digits) > 1 and digits[0] == "0" and digits[1] != ".":
        return None  # "007", "0958": an ID or a phone number
    decimals = len(digits) - digits.index(".") - 1 if "." in digits else 0
    return _Number(float(digits), j + 1, digits, digits != tok.text, decimals)


def _words(toks: Sequence[_Token], j: int) -> _Number | None:
    """ "twenty-five", "three hundred and two", "a dozen", "one and a half", "half a"."""
    value, k, needs_scale = 0.0, j, False
    if _low(toks, j) in ("a", "an") and _low(toks, j + 1) in _AFTER_A:
        value, k, needs_scale = 1.0, j + 1, True
    elif _low(toks, j) == "half" and _low(toks, j + 1) in ("a", "an"):
        if _low(toks, j + 2) not in _AFTER_A:
            return None
        value, k, needs_scale = 0.5, j + 2, True
    while k < len(toks):
        step = _word_step(toks, k, value)
        if step is None:
            break
        value, k = step
        needs_scale = False
    if k == j:
        return None
    return _Number(value, k, needs_scale=needs_scale)


def _word_step(toks: Sequence[_Token], k: int, value: float) -> tuple[float, int] | None:
    """Add the number word at k to `value`, or None when it does not continue it."""
    word, rest = _low(toks, k), value % 100
    if word in _UNITS and (rest == 0 or (rest >= 20 and 0 < _UNITS[word] < 10)):
        return value + _UNITS[word], k + 1
    if word in _TENS and rest == 0:
        value += _TENS[word]
        hyphen = _low(toks, k + 1) == "-" and _glued(toks, k + 1) and _glued(toks, k + 2)
        if hyphen and 0 < _UNITS.get(_low(toks, k + 2), 0) < 10:
            return value + _UNITS[_low(toks, k + 2)], k + 3
        return value, k + 1
    if word == "hundred" and 0 < value < 100 and value == int(value):
        return value * 100, k + 1
    if word == "dozen" and 0 < value < 100:
        return value * 12, k + 1
    if word == "and" and value > 0 and value == int(value):
        if (_low(toks, k + 1), _low(toks, k + 2)) == ("a", "half"):
            return value + 0.5, k + 3
        nxt = _low(toks, k + 1)
        if value >= 100 and rest == 0 and (nxt in _UNITS or nxt in _TENS):
            return value, k + 1
    return None


def _fraction(toks: Sequence[_Token], j: int) -> _Number | None:
    """ "a third", "one-quarter", "two-thirds", "half" (but not "half a million")."""
    word = _low(toks, j)
    k = j + 2 if _low(toks, j + 1) == "-" and _glued(toks, j + 1) and _glued(toks, j + 2) else j + 1
    if word in ("a", "an", "one") and _low(toks, k) in _SINGULAR_FRACTIONS:
        if not _fraction_follows(toks, k + 1):
            return None
        return _Number(1 / _SINGULAR_FRACTIONS[_low(toks, k)], k + 1, fraction=True)
    if 1 < _UNITS.get(word, 0) < 10 and _low(toks, k) in _PLURAL_FRACTIONS:
        return _Number(_UNITS[word] / _PLURAL_FRACTIONS[_low(toks, k)], k + 1, fraction=True)
    if word == "half" and _low(toks, j - 1) not in _HALF_NOT_AFTER:
        if _low(toks, j + 1) in ("a", "an") or (_low(toks, j + 1) == "-" and _glued(toks, j + 1)):
            return None  # "half a million" is a number word; "half-hearted" is no number
        return _Number(0.5, j + 1, fraction=True)
    return None


def _fraction_follows(toks: Sequence[_Token], k: int) -> bool:
    if k >= len(toks):
        return True
    if toks[k].kind != "word":
        return not (toks[k].text == "-" and toks[k].glued)
    return toks[k].low in _FRACTION_FOLLOWERS


# --- amounts: a number with its currency, sign, scale and unit ----------------------------


@dataclass(frozen=True)
class _Amount:
    start: int
    end: int
    number: _Number
    at: int  # token index where the number itself starts
    negative: bool = False
    exponent: int = 0  # from a scale word: "bn" -> 9
    currency: str | None = None
    unit: str | None = None

    @property
    def value(self) -> float:
        if self.number.digits is not None:
            magnitude = float(f"{self.number.digits}e{self.exponent}")
        else:
            magnitude = self.number.value * 10.0**self.exponent
        return -magnitude if self.negative else magnitude

    @property
    def precision(self) -> float:
        number, scale = self.number, 10.0**self.exponent
        if number.fraction:
            return 0.0
        if number.decimals:
            return scale / 10.0**number.decimals
        if number.value != int(number.value):
            return scale / 2  # "one and a half million"
        if self.exponent and number.digits is not None:
            return scale
        return _trailing_zero_step(int(number.value)) * scale

    @property
    def kind(self) -> str:
        if self.number.fraction:
            return "fraction"
        if self.currency:
            return "money"
        if self.unit == "%":
            return "percent"
        if self.unit in ("pp", "bp", "points"):
            return "points"
        return "measure" if self.unit else "count"

    @property
    def plain(self) -> bool:
        """Bare digits with nothing around them: maybe a year, a code or part of a name."""
        bare = not (self.negative or self.exponent or self.currency or self.unit)
        return bare and self.number.plain

    @property
    def year_like(self) -> bool:
        return self.plain and len(self.number.digits or "") == 4 and 1800 <= self.value <= 2100


def _trailing_zero_step(value: int) -> float:
    step = 1
    while value and value % (step * 10) == 0:
        step *= 10
    return float(step)


def _amount(
    toks: Sequence[_Token], i: int, *, money: bool = False, second_end: bool = False
) -> _Amount | None:
    negative, j = _sign(toks, i)
    currency, j = _currency_prefix(toks, j)
    if currency is not None and not negative:
        negative, j = _sign(toks, j)
    number = _number(toks, j)
    if number is None or (currency is not None and number.fraction):
        return None
    amount = _Amount(i, number.end, number, j, negative, currency=currency)
    if not number.fraction:
        amount = _with_suffixes(toks, amount, money=money)
    if number.needs_scale and not amount.exponent:
        return None
    return amount if _stands_alone(toks, amount, second_end=second_end) else None


def _with_suffixes(toks: Sequence[_Token], amount: _Amount, *, money: bool) -> _Amount:
    words = amount.number.digits is None
    money = money or amount.currency is not None
    exponent, k = _scale(toks, amount.end, words=words, money=money)
    amount = replace(amount, end=k, exponent=exponent)
    if amount.currency is None:
        currency, k = _currency_suffix(toks, k)
        if currency is not None:
            return replace(amount, end=k, currency=currency)
        unit, k = _unit(toks, k)
        if unit is not None:
            return replace(amount, end=k, unit=unit)
    return amount


def _sign(toks: Sequence[_Token], j: int) -> tuple[bool, int]:
    text = _text(toks, j)
    if text in _MINUS_SIGNS or text == "+":
        after_space = not toks[j].glued or toks[j - 1].kind == "sym"
        if after_space and _glued(toks, j + 1) and _may_follow_sign(toks[j + 1]):
            return text != "+", j + 1
    if _low(toks, j) in ("minus", "negative") and j + 1 < len(toks):
        return True, j + 1
    return False, j


def _may_follow_sign(tok: _Token) -> bool:
    return tok.kind != "word" or tok.text in _DOLLAR_PREFIXES or _is_currency_code(tok.text)


def _currency_prefix(toks: Sequence[_Token], j: int) -> tuple[str | None, int]:
    text = _text(toks, j)
    if text in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[text], j + 1
    if text in _WORD_PREFIXES:  # "Rs 40 crore", "Rs. 40 crore"
        after = j + 2 if _text(toks, j + 1) == "." and _glued(toks, j + 1) else j + 1
        if _is_num(toks, after):
            return _WORD_PREFIXES[text], after
    if text in _DOLLAR_PREFIXES and _text(toks, j + 1) == "$" and _glued(toks, j + 1):
        return _DOLLAR_PREFIXES[text], j + 2
    nxt = j + 2 if _text(toks, j + 1) in _MINUS_SIGNS else j + 1
    if _is_num(toks, nxt) and _is_currency_code(text):
        return text, j + 1
    return None, j


def _currency_suffix(toks: Sequence[_Token], k: int) -> tuple[str | None, int]:
    if _is_currency_code(_text(toks, k)):
        return toks[k].text, k + 1
    return _phrase(toks, k, _CURRENCY_NAMES)


def _is_currency_code(text: str) -> bool:
    if len(text) != 3 or not text.isascii() or not text.isupper() or text in _WORDLIKE_CODES:
        return False
    return text in _COMMON_CODES or _known_currency(text)


@lru_cache(maxsize=256)
def _known_currency(code: str) -> bool:
    import pycountry  # deferred: importing it costs ~0.1 s and few texts need it

    return pycountry.currencies.get(alpha_3=code) is not None


def _scale(toks: Sequence[_Token], k: int, *, words: bool, money: bool) -> tuple[int, int]:
    """The power of ten a scale word after the number gives ("bn" -> 9), and the index after."""
    c = k + 1 if _text(toks, k) == "-" and _glued(toks, k) and _glued(toks, k + 1) else k
    if _low(toks, c) in _SCALE_WORDS:
        if _low(toks, c + 1) in {"crore", "crores"} and _low(toks, c) != _low(toks, c + 1):
            return _SCALE_WORDS[_low(toks, c)] + 7, c + 2  # "45 lakh crore" is 4.5e13
        return _SCALE_WORDS[_low(toks, c)], c + 1
    if words or c != k or c >= len(toks) or toks[c].kind != "word":
        return 0, k
    if toks[c].low in _SCALE_ABBREVIATIONS:
        return _SCALE_ABBREVIATIONS[toks[c].low], c + 1
    letter = toks[c].text
    if letter in _SCALE_LETTERS:
        # "$860,000 m" spaces the letter; without money only "5k", "5M" glued count.
        is_money = money or _currency_suffix(toks, c + 1)[0] is not None
        if (toks[c].glued or is_money) and (letter not in _MONEY_ONLY_LETTERS or is_money):
            return _SCALE_LETTERS[letter], c + 1
    return 0, k


def _unit(toks: Sequence[_Token], k: int) -> tuple[str | None, int]:
    """A percent, points or measure unit after the number, also as "-kilometre"."""
    hyphen = _text(toks, k) == "-" and _glued(toks, k) and _glued(toks, k + 1)
    c = k + 1 if hyphen else k
    text = _text(toks, c)
    if text in _MEASURE_ABBREVIATIONS and (toks[c].glued or text not in _GLUED_ONLY_ABBREVIATIONS):
        return _MEASURE_ABBREVIATIONS[text], c + 1
    for table in (_PERCENT_AND_POINTS, _MEASURE_WORDS):
        unit, end = _phrase(toks, c, table)
        if unit is not None and not (hyphen and text == "%"):
            return unit, end
    return None, k


def _stands_alone(toks: Sequence[_Token], amount: _Amount, *, second_end: bool) -> bool:
    """False when the digits belong to a code, a time, an ordinal or a name."""
    if amount.number.digits is None:
        return True
    at = amount.at
    after = toks[at + 1] if at + 1 < len(toks) else None
    if after is not None and after.glued:
        if after.kind == "word" and amount.end == at + 1:
            return False  # "3rd", "1990s", "5G"
        if after.kind == "num":
            return False  # "1.2" + ".3" of a version number
        if after.text in _CODE_JOINERS and _glued(toks, at + 2) and toks[at + 2].kind == "num":
            return False  # "10:30", "12/05/2023", "1.2.3"
    if at == amount.start and at > 0 and toks[at].glued and not second_end:
        before = toks[at - 1]
        if before.kind != "sym" or before.text in _CODE_JOINERS or before.text == "#":
            return False  # "G7", "24/7"
        if before.text in _RANGE_DASHES and _glued(toks, at - 1) and toks[at - 2].kind != "sym":
            return False  # "F-35", "Covid-19", the "13" of "2012-13"
    return True


# --- expressions: modifiers, ranges and context ------------------------------------------


@dataclass(frozen=True)
class _Expression:
    start: int
    end: int
    first: _Amount
    second: _Amount | None = None
    modifier: str | None = None
    broken: bool = False  # a dash pair that is no range: a score "5-2", a season "2012-13"


def _expression(toks: Sequence[_Token], i: int, text: str) -> tuple[QuantityMatch | None, int]:
    modifier, j = _phrase(toks, i, _MODIFIERS)
    expr = _between(toks, i, j, modifier) if _low(toks, j) == "between" else None
    if expr is None:
        first = _amount(toks, j)
        if first is None:
            return None, i
        expr = _range(toks, _Expression(i, first.end, first, modifier=modifier))
    if expr.modifier is None:
        after, end = _phrase(toks, expr.end, _MODIFIERS_AFTER)
        if after is not None:
            expr = replace(expr, end=end, modifier=after)
    if _rejected(toks, expr) or not _representable(expr):
        return None, i
    return _match(toks, text, expr), expr.end


def _between(toks: Sequence[_Token], i: int, j: int, modifier: str | None) -> _Expression | None:
    first = _amount(toks, j + 1)
    if first is None or _low(toks, first.end) != "and":
        return None
    second = _amount(toks, first.end + 1, money=first.currency is not None, second_end=True)
    if second is None:
        return None
    pair = _joined(first, second)
    if pair is None:
        return None
    return _Expression(i, second.end, pair[0], pair[1], modifier)


def _range(toks: Sequence[_Token], expr: _Expression) -> _Expression:
    """ "10-15%", "10 to 15 per cent", "$3-4bn"; "from 10 to 15" stays two figures."""
    first = expr.first
    sep = _low(toks, first.end)
    if sep not in _RANGE_DASHES and sep != "to":
        return expr
    second = _amount(toks, first.end + 1, money=first.currency is not None, second_end=True)
    if second is None:
        return expr
    pair = _joined(first, second)
    if sep == "to" and _low(toks, expr.start - 1) in {"from", "by"}:
        return replace(expr, first=pair[0]) if pair else expr
    if pair is None:
        # "5-2" is a score, "2012-13" a season: no quantity at all, even the first number.
        return replace(expr, end=second.end, broken=True) if sep != "to" else expr
    return replace(expr, end=second.end, first=pair[0], second=pair[1])


def _joined(first: _Amount, second: _Amount) -> tuple[_Amount, _Amount] | None:
    """Both ends with the shared currency, unit and scale, or None if not a range."""
    if first.number.fraction or second.number.fraction:
        return None
    if first.currency and second.currency and first.currency != second.currency:
        return None
    if first.unit and second.unit and first.unit != second.unit:
        return None
    if (first.currency and second.unit) or (first.unit and second.currency):
        return None  # "fell 9% to $4.4bn": a change and a level, not a range
    if first.unit in {"%", "pp"} and second.exponent and not first.exponent:
        return None  # "fell by about 14% to 226.6 million": a rate and a level
    currency = first.currency or second.currency
    unit = first.unit or second.unit
    first = replace(first, currency=currency, unit=unit)
    second = replace(second, currency=currency, unit=unit)
    if not first.exponent and second.exponent:
        scaled = replace(first, exponent=second.exponent)
        if scaled.value < second.value:
            first = scaled
    if first.value >= second.value:
        return None
    return first, second


def _representable(expr: _Expression) -> bool:
    """Whether a float holds the figure: 400 nines, or 400 decimals, would become
    infinite, and an infinite figure can be compared with nothing (nor written as JSON)."""
    amounts = [expr.first] if expr.second is None else [expr.first, expr.second]
    try:
        return all(math.isfinite(a.value) and math.isfinite(a.precision) for a in amounts)
    except OverflowError:  # 10.0 ** decimals, or int() of an infinite value
        return False


def _rejected(toks: Sequence[_Token], expr: _Expression) -> bool:
    amounts = [expr.first] if expr.second is None else [expr.first, expr.second]
    if expr.broken or any(amount.year_like for amount in amounts):
        return True
    first = expr.first
    if first.currency or first.unit or first.exponent or first.number.fraction:
        return False
    return (
        _is_date(toks, expr)
        or _is_time(toks, expr.end)
        or _is_pronoun_one(toks, expr)
        or (first.plain and expr.modifier is None and _is_code(toks, expr))
    )


def _is_date(toks: Sequence[_Token], expr: _Expression) -> bool:
    after = _text(toks, expr.end)
    if _low(toks, expr.end) == "of":
        after = _text(toks, expr.end + 1)
    return _text(toks, expr.start - 1) in _MONTHS or after in _MONTHS


def _is_time(toks: Sequence[_Token], end: int) -> bool:
    word = _low(toks, end)
    if word in ("a", "p") and _low(toks, end + 1) == "." and _low(toks, end + 2) == "m":
        return True
    return word in _TIME_WORDS


def _is_pronoun_one(toks: Sequence[_Token], expr: _Expression) -> bool:
    if expr.modifier is not None or expr.second is not None or expr.end != expr.start + 1:
        return False
    if _low(toks, expr.start) != "one":
        return False
    nxt = _low(toks, expr.end)
    hyphenated = nxt == "-" and _glued(toks, expr.end)
    return hyphenated or nxt in _ONE_NOT_BEFORE or _low(toks, expr.start - 1) in _ONE_NOT_AFTER


def _is_code(toks: Sequence[_Token], expr: _Expression) -> bool:
    """ "Boeing 737", "Article 5", "No. 10", "+44 20 7946 0958"."""
    before, after = expr.start - 1, expr.end
    if _is_num(toks, before) or (_is_num(toks, after) and not _glued(toks, after)):
        return True
    if _text(toks, before) == "#" or (
        _text(toks, before) == "." and _low(toks, before - 1) == "no"
    ):
        return True
    if before < 0 or toks[before].kind != "word" or toks[before].low == toks[before].text:
        return False  # only a word with a capital can name something ("Boeing", "iPhone")
    opener = before - 1
    at_sentence_start = opener < 0 or toks[opener].text in _SENTENCE_OPENERS
    return not at_sentence_start or toks[before].low not in _SENTENCE_STARTERS


def _is_num(toks: Sequence[_Token], k: int) -> bool:
    return 0 <= k < len(toks) and toks[k].kind == "num"


# --- the record --------------------------------------------------------------------------


def _match(toks: Sequence[_Token], text: str, expr: _Expression) -> QuantityMatch:
    first, second = expr.first, expr.second
    if second is None:
        value, precision = first.value, first.precision
        lower, upper, approximate = _bounds(expr.modifier, value, precision)
    else:
        lower, upper = first.value, second.value
        value, precision = (lower + upper) / 2, min(first.precision, second.precision)
        approximate = expr.modifier in (_APPROX, _NEAR_BELOW, _NEAR_ABOVE)
    start, end = toks[expr.start].start, toks[expr.end - 1].end
    quantity = Quantity(
        value=value,
        unit=first.currency or first.unit,
        lower=lower,
        upper=upper,
        approximate=approximate,
        precision=precision,
        text=text[start:end],
    )
    return QuantityMatch(start, end, quantity, first.kind)


def _bounds(
    modifier: str | None, value: float, precision: float
) -> tuple[float | None, float | None, bool]:
    """(lower, upper, approximate) that an approximation or direction word allows."""
    if modifier == _APPROX:
        margin = max(precision / 2, 0.05 * abs(value))
        return value - margin, value + margin, True
    if modifier in (_NEAR_BELOW, _NEAR_ABOVE):
        # Both move the magnitude: "nearly -5%" lies between -5% and -4.5%.
        other = value * (0.9 if modifier == _NEAR_BELOW else 1.1)
        return min(value, other), max(value, other), True
    if modifier == _AT_LEAST:
        return value, None, False
    if modifier == _AT_MOST:
        return None, value, False
    return None, None, False
