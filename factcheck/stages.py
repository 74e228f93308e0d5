"""Where a check is, for whoever shows progress (the CLI's spinner).

The library never prints: `Checker.check` calls a `ProgressCallback` with a
`Progress` record as it enters each stage, and the caller words it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum


class Stage(Enum):
    READING = "reading"  # the caller's own stage: the library is given articles already read
    PARSING = "parsing"  # spaCy's parse and claim extraction
    ASKING = "asking"  # the HTTP sources, for what the claims need
    CHECKING = "checking"  # matching each claim against the sources


@dataclass(frozen=True)
class Progress:
    stage: Stage
    # What the stage works through: articles read, words parsed, HTTP sources
    # asked, claims checked. The words are known before parsing; sentences are not.
    count: int


ProgressCallback = Callable[[Progress], None]


def ignore(_: Progress) -> None:
    """The callback when nobody is watching."""
