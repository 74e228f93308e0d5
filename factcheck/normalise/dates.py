"""Date expressions in news text, resolved to inclusive spans of calendar days.

`resolve_date` turns the text of a DATE entity ("next week", "in January this
year", "11-12 July 2023", "FY2023/24") into a `TimeSpan`, anchored at the
article's publication date for relative and partial expressions.
`declared_date` finds the publication date an article states about itself
(front matter or a dateline), which is what the anchor usually comes from.

Rules, where the wording leaves a choice:

- Weeks run Monday to Sunday. "next week" / "last week" are the calendar weeks
  after / before the week of publication; "the past week" and "the next
  7 days" are rolling windows ending / starting on the publication day. "the
  next day" and "the next morning" count from the story's own events, not from
  publication, and are left unresolved.
- A month without a year ("July", "in January") is that month of the
  publication year. With `prefer_future=True` (a future-tense sentence) a month
  already past in the publication year means next year's. "last July" is the
  most recent July before the publication month; "next July" the first after.
- A day of the month alone ("on the 3rd") is that day of the publication month
  if it is not after publication, else of the previous month (with
  `prefer_future`: the next such day on or after publication).
- A weekday ("on Tuesday") is the most recent such day on or before
  publication (with `prefer_future`: the next on or after); "last Tuesday" is
  strictly before and "next Tuesday" strictly after.
- Seasons are northern-hemisphere meteorological seasons: spring March-May,
  summer June-August, autumn September-November, winter December-February.
  "winter 2023" is December 2023 to February 2024; "winter 2022/23" is
  December 2022 to February 2023. A bare season is the one in the publication
  year, except that winter in January or February is the current winter.
- "the 1990s" is 1990-1999; "the 20th century" is 1901-2000.
- Fiscal years are read as calendar years, since fiscal calendars differ by
  country: "FY2023" is 2023, and "FY2023/24" or "2012-13" cover both years.
- "early" / "mid" / "late" split a month into days 1-10, 11-20 and 21-end,
  and a longer span of whole months (a season, a year, a decade) into thirds.
- Numeric dates: "04.07.2023" is day first (European), "4/7/2023" month first
  (US) unless the first number is above 12, "2023-07-04" is ISO.
- Open intervals: "since 2014" runs to publication; "until 2024" / "by 2024"
  and "before 2020" / "after 2020" leave one end open (None).

Durations ("two weeks", "a year", "decades") and vague words ("recently",
"in the past", "the near future") are not points or intervals in time: None.
So are references to the narrative ("the following year"), which cannot be
anchored at publication.
"""

from __future__ import annotations

import functools
import re
from calendar import monthrange
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

from factcheck.records import PublishedSource, TimeSpan

__all__ = ["declared_date", "front_matter", "resolve_date"]

_Span = tuple[date | None, date | None]
_Closed = tuple[date, date]

_MIN_YEAR: Final = 1000
_MAX_YEAR: Final = 2999

_MONTHS: Final[Mapping[str, int]] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_RE: Final = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_RE: Final = r"(?:" + "|".join(_WEEKDAYS) + r")"
_NUMBERS: Final[Mapping[str, int]] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_ORDINALS: Final[Mapping[str, int]] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "final": 4, "last": 4,
}  # fmt: skip
_DECADE_WORDS: Final[Mapping[str, int]] = {
    "twenties": 1920, "thirties": 1930, "forties": 1940, "fifties": 1950,
    "sixties": 1960, "seventies": 1970, "eighties": 1980, "nineties": 1990,
}  # fmt: skip
_SEASONS: Final[Mapping[str, int]] = {
    "spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12,
}  # fmt: skip
# "early on Friday" is Friday: a part of a day is not more precise than the day.
_LEADING_WORDS: Final = re.compile(
    r"^(?:in|on|at|during|for|around|circa|of|(?:early|late|earlier|later) on)\s+"
)
_DAY_RE: Final = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR_RE: Final = r"(\d{4})"
_NUMERIC_DATE: Final = re.compile(
    r"(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2}))"
    r"(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?(?:z|utc|gmt|[+-]\d{2}:?\d{2}))?)?"
)
_TEXT_DATE: Final = re.compile(
    rf"(?:{_WEEKDAY_RE},? )?(?:the )?"
    rf"(?:{_DAY_RE} (?:of )?{_MONTH_RE}|{_MONTH_RE} (?:the )?{_DAY_RE}|{_MONTH_RE})"
    rf"(?:,? (?:of )?{_YEAR_RE})?"
)


