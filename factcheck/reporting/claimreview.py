"""Verdicts as schema.org ClaimReview JSON-LD, for fact-check aggregators and search engines.

One ClaimReview per claim that a source settled (supported or disputed); an
unverified claim has no rating to publish, so it is left out. The rating
follows the 1-5 scale fact-checkers commonly use with ClaimReview:

| verdict   | alternateName | ratingValue | bestRating | worstRating |
|-----------|---------------|-------------|------------|-------------|
| supported | True          | 5           | 5          | 1           |
| disputed  | False         | 1           | 5          | 1           |

These names are also what factcheck's own `claimreview` source kind reads
back as supported and disputed, so a newsroom can feed its published reviews
into a later check. The output is a JSON array of complete JSON-LD objects
(each with its own `@context`), the shape `claims/factchecks.json` uses. It
carries no date of its own (the review's `datePublished` would be the time of
the run), so the same report always gives the same bytes.

The output is made to be pasted into a page's `<script type="application/ld+json">`:
only http(s) URLs are kept (a `javascript:` URL in front matter or in the
`[publisher]` table would be a link that runs code), and `<`, `>` and `&` are
written as JSON escapes, so a claim quoting `</script>` cannot end the block.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from factcheck.errors import ConfigError, E
from factcheck.normalise.dates import front_matter
from factcheck.records import Article, CheckedClaim, Report, Verdict
from factcheck.reporting.json_report import claims_in_order
from factcheck.sources.config import Publisher

SCHEMA_ORG = "https://schema.org"
BEST_RATING = 5
WORST_RATING = 1


@dataclass(frozen=True)
class Rating:
    alternate_name: str
    value: int


RATINGS: Mapping[Verdict, Rating] = {
    Verdict.SUPPORTED: Rating("True", BEST_RATING),
    Verdict.DISPUTED: Rating("False", WORST_RATING),
}
_URL_KEYS = ("url", "canonical_url", "canonical", "permalink")
# Outside its strings JSON has none of these, so escaping them everywhere keeps the values.
_HTML_SPECIALS = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")


def article_url(article: Article, explicit: str | None = None) -> str | None:
    """`explicit` (from --url), else a `url:` the article's front matter declares, else
    a web page's address; only an http(s) URL (see `web_url`)."""
    if explicit:
        return web_url(explicit)
    fields, _ = front_matter(article.text)
    for key in _URL_KEYS:
        value = web_url(fields.get(key, ""))
        if value:
            return value
    return web_url(article.url)


def web_url(value: str | None) -> str | None:
    """`value` (stripped) when it is an absolute http(s) URL with a host, else None."""
    value = (value or "").strip()
    if _SPACE_OR_CONTROL.search(value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:  # "http://[" : a malformed IPv6 host
        return None
    return value if parts.scheme.lower() in {"http", "https"} and parts.hostname else None


def require_publisher(publisher: Publisher | None, sources: str) -> Publisher:
    """The `[publisher]` of the sources file `sources`; a review without an author is
    refused rather than published anonymously."""
    if publisher is None:
        raise ConfigError(sources, E.NO_AUTHOR)
    return publisher


def claim_reviews(
    report: Report, *, publisher: Publisher, url: str | None = None
) -> list[dict[str, Any]]:
    """One ClaimReview object per supported or disputed claim, in document order."""
    return [
        _review(checked, report.article, url, publisher)
        for checked in claims_in_order(report)
        if checked.verdict in RATINGS
    ]


def render_claimreview(reviews: Iterable[Mapping[str, Any]]) -> str:
    """The reviews as a JSON array (JSON-LD), the same bytes for the same reviews, safe to
    embed in an HTML `<script>` block."""
    text = json.dumps(list(reviews), indent=2, ensure_ascii=False, allow_nan=False)
    return text.translate(_HTML_SPECIALS) + "\n"


def _review(
    checked: CheckedClaim, article: Article, url: str | None, publisher: Publisher
) -> dict[str, Any]:
    rating = RATINGS[checked.verdict]
    review: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": "ClaimReview",
        "claimReviewed": claim_reviewed(checked),
        "itemReviewed": _item(article, url),
        "reviewRating": {
            "@type": "Rating",
            "alternateName": rating.alternate_name,
            "ratingValue": rating.value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
        },
    }
    if checked.explanation:
        review["reviewRating"]["ratingExplanation"] = checked.explanation
        review["reviewBody"] = checked.explanation
    review["author"] = _organisation(publisher)
    if url := web_url(publisher.url):
        review["url"] = url
    return review


def claim_reviewed(checked: CheckedClaim) -> str:
    """The claim's whole sentence on one line: a claim's own span ("5.4% in 2023") is
    a fragment that says nothing to a reader of the review."""
    claim = checked.claim
    return " ".join((claim.sentence or claim.text).split())


def _item(article: Article, url: str | None) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim", "datePublished": article.published.isoformat()}
    if url:
        item["appearance"] = {"@type": "CreativeWork", "url": url}
    return item


def _organisation(publisher: Publisher) -> dict[str, Any]:
    author: dict[str, Any] = {"@type": "Organization", "name": publisher.name}
    if url := web_url(publisher.url):
        author["url"] = url
    return author
