"""Reports for tools and editorial gates: ClaimReview, Markdown, JSONL, terminal modes, hooks.

The CLI runs in this process through typer's CliRunner (the session's spaCy
model is shared); the unit tests build small `Report`s by hand and need no
model. Golden files: `tests/data/golden/nato-vilnius-2023.md` and `.jsonl`
are the Markdown and JSONL reports of

    factcheck examples/nato-vilnius-2023.txt --published 2023-07-04 --format markdown|jsonl

run from the repository root. After an intended change, review the failing
difference, then rewrite them with

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/reporting/test_formats.py -k golden
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from spacy.language import Language
from typer.testing import CliRunner, Result

from factcheck.cli.check import Presentation as _Presentation
from factcheck.cli.check import app
from factcheck.cli.check import spinner as _spinner
from factcheck.errors import ConfigError
from factcheck.records import (
    Article,
    CheckedClaim,
    Claim,
    ClaimType,
    Evidence,
    PublishedSource,
    Report,
    SourceState,
    SourceStatus,
    Verdict,
)
from factcheck.reporting import Format, validate_report
from factcheck.reporting.claimreview import (
    RATINGS,
    article_url,
    claim_reviews,
    render_claimreview,
    require_publisher,
)
from factcheck.reporting.jsonl import render_jsonl
from factcheck.reporting.markdown import escape_markdown, render_markdown
from factcheck.sources.claimreview import load_reviews
from factcheck.sources.config import Publisher, load_config
from tests.conftest import DATA, EXAMPLE, ROOT

PUBLISHED = "2023-07-04"
EXAMPLE_REL = EXAMPLE.relative_to(ROOT).as_posix()
GOLDEN = DATA / "golden"
LABELS = {"supported": "✓ supported", "disputed": "✗ disputed", "unverified": "? unverified"}
_AMBIENT = ("FACTCHECK_SOURCES", "NO_COLOR", "FORCE_COLOR", "COLUMNS")
# The example with its 1.3 trillion doubled: one disputed claim.
DISPUTED_TEXT = (
    "According to Russian media reports, the defense expenditure of NATO member states will "
    "reach 2.6 trillion US dollars in 2023.\n"
)
# schema.org ClaimReview: the properties this report may use, and those it must.
CLAIMREVIEW_KEYS = {
    "@context",
    "@type",
    "claimReviewed",
    "itemReviewed",
    "reviewRating",
    "reviewBody",
    "author",
    "url",
}
CLAIMREVIEW_REQUIRED = {"@context", "@type", "claimReviewed", "itemReviewed", "reviewRating"}
RATING_KEYS = {
    "@type",
    "alternateName",
    "ratingValue",
    "bestRating",
    "worstRating",
    "ratingExplanation",
}


# --- helpers ---------------------------------------------------------------------------------


def invoke(args: Sequence[str], *, env: dict[str, str | None] | None = None) -> Result:
    clean: dict[str, str | None] = dict.fromkeys(_AMBIENT)
    clean.update(env or {})
    return CliRunner().invoke(app, list(args), env=clean)


def expect(result: Result, code: int) -> Result:
    assert result.exit_code == code, f"stderr:\n{result.stderr}\n{result.exception!r}"
    return result


@pytest.fixture(scope="module")
def at_root(nlp: Language) -> Iterator[None]:
    """Runs from the repository root, as the documented commands are, with the model loaded."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        yield


@pytest.fixture(scope="module")
def example_json(at_root: None) -> dict[str, Any]:
    result = expect(invoke([EXAMPLE_REL, "--published", PUBLISHED, "--format", "json"]), 0)
    report: dict[str, Any] = json.loads(result.stdout)
    return report


@pytest.fixture(scope="module")
def disputed_article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("articles") / "doubled.txt"
    path.write_text(DISPUTED_TEXT, encoding="utf-8")
    return path


