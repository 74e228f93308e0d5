"""`kind = "claimreview"`: published fact-checks (schema.org ClaimReview, JSON).

A claim in an article rarely repeats the reviewed wording, so matching is by
meaning: both texts are reduced to their content words (case, punctuation,
stop words, UK/US spelling and plurals folded) with numbers in one canonical
form ("$1.3tn" and "1.3 trillion US dollars" both become `usd 1.3e+12`), then
compared with rapidfuzz.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.errors import ConfigError
from factcheck.lexicon import DEFAULT_RELATIONS, RelationSpec, merge_relations
from factcheck.records import Review, Verdict
from factcheck.sources.config import SourceSpec
from factcheck.sources.tables import fold_phrase

DEFAULT_THRESHOLD = 0.75
# Scales down the score of texts that contradict each other (different numbers,
# one negated) so that they fall below any sane threshold.
CONTRADICTION_FACTOR = 0.5

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

_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|[^\W\d_]+|[%$€£]")
_SCALES: Mapping[str, float] = {
    "thousand": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}
_CURRENCIES: Mapping[str, str] = {
    "$": "usd",
    "usd": "usd",
    "dollar": "usd",
    "€": "eur",
    "eur": "eur",
    "euro": "eur",
    "£": "gbp",
    "gbp": "gbp",
    "pound": "gbp",
}
_NUMBER_WORDS: Mapping[str, float] = {
    word: float(value)
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()  # noqa: SIM905
    )
}
# "didn't" tokenises as "didn" + "t"; "won't" is left out ("won" is a verb).
_NEGATIONS = frozenset(
    {"not", "no", "never", "nor", "cannot", "didn", "doesn", "isn", "wasn", "weren", "aren"}
    | {"hasn", "haven", "hadn", "wouldn", "shouldn", "couldn"}
)
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
_PERCENT_WORDS = frozenset({"%", "percent"})
# Negations and comparatives ("not", "more than", "under") change what a claim
# says, so they are kept. A word list reads better here than a literal per line.
_STOP_WORDS = frozenset(
    """a about after again all also am an and any are as at be because been before being
    both but by can could did do does doing during each for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just me my
    myself of off on once or other our ours ourselves out own same she should so some such
    that the their theirs them themselves then there these they this those through to too
    until very was we were what when where which while who whom why will with would you your
    yours yourself yourselves claim claims""".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class _Prepared:
    text: str
    numbers: frozenset[str]
    negated: bool

    def contradicts(self, other: _Prepared) -> bool:
        """Texts that each state a number the other lacks, or differ in negation,
        make different claims however alike their words."""
        if self.negated != other.negated:
            return True
        return bool(self.numbers - other.numbers) and bool(other.numbers - self.numbers)


@dataclass(frozen=True)
class ReviewSource:
    spec: SourceSpec
    reviews: tuple[Review, ...]
    threshold: float = DEFAULT_THRESHOLD
    _vocabulary: dict[str, str] = field(init=False, repr=False, compare=False)
    _prepared: tuple[_Prepared, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        vocabulary = relation_vocabulary(merge_relations(self.spec.relations))
        prepared = tuple(_prepare(review.claim_reviewed, vocabulary) for review in self.reviews)
        object.__setattr__(self, "_vocabulary", vocabulary)
        object.__setattr__(self, "_prepared", prepared)

    def best_match(self, claim_text: str) -> tuple[Review, float] | None:
        """The review whose claim is closest in meaning, with its score in 0..1.

        None when no review reaches the source's threshold.
        """
        claim = _prepare(claim_text, self._vocabulary)
        if not claim.text:
            return None
        scored = (
            (similarity(claim, prepared), review)
            for review, prepared in zip(self.reviews, self._prepared, strict=True)
        )
        best = max(scored, key=lambda pair: pair[0], default=None)
        if best is None or best[0] < self.threshold:
            return None
        return best[1], best[0]


def load_reviews(spec: SourceSpec) -> ReviewSource:
    if spec.path is None:
        raise ConfigError(spec.name, "claimreview source has no path")
    ratings = {**DEFAULT_RATINGS, **{_rating_key(k): v for k, v in spec.ratings.items()}}
    data = _read_json(spec.path)
    reviews = tuple(
        _review(spec, spec.path, number, item, ratings)
        for number, item in enumerate(_items(spec.path, data), start=1)
        if _is_claim_review(item)
    )
    threshold = float(spec.options.get("threshold", DEFAULT_THRESHOLD))
    return ReviewSource(spec=spec, reviews=reviews, threshold=threshold)


def normalise_claim_text(text: str) -> str:
    """The comparable form of a claim: content words and canonical numbers."""
    return _prepare(text, relation_vocabulary(DEFAULT_RELATIONS)).text


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


def similarity(first: _Prepared, second: _Prepared) -> float:
    """Mean of rapidfuzz's token-set and token-sort ratios, in 0..1.

    Token-set alone scores 1.0 whenever one text's words are a subset of the
    other's, so a short, generic claim would match every review; averaging
    with token-sort charges for the words the texts do not share.
    """
    from rapidfuzz import fuzz  # imported on first use to keep start-up light

    score = (
        fuzz.token_set_ratio(first.text, second.text)
        + fuzz.token_sort_ratio(first.text, second.text)
    ) / 200
    if first.contradicts(second):
        score *= CONTRADICTION_FACTOR
    return score


def _prepare(text: str, vocabulary: Mapping[str, str]) -> _Prepared:
    tokens = _TOKEN.findall(text.casefold())
    words: list[str] = []
    numbers: set[str] = set()
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        value = _number(token)
        if value is not None:
            canonical, index = _canonical_number(value, tokens, index)
            numbers.add(canonical)
            words.append(canonical)
        elif token == "us" and _word(_at(tokens, index), vocabulary) == "usd":
            continue  # "US dollars", "US$": the currency, not the country
        elif word := _word(token, vocabulary):
            words.append(word)
    negated = any(word in _NEGATIONS for word in words)
    return _Prepared(" ".join(words), frozenset(numbers), negated)


def _canonical_number(value: float, tokens: Sequence[str], index: int) -> tuple[str, int]:
    """Apply a following scale word or percent sign; return the token and next index."""
    if _at(tokens, index) in _SCALES:
        value *= _SCALES[tokens[index]]
        index += 1
    canonical = f"{value:g}"
    if _at(tokens, index) in _PERCENT_WORDS:
        return canonical + "%", index + 1
    if _at(tokens, index) == "per" and _at(tokens, index + 1) == "cent":
        return canonical + "%", index + 2
    return canonical, index


def _at(tokens: Sequence[str], index: int) -> str:
    return tokens[index] if index < len(tokens) else ""


def _number(token: str) -> float | None:
    if token[0].isdigit():
        return float(token.replace(",", "").rstrip("."))
    return _NUMBER_WORDS.get(token)


def _word(token: str, vocabulary: Mapping[str, str]) -> str | None:
    if not token or token in _STOP_WORDS:
        return None
    if token in _CURRENCIES:
        return _CURRENCIES[token]
    folded = fold_phrase(token)
    folded = _IRREGULAR.get(folded, folded)
    return vocabulary.get(folded) or _CURRENCIES.get(folded, folded) or None


def _read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(str(path), "file not found") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), f"not UTF-8 text ({exc.reason})") from None
    try:
        return json.loads(text)
    except RecursionError:
        raise ConfigError(str(path), "invalid JSON: nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(
            str(path), f"invalid JSON: {exc.msg} (line {exc.lineno})", line=exc.lineno
        ) from None


def _items(path: Path, data: Any) -> Sequence[Any]:
    if isinstance(data, dict) and "@graph" in data:
        data = data["@graph"]
    elif isinstance(data, dict):
        return [data]
    if not isinstance(data, list):
        raise ConfigError(str(path), "expected a ClaimReview object, a list of them, or @graph")
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
        return ConfigError(str(path), f"item #{number}: {problem}")

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
