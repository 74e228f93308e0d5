"""Errors the library raises; the CLI turns each into one line and exit code 2.

Every error names the file it is about (and the line, the source or the key
when known), so that a user can go straight to the problem.
"""

from __future__ import annotations


class FactcheckError(Exception):
    """A problem with the user's input, configuration or environment."""

    def __init__(self, path: str, problem: str, *, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.problem}"


class InputError(FactcheckError):
    """The article cannot be read as text."""


class ConfigError(FactcheckError):
    """`sources.toml` or a data file it names is missing or malformed."""


class ModelError(FactcheckError):
    """No usable spaCy model."""