def sample_report(extra: str = "") -> Report:
    """A hand-made report with one claim of each verdict; `extra` is one more sentence."""
    sentences = [
        "NATO spent 9 trillion dollars in 2023.",
        "Finland joined NATO in 2023.",
        "The moon is made of cheese.",
    ]
    if extra:
        sentences.append(extra)
    text = " ".join(sentences) + "\n"
    verdicts = [Verdict.DISPUTED, Verdict.SUPPORTED, Verdict.UNVERIFIED, Verdict.SUPPORTED]
    evidence = Evidence(
        source="nato-events",
        title="A | title with *stars*",
        url="https://example.org/ref",
        record={"date": "2023-04-04"},
        summary="Finland joined NATO on 4 April 2023",
    )
    claims = []
    for number, (sentence, verdict) in enumerate(zip(sentences, verdicts, strict=False), 1):
        start = text.index(sentence)
        claim = Claim(
            id=f"c{number}",
            text=sentence.rstrip("."),
            sentence=sentence,
            start=start,
            end=start + len(sentence) - 1,
            type=ClaimType.EVENT,
        )
        found = (evidence,) if verdict is not Verdict.UNVERIFIED else ()
        claims.append(CheckedClaim(claim, verdict, 0.9, f"explanation {number}", found))
    article = Article(
        path="story.md",
        text=text,
        sha256="0" * 64,
        published=date(2023, 7, 4),
        published_source=PublishedSource.OPTION,
    )
    status = SourceStatus("nato-events", "events", SourceState.OK, records=3)
    return Report(article, tuple(claims), (status,), "0.1.0", "1.2.0")


