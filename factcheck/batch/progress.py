"""The progress bar of `factcheck batch`, on standard error, for people at a terminal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
)
from rich.text import Text


# Rates over the whole run rather than rich's recent window: results arrive a chunk at a
# time, and a window sees bursts of hundreds of articles a second, then nothing.
def _rate(task: Task) -> float | None:
    elapsed = task.elapsed
    return task.completed / elapsed if elapsed and task.completed else None


class RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        rate = _rate(task)
        return Text(f"{rate:.1f} articles/s" if rate else "- articles/s")


class LeftColumn(ProgressColumn):
    """The time left at the rate so far (unknown without a total)."""

    def render(self, task: Task) -> Text:
        rate = _rate(task)
        if task.total is None or not rate:
            return Text("-:--:--")
        seconds = int(max(task.total - task.completed, 0) / rate)
        return Text(f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d} left")


@contextmanager
def progress_bar(total: int | None) -> Iterator[tuple[Console, Callable[[int], None]]]:
    """A bar of articles done out of `total` (unknown for standard input): the console to
    print warnings through without breaking the bar, and the function that advances it."""
    console = Console(stderr=True)
    columns = (
        TextColumn("checking"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        LeftColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("articles", total=total)
        yield console, lambda done: progress.advance(task, done)