@dataclass(frozen=True)
class _Anchor:
    published: date
    prefer_future: bool


@functools.lru_cache(maxsize=4096)  # pure; an article repeats its dates
def resolve_date(text: str, published: date, *, prefer_future: bool = False) -> TimeSpan | None:
    """Resolve a date expression to an inclusive span of days, or None.

    `published` anchors relative and partial expressions; `prefer_future`
    (for future-tense sentences) resolves a bare month, day or weekday forward
    instead of backward. The rules are in the module docstring. Never raises.
    """
    try:
        span = _resolve(_normalise(text), _Anchor(published, prefer_future))
    except (ValueError, OverflowError, TypeError):
        # dateutil and the calendar reject impossible dates ("31 February");
        # an expression we cannot place is simply not a date.
        return None
    if span is None:
        return None
    return TimeSpan(start=span[0], end=span[1], text=text)


def _normalise(text: str) -> str:
    s = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"\s*[\u2013\u2014\u2212]\s*", "-", s)
    s = re.sub(r"\s+", " ", s).strip(' \t\n.,;:!?"()')
    while (stripped := _LEADING_WORDS.sub("", s)) != s:
        s = stripped
    return s


def _resolve(s: str, anchor: _Anchor) -> _Span | None:
    if not s or len(s) > 80:
        return None
    for handler in _HANDLERS:
        span = handler(s, anchor)
        if span is not None:
            return span
    return None


# --- calendar units -------------------------------------------------------


def _day(d: date) -> _Closed:
    return d, d


def _week(d: date) -> _Closed:
    start = d - timedelta(days=d.weekday())
    return start, start + timedelta(days=6)


def _month(year: int, month: int) -> _Closed:
    return date(year, month, 1), date(year, month, monthrange(year, month)[1])


def _months(year: int, month: int, count: int) -> _Closed:
    start = date(year, month, 1)
    return start, start + relativedelta(months=count, days=-1)


def _year(year: int) -> _Closed:
    return date(year, 1, 1), date(year, 12, 31)


def _years(first: int, last: int) -> _Closed:
    return date(first, 1, 1), date(last, 12, 31)


def _closed(span: _Span | None) -> _Closed | None:
    if span is None or span[0] is None or span[1] is None:
        return None
    return span[0], span[1]


def _valid_year(year: int) -> bool:
    return _MIN_YEAR <= year <= _MAX_YEAR


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _NUMBERS.get(word)


def _year_ref(s: str, anchor: _Anchor) -> int | None:
    """A year named on its own: "2023", "this year", "last year", "next year"."""
    s = re.sub(r"^(?:of )?(?:the year )?", "", s.strip(" ,"))
    if re.fullmatch(r"\d{4}", s):
        return int(s) if _valid_year(int(s)) else None
    offset = {"this year": 0, "the current year": 0, "last year": -1, "next year": 1}.get(s)
    return None if offset is None else anchor.published.year + offset


# --- handlers, in the order they are tried ---------------------------------


def _numeric(s: str, anchor: _Anchor) -> _Span | None:
    # Before ranges, so that "04-07-2023" is not split at its hyphens.
    if not _NUMERIC_DATE.fullmatch(s):
        return None
    return _parse_with_dateutil(s, anchor, dayfirst=not re.match(r"\d{4}|\d{1,2}/", s))


