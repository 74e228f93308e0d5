"""`factcheck URL` and `factcheck page.html` end to end: the real model, the
built-in sources, pages served from 127.0.0.1 by the test.

The news page hides figures in its scripts, navigation, an advertisement and
a reader's comment; only the article's claims may be reported, and a claim
whose subject was written with a character reference (`NATO&#39;s`) must be
found like any other.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from typer.testing import CliRunner, Result

from factcheck.cli.check import app
from factcheck.reading import read_article
from factcheck.reporting import validate_report
from tests.conftest import DATA, DEFAULT_SOURCES
from tests.httpserver import ReplayServer, Reply, Seen, serving

NEWS = (DATA / "web" / "news-page.html").read_text(encoding="utf-8")
NOT_AN_ARTICLE = (DATA / "web" / "not-an-article.html").read_text(encoding="utf-8")
HTML = "text/html; charset=utf-8"
STORY = "/2023/07/nato-vilnius"
# Written in the page's furniture only, never in its article.
FURNITURE = ("999", "888", "1990", "1995", "2 trillion", "70 billion", "Subscribe", "&#", "<")


def pages(seen: Seen) -> Reply:
    if seen.path == STORY:
        return Reply(body=NEWS, content_type=HTML)
    if seen.path == "/sign-in":
        return Reply(body=NOT_AN_ARTICLE, content_type=HTML)
    if seen.path == "/huge":
        return Reply(body="<html><body>" + "x" * 10_000_001, content_type=HTML)
    return Reply(404, "<html><body>Not Found</body></html>", "text/html")


@pytest.fixture(scope="module")
def server() -> Iterator[ReplayServer]:
    with serving(pages) as running:
        yield running


def run(*args: str) -> Result:
    common = [] if "--sources" in args else ["--sources", str(DEFAULT_SOURCES)]
    common += ["--fail-on", "never"]
    return CliRunner().invoke(app, [*args, *common])


def report_of(*args: str) -> dict[str, Any]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    validate_report(report)
    return report


def test_a_news_page_by_url(nlp: Language, server: ReplayServer) -> None:
    url = f"{server.url}{STORY}"
    report = report_of(url)
    article = report["article"]
    assert (article["path"], article["url"]) == (url, url)
    assert article["title"] == "NATO allies meet in Vilnius"
    assert (article["published"], article["published_source"]) == ("2023-07-04", "page-metadata")
    text = read_article(url).text
    assert article["characters"] == len(text)
    texts = [claim["text"] for claim in report["claims"]]
    for claim in report["claims"]:  # offsets index into the extracted text
        assert text[claim["start"] : claim["end"]] == claim["text"]
    assert "NATO's members spent $1.3 trillion on defence in 2023" in texts
    assert "The United States spent $916 billion on its military in 2023" in texts
    assert any(claim.startswith("Finland joined NATO") for claim in texts)
    for claim in report["claims"]:
        for furniture in FURNITURE:
            assert furniture not in claim["sentence"], (furniture, claim["sentence"])


def test_a_saved_page_gives_the_same_claims(
    nlp: Language, server: ReplayServer, tmp_path: Path
) -> None:
    saved = tmp_path / "nato-vilnius.html"
    saved.write_text(NEWS, encoding="utf-8")
    from_file = report_of(str(saved))
    from_web = report_of(f"{server.url}{STORY}")
    assert from_file["claims"] == from_web["claims"]
    assert from_file["article"]["url"] == "https://news.example.org/2023/07/nato-vilnius"
    assert report_of(str(saved)) == from_file  # deterministic, byte for byte below
    assert run(str(saved), "--format", "json").stdout == run(str(saved), "--format", "json").stdout


def test_published_option_wins(nlp: Language, server: ReplayServer) -> None:
    article = report_of(f"{server.url}{STORY}", "--published", "2023-07-10")["article"]
    assert (article["published"], article["published_source"]) == ("2023-07-10", "option")


def test_claimreview_appearance_is_the_page(
    nlp: Language, server: ReplayServer, publisher_sources: Path
) -> None:
    result = run(
        f"{server.url}{STORY}", "--format", "claimreview", "--sources", str(publisher_sources)
    )
    assert result.exit_code == 0, result.stderr
    reviews = json.loads(result.stdout)
    assert reviews
    for review in reviews:
        assert review["itemReviewed"]["appearance"]["url"] == f"{server.url}{STORY}"


@pytest.mark.parametrize(
    ("path", "code", "problem"),
    [
        ("/missing", "E012", "HTTP 404 Not Found"),
        ("/sign-in", "E016", "no article text found in the page (not an article?)"),
        ("/huge", "E014", "the page is larger than 10,000,000 bytes"),
    ],
)
def test_a_bad_page_is_one_line_and_exit_2(
    server: ReplayServer, path: str, code: str, problem: str
) -> None:
    url = f"{server.url}{path}"
    result = run(url)
    assert result.exit_code == 2
    assert result.stderr == f"factcheck: error {code}: {url}: {problem}\n"
    assert result.stdout == ""


def test_a_saved_page_that_is_not_an_article(tmp_path: Path) -> None:
    saved = tmp_path / "sign-in.htm"
    saved.write_text(NOT_AN_ARTICLE, encoding="utf-8")
    result = run(str(saved))
    assert result.exit_code == 2
    assert result.stderr == (
        f"factcheck: error E016: {saved}: no article text found in the page (not an article?)\n"
    )


def test_help_names_web_pages() -> None:
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "400"})
    assert result.exit_code == 0
    assert "saved web pages (.html), http(s) URLs of web pages" in result.stdout
