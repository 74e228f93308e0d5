"""The whole check, stage by stage: article -> claims -> verdicts -> report.

The CLI and the tests call `Checker`; it loads the sources once and the spaCy
model once, then checks as many articles as it is given. Its pipeline is the
model's with a `factcheck_claims` component configured for its sources, so an
article's claims come from `nlp(text)` exactly as in any spaCy program.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, cast

from spacy.language import Language

from factcheck import SCHEMA_VERSION, __version__
from factcheck.component_config import config_for, lexicon_of
from factcheck.errors import ConfigError, E
from factcheck.extraction.component import ClaimsComponent
from factcheck.extraction.context import ExtractionLexicon
from factcheck.matching import Matcher
from factcheck.matching.meaning import MeaningReader
from factcheck.nlp import with_claims
from factcheck.normalise.entities import EntityResolver
from factcheck.parsing import Parsed, parse, parse_many
from factcheck.records import Article, CheckedClaim, Claim, Report, Verdict
from factcheck.sources import (
    HTTP_KINDS,
    LoadedSources,
    SourcesConfig,
    load_config,
    load_sources,
)
from factcheck.stages import Progress, ProgressCallback, Stage, ignore

if TYPE_CHECKING:
    from factcheck.sources.remote_options import RemoteOptions

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
            raise ConfigError(chosen, E.SOURCES_NOT_FOUND)
        if path.is_dir():
            raise ConfigError(chosen, E.SOURCES_IS_A_DIRECTORY)
        return path
    local = (cwd or Path.cwd()) / "sources.toml"
    return local if local.is_file() else packaged_sources()


def lexicon_for(config: SourcesConfig, sources: LoadedSources) -> ExtractionLexicon:
    """The lexicon of the claims component a `Checker` of these sources runs."""
    values = config_for(config, sources)
    return lexicon_of(values["metrics"], values["metric_units"], values["relations"])


@dataclass
class Checker:
    """Checks articles against one sources configuration with one spaCy pipeline.

    `nlp` is the model as loaded (shared: it is not changed); `pipeline` is the same
    components followed by this checker's claims component.
    """

    nlp: Language
    config: SourcesConfig
    options: Mapping[str, str] = field(default_factory=dict)
    remote: RemoteOptions | None = None  # HTTP sources: cache, offline; None = defaults
    min_checkworthiness: float = 0.0  # claims scoring below are not reported (or looked up)

    def __post_init__(self) -> None:
        self.resolver = EntityResolver(self.config.aliases)
        # Files are checked now; rows are built when a claim first needs them.
        self.sources = load_sources(self.config, self.resolver, lazy=True)
        self.pipeline = with_claims(self.nlp, config_for(self.config, self.sources))
        self.component = cast(ClaimsComponent, self.pipeline.get_pipe("factcheck_claims"))
        self.reader = MeaningReader(self.nlp, self.resolver)  # for published fact-checks
        self.has_http = any(spec.kind in HTTP_KINDS for spec in self.config.sources)
        if self.has_http:
            from factcheck.sources.remote import check_specs  # httpx only when needed

            check_specs(self.config)

    @classmethod
    def from_path(
        cls,
        nlp: Language,
        sources_path: Path,
        options: Mapping[str, str] | None = None,
        remote: RemoteOptions | None = None,
        min_checkworthiness: float = 0.0,
    ) -> Checker:
        config = load_config(sources_path)
        return cls(nlp, config, dict(options or {}), remote, min_checkworthiness)

    def check(self, article: Article, progress: ProgressCallback = ignore) -> Report:
        """The report on `article`; `progress` is told of each stage as it starts."""
        progress(Progress(Stage.PARSING, len(article.text.split())))
        return self.judge(*self.extract(article, self.parse(article)), progress)

    # `parse`, `extract` and `judge` are `check` in parts, so that `factcheck batch` can
    # parse many articles through `nlp.pipe` and ask the HTTP sources once in between.
    def parse(self, article: Article) -> Parsed:
        """The article through the pipeline: its Doc carries the claims."""
        return parse(self.pipeline, article.text, article.published)

    def parse_many(self, articles: Sequence[Article]) -> list[Parsed]:
        """`parse` of each article, those that fit in one part batched through `nlp.pipe`."""
        return parse_many(
            self.pipeline, [(article.text, article.published) for article in articles]
        )

    def extract(self, article: Article, parsed: Parsed) -> tuple[Article, tuple[Claim, ...]]:
        """The article (with what parsing it did, as warnings) and its claims worth reporting."""
        if parsed.warnings:
            article = replace(article, warnings=article.warnings + parsed.warnings)
        found: tuple[Claim, ...] = parsed.doc._.claims
        claims = tuple(c for c in found if c.checkworthiness >= self.min_checkworthiness)
        return article, claims

    def judge(
        self, article: Article, claims: tuple[Claim, ...], progress: ProgressCallback = ignore
    ) -> Report:
        """The report on `article` whose claims `extract` found."""
        sources, unchecked = self._with_remote(claims, progress)
        progress(Progress(Stage.CHECKING, len(claims)))
        matcher = Matcher(sources, self.resolver, article.published, self.reader)
        return Report(
            article=article,
            claims=_explain_unchecked(matcher.check_all(claims), unchecked),
            sources=sources.statuses,
            tool_version=__version__,
            schema_version=SCHEMA_VERSION,
            options=dict(self.options),
        )

    def _with_remote(
        self, claims: Sequence[Claim], progress: ProgressCallback
    ) -> tuple[LoadedSources, Mapping[str, str]]:
        """Ask the HTTP sources for what these claims need; local sources as they are."""
        if not self.has_http:
            return self.sources, {}
        asked = [spec for spec in self.config.sources if spec.kind in HTTP_KINDS and spec.enabled]
        progress(Progress(Stage.ASKING, len(asked)))
        from factcheck.sources.remote import RemoteOptions, fetch_remote, merge_remote

        result = fetch_remote(self.config, claims, self.resolver, self.remote or RemoteOptions())
        return merge_remote(self.config, self.sources, result), result.unchecked


def _explain_unchecked(
    checked: tuple[CheckedClaim, ...], unchecked: Mapping[str, str]
) -> tuple[CheckedClaim, ...]:
    """An unverified claim that a failed source might have settled says so."""
    return tuple(
        replace(item, explanation=f"{item.explanation} ({unchecked[item.claim.id]})")
        if item.verdict is Verdict.UNVERIFIED and item.claim.id in unchecked
        else item
        for item in checked
    )
