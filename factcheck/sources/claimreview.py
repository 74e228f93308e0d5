"""`kind = "claimreview"`: published fact-checks (schema.org ClaimReview, JSON).

A claim in an article rarely repeats the reviewed wording, so a review is
matched by meaning: both texts are parsed by the same pipeline and compared by
entities, figures, years, negation and content words (`matching/meaning.py`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.errors import ConfigError, E
from factcheck.lexicon import RelationSpec, merge_relations
from factcheck.records import Review, Verdict
from factcheck.sources.config import SourceSpec
from factcheck.sources.tables import fold_phrase

DEFAULT_THRESHOLD = 0.75

_DISPUTED = (
    "false",
    "fake",
    "incorrect",
    "misleading",
    "mostly false",
    "partly false",
    "pants on fire",
    "inaccurate",
    "wrong",
    "distorts the facts",
)
_SUPPORTED = ("true", "correct", "accurate", "mostly true")
DEFAULT_RATINGS: Mapping[str, Verdict] = {
    **dict.fromkeys(_DISPUTED, Verdict.DISPUTED),
    **dict.fromkeys(_SUPPORTED, Verdict.SUPPORTED),
}
# Past forms that suffix rules cannot reach, common in news claims.
_IRREGULAR: Mapping[str, str] = {
    "became": "become",
    "held": "hold",
    "met": "meet",
    "said": "say",
    "sent": "send",
    "spent": "spend",
    "taken": "take",
    "told": "tell",
    "took": "take",
    "won": "win",
}


@dataclass(frozen=True)
class ReviewSource:
    """A source's reviews, and the words of its relations folded for matching
    (`matching/meaning.py` compares the texts)."""

    spec: SourceSpec
    reviews: tuple[Review, ...]
    threshold: float = DEFAULT_THRESHOLD
    vocabulary: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        vocabulary = relation_vocabulary(merge_relations(self.spec.relations))
        object.__setattr__(self, "vocabulary", vocabulary)

    @property
    def records(self) -> int:
        return len(self.reviews)


def load_reviews(spec: SourceSpec) -> ReviewSource:
    if spec.path is None:
        raise ConfigError(spec.name, E.NO_PATH, kind="claimreview")
    ratings = {**DEFAULT_RATINGS, **{_rating_key(k): v for k, v in spec.ratings.items()}}
    data = _read_json(spec.path)
    reviews = tuple(
        _review(spec, spec.path, number, item, ratings)
        for number, item in enumerate(_items(spec.path, data), start=1)
        if _is_claim_review(item)
    )
    threshold = float(spec.options.get("threshold", DEFAULT_THRESHOLD))
    return ReviewSource(spec=spec, reviews=reviews, threshold=threshold)


def relation_vocabulary(relations: Mapping[str, RelationSpec]) -> dict[str, str]:
    """Word form -> one token per relation, so "joined" and "membership" compare equal.

    Words shared by two relations ("take", "admit") say nothing about which
    one is meant and are left as they are.
    """
    owners: dict[str, set[str]] = {}
    for name, spec in relations.items():
        for word in (*spec.verbs, *spec.inverse_verbs, *spec.nouns):
            for form in _inflections(word):
                owners.setdefault(form, set()).add(name)
    return {
        form: "rel_" + "_".join(name.split())
        for form, names in owners.items()
        if len(names) == 1
        for name in names
    }


def _inflections(word: str) -> set[str]:
    folded = fold_phrase(word)
    stem = folded[:-1] if folded.endswith("e") else folded
    forms = {folded, folded + "s", folded + "es", stem + "ed", stem + "ing"}
    forms |= {folded + folded[-1] + "ed", folded + folded[-1] + "ing"}  # admitted
    forms |= {past for past, present in _IRREGULAR.items() if present == folded}
    return {fold_phrase(form) for form in forms if form}


def _read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(str(path), E.FILE_NOT_FOUND) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), E.NOT_UTF8_DATA, reason=exc.reason) from None
    try:
        return json.loads(text)
    except RecursionError:
        raise ConfigError(str(path), E.INVALID_JSON, detail="nested too deeply") from None
    except json.JSONDecodeError as exc:
        detail = f"{exc.msg} (line {exc.lineno})"
        raise ConfigError(str(path), E.INVALID_JSON, line=exc.lineno, detail=detail) from None


def _items(path: Path, data: Any) -> Sequence[Any]:
    if isinstance(data, dict) and "@graph" in data:
        data = data["@graph"]
    elif isinstance(data, dict):
        return [data]
    if not isinstance(data, list):
        raise ConfigError(str(path), E.NOT_CLAIMREVIEW)
    return data


def _is_claim_review(item: Any) -> bool:
    """Nodes of other types (an @graph's Organization) are skipped, untyped ones kept."""
    if not isinstance(item, dict) or "@type" not in item:
        return True
    kinds = item["@type"]
    return "ClaimReview" in (kinds if isinstance(kinds, list) else [kinds])


def _review(
    spec: SourceSpec, path: Path, number: int, item: Any, ratings: Mapping[str, Verdict]
) -> Review:
    def fail(problem: str) -> ConfigError:
        return ConfigError(str(path), E.BAD_CLAIMREVIEW, item=number, detail=problem)

    if not isinstance(item, dict):
        raise fail("expected a ClaimReview object")
    claim = item.get("claimReviewed")
    if not isinstance(claim, str) or not claim.strip():
        raise fail("missing 'claimReviewed'")
    rating = item.get("reviewRating")
    if not isinstance(rating, dict):
        raise fail("missing 'reviewRating'")
    name = rating.get("alternateName")
    if not isinstance(name, str) or not name.strip():
        raise fail("'reviewRating' has no 'alternateName'")
    return Review(
        claim_reviewed=claim.strip(),
        rating=name.strip(),
        verdict=ratings.get(_rating_key(name)),
        url=_text(item.get("url")),
        author=_author(item.get("author")),
        date_published=_text(item.get("datePublished")),
        source=spec.name,
    )


def _rating_key(rating: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", rating.casefold()).split())


def _author(author: Any) -> str | None:
    if isinstance(author, list):
        return _author(author[0]) if author else None
    if isinstance(author, dict):
        return _text(author.get("name"))
    return _text(author)


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