def _year_like(s: str, anchor: _Anchor) -> _Span | None:
    """A year, a range of years, an ISO month or a fiscal year."""
    m = re.fullmatch(r"(?:the )?(?:calendar )?(?:year )?(\d{4})", s)
    if m:
        return _year(int(m[1])) if _valid_year(int(m[1])) else None
    m = re.fullmatch(
        r"(?:the )?(?P<fiscal>(?:fiscal|financial|budget|tax) (?:year )?|fy ?)?"
        r"(?P<first>'?\d{2}|\d{4})(?:[/-](?P<second>\d{4}|\d{2}))?",
        s,
    )
    if m is None:
        return None
    fiscal = m["fiscal"] is not None
    first_text = m["first"].lstrip("'")
    if len(first_text) == 2 and not fiscal:
        return None
    first = int(first_text) if len(first_text) == 4 else 2000 + int(first_text)
    if m["second"] is None:
        return _year(first) if _valid_year(first) else None
    return _year_pair(first, m["second"], iso_month_allowed=not fiscal)


def _year_pair(first: int, second_text: str, *, iso_month_allowed: bool) -> _Span | None:
    if len(second_text) == 4:
        last = int(second_text)
    else:
        last = first // 100 * 100 + int(second_text)
        if last <= first:
            # "2023-04" is April 2023, not a range running backwards.
            month = int(second_text)
            if iso_month_allowed and 1 <= month <= 12 and _valid_year(first):
                return _month(first, month)
            return None
    if not (_valid_year(first) and _valid_year(last)) or last <= first:
        return None
    return _years(first, last)


def _range(s: str, anchor: _Anchor) -> _Span | None:
    m = re.fullmatch(r"between (.+) and (.+)", s) or re.fullmatch(
        r"from (.+?) ?(?:\bto\b|\buntil\b|\btill\b|\bthrough\b|-) ?(.+)", s
    )
    if m:
        return _join(m[1], m[2], anchor)
    m = re.fullmatch(
        rf"({_MONTH_RE}) {_DAY_RE} ?(?:-|to|and|through) ?{_DAY_RE}(?:,? {_YEAR_RE})?", s
    )
    if m:
        year = m[4] or ""
        return _join(f"{m[1]} {m[2]} {year}", f"{m[1]} {m[3]} {year}", anchor)
    for sep in re.finditer(r" ?- ?| (?:to|until|till|through|thru) ", s):
        span = _join(s[: sep.start()], s[sep.end() :], anchor)
        if span is not None:
            return span
    return None


# Only a left end that names part of a year may borrow the right end's year:
# "mid" + "2023" must not turn "mid-July" into a range.
_BORROWS_YEAR: Final = re.compile(
    rf"\b{_MONTH_RE}|\b(?:spring|summer|autumn|fall|winter|quarter|half|q[1-4]|h[12])\b"
)


def _join(left: str, right: str, anchor: _Anchor) -> _Span | None:
    """Join two ends of a range; the left end borrows what it lacks from the right."""
    left, right = _normalise(left), _normalise(right)
    if not left or not right:
        return None
    end = _resolve(right, anchor)
    if end is None or end[0] is None or end[1] is None:
        return None
    start: _Span | None = None
    if _BORROWS_YEAR.search(left) and not re.search(r"\d{4}", left) and end[0].year == end[1].year:
        start = _resolve(f"{left} {end[1].year}", anchor)
    day = re.fullmatch(rf"(?:the )?{_DAY_RE}", left)
    if start is None and day and end[0] == end[1]:
        start = _day(end[0].replace(day=int(day[1])))
    if start is None:
        start = _resolve(left, anchor)
    if start is None or start[0] is None or start[0] > end[1]:
        return None
    return start[0], end[1]


def _open_interval(s: str, anchor: _Anchor) -> _Span | None:
    m = re.fullmatch(r"(since|from|until|till|up to|by|before|after) (.+)", s)
    if m is None:
        return None
    inner = _closed(_resolve(_normalise(m[2]), anchor))
    if inner is None:
        return None
    word, (first, last) = m[1], inner
    if word == "since":
        return first, max(anchor.published, first)
    if word == "from":
        return first, None
    if word == "after":
        return last + timedelta(days=1), None
    if word == "before":
        return None, first - timedelta(days=1)
    return None, last


def _relative_day(s: str, anchor: _Anchor) -> _Span | None:
    offsets = {
        "today": 0, "now": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
        "this evening": 0, "yesterday": -1, "last night": -1, "tomorrow": 1,
        "the day before yesterday": -2, "the day after tomorrow": 2,
    }  # fmt: skip
    offset = offsets.get(s)
    return None if offset is None else _day(anchor.published + timedelta(days=offset))


