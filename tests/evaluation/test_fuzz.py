"""Fuzzing: generated articles through the whole pipeline and every report format.

Each example is an article made of sentences the extractor has rules for (figures
with currencies, percentages and units, dates from year 1 to 9999, events), mixed
with unicode, markup and front matter. It is read as bytes from standard input,
checked with the built-in sources and the real spaCy model, and rendered in every
format. Nothing may raise; every claim's offsets must point at its text; the JSON
report must match the shipped schema.

The run is derandomised, so the suite stays deterministic. The default number of
examples keeps it to seconds; set FACTCHECK_FUZZ_EXAMPLES for a longer hunt, e.g.

    FACTCHECK_FUZZ_EXAMPLES=10000 .venv/bin/python -m pytest -q -p no:cacheprovider tests/evaluation/test_fuzz.py
"""

from __future__ import annotations

import io
import json
import os
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from spacy.language import Language

from factcheck.errors import InputError
from factcheck.pipeline import Checker, packaged_sources
from factcheck.reading import read_article
from factcheck.records import Report
from factcheck.reporting import render_json, validate_report
from factcheck.reporting.claimreview import claim_reviews, render_claimreview
from factcheck.reporting.highlight import segments
from factcheck.reporting.html import render_html
from factcheck.reporting.jsonl import render_jsonl
from factcheck.reporting.markdown import render_markdown
from factcheck.reporting.streams import Kind, for_stream
from factcheck.reporting.terminal import render_article, render_quiet, render_terminal
from factcheck.sources.config import Publisher

EXAMPLES = int(os.environ.get("FACTCHECK_FUZZ_EXAMPLES", "150"))
settings.register_profile(
    "factcheck-fuzz",
    max_examples=EXAMPLES,
    deadline=None,  # a first parse or a cold table takes longer than any deadline
    derandomize=True,  # the same examples in every run: the suite stays deterministic
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TODAY = date(2024, 5, 15)  # 'today' for articles that declare no date
PUBLISHER = Publisher(name="Fuzz <desk> & co", url="javascript:alert(1)")

SUBJECTS = (
    "France", "Germany's", "the United States", "NATO", "Finland", "India's", "the EU",
    "Lithuania", "Japan", "Brazil's", "the World", "Acme Corp", "He", "It", "",
)  # fmt: skip
METRICS = (
    "population", "GDP", "inflation", "defence spending", "unemployment rate", "exports",
    "life expectancy", "area", "military expenditure", "GDP per capita", "",
)  # fmt: skip
VERBS = (
    "rose to", "fell to", "reached", "was", "is", "will reach", "grew by", "stood at",
    "doubled to", "dropped", "increased from", "exceeded", "totalled", "of",
)  # fmt: skip
SCALES = ("", " million", " billion", " trillion", "bn", "m", " crore", " thousand", "k")
CURRENCIES = ("$", "€", "£", "¥", "US$", "USD ", "")
UNITS = (
    "%", " per cent", " percent", " percentage points", " km", " square kilometres", " kg",
    " tonnes", " °C", " MW", " people", " seats", " years", " euros", " dollars", "",
)  # fmt: skip
MARKUP = (
    "<script>alert(1)</script>", "</script>", "<b>bold</b>", "&amp;", "&", "<!--", "]]>",
    "[link](javascript:alert(1))", "| a | b |", "**", "`code`", "\\", '"', "'", "{{x}}",
    "<a href=\"javascript:x\">x</a>", "\u2028", "\u200b", "\u00a0", "\ufeff", "\t", "\r\n",
    "\u202e", "e\u0301", "🇫🇷", "👩‍👩‍👧", "—", "–", "“quoted”", "…", "\ufffd",
)  # fmt: skip
DATE_WORDS = (
    "last year", "next year", "this year", "the year before", "next week", "last month",
    "in December", "in January", "yesterday", "tomorrow", "in the 1990s", "in the first quarter",
    "since 2009", "from 2019", "a year earlier", "by the end of the century", "in Q4",
    "in the year 1", "in 9999", "in year 0", "on 31 February 2023", "this decade",
)  # fmt: skip


@st.composite
def years(draw: st.DrawFn) -> int:
    # The edges of datetime's range, the years sources cover, and anything between.
    return draw(st.one_of(st.sampled_from((1, 2, 999, 1000, 1999, 2023, 2999, 9998, 9999)),
                          st.integers(1, 9999)))  # fmt: skip


@st.composite
def days(draw: st.DrawFn) -> date:
    return draw(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)) | st.sampled_from(
        (date(1, 1, 1), date(1, 12, 31), date(9999, 12, 31), date(9999, 1, 1), date(2023, 7, 4))
    ))  # fmt: skip


