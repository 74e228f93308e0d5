"""Parsing in time linear in the text and bounded memory (factcheck/parsing.py).

The text-only rules (blanking runs, cutting into parts) run without the model;
the rest parse with the real model and compare with the parse of the whole text.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from spacy.language import Language

from factcheck.extraction.component import MAX_SENTENCE_TOKENS
from factcheck.extraction.syntax import TreeDistances, tree_distance
from factcheck.parsing import MAX_RUN, blank_runs, parse, split_parts
from factcheck.pipeline import Checker
from factcheck.records import Article, PublishedSource
from tests.cli.test_check import expect_exit, invoke, parse_report
from tests.conftest import CORPUS, DEFAULT_SOURCES, Write

PUBLISHED = date(2024, 1, 1)
CLAUSE = "The United States spent $916 billion on its military in 2023 and "


def article(text: str) -> Article:
    return Article("a.txt", text, "", PUBLISHED, PublishedSource.OPTION)


@pytest.fixture(scope="module")
def checker(nlp: Language) -> Checker:
    return Checker.from_path(nlp, DEFAULT_SOURCES)


# --- text rules, no model ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "blanked"),
    [
        ("(" * 8000 + ")" * 8000, True),  # brackets without spaces
        ("Prices rose" + "!?" * 60 + " today.", True),  # a row of punctuation
        ("a" * (MAX_RUN + 1), True),  # anything this long without a space
        ("See https://example.org/a/very/long/path?with=query&and=more#fragment today.", False),
        ("GDP grew 2.5% to $1,234,567,890.12 in 2023.", False),
        ("-" * 100, False),  # a rule line of 100 dashes is short enough to tokenise
    ],
)
def test_runs_without_spaces_that_are_not_prose_are_blanked(text: str, blanked: bool) -> None:
    masked, runs = blank_runs(text)
    assert len(masked) == len(text)
    assert bool(runs) is blanked
    for start, end in runs:
        assert masked[start:end].isspace()
    outside = [i for i, _ in enumerate(text) if not any(s <= i < e for s, e in runs)]
    assert all(masked[i] == text[i] for i in outside)


def test_parts_join_back_exactly_and_prefer_paragraph_breaks() -> None:
    paragraphs = [f"Paragraph {n} says that the figure was {n}.5% in 2023." for n in range(200)]
    text = "\n\n".join(paragraphs) + "\n"
    parts = list(split_parts(text, 1000))
    assert "".join(parts) == text
    assert len(parts) > 10
    assert all(len(part) <= 1000 for part in parts)
    assert all(part.endswith("\n\n") for part in parts[:-1])


def test_a_paragraph_longer_than_a_part_is_cut_at_sentence_ends() -> None:
    text = " ".join(f"Sentence {n} ends here." for n in range(400))
    parts = list(split_parts(text, 500))
    assert "".join(parts) == text
    assert all(part.rstrip().endswith(".") for part in parts[:-1])


# --- with the model ----------------------------------------------------------------------


def test_tree_distances_agree_with_the_pairwise_walk(nlp: Language) -> None:
    doc = nlp(
        "Turnout was 52.7% in 2024, down from 67.3% in 2019 and 68.8% in 2017, officials said."
    )
    tree = TreeDistances()
    for first in doc:
        for second in doc:
            assert tree(first, second) == tree_distance(first, second)


def test_an_article_parsed_in_parts_gives_the_claims_of_the_whole(checker: Checker) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*/article.txt"))]
    text = "\n\n".join(texts[:4])
    whole = parse(checker.nlp, text, PUBLISHED)
    parts = parse(checker.nlp, text, PUBLISHED, part_chars=800)
    assert parts.doc.text == text == whole.doc.text
    assert len(parts.doc) == len(whole.doc)
    assert [e.text for e in parts.doc.ents] == [e.text for e in whole.doc.ents]
    claims = [(c.start, c.end, c.text) for c in checker.component(parts.doc)._.claims]
    assert claims == [(c.start, c.end, c.text) for c in checker.component(whole.doc)._.claims]
    assert all(text[start:end] == said for start, end, said in claims)


def test_a_run_on_sentence_is_cut_and_every_figure_kept(checker: Checker) -> None:
    text = CLAUSE * 100 + "that was that.\n"
    report = checker.check(article(text))
    assert len(report.claims) == 100
    assert all(text[c.claim.start : c.claim.end] == c.claim.text for c in report.claims)
    assert any("run-on" in warning for warning in report.article.warnings)
    parsed = parse(checker.nlp, text, PUBLISHED)
    assert max(len(sent) for sent in parsed.doc.sents) <= MAX_SENTENCE_TOKENS


@pytest.mark.parametrize(
    "junk",
    ["(" * 8000 + ")" * 8000, "!" * 24000, "( " * 3000, "[{(" * 2000 + " )" * 3000],
    ids=["brackets", "exclamations", "spaced-brackets", "unbalanced"],
)
def test_degenerate_text_is_checked_with_a_warning(write: Write, junk: str) -> None:
    prose = "Inflation in Chile was 7.6% in 2023."
    path = write("junk.txt", f"{prose}\n\n{junk}\n\n{prose}\n")
    result = invoke([str(path), "--published", "2024-01-01", "--format", "json"])
    assert result.exit_code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    report = parse_report(result.stdout)
    assert len(report["claims"]) == 2
    assert report["article"]["warnings"]
    text = path.read_text(encoding="utf-8")
    for claim in report["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["text"]


def test_an_article_over_max_chars_is_refused_in_one_line(write: Write) -> None:
    path = write("long.txt", "Inflation in Chile was 7.6% in 2023.\n" * 100)
    result = invoke([str(path), "--published", "2024-01-01", "--max-chars", "1000"])
    expect_exit(result, 2)
    assert result.stderr.count("\n") == 1
    assert str(path) in result.stderr and "--max-chars" in result.stderr
    assert "Traceback" not in result.stderr


def test_max_chars_is_a_positive_number(write: Write) -> None:
    path = write("a.txt", "Inflation in Chile was 7.6% in 2023.\n")
    result = invoke([str(path), "--max-chars", "0"])
    expect_exit(result, 2)
    done = invoke(
        [str(path), "--published", "2024-01-01", "--max-chars", "100", "--format", "json"]
    )
    assert json.loads(done.stdout)["claims"]
