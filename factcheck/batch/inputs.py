"""What a batch reads: files, directories and JSON Lines of articles, in a stable order.

Discovery is lazy, so an archive of 100,000 articles is never held in memory; the
order is the order of the arguments, each directory walked in sorted order, each
JSON Lines file line by line. A bad input record (not JSON, no text) becomes an
item with an error, so that it reaches the output as an error record instead of
stopping the run.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, Final

from factcheck.errors import E, FactcheckError, InputError
from factcheck.reading import MAX_CHARS, read_article, refuse_long
from factcheck.records import Article

STDIN: Final = "-"
JSONL_SUFFIXES: Final = (".jsonl", ".ndjson")
DEFAULT_GLOBS: Final = ("*.txt", "*.md")


@dataclass(frozen=True)
class Item:
    """One article to check, before it is read."""

    id: str
    path: str | None = None  # a file to read
    text: str | None = None  # or the text itself (a JSON Lines record)
    published: date | None = None
    url: str | None = None
    error: str | None = None  # the input record itself is unusable


@dataclass(frozen=True)
class Entry:
    """One article, read: what a worker is sent."""

    id: str
    url: str | None
    article: Article | None
    error: str | None = None  # "path: problem" when it could not be read


def discover(
    inputs: Sequence[str], globs: Sequence[str] = DEFAULT_GLOBS, stdin: BinaryIO | None = None
) -> Iterator[Item]:
    """Every article the arguments name, in order."""
    for given in inputs:
        if given == STDIN:
            yield from _records(_lines(stdin), where="<stdin>", base=None)
        elif os.path.isdir(given):
            for path in _walk(Path(given), globs):
                yield Item(id=str(path), path=str(path))
        elif given.endswith(JSONL_SUFFIXES):
            yield from _jsonl_file(given)
        else:
            yield Item(id=given, path=given)


def count(inputs: Sequence[str], globs: Sequence[str] = DEFAULT_GLOBS) -> int | None:
    """How many items `discover` will yield, for a progress bar; None with standard input."""
    if STDIN in inputs:
        return None
    total = 0
    for given in inputs:
        if os.path.isdir(given):
            total += sum(1 for _ in _walk(Path(given), globs))
        elif given.endswith(JSONL_SUFFIXES) and os.path.isfile(given):
            with open(given, "rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


def load(
    item: Item, published: date | None, max_chars: int = MAX_CHARS
) -> tuple[Entry, tuple[str, ...]]:
    """The item read and decoded, with the reading warnings ("path: warning")."""
    if item.error is not None:
        return Entry(item.id, item.url, None, item.error), ()
    when = item.published or published
    try:
        if item.text is not None:
            raw = io.BytesIO(item.text.encode("utf-8"))
            article = replace(read_article(STDIN, published=when, stdin=raw), path=item.id)
        else:
            assert item.path is not None
            article = read_article(item.path, published=when)
        refuse_long(article, max_chars)
    except InputError as error:
        where = item.id if item.text is not None else error.path
        return Entry(item.id, item.url, None, f"{where}: {error.problem}"), ()
    warnings = tuple(f"{article.path}: {warning}" for warning in article.warnings)
    return Entry(item.id, item.url, article), warnings


def _walk(root: Path, globs: Sequence[str]) -> list[Path]:
    """Files under `root` matching any glob, sorted; hidden files and folders are skipped."""
    found: set[Path] = set()
    for pattern in globs:
        for path in root.rglob(pattern):
            relative = path.relative_to(root)
            if path.is_file() and not any(part.startswith(".") for part in relative.parts):
                found.add(path)
    return sorted(found, key=lambda path: path.relative_to(root).as_posix())


def _jsonl_file(given: str) -> Iterator[Item]:
    try:
        handle = open(given, "rb")  # noqa: SIM115 - closed below, read lazily
    except OSError as exc:
        raise InputError(given, E.CANNOT_READ, reason=(exc.strerror or str(exc)).lower()) from None
    with handle:
        yield from _records(handle, where=given, base=Path(given).parent)


def _lines(stdin: BinaryIO | None) -> Iterable[bytes]:
    return stdin if stdin is not None else sys.stdin.buffer


def _records(lines: Iterable[bytes], where: str, base: Path | None) -> Iterator[Item]:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield _record(line, f"{where}:{number}", base)


def _record(line: bytes, where: str, base: Path | None) -> Item:
    """One JSON Lines record: {"id", "text" or "path", "published", "url"}."""
    try:
        data: Any = json.loads(line)
    except ValueError:
        return Item(id=where, error=f"{where}: not a JSON object")
    if not isinstance(data, dict):
        return Item(id=where, error=f"{where}: not a JSON object")
    key = data.get("id")
    if not isinstance(key, str) or not key:
        return Item(id=where, error=f'{where}: no "id" string')
    try:
        return _item(key, data, base)
    except FactcheckError as error:
        return Item(id=key, error=f"{where}: {error.problem}")


def _item(key: str, data: dict[str, Any], base: Path | None) -> Item:
    text, path = data.get("text"), data.get("path")
    if (text is None) == (path is None):
        raise InputError(key, E.BAD_BATCH_INPUT, detail='needs exactly one of "text" and "path"')
    if not isinstance(text if text is not None else path, str):
        raise InputError(key, E.BAD_BATCH_INPUT, detail='"text" and "path" must be strings')
    url = data.get("url")
    if url is not None and not isinstance(url, str):
        raise InputError(key, E.BAD_BATCH_INPUT, detail='"url" must be a string')
    if path is not None and base is not None:
        path = str(base / path)
    return Item(id=key, path=path, text=text, published=_date(data.get("published")), url=url)


def _date(value: object) -> date | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    detail = f'"published" {json.dumps(value)} is not a date in YYYY-MM-DD form'
    raise InputError(str(value), E.BAD_BATCH_INPUT, detail=detail)
