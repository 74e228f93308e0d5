"""The whole check, stage by stage: article -> claims -> verdicts -> report.

The CLI and the tests call `Checker`; it loads the sources once and the spaCy
model once, then checks as many articles as it is given.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from spacy.language import Language

from factcheck import SCHEMA_VERSION, __version__
from factcheck.errors import ConfigError
from factcheck.extraction.component import ClaimsComponent
from factcheck.extraction.context import ExtractionLexicon
from factcheck.matching import Matcher
from factcheck.normalise.entities import EntityResolver
from factcheck.records import Article, Report
from factcheck.sources import LoadedSources, SourcesConfig, load_config, load_sources

SOURCES_ENV = "FACTCHECK_SOURCES"


def packaged_sources() -> Path:
    """The default sources: packaged data when installed, the repository root otherwise."""
    packaged = Path(str(resources.files("factcheck"))) / "data" / "sources.toml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / "sources.toml"


def find_sources(explicit: str | None, cwd: Path | None = None) -> Path:
    """`--sources`, else FACTCHECK_SOURCES, else ./sources.toml, else the packaged default."""
    chosen = explicit or os.environ.get(SOURCES_ENV)
    if chosen:
        path = Path(chosen)
        if not path.exists():
            raise ConfigError(chosen, "no such sources file")
        if path.is_dir():
            raise ConfigError(chosen, "is a directory, not a sources.toml file")
        return path
    local = (cwd or Path.cwd()) / "sources.toml"
    return local if local.is_file() else packaged_sources()


def lexicon_for(config: SourcesConfig, sources: LoadedSources) -> ExtractionLexicon:
    units: dict[str, set[str]] = {}
    for table in sources.tables:
        for row in table.rows:
            units.setdefault(row.metric, set()).add(row.unit)
    return ExtractionLexicon(
        relations=config.relations(),
        metrics=config.metric_phrases(),
        metric_units={metric: frozenset(found) for metric, found in units.items()},
    )


@dataclass
class Checker:
    """Checks articles against one sources configuration with one spaCy pipeline."""

    nlp: Language
    config: SourcesConfig
    options: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.resolver = EntityResolver(self.config.aliases)
        self.sources = load_sources(self.config, self.resolver)
        self.component = ClaimsComponent(lexicon_for(self.config, self.sources), self.resolver)

    @classmethod
    def from_path(
        cls, nlp: Language, sources_path: Path, options: Mapping[str, str] | None = None
    ) -> Checker:
        return cls(nlp=nlp, config=load_config(sources_path), options=dict(options or {}))

    def check(self, article: Article) -> Report:
        doc = self.nlp.make_doc(article.text)
        doc._.published = article.published
        for _, pipe in self.nlp.pipeline:
            doc = pipe(doc)
        doc = self.component(doc)
        matcher = Matcher(self.sources, self.resolver, article.published)
        return Report(
            article=article,
            claims=matcher.check_all(doc._.claims),
            sources=self.sources.statuses,
            tool_version=__version__,
            schema_version=SCHEMA_VERSION,
            options=dict(self.options),
        )
