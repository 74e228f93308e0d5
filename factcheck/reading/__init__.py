"""Reading the article: a file, standard input or a web page, as text with a date.

A text or Markdown article is kept exactly as decoded (`decoding`), so claim
offsets point at the characters the user sees in the file. An HTML page, saved
(`.html`, `.htm`, or content that is HTML) or fetched from an http(s) URL
(`web`), is reduced to its article (`html`): offsets then index into the
extracted text, which is `Article.text`. Recoverable problems become warnings
on the article; anything that cannot be read as an article is an `InputError`.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, BinaryIO, Final

from factcheck.errors import E, InputError
from factcheck.normalise.dates import declared_date
from factcheck.reading.decoding import Decoded, decode
from factcheck.reading.html import HTML_TYPES, extract_article, looks_like_html
from factcheck.reading.web import MAX_PAGE_BYTES, fetch_page, is_url
from factcheck.records import Article, PublishedSource

if TYPE_CHECKING:
    import httpx

__all__ = ["MAX_CHARS", "MAX_PAGE_BYTES", "STDIN", "WebOptions", "read_article", "refuse_long"]

# A million characters (a long report, not an article) take about two minutes on
# one core (benchmarks/bench_pathological.py); twice that is the most a run takes
# unless the user asks for more.
MAX_CHARS = 2_000_000
STDIN: Final = "-"


@dataclass(frozen=True)
class WebOptions:
    max_bytes: int = MAX_PAGE_BYTES
    transport: httpx.BaseTransport | None = None  # tests: httpx.MockTransport


@dataclass(frozen=True)
class _Body:
    """What was read, before it becomes an article."""

    raw: bytes
    decoded: Decoded
    html: bool
    url: str | None = None  # where a fetched page was found


def read_article(
    path: str,
    *,
    published: date | None = None,
    today: date | None = None,
    stdin: BinaryIO | None = None,
    web: WebOptions | None = None,
) -> Article:
    """Read, decode and date the article at `path` ("-" for standard input, or an
    http(s) URL).

    The publication date is `published` when given, else the date the article
    declares (a page's markup; front matter; a dateline), else `today`
    (default: the system date). Raises InputError for anything that is not
    readable text or has no article in it.
    """
    today = today if today is not None else date.today()
    body = _fetch(path, web or WebOptions()) if is_url(path) else _local(path, stdin)
    text, title, url, declared = body.decoded.text, None, body.url, None
    if body.html:
        page = extract_article(path, text, url=body.url, today=today)
        text, title, declared = page.text, page.title, page.published
        url = url or page.url
    if not text.strip():
        raise InputError(path, E.EMPTY_ARTICLE)
    when, source = _publication_date(text, published, declared, today)
    return Article(
        path=path,
        text=text,
        sha256=hashlib.sha256(body.raw).hexdigest(),
        published=when,
        published_source=source,
        warnings=body.decoded.warnings,
        url=url,
        title=title,
    )


def _local(path: str, stdin: BinaryIO | None) -> _Body:
    raw = _read_stdin(stdin) if path == STDIN else _read_file(path)
    decoded = decode(path, raw)
    return _Body(raw, decoded, looks_like_html(path, decoded.text))


def _fetch(url: str, web: WebOptions) -> _Body:
    page = fetch_page(url, max_bytes=web.max_bytes, transport=web.transport)
    decoded = decode(url, page.body, page.charset)
    # A server that says nothing about the type, or says text/plain for a page, is
    # judged by the content.
    html = page.content_type in HTML_TYPES or looks_like_html("", decoded.text)
    return _Body(page.body, decoded, html, page.url)


def _read_stdin(stdin: BinaryIO | None) -> bytes:
    stream = stdin if stdin is not None else sys.stdin.buffer
    try:
        return stream.read()
    except OSError as error:
        raise InputError(STDIN, E.CANNOT_READ_STDIN, reason=_reason(error)) from error


def _read_file(path: str) -> bytes:
    # Checked first because Windows reports a directory as "permission denied".
    if os.path.isdir(path):
        raise InputError(path, E.IS_A_DIRECTORY)
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except (FileNotFoundError, NotADirectoryError) as error:
        raise InputError(path, E.NO_SUCH_FILE) from error
    except IsADirectoryError as error:
        raise InputError(path, E.IS_A_DIRECTORY) from error
    except PermissionError as error:
        raise InputError(path, E.PERMISSION_DENIED) from error
    except OSError as error:
        raise InputError(path, E.CANNOT_READ, reason=_reason(error)) from error


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def _publication_date(
    text: str, published: date | None, page_date: date | None, today: date
) -> tuple[date, PublishedSource]:
    if published is not None:
        return published, PublishedSource.OPTION
    if page_date is not None:
        return page_date, PublishedSource.PAGE_METADATA
    declared = declared_date(text)
    if declared is not None:
        return declared
    return today, PublishedSource.TODAY


def refuse_long(article: Article, max_chars: int = MAX_CHARS) -> None:
    """Too long to check in reasonable time: refused before the model loads."""
    if len(article.text) > max_chars:
        raise InputError(article.path, E.TOO_LONG, length=len(article.text), limit=max_chars)