@st.composite
def numbers(draw: st.DrawFn) -> str:
    whole = draw(st.integers(0, 10**15))
    shape = draw(st.sampled_from(("plain", "grouped", "decimal", "huge", "word", "negative")))
    if shape == "grouped":
        return f"{whole:,}"
    if shape == "decimal":
        return f"{whole % 10_000}.{draw(st.integers(0, 999))}"
    if shape == "huge":
        return "9" * draw(st.integers(16, 400))
    if shape == "word":
        return draw(st.sampled_from(("one", "twelve", "a hundred", "half", "a third", "dozens")))
    if shape == "negative":
        return f"-{whole % 1000}"
    return str(whole % 100_000)


@st.composite
def dates_in_text(draw: st.DrawFn) -> str:
    day = draw(days())
    forms = (
        f"in {draw(years())}", f"on {day.isoformat()}", f"on {day.day} {day:%B} {day.year}",
        f"on {day:%B} {day.day}, {day.year}", f"between {draw(years())} and {draw(years())}",
        f"in {day:%B} {day.year}", draw(st.sampled_from(DATE_WORDS)),
    )  # fmt: skip
    return draw(st.sampled_from(forms))


@st.composite
def figures(draw: st.DrawFn) -> str:
    amount = draw(numbers())
    money = draw(st.sampled_from(CURRENCIES))
    figure = f"{money}{amount}{draw(st.sampled_from(SCALES))}{draw(st.sampled_from(UNITS))}"
    subject = draw(st.sampled_from(SUBJECTS))
    metric = draw(st.sampled_from(METRICS))
    when = draw(dates_in_text())
    return f"{subject} {metric} {draw(st.sampled_from(VERBS))} {figure} {when}.".strip()


@st.composite
def events(draw: st.DrawFn) -> str:
    who = draw(st.sampled_from(("Finland", "Sweden", "Ukraine", "The summit", "Jens Stoltenberg")))
    what = draw(st.sampled_from((
        "joined NATO", "was held in Vilnius", "will be held in Madrid", "said \"we are ready\"",
        "deployed troops to Estonia", "became the 31st member of NATO", "is the capital of Lithuania",
    )))  # fmt: skip
    return f"{who} {what} {draw(dates_in_text())}."


def noise() -> st.SearchStrategy[str]:
    return st.sampled_from(MARKUP) | st.text(min_size=1, max_size=12)


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    day = draw(days())
    fields = [
        f"date: {draw(st.sampled_from((day.isoformat(), f'{day:%B} {day.day}, {day.year}', '0000-01-01', 'soon')))}",
        f"url: {draw(st.sampled_from(('https://news.example.org/a?b=1&c=<2>', 'javascript:alert(1)', 'data:text/html,x', '')))}",
        f"title: {draw(noise())}",
    ]  # fmt: skip
    return "---\n" + "\n".join(draw(st.permutations(fields))) + "\n---\n"


