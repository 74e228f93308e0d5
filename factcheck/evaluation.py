"""Measuring extraction and verdicts against annotated articles.

A gold folder holds one sub-folder per article with `article.txt`,
`sources.toml` (and its data) and `expected.json`:

    {"published": "YYYY-MM-DD",
     "claims": [{"text": "<exact substring>", "type": "quantity", "verdict": "supported"}],
     "non_claims": ["<exact substring of an opinion or vague sentence>"]}

A reported claim matches a gold claim when their character spans overlap.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language

from factcheck.errors import ConfigError, E
from factcheck.pipeline import Checker
from factcheck.reading import read_article
from factcheck.records import CheckedClaim, Report, Verdict


@dataclass(frozen=True)
class GoldClaim:
    start: int
    end: int
    text: str
    type: str
    verdict: Verdict


@dataclass(frozen=True)
class GoldArticle:
    name: str
    folder: Path
    published: date
    claims: tuple[GoldClaim, ...]
    non_claims: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class ArticleResult:
    gold: GoldArticle
    report: Report
    matched: tuple[tuple[GoldClaim, CheckedClaim | None], ...]
    spurious: tuple[CheckedClaim, ...]  # reported, overlapping no gold claim
    false_alarms: tuple[CheckedClaim, ...]


@dataclass(frozen=True)
class Scores:
    gold_claims: int
    reported: int
    found: int
    correct_reported: int
    verdict_correct: int
    disputed_gold: int
    disputed_caught: int
    false_alarms: int

    @property
    def recall(self) -> float:
        return self.found / self.gold_claims if self.gold_claims else 1.0

    @property
    def precision(self) -> float:
        return self.correct_reported / self.reported if self.reported else 1.0

    @property
    def verdict_accuracy(self) -> float:
        return self.verdict_correct / self.gold_claims if self.gold_claims else 1.0


def load_gold(folder: Path) -> list[GoldArticle]:
    if not folder.is_dir():
        raise ConfigError(str(folder), E.NOT_A_GOLD_FOLDER)
    articles = [_load_article(sub) for sub in sorted(folder.iterdir()) if sub.is_dir()]
    if not articles:
        raise ConfigError(str(folder), E.NO_GOLD_ARTICLES)
    return articles


def _load_article(folder: Path) -> GoldArticle:
    expected_path = folder / "expected.json"
    try:
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        text = (folder / "article.txt").read_text(encoding="utf-8")
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(str(folder), E.BAD_ANNOTATIONS, reason=exc) from None
    claims = tuple(
        GoldClaim(*_locate(text, item["text"], expected_path), item["text"], item["type"],
                  Verdict(item["verdict"]))
        for item in expected["claims"]
    )  # fmt: skip
    non_claims = tuple(
        _locate(text, item, expected_path) for item in expected.get("non_claims", [])
    )
    return GoldArticle(
        folder.name, folder, date.fromisoformat(expected["published"]), claims, non_claims
    )


def _locate(text: str, fragment: str, path: Path) -> tuple[int, int]:
    start = text.find(fragment)
    if start < 0:
        raise ConfigError(str(path), E.ANNOTATION_NOT_FOUND, fragment=fragment)
    return start, start + len(fragment)


def overlaps(first: tuple[int, int], second: tuple[int, int]) -> bool:
    return first[0] < second[1] and second[0] < first[1]


def evaluate_article(gold: GoldArticle, nlp: Language) -> ArticleResult:
    checker = Checker.from_path(nlp, gold.folder / "sources.toml")
    report = checker.check(read_article(str(gold.folder / "article.txt"), published=gold.published))
    matched = tuple((g, _best(g, report.claims)) for g in gold.claims)
    spurious = tuple(
        c
        for c in report.claims
        if not any(overlaps(_span(c), (g.start, g.end)) for g in gold.claims)
    )
    alarms = tuple(
        c for c in report.claims if c.verdict is Verdict.DISPUTED and _is_false_alarm(c, gold)
    )
    return ArticleResult(gold, report, matched, spurious, alarms)


def _span(checked: CheckedClaim) -> tuple[int, int]:
    return checked.claim.start, checked.claim.end


def _best(gold: GoldClaim, reported: Sequence[CheckedClaim]) -> CheckedClaim | None:
    hits = [c for c in reported if overlaps(_span(c), (gold.start, gold.end))]
    if not hits:
        return None
    return max(hits, key=lambda c: (c.claim.type.value == gold.type, c.verdict is gold.verdict))


def _is_false_alarm(checked: CheckedClaim, gold: GoldArticle) -> bool:
    span = _span(checked)
    if any(overlaps(span, non_claim) for non_claim in gold.non_claims):
        return True
    return any(
        overlaps(span, (g.start, g.end)) and g.verdict is not Verdict.DISPUTED for g in gold.claims
    ) and not any(
        overlaps(span, (g.start, g.end)) and g.verdict is Verdict.DISPUTED for g in gold.claims
    )


def score(results: Iterable[ArticleResult], claim_type: str | None = None) -> Scores:
    totals = [0] * 8
    for result in results:
        pairs = [(g, c) for g, c in result.matched if claim_type in (None, g.type)]
        reported = [c for c in result.report.claims if claim_type in (None, c.claim.type.value)]
        spurious = [c for c in result.spurious if claim_type in (None, c.claim.type.value)]
        alarms = [c for c in result.false_alarms if claim_type in (None, c.claim.type.value)]
        counts = (
            len(pairs),
            len(reported),
            sum(1 for _, c in pairs if c is not None),
            len(reported) - len(spurious),
            sum(1 for g, c in pairs if (c.verdict if c else Verdict.UNVERIFIED) is g.verdict),
            sum(1 for g, _ in pairs if g.verdict is Verdict.DISPUTED),
            sum(
                1
                for g, c in pairs
                if g.verdict is Verdict.DISPUTED and c is not None and c.verdict is g.verdict
            ),
            len(alarms),
        )
        totals = [t + n for t, n in zip(totals, counts, strict=True)]
    return Scores(*totals)


def summarise(results: Sequence[ArticleResult]) -> dict[str, Any]:
    """Scores over all articles and per claim type, as plain data for reports."""
    kinds = sorted({g.type for r in results for g in r.gold.claims})
    return {
        "articles": len(results),
        "all": _as_dict(score(results)),
        "by_type": {kind: _as_dict(score(results, kind)) for kind in kinds},
    }


def _as_dict(scores: Scores) -> dict[str, Any]:
    return {
        "gold_claims": scores.gold_claims,
        "reported": scores.reported,
        "recall": round(scores.recall, 4),
        "precision": round(scores.precision, 4),
        "verdict_accuracy": round(scores.verdict_accuracy, 4),
        "disputed_gold": scores.disputed_gold,
        "disputed_caught": scores.disputed_caught,
        "false_alarms": scores.false_alarms,
    }
