"""Property tests: whatever is in a CSV cell or file, the reader answers with a value or a plain message, never a crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspect_app.domain.vocabulary import MeasureKind
from inspect_app.services import csv_values as cv
from inspect_app.services.importing import ImportFailed, import_csv

CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
DATEISH = st.one_of(
    st.from_regex(r"\A[0-9/:T +\-Z]{0,22}\Z"),
    st.builds(lambda y, rest: f"{y:04d}{rest}", st.integers(0, 9999),
              st.sampled_from(["-01-01", "-12-31T23:59", "-01-01T00:30+01:00", "-06-30T12:00-11:00"])),
)


@given(st.one_of(CELL, DATEISH))
def test_any_cell_is_a_value_or_a_plain_message(text):
    for parse in (cv.parse_date, cv.parse_datetime, cv.parse_bool, cv.parse_int, cv.parse_list,
                  lambda t: cv.parse_enum(MeasureKind, t)):
        try:
            parse(text)
        except cv.CellError as exc:
            assert str(exc) and "Traceback" not in str(exc)


@given(st.lists(st.lists(CELL, max_size=7), max_size=6))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_measures_file_is_imported_whole_or_refused_whole(ws, home, amy, sam, rows):
    header = "incident_ref,child_ref,measure,started_at,recorded_at,used_by,holds\n"
    body = "\n".join(",".join(cell.replace(",", ";").replace("\n", " ") for cell in row) for row in rows)
    before = ws.measures.count(home.id)
    try:
        result = import_csv(ws, home, "measures", header + body)
    except ImportFailed as failed:
        assert failed.lines() and all(line.startswith("measures.csv:") for line in failed.lines())
        assert ws.measures.count(home.id) == before
    else:
        assert ws.measures.count(home.id) == before + result.added


def _read(parse, text):
    try:
        return parse(text)
    except cv.CellError as exc:
        return ("refused", str(exc))


DATE_TIME_CELLS = st.builds(
    lambda day, sep, hour, minute, second, offset, spaces: f"{spaces}{day}{sep}{hour}:{minute}{second}{offset}{spaces}",
    st.sampled_from(["29/03/2026", "25/10/2026", "26/10/2026", "31/12/2026", "2026-03-29", "2026-10-25",
                     "2026-11-21", "31/02/2026", "2026-13-01", "1/11/2026", "01/11/1999", "2101-01-01"]),
    st.sampled_from([" ", "T", "t", "  "]),
    st.sampled_from(["00", "01", "1", "02", "07", "23", "24"]),
    st.sampled_from(["00", "30", "59", "60"]),
    st.sampled_from(["", ":00", ":45", ":61"]),
    st.sampled_from(["", "Z", "z", "+01:00", "-0100", " +00:00", "+24:00", "+1"]),
    st.sampled_from(["", " "]),
)


@given(st.one_of(DATE_TIME_CELLS, DATEISH))
def test_the_quick_read_of_a_date_time_is_the_full_read(text):
    """parse_datetime reads the usual cell from its date and time of day, each once (SPEC 10); every value and every
    message is what the full read (_parse_datetime_fully) gives, clock-change days and refused cells included."""
    full = (lambda t: None if cv.is_blank(t) else cv._parse_datetime_fully(t.strip(), "Europe/London"))
    assert _read(cv.parse_datetime, text) == _read(full, text)
