"""The spaCy contract of the claims component.

`spacy.load(...); nlp.add_pipe("factcheck_claims", config=...)` must work in any
spaCy program once the package is installed: the script below never imports
factcheck, so spaCy can only find the factory through the `spacy_factories`
entry point. It loads the model once, builds the component from the config file
`tests/data/spacy/factcheck_claims.cfg`, and must find in an example article the
claims the CLI finds; then it checks short texts with a component configured
inline. Everything else here runs on the session's model or a blank pipeline.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import spacy
from spacy.language import Language
from typer.testing import CliRunner

from factcheck.cli.check import app
from factcheck.component_config import config_for, lexicon_of
from factcheck.extraction.component import ClaimsComponent
from factcheck.extraction.context import ExtractionLexicon
from factcheck.nlp import model_name, with_claims
from factcheck.normalise.entities import EntityResolver
from factcheck.pipeline import Checker, packaged_sources
from factcheck.records import Article, ClaimType, PublishedSource
from factcheck.sources import load_config, load_sources
from factcheck.sources.remote_options import RemoteOptions
from factcheck.stages import Progress, Stage
from tests.conftest import CORPUS, DATA, ROOT, Write

CONFIG_FILE = DATA / "spacy" / "factcheck_claims.cfg"
ARTICLE = ROOT / "examples" / "economy-roundup-2023.txt"
PUBLISHED = "2024-02-01"  # the config file's

_SCRIPT = """
import json, sys
import spacy
model, config_file, sources, article, texts = sys.argv[1:]
nlp = spacy.load(model)
config = spacy.util.load_config(
    config_file, overrides={"paths.sources": sources}, interpolate=True
)
settings = dict(config["components"]["factcheck_claims"])
settings.pop("factory")
nlp.add_pipe("factcheck_paragraphs", before="parser")
nlp.add_pipe("factcheck_claims", config=settings)
doc = nlp(open(article, encoding="utf-8").read())
found = {
    "article": [[c.start, c.end, c.type.value, c.text] for c in doc._.claims],
    "pipes": nlp.pipe_names,
    "assigns": nlp.get_pipe_meta("factcheck_claims").assigns,
    "problems": nlp.analyze_pipes()["problems"]["factcheck_claims"],
    "pos_set": doc.has_annotation("POS"),
}
nlp.remove_pipe("factcheck_claims")
nlp.add_pipe("factcheck_claims", config={"published": "2024-01-01"})
for text in json.loads(texts):
    doc = nlp(text)
    found[text] = {
        "texts": [claim.text for claim in doc._.claims],
        "labels": [span.label_ for span in doc.spans["claims"]],
    }
