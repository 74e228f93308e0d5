"""Read and validate `sources.toml`.

Validation collects every problem before raising, so that a user fixing a
configuration sees the whole list at once instead of one error per run. Each
problem names the source (by name and position) and the key.

A relative `path` must stay inside the configuration's folder (after symbolic
links are followed) unless the source sets `allow_outside = true`: a
sources.toml from elsewhere (a shared repository, a pull request) must not read
the user's other files. An absolute path is the user's deliberate choice.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.errors import ConfigError, E
from factcheck.lexicon import DEFAULT_RELATIONS, RelationSpec, merge_relations
from factcheck.records import Verdict
from factcheck.sources.kinds import KINDS, REGISTRY
from factcheck.sources.options import METADATA_KEYS, Report, show

_TOP_LEVEL_KEYS = frozenset({"aliases", "source", "publisher"})
_PUBLISHER_KEYS = frozenset({"name", "url"})
_SPEC_KEYS = frozenset(
    {
        "name",
        "kind",
        "path",
        "allow_outside",
        "title",
        "url",
        "enabled",
        "metrics",
        "relations",
        "ratings",
    }
)
_RELATION_KEYS = ("verbs", "inverse_verbs", "nouns")
_TOML_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)\s*$")


@dataclass(frozen=True)
class SourceSpec:
    """One `[[source]]` entry, validated.

    `metrics` maps a metric to the phrases naming it in text; the metric name
    itself is always the first phrase. For wide tables the metrics of
    `[source.columns.values]` are included even without a `[source.metrics]`
    entry. `ratings` keys are casefolded. `options` holds every other key
    verbatim (table `format`/`columns`, claimreview `threshold`, HTTP settings).
    """

    name: str
    kind: str
    path: Path | None
    title: str | None
    url: str | None
    enabled: bool
    metrics: Mapping[str, tuple[str, ...]]
    relations: Mapping[str, RelationSpec]
    ratings: Mapping[str, Verdict]
    options: Mapping[str, Any]


@dataclass(frozen=True)
class Publisher:
    """The `[publisher]` table: who publishes the fact-checks (ClaimReview `author`)."""

    name: str
    url: str | None = None


@dataclass(frozen=True)
class SourcesConfig:
    path: Path
    aliases: Mapping[str, tuple[str, ...]]
    sources: tuple[SourceSpec, ...]
    publisher: Publisher | None = None

    def relations(self) -> dict[str, RelationSpec]:
        """Built-in relations with every configured source's relations merged in.

        Disabled sources count too: their vocabulary still tells extraction what
        a claim is, even when no data is loaded to check it.
        """
        merged = dict(DEFAULT_RELATIONS)
        for spec in self.sources:
            merged = merge_relations(spec.relations, merged)
        return merged

    def metric_phrases(self) -> dict[str, tuple[str, ...]]:
        """Metric -> phrases, the union over every source that declares metrics."""
        phrases: dict[str, tuple[str, ...]] = {}
        for spec in self.sources:
            for metric, names in spec.metrics.items():
                phrases[metric] = tuple(dict.fromkeys([*phrases.get(metric, ()), *names]))
        return phrases


def load_config(path: Path) -> SourcesConfig:
    """Parse and validate `path`; raise one ConfigError listing every problem."""
    data = _read_toml(path)
    problems: list[str] = []
    for key in data:
        if key not in _TOP_LEVEL_KEYS:
            problems.append(
                f"unknown top-level key '{key}' (expected: {', '.join(sorted(_TOP_LEVEL_KEYS))})"
            )
    aliases = _aliases(data.get("aliases", {}), problems)
    sources = _sources(data.get("source", []), path.parent, problems)
    publisher = _publisher(data.get("publisher"), problems)
    if problems:
        raise ConfigError(str(path), E.INVALID_CONFIG, problems="; ".join(problems))
    return SourcesConfig(path=path, aliases=aliases, sources=sources, publisher=publisher)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(str(path), E.FILE_NOT_FOUND) from None
    except IsADirectoryError:
        raise ConfigError(str(path), E.SOURCES_IS_A_DIRECTORY) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), E.NOT_UTF8_DATA, reason=exc.reason) from None
    except OSError as exc:
        raise ConfigError(str(path), E.UNREADABLE_FILE, reason=exc.strerror) from None
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise ConfigError(str(path), E.INVALID_TOML, detail="nested too deeply") from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _TOML_LINE.search(message)
        line = int(found.group(1)) if found else None
        detail = _TOML_LINE.sub("", message)
        suffix = f" (line {line})" if line else ""
        raise ConfigError(
            str(path), E.INVALID_TOML, line=line, detail=f"{detail}{suffix}"
        ) from None


def _aliases(raw: object, problems: list[str]) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        problems.append("key 'aliases': expected a table of name = [aliases]")
        return {}
    aliases: dict[str, tuple[str, ...]] = {}
    for name, values in raw.items():
        if _is_string_list(values):
            aliases[name] = tuple(values)
        else:
            problems.append(f"key 'aliases.\"{name}\"': expected a list of strings")
    return aliases


def _publisher(raw: object, problems: list[str]) -> Publisher | None:
    """The optional `[publisher]` table: `name` (required) and `url`."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        problems.append("key 'publisher': expected a table with name and url")
        return None
    found = [
        f"key 'publisher.{key}': unknown key (expected: name, url)"
        for key in sorted(raw)
        if key not in _PUBLISHER_KEYS
    ]
    name, url = raw.get("name"), raw.get("url")
    if not (isinstance(name, str) and name.strip()):
        found.append("key 'publisher.name': expected a non-empty string")
    if url is not None and not (isinstance(url, str) and url.strip()):
        found.append("key 'publisher.url': expected a non-empty string")
    problems.extend(found)
    if found or not isinstance(name, str) or not (url is None or isinstance(url, str)):
        return None
    return Publisher(name=name, url=url)


