"""English rules for quantity claims, grouped by purpose.

Two kinds of rule live here:

- `WordRule`: a named set of lemmas that plays one part in a claim's shape (the
  verbs that make a figure a rise, the verbs that make it a lower bound...).
- `MetricRule`: a metric news text names without any source declaring it
  ("population", "jobless rate", "revenue"), with the phrases that name it and
  the kinds of unit its figures come in. These let extraction report every
  checkable figure with the metric the text gives it, whatever the configured
  sources cover; matching later maps the metric to a source's own (a source's
  `[source.metrics]` phrases), or says that no source covers it.

To add a claim shape, add or extend a rule here and a row to its table in
`tests/extraction/test_lang_rules.py` (see the README's "Extending" section).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class WordRule:
    name: str
    purpose: str
    words: frozenset[str]

    def __contains__(self, word: object) -> bool:
        return word in self.words


def _rule(name: str, purpose: str, *words: str) -> WordRule:
    return WordRule(name, purpose, frozenset(words))


# -- Changes: what makes a figure the size of a rise or a fall -------------------------

UP_VERBS = _rule(
    "up-verbs",
    "'rose 8%', 'grew by 2.3%', 'raised prices by 5%': the figure is an increase",
    *("rise", "increase", "grow", "climb", "jump", "surge", "soar", "double", "triple"),
    *("expand", "gain", "advance", "rebound", "quadruple", "raise", "lift", "boost", "hike"),
)
DOWN_VERBS = _rule(
    "down-verbs",
    "'fell 3%', 'the economy shrank by 0.3%', 'cut 1,200 jobs': the figure is a decrease",
    *("fall", "drop", "decline", "decrease", "shrink", "slip", "plunge", "halve"),
    *("contract", "slump", "tumble", "sink", "ease", "dip", "slide", "cut", "reduce"),
    *("lower", "slash", "shed"),
)
UP_NOUNS = _rule(
    "up-nouns", "'an increase of 5%'", "increase", "rise", "growth", "jump", "gain", "surge"
)
DOWN_NOUNS = _rule(
    "down-nouns",
    "'a fall of 5%'",
    *("decrease", "fall", "drop", "decline", "cut", "reduction", "loss", "contraction"),
)
AMOUNT_NOUNS = _rule(
    "amount-nouns",
    "'a net loss of $2.2 billion', 'a gain of €1.5 billion': a sum lost or gained, not a fall "
    "or a rise",
    "loss",
    "gain",
)
UP_COMPARATIVES = _rule(
    "up-comparatives",
    "'up 126%', '23% higher than'",
    *("larger", "higher", "more", "bigger", "greater", "up"),
)
DOWN_COMPARATIVES = _rule(
    "down-comparatives", "'down 4%', '9% lower than'", "smaller", "lower", "less", "fewer", "down"
)
# -- Bounds: figures crossed or approached, not reached exactly ------------------------

AT_LEAST_VERBS = _rule(
    "at-least-verbs",
    "'passed $33 trillion': at least the figure",
    *("pass", "surpass", "exceed", "top", "cross", "break", "beat"),
)
AT_MOST_VERBS = _rule(
    "at-most-verbs", "'nears $1.7 trillion': just under the figure", "near", "approach"
)

# -- Gaps: a figure measuring a difference, not anyone's level -------------------------

GAP_NOUNS = _rule("gap-nouns", "'the margin exceeded 2 °C'", "margin", "gap", "difference", "lead")

# -- Counts that are not data -----------------------------------------------------------

NOT_A_METRIC = _rule(
    "not-a-metric",
    "a count's own noun that names no statistic ('the two sides', 'three years', 'five of them')",
    *("year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "time"),
    *("side", "way", "thing", "one", "other", "part", "point", "step", "stage", "round"),
    *("reason", "case", "example", "option", "phase", "term", "percent", "cent", "page"),
    *("age", "o'clock", "am", "pm", "edition", "chapter", "episode"),
)

GROUP_NOUNS = _rule(
    "group-nouns",
    "'people in high-income countries', 'among rural households': a qualified group in a "
    "figure's clause is whose figure it is, not the article's topic",
    *("country", "economy", "nation", "region", "state", "city", "household", "family"),
    *("area", "province", "market", "group", "firm", "company", "school", "worker"),
)

OWNER_PREPOSITIONS = _rule(
    "owner-prepositions",
    "'inflation in Peru', 'the population of Chile', 'prices across the euro area': the "
    "preposition joining a metric to whose it is",
    *("of", "for", "in", "by", "between", "across", "throughout"),
)

POPULATION_NOUNS = _rule(
    "population-nouns",
    "'Ethiopia has about 120 million people': people a place has are its population",
    *("people", "inhabitant", "resident", "person", "citizen", "soul"),
)
POPULATION_VERBS = _rule(
    "population-verbs",
    "'has', 'is home to', 'numbers': the verbs that give a place its people",
    *("have", "house", "number", "count", "home"),
)

DATE_WORDS = _rule(
    "date-words",
    "a figure the tagger calls a date is one only with one of these ('three years ago')",
    *("year", "month", "week", "day", "decade", "century", "quarter", "half", "ago", "today"),
    *("yesterday", "tomorrow", "hour", "minute", "morning", "evening", "night", "am", "pm"),
    *("january", "february", "march", "april", "may", "june", "july", "august"),
    *("september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun"),
    *("jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday"),
    *("thursday", "friday", "saturday", "sunday", "spring", "summer", "autumn", "winter"),
    *("fall", "season", "term", "fiscal", "fy", "o'clock"),
)

# -- Rankings: where a text says a rank ------------------------------------------------

RANK_VERBS = _rule(
    "rank-verbs",
    "'ranks third', 'finished second', 'came fourth': a verb that puts its subject at an ordinal",
    *("rank", "finish", "come", "place", "end"),
)
TOPPING_VERBS = _rule(
    "topping-verbs",
    "'topped the medal table', 'led the rankings': first in the league table the verb takes",
    "top",
    "lead",
    "head",
)
LEAGUE_TABLES = _rule(
    "league-tables",
    "the objects a topping verb ranks in ('the table', 'the standings')",
    *("table", "ranking", "rankings", "list", "league", "chart", "standings"),
)
SUPERLATIVES = _rule(
    "superlatives",
    "'the largest', 'the leading': first from the top, even where the tagger misses the "
    "superlative",
    *("largest", "biggest", "highest", "greatest", "most", "top", "leading", "richest"),
)
NOT_RANKS = _rule(
    "not-ranks",
    "superlatives that date or judge rather than rank ('the latest figures', 'the best way')",
    *("latest", "last", "least", "best", "worst", "earliest", "newest", "most"),
)
LOW_END = _rule(
    "low-end-superlatives",
    "'the lowest unemployment rate': first from the smallest value up",
    *("lowest", "smallest", "fewest", "cheapest", "poorest", "weakest", "slowest"),
    *("shortest", "lightest", "coldest", "coolest", "driest", "narrowest", "tiniest"),
    "youngest",
)

# -- Comparisons: which way one value stands from another ------------------------------

MORE = _rule(
    "more-comparatives",
    "'larger than China's': the subject's value is above the other's",
    *("more", "higher", "larger", "bigger", "greater"),
)
LESS = _rule(
    "less-comparatives",
    "'lower than France's': the subject's value is below the other's",
    *("less", "lower", "smaller", "fewer", "shorter", "cheaper", "slower", "weaker"),
)

# -- Subjects: nouns and words that stand for whose figure it is ----------------------

COUNTRY_NOUNS = _rule(
    "country-nouns",
    "'the country', 'the nation': a reference to the country the text is about",
    *("country", "nation", "state", "kingdom", "republic"),
)
ORG_NOUNS = _rule(
    "organisation-nouns",
    "'the company', 'the bank': a reference to the organisation the text is about",
    *("company", "firm", "group", "alliance", "organisation", "organization", "bank"),
    "club",
    "party",
)
WORLD_WORDS = _rule(
    "world-words",
    "'global emissions', 'cases worldwide': the world's figure, not the article's country's",
    *("worldwide", "global", "globally", "world"),
)
REPORTING_VERBS = _rule(
    "reporting-verbs",
    "'the IMF estimated that ...': who reports a figure, not whose figure it is",
    *("say", "report", "estimate", "project", "show", "find", "announce", "state", "warn"),
    "note",
)

ESTIMATE_VERBS = _rule(
    "estimate-verbs",
    "'the World Bank put the damage in Turkey at $34.2 billion', 'Adobe counted $222.1 "
    "billion spent online': the verb's subject made the estimate; the figure is its "
    "object's owner's, or the one the text is about",
    *("put", "estimate", "peg", "value", "reckon", "calculate", "count", "assess", "tally"),
)

# -- Modality and time: predictions, and words that date rather than name ------------

PREDICTION_VERBS = _rule(
    "prediction-verbs",
    "'analysts expect India's economy to grow 6.5%': a prediction, not yet checkable",
    *("expect", "forecast", "project", "predict", "set", "due", "likely", "poised", "plan"),
)
FORECAST_VERBS = _rule(
    "forecast-verbs",
    "'UNHCR expects the number to keep rising', '2024 is expected to be warmer still': a "
    "forecast the article reports, a claim of its own though no source can settle it yet",
    *("expect", "forecast", "predict", "project", "anticipate"),
)
FUTURE_AUXILIARIES = _rule(
    "future-auxiliaries",
    "'will grow 3%': a prediction",
    *("will", "shall", "'ll", "wo"),
)
TIME_ADJECTIVES = _rule(
    "time-adjectives",
    "'the next general election': words that date a thing rather than name it",
    *("next", "last", "previous", "upcoming", "latest", "annual", "new"),
)

# A year as written ("2023", "in 2023", "at the end of 2023").
YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")

# "after 6.9% the year before", "up from 14% a year earlier": the year before the one
# the sentence is about (not "a year ago", which counts back from publication).
YEAR_BEFORE = re.compile(
    r"(?:the|a) (?:year|twelve months) (?:before|earlier|prior)"
    r"|the (?:previous|prior|preceding) year"
)

# Units a metric's figures come in, as kinds: "money" is any currency; "count" a plain
# count (a figure with no unit); anything else is the unit itself ("%", "km").
MONEY, COUNT = "money", "count"


@dataclass(frozen=True)
class MetricRule:
    name: str  # the canonical metric, as claims report it when no source names it
    phrases: tuple[str, ...]
    units: frozenset[str]

    national: bool = False  # a country's figure: a text naming no one means the country
    # The metric a percentage change of this one is reported as: "GDP rose by 1.7%" is
    # real growth, not the change of GDP in current dollars.
    growth: str | None = None

    def accepts(self, unit: str | None) -> bool:
        return accepts(self.units, unit)


def accepts(units: frozenset[str], unit: str | None) -> bool:
    """Whether a figure in `unit` can be a value of a metric measured in `units`."""
    if unit is None:
        return True
    if unit == COUNT:
        return COUNT in units or "" in units or "persons" in units or "people" in units
    if unit in units:
        return True
    return MONEY in units and len(unit) == 3 and unit.isupper()


def _metric(name: str, units: str, *phrases: str) -> MetricRule:
    return MetricRule(name, phrases, frozenset(units.split()))


def _national(name: str, units: str, *phrases: str) -> MetricRule:
    return MetricRule(name, phrases, frozenset(units.split()), national=True)


# The statistics news reports most, named as the World Bank and national statistics
# offices name them. A source declaring the same metric name merges its phrases in.
METRICS: tuple[MetricRule, ...] = (
    _national("population", "count", "population", "inhabitants", "residents", "people live"),
    replace(
        _national(
            "GDP",
            "money",
            *("gross domestic product", "GDP", "economic output", "size of the economy"),
            *("economy worth",),
        ),
        growth="GDP growth",
    ),
    _national("nominal GDP", "money", "nominal GDP", "GDP in current dollars"),
    _national(
        "GDP per capita",
        "money",
        *("GDP per capita", "per capita GDP", "GDP per head", "income per head"),
        "per capita income",
    ),
    _national(
        "GNI per capita",
        "money count",
        *("GNI per capita", "gross national income per capita", "GNI per head"),
        "national income per head",
    ),
    _national("GNI", "money count", "GNI", "gross national income", "national income"),
    _national("consumer price index", "count", "consumer price index", "CPI", "price index"),
    _metric(
        "fuel price",
        "money count",
        *("diesel price", "petrol price", "gasoline price", "fuel price", "pump price"),
        *("price of diesel", "price of petrol", "price for diesel fuel", "price of gasoline"),
    ),
    _national(
        "GDP growth",
        "%",
        *("economic growth", "GDP growth", "growth rate of GDP", "real GDP growth"),
        *("economy grew", "economy expanded", "economy shrank", "economy contracted"),
        *("economy grow", "economy expand", "economy shrink", "economy contract"),
    ),
    _national(
        "inflation",
        "%",
        *("inflation", "inflation rate", "consumer price inflation", "consumer prices"),
        *("CPI inflation", "annual inflation", "headline inflation", "cost of living"),
    ),
    _national(
        "unemployment rate",
        "%",
        *("unemployment", "unemployment rate", "jobless rate", "joblessness", "out of work"),
    ),
    _national("life expectancy", "count years year", "life expectancy", "life expectancy at birth"),
    _national("area", "km2 km² sq km", "area", "land area", "total area", "surface area"),
    _national(
        "fertility rate", "count", "fertility rate", "births per woman", "children per woman"
    ),
    _metric("interest rate", "%", "interest rate", "policy rate", "base rate", "benchmark rate"),
    _national("budget deficit", "money %", "deficit", "budget deficit", "fiscal deficit"),
    _national("public debt", "money %", "public debt", "national debt", "government debt", "debt"),
    _metric("exports", "money", "exports", "export", "shipments abroad"),
    _metric("imports", "money", "imports", "import"),
    _national("trade surplus", "money", "trade surplus", "surplus"),
    _metric("revenue", "money", "revenue", "revenues", "sales", "turnover"),
    _metric(
        "profit", "money", "profit", "net profit", "net income", "earnings", "operating profit"
    ),
    _metric("net loss", "money", "net loss", "loss", "losses"),
    _metric(
        "profit margin",
        "%",
        *("profit margin", "operating margin", "net margin", "gross margin", "profit margins"),
        "operating margins",
    ),
    _national(
        "corporate tax rate",
        "%",
        *("corporate tax", "corporation tax", "corporate tax rate", "company tax rate"),
    ),
    _metric("market value", "money", "market value", "market capitalisation", "valuation"),
    _metric("investment", "money", "investment", "investments", "invested"),
    _metric("spending", "money", "spending", "expenditure", "outlays", "spent"),
    _metric("budget", "money", "budget"),
    _metric("price", "money", "price", "prices", "cost", "costs"),
    _metric("wages", "money %", "wage", "wages", "salary", "pay", "minimum wage", "earnings"),
    _metric("market share", "%", "market share", "share of the market"),
    _metric("share", "%", "share", "proportion", "percentage"),
    _national("turnout", "%", "turnout", "voter turnout"),
    _metric("votes", "count %", "votes", "vote", "ballots"),
    _metric("seats", "count", "seats", "seat"),
    _metric("employees", "count", "employees", "staff", "workers", "workforce", "jobs", "employ"),
    _metric("deaths", "count", "deaths", "died", "die", "killed", "fatalities", "death toll"),
    _metric("cases", "count", "cases", "infections", "patients"),
    _metric("users", "count", "users", "subscribers", "customers"),
    _metric("visitors", "count", "visitors", "tourists", "arrivals", "passengers"),
    _metric("students", "count", "students", "pupils", "graduates"),
    _metric("units sold", "count", "units", "units sold", "vehicles", "cars", "deliveries"),
    _metric("emissions", "count t Mt Gt tonnes", "emissions", "carbon dioxide", "CO2"),
    _metric("production", "count t Mt tonnes", "production", "output", "produced"),
    _metric("capacity", "count GW MW TWh", "capacity", "installed capacity"),
)

METRIC_RULES: Mapping[str, MetricRule] = {rule.name: rule for rule in METRICS}
# Phrases naming a country's own figures, whatever metric a source files them under.
NATIONAL_PHRASES = frozenset(
    phrase.casefold() for rule in METRICS if rule.national for phrase in (rule.name, *rule.phrases)
)


def growth_of(metric: str) -> str | None:
    """The metric a percentage change of `metric` is reported as ("GDP" -> "GDP growth"),
    for a language metric or a source's metric named by one of its phrases."""
    folded = metric.casefold()
    for rule in METRICS:
        if rule.growth and folded in {p.casefold() for p in (rule.name, *rule.phrases)}:
            return rule.growth
    return None


def national(metric: str) -> bool:
    """Whether `metric` is a country's figure ("turnout", "inflation"), not a company's."""
    return metric.casefold() in NATIONAL_PHRASES