print(json.dumps(found))
"""

# text (not about NATO: the component must not depend on the example's domain) | a claim in it
TEXTS = {
    "Canada joined the Example Organisation in 2010. Its budget reached $4.2 billion in 2022.": (
        "$4.2 billion"
    ),
    "Germany spent 45 million euros on the bridge in 2022.": "45 million euros",
}


@pytest.fixture(scope="module")
def found() -> dict[str, Any]:
    arguments = [model_name(), str(CONFIG_FILE), str(ROOT / "sources.toml"), str(ARTICLE)]
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, *arguments, json.dumps(list(TEXTS))],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.mark.slow
def test_a_pipeline_from_the_config_file_finds_the_claims_the_cli_finds(
    found: dict[str, Any], nlp: Language
) -> None:
    arguments = [str(ARTICLE), "--published", PUBLISHED, "--sources", str(ROOT / "sources.toml")]
    result = CliRunner().invoke(app, [*arguments, "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.stderr
    cli = [
        [c["start"], c["end"], c["type"], c["text"]] for c in json.loads(result.stdout)["claims"]
    ]
    assert len(cli) > 10
    assert found["article"] == cli


@pytest.mark.slow
def test_the_component_declares_what_it_assigns_and_the_model_gives_what_it_requires(
    found: dict[str, Any],
) -> None:
    assert found["pipes"][-1] == "factcheck_claims"
    assert found["assigns"] == ["doc._.claims", "doc.spans"]
    # The one requirement spaCy sees unmet is met: the small English model's
    # attribute_ruler sets token.pos from the tags, but its factory declares nothing.
    assert found["problems"] == ["token.pos"]
    assert found["pos_set"]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "claim_text"), TEXTS.items())
def test_a_component_configured_inline_finds_claims(
    found: dict[str, Any], text: str, claim_text: str
) -> None:
    claims = found[text]
    assert len(claims["labels"]) == len(claims["texts"]) >= 1
    assert set(claims["labels"]) <= {claim_type.value for claim_type in ClaimType}
    assert any(claim_text in claim for claim in claims["texts"]), claims["texts"]


# --- the config, without a model -------------------------------------------------------------


@pytest.fixture(scope="module")
def blank() -> Iterator[Language]:
    yield spacy.blank("en")


def test_without_a_publication_date_the_component_refuses(blank: Language) -> None:
    component = blank.add_pipe("factcheck_claims", name="undated")
    with pytest.raises(ValueError, match=r"doc\._\.published"):
        component(blank.make_doc("Kenya joined the East African Community next year."))
    blank.remove_pipe("undated")


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"published": "4 July 2023"}, "not a date in YYYY-MM-DD form"),
        ({"relations": {"held in": {"verb": ["stage"]}}}, "unknown key"),
    ],
)
def test_a_bad_config_is_refused_when_the_pipe_is_added(
    blank: Language, config: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        blank.add_pipe("factcheck_claims", name="bad", config=config)
    assert "bad" not in blank.pipe_names


def test_the_config_values_of_sources_give_their_lexicon() -> None:
    config = load_config(packaged_sources())
    sources = load_sources(config, EntityResolver(config.aliases), lazy=True)
    units: dict[str, set[str]] = {}
    for table in sources.tables:
        for metric, unit in table.metric_units.items():
            units.setdefault(metric, set()).update(unit)
    direct = ExtractionLexicon.with_builtin_metrics(
        config.relations(),
        config.metric_phrases(),
        {metric: frozenset(unit) for metric, unit in units.items()},
    )
    values = json.loads(json.dumps(config_for(config, sources)))  # as a .cfg file keeps them
    lexicon = lexicon_of(values["metrics"], values["metric_units"], values["relations"])
    assert lexicon == direct
    assert list(lexicon.relations.items()) == list(direct.relations.items())  # order decides ties
    assert list(lexicon.metrics.items()) == list(direct.metrics.items())
    assert values["aliases"]["NATO"][0] == "North Atlantic Treaty Organization"


# --- the pipelines of Checkers ---------------------------------------------------------------


def test_a_checker_shares_the_model_and_leaves_it_as_it_was(nlp: Language) -> None:
    names = list(nlp.pipe_names)
    first = Checker.from_path(nlp, packaged_sources())
    second = Checker.from_path(nlp, CORPUS / "sport-paris-2024" / "sources.toml")
    assert nlp.pipe_names == names and "factcheck_claims" not in names
    assert first.pipeline.pipe_names == second.pipeline.pipe_names == [*names, "factcheck_claims"]
    assert first.pipeline.get_pipe("parser") is nlp.get_pipe("parser")
    assert first.component is not second.component
    assert first.component.lexicon != second.component.lexicon
    again = with_claims(first.pipeline, {"published": "2024-01-01"})  # replaces, never adds
    assert again.pipe_names == first.pipeline.pipe_names
    assert again.get_pipe("factcheck_claims") is not first.component


def test_the_docs_own_date_wins_over_the_configured_one(nlp: Language) -> None:
    pipeline = with_claims(nlp, {"published": "2020-06-01"})
    text = "Kenya joined the East African Community last year."
    configured = pipeline(text)
    own = pipeline.make_doc(text)
    own._.published = date(2011, 3, 1)
    stated = pipeline(own)
    assert [c.time.start.year for c in configured._.claims if c.time and c.time.start] == [2019]
    assert [c.time.start.year for c in stated._.claims if c.time and c.time.start] == [2010]
    assert isinstance(pipeline.get_pipe("factcheck_claims"), ClaimsComponent)


def test_check_reports_each_stage_with_its_count(nlp: Language) -> None:
    checker = Checker.from_path(nlp, packaged_sources())
    text = ARTICLE.read_text(encoding="utf-8")
    seen: list[Progress] = []
    article = Article("roundup.txt", text, "", date(2024, 2, 1), PublishedSource.OPTION)
    report = checker.check(article, seen.append)
    assert seen == [
        Progress(Stage.PARSING, len(text.split())),
        Progress(Stage.CHECKING, len(report.claims)),
    ]


def test_check_reports_asking_the_http_sources(nlp: Language, write: Write) -> None:
    sources = write(
        "sources.toml",
        """
        [[source]]
        name = "world-bank"
        kind = "worldbank"
        base_url = "http://127.0.0.1:9/v2"
        [source.indicators]
        "population" = "SP.POP.TOTL"
        """,
    )
    remote = RemoteOptions(offline=True, cache_dir=sources.parent / "cache")  # no network
    checker = Checker.from_path(nlp, sources, remote=remote)
    text = "Kenya's population reached 54 million in 2022."
    seen: list[Progress] = []
    report = checker.check(
        Article("kenya.txt", text, "", date(2024, 2, 1), PublishedSource.OPTION), seen.append
    )
    assert [item.stage for item in seen] == [Stage.PARSING, Stage.ASKING, Stage.CHECKING]
    assert seen[1] == Progress(Stage.ASKING, 1)
    assert seen[2] == Progress(Stage.CHECKING, len(report.claims)) != Progress(Stage.CHECKING, 0)
