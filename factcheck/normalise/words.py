"""Comparing words across spellings and inflections, shared by extraction and matching."""

from __future__ import annotations

import functools
import re

# British and American spellings meet on one form.
_SPELLING = {"defence": "defense", "programme": "program", "labour": "labor"}
_WORD = re.compile(r"[a-z0-9%]+")

# The entity a figure belongs to when a text says "worldwide" or "global" and names no one.
WORLD = "World"


@functools.lru_cache(maxsize=1 << 16)  # a text repeats its words; stemming is per word
def stem(word: str) -> str:
    """A crude stem that lets "spending", "spent" and "spend" meet."""
    word = _SPELLING.get(word.lower(), word.lower())
    for suffix in ("ings", "ing", "ures", "ure", "es", "s", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@functools.lru_cache(maxsize=1 << 14)  # called per token lemma, many times per sentence
def stems(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in _WORD.findall(text.lower()))