def _calendar_unit(unit: str, d: date) -> _Closed | None:
    if unit == "week":
        return _week(d)
    if unit == "weekend":
        saturday = _week(d)[0] + timedelta(days=5)
        return saturday, saturday + timedelta(days=1)
    if unit == "month":
        return _month(d.year, d.month)
    if unit == "quarter":
        return _months(d.year, (d.month - 1) // 3 * 3 + 1, 3)
    if unit == "year":
        return _year(d.year)
    return None


_STEP: Final[Mapping[str, relativedelta]] = {
    "day": relativedelta(days=1),
    "week": relativedelta(weeks=1),
    "weekend": relativedelta(weeks=1),
    "month": relativedelta(months=1),
    "quarter": relativedelta(months=3),
    "year": relativedelta(years=1),
}


def _relative_unit(s: str, anchor: _Anchor) -> _Span | None:
    """this/last/next week, earlier this month, two years ago, the past 30 days."""
    p = anchor.published
    units = r"(week|weekend|month|quarter|year)"
    m = re.fullmatch(rf"(this|the current|last|next|the coming) {units}", s)
    if m:
        direction = {"last": -1, "next": 1, "the coming": 1}.get(m[1], 0)
        return _calendar_unit(m[2], p + _STEP[m[2]] * direction)
    m = re.fullmatch(rf"(earlier|later) (?:this|in the) {units}", s)
    if m:
        unit = _calendar_unit(m[2], p)
        if unit is None:
            return None
        return (unit[0], p) if m[1] == "earlier" else (p, unit[1])
    if re.fullmatch(r"(?:the )?next (?:day|morning|evening)", s):
        return None  # "visiting Hatay the next day": the day after the story's event
    m = re.fullmatch(r"(?:the )?(past|last|next|coming) (?:(\w+) )?(day|week|month|year)s?", s)
    if m and (m[2] is None) != s.endswith("s"):
        n = 1 if m[2] is None else _count(m[2])
        if n is None:
            return None
        step = _STEP[m[3]] * n
        # Rolling windows include the day of publication: "the past 7 days"
        # is the publication day and the six before it.
        if m[1] in ("past", "last"):
            return p - step + timedelta(days=1), p
        return p, p + step - timedelta(days=1)
    m = re.fullmatch(rf"(?:the )?(?:previous|preceding|prior) {units}|(?:the|a) {units} before", s)
    if m:
        unit_name = m[1] or m[2]
        return _calendar_unit(unit_name, p - _STEP[unit_name])
    m = re.fullmatch(r"(\w+) (day|week|month|year)s? (?:ago|earlier|before)", s)
    if m and (n := _count(m[1])) is not None:
        return (
            _calendar_unit(m[2], p - _STEP[m[2]] * n)
            if m[2] != "day"
            else _day(p - timedelta(days=n))
        )
    return None


def _weekday(s: str, anchor: _Anchor) -> _Span | None:
    m = re.fullmatch(
        rf"(?:(last|next|this|past|coming) )?({_WEEKDAY_RE})"
        r"(?: (?:morning|afternoon|evening|night))?",
        s,
    )
    if m is None:
        return None
    p, target = anchor.published, _WEEKDAYS.index(m[2])
    back = (p.weekday() - target) % 7
    ahead = (target - p.weekday()) % 7
    if m[1] in ("last", "past"):
        return _day(p - timedelta(days=back or 7))
    if m[1] in ("next", "coming"):
        return _day(p + timedelta(days=ahead or 7))
    if anchor.prefer_future:
        return _day(p + timedelta(days=ahead))
    return _day(p - timedelta(days=back))


def _season(s: str, anchor: _Anchor) -> _Span | None:
    seasons = "|".join(_SEASONS)
    m = re.fullmatch(rf"(?:(this|last|next|the) )?({seasons})(?:,? (?:of )?(.+))?", s)
    if m is None:
        return None
    first_month, p = _SEASONS[m[2]], anchor.published
    if m[3] is not None:
        if m[1] in ("last", "next"):
            return None
        pair = re.fullmatch(r"(\d{4})[/-](\d{2}|\d{4})", m[3])
        if pair and first_month == 12:
            span = _year_pair(int(pair[1]), pair[2], iso_month_allowed=False)
            return None if span is None else _months(int(pair[1]), 12, 3)
        year = _year_ref(m[3], anchor)
        return None if year is None else _months(year, first_month, 3)
    this = _months(p.year - (first_month == 12 and p.month <= 2), first_month, 3)
    if m[1] == "last":
        return this if this[1] < p else _months(this[0].year - 1, first_month, 3)
    if m[1] == "next":
        return this if this[0] > p else _months(this[0].year + 1, first_month, 3)
    return this


def _decade(s: str, anchor: _Anchor) -> _Span | None:
    m = re.fullmatch(r"(?:the )?(?:(\d{3})0|'?(\d)0)'?s", s)
    if m and m[1]:
        decade = int(m[1]) * 10
    elif m:
        # "the '90s": the most recent such decade that has begun.
        decade = anchor.published.year // 100 * 100 + int(m[2]) * 10
        decade -= 100 if decade > anchor.published.year else 0
    elif (m := re.fullmatch(r"(?:the )?(\w+)", s)) and m[1] in _DECADE_WORDS:
        decade = _DECADE_WORDS[m[1]]
    elif m := re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century", s):
        century = int(m[1])
        return None if century == 0 else _years(century * 100 - 99, century * 100)
    else:
        return None
    return _years(decade, decade + 9) if _valid_year(decade) else None


def _quarter(s: str, anchor: _Anchor) -> _Span | None:
    """Q3 2023, 3Q23, the third quarter of last year, H1 2023, the second half."""
    m = (
        re.fullmatch(r"(?:the )?([qh])([1-4])(?:[ -]?(?:of )?(.+))?", s)
        or re.fullmatch(r"([1-4])([qh]) ?('?\d{2}|\d{4})", s)
        or re.fullmatch(r"(?:the )?(\w+) (quarter|half)(?: (?:of )?(.+))?", s)
    )
    if m is None:
        return None
    if m[1].isdigit():
        kind, number, rest = m[2][0], int(m[1]), m[3]
    elif m[1] in ("q", "h"):
        kind, number, rest = m[1], int(m[2]), m[3]
    else:
        kind, number, rest = m[2][0], _ORDINALS.get(m[1], 0), m[3]
    if m[1] in ("final", "last") and kind == "h":
        number = 2
    if m[1] == "last" and rest is None:
        return None  # "the last quarter" is the previous one, not Q4
    size = 3 if kind == "q" else 6
    if not 1 <= number <= 12 // size:
        return None
    year = anchor.published.year
    if rest is not None:
        short = re.fullmatch(r"'?(\d{2})", rest)
        ref = 2000 + int(short[1]) if short else _year_ref(rest, anchor)
        if ref is None:
            return None
        year = ref
    return _months(year, (number - 1) * size + 1, size)


def _part_of(s: str, anchor: _Anchor) -> _Span | None:
    """early/mid/late X, the beginning/middle/end of X."""
    m = re.fullmatch(
        r"(?:the )?(?:(early|mid|late)[- ]|(beginning|start|middle|end) of (?:the )?)(.+)", s
    )
    if m is None:
        return None
    part = {"beginning": "early", "start": "early", "middle": "mid", "end": "late"}.get(
        m[2] or "", m[1]
    )
    rest = {"year": "this year", "month": "this month", "week": "this week"}.get(m[3], m[3])
    inner = _closed(_resolve(rest, anchor))
    return None if inner is None else _third(inner, part)


def _third(span: _Closed, part: str) -> _Closed | None:
    start, end = span
    index = ("early", "mid", "late").index(part)
    whole_months = start.day == 1 and (end + timedelta(days=1)).day == 1
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if whole_months and months == 1:
        bounds = ((1, 10), (11, 20), (21, end.day))[index]
        return start.replace(day=bounds[0]), start.replace(day=bounds[1])
    if whole_months and months % 3 == 0:
        size = months // 3
        first = start + relativedelta(months=size * index)
        return first, first + relativedelta(months=size, days=-1)
    days = (end - start).days + 1
    if days < 3 or whole_months:
        return None
    size = days // 3
    first = start + timedelta(days=0 if index == 0 else size if index == 1 else days - size)
    last = first + timedelta(days=(days - 2 * size if index == 1 else size) - 1)
    return first, last


def _month_name(s: str, anchor: _Anchor) -> _Span | None:
    """July, this July, last July, January this year, March of 2024."""
    m = re.fullmatch(rf"(?:(last|next|this) )?({_MONTH_RE})(?:,? (.+))?", s)
    if m is None:
        return None
    month, p = _MONTHS[m[2].rstrip(".")], anchor.published
    if m[3] is not None:
        year = None if m[1] else _year_ref(m[3], anchor)
        return None if year is None else _month(year, month)
    if m[1] == "last":
        return _month(p.year - (month >= p.month), month)
    if m[1] == "next":
        return _month(p.year + (month <= p.month), month)
    if m[1] is None and anchor.prefer_future and month < p.month:
        return _month(p.year + 1, month)
    return _month(p.year, month)


def _day_of_month(s: str, anchor: _Anchor) -> _Span | None:
    """ "the 3rd": this month's if already reached, else last month's."""
    m = re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th)(?: of (?:the|this) month)?", s)
    if m is None:
        return None
    day, p = int(m[1]), anchor.published
    first = date(p.year, p.month, 1)
    step = 1 if anchor.prefer_future else -1
    candidate = first
    for _ in range(13):
        if day <= monthrange(candidate.year, candidate.month)[1]:
            found = candidate.replace(day=day)
            if (found >= p) if anchor.prefer_future else (found <= p):
                return _day(found)
        candidate += relativedelta(months=step)
    return None


