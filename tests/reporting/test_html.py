"""The HTML report in a real headless Chromium (Debian's `chromium` and `chromium-driver`).

The pages are written by the CLI in this process (`--format html --output`),
so the session's spaCy model is shared, then loaded from file:// URLs. The
browser runs with networking features off and a fresh profile; a missing
browser fails the tests (run `make test`, whose setup installs it) rather than
skipping them. A screenshot of the example report is kept in
`test-artifacts/` (gitignored) for a person to look at.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from factcheck.cli.check import app
from factcheck.reporting.html import render_html
from tests.conftest import EXAMPLE, ROOT

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = ROOT / "test-artifacts"
PUBLISHED = "2023-07-04"
LABELS = {"supported": "✓ supported", "disputed": "✗ disputed", "unverified": "? unverified"}
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1800",
)
# An article whose text is markup: none of it may become markup in the page.
HOSTILE = (
    "According to Russian media reports, the defense expenditure of NATO member states will "
    "reach 2.6 trillion US dollars in 2023. The <b>summit</b> will be held in Vilnius in July "
    '2023. <script>document.title = "script ran"</script> '
    "<img src=x onerror=\"document.title = 'handler ran'\"> "
    '<a href="javascript:document.title=1">link</a> &amp; &lt;escaped&gt;\n'
)


@dataclass(frozen=True)
class Page:
    path: Path
    url: str
    report: dict[str, Any]  # the JSON report of the same run


def _page(tmp: Path, article: Path, name: str) -> Page:
    runner = CliRunner()
    html = tmp / f"{name}.html"
    common = [str(article), "--published", PUBLISHED, "--fail-on", "never"]
    made = runner.invoke(app, [*common, "--format", "html", "--output", str(html)])
    assert made.exit_code == 0, made.stderr
    data = runner.invoke(app, [*common, "--format", "json"])
    assert data.exit_code == 0, data.stderr
    return Page(path=html, url=html.as_uri(), report=json.loads(data.stdout))


@pytest.fixture(scope="module")
def example_page(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Page:
    return _page(tmp_path_factory.mktemp("html"), EXAMPLE, "example")


@pytest.fixture(scope="module")
def hostile_page(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Page:
    folder = tmp_path_factory.mktemp("hostile")
    article = folder / "hostile.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    return _page(folder, article, "hostile")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if missing:
        pytest.fail(
            f"{' and '.join(missing)} not found: the HTML report is tested in Debian's chromium. "
            "Run `make test`, which installs chromium and chromium-driver."
        )
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.fail("selenium is not installed: run `make test` (it installs the test extra)")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    # An explicit driver path: selenium never looks for (or downloads) one itself.
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()


def _open(browser: Any, page: Page) -> None:
    browser.get(page.url)
    # The filter script unhides the filters: proof it ran under the page's CSP.
    assert browser.execute_script("return document.getElementById('filters').hidden") is False


def _claim(browser: Any, claim_id: str) -> Any:
    from selenium.webdriver.common.by import By

    return browser.find_element(By.ID, f"claim-{claim_id}")


def _part(element: Any, selector: str) -> Any:
    from selenium.webdriver.common.by import By

    return element.find_element(By.CSS_SELECTOR, selector)


def _text(browser: Any, element: Any) -> str:
    text: str = browser.execute_script("return arguments[0].textContent", element)
    return text


# --- the example report -----------------------------------------------------------------------


def test_every_claim_is_marked_with_its_verdict_label(browser: Any, example_page: Page) -> None:
    _open(browser, example_page)
    claims = example_page.report["claims"]
    assert claims, "the example should have claims"
    for claim in claims:
        element = _claim(browser, claim["id"])
        assert element.get_attribute("data-verdict") == claim["verdict"]
        summary = _part(element, "summary")
        assert _text(browser, summary).startswith(claim["text"])
        label = _part(summary, ".label")
        assert label.is_displayed()
        assert label.text == LABELS[claim["verdict"]]
    shown = browser.execute_script("return document.querySelectorAll('details.claim').length")
    assert shown == len(claims)
    counts = example_page.report["summary"]
    for verdict in LABELS:
        count = _part(browser.find_element("id", f"count-{verdict}"), "strong").text
        assert int(count) == counts[verdict]


def test_clicking_a_claim_shows_its_evidence(browser: Any, example_page: Page) -> None:
    _open(browser, example_page)
    for claim in example_page.report["claims"]:
        element = _claim(browser, claim["id"])
        detail = _part(element, ".detail")
        assert not detail.is_displayed()
        _part(element, "summary").click()
        assert detail.is_displayed()
        assert element.get_attribute("open") is not None
        assert claim["explanation"] in detail.text
        links = [a.get_attribute("href") for a in detail.find_elements("css selector", "a")]
        assert links == [evidence["url"] for evidence in claim["evidence"] if evidence["url"]]
        for evidence in claim["evidence"]:
            assert evidence["summary"] in detail.text
        _part(element, "summary").click()
        assert not detail.is_displayed()


def test_keyboard_reaches_and_opens_a_claim(browser: Any, example_page: Page) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    _open(browser, example_page)
    target = example_page.report["claims"][0]["id"]
    active = ""
    for _ in range(40):  # the header's link, sources and filters come first
        ActionChains(browser).send_keys(Keys.TAB).perform()
        active = browser.execute_script(
            "var e = document.activeElement; return e.parentElement ? e.parentElement.id : ''"
        )
        if active == f"claim-{target}":
            break
    assert active == f"claim-{target}", "Tab never reached the first claim"
    detail = _part(_claim(browser, target), ".detail")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert detail.is_displayed()
    ActionChains(browser).send_keys(Keys.SPACE).perform()
    assert not detail.is_displayed()


@pytest.mark.parametrize("hidden", ["supported", "unverified"])
def test_filters_hide_and_show_claims_by_verdict(
    browser: Any, example_page: Page, hidden: str
) -> None:
    _open(browser, example_page)
    claims = example_page.report["claims"]
    assert any(claim["verdict"] == hidden for claim in claims)
    checkbox = browser.find_element("id", f"filter-{hidden}")
    checkbox.click()
    for claim in claims:
        element = _claim(browser, claim["id"])
        label = _part(element, "summary .label")
        assert label.is_displayed() == (claim["verdict"] != hidden), claim["id"]
        # The article text stays: filtering removes the mark, not the words.
        assert _part(element, "summary").is_displayed()
    # A filtered claim no longer opens.
    first_hidden = next(claim for claim in claims if claim["verdict"] == hidden)
    element = _claim(browser, first_hidden["id"])
    _part(element, "summary").click()
    assert not _part(element, ".detail").is_displayed()
    checkbox.click()
    for claim in claims:
        assert _part(_claim(browser, claim["id"]), "summary .label").is_displayed()


def test_screenshot_of_the_example_report(browser: Any, example_page: Page) -> None:
    _open(browser, example_page)
    _part(_claim(browser, example_page.report["claims"][2]["id"]), "summary").click()
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "html-report-example.png"
    assert browser.save_screenshot(str(target))
    assert target.stat().st_size > 10_000


# --- markup in the article --------------------------------------------------------------------


def test_markup_in_the_article_renders_as_text(browser: Any, hostile_page: Page) -> None:
    _open(browser, hostile_page)
    assert browser.title == f"factcheck: {hostile_page.report['article']['path']}"
    article = browser.find_element("id", "article")
    made = browser.execute_script(
        "return arguments[0].querySelectorAll('script, img, b, a[href^=\"javascript\"]').length",
        article,
    )
    assert made == 0
    text = _text(browser, article)
    for literal in (
        "<b>summit</b>",
        "<script>",
        "onerror=",
        "javascript:",
        "&amp; &lt;escaped&gt;",
    ):
        assert literal in text
    claims = hostile_page.report["claims"]
    assert [claim["verdict"] for claim in claims][:1] == ["disputed"]
    for claim in claims:
        label = _part(_claim(browser, claim["id"]), "summary .label")
        assert label.text == LABELS[claim["verdict"]]


def test_markup_in_a_claim_is_escaped_in_the_page_source() -> None:
    """No browser needed: the bytes themselves hold no tag from the article."""
    from tests.reporting.test_formats import sample_report

    report = sample_report('says <script>alert("x")</script> & <b>more</b>')
    page = render_html(report)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;" in page
    assert page.count("<script>") == 1  # the page's own filter script
    assert render_html(report) == page  # deterministic


def test_page_loads_nothing_from_outside(example_page: Page) -> None:
    page = example_page.path.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page
    for external in ("<link", " src=", "@import", "url("):
        assert external not in page


def test_setup_installs_the_browser_and_its_driver() -> None:
    """A fresh machine gets everything these tests need from `make test`."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "apt-get install -y chromium chromium-driver" in makefile
    with (ROOT / "pyproject.toml").open("rb") as handle:
        extra = tomllib.load(handle)["project"]["optional-dependencies"]["test"]
    assert any(requirement.startswith("selenium") for requirement in extra)
