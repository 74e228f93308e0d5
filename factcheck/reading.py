"""Reading the article: bytes from a file or standard input, decoded to text.

The text is kept exactly as decoded (only a byte-order mark is dropped), so
claim offsets index into `Article.text` and point at the same characters the
user sees in the file. Recoverable problems (a few bytes that are not UTF-8)
become warnings on the article; anything that is not text is an `InputError`.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import sys
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO, Final

from factcheck.errors import E, InputError
from factcheck.normalise.dates import declared_date
from factcheck.records import Article, PublishedSource

# A million characters (a long report, not an article) take about two minutes on
# one core (benchmarks/bench_pathological.py); twice that is the most a run takes
# unless the user asks for more.
MAX_CHARS = 2_000_000

__all__ = ["read_article"]

STDIN: Final = "-"
# Above this share of control characters a file is not prose in any encoding.
_MAX_CONTROL_SHARE: Final = 0.05
# Below this share of invalid bytes a UTF-8 file is damaged rather than foreign.
_MAX_BAD_SHARE: Final = 0.01
_TEXT_CONTROLS: Final = frozenset("\t\n\r\f\v\x1b")
_TEXT_BYTES: Final = frozenset(ord(char) for char in _TEXT_CONTROLS)
# UTF-32 first: its little-endian mark begins with the UTF-16 one.
_WIDE_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class _Decoded:
    text: str
    warnings: tuple[str, ...] = ()


def read_article(
    path: str,
    *,
    published: date | None = None,
    today: date | None = None,
    stdin: BinaryIO | None = None,
) -> Article:
    """Read, decode and date the article at `path` ("-" for standard input).

    The publication date is `published` when given, else the date the article
    declares (front matter, then a dateline), else `today` (default: the
    system date). Raises InputError for anything that is not readable text.
    """
    raw = _read_stdin(stdin) if path == STDIN else _read_file(path)
    decoded = _decode(path, raw)
    if not decoded.text.strip():
        raise InputError(path, E.EMPTY_ARTICLE)
    when, source = _publication_date(decoded.text, published, today)
    return Article(
        path=path,
        text=decoded.text,
        sha256=hashlib.sha256(raw).hexdigest(),
        published=when,
        published_source=source,
        warnings=decoded.warnings,
    )


def _read_stdin(stdin: BinaryIO | None) -> bytes:
    stream = stdin if stdin is not None else sys.stdin.buffer
    try:
        return stream.read()
    except OSError as error:
        raise InputError(STDIN, E.CANNOT_READ_STDIN, reason=_reason(error)) from error


def _read_file(path: str) -> bytes:
    # Checked first because Windows reports a directory as "permission denied".
    if os.path.isdir(path):
        raise InputError(path, E.IS_A_DIRECTORY)
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except (FileNotFoundError, NotADirectoryError) as error:
        raise InputError(path, E.NO_SUCH_FILE) from error
    except IsADirectoryError as error:
        raise InputError(path, E.IS_A_DIRECTORY) from error
    except PermissionError as error:
        raise InputError(path, E.PERMISSION_DENIED) from error
    except OSError as error:
        raise InputError(path, E.CANNOT_READ, reason=_reason(error)) from error


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def _decode(path: str, raw: bytes) -> _Decoded:
    if not raw.strip():
        raise InputError(path, E.EMPTY_ARTICLE)
    for bom, encoding in _WIDE_BOMS:
        if raw.startswith(bom):
            return _checked(path, _strict(path, raw[len(bom) :], encoding))
    skip = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    body = raw[skip:]
    if b"\x00" in body or _byte_control_share(body) > _MAX_CONTROL_SHARE:
        # Checked on the bytes, before any fallback decoding could make
        # random data look like text.
        raise InputError(path, E.BINARY_FILE)
    try:
        return _checked(path, _Decoded(body.decode("utf-8")))
    except UnicodeDecodeError as error:
        return _checked(path, _recover(path, body, error, skip=skip))


def _strict(path: str, raw: bytes, encoding: str) -> _Decoded:
    try:
        return _Decoded(raw.decode(encoding))
    except UnicodeDecodeError as error:
        name = encoding.upper().removesuffix("-LE").removesuffix("-BE")
        raise InputError(path, E.BAD_ENCODING, encoding=name, offset=error.start) from error


def _recover(path: str, raw: bytes, error: UnicodeDecodeError, *, skip: int) -> _Decoded:
    """Decode damaged or legacy-encoded text, or give up if it is not text.

    `skip` is the length of a UTF-8 byte-order mark already removed: offsets in
    the warning count from the start of the file, and a file that declares
    itself UTF-8 is never reread as cp1252.
    """
    where = f"byte 0x{raw[error.start]:02x} at offset {error.start + skip}"
    replaced = raw.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - raw.count("\ufffd".encode())
    valid_non_ascii = sum(1 for char in replaced if ord(char) > 0x7F) - bad
    if valid_non_ascii == 0 and not skip:
        # No real UTF-8 sequence anywhere: a legacy single-byte encoding.
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            return _Decoded(text, (f"not valid UTF-8 ({where}); decoded as cp1252",))
    if bad <= max(1, len(raw) * _MAX_BAD_SHARE):
        warning = (
            f"not valid UTF-8 ({where}); decoded as UTF-8 with {bad} "
            f"unreadable byte sequence{'s' if bad != 1 else ''} replaced by U+FFFD"
        )
        return _Decoded(replaced, (warning,))
    raise InputError(path, E.NOT_UTF8, where=where)


def _checked(path: str, decoded: _Decoded) -> _Decoded:
    if "\x00" in decoded.text or _control_share(decoded.text) > _MAX_CONTROL_SHARE:
        raise InputError(path, E.BINARY_FILE)
    return decoded


def _byte_control_share(raw: bytes) -> float:
    if not raw:
        return 0.0
    # Only C0 controls: bytes 0x80-0x9F are ordinary parts of UTF-8 sequences.
    controls = sum(1 for byte in raw if (byte < 0x20 or byte == 0x7F) and byte not in _TEXT_BYTES)
    return controls / len(raw)


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for char in text if _is_control(char)) / len(text)


def _is_control(char: str) -> bool:
    code = ord(char)
    is_c0 = code < 0x20 or code == 0x7F
    is_c1 = 0x80 <= code <= 0x9F
    return (is_c0 and char not in _TEXT_CONTROLS) or is_c1


def _publication_date(
    text: str, published: date | None, today: date | None
) -> tuple[date, PublishedSource]:
    if published is not None:
        return published, PublishedSource.OPTION
    declared = declared_date(text)
    if declared is not None:
        return declared
    return (today if today is not None else date.today()), PublishedSource.TODAY


def refuse_long(article: Article, max_chars: int = MAX_CHARS) -> None:
    """Too long to check in reasonable time: refused before the model loads."""
    if len(article.text) > max_chars:
        raise InputError(article.path, E.TOO_LONG, length=len(article.text), limit=max_chars)