def _text_date(s: str, anchor: _Anchor) -> _Span | None:
    # dateutil alone reads "3 2023" as March 2023; only a named month makes
    # a bare number a day, so the shape is checked before dateutil sees it.
    if not _TEXT_DATE.fullmatch(s):
        return None
    cleaned = re.sub(r"\b(?:the|of)\b", " ", s)
    return _parse_with_dateutil(cleaned, anchor, dayfirst=False)


_DEFAULTS: Final = (datetime(2000, 1, 1), datetime(2004, 12, 2))


def _parse_with_dateutil(s: str, anchor: _Anchor, *, dayfirst: bool) -> _Span | None:
    # Parsing with two different defaults shows which fields the text gave:
    # a field that comes out the same both times was in the text.
    first, second = (
        dateutil_parser.parse(s, default=default, dayfirst=dayfirst).date() for default in _DEFAULTS
    )
    has_year, has_month, has_day = (
        first.year == second.year,
        first.month == second.month,
        first.day == second.day,
    )
    if has_year and not _valid_year(first.year):
        return None
    if has_year and has_month and has_day:
        return _day(first)
    if has_year and has_month:
        return _month(first.year, first.month)
    if has_month and has_day:
        found = date(anchor.published.year, first.month, first.day)
        if anchor.prefer_future and found < anchor.published:
            found = found.replace(year=found.year + 1)
        return _day(found)
    return None


