"""Typed UK dates and times: every accepted form lands on the exact value, the rest say why."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linkworker_desktop.domain.typed_dates import (
    NotADate,
    NotATime,
    format_uk_date,
    format_uk_time,
    parse_uk_date,
    parse_uk_time,
)

SUNDAY = date(2026, 11, 29)


@pytest.mark.parametrize(
    "text",
    [
        "29/11/2026",
        "29/11/26",
        "29 Nov 2026",
        "Sun 29 Nov 2026",
        "29-11-2026",
        "2026-11-29",
        "29.11.2026",
        "29 11 2026",
        "29 / 11 / 2026",
        "  29/11/2026  ",
        "29 November 2026",
        "29 nov 2026",
        "29 NOV 2026",
        "29th November 2026",
        "Sunday 29 November 2026",
        "Sunday, 29 November 2026",
        "Sun. 29 Nov. 2026",
        "SUN 29 Nov 2026",
        "Sun   29  Nov   2026",
    ],
)
def test_every_uk_form_of_a_date_lands_on_that_date(text):
    assert parse_uk_date(text) == SUNDAY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/2/2027", date(2027, 2, 1)),  # day first, as in the UK
        ("01/02/27", date(2027, 2, 1)),
        ("2027-2-1", date(2027, 2, 1)),
        ("1st Feb 2027", date(2027, 2, 1)),
        ("2nd Feb 2027", date(2027, 2, 2)),
        ("3rd Feb 2027", date(2027, 2, 3)),
        ("29 Feb 2028", date(2028, 2, 29)),  # a leap year
        ("31/12/99", date(2099, 12, 31)),  # a two-digit year is this century
        ("1/1/00", date(2000, 1, 1)),
        ("1 Sept 2026", date(2026, 9, 1)),
        ("1 jan 2026", date(2026, 1, 1)),
        ("1 dec 2026", date(2026, 12, 1)),
        ("Mon 30 Nov 2026", date(2026, 11, 30)),
        ("Sat 28 Nov 2026", date(2026, 11, 28)),
        ("Thurs 26 Nov 2026", date(2026, 11, 26)),
        ("12/11/2026", date(2026, 11, 12)),  # never read the American way
        ("0001-01-01", date(1, 1, 1)),
        ("31/12/9999", date(9999, 12, 31)),
    ],
)
def test_dates_land_exactly(text, expected):
    assert parse_uk_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2026", "31/02/2026 is not a date: February 2026 has 28 days."),
        ("29/02/2027", "29/02/2027 is not a date: February 2027 has 28 days."),
        ("31 Apr 2026", "31 Apr 2026 is not a date: April 2026 has 30 days."),
        ("0/11/2026", "0/11/2026 is not a date: November 2026 has 30 days."),
        ("13/13/2026", "13/13/2026 is not a date: there is no month 13."),
        ("1/0/2026", "1/0/2026 is not a date: there is no month 0."),
        ("2026-13-01", "2026-13-01 is not a date: there is no month 13."),
        ("2026-02-30", "2026-02-30 is not a date: February 2026 has 28 days."),
        ("01/01/0000", "01/01/0000 is not a date: there is no year 0."),
        ("29 Foo 2026", "29 Foo 2026 is not a date: there is no month called 'foo'."),
        ("29 No 2026", "29 No 2026 is not a date: there is no month called 'no'."),
        (
            "Mon 29 Nov 2026",
            "Mon 29 Nov 2026 is not a date: 29 Nov 2026 is a Sunday, not a Monday. "
            "Check which one you meant.",
        ),
        (
            "Sun 29 Dec 2026",
            "Sun 29 Dec 2026 is not a date: 29 Dec 2026 is a Tuesday, not a Sunday. "
            "Check which one you meant.",
        ),
        ("Fun 29 Nov 2026", "Fun 29 Nov 2026 is not a date: 'fun' is not a day of the week."),
        ("Su 29 Nov 2026", "Su 29 Nov 2026 is not a date: 'su' is not a day of the week."),
        ("xyz", "xyz is not a date: type it like 29/11/2026 or 29 Nov 2026."),
        ("29/11", "29/11 is not a date: type it like 29/11/2026 or 29 Nov 2026."),
        ("29/11/202", "29/11/202 is not a date: type it like 29/11/2026 or 29 Nov 2026."),
        ("29/11-2026", "29/11-2026 is not a date: type it like 29/11/2026 or 29 Nov 2026."),
        ("29 Nov 26", "29 Nov 26 is not a date: type it like 29/11/2026 or 29 Nov 2026."),
        ("Nov 2026", "Nov 2026 is not a date: type it like 29/11/2026 or 29 Nov 2026."),
        ("29112026", "29112026 is not a date: type it like 29/11/2026 or 29 Nov 2026."),
        ("", "Type a date, like 29/11/2026 or 29 Nov 2026."),
        ("   ", "Type a date, like 29/11/2026 or 29 Nov 2026."),
    ],
)
def test_impossible_dates_are_refused_with_the_reason(text, message):
    with pytest.raises(NotADate) as caught:
        parse_uk_date(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16:30", time(16, 30)),
        ("1630", time(16, 30)),
        ("4:30pm", time(16, 30)),
        ("4.30pm", time(16, 30)),
        ("4.30 pm", time(16, 30)),
        ("4:30 p.m.", time(16, 30)),
        ("4:30PM", time(16, 30)),
        ("16.30", time(16, 30)),
        ("16 : 30", time(16, 30)),
        ("4pm", time(16, 0)),
        ("4 pm", time(16, 0)),
        ("9am", time(9, 0)),
        ("9:05am", time(9, 5)),
        ("12am", time(0, 0)),  # midnight
        ("12:30am", time(0, 30)),
        ("12pm", time(12, 0)),  # midday
        ("12:45pm", time(12, 45)),
        ("1pm", time(13, 0)),
        ("11:59pm", time(23, 59)),
        ("930", time(9, 30)),
        ("0930", time(9, 30)),
        ("09:30", time(9, 30)),
        ("9:30", time(9, 30)),
        ("16", time(16, 0)),
        ("0", time(0, 0)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("2359", time(23, 59)),
        ("  16:30 ", time(16, 30)),
    ],
)
def test_times_land_exactly(text, expected):
    assert parse_uk_time(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("25:00", "25:00 is not a time: hours run from 00 to 23."),
        ("24:00", "24:00 is not a time: hours run from 00 to 23."),
        ("2400", "2400 is not a time: hours run from 00 to 23."),
        ("16:60", "16:60 is not a time: minutes run from 00 to 59."),
        ("1660", "1660 is not a time: minutes run from 00 to 59."),
        ("13pm", "13pm is not a time: with am or pm, hours run from 1 to 12."),
        ("0am", "0am is not a time: with am or pm, hours run from 1 to 12."),
        ("4:60pm", "4:60pm is not a time: minutes run from 00 to 59."),
        ("abc", "abc is not a time: type it like 16:30, 1630 or 4:30pm."),
        ("pm", "pm is not a time: type it like 16:30, 1630 or 4:30pm."),
        ("16:3", "16:3 is not a time: type it like 16:30, 1630 or 4:30pm."),
        ("16:300", "16:300 is not a time: type it like 16:30, 1630 or 4:30pm."),
        ("16300", "16300 is not a time: type it like 16:30, 1630 or 4:30pm."),
        ("4:30xm", "4:30xm is not a time: type it like 16:30, 1630 or 4:30pm."),
        ("", "Type a time, like 16:30, 1630 or 4:30pm."),
    ],
)
def test_impossible_times_are_refused_with_the_reason(text, message):
    with pytest.raises(NotATime) as caught:
        parse_uk_time(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (SUNDAY, "Sun 29 Nov 2026"),
        (date(2027, 1, 4), "Mon 4 Jan 2027"),
        (date(2026, 12, 1), "Tue 1 Dec 2026"),
        (date(2026, 9, 30), "Wed 30 Sep 2026"),
    ],
)
def test_a_date_is_shown_one_way(day, text):
    assert format_uk_date(day) == text


@pytest.mark.parametrize(
    ("moment", "text"), [(time(16, 30), "16:30"), (time(9, 5), "09:05"), (time(0, 0), "00:00")]
)
def test_a_time_is_shown_on_the_24_hour_clock(moment, text):
    assert format_uk_time(moment) == text


dates = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))
this_century = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
times = st.times().map(lambda moment: moment.replace(second=0, microsecond=0))


@given(dates)
def test_the_shown_form_reads_back_as_the_same_date(day):
    assert parse_uk_date(format_uk_date(day)) == day


@given(dates, st.sampled_from(["/", "-", ".", " "]))
def test_day_month_year_reads_back_with_any_separator(day, separator):
    text = separator.join([f"{day.day:02d}", f"{day.month:02d}", f"{day.year:04d}"])
    assert parse_uk_date(text) == day
    assert parse_uk_date(f"{day.day}/{day.month}/{day.year}") == day


@given(dates)
def test_iso_dates_read_back(day):
    assert parse_uk_date(day.isoformat()) == day


@given(this_century)
def test_a_two_digit_year_reads_back_in_this_century(day):
    assert parse_uk_date(f"{day.day}/{day.month}/{day.year % 100:02d}") == day


@given(times)
def test_the_shown_time_reads_back(moment):
    assert parse_uk_time(format_uk_time(moment)) == moment
    assert parse_uk_time(f"{moment.hour:02d}{moment.minute:02d}") == moment


@given(times)
def test_twelve_hour_times_read_back(moment):
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    assert parse_uk_time(f"{hour}:{moment.minute:02d}{suffix}") == moment
    assert parse_uk_time(f"{hour}.{moment.minute:02d} {suffix.upper()}") == moment
