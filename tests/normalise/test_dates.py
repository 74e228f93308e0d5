from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.normalise.dates import declared_date, front_matter, resolve_date
from factcheck.records import PublishedSource, TimeSpan
from tests.conftest import EXAMPLE

D = date
TUE = D(2023, 7, 4)  # the example article's publication day, a Tuesday
SUN = D(2023, 7, 9)
JAN = D(2024, 1, 15)  # a Monday in winter, in a leap year


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        # relative days
        ("today", TUE, D(2023, 7, 4), D(2023, 7, 4)),
        ("yesterday", TUE, D(2023, 7, 3), D(2023, 7, 3)),
        ("tomorrow", TUE, D(2023, 7, 5), D(2023, 7, 5)),
        ("yesterday", D(2023, 3, 1), D(2023, 2, 28), D(2023, 2, 28)),
        ("the day before yesterday", TUE, D(2023, 7, 2), D(2023, 7, 2)),
        ("last night", TUE, D(2023, 7, 3), D(2023, 7, 3)),
        # calendar weeks run Monday to Sunday
        ("next week", TUE, D(2023, 7, 10), D(2023, 7, 16)),
        ("next week", SUN, D(2023, 7, 10), D(2023, 7, 16)),
        ("next week", D(2023, 12, 28), D(2024, 1, 1), D(2024, 1, 7)),
        ("last week", TUE, D(2023, 6, 26), D(2023, 7, 2)),
        ("this week", TUE, D(2023, 7, 3), D(2023, 7, 9)),
        ("this week", SUN, D(2023, 7, 3), D(2023, 7, 9)),
        ("the coming week", TUE, D(2023, 7, 10), D(2023, 7, 16)),
        ("this weekend", TUE, D(2023, 7, 8), D(2023, 7, 9)),
        ("last weekend", TUE, D(2023, 7, 1), D(2023, 7, 2)),
        # months and years relative to publication
        ("this month", TUE, D(2023, 7, 1), D(2023, 7, 31)),
        ("next month", TUE, D(2023, 8, 1), D(2023, 8, 31)),
        ("next month", D(2023, 12, 5), D(2024, 1, 1), D(2024, 1, 31)),
        ("last month", D(2023, 3, 31), D(2023, 2, 1), D(2023, 2, 28)),
        ("earlier this month", TUE, D(2023, 7, 1), D(2023, 7, 4)),
        ("later this year", TUE, D(2023, 7, 4), D(2023, 12, 31)),
        ("earlier this year", TUE, D(2023, 1, 1), D(2023, 7, 4)),
        ("this year", TUE, D(2023, 1, 1), D(2023, 12, 31)),
        ("last year", TUE, D(2022, 1, 1), D(2022, 12, 31)),
        ("next year", TUE, D(2024, 1, 1), D(2024, 12, 31)),
        ("this quarter", TUE, D(2023, 7, 1), D(2023, 9, 30)),
        ("last quarter", TUE, D(2023, 4, 1), D(2023, 6, 30)),
        # rolling windows include the day of publication
        ("the past week", TUE, D(2023, 6, 28), D(2023, 7, 4)),
        ("the past 30 days", TUE, D(2023, 6, 5), D(2023, 7, 4)),
        ("the last two years", TUE, D(2021, 7, 5), D(2023, 7, 4)),
        ("the next 7 days", TUE, D(2023, 7, 4), D(2023, 7, 10)),
        # "ago" names the unit it lands in
        ("three days ago", TUE, D(2023, 7, 1), D(2023, 7, 1)),
        ("two weeks ago", TUE, D(2023, 6, 19), D(2023, 6, 25)),
        ("a month ago", TUE, D(2023, 6, 1), D(2023, 6, 30)),
        ("a year ago", TUE, D(2022, 1, 1), D(2022, 12, 31)),
        ("5 years ago", TUE, D(2018, 1, 1), D(2018, 12, 31)),
        # bare months: the publication year
        ("July", TUE, D(2023, 7, 1), D(2023, 7, 31)),
        ("in January", TUE, D(2023, 1, 1), D(2023, 1, 31)),
        ("December", TUE, D(2023, 12, 1), D(2023, 12, 31)),
        ("Feb", JAN, D(2024, 2, 1), D(2024, 2, 29)),
        ("in January this year", TUE, D(2023, 1, 1), D(2023, 1, 31)),
        ("January last year", TUE, D(2022, 1, 1), D(2022, 1, 31)),
        ("in March of next year", TUE, D(2024, 3, 1), D(2024, 3, 31)),
        ("this July", TUE, D(2023, 7, 1), D(2023, 7, 31)),
        ("last July", TUE, D(2022, 7, 1), D(2022, 7, 31)),
        ("last July", D(2023, 8, 1), D(2023, 7, 1), D(2023, 7, 31)),
        ("next July", TUE, D(2024, 7, 1), D(2024, 7, 31)),
        ("next July", D(2023, 6, 1), D(2023, 7, 1), D(2023, 7, 31)),
        ("March 2024", TUE, D(2024, 3, 1), D(2024, 3, 31)),
        ("Sept. 2021", TUE, D(2021, 9, 1), D(2021, 9, 30)),
        ("2023-04", TUE, D(2023, 4, 1), D(2023, 4, 30)),
        # day of the month alone
        ("on the 3rd", TUE, D(2023, 7, 3), D(2023, 7, 3)),
        ("the 4th", TUE, D(2023, 7, 4), D(2023, 7, 4)),
        ("the 5th", TUE, D(2023, 6, 5), D(2023, 6, 5)),
        ("on the 20th", D(2023, 1, 10), D(2022, 12, 20), D(2022, 12, 20)),
        ("the 31st", TUE, D(2023, 5, 31), D(2023, 5, 31)),  # June has no 31st
        # weekdays
        ("on Tuesday", TUE, D(2023, 7, 4), D(2023, 7, 4)),
        ("on Monday", TUE, D(2023, 7, 3), D(2023, 7, 3)),
        ("Wednesday", TUE, D(2023, 6, 28), D(2023, 6, 28)),
        ("last Tuesday", TUE, D(2023, 6, 27), D(2023, 6, 27)),
        ("next Tuesday", TUE, D(2023, 7, 11), D(2023, 7, 11)),
        ("next Friday", TUE, D(2023, 7, 7), D(2023, 7, 7)),
        ("Sunday night", TUE, D(2023, 7, 2), D(2023, 7, 2)),
        # absolute dates
        ("4 April 2023", TUE, D(2023, 4, 4), D(2023, 4, 4)),
        ("April 4, 2023", TUE, D(2023, 4, 4), D(2023, 4, 4)),
        ("April 4th, 2023", TUE, D(2023, 4, 4), D(2023, 4, 4)),
        ("on 4 April 2023", TUE, D(2023, 4, 4), D(2023, 4, 4)),
        ("the 4th of April 2023", TUE, D(2023, 4, 4), D(2023, 4, 4)),
        ("Tuesday, 4 April 2023", TUE, D(2023, 4, 4), D(2023, 4, 4)),
        ("Apr. 4, 2023", TUE, D(2023, 4, 4), D(2023, 4, 4)),
        ("2023-04-04", TUE, D(2023, 4, 4), D(2023, 4, 4)),
        ("2023-07-04T10:00:00Z", TUE, D(2023, 7, 4), D(2023, 7, 4)),
        ("04.07.2023", TUE, D(2023, 7, 4), D(2023, 7, 4)),  # day first
        ("04.07.2023 09:12", TUE, D(2023, 7, 4), D(2023, 7, 4)),
        ("4/7/2023", TUE, D(2023, 4, 7), D(2023, 4, 7)),  # month first
        ("13/4/2023", TUE, D(2023, 4, 13), D(2023, 4, 13)),
        ("4 April", TUE, D(2023, 4, 4), D(2023, 4, 4)),
        ("July 12", TUE, D(2023, 7, 12), D(2023, 7, 12)),
        ("the 4th of July", TUE, D(2023, 7, 4), D(2023, 7, 4)),
        ("29 February 2024", TUE, D(2024, 2, 29), D(2024, 2, 29)),
        # years, decades, centuries
        ("2023", TUE, D(2023, 1, 1), D(2023, 12, 31)),
        ("in 2014", TUE, D(2014, 1, 1), D(2014, 12, 31)),
        ("the year 2000", TUE, D(2000, 1, 1), D(2000, 12, 31)),
        ("the 1990s", TUE, D(1990, 1, 1), D(1999, 12, 31)),
        ("1980s", TUE, D(1980, 1, 1), D(1989, 12, 31)),
        ("the 2010s", TUE, D(2010, 1, 1), D(2019, 12, 31)),
        ("the '90s", TUE, D(1990, 1, 1), D(1999, 12, 31)),
        ("the 20s", TUE, D(2020, 1, 1), D(2029, 12, 31)),
        ("the nineties", TUE, D(1990, 1, 1), D(1999, 12, 31)),
        ("the 20th century", TUE, D(1901, 1, 1), D(2000, 12, 31)),
        ("the 21st century", TUE, D(2001, 1, 1), D(2100, 12, 31)),
        # fiscal years are calendar years
        ("fiscal year 2023", TUE, D(2023, 1, 1), D(2023, 12, 31)),
        ("fiscal 2022", TUE, D(2022, 1, 1), D(2022, 12, 31)),
        ("FY2023", TUE, D(2023, 1, 1), D(2023, 12, 31)),
        ("FY23", TUE, D(2023, 1, 1), D(2023, 12, 31)),
        ("FY2023/24", TUE, D(2023, 1, 1), D(2024, 12, 31)),
        ("FY 2023-24", TUE, D(2023, 1, 1), D(2024, 12, 31)),
        ("the financial year 2022/23", TUE, D(2022, 1, 1), D(2023, 12, 31)),
        ("2012-13", TUE, D(2012, 1, 1), D(2013, 12, 31)),
        ("2003-04", TUE, D(2003, 1, 1), D(2004, 12, 31)),  # a year pair, not April 2003
        ("1999-00", TUE, None, None),  # runs backwards within the century
        # quarters and halves
        ("Q3 2023", TUE, D(2023, 7, 1), D(2023, 9, 30)),
        ("Q1", TUE, D(2023, 1, 1), D(2023, 3, 31)),
        ("q4-2022", TUE, D(2022, 10, 1), D(2022, 12, 31)),
        ("3Q23", TUE, D(2023, 7, 1), D(2023, 9, 30)),
        ("the third quarter of 2023", TUE, D(2023, 7, 1), D(2023, 9, 30)),
        ("the first quarter of last year", TUE, D(2022, 1, 1), D(2022, 3, 31)),
        ("the final quarter of 2021", TUE, D(2021, 10, 1), D(2021, 12, 31)),
        ("the last quarter of 2021", TUE, D(2021, 10, 1), D(2021, 12, 31)),
        ("H1 2023", TUE, D(2023, 1, 1), D(2023, 6, 30)),
        ("the second half of 2022", TUE, D(2022, 7, 1), D(2022, 12, 31)),
        ("the second half", TUE, D(2023, 7, 1), D(2023, 12, 31)),
        # seasons: northern meteorological
        ("in the summer of 2022", TUE, D(2022, 6, 1), D(2022, 8, 31)),
        ("summer 2022", TUE, D(2022, 6, 1), D(2022, 8, 31)),
        ("spring", TUE, D(2023, 3, 1), D(2023, 5, 31)),
        ("autumn 2021", TUE, D(2021, 9, 1), D(2021, 11, 30)),
        ("the fall", TUE, D(2023, 9, 1), D(2023, 11, 30)),
        ("this summer", TUE, D(2023, 6, 1), D(2023, 8, 31)),
        ("last summer", TUE, D(2022, 6, 1), D(2022, 8, 31)),
        ("last summer", D(2023, 10, 2), D(2023, 6, 1), D(2023, 8, 31)),
        ("next spring", TUE, D(2024, 3, 1), D(2024, 5, 31)),
        ("winter 2023", TUE, D(2023, 12, 1), D(2024, 2, 29)),
        ("winter 2022/23", TUE, D(2022, 12, 1), D(2023, 2, 28)),
        ("winter", JAN, D(2023, 12, 1), D(2024, 2, 29)),
        ("winter", TUE, D(2023, 12, 1), D(2024, 2, 29)),
        ("last winter", TUE, D(2022, 12, 1), D(2023, 2, 28)),
        ("last winter", JAN, D(2022, 12, 1), D(2023, 2, 28)),
        ("summer of last year", TUE, D(2022, 6, 1), D(2022, 8, 31)),
        # early / mid / late
        ("mid-July", TUE, D(2023, 7, 11), D(2023, 7, 20)),
        ("early July", TUE, D(2023, 7, 1), D(2023, 7, 10)),
        ("late February 2024", TUE, D(2024, 2, 21), D(2024, 2, 29)),
        ("the end of July", TUE, D(2023, 7, 21), D(2023, 7, 31)),
        ("late 2023", TUE, D(2023, 9, 1), D(2023, 12, 31)),
        ("mid-2022", TUE, D(2022, 5, 1), D(2022, 8, 31)),
        ("the beginning of 2023", TUE, D(2023, 1, 1), D(2023, 4, 30)),
        ("the end of the year", TUE, D(2023, 9, 1), D(2023, 12, 31)),
        ("the early 1990s", TUE, D(1990, 1, 1), D(1993, 4, 30)),
        ("early summer", TUE, D(2023, 6, 1), D(2023, 6, 30)),
        # ranges
        ("11-12 July 2023", TUE, D(2023, 7, 11), D(2023, 7, 12)),
        ("11–12 July 2023", TUE, D(2023, 7, 11), D(2023, 7, 12)),
        ("July 11-12, 2023", TUE, D(2023, 7, 11), D(2023, 7, 12)),
        ("July 11 to 12", TUE, D(2023, 7, 11), D(2023, 7, 12)),
        ("between 2014 and 2023", TUE, D(2014, 1, 1), D(2023, 12, 31)),
        ("2014-2023", TUE, D(2014, 1, 1), D(2023, 12, 31)),
        ("2014–2023", TUE, D(2014, 1, 1), D(2023, 12, 31)),
        ("from 2014 to 2023", TUE, D(2014, 1, 1), D(2023, 12, 31)),
        ("from March to May", TUE, D(2023, 3, 1), D(2023, 5, 31)),
        ("July-August 2023", TUE, D(2023, 7, 1), D(2023, 8, 31)),
        ("30 June - 1 July 2023", TUE, D(2023, 6, 30), D(2023, 7, 1)),
        ("1 July 2023 – 30 June 2024", TUE, D(2023, 7, 1), D(2024, 6, 30)),
        ("between January and March last year", TUE, D(2022, 1, 1), D(2022, 3, 31)),
        ("early 2020 to late 2022", TUE, D(2020, 1, 1), D(2022, 12, 31)),
        ("mid-July to late August", TUE, D(2023, 7, 11), D(2023, 8, 31)),
        ("2023 to 2014", TUE, None, None),  # backwards
        # counted from the story's own events, not from publication
        ("the next day", TUE, None, None),
        ("the next morning", TUE, None, None),
        ("the next 7 days", TUE, D(2023, 7, 4), D(2023, 7, 10)),  # a window still is
        # open intervals
        ("since 2014", TUE, D(2014, 1, 1), D(2023, 7, 4)),
        ("since January", TUE, D(2023, 1, 1), D(2023, 7, 4)),
        ("before 2020", TUE, None, D(2019, 12, 31)),
        ("after 2020", TUE, D(2021, 1, 1), None),
        ("by 2024", TUE, None, D(2024, 12, 31)),
        ("until the end of the year", TUE, None, D(2023, 12, 31)),
        ("from 2025", TUE, D(2025, 1, 1), None),
    ],
)
def test_resolve_date(text: str, published: date, start: date | None, end: date | None) -> None:
    span = resolve_date(text, published)
    if start is None and end is None:
        assert span is None
    else:
        assert span == TimeSpan(start, end, text)


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("January", TUE, D(2024, 1, 1), D(2024, 1, 31)),
        ("July", TUE, D(2023, 7, 1), D(2023, 7, 31)),  # the current month stays
        ("in December", TUE, D(2023, 12, 1), D(2023, 12, 31)),
        ("on Monday", TUE, D(2023, 7, 10), D(2023, 7, 10)),
        ("on Tuesday", TUE, D(2023, 7, 4), D(2023, 7, 4)),
        ("on the 3rd", TUE, D(2023, 8, 3), D(2023, 8, 3)),
        ("on the 31st", D(2023, 6, 1), D(2023, 7, 31), D(2023, 7, 31)),
        ("4 April", TUE, D(2024, 4, 4), D(2024, 4, 4)),
        ("last July", TUE, D(2022, 7, 1), D(2022, 7, 31)),  # explicit words win
        ("4 April 2023", TUE, D(2023, 4, 4), D(2023, 4, 4)),
    ],
)
def test_prefer_future(text: str, published: date, start: date, end: date) -> None:
    assert resolve_date(text, published, prefer_future=True) == TimeSpan(start, end, text)


