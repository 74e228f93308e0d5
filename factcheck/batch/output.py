"""Writing a batch's results so that a killed run loses nothing and can resume.

Each article is written whole and flushed before the next: one JSON Lines record
per line, or one report file (written to a temporary name, then renamed) plus its
line in `index.jsonl`. Resuming reads what is there: every complete line is an
article done; a last line cut short by a kill is removed; any other damage stops
the run instead of being guessed at.

A record is {"id", "url"?, "report"} or {"id", "url"?, "error"}; `report` is the
JSON report of `factcheck ARTICLE --format json`, on one line.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal, TextIO
from urllib.parse import quote

from factcheck.batch.worker import Result
from factcheck.errors import E, FactcheckError
from factcheck.reporting.streams import Kind, for_stream

INDEX = "index.jsonl"
# As in reporting/jsonl.py: json.dumps leaves these inside strings, and Python's
# str.splitlines() and Unicode-aware readers break lines at them.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})
# File names stay well under the usual 255-byte limit; longer ids get a hash.
_MAX_NAME = 200


@dataclass(frozen=True)
class Record:
    """An article in the output: its verdict counts, or its error."""

    id: str
    counts: Mapping[str, int] | None = None
    error: str | None = None


_Parse = Callable[[Mapping[str, Any]], Record | None]


class Writer:
    def __init__(self) -> None:
        self.done: list[Record] = []  # already in the output when resuming

    def write(self, result: Result) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Release the output (the stream of `StreamWriter` stays open)."""


def record_of(result: Result) -> Record:
    return Record(result.id, result.counts, result.error)


def jsonl_line(result: Result) -> str:
    data: dict[str, Any] = {"id": result.id}
    if result.url is not None:
        data["url"] = result.url
    if result.report is not None:
        data["report"] = json.loads(result.report)
    else:
        data["error"] = result.error
    return _one_line(json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")))


def _one_line(text: str) -> str:
    return text.translate(_LINE_BREAKS) + "\n"


class StreamWriter(Writer):
    """JSON Lines to a stream (standard output); nothing to resume from."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    def write(self, result: Result) -> None:
        try:
            stream = self.stream
            stream.write(for_stream(jsonl_line(result), stream.encoding, Kind.JSON))
            self.stream.flush()
        except OSError as exc:  # a closed pipe: `factcheck batch ... | head`
            raise FactcheckError("<stdout>", E.CANNOT_WRITE, reason=_reason(exc)) from None


class JsonlWriter(Writer):
    """JSON Lines to a file, appended to when resuming."""

    def __init__(self, path: Path, resume: bool) -> None:
        super().__init__()
        self.path = path
        if resume and path.exists():
            self.done = list(_resume_records(path, _from_jsonl))
        self.handle = _open(path, "a" if resume else "w")

    def write(self, result: Result) -> None:
        _append(self.handle, jsonl_line(result), self.path)

    def close(self) -> None:
        self.handle.close()


class DirWriter(Writer):
    """One report file per article, exactly as `--format json` writes it, and an index."""

    def __init__(self, directory: Path, resume: bool) -> None:
        super().__init__()
        self.directory = directory
        self.index = directory / INDEX
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FactcheckError(str(directory), E.CANNOT_CREATE, reason=_reason(exc)) from None
        if resume and self.index.exists():
            self.done = list(_resume_records(self.index, _from_index))
        self.handle = _open(self.index, "a" if resume else "w")

    def write(self, result: Result) -> None:
        data: dict[str, Any] = {"id": result.id}
        if result.url is not None:
            data["url"] = result.url
        if result.report is not None:
            name = file_name(result.id)
            _replace(self.directory / name, result.report)
            data.update(file=name, summary=result.counts)
        else:
            data["error"] = result.error
        _append(self.handle, _one_line(json.dumps(data, ensure_ascii=False)), self.index)

    def close(self) -> None:
        self.handle.close()


def file_name(article_id: str) -> str:
    """A flat file name for an id ("a/b.txt" -> "a%2Fb.txt.json"); `index.jsonl` maps back."""
    name = quote(article_id, safe="")
    if len(name) > _MAX_NAME:
        digest = hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:16]
        name = f"{name[: _MAX_NAME - 17]}~{digest}"
    return name + ".json"


def _from_jsonl(data: Mapping[str, Any]) -> Record | None:
    report = data.get("report")
    if isinstance(report, dict) and isinstance(report.get("summary"), dict):
        return Record(data["id"], report["summary"])
    return None


def _from_index(data: Mapping[str, Any]) -> Record | None:
    if isinstance(data.get("summary"), dict) and isinstance(data.get("file"), str):
        return Record(data["id"], data["summary"])
    return None


def _resume_records(path: Path, parse: _Parse) -> Iterator[Record]:
    """The records of an earlier run's output; a last line cut short is cut off."""
    with _open_binary(path) as handle:
        offset = 0
        for number, line in enumerate(handle, start=1):
            if not line.endswith(b"\n"):
                handle.truncate(offset)  # the run was killed while writing this line
                return
            offset += len(line)
            yield _parse_line(line, number, path, parse)


def _parse_line(line: bytes, number: int, path: Path, parse: _Parse) -> Record:
    try:
        data = json.loads(line)
    except ValueError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("id"), str):
        if isinstance(data.get("error"), str):
            return Record(data["id"], error=data["error"])
        record: Record | None = parse(data)
        if record is not None:
            return record
    raise FactcheckError(str(path), E.NOT_A_BATCH_RECORD, line=number)


def _open(path: Path, mode: Literal["a", "w"]) -> TextIO:
    try:
        return open(path, mode, encoding="utf-8", newline="")
    except OSError as exc:
        raise FactcheckError(str(path), E.CANNOT_WRITE, reason=_reason(exc)) from None


def _open_binary(path: Path) -> BinaryIO:
    try:
        return open(path, "r+b")
    except OSError as exc:
        raise FactcheckError(str(path), E.CANNOT_RESUME, reason=_reason(exc)) from None


def _append(handle: TextIO, line: str, path: Path) -> None:
    try:
        handle.write(line)
        handle.flush()
    except OSError as exc:
        raise FactcheckError(str(path), E.CANNOT_WRITE, reason=_reason(exc)) from None


def _replace(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all: a kill leaves the old file or the new."""
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as exc:
        raise FactcheckError(str(path), E.CANNOT_WRITE, reason=_reason(exc)) from None


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()
