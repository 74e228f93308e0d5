"""`kind = "factcheck_api"`: Google Fact Check Tools `claims:search`, asked per claim.

Each claim's sentence is searched; the reviews found become an in-memory
`ReviewSource`, matched by meaning exactly as local ClaimReview files are.

The API key is read from the environment variable `api_key_env` names and sent
in the `X-Goog-Api-Key` header, never in the URL: the URL is what the cache
keys on and what error messages show, so the key reaches neither.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from typing import Any

from factcheck.normalise.entities import EntityResolver
from factcheck.records import Claim, Review, Verdict
from factcheck.sources.claimreview import DEFAULT_RATINGS, DEFAULT_THRESHOLD, ReviewSource
from factcheck.sources.config import SourceSpec
from factcheck.sources.fetching import Fetcher, FetchError
from factcheck.sources.remote_kinds import (
    Built,
    Kind,
    Query,
    Row,
    check_common,
    check_number,
    check_url,
    group,
    raise_problems,
    string_option,
    ttl,
)

DEFAULT_BASE_URL = "https://factchecktools.googleapis.com/v1alpha1"
DEFAULT_KEY_ENV = "GOOGLE_FACTCHECK_API_KEY"
PAGE_SIZE = 10
KEY_HEADER = "X-Goog-Api-Key"


def api_key(spec: SourceSpec, environ: Mapping[str, str] | None = None) -> str | None:
    env = os.environ if environ is None else environ
    return env.get(string_option(spec, "api_key_env", DEFAULT_KEY_ENV)) or None


def missing_key(spec: SourceSpec) -> str:
    return f"no API key: set {string_option(spec, 'api_key_env', DEFAULT_KEY_ENV)}"


def check(spec: SourceSpec) -> None:
    problems: list[str] = []
    check_common(spec, {"base_url", "api_key_env", "language", "threshold"}, problems)
    check_url(spec, "base_url", problems)
    for key in ("api_key_env", "language"):
        if key in spec.options and not (isinstance(spec.options[key], str) and spec.options[key]):
            problems.append(f"key '{key}': expected a non-empty string")
    check_number(spec, "threshold", "a number from 0 to 1", lambda v: 0 <= v <= 1, problems)
    raise_problems(spec, problems)


def plan(spec: SourceSpec, claims: Sequence[Claim], resolver: EntityResolver) -> list[Query]:
    return group([((" ".join(claim.sentence.split()),), claim.id) for claim in claims])


async def run(
    spec: SourceSpec, query: Query, fetcher: Fetcher, resolver: EntityResolver
) -> list[Row]:
    params = {
        "query": query.key[0],
        "languageCode": string_option(spec, "language", "en"),
        "pageSize": str(PAGE_SIZE),
    }
    reply = await fetcher.get_json(
        _url(spec), params, headers=_headers(spec), ttl=ttl(spec), validate=_validate
    )
    return list(_reviews(spec, reply.data))


def build(spec: SourceSpec, rows: Sequence[Row], resolver: EntityResolver) -> tuple[Built, ...]:
    reviews = tuple(dict.fromkeys(row for row in rows if isinstance(row, Review)))
    threshold = float(spec.options.get("threshold", DEFAULT_THRESHOLD))
    return (ReviewSource(spec=spec, reviews=reviews, threshold=threshold),)


async def probe(spec: SourceSpec, fetcher: Fetcher) -> str:
    reply = await fetcher.get_json(
        _url(spec), {"query": "NATO", "pageSize": "1"}, headers=_headers(spec), ttl=0,
        validate=_validate,
    )  # fmt: skip
    return f"claims:search answered ({len(reply.data.get('claims', []))} claim)"


def _url(spec: SourceSpec) -> str:
    return string_option(spec, "base_url", DEFAULT_BASE_URL).rstrip("/") + "/claims:search"


def _headers(spec: SourceSpec) -> dict[str, str]:
    key = api_key(spec)
    if key is None:
        raise FetchError(missing_key(spec))
    return {KEY_HEADER: key}


def _validate(data: Any) -> None:
    if isinstance(data, dict) and isinstance(data.get("error"), dict):
        error = data["error"]
        raise FetchError(f"Fact Check Tools error {error.get('code')}: {error.get('status', '')}")
    if not isinstance(data, dict) or not isinstance(data.get("claims", []), list):
        raise FetchError('unexpected claims:search response (expected {"claims": [...]})')


def _reviews(spec: SourceSpec, data: Mapping[str, Any]) -> list[Review]:
    ratings = {**DEFAULT_RATINGS, **{rating_key(k): v for k, v in spec.ratings.items()}}
    found = []
    for claim in data.get("claims", []):
        if not isinstance(claim, dict) or not isinstance(claim.get("text"), str):
            continue
        reviews = claim.get("claimReview")
        for review in reviews if isinstance(reviews, list) else []:
            if isinstance(review, dict) and isinstance(review.get("textualRating"), str):
                found.append(_review(spec, claim["text"], review, ratings))
    return found


def _review(
    spec: SourceSpec, text: str, review: Mapping[str, Any], ratings: Mapping[str, Verdict]
) -> Review:
    rating = review["textualRating"].strip()
    publisher = review.get("publisher")
    author = publisher.get("name") if isinstance(publisher, dict) else None
    return Review(
        claim_reviewed=text.strip(),
        rating=rating,
        verdict=ratings.get(rating_key(rating)),
        url=_text(review.get("url")),
        author=_text(author),
        date_published=_text(review.get("reviewDate")),
        source=spec.name,
    )


def rating_key(rating: str) -> str:
    """As claimreview.py folds ratings: "Mostly-False!" and "mostly false" are one key."""
    return " ".join(re.sub(r"[^\w]+", " ", rating.casefold()).split())


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _unavailable(spec: SourceSpec) -> str | None:
    return missing_key(spec) if api_key(spec) is None else None


KIND = Kind(
    "factcheck_api", check, plan, run, build, probe, unavailable=_unavailable, secret=api_key
)