@pytest.mark.parametrize(
    "text",
    [
        "centuries-old",
        "the years",
        "years",
        "the near future",
        "in the near future",
        "in the past",
        "the past",
        "recently",
        "decades",
        "a year",
        "two weeks",
        "three months",
        "the coming weeks",
        "in recent years",
        "the past few years",
        "years ago",
        "the following year",
        "the previous day",
        "the last quarter",
        "",
        "   ",
        "3",
        "12",
        "11-12",
        "3 2023",  # dateutil would read March 2023
        "the 3rd of",
        "31 February 2023",
        "2023-02-30",
        "the 0th",
        "the 32nd",
        "Q5 2023",
        "H3 2023",
        "13/13/2023",
        "the 0th century",
        "summer 2022 and winter",
        "may be",
        "99999",
        "March the fourth",
        "next decade of growth",
    ],
)
def test_not_a_date(text: str) -> None:
    assert resolve_date(text, TUE) is None


def test_span_keeps_original_text() -> None:
    span = resolve_date("  In January this year, ", TUE)
    assert span is not None
    assert span.text == "  In January this year, "


# --- properties ---------------------------------------------------------------

_dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31))
_FORMATS = (
    "{d.day} {d:%B} {d.year}",
    "{d:%B} {d.day}, {d.year}",
    "{d:%b}. {d.day} {d.year}",
    "{d:%A}, {d.day} {d:%B} {d.year}",
    "the {d.day}{suffix} of {d:%B} {d.year}",
    "{d:%B} {d.day}{suffix}, {d.year}",
    "{d:%Y-%m-%d}",
    "{d:%d.%m.%Y}",
    "{d.month}/{d.day}/{d.year}",
    "on {d.day} {d:%B} {d.year}",
)


