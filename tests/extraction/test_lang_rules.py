"""Every rule in `factcheck/extraction/lang/en.py`, tested by a table of sentences.

Each rule (a `WordRule`, a `MetricRule` of `en.METRICS`, a compiled pattern) has a
table below of news sentences and the structure of the claim the real pipeline
extracts over one figure in each: its type, direction, metric, subject, bounds,
time, binding. An `expected` of None means no figure claim over that figure at all.

The checker has no sources: its sources file holds one alias and no `[[source]]`, so
the tables show what extraction finds from the language's own rules. The alias names
the euro area, which no country list knows (an alias is a name, not a source).

To add a claim shape, add or extend a rule in `en.py` and a row to its table here;
`test_every_rule_has_a_table` fails, naming the rule, until the row is there. A row
whose rule the tool still gets wrong is kept, with `xfail` saying what goes wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from pathlib import Path

import pytest
from spacy.language import Language

from factcheck.extraction.lang import en
from factcheck.pipeline import Checker
from factcheck.records import Article, Bound, Claim, ClaimType, Modality, PublishedSource

PUBLISHED = date(2024, 3, 1)
SOURCES = '[aliases]\n"Euro area" = ["the euro area", "eurozone"]\n'

QUANTITY, CHANGE = ClaimType.QUANTITY, ClaimType.CHANGE
RANKING, COMPARISON, EVENT = ClaimType.RANKING, ClaimType.COMPARISON, ClaimType.EVENT
PREDICTION, REPORTED, ASSERTED = Modality.PREDICTION, Modality.REPORTED, Modality.ASSERTED
EARLIER = "earlier"  # the direction of the figure a change started from ("up from 7.9%")


# -- Expected values that are not a plain equality ------------------------------------


@dataclass(frozen=True)
class Not:
    value: object

    def __call__(self, got: object) -> bool:
        return got != self.value


@dataclass(frozen=True)
class InYear:
    """A time span that is the whole calendar year."""

    year: int

    def __call__(self, got: object) -> bool:
        whole = (date(self.year, 1, 1), date(self.year, 12, 31))
        return got is not None and (getattr(got, "start", None), getattr(got, "end", None)) == whole


@dataclass(frozen=True)
class Covers:
    """A time span that includes this day."""

    day: date

    def __call__(self, got: object) -> bool:
        start, end = getattr(got, "start", None), getattr(got, "end", None)
        return start is not None and end is not None and start <= self.day <= end


Matcher = Not | InYear | Covers


@dataclass(frozen=True)
class Row:
    text: str
    figure: str  # the figure the claim is over, as written in `text`
    # Claim field (dotted: "quantity.lower", "binding.subject.how") -> expected value;
    # None: no quantity or change claim over the figure.
    expected: Mapping[str, object] | None
    xfail: str | None = None  # what the tool gets wrong, while it does
    date_tagged: bool = False  # the tagger calls the figure a DATE (a precondition)
    # The claim type looked for over `figure` (a rank word, a comparative, an event's
    # verb); None: a quantity or change claim whose quantity is `figure`.
    kind: ClaimType | None = None


def no_claim(
    text: str, figure: str, xfail: str | None = None, kind: ClaimType | None = None
) -> Row:
    return Row(text, figure, None, xfail, kind=kind)


# -- The tables: rule name -> rows ----------------------------------------------------
# Word rules by `WordRule.name`, metric rules as "metric:<MetricRule.name>", patterns by
# their name in en.py.

WORD_RULES: dict[str, list[Row]] = {
    "up-verbs": [
        Row("Exports to Vietnam climbed 12% in 2023.", "12%", {"type": CHANGE, "direction": "up", "quantity.value": 12.0, "quantity.unit": "%", "predicate": "exports"}),
        Row("Tesla's deliveries jumped 38% in 2023.", "38%", {"type": CHANGE, "direction": "up", "subject": "Tesla"}),
        Row("India's economy grew 8.2% in 2023.", "8.2%", {"type": CHANGE, "direction": "up", "predicate": "GDP growth", "subject": "India"}),
        # "rose to": the level reached, not the size of a rise
        Row("Chile's unemployment rate rose to 8.7% in 2023.", "8.7%", {"type": QUANTITY, "direction": "up", "predicate": "unemployment rate"}),
        Row("Toyota raised prices by 5% in 2023.", "5%", {"type": CHANGE, "direction": "up", "subject": "Toyota"}),
        # "from X to Y" as written: the parser hangs X inside Y and Y under "from"
        Row("Unemployment in Germany rose from 10.3% to 10.8% in 2004.", "10.3%", {"type": QUANTITY, "direction": EARLIER}),
        Row("Unemployment in Germany rose from 10.3% to 10.8% in 2004.", "10.8%", {"type": QUANTITY, "direction": "up", "time": InYear(2004)}),
    ],
    "down-verbs": [
        Row("Germany's economy shrank by 0.3% in 2023.", "0.3%", {"type": CHANGE, "direction": "down", "predicate": "GDP growth", "subject": "Germany"}),
        Row("Volkswagen's sales fell 3% in 2023.", "3%", {"type": CHANGE, "direction": "down", "predicate": "revenue", "subject": "Volkswagen"}),
        Row("Inflation in Peru fell to 3.2% in 2023.", "3.2%", {"type": QUANTITY, "direction": "down", "predicate": "inflation", "subject": "Peru"}),
        # a level reached now by a present-tense change: no source's latest can dispute it
        Row("The ECB's deposit rate falls to 3.75% from 4%.", "3.75%", {"type": QUANTITY, "direction": "down", "binding.time.how": Bound.NONE}),
        # a rate per 100,000 people: the base is no figure
        no_claim("In the United States the murder rate fell to 5.7 per 100,000 people in 2023.", "100,000"),
        # jobs cut are a fall, not the workforce
        Row("Siemens cut 1,200 jobs in 2004.", "1,200", {"type": CHANGE, "direction": "down", "subject": "Siemens"}),
        Row("The Bank of England cut interest rates to 4.5% from 4.75%.", "4.5%", {"type": QUANTITY, "direction": "down", "predicate": "interest rate"}),
        Row("The Bank of England cut interest rates to 4.5% from 4.75%.", "4.75%", {"type": QUANTITY, "direction": EARLIER}),
    ],
    "up-nouns": [
        Row("Brazil's exports posted an increase of 8% in 2023.", "8%", {"type": CHANGE, "direction": "up", "predicate": "exports", "subject": "Brazil"}),
        Row("Mexico's remittances recorded a rise of 7.6% in 2023.", "7.6%", {"type": CHANGE, "direction": "up", "subject": "Mexico"}),
    ],
    "down-nouns": [
        Row("Ford reported a drop of 7% in sales in 2023.", "7%", {"type": CHANGE, "direction": "down", "predicate": "revenue", "subject": "Ford"}),
        Row("Ford's sales showed a decline of 7% in 2023.", "7%", {"type": CHANGE, "direction": "down", "predicate": "revenue"}),
        Row(
            "Boeing reported a net loss of $2.2 billion in 2023.", "$2.2 billion",
            {"type": QUANTITY, "direction": None, "predicate": "net loss", "subject": "Boeing", "quantity.value": 2.2e9},
        ),
    ],
    "amount-nouns": [
        Row("Boeing reported a net loss of $2.2 billion in 2023.", "$2.2 billion", {"type": QUANTITY, "direction": None, "predicate": "net loss", "subject": "Boeing"}),
        Row("Siemens booked a gain of €1.5 billion on the sale in 2023.", "€1.5 billion", {"type": QUANTITY, "direction": None, "subject": "Siemens"}),
        # a share is still a change: "a loss of 5%" is a fall
        Row("Ford's shares suffered a loss of 5% in 2023.", "5%", {"type": CHANGE, "direction": "down"}),
    ],
    "up-comparatives": [
        Row("Nvidia's revenue was up 126% in 2023.", "126%", {"type": CHANGE, "direction": "up", "predicate": "revenue", "subject": "Nvidia"}),
        Row("Japan's exports in 2023 were 23% higher than in 2020.", "23%", {"type": CHANGE, "direction": "up", "predicate": "exports"}),
        Row("Chile's unemployment rate was 8.7% in 2023, up from 7.9% in 2022.", "7.9%", {"type": QUANTITY, "direction": EARLIER, "time": InYear(2022)}),
    ],
    "down-comparatives": [
        Row("Germany's exports were down 4% in 2023.", "4%", {"type": CHANGE, "direction": "down", "predicate": "exports", "subject": "Germany"}),
        Row("Mexico's exports were 9% lower than a year earlier.", "9%", {"type": CHANGE, "direction": "down", "predicate": "exports"}),
        Row("Spain's unemployment rate was 11.8% in 2023, down from 12.9% in 2022.", "12.9%", {"type": QUANTITY, "direction": EARLIER, "time": InYear(2022)}),
        Row("Spain's unemployment rate was 11.8% in 2023, down from 12.9% in 2022.", "11.8%", {"type": QUANTITY, "direction": None, "time": InYear(2023)}),
    ],
    "at-least-verbs": [
        Row("Apple's sales passed $1 billion.", "$1 billion", {"quantity.lower": 1e9, "quantity.upper": None, "predicate": "revenue", "subject": "Apple"}),
        Row("US national debt surpassed $34 trillion in January 2024.", "$34 trillion", {"quantity.lower": 34e12, "predicate": "public debt", "subject": "US"}),
        Row("Tesla's market value topped $1 trillion in 2021.", "$1 trillion", {"quantity.lower": 1e12, "predicate": "market value"}),
        Row("Apple's sales reached $1 billion.", "$1 billion", {"quantity.value": 1e9, "quantity.lower": None, "quantity.upper": None}),
    ],
    "at-most-verbs": [
        Row("Nvidia's market value nears $2 trillion.", "$2 trillion", {"quantity.upper": 2e12, "quantity.approximate": True, "predicate": "market value"}),
        Row("Nvidia's market value is approaching $2 trillion.", "$2 trillion", {"quantity.upper": 2e12, "quantity.approximate": True}),
        Row("Nvidia's market value reached $2 trillion in February 2024.", "$2 trillion", {"quantity.lower": None, "quantity.upper": None}),
    ],
    "gap-nouns": [
        no_claim("Germany's CDU won the election in Saxony, and its margin exceeded 10 points.", "10 points"),
        # the same clause about a level, not a difference
        Row("Germany's CDU won the election in Saxony, and its share exceeded 30%.", "30%", {"predicate": "share", "quantity.lower": 30.0}),
        no_claim(
            "Biden won Georgia in 2020, but his lead was only 11,779 votes.", "11,779",
            xfail="the gap's own noun 'votes' names a metric, so the lead becomes Georgia's votes (11,779, predicate 'votes'); the gap rule only drops gaps with no metric in their clause",
        ),
    ],
    "not-a-metric": [
        no_claim("France and Germany met in Paris. The two sides talked for three days.", "two"),
        no_claim("France and Germany met in Paris. The two sides talked for three days.", "three"),
        no_claim("Germany will phase out coal in three steps by 2038.", "three"),
        # a count's own noun that does name what it counts
        Row("Ukraine received three Patriot batteries in 2023.", "three", {"predicate": "batteries", "subject": "Ukraine", "quantity.value": 3.0}),
    ],
    "group-nouns": [
        Row("Kenya is a regional technology hub. The share of people in high-income countries who use the internet is 93%.", "93%", {"predicate": "share", "binding.subject.how": Not(Bound.TOPIC)}),
        Row("Kenya is a regional technology hub. The share of rural households with internet access reached 29% in 2023.", "29%", {"binding.subject.how": Not(Bound.TOPIC)}),
        Row("Kenya is a regional technology hub. The share of firms in low-income economies that sell online is 12%.", "12%", {"binding.subject.how": Not(Bound.TOPIC)}),
        # no group named: the topic's figure
        Row("Kenya is a regional technology hub. The share of people who use the internet is 40%.", "40%", {"subject": "Kenya", "binding.subject.how": Bound.TOPIC}),
    ],
    "owner-prepositions": [
        Row("Inflation across the euro area averaged 5.4% in 2023.", "5.4%", {"predicate": "inflation", "subject": "euro area", "binding.subject.how": Bound.CLAUSE}),
        Row("Unemployment in Chile, Argentina's neighbour, rose to 8.7% in 2023.", "8.7%", {"predicate": "unemployment rate", "subject": "Chile", "binding.subject.how": Bound.CLAUSE}),
        Row("Inflation throughout Latin America, including Argentina, averaged 5.4% in 2023.", "5.4%", {"subject": "Latin America", "binding.subject.how": Bound.CLAUSE}),
        Row("Peru is a big copper producer. Inflation in the country fell to 3.2% in 2023.", "3.2%", {"subject": "Peru", "binding.subject.how": Bound.REFERENCE}),
    ],
    "population-nouns": [
        Row("Ethiopia has about 126 million people.", "126 million", {"predicate": "population", "subject": "Ethiopia", "quantity.value": 126e6}),
        Row("India counts more than 1.4 billion citizens.", "1.4 billion", {"predicate": "population", "subject": "India", "quantity.lower": 1.4e9}),
        Row("Ethiopia has about 70 million cattle.", "70 million", {"predicate": "cattle", "subject": "Ethiopia"}),
    ],
    "population-verbs": [
        Row("Britain, home to 68 million people, held an election in 2024.", "68 million", {"predicate": "population", "subject": "Britain"}),
        Row("Nigeria houses more than 220 million people.", "220 million", {"predicate": "population", "subject": "Nigeria"}),
        Row("Ethiopia vaccinated 3 million people in 2023.", "3 million", {"predicate": Not("population"), "subject": "Ethiopia"}),
    ],
    "rank-verbs": [
        Row("Germany ranked third in exports in 2023.", "third", {"rank": 3, "subject": "Germany", "predicate": "exports"}, kind=RANKING),
        Row("China came first in solar capacity in 2023.", "first", {"rank": 1, "subject": "China", "predicate": "capacity"}, kind=RANKING),
        Row(
            "Spain finished second in the medal table at the Paris Olympics.", "second", {"rank": 2, "subject": "Spain"}, kind=RANKING,
            xfail="no metric the lexicon knows names medals, and a ranking without a metric is dropped",
        ),
    ],
    "topping-verbs": [
        Row("Norway led the rankings for electric car sales in 2023.", "led", {"rank": 1, "subject": "Norway"}, kind=RANKING),
        Row("The United States topped the medal table at the Paris Olympics.", "topped", {"rank": 1, "subject": "United States"}, kind=RANKING),
    ],
    "league-tables": [
        Row("Qatar topped the ranking of GDP per capita in 2023.", "topped", {"rank": 1, "subject": "Qatar", "predicate": "GDP per capita"}, kind=RANKING),
        Row("China topped the table of solar capacity in 2023.", "topped", {"rank": 1, "subject": "China", "predicate": "capacity"}, kind=RANKING),
        Row(
            "Kenya topped the list of tea exporters in 2023.", "topped", {"rank": 1, "subject": "Kenya"}, kind=RANKING,
            xfail="no metric the lexicon knows names tea exports, and a ranking without a metric is dropped",
        ),
        no_claim("Norway led the talks on electric car sales in 2023.", "led", kind=RANKING),
    ],
    "superlatives": [
        Row("Luxembourg is the richest country in the world by GDP per capita.", "richest", {"rank": 1, "subject": "Luxembourg", "predicate": "GDP per capita", "direction": None}, kind=RANKING),
        Row("Qatar has the highest GDP per capita in the Gulf.", "highest", {"rank": 1, "subject": "Qatar", "direction": None}, kind=RANKING),
        # a possessor's series, when the ranked noun is said of someone
        Row("Walmart was the world's largest company by revenue in 2023.", "largest", {"rank": 1, "subject": "Walmart", "predicate": "revenue"}, kind=RANKING),
        no_claim("Regular trains start running through the world's longest rail tunnel.", "longest", kind=RANKING),
        # the ranked noun is the clause's subject: an unnamed one ranks no one, and an
        # apposition ranks only by what its own clause names (not the profit said later)
        no_claim("Japan's biggest carmaker reported record profits in 2023.", "biggest", kind=RANKING),
        no_claim("Germany's largest lender, Deutsche Bank, said profit rose 20% in 2023.", "largest", kind=RANKING),
    ],
    "not-ranks": [
        no_claim("The best way to cut inflation is to raise rates, Brazil's central bank said.", "best", kind=RANKING),
        no_claim("The latest figures show Chile's unemployment rate was 8.7% in 2023.", "latest", kind=RANKING),
    ],
    "low-end-superlatives": [
        Row("Niger has the lowest GDP per capita in the world.", "lowest", {"rank": 1, "direction": "down", "subject": "Niger"}, kind=RANKING),
        Row("Tuvalu has the smallest population in the world.", "smallest", {"rank": 1, "direction": "down", "predicate": "population"}, kind=RANKING),
    ],
    "more-comparatives": [
        Row("Germany's exports were greater than France's in 2023.", "greater", {"direction": "up", "subject": "Germany", "object": "France", "predicate": "exports"}, kind=COMPARISON),
        Row("Chile's unemployment rate was higher than Peru's in 2023.", "higher", {"direction": "up", "subject": "Chile", "object": "Peru"}, kind=COMPARISON),
    ],
    "less-comparatives": [
        Row("Spain's inflation was lower than Italy's in 2023.", "lower", {"direction": "down", "subject": "Spain", "object": "Italy", "predicate": "inflation"}, kind=COMPARISON),
        Row("Peru's exports are smaller than Chile's.", "smaller", {"direction": "down", "subject": "Peru", "object": "Chile"}, kind=COMPARISON),
    ],
    "country-nouns": [
        Row("Peru is a big copper producer. Inflation in the country fell to 3.2% in 2023.", "3.2%", {"subject": "Peru", "binding.subject.how": Bound.REFERENCE}),
    ],
    "organisation-nouns": [
        Row("Toyota is Japan's largest carmaker. Revenue at the company rose 21% in 2023.", "21%", {"subject": "Toyota", "predicate": "revenue"}),
        Row("NATO is a military alliance. The alliance's spending rose 11% in 2023.", "11%", {"subject": "NATO"}),
    ],
    "world-words": [
        Row("Worldwide sales of electric cars rose 35% in 2023.", "35%", {"subject": "World"}),
        Row("Global inflation fell to 6.8% in 2023.", "6.8%", {"subject": "World", "predicate": "inflation"}),
        Row("India is a big market. Sales of smartphones worldwide fell 3% in 2023.", "3%", {"subject": "World"}),
    ],
    "reporting-verbs": [
        Row("The IMF estimated that Egypt's economy grew 3.8% in 2023.", "3.8%", {"subject": "Egypt", "modality": REPORTED}),
        Row("Eurostat reported that unemployment in Spain was 11.8% in 2023.", "11.8%", {"subject": "Spain", "modality": REPORTED}),
        # the reporter of a national figure is its source: the country its name gives,
        # else the country the text is about; a company reporting its own figure keeps it
        Row("Statistics Norway reported that unemployment was 3.6% in 2023.", "3.6%", {"subject": "Norway", "binding.subject.how": Bound.SENTENCE}),
        Row("Statistics Canada said the unemployment rate rose to 5.8% in December.", "5.8%", {"subject": "Canada", "predicate": "unemployment rate"}),
        Row("Chile's economy is copper-driven. The central bank said inflation fell to 4% in January.", "4%", {"subject": "Chile", "binding.subject.how": Not(Bound.CLAUSE)}),
        Row("Germany's largest lender, Deutsche Bank, said profit rose 20% in 2023.", "20%", {"subject": "Deutsche Bank", "predicate": "profit"}),
    ],
    "estimate-verbs": [
        Row("The World Bank put the direct physical damage in Turkey at $34.2 billion.", "$34.2 billion", {"subject": "Turkey", "binding.subject.how": Bound.SENTENCE}),
        Row("Turkey was hit hard. Across the border in Syria, the bank estimated the damage at $5.1 billion.", "$5.1 billion", {"subject": "Syria", "binding.subject.how": Bound.SENTENCE}),
        # the estimator's own figure
        Row("Walmart put its revenue at $648 billion in 2023.", "$648 billion", {"subject": "Walmart", "predicate": "revenue", "time": InYear(2023)}),
    ],
    "prediction-verbs": [
        Row("Analysts expect India's economy to grow 6.5% in 2025.", "6.5%", {"subject": "India", "modality": PREDICTION}),
        Row("Mexico's economy is forecast to grow 2.5% in 2025.", "2.5%", {"subject": "Mexico", "modality": PREDICTION}),
    ],
    "forecast-verbs": [
        Row("The Suez Canal Authority expects traffic to recover once the region's crises ease.", "expects", {"subject": "traffic", "predicate": "recover", "modality": PREDICTION}, kind=EVENT),
        Row("Oppenheimer is expected to dominate the Golden Globes on Sunday.", "expected", {"subject": "Oppenheimer", "predicate": "dominate", "modality": PREDICTION}, kind=EVENT),
        # a forecast with a figure is that figure's claim, not a second one
        no_claim("Walmart expects sales to grow by 3% to 4% in the current fiscal year.", "expects", kind=EVENT),
    ],
    "future-auxiliaries": [
        Row("India's economy will grow 6.5% in 2025.", "6.5%", {"modality": PREDICTION}),
        Row("Chile's exports grew 4% in 2023 and will grow 3% in 2024.", "3%", {"modality": PREDICTION}),
        Row("Chile's exports grew 4% in 2023 and will grow 3% in 2024.", "4%", {"modality": ASSERTED}),
    ],
    "time-adjectives": [
        Row("The next general election in India will be held in 2029.", "held", {"subject": "general election", "modality": PREDICTION}, kind=EVENT),
        Row("India's last general election was held in 2024.", "held", {"subject": "general election", "modality": ASSERTED}, kind=EVENT),
    ],
    "date-words": [
        Row("In 2010, the population of Russia was 141,927,279.", "141,927,279", {"predicate": "population", "subject": "Russia", "quantity.value": 141927279.0, "time": InYear(2010)}, date_tagged=True),
        Row("Russia is a large country. In 2010 its population was 141,927,279.", "141,927,279", {"predicate": "population", "subject": "Russia"}, date_tagged=True),
        no_claim("Russia's population was 146 million three years ago.", "three"),
        no_claim("Kenya's population was 47.6 million two years after the census.", "two"),
    ],
}  # fmt: skip

PATTERNS: dict[str, list[Row]] = {
    "YEAR": [
        # a year in the figure's clause is not the figure's when it is where a change starts
        Row("The population of the Dominican Republic was estimated at 8.4 million in July 2000, an increase of 15 percent from the 1993 census figure.", "15 percent", {"time": None, "binding.time.how": Bound.NONE}),
        # a year modifying the figure's noun is its period, though the tagger calls it a number
        Row("Mozambique has an estimated 2014 population of 26 million.", "26 million", {"predicate": "population", "subject": "Mozambique", "time": InYear(2014)}),
        Row("Kenya's 2023 budget of $27 billion was its largest.", "$27 billion", {"subject": "Kenya", "time": InYear(2023)}),
        # a year left unbound in the figure's clause makes its period too loose to dispute
        Row("Bosnia and Herzegovina ended 2013 with a population of 3,829,307 people.", "3,829,307", {"subject": "Bosnia and Herzegovina", "binding.time.how": Bound.NONE}),
    ],
    "YEAR_BEFORE": [
        # the year before a period this sentence does not name: a guess, which cannot dispute
        Row("Spain's unemployment rate was 12.1% in 2023. A year earlier, Spain's unemployment rate was 12.9%.", "12.9%", {"predicate": "unemployment rate", "binding.time.how": Bound.DISCOURSE}),
        Row("Consumer prices in Mexico rose 5.9% in 2023, after 6.9% the year before.", "6.9%", {"predicate": "inflation", "subject": "Mexico", "time": InYear(2022)}),
        Row("Turkey's inflation was 64.8% in 2023, compared with 72.3% the year before.", "72.3%", {"predicate": "inflation", "time": InYear(2022)}),
        Row("Turkey's inflation eased to 64.8% in 2023 from 72.3% in the previous year.", "72.3%", {"direction": EARLIER, "time": InYear(2022)}),
        # "a year ago" counts back from publication (1 March 2024), not from the sentence's year
        Row("Turkey's annual inflation was 67.1% in February, compared with 55.2% a year ago.", "55.2%", {"predicate": "inflation", "time": Covers(date(2023, 2, 15))}),
    ],
}  # fmt: skip

# Each metric's rows name its figure's metric and subject; "national" metrics (a
# country's figure) go to the country an article is about, not to a company it names.
CODELCO = "Codelco is Chile's state copper miner."
METRIC_RULES: dict[str, list[Row]] = {
    "population": [
        Row("Chile's population was 19.6 million in 2023.", "19.6 million", {"predicate": "population", "subject": "Chile", "quantity.value": 19.6e6, "quantity.unit": None}),
        Row("In India, some 1.4 billion people live in 28 states.", "1.4 billion", {"predicate": "population", "subject": "India"}),
        Row(f"{CODELCO} The population was 19.6 million in 2023.", "19.6 million", {"predicate": "population", "subject": "Chile"}),
    ],
    "GDP": [
        Row("Brazil's gross domestic product reached $2.17 trillion in 2023.", "$2.17 trillion", {"predicate": "GDP", "subject": "Brazil", "quantity.value": 2.17e12, "quantity.unit": "USD"}),
        # a percentage change of GDP is real growth (the rule's `growth`), not the change
        # of GDP in current dollars
        Row("Germany's gross domestic product rose by 1.7% in 2004.", "1.7%", {"type": CHANGE, "predicate": "GDP growth", "subject": "Germany"}),
        Row("Brazil's GDP rose by $120 billion in 2023.", "$120 billion", {"type": CHANGE, "predicate": "GDP"}),
    ],
    "nominal GDP": [
        Row("Germany's nominal GDP rose by 12% in 2004.", "12%", {"type": CHANGE, "predicate": "nominal GDP", "subject": "Germany"}),
        Row("Japan's GDP in current dollars was $4.2 trillion in 2023.", "$4.2 trillion", {"predicate": "nominal GDP", "subject": "Japan"}),
    ],
    "GDP per capita": [
        Row("Norway's GDP per capita was $87,925 in 2023.", "$87,925", {"predicate": "GDP per capita", "subject": "Norway"}),
        Row("Brazil's GDP per head was $10,043 in 2023.", "$10,043", {"predicate": "GDP per capita", "subject": "Brazil"}),
    ],
    "GNI per capita": [
        Row("Kenya's GNI per capita was $2,010 in 2022.", "$2,010", {"predicate": "GNI per capita", "subject": "Kenya", "time": InYear(2022)}),
        Row("Kenya's national income per head was $2,010 in 2022.", "$2,010", {"predicate": "GNI per capita", "subject": "Kenya"}),
    ],
    "GNI": [
        Row("India's gross national income was $3.5 trillion in 2022.", "$3.5 trillion", {"predicate": "GNI", "subject": "India"}),
    ],
    "consumer price index": [
        Row("Argentina's consumer price index stood at 3,533 in December 2023.", "3,533", {"predicate": "consumer price index", "subject": "Argentina", "quantity.unit": None}),
        Row("Japan's CPI stood at 106.9 in December 2023.", "106.9", {"predicate": "consumer price index", "subject": "Japan"}),
    ],
    "fuel price": [
        Row("The average petrol price in the UK was £1.45 in 2023.", "£1.45", {"predicate": "fuel price", "subject": "UK", "quantity.unit": "GBP"}),
    ],
    "GDP growth": [
        Row("Spain's economic growth was 2.5% in 2023.", "2.5%", {"type": QUANTITY, "predicate": "GDP growth", "subject": "Spain"}),
        Row("India's economy grew 8.2% in 2023.", "8.2%", {"predicate": "GDP growth", "subject": "India"}),
    ],
    "inflation": [
        Row("Inflation in Argentina reached 211% in 2023.", "211%", {"predicate": "inflation", "subject": "Argentina", "quantity.unit": "%"}),
        Row(f"{CODELCO} Inflation was 3.9% in 2023.", "3.9%", {"predicate": "inflation", "subject": "Chile"}),
    ],
    "unemployment rate": [
        Row("Unemployment in Chile rose to 8.7% in 2023.", "8.7%", {"predicate": "unemployment rate", "subject": "Chile", "time": InYear(2023)}),
        Row("Spain's jobless rate fell to 11.8% in 2023.", "11.8%", {"predicate": "unemployment rate", "subject": "Spain"}),
        Row(f"{CODELCO} Unemployment stood at 8.5% in 2023.", "8.5%", {"predicate": "unemployment rate", "subject": "Chile"}),
    ],
    "life expectancy": [
        Row("Japan's life expectancy at birth was 84.5 in 2022.", "84.5", {"predicate": "life expectancy", "subject": "Japan"}),
        Row(
            "Life expectancy in Japan reached 84.5 years in 2022.", "84.5",
            {"predicate": "life expectancy", "subject": "Japan", "quantity.value": 84.5},
        ),
    ],
    "area": [
        Row("Chile has a total area of 756,102 square kilometres.", "756,102", {"predicate": "area", "subject": "Chile", "quantity.unit": "km2"}),
    ],
    "fertility rate": [
        Row("South Korea's fertility rate fell to 0.72 in 2023.", "0.72", {"predicate": "fertility rate", "subject": "South Korea"}),
    ],
    "interest rate": [
        Row("The Bank of England raised its base rate to 5.25% in August 2023.", "5.25%", {"predicate": "interest rate", "subject": "Bank of England"}),
    ],
    "budget deficit": [
        Row("France's budget deficit reached 5.5% of GDP in 2023.", "5.5%", {"predicate": "budget deficit", "subject": "France"}),
        Row("Spain recorded a budget deficit of 3.6% of GDP in 2023.", "3.6%", {"predicate": "budget deficit", "subject": "Spain"}),
    ],
    "public debt": [
        Row("Italy's public debt stood at 137% of GDP in 2023.", "137%", {"predicate": "public debt", "subject": "Italy"}),
        # the subject of 'after revealing' is the subject of the clause it hangs on
        Row("Parmalat sought protection from creditors in 2003 after revealing debts of 14bn euros.", "14bn euros", {"subject": "Parmalat"}),
    ],
    "exports": [
        Row("Vietnam's exports reached $355 billion in 2023.", "$355 billion", {"predicate": "exports", "subject": "Vietnam"}),
    ],
    "imports": [
        Row("India's imports totalled $677 billion in 2023.", "$677 billion", {"predicate": "imports", "subject": "India"}),
    ],
    "trade surplus": [
        Row("China's trade surplus hit $823 billion in 2023.", "$823 billion", {"predicate": "trade surplus", "subject": "China"}),
    ],
    "revenue": [
        Row("Microsoft's revenue was $212 billion in fiscal 2023.", "$212 billion", {"predicate": "revenue", "subject": "Microsoft"}),
        Row(f"{CODELCO} Revenue was $16.9 billion in 2023.", "$16.9 billion", {"predicate": "revenue", "subject": "Codelco"}),
    ],
    "profit": [
        Row("Toyota's net profit rose to ¥4.9 trillion in 2023.", "¥4.9 trillion", {"predicate": "profit", "subject": "Toyota", "quantity.unit": "JPY"}),
        Row(f"{CODELCO} Profit was $1.1 billion in 2023.", "$1.1 billion", {"predicate": "profit", "subject": "Codelco"}),
    ],
    "net loss": [
        Row("Boeing's net loss narrowed to $2.2 billion in 2023.", "$2.2 billion", {"type": QUANTITY, "predicate": "net loss", "subject": "Boeing"}),
    ],
    "profit margin": [
        Row("Unilever's operating margin was 16.7% in 2023.", "16.7%", {"predicate": "profit margin", "subject": "Unilever"}),
        # a margin a metric names is no gap between two values (gap-nouns)
        Row("Reuters reported results on Tuesday. Revenues were £4.3bn while the firm's operating margins were 14.1%.", "14.1%", {"predicate": "profit margin", "subject": "Reuters"}),
    ],
    "corporate tax rate": [
        Row("South Africa cut its corporate tax rate from 30% to 29% in 2005.", "29%", {"predicate": "corporate tax rate", "subject": "South Africa", "direction": "down"}),
    ],
    "market value": [
        Row("Nvidia's market value reached $2 trillion in February 2024.", "$2 trillion", {"predicate": "market value", "subject": "Nvidia"}),
    ],
    "investment": [
        Row("Toyota's investment in battery plants reached $13.9 billion in 2023.", "$13.9 billion", {"predicate": "investment", "subject": "Toyota"}),
    ],
    "spending": [
        Row("Germany's defence spending reached €52 billion in 2023.", "€52 billion", {"predicate": "spending", "subject": "Germany", "quantity.unit": "EUR"}),
    ],
    "budget": [
        Row("NASA's budget was $25.4 billion in 2023.", "$25.4 billion", {"predicate": "budget", "subject": "NASA"}),
    ],
    "price": [
        Row("Tesla cut the price of the Model Y to $43,990 in January 2024.", "$43,990", {"predicate": "price", "subject": "Tesla"}),
    ],
    "wages": [
        Row("Germany's minimum wage rose to €12.41 an hour in January 2024.", "€12.41", {"predicate": "wages", "subject": "Germany"}),
    ],
    "market share": [
        Row("Samsung's market share reached 20% in 2023.", "20%", {"predicate": "market share", "subject": "Samsung"}),
    ],
    "share": [
        Row("The share of renewables in Germany's electricity reached 52% in 2023.", "52%", {"predicate": "share", "subject": "Germany"}),
    ],
    "turnout": [
        Row("Voter turnout in Poland was 74.4% in 2023.", "74.4%", {"predicate": "turnout", "subject": "Poland"}),
        Row("The Labour Party won the election in Britain. Turnout was 59.7%.", "59.7%", {"predicate": "turnout", "subject": "Britain"}),
    ],
    "votes": [
        Row("Biden won 81 million votes in 2020.", "81 million", {"predicate": "votes", "subject": "Biden"}),
        Row("The Greens won 14.8% of the vote in the 2021 election.", "14.8%", {"predicate": "votes", "subject": "Greens"}),
    ],
    "seats": [
        Row("The Greens won 118 seats in the 2021 election.", "118", {"predicate": "seats", "subject": "Greens", "quantity.unit": None}),
    ],
    "employees": [
        Row("Amazon employed 1.5 million workers at the end of 2023.", "1.5 million", {"predicate": "employees", "subject": "Amazon"}),
    ],
    "deaths": [
        Row("The earthquake in Turkey killed more than 50,000 people in February 2023.", "50,000", {"predicate": "deaths", "subject": "Turkey", "quantity.lower": 50000.0}),
    ],
    "cases": [
        Row("India reported 2.8 million tuberculosis cases in 2022.", "2.8 million", {"predicate": "cases", "subject": "India"}),
    ],
    "users": [
        Row("Netflix had 260 million subscribers at the end of 2023.", "260 million", {"predicate": "users", "subject": "Netflix"}),
    ],
    "visitors": [
        Row("Japan welcomed 25 million foreign visitors in 2023.", "25 million", {"predicate": "visitors", "subject": "Japan"}),
    ],
    "students": [
        Row("Harvard enrolled 21,000 students in 2023.", "21,000", {"predicate": "students", "subject": "Harvard"}),
    ],
    "units sold": [
        Row("Tesla delivered 1.8 million vehicles in 2023.", "1.8 million", {"predicate": "units sold", "subject": "Tesla"}),
    ],
    "emissions": [
        Row("China's carbon dioxide emissions reached 12.6 billion tonnes in 2023.", "12.6 billion tonnes", {"predicate": "emissions", "subject": "China", "quantity.unit": "t"}),
    ],
    "production": [
        Row("Brazil's coffee production reached 3.7 million tonnes in 2023.", "3.7 million tonnes", {"predicate": "production", "subject": "Brazil"}),
        Row("India's coal output reached 997 million tonnes in 2023.", "997 million tonnes", {"predicate": "production", "subject": "India"}),
    ],
    "capacity": [
        Row("China installed 217 GW of solar capacity in 2023.", "217 GW", {"predicate": "capacity", "subject": "China", "quantity.unit": "GW"}),
    ],
}  # fmt: skip

TABLES: dict[str, list[Row]] = {
    **WORD_RULES,
    **PATTERNS,
    **{f"metric:{name}": rows for name, rows in METRIC_RULES.items()},
}


def defined_rules() -> list[str]:
    """Every rule en.py defines, by the name its table goes under."""
    words = [value.name for value in vars(en).values() if isinstance(value, en.WordRule)]
    metrics = [f"metric:{rule.name}" for rule in en.METRICS]
    patterns = [name for name, value in vars(en).items() if isinstance(value, re.Pattern)]
    return words + metrics + patterns


def test_every_rule_has_a_table() -> None:
    missing = [name for name in defined_rules() if not TABLES.get(name)]
    assert not missing, f"rules in factcheck/extraction/lang/en.py without a test row: {missing}"


def test_every_table_is_for_a_rule() -> None:
    stale = sorted(set(TABLES) - set(defined_rules()))
    assert not stale, f"tables for rules en.py no longer defines: {stale}"


def _params() -> list[object]:
    params: list[object] = []
    for rule, rows in TABLES.items():
        for number, row in enumerate(rows, start=1):
            marks = [pytest.mark.xfail(strict=True, reason=row.xfail)] if row.xfail else []
            ident = f"{rule.replace(' ', '_')}-{number}"
            params.append(pytest.param(rule, row, id=ident, marks=marks))
    return params


# -- Running a row through the pipeline -----------------------------------------------


@pytest.fixture(scope="module")
def checker(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Checker:
    sources: Path = tmp_path_factory.mktemp("no-sources") / "sources.toml"
    sources.write_text(SOURCES, encoding="utf-8")
    return Checker.from_path(nlp, sources)


def claims_over(checker: Checker, row: Row) -> list[Claim]:
    """The quantity and change claims whose figure is `row.figure`."""
    article = Article(
        path="rule.txt",
        text=row.text,
        sha256="-",
        published=PUBLISHED,
        published_source=PublishedSource.OPTION,
    )
    at = row.text.index(row.figure)
    claims = [checked.claim for checked in checker.check(article).claims]
    if row.kind is not None:
        return [c for c in claims if c.type is row.kind and c.start <= at < c.end]
    return [
        claim
        for claim in claims
        if claim.type in {QUANTITY, CHANGE}
        and claim.quantity is not None
        and row.figure in claim.quantity.text
        and claim.start <= at < claim.end
    ]


def agrees(expected: object, got: object) -> bool:
    if isinstance(expected, Matcher):
        check: Callable[[object], bool] = expected
        return check(got)
    if isinstance(expected, float) and isinstance(got, int | float):
        return bool(got == pytest.approx(expected))
    return got == expected


def describe(claim: Claim) -> str:
    q = claim.quantity
    return (
        f"{claim.type.value} {claim.text!r}: subject={claim.subject!r} "
        f"predicate={claim.predicate!r} direction={claim.direction!r} time={claim.time} "
        f"quantity={q} binding={claim.binding}"
    )


@pytest.mark.slow
@pytest.mark.parametrize(("rule", "row"), _params())
def test_rule_row(checker: Checker, nlp: Language, rule: str, row: Row) -> None:
    if row.date_tagged:
        labels = [ent.label_ for ent in nlp(row.text).ents if row.figure in ent.text]
        assert labels == ["DATE"], f"{rule}: the row needs the tagger to call {row.figure!r} a date"
    found = claims_over(checker, row)
    if row.expected is None:
        assert not found, f"{rule}: no claim expected over {row.figure!r}, got {found}"
        return
    assert len(found) == 1, f"{rule}: one claim expected over {row.figure!r}, got {found}"
    claim = found[0]
    wrong = {
        field: (expected, attrgetter(field)(claim))
        for field, expected in row.expected.items()
        if not agrees(expected, attrgetter(field)(claim))
    }
    assert not wrong, (
        f"{rule}: {row.text!r} over {row.figure!r}: (expected, got) {wrong}\n{describe(claim)}"
    )