@st.composite
def articles(draw: st.DrawFn) -> str:
    head = draw(front_matter()) if draw(st.booleans()) else ""
    parts = draw(st.lists(figures() | events() | noise(), min_size=1, max_size=5))
    glue = draw(st.sampled_from((" ", "\n", "\n\n", " — ", "\r\n", "")))
    return head + glue.join(parts)


@pytest.mark.parametrize(
    "figure",
    ["$" + "9" * 400 + "%", "1." + "0" * 400 + " km", "9" * 300 + " trillion dollars"],
    ids=["400-nines", "400-decimals", "beyond-float"],
)
def test_a_figure_too_large_for_a_float_is_no_figure(checker: Checker, figure: str) -> None:
    """Found by this fuzz test: the value became infinite and the report could not be written."""
    text = f"France's population rose to {figure} in 2023."
    report = checker.check(read_article("-", published=TODAY, stdin=io.BytesIO(text.encode())))
    digits = figure.split()[0].strip("$%")
    assert not [c for c in report.claims if c.claim.quantity and digits in c.claim.quantity.text]
    assert_offsets(report)
    assert_renders(report)


def test_a_superscript_digit_next_to_a_claim(checker: Checker) -> None:
    """Found by this fuzz test: '²' is a digit to isdigit() but not to float(), and the
    published fact-checks' matching read it as a number."""
    text = "France exports rose to 5% ²."
    report = checker.check(read_article("-", published=TODAY, stdin=io.BytesIO(text.encode())))
    assert report.claims
    assert_offsets(report)
    assert_renders(report)


@pytest.fixture(scope="module")
def checker(nlp: Language) -> Checker:
    return Checker.from_path(nlp, packaged_sources())


@settings(settings.get_profile("factcheck-fuzz"))
@given(text=articles(), published=st.none() | days())
def test_generated_articles_check_and_render(
    checker: Checker, text: str, published: date | None
) -> None:
    try:
        article = read_article(
            "-", published=published, today=TODAY, stdin=io.BytesIO(text.encode())
        )
    except InputError:
        return  # empty or control characters only: the CLI's one-line error, tested elsewhere
    report = checker.check(article)
    assert_offsets(report)
    assert_renders(report)


def assert_offsets(report: Report) -> None:
    text = report.article.text
    for checked in report.claims:
        claim = checked.claim
        assert 0 <= claim.start <= claim.end <= len(text), claim
        assert text[claim.start : claim.end] == claim.text, claim
    assert "".join(text[part.start : part.end] for part in segments(report)) == text


def assert_renders(report: Report) -> None:
    text = report.article.text
    report_json = render_json(report)
    data = json.loads(report_json)
    validate_report(data)
    for claim in data["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["text"], claim
    lines = render_jsonl(report).splitlines()
    assert len(lines) == len(report.claims)
    for line in lines:
        claim = json.loads(line)
        assert text[claim["start"] : claim["end"]] == claim["text"], claim
    reviews = claim_reviews(report, url="https://news.example.org/a", publisher=PUBLISHER)
    embeddable = render_claimreview(reviews)
    assert not set("<>&") & set(embeddable)
    assert json.loads(embeddable) == _plain(reviews)
    markdown = render_markdown(report)
    page = render_html(report, article_url="https://news.example.org/a")
    assert page.endswith("</html>\n")
    buffer = io.StringIO()
    for width in (40, 120):
        console = Console(file=buffer, width=width, color_system=None)
        render_terminal(report, console)
        render_article(report, console)
        render_quiet(report, console)
    for codec in ("ascii", "latin-1"):  # a standard output that is not UTF-8
        assert json.loads(for_stream(report_json, codec, Kind.JSON)) == data
        for kind, rendered in (
            (Kind.HTML, page),
            (Kind.TEXT, markdown),
            (Kind.TEXT, buffer.getvalue()),
        ):
            for_stream(rendered, codec, kind).encode(codec)


def _plain(reviews: list[dict[str, Any]]) -> Any:
    return json.loads(json.dumps(reviews))