def _suffix(day: int) -> str:
    if 11 <= day <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


@given(day=_dates, published=_dates, form=st.sampled_from(_FORMATS))
def test_absolute_dates_round_trip(day: date, published: date, form: str) -> None:
    text = form.format(d=day, suffix=_suffix(day.day))
    assert resolve_date(text, published) == TimeSpan(day, day, text)


@given(month=st.integers(1, 12), year=st.integers(1900, 2100), published=_dates)
def test_month_and_year_round_trip(month: int, year: int, published: date) -> None:
    text = f"{D(year, month, 1):%B} {year}"
    span = resolve_date(text, published)
    assert span is not None
    assert span.start == D(year, month, 1)
    assert span.end is not None
    assert (span.end + timedelta(days=1)).day == 1
    assert span.end.month == month


@given(published=_dates)
def test_next_week_starts_on_the_next_monday(published: date) -> None:
    span = resolve_date("next week", published)
    assert span is not None and span.start is not None and span.end is not None
    assert span.start.weekday() == 0
    assert published < span.start <= published + timedelta(days=7)
    assert span.end == span.start + timedelta(days=6)


@given(published=_dates)
def test_last_week_ends_on_the_sunday_before(published: date) -> None:
    span = resolve_date("last week", published)
    assert span is not None and span.start is not None and span.end is not None
    assert span.end.weekday() == 6
    assert published - timedelta(days=7) <= span.end < published


