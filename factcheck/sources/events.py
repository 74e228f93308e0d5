"""`kind = "events"`: dated facts of the form subject -relation-> object.

CSV columns: subject, relation, object, date (required), and end_date, place,
url, note (optional columns; their cells may be empty). A relation must be one
the configuration knows (built-in defaults merged with the source's
`[source.relations]`), so a typo in the data is caught at load time rather than
silently never matching.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.errors import ConfigError
from factcheck.lexicon import RelationSpec, merge_relations
from factcheck.records import EventRow
from factcheck.sources.config import SourceSpec
from factcheck.sources.tables import read_csv

if TYPE_CHECKING:
    from factcheck.normalise.entities import EntityResolver

EVENT_COLUMNS = ("subject", "relation", "object", "date")


@dataclass(frozen=True)
class _Keyed:
    row: EventRow
    subject_key: str
    object_key: str


@dataclass(frozen=True)
class EventSource:
    """The events of one source, indexed by relation.

    `keys[i]` holds the resolver keys (subject, object) of `rows[i]`.
    """

    spec: SourceSpec
    rows: tuple[EventRow, ...]
    keys: tuple[tuple[str, str], ...] = field(repr=False, compare=False)
    _by_relation: dict[str, list[_Keyed]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_relation: dict[str, list[_Keyed]] = {}
        for row, (subject_key, object_key) in zip(self.rows, self.keys, strict=True):
            by_relation.setdefault(row.relation, []).append(_Keyed(row, subject_key, object_key))
        object.__setattr__(self, "_by_relation", by_relation)

    def find(
        self, relation: str, *, subject_key: str | None = None, object_key: str | None = None
    ) -> list[EventRow]:
        """Events of `relation`, narrowed to the given entity keys, in file order."""
        return [
            keyed.row
            for keyed in self._by_relation.get(_relation_name(relation), [])
            if (subject_key is None or keyed.subject_key == subject_key)
            and (object_key is None or keyed.object_key == object_key)
        ]


def load_events(
    spec: SourceSpec, resolver: EntityResolver, relations: Mapping[str, RelationSpec]
) -> EventSource:
    if spec.path is None:
        raise ConfigError(spec.name, "events source has no path")
    known = {_relation_name(name) for name in merge_relations(spec.relations, relations)}
    rows = tuple(_rows(spec, spec.path, known))
    keys = tuple((resolver.key(row.subject), resolver.key(row.object)) for row in rows)
    return EventSource(spec=spec, rows=rows, keys=keys)


def _rows(spec: SourceSpec, path: Path, known: set[str]) -> list[EventRow]:
    rows = []
    for line, cells in read_csv(path, EVENT_COLUMNS):
        for column in ("subject", "object"):
            if not cells[column]:
                raise ConfigError(str(path), f"column '{column}' is empty", line=line)
        relation = _relation_name(cells["relation"])
        if relation not in known:
            raise ConfigError(
                str(path),
                f"column 'relation': unknown relation '{cells['relation']}' "
                f"(known: {', '.join(sorted(known))}; add others in [source.relations])",
                line=line,
            )
        start = _date(path, "date", cells["date"], line)
        end = _date(path, "end_date", cells.get("end_date", ""), line, required=False)
        if start and end and end < start:
            raise ConfigError(
                str(path), f"column 'end_date': {end} is before date {start}", line=line
            )
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
            raise ConfigError(str(path), f"column '{column}' is empty (an ISO date)", line=line)
        return None
    try:
        if len(text) != len("2023-07-11"):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigError(
            str(path), f"column '{column}': '{text}' is not an ISO date (YYYY-MM-DD)", line=line
        ) from None


def _relation_name(name: str) -> str:
    return " ".join(name.casefold().split())
