"""`kind = "events"`: dated facts of the form subject -relation-> object.

CSV columns: subject, relation, object, date (required), and end_date, place,
url, note (optional columns; their cells may be empty). A relation must be one
the configuration knows (built-in defaults merged with the source's
`[source.relations]`), so a typo in the data is caught at load time rather than
silently never matching.

As for tables (see `factcheck.sources.tables`), a run scans the file
(`scan_events`: every cell checked, the rows counted, the relations it has
noted) and builds the rows the first time a claim asks for a relation the file
has, so that no claim about a membership builds the rows of a file of capitals.
Events files are small (hundreds of rows): their rows are built by the code of
`load_events`, which reads the file again and checks it again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.errors import ConfigError, E
from factcheck.lexicon import RelationSpec, merge_relations
from factcheck.records import EventRow
from factcheck.sources.cells import read_csv, read_grid, valid
from factcheck.sources.config import SourceSpec

if TYPE_CHECKING:
    from factcheck.normalise.entities import EntityResolver

EVENT_COLUMNS = ("subject", "relation", "object", "date")


@dataclass(frozen=True)
class _Keyed:
    row: EventRow
    subject_key: str
    object_key: str


@dataclass(frozen=True)
class EventSummary:
    """What a run needs to know of an events file before any claim asks it anything."""

    records: int  # rows, as `load_events` would build them
    relations: frozenset[str]  # the relations the rows have, normalised


@dataclass(frozen=True)
class _Index:
    """The rows, their resolver keys (subject, object), and the rows by relation."""

    rows: tuple[EventRow, ...]
    keys: tuple[tuple[str, str], ...]
    by_relation: Mapping[str, list[_Keyed]]

    @classmethod
    def of(cls, rows: tuple[EventRow, ...], keys: tuple[tuple[str, str], ...]) -> _Index:
        by_relation: dict[str, list[_Keyed]] = {}
        for row, (subject_key, object_key) in zip(rows, keys, strict=True):
            by_relation.setdefault(row.relation, []).append(_Keyed(row, subject_key, object_key))
        return cls(rows, keys, by_relation)


class EventSource:
    """The events of one source, indexed by relation when first needed.

    Made from rows (`load_events`, the HTTP kinds) it indexes them at once; made by
    `scan_events` it reads them the first time `rows`, `keys` or `find` for a
    relation the file has needs them. `keys[i]` holds the resolver keys
    (subject, object) of `rows[i]`.
    """

    spec: SourceSpec
    summary: EventSummary
    _load: Callable[[], _Index]
    _index: _Index | None

    def __init__(
        self, spec: SourceSpec, rows: tuple[EventRow, ...], keys: tuple[tuple[str, str], ...]
    ) -> None:
        held, keyed = tuple(rows), tuple(keys)
        if len(held) != len(keyed):
            raise ValueError(f"{len(held)} rows but {len(keyed)} keys")
        summary = EventSummary(len(held), frozenset(row.relation for row in held))
        index = _Index.of(held, keyed)
        self._start(spec, summary, lambda: index)
        self._index = index

    @classmethod
    def deferred(
        cls, spec: SourceSpec, summary: EventSummary, load: Callable[[], _Index]
    ) -> EventSource:
        """Events that know their summary and read their rows with `load` when first needed."""
        events = cls.__new__(cls)
        events._start(spec, summary, load)
        return events

    def _start(self, spec: SourceSpec, summary: EventSummary, load: Callable[[], _Index]) -> None:
        self.spec = spec
        self.summary = summary
        self._load = load
        self._index = None

    def __repr__(self) -> str:
        state = "loaded" if self.loaded else "not loaded"
        return f"EventSource({self.spec.name!r}, {self.records} rows, {state})"

    @property
    def records(self) -> int:
        return self.summary.records

    @property
    def loaded(self) -> bool:
        """Whether the rows have been read and indexed."""
        return self._index is not None

    @property
    def rows(self) -> tuple[EventRow, ...]:
        return self._indexed().rows

    @property
    def keys(self) -> tuple[tuple[str, str], ...]:
        return self._indexed().keys

    def find(
        self, relation: str, *, subject_key: str | None = None, object_key: str | None = None
    ) -> list[EventRow]:
        """Events of `relation`, narrowed to the given entity keys, in file order."""
        name = _relation_name(relation)
        if name not in self.summary.relations:
            return []
        return [
            keyed.row
            for keyed in self._indexed().by_relation.get(name, [])
            if (subject_key is None or keyed.subject_key == subject_key)
            and (object_key is None or keyed.object_key == object_key)
        ]

    def _indexed(self) -> _Index:
        if self._index is None:
            self._index = self._load()  # twice at worst, with the same result: no lock
        return self._index


def load_events(
    spec: SourceSpec, resolver: EntityResolver, relations: Mapping[str, RelationSpec]
) -> EventSource:
    """Read, check and index every row now (`factcheck sources check`, tests, libraries)."""
    return EventSource(spec, *_read_rows(spec, resolver, relations))


def scan_events(
    spec: SourceSpec, resolver: EntityResolver, relations: Mapping[str, RelationSpec]
) -> EventSource:
    """Check the file now and read its rows when a claim first needs them.

    Raises what `load_events` raises, with the same message: a file the scan
    finds anything wrong with is handed to `load_events`.
    """
    if spec.path is None:
        raise ConfigError(spec.name, E.NO_PATH, kind="events")
    summary = _scan(spec.path, _known(spec, relations))
    if summary is None:
        return load_events(spec, resolver, relations)
    return EventSource.deferred(
        spec, summary, lambda: _Index.of(*_read_rows(spec, resolver, relations))
    )


def _known(spec: SourceSpec, relations: Mapping[str, RelationSpec]) -> set[str]:
    return {_relation_name(name) for name in merge_relations(spec.relations, relations)}


def _read_rows(
    spec: SourceSpec, resolver: EntityResolver, relations: Mapping[str, RelationSpec]
) -> tuple[tuple[EventRow, ...], tuple[tuple[str, str], ...]]:
    if spec.path is None:
        raise ConfigError(spec.name, E.NO_PATH, kind="events")
    rows = tuple(_rows(spec, spec.path, _known(spec, relations)))
    known: dict[str, str] = {}  # few entities, many rows

    def key(name: str) -> str:
        return known.get(name) or known.setdefault(name, resolver.key(name))

    return rows, tuple((key(row.subject), key(row.object)) for row in rows)


def _scan(path: Path, known: set[str]) -> EventSummary | None:
    """What `_rows` would build, or None if it would raise (or the file is unusual).

    Every cell is checked, in Python only once per distinct relation, date and
    (date, end date) pair.
    """
    grid = read_grid(path, EVENT_COLUMNS)
    if grid is None:
        return None
    subjects, objects, starts = grid.column("subject"), grid.column("object"), grid.column("date")
    if "" in subjects or "" in objects:
        return None
    relations = {_relation_name(raw) for raw in set(grid.column("relation"))}
    if not relations <= known or not valid(lambda text: _date(path, "date", text, 0), set(starts)):
        return None
    if "end_date" in grid.columns:
        spans = set(zip(starts, grid.column("end_date"), strict=True))
        try:
            for start, end in spans:
                stop = _date(path, "end_date", end, 0, required=False)
                if stop is not None and stop < date.fromisoformat(start):
                    return None
        except ConfigError:
            return None
    return EventSummary(len(subjects), frozenset(relations))


def _rows(spec: SourceSpec, path: Path, known: set[str]) -> list[EventRow]:
    rows = []
    for line, cells in read_csv(path, EVENT_COLUMNS):
        for column in ("subject", "object"):
            if not cells[column]:
                raise ConfigError(str(path), E.EMPTY_CELL, line=line, column=column)
        relation = _relation_name(cells["relation"])
        if relation not in known:
            known_names = ", ".join(sorted(known))
            raise ConfigError(str(path), E.UNKNOWN_RELATION, line=line, known=known_names)
        start = _date(path, "date", cells["date"], line)
        end = _date(path, "end_date", cells.get("end_date", ""), line, required=False)
        if start and end and end < start:
            raise ConfigError(str(path), E.END_BEFORE_START, line=line, end=end, start=start)
        rows.append(
            EventRow(
                subject=cells["subject"],
                relation=relation,
                object=cells["object"],
                date=start,
                end_date=end,
                place=cells.get("place") or None,
                url=cells.get("url") or None,
                note=cells.get("note") or None,
                line=line,
                source=spec.name,
            )
        )
    return rows


def _date(path: Path, column: str, text: str, line: int, *, required: bool = True) -> date | None:
    if not text:
        if required:
            raise ConfigError(str(path), E.EMPTY_CELL, line=line, column=column)
        return None
    try:
        if len(text) != len("2023-07-11"):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigError(str(path), E.NOT_AN_ISO_DATE, line=line, column=column) from None


def _relation_name(name: str) -> str:
    return " ".join(name.casefold().split())
