"""Errors the library raises, and the one catalogue of what a user can be told.

Every user-facing error has a code (`E001` ...) a user can search for and a test
can pin, a message template, and the exit code the command line gives it. Raise
sites name the catalogue entry and fill its fields; the wording lives only here
(the README's "Errors" table lists the same entries, and a test keeps the two
equal). Every error names the file it is about (and the line, the source or the
key when known), so that a user can go straight to the problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from factcheck.exitcodes import ExitCode


@dataclass(frozen=True)
class Entry:
    code: str
    template: str
    exit_code: ExitCode = ExitCode.ERROR


class E(Enum):
    """The catalogue. Codes are never reused: a retired entry keeps its number."""

    # The article (E0xx)
    NO_SUCH_FILE = Entry("E001", "no such file")
    IS_A_DIRECTORY = Entry("E002", "is a directory, not an article")
    PERMISSION_DENIED = Entry("E003", "permission denied")
    CANNOT_READ = Entry("E004", "cannot read: {reason}")
    EMPTY_ARTICLE = Entry("E005", "the article is empty")
    BINARY_FILE = Entry("E006", "looks like a binary file, not text")
    BAD_ENCODING = Entry("E007", "not valid {encoding} (at byte offset {offset})")
    NOT_UTF8 = Entry("E008", "not valid UTF-8 text ({where}) and not recoverable")
    TOO_LONG = Entry(
        "E009",
        "{length:,} characters, more than the limit of {limit:,} (--max-chars);"
        " split the text or raise the limit",
    )
    CANNOT_READ_STDIN = Entry("E010", "cannot read standard input: {reason}")
    CANNOT_FETCH = Entry("E011", "cannot fetch: {reason}")
    HTTP_STATUS = Entry("E012", "HTTP {status}{phrase}")
    NOT_A_PAGE = Entry("E013", "not a web page or text ({content_type})")
    PAGE_TOO_LARGE = Entry("E014", "the page is larger than {limit:,} bytes")
    NOT_HTML = Entry("E015", "cannot read the page as HTML ({kind})")
    NOT_AN_ARTICLE = Entry("E016", "no article text found in the page (not an article?)")

    # sources.toml and the files it names (E1xx)
    SOURCES_NOT_FOUND = Entry("E101", "no such sources file")
    SOURCES_IS_A_DIRECTORY = Entry("E102", "is a directory, not a sources.toml file")
    FILE_NOT_FOUND = Entry("E103", "file not found")
    NOT_UTF8_DATA = Entry("E104", "not UTF-8 text ({reason})")
    UNREADABLE_FILE = Entry("E105", "cannot be read: {reason}")
    INVALID_TOML = Entry("E106", "invalid TOML: {detail}")
    INVALID_CONFIG = Entry("E107", "{problems}")
    NO_PATH = Entry("E108", "{kind} source has no path")
    EMPTY_TABLE = Entry("E109", "empty file: a header row is required")
    ROW_WIDTH = Entry(
        "E110",
        "row has {cells} cells but the header has {columns} (quote values that contain commas)",
    )
    INVALID_CSV = Entry("E111", "invalid CSV: {detail}")
    NOT_A_NUMBER = Entry("E112", "column '{column}' is not a number")
    NOT_FINITE = Entry("E113", "column '{column}' is not a finite number")
    NOT_A_PERIOD = Entry(
        "E114", "column '{column}' is not a year (2023), a month (2023-07) or a date (2023-07-04)"
    )
    EMPTY_CELL = Entry("E115", "column '{column}' is empty")
    MISSING_COLUMNS = Entry("E116", "missing {names} (the header has {count})")
    DUPLICATE_ROW = Entry(
        "E117", "duplicate value: the same entity, metric, period and unit as line {first}"
    )
    UNKNOWN_RELATION = Entry(
        "E118",
        "column 'relation': not a relation sources.toml knows"
        " (known: {known}; add others in [source.relations])",
    )
    END_BEFORE_START = Entry("E119", "column 'end_date': {end} is before date {start}")
    NOT_AN_ISO_DATE = Entry("E120", "column '{column}' is not an ISO date (YYYY-MM-DD)")
    INVALID_JSON = Entry("E121", "invalid JSON: {detail}")
    NOT_CLAIMREVIEW = Entry("E122", "expected a ClaimReview object, a list of them, or @graph")
    SOURCE_FAILED = Entry("E123", "{detail}")
    VALUE_UNIT = Entry("E124", "column '{column}' is in '{written}' but {expected}")
    FILE_EXISTS = Entry("E125", "already exists (factcheck init never overwrites a file)")
    BAD_CLAIMREVIEW = Entry("E126", "item #{item}: {detail}")

    # The model (E2xx)
    NO_MODEL = Entry("E201", "no spaCy English model installed; run: {hint}")
    MODEL_FAILED = Entry("E202", "cannot load spaCy model ({reason}); run: {hint}")

    # Output, gold sets and batches (E3xx)
    CANNOT_WRITE = Entry("E301", "cannot write ({reason})")
    NOT_A_GOLD_FOLDER = Entry("E302", "is not a folder of annotated articles")
    NO_GOLD_ARTICLES = Entry("E303", "holds no article folders (article.txt + expected.json)")
    BAD_ANNOTATIONS = Entry("E304", "cannot read the annotations ({reason})")
    ANNOTATION_NOT_FOUND = Entry("E305", "annotated text not found in the article: {fragment!r}")
    CANNOT_CREATE = Entry("E306", "cannot create ({reason})")
    NOT_A_BATCH_RECORD = Entry("E307", "is not a batch record: cannot resume from this file")
    CANNOT_RESUME = Entry("E308", "cannot resume from it ({reason})")
    BAD_BATCH_INPUT = Entry("E309", "{detail}")
    NO_SCHEDULER = Entry("E310", "cannot reach the Dask scheduler ({reason})")
    WORKER_CANNOT_LOAD = Entry("E311", "a worker cannot load factcheck ({reason})")
    CLUSTER_FAILED = Entry("E312", "the Dask cluster failed ({reason})")
    NO_AUTHOR = Entry(
        "E313",
        "ClaimReview needs an author: add a [publisher] table with a name"
        " (see README, Reports and editorial gates)",
    )
    INTERRUPTED = Entry(
        "E314", "interrupted after {count} articles; run again with --resume to continue"
    )
    NO_ARTICLES = Entry("E315", "no articles found")

    # The command line itself (E4xx)
    USAGE = Entry("E401", "{detail}")

    @property
    def code(self) -> str:
        return self.value.code

    def text(self, **fields: Any) -> str:
        return self.value.template.format(**fields)


class FactcheckError(Exception):
    """A problem with the user's input, configuration or environment."""

    def __init__(self, path: str, entry: E, *, line: int | None = None, **fields: Any) -> None:
        self.path = path
        self.entry = entry
        self.problem = entry.text(**fields)
        self.line = line
        super().__init__(self.message)

    @property
    def code(self) -> str:
        return self.entry.code

    def __reduce__(self) -> tuple[Any, ...]:
        # Batch workers send errors between processes; the default pickling would
        # call __init__ with the message alone.
        return (_rebuilt, (type(self), self.path, self.entry, self.line, self.problem))

    @property
    def message(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.problem}"


def _rebuilt(
    kind: type[FactcheckError], path: str, entry: E, line: int | None, problem: str
) -> FactcheckError:
    error = kind.__new__(kind)
    error.path, error.entry, error.line, error.problem = path, entry, line, problem
    Exception.__init__(error, error.message)
    return error


class InputError(FactcheckError):
    """The article cannot be read as text."""


class ConfigError(FactcheckError):
    """`sources.toml` or a data file it names is missing or malformed."""


class ModelError(FactcheckError):
    """No usable spaCy model."""