_HANDLERS: Final[tuple[Callable[[str, _Anchor], _Span | None], ...]] = (
    _numeric,
    _year_like,
    _relative_day,
    _relative_unit,
    _range,
    _open_interval,
    _weekday,
    _season,
    _decade,
    _quarter,
    _part_of,
    _month_name,
    _day_of_month,
    _text_date,
)


# --- the date an article declares ------------------------------------------

_DATE_KEYS: Final = ("date", "published", "publication_date")
_FULL_DATE: Final = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}[./]\d{1,2}[./]\d{4}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTH_RE},? \d{{4}}"
    rf"|{_MONTH_RE} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}",
    re.IGNORECASE,
)
_TIME: Final = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?::\d{2})?(?: ?[ap]\.?m\.?)?(?: ?[A-Z]{2,4}\b| ?[+-]\d{2}:?\d{2})?",
    re.IGNORECASE,
)
_LABEL: Final = (
    r"(?:(?:first |last )?(?:published|updated|posted|modified|date)(?: on| at)?\s*:?\s*)"
)
_CITY: Final = r"(?-i:[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+)*(?:, [A-Z][A-Za-z.]+)*,\s+)"
_DATELINE_START: Final = re.compile(rf"^\s*{_CITY}?{_LABEL}?", re.IGNORECASE)
_AFTER_DATELINE: Final = re.compile(r"\s*(?:$|[(\-–—|/,·•]|\d{1,2}[:.]\d{2})")
_RESIDUE_WORDS: Final = frozenset(
    {"on", "at", "by", "and", "published", "updated", "posted", "modified", "last", "first", "date"}
)
_DATELINE_LINES: Final = 5
_SHORT_LINE: Final = 100
_MAX_RESIDUE_WORDS: Final = 8


