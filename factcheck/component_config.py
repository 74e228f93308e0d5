"""The claims component's spaCy config: plain values in, lexicon and resolver out.

spaCy keeps a component's settings in `nlp.config`, which must survive being
written to a .cfg file, so the component takes what the extractor knows as
plain values: metric phrases, the units each metric comes in, relations and
aliases. `config_for` turns loaded sources into those values (the `Checker`
passes them, so sources are scanned once); `config_from_file` does the same
for the path a config file names.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.extraction.context import ExtractionLexicon
from factcheck.lexicon import RelationSpec, merge_relations
from factcheck.normalise.entities import EntityResolver

if TYPE_CHECKING:
    from factcheck.sources import LoadedSources, SourcesConfig

RELATION_FIELDS = ("verbs", "inverse_verbs", "nouns", "single")


def config_for(config: SourcesConfig, sources: LoadedSources) -> dict[str, Any]:
    """The component config that gives the lexicon and resolver of these sources.

    The units come from each table's summary (`TableSource.metric_units`, learnt when
    the file was scanned), so no table's rows are built for it.
    """
    units: dict[str, set[str]] = {}
    for table in sources.tables:
        for metric, found in table.metric_units.items():
            units.setdefault(metric, set()).update(found)
    return {
        "metrics": {metric: list(phrases) for metric, phrases in config.metric_phrases().items()},
        "metric_units": {metric: sorted(found) for metric, found in units.items()},
        "relations": {name: _relation_values(spec) for name, spec in config.relations().items()},
        "aliases": {name: list(names) for name, names in config.aliases.items()},
    }


def config_from_file(path: str) -> dict[str, Any]:
    """`config_for` the sources.toml at `path` (its files are scanned, no rows built)."""
    from factcheck.sources import load_config, load_sources

    config = load_config(Path(path))
    return config_for(config, load_sources(config, EntityResolver(config.aliases), lazy=True))


def lexicon_of(
    metrics: Mapping[str, list[str]],
    metric_units: Mapping[str, list[str]],
    relations: Mapping[str, Mapping[str, Any]],
) -> ExtractionLexicon:
    """The lexicon these config values describe, the language's own metrics and
    relations merged in (a relation named here adds its words to a built-in one)."""
    return ExtractionLexicon.with_builtin_metrics(
        relations=merge_relations(
            {name: _relation(name, spec) for name, spec in relations.items()}
        ),
        metrics={metric: tuple(phrases) for metric, phrases in metrics.items()},
        metric_units={metric: frozenset(units) for metric, units in metric_units.items()},
    )


def resolver_of(aliases: Mapping[str, list[str]]) -> EntityResolver:
    return EntityResolver({name: tuple(names) for name, names in aliases.items()})


def merged(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """`base` config values with `extra`'s entries added, `extra` winning per name."""
    return {key: {**base.get(key, {}), **extra.get(key, {})} for key in (*base, *extra)}


def _relation_values(spec: RelationSpec) -> dict[str, Any]:
    words = {key: list(getattr(spec, key)) for key in RELATION_FIELDS[:3]}
    return {**words, "single": spec.single}


def _relation(name: str, spec: Mapping[str, Any]) -> RelationSpec:
    unknown = sorted(set(spec) - set(RELATION_FIELDS))
    if unknown:
        raise ValueError(
            f"factcheck_claims: relation {name!r} has unknown key(s) {', '.join(unknown)};"
            f" expected {', '.join(RELATION_FIELDS)}"
        )
    words = {key: tuple(str(word) for word in spec.get(key, ())) for key in RELATION_FIELDS[:3]}
    return RelationSpec(name, **words, single=bool(spec.get("single", False)))
