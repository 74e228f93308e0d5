"""Bytes to text: UTF-8 (or a wide encoding its byte-order mark names), recovered
from damage or a legacy single-byte encoding with a warning, or refused.

The text is kept exactly as decoded (only a byte-order mark is dropped), so
claim offsets index into `Article.text` and point at the same characters the
user sees in the file. Recoverable problems (a few bytes that are not UTF-8)
become warnings; anything that is not text is an `InputError`.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Final

from factcheck.errors import E, InputError

__all__ = ["Decoded", "decode"]

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
class Decoded:
    text: str
    warnings: tuple[str, ...] = ()


def decode(path: str, raw: bytes, charset: str | None = None) -> Decoded:
    """`raw` as text; a few bad bytes are a warning, anything that is not text an InputError.

    `charset` is what a web server declared; bytes it cannot decode are read as
    if it had declared nothing.
    """
    if not raw.strip():
        raise InputError(path, E.EMPTY_ARTICLE)
    if charset is not None:
        declared = _declared(raw, charset)
        if declared is not None:
            return _checked(path, declared)
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
        return _checked(path, Decoded(body.decode("utf-8")))
    except UnicodeDecodeError as error:
        return _checked(path, _recover(path, body, error, skip=skip))


def _declared(raw: bytes, charset: str) -> Decoded | None:
    try:
        text = raw.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return None
    return Decoded(text.removeprefix("\ufeff"))


def _strict(path: str, raw: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(raw.decode(encoding))
    except UnicodeDecodeError as error:
        name = encoding.upper().removesuffix("-LE").removesuffix("-BE")
        raise InputError(path, E.BAD_ENCODING, encoding=name, offset=error.start) from error


def _recover(path: str, raw: bytes, error: UnicodeDecodeError, *, skip: int) -> Decoded:
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
            return Decoded(text, (f"not valid UTF-8 ({where}); decoded as cp1252",))
    if bad <= max(1, len(raw) * _MAX_BAD_SHARE):
        warning = (
            f"not valid UTF-8 ({where}); decoded as UTF-8 with {bad} "
            f"unreadable byte sequence{'s' if bad != 1 else ''} replaced by U+FFFD"
        )
        return Decoded(replaced, (warning,))
    raise InputError(path, E.NOT_UTF8, where=where)


def _checked(path: str, decoded: Decoded) -> Decoded:
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