@given(published=_dates, day=st.integers(1, 31))
def test_day_of_month_is_never_after_publication(published: date, day: int) -> None:
    span = resolve_date(f"the {day}{_suffix(day)}", published)
    assert span is not None and span.start is not None
    assert span.start.day == day
    assert published - timedelta(days=62) < span.start <= published


@given(published=_dates, weekday=st.sampled_from(["Monday", "Thursday", "Sunday"]))
def test_weekday_is_the_latest_on_or_before(published: date, weekday: str) -> None:
    span = resolve_date(f"on {weekday}", published)
    assert span is not None and span.start is not None
    assert f"{span.start:%A}" == weekday
    assert published - timedelta(days=6) <= span.start <= published


@given(text=st.text(max_size=40), published=_dates)
def test_never_raises_and_spans_are_ordered(text: str, published: date) -> None:
    span = resolve_date(text, published)
    if span is not None and span.start is not None and span.end is not None:
        assert span.start <= span.end


@given(
    words=st.lists(
        st.sampled_from(
            [
                "the",
                "of",
                "in",
                "on",
                "last",
                "next",
                "this",
                "early",
                "mid",
                "late",
                "2023",
                "23",
                "3rd",
                "july",
                "q3",
                "fy",
                "week",
                "month",
                "year",
                "summer",
                "-",
                "to",
                "and",
                "between",
                "since",
                "ago",
                "two",
                "11",
                "12",
                "tuesday",
            ]
        ),
        max_size=6,
    ),
    published=_dates,
)
def test_date_words_in_any_order_never_raise(words: list[str], published: date) -> None:
    span = resolve_date(" ".join(words), published)
    if span is not None and span.start is not None and span.end is not None:
        assert span.start <= span.end