def _sources(raw: object, base: Path, problems: list[str]) -> tuple[SourceSpec, ...]:
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        problems.append("key 'source': expected [[source]] tables")
        return ()
    specs: list[SourceSpec] = []
    first_seen: dict[str, int] = {}
    for number, table in enumerate(raw, start=1):
        spec = _source(table, number, base, problems)
        if spec is None:
            continue
        if spec.name in first_seen:
            problems.append(
                f"source '{spec.name}' (#{number}): key 'name': duplicate name "
                f"(also source #{first_seen[spec.name]})"
            )
            continue
        first_seen[spec.name] = number
        specs.append(spec)
    return tuple(specs)


def _source(table: dict[str, Any], number: int, base: Path, outer: list[str]) -> SourceSpec | None:
    """Validate one `[[source]]`; append its problems to `outer`, None if any."""
    name = table.get("name")
    has_name = isinstance(name, str) and name.strip() != ""
    label = f"source '{name}' (#{number})" if has_name else f"source #{number}"
    problems: list[str] = []

    def report(key: str, problem: str) -> None:
        problems.append(f"key '{key}': {problem}")

    if "name" not in table:
        problems.append("missing key 'name'")
    elif not has_name:
        report("name", "expected a non-empty string")
    kind = _kind(table, problems, report)
    enabled = table.get("enabled", True)
    if not isinstance(enabled, bool):
        report("enabled", "expected true or false")
        enabled = True
    title = _optional_string(table, "title", report)
    url = _optional_string(table, "url", report)
    path = _path(table, kind, enabled, base, problems, report)
    options = {key: value for key, value in table.items() if key not in _SPEC_KEYS}
    if kind is not None:
        _check_options(kind, options, report)
    metrics = _metrics(table.get("metrics", {}), options if kind == "table" else {}, report)
    relations = _relations(table.get("relations", {}), report)
    ratings = _ratings(table.get("ratings", {}), report)
    outer.extend(f"{label}: {problem}" for problem in problems)
    if problems or not isinstance(name, str) or kind is None:
        return None
    return SourceSpec(
        name=name,
        kind=kind,
        path=path,
        title=title,
        url=url,
        enabled=enabled,
        metrics=metrics,
        relations=relations,
        ratings=ratings,
        options=options,
    )


def _kind(table: dict[str, Any], problems: list[str], report: Report) -> str | None:
    kind = table.get("kind")
    if "kind" not in table:
        problems.append("missing key 'kind'")
        return None
    if not isinstance(kind, str) or kind not in KINDS:
        report("kind", f"unknown kind {show(kind)} (expected one of: {', '.join(KINDS)})")
        return None
    return kind


def _optional_string(table: dict[str, Any], key: str, report: Report) -> str | None:
    value = table.get(key)
    if value is None or isinstance(value, str):
        return value
    report(key, "expected a string")
    return None


