"""Small immutable records that flow between the pipeline stages.

Reading produces an `Article`; extraction produces `Claim`s; sources produce
`TableRow`s, `EventRow`s and `Review`s; matching turns each claim into a
`CheckedClaim`; reporting renders a `Report`. No stage shares mutable state
with another: every hand-over is one of these records.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class ClaimType(StrEnum):
    QUANTITY = "quantity"
    EVENT = "event"
    RANKING = "ranking"
    CHANGE = "change"
    QUOTE = "quote"
    COMPARISON = "comparison"


class Modality(StrEnum):
    ASSERTED = "asserted"
    PREDICTION = "prediction"
    REPORTED = "reported"


class Verdict(StrEnum):
    SUPPORTED = "supported"
    DISPUTED = "disputed"
    UNVERIFIED = "unverified"


class SourceState(StrEnum):
    """A source's status in a report; JSON writes the value ("ok")."""

    OK = "ok"
    DISABLED = "disabled"  # configured but not asked, and why (`SourceStatus.detail`)
    ERROR = "error"


class PublishedSource(StrEnum):
    """Where the publication date used to anchor relative dates came from."""

    OPTION = "option"
    FRONT_MATTER = "front-matter"
    DATELINE = "dateline"
    PAGE_METADATA = "page-metadata"  # a web page's markup: meta tags, JSON-LD, <time>
    TODAY = "today"


@dataclass(frozen=True)
class Article:
    path: str  # as given on the command line: a file, "-" for standard input, or a URL
    text: str  # decoded text (a web page's extracted article); claim offsets index into it
    sha256: str  # of the raw bytes as read
    published: date
    published_source: PublishedSource
    warnings: tuple[str, ...] = ()  # recoverable problems met while reading
    # A web page's address: where it was fetched from, else the one a saved page declares.
    url: str | None = None
    title: str | None = None  # a web page's headline


@dataclass(frozen=True)
class Quantity:
    """A number as stated, with the interval the wording allows.

    `lower`/`upper` come from approximation words ("more than", "up to");
    `precision` is the rounding step implied by how the figure was written
    ("1.3 trillion" -> 1e11), so that a reference value can be compared at the
    stated precision. `unit` is an ISO currency code, "%", "pp" (percentage
    points), a unit name ("km"), or None for plain counts.
    """

    value: float
    unit: str | None
    lower: float | None = None
    upper: float | None = None
    approximate: bool = False
    precision: float = 0.0
    text: str = ""


@dataclass(frozen=True)
class TimeSpan:
    start: date | None
    end: date | None
    text: str


# A ranking's scope when a period is ranked among the periods of one series ("2023 was
# the warmest year on record") rather than an entity among entities.
AMONG_PERIODS = "on record"


class Bound(StrEnum):
    """Where the text gave a claim's subject, metric or time, nearest first."""

    CLAUSE = "clause"  # the figure's own clause: its noun, its verb's arguments
    REFERENCE = "reference"  # "it", "its", "the country": an explicit reference to a name
    SENTENCE = "sentence"  # elsewhere in the claim's sentence
    TOPIC = "topic"  # the only entity of its kind named so far, the clause naming no one else
    DISCOURSE = "discourse"  # an earlier sentence, though the clause names someone else
    DEFAULT = "default"  # not in the text: a time is the latest period before publication
    NONE = "none"  # not bound at all


@dataclass(frozen=True)
class SlotBinding:
    how: Bound
    text: str | None = None  # the words it was bound from, when the text has them


@dataclass(frozen=True)
class Binding:
    """How extraction bound a claim's slots: the evidence the verdict policy weighs."""

    subject: SlotBinding
    metric: SlotBinding
    time: SlotBinding


@dataclass(frozen=True)
class Claim:
    id: str
    text: str
    sentence: str
    start: int
    end: int
    type: ClaimType
    subject: str | None = None
    subject_from_context: bool = False  # named in an earlier sentence, not in this one
    predicate: str | None = None  # a metric phrase or a relation name
    object: str | None = None
    quantity: Quantity | None = None
    time: TimeSpan | None = None
    place: str | None = None
    modality: Modality = Modality.ASSERTED
    attribution: str | None = None
    negated: bool = False
    rank: int | None = None  # for rankings: 1 = first/largest
    # for changes: "up" or "down"; "earlier" marks the figure a change started from
    # ("up from 113", "from 1.32 million a year earlier")
    direction: str | None = None
    scope: str | None = None  # the group a ranking or share is among
    checkworthiness: float = 0.5
    binding: Binding | None = None  # figures only; None for events and quotes


@dataclass(frozen=True)
class TableRow:
    entity: str
    metric: str
    period: str  # "2023", "2023-07" or "2023-07-04"
    value: float
    unit: str
    url: str | None = None
    note: str | None = None
    line: int = 0
    source: str = ""


@dataclass(frozen=True)
class EventRow:
    subject: str
    relation: str
    object: str
    date: datetime.date | None
    end_date: datetime.date | None = None
    place: str | None = None
    url: str | None = None
    note: str | None = None
    line: int = 0
    source: str = ""


@dataclass(frozen=True)
class Review:
    """One schema.org ClaimReview, reduced to what matching needs."""

    claim_reviewed: str
    rating: str  # reviewRating.alternateName as published
    verdict: Verdict | None  # after the source's rating mapping; None = no mapping
    url: str | None = None
    author: str | None = None
    date_published: str | None = None
    source: str = ""


@dataclass(frozen=True)
class Evidence:
    source: str
    title: str | None
    url: str | None
    record: Mapping[str, str | float | None]
    reference_value: float | None = None
    unit: str | None = None
    tolerance: float | None = None
    summary: str = ""  # e.g. "1.26 trillion USD (2023)" or "11-12 July 2023, Vilnius"


@dataclass(frozen=True)
class CheckedClaim:
    claim: Claim
    verdict: Verdict
    confidence: float
    explanation: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class SourceStatus:
    name: str
    kind: str
    status: SourceState
    detail: str = ""
    records: int = 0
    skipped: int = 0  # HTTP requests not made: their host had failed too often in this run


@dataclass(frozen=True)
class Report:
    article: Article
    claims: tuple[CheckedClaim, ...]
    sources: tuple[SourceStatus, ...]
    tool_version: str
    schema_version: str
    options: Mapping[str, str] = field(default_factory=dict)

    def count(self, verdict: Verdict) -> int:
        return sum(1 for checked in self.claims if checked.verdict is verdict)
