from __future__ import annotations

import codecs
import hashlib
import io
import os
from datetime import date
from pathlib import Path

import pytest

from factcheck.errors import InputError
from factcheck.reading import read_article
from factcheck.records import PublishedSource
from tests.conftest import EXAMPLE

TODAY = date(2030, 1, 2)
ARTICLE = "Title\n\nThe NATO summit will be held in Vilnius next week.\r\nSecond line.\n"


def _write(tmp_path: Path, raw: bytes, name: str = "article.txt") -> str:
    path = tmp_path / name
    path.write_bytes(raw)
    return str(path)


def _error(path: str, **kwargs: object) -> InputError:
    with pytest.raises(InputError) as caught:
        read_article(path, today=TODAY, **kwargs)  # type: ignore[arg-type]
    assert caught.value.path == path
    return caught.value


def test_reads_utf8_text_exactly(tmp_path: Path) -> None:
    raw = ARTICLE.encode("utf-8") + "“Brain dead” – Macron\n".encode()
    path = _write(tmp_path, raw)
    article = read_article(path, today=TODAY)
    # Offsets index into the text as decoded: newlines and spacing untouched.
    assert article.text == raw.decode("utf-8")
    assert article.path == path
    assert article.sha256 == hashlib.sha256(raw).hexdigest()
    assert article.warnings == ()
    assert (article.published, article.published_source) == (TODAY, PublishedSource.TODAY)


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"", "the article is empty"),
        (b"   \n\t\r\n  ", "the article is empty"),
        (codecs.BOM_UTF8, "the article is empty"),
        (codecs.BOM_UTF8 + b" \n", "the article is empty"),
        ("\u3000\n".encode(), "the article is empty"),  # ideographic space only
        (codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), "the article is empty"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "looks like a binary file, not text"),
        (b"text with a NUL\x00 byte in it", "looks like a binary file, not text"),
        (bytes(range(1, 32)) * 4 + b"some words", "looks like a binary file, not text"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(1, 9)) * 3, "looks like a binary file, not text"),
        ("abc\u0085\u0086\u0087\u0088".encode() * 3, "looks like a binary file, not text"),
        (
            b"\xc3\xa9t\xc3\xa9 " + b"\xff\xfe\xfd\xfc" * 40,
            "not valid UTF-8 text (byte 0xff at offset 6) and not recoverable",
        ),
        (codecs.BOM_UTF16_LE + b"a\x00b", "not valid UTF-16 (at byte offset 2)"),
    ],
)
def test_unreadable_content(tmp_path: Path, raw: bytes, problem: str) -> None:
    assert _error(_write(tmp_path, raw)).problem == problem


def test_missing_file(tmp_path: Path) -> None:
    assert _error(str(tmp_path / "nope.txt")).problem == "no such file"


def test_missing_parent_is_a_missing_file(tmp_path: Path) -> None:
    file_path = _write(tmp_path, b"text")
    assert _error(os.path.join(file_path, "child.txt")).problem == "no such file"