# --- declared dates -----------------------------------------------------------

FM = PublishedSource.FRONT_MATTER
DL = PublishedSource.DATELINE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ndate: 2023-07-04\n---\nBody.", (D(2023, 7, 4), FM)),
        ("---\ntitle: X\ndate: 2023-07-04T10:00:00Z\n---\nBody.", (D(2023, 7, 4), FM)),
        ("---\npublished: '2023-07-04'\n---\n", (D(2023, 7, 4), FM)),
        ('---\npublication_date: "July 4, 2023"\n---\n', (D(2023, 7, 4), FM)),
        ("---\r\nDate: 2023-07-04\r\n---\r\nBody", (D(2023, 7, 4), FM)),
        ("---\ndate: 2023-07-04\n---\nVILNIUS, May 5, 2020 (Reuters) -", (D(2023, 7, 4), FM)),
        # an unusable front-matter date falls through to the dateline
        ("---\ndate: yesterday\n---\nJuly 5, 2023\nBody.", (D(2023, 7, 5), DL)),
        ("---\ndate: 2023-02-30\n---\nBody.", None),
        (
            "VILNIUS, July 4, 2023 (Reuters) - NATO leaders will meet next week.",
            (D(2023, 7, 4), DL),
        ),
        ("VILNIUS, Lithuania, July 4, 2023 (Reuters) - NATO leaders", (D(2023, 7, 4), DL)),
        ("NEW YORK, 4 July 2023 — Markets", (D(2023, 7, 4), DL)),
        ("Title\n\nPublished: 4 July 2023\n\nBody text.", (D(2023, 7, 4), DL)),
        ("Title\nPublished on July 4, 2023 at 10:15\nBody", (D(2023, 7, 4), DL)),
        ("Title\nJuly 4, 2023\nBody", (D(2023, 7, 4), DL)),
        ("Title\n04.07.2023 09:12\nBody", (D(2023, 7, 4), DL)),
        ("Title\nUpdated 2023-07-04\nBody", (D(2023, 7, 4), DL)),
        ("Title\nLast updated: 2023-07-04 12:00 UTC\nBody", (D(2023, 7, 4), DL)),
        ("Title\nBy Jane Doe | July 4, 2023 10:15 a.m. EDT\nBody", (D(2023, 7, 4), DL)),
        ("Title\nTuesday, 4 July 2023\nBody", (D(2023, 7, 4), DL)),
        ("a\n\nb\n\nc\nd\nJuly 4, 2023\n", (D(2023, 7, 4), DL)),  # fifth non-empty line
        # not datelines
        ("Title\nSome intro.\nFinland joined on 4 April 2023.\nMore", None),
        ("Title\nFinland joined NATO on 4 April 2023, and Sweden followed in March.", None),
        ("a\nb\nc\nd\ne\nJuly 4, 2023\n", None),  # sixth non-empty line
        ("VILNIUS, July 4 (Reuters) - NATO", None),  # no year: not guessed
        ("The summit is next week.\n", None),
        ("", None),
        ("---\ndate: 2023-07-04\n", (D(2023, 7, 4), DL)),  # unclosed: a "date:" line
    ],
)
def test_declared_date(text: str, expected: tuple[date, PublishedSource] | None) -> None:
    assert declared_date(text) == expected


@pytest.mark.parametrize(
    ("head", "body", "fields"),
    [
        ("---\ntitle: X\n---\n", "Body", {"title": "X"}),
        ("---\na: 'one'\nb: \"two\"\n---\n", "", {"a": "one", "b": "two"}),
        ("---\na: 1 # note\n  nested: x\n- item\n# comment\n---\n", "B", {"a": "1"}),
        ("--- \r\nKey: v\r\n...\r\n", "Body", {"key": "v"}),
        ("---\n---\n", "Body", {}),
        ("---\ntitle: X\n---", "", {"title": "X"}),
        ("---\nurl: http://x.org/a:b\n---\n", "", {"url": "http://x.org/a:b"}),
        # no front matter: the body starts at 0
        ("", "---\ntitle: X\nno closing fence", {}),
        ("", "Body\n---\ntitle: X\n---\n", {}),
        ("", " ---\ntitle: X\n---\n", {}),
        ("", "", {}),
    ],
)
def test_front_matter(head: str, body: str, fields: dict[str, str]) -> None:
    text = head + body
    assert front_matter(text) == (fields, len(head))


def test_the_example_article_declares_no_date() -> None:
    example = EXAMPLE
    assert declared_date(example.read_text(encoding="utf-8")) is None