def check_golden(name: str, current: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(current, encoding="utf-8")
    golden = path.read_text(encoding="utf-8")
    assert current == golden, f"{name} changed; see the module docstring to update it"


# --- ClaimReview ----------------------------------------------------------------------------


DESK = Publisher("Desk", "https://d.example")


def assert_claimreview(review: dict[str, Any]) -> None:
    """One object against the schema.org ClaimReview structure."""
    assert CLAIMREVIEW_REQUIRED <= review.keys() <= CLAIMREVIEW_KEYS, review.keys()
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"]
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert date.fromisoformat(item["datePublished"])
    if "appearance" in item:
        assert item["appearance"]["@type"] == "CreativeWork"
        assert item["appearance"]["url"].startswith("https://")
    rating = review["reviewRating"]
    assert rating.keys() <= RATING_KEYS
    assert rating["@type"] == "Rating"
    assert all(isinstance(rating[key], int) for key in ("ratingValue", "bestRating", "worstRating"))
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert rating["alternateName"] in {"True", "False"}
    if "author" in review:
        assert review["author"]["@type"] == "Organization"
        assert review["author"]["name"]


@pytest.mark.parametrize(
    ("verdict", "name", "value"),
    [
        (Verdict.SUPPORTED, "True", 5),
        (Verdict.DISPUTED, "False", 1),
    ],
)
def test_claimreview_rating_mapping(verdict: Verdict, name: str, value: int) -> None:
    reviews = claim_reviews(sample_report(), publisher=DESK)
    rated = [r for r in reviews if r["reviewRating"]["alternateName"] == name]
    assert rated and all(r["reviewRating"]["ratingValue"] == value for r in rated)
    assert RATINGS[verdict].alternate_name == name
    assert all(r["reviewRating"]["bestRating"] == 5 for r in reviews)
    assert all(r["reviewRating"]["worstRating"] == 1 for r in reviews)


def test_claimreview_leaves_out_unverified_claims() -> None:
    report = sample_report()
    reviewed = [r["claimReviewed"] for r in claim_reviews(report, publisher=DESK)]
    expected = [c.claim.sentence for c in report.claims if c.verdict is not Verdict.UNVERIFIED]
    assert reviewed == expected


@pytest.mark.parametrize(
    ("url", "publisher", "appearance", "author"),
    [
        (None, Publisher("Desk"), None, {"@type": "Organization", "name": "Desk"}),
        (
            "https://n.example/a",
            Publisher("Desk"),
            "https://n.example/a",
            {"@type": "Organization", "name": "Desk"},
        ),
        (
            "https://n.example/a",
            Publisher("Desk", "https://d.example"),
            "https://n.example/a",
            {"@type": "Organization", "name": "Desk", "url": "https://d.example"},
        ),
    ],
)
def test_claimreview_fields(
    url: str | None, publisher: Publisher, appearance: str | None, author: Any
) -> None:
    reviews = claim_reviews(sample_report(), url=url, publisher=publisher)
    for review in reviews:
        assert_claimreview(review)
        assert review["itemReviewed"]["datePublished"] == "2023-07-04"
        assert review["itemReviewed"].get("appearance", {}).get("url") == appearance
        assert review.get("author") == author
        assert review.get("url") == publisher.url
        assert review["reviewRating"]["ratingExplanation"].startswith("explanation")
    assert json.loads(render_claimreview(reviews)) == reviews


@pytest.mark.parametrize(
    ("front", "explicit", "expected"),
    [
        ("url: https://n.example/story\n", None, "https://n.example/story"),
        ("url: 'https://n.example/quoted'\n", None, "https://n.example/quoted"),
        ("url: https://n.example/story\n", "https://other.example/x", "https://other.example/x"),
        ("canonical_url: https://n.example/c\n", None, "https://n.example/c"),
        ("title: no url\n", None, None),
    ],
)
def test_article_url_from_front_matter(
    front: str, explicit: str | None, expected: str | None
) -> None:
    text = f"---\n{front}date: 2023-07-04\n---\nBody.\n"
    article = replace(sample_report().article, text=text)
    assert article_url(article, explicit) == expected


def test_claimreview_from_the_cli(
    at_root: None, example_json: dict[str, Any], publisher_sources: Path, disputed_article: Path
) -> None:
    args = [EXAMPLE_REL, str(disputed_article), "--published", PUBLISHED, "--fail-on", "never"]
    result = invoke([*args, "--format", "claimreview", "--sources", str(publisher_sources)])
    reviews = json.loads(expect(result, 0).stdout)
    assert isinstance(reviews, list)
    settled = [c for c in example_json["claims"] if c["verdict"] != "unverified"]
    sentences = [" ".join(c["sentence"].split()) for c in settled]
    assert [r["claimReviewed"] for r in reviews[: len(settled)]] == sentences
    assert all(r["claimReviewed"].endswith(".") for r in reviews)  # whole sentences
    assert reviews[-1]["reviewRating"]["alternateName"] == "False"
    assert reviews[-1]["reviewRating"]["ratingValue"] == 1
    for review in reviews:
        assert_claimreview(review)
        assert review["author"] == {
            "@type": "Organization",
            "name": "Example Newsroom Desk",
            "url": "https://news.example.org/factchecks",
        }
        assert review["url"] == "https://news.example.org/factchecks"
        assert review["itemReviewed"]["datePublished"] == PUBLISHED
        assert "appearance" not in review["itemReviewed"]  # no --url, no front matter


def test_claimreview_url_option(at_root: None, publisher_sources: Path) -> None:
    args = [EXAMPLE_REL, "--published", PUBLISHED, "--format", "claimreview"]
    args += ["--sources", str(publisher_sources)]
    result = expect(invoke([*args, "--url", "https://news.example.org/vilnius"]), 0)
    for review in json.loads(result.stdout):
        assert review["itemReviewed"]["appearance"] == {
            "@type": "CreativeWork",
            "url": "https://news.example.org/vilnius",
        }


def test_claimreview_output_reads_back_as_a_claimreview_source(tmp_path: Path) -> None:
    """What we publish, factcheck's own claimreview source kind understands."""
    report = sample_report()
    reviews = claim_reviews(report, publisher=DESK)
    (tmp_path / "reviews.json").write_text(render_claimreview(reviews), "utf-8")
    toml = tmp_path / "sources.toml"
    toml.write_text('[[source]]\nname = "ours"\nkind = "claimreview"\npath = "reviews.json"\n')
    loaded = load_reviews(load_config(toml).sources[0])
    settled = [c for c in report.claims if c.verdict is not Verdict.UNVERIFIED]
    assert [(r.claim_reviewed, r.verdict) for r in loaded.reviews] == [
        (c.claim.sentence, c.verdict) for c in settled
    ]


def test_claimreview_without_a_publisher_is_refused(at_root: None) -> None:
    """No [publisher] (the built-in sources have none): one line and exit 2, not reviews
    without an author, and before the model and the sources are put to work."""
    args = [EXAMPLE_REL, "--published", PUBLISHED, "--format", "claimreview"]
    result = expect(invoke(args), 2)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert "ClaimReview needs an author: add a [publisher] table" in result.stderr
    assert "sources.toml" in result.stderr
    assert "Traceback" not in result.stderr
    with pytest.raises(ConfigError, match="needs an author"):
        require_publisher(None, "sources.toml")
    assert require_publisher(DESK, "sources.toml") is DESK


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        (
            '[publisher]\nurl = "https://x.example"\n',
            "key 'publisher.name': expected a non-empty string",
        ),
        ("[publisher]\nname = 3\n", "key 'publisher.name': expected a non-empty string"),
        ('[publisher]\nname = "  "\n', "key 'publisher.name': expected a non-empty string"),
        (
            '[publisher]\nname = "Desk"\nurl = 5\n',
            "key 'publisher.url': expected a non-empty string",
        ),
        (
            '[publisher]\nname = "Desk"\nemail = "d@x.example"\n',
            "key 'publisher.email': unknown key",
        ),
        ('publisher = "Desk"\n', "key 'publisher': expected a table"),
    ],
)
def test_publisher_table_is_validated(tmp_path: Path, table: str, problem: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(table, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert problem in raised.value.message


@pytest.mark.parametrize(
    ("table", "publisher"),
    [
        ("", None),
        ('[publisher]\nname = "Desk"\n', Publisher("Desk")),
        (
            '[publisher]\nname = "Desk"\nurl = "https://d.example"\n',
            Publisher("Desk", "https://d.example"),
        ),
    ],
)
def test_publisher_table_is_read(tmp_path: Path, table: str, publisher: Publisher | None) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(table, encoding="utf-8")
    assert load_config(path).publisher == publisher


# --- Markdown and JSONL -------------------------------------------------------------------------


def test_markdown_golden(at_root: None) -> None:
    args = [EXAMPLE_REL, "--published", PUBLISHED, "--format", "markdown"]
    check_golden("nato-vilnius-2023.md", expect(invoke(args), 0).stdout)


def test_jsonl_golden(at_root: None, example_json: dict[str, Any]) -> None:
    args = [EXAMPLE_REL, "--published", PUBLISHED, "--format", "jsonl"]
    output = expect(invoke(args), 0).stdout
    check_golden("nato-vilnius-2023.jsonl", output)
    lines = [json.loads(line) for line in output.splitlines()]
    article = example_json["article"]
    assert len(lines) == len(example_json["claims"])
    for line, claim in zip(lines, example_json["claims"], strict=True):
        assert line.pop("article") == article["path"]
        assert line.pop("sha256") == article["sha256"]
        assert line.pop("published") == article["published"]
        assert line == claim  # the rest is the claim exactly as in the JSON report
    validate_report(example_json)


def test_jsonl_of_several_articles_is_one_stream(at_root: None, disputed_article: Path) -> None:
    args = [EXAMPLE_REL, str(disputed_article), "--published", PUBLISHED, "--format", "jsonl"]
    lines = [json.loads(line) for line in expect(invoke(args), 1).stdout.splitlines()]
    assert {line["article"] for line in lines} == {EXAMPLE_REL, str(disputed_article)}
    assert all(re.fullmatch(r"[0-9a-f]{64}", line["sha256"]) for line in lines)


def test_jsonl_of_no_claims_is_empty() -> None:
    assert render_jsonl(replace(sample_report(), claims=())) == ""


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain words", "plain words"),
        ("a | b", "a \\| b"),
        ("*stars* and _under_", "\\*stars\\* and \\_under\\_"),
        ("[link](https://x.example)", "\\[link\\](https://x.example)"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("a & b", "a &amp; b"),
        ("`code`", "\\`code\\`"),
        ("two\nlines", "two lines"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_markdown_escaping(text: str, escaped: str) -> None:
    assert escape_markdown(text) == escaped


def test_markdown_lists_disputed_claims_with_their_explanation() -> None:
    markdown = render_markdown(sample_report("Table | breaker <b>bold</b>."))
    assert "#### Disputed claims" in markdown
    assert "- **#1** “NATO spent 9 trillion dollars in 2023”: explanation 1" in markdown
    rows = [line for line in markdown.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + 4  # header and one row per claim
    assert all(line.count(" | ") == 4 for line in rows)  # no cell breaks the table
    assert "<b>" not in markdown
    assert "[nato-events](https://example.org/ref)" in markdown


# --- terminal: --show article, --quiet, several articles --------------------------------------


def test_show_article_marks_every_claim_inline(at_root: None, example_json: dict[str, Any]) -> None:
    args = [EXAMPLE_REL, "--published", PUBLISHED, "--show", "article"]
    output = expect(invoke(args, env={"COLUMNS": "2000"}), 0).stdout
    for number, claim in enumerate(example_json["claims"], start=1):
        assert f"{claim['text']} [#{number} {LABELS[claim['verdict']]}]" in output
    assert "Leave a Reply" in output  # the whole article, not only its claims
    assert output.splitlines()[0].startswith("9 claims: 8 supported")


def test_quiet_prints_only_the_summary_line(at_root: None, example_json: dict[str, Any]) -> None:
    output = expect(invoke([EXAMPLE_REL, "--published", PUBLISHED, "--quiet"]), 0).stdout
    counts = example_json["summary"]
    assert output == (
        f"{counts['claims']} claims: {counts['supported']} supported, {counts['disputed']} "
        f"disputed, {counts['unverified']} unverified · published {PUBLISHED} (option) · "
        "sources: 12 ok\n"
    )


# articles (example / doubled) | --fail-on | exit code
SEVERAL = [
    pytest.param(["example"], "disputed", 0, id="clean"),
    pytest.param(["doubled"], "disputed", 1, id="disputed"),
    pytest.param(["example", "doubled"], "disputed", 1, id="worst-of-two"),
    pytest.param(["doubled", "example"], "disputed", 1, id="order-does-not-matter"),
    pytest.param(["example", "example"], "unverified", 1, id="unverified-gate"),
    pytest.param(["example", "doubled"], "never", 0, id="never"),
]


@pytest.mark.parametrize(("names", "fail_on", "code"), SEVERAL)
def test_several_articles_exit_with_the_worst_gate(
    at_root: None, disputed_article: Path, names: list[str], fail_on: str, code: int
) -> None:
    paths = {"example": EXAMPLE_REL, "doubled": str(disputed_article)}
    args = [*(paths[name] for name in names), "--published", PUBLISHED, "--fail-on", fail_on]
    lines = expect(invoke([*args, "--quiet"]), code).stdout.splitlines()
    assert len(lines) == len(names)
    if len(names) > 1:  # each summary line names its article
        assert [line.split(": ", 1)[0] for line in lines] == [paths[name] for name in names]
    else:
        assert re.match(r"\d+ claims?: ", lines[0])


def test_json_is_one_object_for_one_article_and_an_array_for_several(
    at_root: None, example_json: dict[str, Any], disputed_article: Path
) -> None:
    args = [EXAMPLE_REL, str(disputed_article), "--published", PUBLISHED, "--format", "json"]
    reports = json.loads(expect(invoke(args), 1).stdout)
    assert isinstance(reports, list) and len(reports) == 2
    for report in reports:
        validate_report(report)
    assert reports[0] == example_json
    assert reports[1]["summary"]["disputed"] == 1


def test_table_of_several_articles_names_each(at_root: None, disputed_article: Path) -> None:
    args = [EXAMPLE_REL, str(disputed_article), "--published", PUBLISHED]
    output = expect(invoke(args, env={"COLUMNS": "200"}), 1).stdout
    assert output.index(EXAMPLE_REL) < output.index(str(disputed_article))
    assert output.count("claims:") + output.count("claim:") == 2


@pytest.mark.parametrize(
    "extra",
    [
        ["--format", "html", "EXTRA"],
        ["--url", "https://n.example/a", "EXTRA"],
        ["--format", "json", "--quiet"],
        ["--format", "markdown", "--show", "article"],
        ["--quiet", "--show", "article"],
    ],
)
def test_usage_errors(at_root: None, extra: list[str]) -> None:
    args = [EXAMPLE_REL if item == "EXTRA" else item for item in extra]
    result = expect(invoke([EXAMPLE_REL, "--published", PUBLISHED, *args]), 2)
    assert result.stdout == ""


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("output_format", "quiet", "tty", "spins"),
    [
        (Format.TABLE, False, True, True),
        (Format.TABLE, False, False, False),
        (Format.TABLE, True, True, False),
        (Format.JSON, False, True, False),
        (Format.HTML, False, True, False),
        (Format.JSONL, False, True, False),
    ],
)
def test_spinner_only_for_people_at_a_terminal(
    monkeypatch: pytest.MonkeyPatch, output_format: Format, quiet: bool, tty: bool, spins: bool
) -> None:
    monkeypatch.setattr("sys.stderr", _Stream(tty))
    manager = _spinner(_Presentation(output_format, None, quiet=quiet))
    assert (type(manager).__name__ != "nullcontext") == spins


def test_no_spinner_output_in_machine_formats(at_root: None) -> None:
    result = expect(invoke([EXAMPLE_REL, "--published", PUBLISHED, "--format", "jsonl"]), 0)
    assert result.stderr == ""


# --- editorial gates ----------------------------------------------------------------------------


def test_pre_commit_hook_definition() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    hook = hooks[0]
    assert hook["id"] == "factcheck"
    assert hook["entry"] == "factcheck"
    assert hook["language"] == "python"
    assert hook["types_or"] == ["markdown", "text"]
    assert hook.get("pass_filenames", True) is True
    assert hook["require_serial"] is True  # one process: the model loads once
    with (ROOT / "pyproject.toml").open("rb") as handle:
        scripts = tomllib.load(handle)["project"]["scripts"]
    assert hook["entry"].split()[0] in scripts


def test_ci_example_fails_on_disputed_claims_and_comments() -> None:
    doc = (ROOT / "docs" / "ci-example.md").read_text(encoding="utf-8")
    workflow = yaml.safe_load(doc.split("```yaml\n", 1)[1].split("```", 1)[0])
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as true
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "--format markdown" in runs and "--fail-on disputed" in runs
    assert "gh pr comment" in runs or any("comment" in str(step.get("uses", "")) for step in steps)


def test_readme_documents_reports_and_gates() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Reports and editorial gates" in readme
    for needle in (
        "--format html",
        "claimreview",
        "ratingValue",
        ".pre-commit-hooks.yaml",
        "docs/ci-example.md",
        "--fail-on",
    ):
        assert needle in readme, needle