def declared_date(text: str) -> tuple[date, PublishedSource] | None:
    """The publication date an article states about itself, and where it stated it.

    Front matter (`date`, `published` or `publication_date`) wins; else a
    dateline or byline date in the first five non-empty lines of the body. A
    dateline either starts its line ("VILNIUS, July 4, 2023 (Reuters) - ...",
    "Published: 4 July 2023") or is a short line with nothing else but labels,
    names, times and punctuation. A date inside an ordinary sentence is not
    one. Datelines without a year ("VILNIUS, July 4 (Reuters)") are ignored:
    the year would have to be guessed.
    """
    fields, body_start = front_matter(text)
    for key in _DATE_KEYS:
        found = _exact_day(fields.get(key, ""))
        if found is not None:
            return found, PublishedSource.FRONT_MATTER
    lines = [line for line in text[body_start:].splitlines() if line.strip()]
    for line in lines[:_DATELINE_LINES]:
        found = _dateline(line)
        if found is not None:
            return found, PublishedSource.DATELINE
    return None


def _exact_day(value: str) -> date | None:
    value = value.strip()
    if not re.search(r"\d{4}", value):
        return None  # "yesterday" or "the 3rd" would need an anchor we lack
    iso = re.match(r"(\d{4}-\d{2}-\d{2})(?:$|[T ])", value)
    if iso:
        try:
            return date.fromisoformat(iso[1])
        except ValueError:
            return None
    # Any fixed anchor works: only a fully stated day is accepted.
    span = resolve_date(value, date(2000, 1, 1))
    if span is None or span.start is None or span.start != span.end:
        return None
    return span.start


def _dateline(line: str) -> date | None:
    for match in _FULL_DATE.finditer(line):
        found = _exact_day(match[0])
        if found is None:
            continue
        prefix = _DATELINE_START.match(line)
        starts_line = prefix is not None and prefix.end() == match.start()
        if starts_line and _AFTER_DATELINE.match(line, match.end()):
            return found
        if len(line) <= _SHORT_LINE and _only_labels(line[: match.start()] + line[match.end() :]):
            return found
    return None


def _only_labels(residue: str) -> bool:
    """True when what surrounds a date is labels, names and times, not a sentence."""
    residue = _TIME.sub(" ", residue)
    residue = re.sub(r"\([^)]*\)", " ", residue)
    words = re.findall(r"[^\W\d_][\w'.\-]*", residue)
    if len(words) > _MAX_RESIDUE_WORDS:
        return False
    return all(word[0].isupper() or word.lower() in _RESIDUE_WORDS for word in words)


def front_matter(text: str) -> tuple[dict[str, str], int]:
    """Simple YAML front matter at the very top, and the offset where the body starts.

    Only `key: value` lines with scalar values are read (quotes stripped);
    lists, nested keys and comments are skipped. Without an opening `---` line
    at offset 0 and a closing `---` (or `...`) line there is no front matter:
    ({}, 0).
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        return {}, 0
    fields: dict[str, str] = {}
    offset = len(lines[0])
    for line in lines[1:]:
        offset += len(line)
        stripped = line.rstrip("\r\n")
        if stripped.rstrip() in ("---", "..."):
            return fields, offset
        m = re.fullmatch(r"([A-Za-z_][\w.-]*)\s*:\s*(.*?)\s*", stripped)
        if m:
            fields[m[1].lower()] = _unquote(re.sub(r"\s+#.*$", "", m[2]))
    return {}, 0


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value
