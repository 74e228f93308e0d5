"""Report text for a standard output or error that is not UTF-8.

A terminal or pipe set to Latin-1 or ASCII (`PYTHONIOENCODING=latin-1`, `LC_ALL=C`
without UTF-8 mode) cannot take the ✓, ✗ and — the reports use, nor much of the
text an article quotes, and Python's default there is to raise. Each kind of
output keeps its meaning in its own way:

- JSON gets `\\uXXXX` escapes: the same values, and ASCII text;
- HTML gets character references: the same page;
- text for people gets ASCII stand-ins for the signs and typographic marks
  (✓ → +, ✗ → x, — → -), letters without their accents when the stream lacks
  them (é → e), and `\\xNN`-style escapes for anything else.

On a UTF-8 stream every kind is written unchanged.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from enum import Enum
from typing import Final, TextIO

__all__ = ["STAND_INS", "Kind", "for_stream", "is_unicode", "use_stand_ins"]

STAND_INS: Final = "factcheck-stand-ins"  # the codec error handler registered below


class Kind(Enum):
    JSON = "json"
    HTML = "html"
    TEXT = "text"


_SIGNS: Final = {
    "✓": "+", "✗": "x", "—": "-", "–": "-", "−": "-", "‐": "-", "‑": "-", "·": "|",
    "•": "*", "…": "...", "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'",
    "«": '"', "»": '"', "±": "+/-", "×": "x", "→": "->", "←": "<-", "°": " deg",
    "€": "EUR ", "£": "GBP ", "¥": "JPY ", "₹": "INR ", "\u00a0": " ", "\u202f": " ",
    "\u2009": " ", "\u200b": "", "\ufeff": "",
}  # fmt: skip
_NON_ASCII: Final = re.compile(r"[^\x00-\x7f]")


def is_unicode(encoding: str | None) -> bool:
    """Whether a stream in `encoding` can take any text (UTF-8, UTF-16, UTF-32)."""
    try:
        return codecs.lookup(encoding or "ascii").name.startswith("utf")
    except LookupError:
        return False


def for_stream(text: str, encoding: str | None, kind: Kind) -> str:
    """`text` as a stream in `encoding` can take it (see the module docstring)."""
    if is_unicode(encoding):
        return text
    if kind is Kind.JSON:
        # Outside strings JSON is ASCII, so every non-ASCII character is inside one.
        return _NON_ASCII.sub(lambda found: json.dumps(found[0])[1:-1], text)
    if kind is Kind.HTML:
        # The page's own style and script are ASCII, so only text and attributes change.
        return text.encode("ascii", "xmlcharrefreplace").decode("ascii")
    codec = encoding or "ascii"
    return text.encode(codec, STAND_INS).decode(codec)


def use_stand_ins(stream: TextIO) -> None:
    """Make a non-UTF-8 text stream write stand-ins instead of raising UnicodeEncodeError.

    For writers that cannot be given prepared text (rich's console, whose tables
    also switch to ASCII borders on such a stream).
    """
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and not is_unicode(getattr(stream, "encoding", None)):
        reconfigure(errors=STAND_INS)


def _stand_ins(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    unwritable = error.object[error.start : error.end]
    return "".join(_stand_in(char) for char in unwritable), error.end


def _stand_in(char: str) -> str:
    if char in _SIGNS:
        return _SIGNS[char]
    if "\udc80" <= char <= "\udcff":
        # A byte of a file name that was not text in the locale (surrogateescape).
        return f"\\x{ord(char) - 0xDC00:02x}"
    if unicodedata.category(char).startswith("L"):
        # "é" is "e" and a combining accent: keep the letter when it is ASCII.
        parts = unicodedata.normalize("NFKD", char)
        base = "".join(part for part in parts if not unicodedata.combining(part))
        if base.isascii() and base:
            return base
    return char.encode("ascii", "backslashreplace").decode("ascii")


codecs.register_error(STAND_INS, _stand_ins)
