"""Reading and writing single CSV cells: the forms SPEC 7 accepts, and the plain messages for the rest."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from inspect_app.domain.vocabulary import LegalStatus, Position, StaffRole
from inspect_app.services import csv_values as cv

UTC = timezone.utc


@pytest.mark.parametrize("text, expected", [
    ("2015-02-28", date(2015, 2, 28)),
    ("28/02/2015", date(2015, 2, 28)),
    ("3/4/2011", date(2011, 4, 3)),
    ("  2024-02-29 ", date(2024, 2, 29)),
    ("", None),
    ("   ", None),
])
def test_dates_in_both_forms(text, expected):
    assert cv.parse_date(text) == expected


def test_an_impossible_date_says_so():
    with pytest.raises(cv.CellError) as err:
        cv.parse_date("31/02/2015")
    assert str(err.value) == '"31/02/2015" is not a date'


@pytest.mark.parametrize("text", ["2015/02/01", "01-02-2015", "tomorrow", "2015-2-1", "20150201", "2023-02-29"])
def test_other_date_forms_are_refused_with_the_forms_to_use(text):
    with pytest.raises(cv.CellError, match="is not a date"):
        cv.parse_date(text)


@pytest.mark.parametrize("text, expected", [
    ("2026-03-29T00:30", datetime(2026, 3, 29, 0, 30, tzinfo=UTC)),  # GMT: wall time is UTC
    ("2026-07-01T19:00", datetime(2026, 7, 1, 18, 0, tzinfo=UTC)),  # BST: one hour ahead
    ("2026-07-01T19:00:45", datetime(2026, 7, 1, 18, 0, 45, tzinfo=UTC)),
    ("2026-07-01 19:00", datetime(2026, 7, 1, 18, 0, tzinfo=UTC)),
    ("01/07/2026 19:00", datetime(2026, 7, 1, 18, 0, tzinfo=UTC)),
    ("2026-07-01T19:00Z", datetime(2026, 7, 1, 19, 0, tzinfo=UTC)),
    ("2026-07-01T19:00+01:00", datetime(2026, 7, 1, 18, 0, tzinfo=UTC)),
    ("2026-07-01T19:00-0230", datetime(2026, 7, 1, 21, 30, tzinfo=UTC)),
    ("", None),
])
def test_date_times_are_uk_wall_time_unless_an_offset_is_given(text, expected):
    found = cv.parse_datetime(text)
    assert found == expected
    if found is not None:
        assert found.utcoffset().total_seconds() == 0


@pytest.mark.parametrize("wall, why", [("2026-03-29T01:30", "does not exist"), ("29/03/2026 01:30", "does not exist"),
                                       ("2026-10-25T01:30", "happens twice"), ("25/10/2026 01:30", "happens twice")])
def test_clock_change_wall_times_are_refused_without_an_offset(wall, why):
    with pytest.raises(cv.CellError, match=why) as err:
        cv.parse_datetime(wall)
    assert "+01:00" in str(err.value)  # it says how to put it right


def test_clock_change_wall_times_are_accepted_with_an_offset():
    assert cv.parse_datetime("2026-03-29T01:30+00:00") == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    first = cv.parse_datetime("2026-10-25T01:30+01:00")
    second = cv.parse_datetime("2026-10-25T01:30+00:00")
    assert (first, second) == (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), datetime(2026, 10, 25, 1, 30, tzinfo=UTC))


@pytest.mark.parametrize("text", ["2026-07-01", "2026-07-01T25:00", "31/06/2026 10:00", "2026-07-01T10:00+25:00",
                                  "noon", "2026-07-01T10:00:00.5"])
def test_bad_date_times_are_refused(text):
    with pytest.raises(cv.CellError, match="is not a date and time"):
        cv.parse_datetime(text)


@pytest.mark.parametrize("text, expected", [("yes", True), ("YES", True), (" Yes ", True), ("no", False),
                                            ("No", False), ("", None)])
def test_yes_and_no_in_any_case(text, expected):
    assert cv.parse_bool(text) is expected


@pytest.mark.parametrize("text", ["y", "true", "1", "maybe"])
def test_only_yes_or_no_is_a_boolean(text):
    with pytest.raises(cv.CellError, match="is not yes or no"):
        cv.parse_bool(text)


def test_lists_are_split_on_semicolons_trimmed_and_empties_dropped():
    assert cv.parse_list(" Single elbow ;Double elbow;; ") == ("Single elbow", "Double elbow")
    assert cv.parse_list("") == ()


def test_enumerations_accept_the_stored_spelling_spaces_or_another_case():
    for text in ("care_worker", "Care Worker", "care worker", "CARE_WORKER"):
        assert cv.parse_enum(StaffRole, text) is StaffRole.CARE_WORKER
    assert cv.parse_enum(LegalStatus, "S31") is LegalStatus.S31
    assert cv.parse_enum(Position, "") is None
    with pytest.raises(cv.CellError, match='"cook" is not one of: care_worker, senior'):
        cv.parse_enum(StaffRole, "cook")


def test_whole_numbers():
    assert cv.parse_int(" 12 ") == 12
    assert cv.parse_int("") is None
    with pytest.raises(cv.CellError, match='"4.5" is not a whole number'):
        cv.parse_int("4.5")


def test_narrative_is_kept_as_written_but_short_text_is_trimmed():
    assert cv.parse_narrative("  said 'no'\nthen sat down ") == "  said 'no'\nthen sat down "
    assert cv.parse_narrative("   ") == ""
    assert cv.parse_text("  Leeds ") == "Leeds"


def test_formats_read_back_to_the_same_value():
    for moment in (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
                   datetime(2026, 3, 29, 1, 0, tzinfo=UTC), datetime(2026, 7, 1, 18, 0, 45, tzinfo=UTC)):
        assert cv.parse_datetime(cv.format_datetime(moment)) == moment
    assert cv.format_datetime(datetime(2026, 10, 25, 0, 30, tzinfo=UTC)) == "2026-10-25T01:30+01:00"
    assert cv.format_datetime(datetime(2026, 10, 25, 1, 30, tzinfo=UTC)) == "2026-10-25T01:30+00:00"
    assert cv.format_date(date(2026, 1, 2)) == "2026-01-02"
    assert (cv.format_bool(True), cv.format_bool(False), cv.format_bool(None)) == ("yes", "no", "")
    assert cv.format_list(("a", "b")) == "a;b"
    assert cv.format_enum(StaffRole.DEPUTY_MANAGER) == "deputy_manager"


def test_a_bad_cell_is_shown_on_one_short_line():
    with pytest.raises(cv.CellError) as err:
        cv.parse_bool("She said she was sorry\nand then went to her room to calm down for a while")
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith('"She said she was sorry and then went to') and '…" is not yes or no' in message


@pytest.mark.parametrize("text", ["0001-01-01", "01/01/0001", "9999-12-31", "1899-12-31"])
def test_an_unlikely_year_is_refused_as_a_date(text):
    with pytest.raises(cv.CellError, match="the year must be from 1900 to 2100"):
        cv.parse_date(text)


@pytest.mark.parametrize("text", ["0001-01-01T00:30+01:00", "0001-01-01T00:00", "9999-12-31T23:59"])
def test_an_unlikely_year_is_refused_as_a_date_and_time(text):
    with pytest.raises(cv.CellError, match="the year must be from 1900 to 2100"):
        cv.parse_datetime(text)
