"""Fetching an article's page: one GET, bounded in time and size.

The request identifies itself as the HTTP sources do (`user_agent`), follows
at most `MAX_REDIRECTS` redirects, and stops reading as soon as the body
passes `max_bytes`. Every failure (refused, timed out, an HTTP error status,
too large, not a page) is an `InputError` naming the URL, so the command line
says it in one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final
from urllib.parse import urlsplit

from factcheck.errors import E, InputError

if TYPE_CHECKING:
    import httpx

__all__ = ["MAX_PAGE_BYTES", "Page", "fetch_page", "is_url"]

# News pages with their inline scripts and styles run to a few megabytes; ten is
# far past any article and still little to hold in memory.
MAX_PAGE_BYTES: Final = 10_000_000
CONNECT_TIMEOUT: Final = 10.0
READ_TIMEOUT: Final = 30.0
# What an article can be served as; anything else (a PDF, an image) is refused.
_TEXT_TYPES: Final = ("text/", "application/xhtml+xml", "application/xml")


@dataclass(frozen=True)
class Page:
    url: str  # where the page was found, after redirects
    body: bytes
    content_type: str  # the media type, lower case, without parameters
    charset: str | None  # as the Content-Type header declared it


def is_url(path: str) -> bool:
    """Whether an ARTICLE argument names a web page rather than a file."""
    return urlsplit(path).scheme.lower() in ("http", "https")


def fetch_page(
    url: str,
    *,
    max_bytes: int = MAX_PAGE_BYTES,
    transport: httpx.BaseTransport | None = None,  # tests: httpx.MockTransport
) -> Page:
    import httpx  # only a run that reads the web pays for importing it

    from factcheck.sources.fetching import user_agent
    from factcheck.sources.limits import MAX_REDIRECTS, declared_too_long

    timeout = httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT)
    try:
        with (
            httpx.Client(
                timeout=timeout,
                headers={"User-Agent": user_agent()},
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                transport=transport,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
                raise InputError(url, E.HTTP_STATUS, status=response.status_code, phrase=phrase)
            content_type, charset = _media_type(response.headers.get("content-type", ""))
            if content_type and not content_type.startswith(_TEXT_TYPES):
                raise InputError(url, E.NOT_A_PAGE, content_type=content_type)
            if declared_too_long(response.headers.get("content-length"), max_bytes):
                raise InputError(url, E.PAGE_TOO_LARGE, limit=max_bytes)
            body = _read(response, max_bytes, url)
            return Page(str(response.url), body, content_type, charset)
    except httpx.TooManyRedirects as error:
        raise InputError(
            url, E.CANNOT_FETCH, reason=f"more than {MAX_REDIRECTS} redirects"
        ) from error
    except httpx.TimeoutException as error:
        raise InputError(url, E.CANNOT_FETCH, reason=_timeout(error)) from error
    except httpx.InvalidURL as error:
        raise InputError(url, E.CANNOT_FETCH, reason=f"not a valid URL: {error}") from error
    except httpx.HTTPError as error:
        raise InputError(url, E.CANNOT_FETCH, reason=_reason(error)) from error


def _read(response: httpx.Response, max_bytes: int, url: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:  # a server may send more than it declared, or declare nothing
            raise InputError(url, E.PAGE_TOO_LARGE, limit=max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


def _media_type(header: str) -> tuple[str, str | None]:
    kind, _, parameters = header.partition(";")
    charset = None
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"').lower()
    return kind.strip().lower(), charset


def _timeout(error: httpx.TimeoutException) -> str:
    import httpx

    if isinstance(error, httpx.ConnectTimeout):
        return f"timed out connecting (after {CONNECT_TIMEOUT:g} s)"
    return f"timed out waiting for the page (after {READ_TIMEOUT:g} s)"


def _reason(error: httpx.HTTPError) -> str:
    text = str(error) or type(error).__name__
    return text.splitlines()[0]
