"""Reading web pages: fetched from a server on 127.0.0.1, or saved as files.

The pages are real HTML with the furniture of a news site (scripts, navigation,
an advertisement, reader comments, a footer); every figure in that furniture is
one the article does not state, so none may reach the text. Failures of the
fetch are checked against the real server where it can produce them, and with
httpx.MockTransport for a timeout.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from factcheck.errors import InputError
from factcheck.reading import WebOptions, read_article
from factcheck.records import PublishedSource
from tests.conftest import DATA
from tests.httpserver import ReplayServer, Reply, Seen, closed_port, serving

WEB = DATA / "web"
NEWS = (WEB / "news-page.html").read_text(encoding="utf-8")
NOT_AN_ARTICLE = (WEB / "not-an-article.html").read_text(encoding="utf-8")
TODAY = date(2030, 1, 2)
HTML = "text/html; charset=utf-8"
BOILERPLATE = (
    "$999 billion",  # a script
    "$888 billion",  # a script at the end of the body
    "Finland joined NATO in 1990",  # navigation
    "Subscribe",  # a banner
    "Sweden joined NATO in 1995",  # a reader's comment
    "$2 trillion",  # the same comment
    "Copyright",  # the footer
    "Privacy",
    "&#39;",
    "<",
)
BRIEF = "<p>" + "The United States spent $916 billion on its military in 2023. " * 3 + "</p>"


def pages(seen: Seen) -> Reply:
    routes = {
        "/2023/07/nato-vilnius": Reply(body=NEWS, content_type=HTML),
        "/sign-in": Reply(body=NOT_AN_ARTICLE, content_type=HTML),
        "/brief.txt": Reply(
            body="The United States spent $916 billion in 2023.\n", content_type="text/plain"
        ),
        "/old-address": Reply(301, headers={"Location": "/2023/07/nato-vilnius"}),
        "/report.pdf": Reply(body="%PDF-1.7", content_type="application/pdf"),
        "/untyped": Reply(body=NEWS, content_type=""),
    }
    return routes.get(seen.path, Reply(404, "<html><body>Not Found</body></html>", "text/html"))


@pytest.fixture(scope="module")
def server() -> Iterator[ReplayServer]:
    with serving(pages) as running:
        yield running


@pytest.fixture(autouse=True)
def _fresh(server: ReplayServer) -> None:
    server.reset()


def read_error(path: str, **kwargs: object) -> str:
    with pytest.raises(InputError) as caught:
        read_article(path, today=TODAY, **kwargs)  # type: ignore[arg-type]
    assert caught.value.path == path
    return caught.value.problem


def assert_article_only(text: str) -> None:
    assert text.startswith("NATO allies meet in Vilnius\n\nThe NATO summit will be held")
    assert "Leaders of the alliance's members are expected to attend." in text
    assert "NATO's members spent $1.3 trillion on defence in 2023" in text
    assert "The United States spent $916 billion on its military in 2023." in text
    assert "Finland joined NATO in April 2023" in text
    for furniture in BOILERPLATE:
        assert furniture not in text, furniture


def test_a_fetched_news_page_is_its_article(server: ReplayServer) -> None:
    url = f"{server.url}/2023/07/nato-vilnius"
    article = read_article(url, today=TODAY)
    assert_article_only(article.text)
    assert article.path == url
    assert article.url == url
    assert article.title == "NATO allies meet in Vilnius"
    assert (article.published, article.published_source) == (
        date(2023, 7, 4),
        PublishedSource.PAGE_METADATA,
    )
    assert article.warnings == ()
    (seen,) = server.requests
    assert seen.headers["user-agent"].startswith("factcheck/")


def test_a_saved_page_is_read_the_same_way(tmp_path: Path) -> None:
    for name in ("story.html", "story.HTM", "story-without-suffix"):
        path = tmp_path / name
        path.write_text(NEWS, encoding="utf-8")
        article = read_article(str(path), today=TODAY)
        assert_article_only(article.text)
        # A saved page has no address of its own but the one it declares.
        assert article.url == "https://news.example.org/2023/07/nato-vilnius"
        assert article.published_source is PublishedSource.PAGE_METADATA


def test_a_page_on_standard_input_is_known_by_its_content() -> None:
    article = read_article("-", today=TODAY, stdin=io.BytesIO(NEWS.encode()))
    assert_article_only(article.text)
    assert article.path == "-"


def test_a_page_the_parser_fails_on_is_bad_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trafilatura

    def fails(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(trafilatura, "bare_extraction", fails)
    path = tmp_path / "story.html"
    path.write_text(NEWS, encoding="utf-8")
    assert read_error(str(path)) == "cannot read the page as HTML (RecursionError)"


def test_the_same_page_gives_the_same_article(server: ReplayServer, tmp_path: Path) -> None:
    saved = tmp_path / "story.html"
    saved.write_text(NEWS, encoding="utf-8")
    fetched = read_article(f"{server.url}/2023/07/nato-vilnius", today=TODAY)
    assert read_article(str(saved), today=TODAY).text == fetched.text
    assert read_article(f"{server.url}/2023/07/nato-vilnius", today=TODAY) == fetched


def test_published_option_wins_over_the_page(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text(NEWS, encoding="utf-8")
    article = read_article(str(path), published=date(2023, 7, 5), today=TODAY)
    assert (article.published, article.published_source) == (
        date(2023, 7, 5),
        PublishedSource.OPTION,
    )


def test_without_a_date_in_the_markup_a_dateline_is_used(tmp_path: Path) -> None:
    page = f"<html><head><title>Brief</title></head><body><article><p>VILNIUS, July 4, 2023</p>{BRIEF}</article></body></html>"
    path = tmp_path / "brief.html"
    path.write_text(page, encoding="utf-8")
    article = read_article(str(path), today=TODAY)
    assert (article.published, article.published_source) == (
        date(2023, 7, 4),
        PublishedSource.DATELINE,
    )
    assert article.url is None


def test_a_redirect_is_followed_and_the_address_found_is_kept(server: ReplayServer) -> None:
    article = read_article(f"{server.url}/old-address", today=TODAY)
    assert article.url == f"{server.url}/2023/07/nato-vilnius"
    assert article.path == f"{server.url}/old-address"
    assert_article_only(article.text)


def test_a_plain_text_url_is_read_as_text(server: ReplayServer) -> None:
    article = read_article(f"{server.url}/brief.txt", today=TODAY)
    assert article.text == "The United States spent $916 billion in 2023.\n"
    assert (article.url, article.title) == (f"{server.url}/brief.txt", None)


def test_the_declared_charset_is_used() -> None:
    page = NEWS.replace("Vilnius next week", "Vilnius next week (caf\u00e9)").encode("latin-1")

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=page, headers={"content-type": "text/html; charset=ISO-8859-1"}
        )

    web = WebOptions(transport=httpx.MockTransport(handler))
    article = read_article("https://news.example.org/story", today=TODAY, web=web)
    assert "Vilnius next week (caf\u00e9)." in article.text


def test_a_page_served_without_a_type_is_known_by_its_content(server: ReplayServer) -> None:
    assert_article_only(read_article(f"{server.url}/untyped", today=TODAY).text)


def test_a_page_that_is_not_an_article(server: ReplayServer, tmp_path: Path) -> None:
    problem = "no article text found in the page (not an article?)"
    assert read_error(f"{server.url}/sign-in") == problem
    path = tmp_path / "sign-in.html"
    path.write_text(NOT_AN_ARTICLE, encoding="utf-8")
    assert read_error(str(path)) == problem


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/report.pdf", "not a web page or text (application/pdf)"),
    ],
)
def test_http_failures(server: ReplayServer, path: str, problem: str) -> None:
    assert read_error(f"{server.url}{path}") == problem


@pytest.mark.parametrize("declared", [True, False])
def test_an_oversized_page_is_refused(declared: bool) -> None:
    big = "<html><body><p>" + "word " * 30_000 + "</p></body></html>"
    with serving(lambda seen: Reply(body=big, content_type=HTML, length=declared)) as server:
        problem = read_error(f"{server.url}/big", web=WebOptions(max_bytes=100_000))
    assert problem == "the page is larger than 100,000 bytes"


def test_a_refused_connection() -> None:
    url = f"http://127.0.0.1:{closed_port()}/story"
    assert read_error(url).startswith("cannot fetch: ")


def test_a_timeout() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    web = WebOptions(transport=httpx.MockTransport(handler))
    assert read_error("https://news.example.org/story", web=web) == (
        "cannot fetch: timed out waiting for the page (after 30 s)"
    )


def test_too_many_redirects() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "/again"})

    web = WebOptions(transport=httpx.MockTransport(handler))
    assert (
        read_error("https://news.example.org/story", web=web)
        == "cannot fetch: more than 5 redirects"
    )