def _path(
    table: dict[str, Any],
    kind: str | None,
    enabled: bool,
    base: Path,
    problems: list[str],
    report: Report,
) -> Path | None:
    """Resolve `path` against the TOML file's folder.

    A disabled source's file need not exist: disabling a source is how a user
    keeps its entry while the data is missing.
    """
    raw = table.get("path")
    if raw is None:
        if kind is not None and REGISTRY[kind].local:
            problems.append("missing key 'path'")
        return None
    if not isinstance(raw, str) or not raw.strip():
        report("path", "expected a non-empty string")
        return None
    path = base / raw
    allow_outside = table.get("allow_outside", False)
    if not isinstance(allow_outside, bool):
        report("allow_outside", "expected true or false")
    elif not allow_outside and _escapes(base, raw):
        report(
            "path",
            f"{raw} is outside the folder of sources.toml "
            "(set allow_outside = true to read it, or give an absolute path)",
        )
        return None
    if kind is not None and REGISTRY[kind].local and enabled:
        if not path.exists():
            report("path", f"file not found: {raw}")
        elif not path.is_file():
            report("path", f"not a file: {raw}")
    return path


def _escapes(base: Path, raw: str) -> bool:
    """Whether a relative path leads out of `base`, by `..` or a symbolic link."""
    if Path(raw).is_absolute():
        return False
    try:
        return not (base / raw).resolve().is_relative_to(base.resolve())
    except (OSError, RuntimeError):  # a symlink loop: nowhere safe to read
        return True


def _check_options(kind: str, options: Mapping[str, Any], report: Report) -> None:
    """A local kind's keys, strictly; HTTP kinds check theirs when loaded."""
    entry = REGISTRY[kind]
    if not entry.local:
        return
    for key in options:
        if key not in entry.options | METADATA_KEYS:
            report(key, f"unknown key for kind '{kind}'")
    if entry.check is not None:
        entry.check(options, report)


def _metrics(raw: object, options: Mapping[str, Any], report: Report) -> dict[str, tuple[str, ...]]:
    metrics: dict[str, tuple[str, ...]] = {}
    if not isinstance(raw, dict):
        report("metrics", "expected a table of metric = [phrases]")
        raw = {}
    for metric, phrases in raw.items():
        if _is_string_list(phrases):
            metrics[metric] = tuple(dict.fromkeys([metric, *phrases]))
        else:
            report(f'metrics."{metric}"', "expected a list of strings")
    if options.get("format") == "wide":
        columns = options.get("columns")
        values = columns.get("values") if isinstance(columns, dict) else None
        for metric in values if isinstance(values, dict) else ():
            metrics.setdefault(metric, (metric,))
    return metrics


def _relations(raw: object, report: Report) -> dict[str, RelationSpec]:
    if not isinstance(raw, dict):
        report("relations", 'expected [source.relations."name"] tables')
        return {}
    relations: dict[str, RelationSpec] = {}
    for name, entry in raw.items():
        key = f'relations."{name}"'
        if not isinstance(entry, dict):
            report(key, "expected a table with verbs, inverse_verbs, nouns")
            continue
        valid = True
        for extra in entry.keys() - {*_RELATION_KEYS, "single"}:
            expected = ", ".join((*_RELATION_KEYS, "single"))
            report(f"{key}.{extra}", f"unknown key (expected: {expected})")
            valid = False
        if not isinstance(entry.get("single", False), bool):
            report(f"{key}.single", "expected true or false")
            valid = False
        for field in _RELATION_KEYS:
            if field in entry and not _is_string_list(entry[field]):
                report(f"{key}.{field}", "expected a list of strings")
                valid = False
        if valid:
            relations[name] = RelationSpec(
                name,
                verbs=tuple(entry.get("verbs", ())),
                inverse_verbs=tuple(entry.get("inverse_verbs", ())),
                nouns=tuple(entry.get("nouns", ())),
                single=bool(entry.get("single", False)),
            )
    return relations


def _ratings(raw: object, report: Report) -> dict[str, Verdict]:
    if not isinstance(raw, dict):
        report("ratings", "expected a table of rating = verdict")
        return {}
    ratings: dict[str, Verdict] = {}
    allowed = ", ".join(verdict.value for verdict in Verdict)
    for rating, verdict in raw.items():
        if isinstance(verdict, str) and verdict in Verdict._value2member_map_:
            ratings[rating.casefold()] = Verdict(verdict)
        else:
            report(f'ratings."{rating}"', f"unknown verdict {show(verdict)} (expected: {allowed})")
    return ratings


def _is_string_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)