def test_directory(tmp_path: Path) -> None:
    assert _error(str(tmp_path)).problem == "is a directory, not an article"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied_on_disk(tmp_path: Path) -> None:
    path = _write(tmp_path, b"text")
    os.chmod(path, 0)
    try:
        assert _error(path).problem == "permission denied"
    finally:
        os.chmod(path, 0o600)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, b"text")

    def deny(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", deny)
    assert _error(path).problem == "permission denied"


def test_stdin_read_error() -> None:
    class Broken(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            raise OSError(5, "Input/output error")

    error = _error("-", stdin=Broken())
    assert error.problem == "cannot read standard input: input/output error"


@pytest.mark.parametrize(
    ("raw", "text", "warning"),
    [
        (
            b"He said \x93no\x94 to the plan.\n",
            "He said \u201cno\u201d to the plan.\n",
            "not valid UTF-8 (byte 0x93 at offset 8); decoded as cp1252",
        ),
        (
            b"Caf\xe9 \xa3300\r\n",
            "Caf\u00e9 \u00a3300\r\n",
            "not valid UTF-8 (byte 0xe9 at offset 3); decoded as cp1252",
        ),
        (
            "Grüße ".encode() + b"\x81" + b" rest of a long enough line" * 5,
            "Grüße \ufffd" + " rest of a long enough line" * 5,
            "not valid UTF-8 (byte 0x81 at offset 8); decoded as UTF-8 with 1 unreadable "
            "byte sequence replaced by U+FFFD",
        ),
        (
            # valid UTF-8 elsewhere, so cp1252 would garble it: replace the bad byte
            "“Quote” ".encode() + b"\x93" + b"x" * 200,
            "“Quote” \ufffd" + "x" * 200,
            "not valid UTF-8 (byte 0x93 at offset 12); decoded as UTF-8 with 1 unreadable "
            "byte sequence replaced by U+FFFD",
        ),
        (
            # a UTF-8 mark means UTF-8: no cp1252 guess; offsets count the mark
            codecs.BOM_UTF8 + b"caf\xe9 " + b"y" * 200,
            "caf\ufffd " + "y" * 200,
            "not valid UTF-8 (byte 0xe9 at offset 6); decoded as UTF-8 with 1 unreadable "
            "byte sequence replaced by U+FFFD",
        ),
        (
            # two bad sequences in 300 bytes is under 1%
            "é".encode() + b"\xff" + b"z" * 300 + b"\xfe",
            "é\ufffd" + "z" * 300 + "\ufffd",
            "not valid UTF-8 (byte 0xff at offset 2); decoded as UTF-8 with 2 unreadable "
            "byte sequences replaced by U+FFFD",
        ),
    ],
)
def test_invalid_utf8_is_recovered_with_a_warning(
    tmp_path: Path, raw: bytes, text: str, warning: str
) -> None:
    article = read_article(_write(tmp_path, raw), today=TODAY)
    assert article.text == text
    assert article.warnings == (warning,)
    assert article.sha256 == hashlib.sha256(raw).hexdigest()


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_byte_order_mark_is_dropped(tmp_path: Path, bom: bytes, encoding: str) -> None:
    raw = bom + ARTICLE.encode(encoding)
    article = read_article(_write(tmp_path, raw), today=TODAY)
    assert article.text == ARTICLE
    assert article.sha256 == hashlib.sha256(raw).hexdigest()
    assert article.warnings == ()


def test_stdin() -> None:
    raw = ARTICLE.encode()
    article = read_article("-", stdin=io.BytesIO(raw), today=TODAY)
    assert (article.path, article.text) == ("-", ARTICLE)
    assert article.sha256 == hashlib.sha256(raw).hexdigest()


def test_empty_stdin() -> None:
    assert _error("-", stdin=io.BytesIO(b"")).problem == "the article is empty"


@pytest.mark.parametrize(
    ("text", "published", "expected", "source"),
    [
        (
            "---\ndate: 2023-07-04\n---\nBody.\n",
            None,
            date(2023, 7, 4),
            PublishedSource.FRONT_MATTER,
        ),
        (
            "VILNIUS, July 4, 2023 (Reuters) - Leaders meet next week.\n",
            None,
            date(2023, 7, 4),
            PublishedSource.DATELINE,
        ),
        (
            "Title\nPublished: 4 July 2023\n\nBody.\n",
            None,
            date(2023, 7, 4),
            PublishedSource.DATELINE,
        ),
        ("Title\n\nFinland joined on 4 April 2023.\n", None, TODAY, PublishedSource.TODAY),
        ("Just a sentence.\n", None, TODAY, PublishedSource.TODAY),
        # the option beats anything the article declares
        (
            "---\ndate: 2023-07-04\n---\nBody.\n",
            date(2020, 5, 5),
            date(2020, 5, 5),
            PublishedSource.OPTION,
        ),
        (
            "VILNIUS, July 4, 2023 (Reuters) -\n",
            date(2020, 5, 5),
            date(2020, 5, 5),
            PublishedSource.OPTION,
        ),
    ],
)
def test_publication_date(
    tmp_path: Path,
    text: str,
    published: date | None,
    expected: date,
    source: PublishedSource,
) -> None:
    article = read_article(_write(tmp_path, text.encode()), published=published, today=TODAY)
    assert (article.published, article.published_source) == (expected, source)
    assert article.text == text  # front matter stays in the text


def test_today_defaults_to_the_system_date(tmp_path: Path) -> None:
    article = read_article(_write(tmp_path, b"No date here.\n"))
    assert article.published == date.today()
    assert article.published_source is PublishedSource.TODAY


def test_offsets_survive_decoding(tmp_path: Path) -> None:
    # A character outside the BMP, combining marks and CRLF must not shift offsets.
    text = "Intro 🇫🇮 e\u0301\r\nNATO absorbed Finland on 4 April 2023.\n"
    article = read_article(_write(tmp_path, codecs.BOM_UTF8 + text.encode()), today=TODAY)
    start = text.index("Finland")
    assert article.text[start : start + len("Finland")] == "Finland"
    assert article.text == text


def test_the_example_article() -> None:
    example = EXAMPLE
    article = read_article(str(example), today=TODAY)
    assert article.text == example.read_bytes().decode("utf-8")
    assert article.warnings == ()
    assert article.published_source is PublishedSource.TODAY
