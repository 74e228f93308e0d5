"""A web page's article: its main text, title, address and date, by trafilatura.

The extracted text, not the markup, becomes `Article.text`: scripts, styles,
navigation, comments and footers are left out, character references such as
`&#39;` are resolved, and claim offsets index into this text. Paragraphs are
separated by blank lines, as in a text article, and the headline opens the
text when the page's body does not already begin with it. The date is the one
the page's markup declares (meta tags, JSON-LD, `<time>`), through htmldate
without its search of the free text, so that "page metadata" is where it came
from; a dateline in the text is then looked for as in any article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Final

from factcheck.errors import E, InputError

__all__ = ["Extracted", "extract_article", "looks_like_html"]

HTML_SUFFIXES: Final = (".html", ".htm", ".xhtml")
HTML_TYPES: Final = ("text/html", "application/xhtml+xml")
# A page whose main text has fewer words than this in lines of prose (not
# menu entries or buttons) has no article to check.
MIN_PROSE_WORDS: Final = 20
_PROSE_LINE_WORDS: Final = 5
# A document that opens, after an optional XML declaration and comments, with
# one of these is HTML whatever its file name.
_HTML_START: Final = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)[\s>]",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str | None
    url: str | None  # the address the page declares for itself (canonical, og:url)
    published: date | None  # declared in the page's markup


def looks_like_html(path: str, text: str) -> bool:
    return path.lower().endswith(HTML_SUFFIXES) or _HTML_START.match(text[:4096]) is not None


def extract_article(path: str, page: str, *, url: str | None, today: date) -> Extracted:
    """The article in `page` (HTML), or InputError when the page holds no article text."""
    # Imported here: trafilatura and lxml cost a text article's run nothing.
    import trafilatura

    try:
        found = trafilatura.bare_extraction(
            page,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={
                "original_date": True,
                "extensive_search": False,  # markup only: a date in the prose is a dateline's job
                "max_date": today.isoformat(),
            },
        )
    except Exception as error:  # whatever a hostile page provokes in the parser: bad input
        raise InputError(path, E.NOT_HTML, kind=type(error).__name__) from error
    body = getattr(found, "text", None) or ""
    if _prose_words(body) < MIN_PROSE_WORDS:
        raise InputError(path, E.NOT_AN_ARTICLE)
    title = _clean(getattr(found, "title", None))
    return Extracted(
        text=_paragraphs(body, title),
        title=title,
        url=_web_address(getattr(found, "url", None)),
        published=_day(getattr(found, "date", None)),
    )


def _paragraphs(body: str, title: str | None) -> str:
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if title and (not lines or lines[0].casefold() != title.casefold()):
        lines.insert(0, title)
    return "\n\n".join(lines) + "\n"


def _prose_words(body: str) -> int:
    counts = (len(line.split()) for line in body.splitlines())
    return sum(count for count in counts if count >= _PROSE_LINE_WORDS)


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _web_address(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if re.match(r"https?://[^\s/]+", value, re.IGNORECASE) else None


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
