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
    TimeRemainingColumn,
)
from rich.text import Text


class RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "- articles/s")


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
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("articles", total=total)
        yield console, lambda done: progress.advance(task, done)
