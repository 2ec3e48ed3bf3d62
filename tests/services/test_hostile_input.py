"""Property tests: whatever bytes a CSV file or a form holds, the services answer with a plain message, never a crash.

SPEC 9: bad input gets a message that says what and where, never a traceback; imports are all or
nothing. Files: arbitrary bytes, and text shaped like CSV (real and junk column names, random cells,
byte-order marks, NULs, very long lines, other encodings) for every kind SPEC 7 names. Forms: any
text in every text field of a measure, a child and a member of staff, and any aware date-time. (Text
from a form or a decoded file is valid Unicode, so lone surrogates are not generated.)

One database serves the module (the `world` fixture, made once); each example checks its own effect:
refused means nothing changed, saved means exactly that record (and its audit row) was added.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from inspect_app.domain.errors import UserFacingError, ValidationFailed
from inspect_app.domain.records import Child, Home, Measure, Staff
from inspect_app.domain.visits import ALL_CONDITIONS, Visit, Visitor
from inspect_app.domain.vocabulary import Employment, LegalStatus, MeasureKind, Position, StaffRole
from inspect_app.services import registers, rota, visits
from inspect_app.services.csv_kinds import ALL_KINDS, KINDS
from inspect_app.services.importing import import_csv
from inspect_app.services.measures import record_measure
from inspect_app.services.workspace import Workspace
from inspect_app.storage import keyslots

from tests.conftest import FAST_COST, TESTER

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)
COLUMNS = sorted({c.name for kind in KINDS.values() for c in kind.columns})
FILES = settings(max_examples=500, deadline=None)
FORMS = settings(max_examples=250, deadline=None)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """One database for the module: a home with a child, an authorised senior, an independent visitor and a visit
    (scrypt kept cheap)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keyslots, "DEFAULT_COST", FAST_COST)
        ws = Workspace.create(tmp_path_factory.mktemp("hostile") / "records.db", TESTER, "Test Person",
                              clock=lambda: NOW)
    home = registers.create_home(ws, Home(urn="SC654321", name="Ash Lodge"))
    child = registers.save_child(ws, Child(home_id=home.id, ref="C-01", first_name="Amy", last_name="Brown",
                                           admitted_on=date(2025, 6, 1), ehcp=True))
    staff = registers.save_staff(ws, Staff(home_id=home.id, ref="S-01", full_name="Sam Jones",
                                           role=StaffRole.SENIOR, authorised_signoff=True))
    visitor = visits.save_visitor(ws, Visitor(home.id, "IV-01", "Jo Bloggs", appointed_on=date(2025, 1, 6),
                                              conditions=ALL_CONDITIONS, declared_independent_on=date(2025, 1, 6)))
    visits.save_visit(ws, Visit(home.id, "V-001", visitor.id, date(2026, 10, 1)))
    yield ws, home, child, staff
    ws.close()


REPOSITORIES = ("children", "staff", "measures", "visitors", "visits", "recommendations", "inspections", "contacts",
                "shifts")


def _state(ws: Workspace, home: Home) -> tuple:
    """Everything an unfinished change could leave behind: counts of every kind, and the last link of the audit
    trail."""
    counts = tuple(getattr(ws, repo).count(home.id) for repo in REPOSITORIES)
    last = ws.db.query_one("SELECT count(*) AS rows, max(id) AS id, max(hash) AS hash FROM audit")
    return counts + (last["rows"], last["id"], last["hash"])


def _refused_cleanly(exc: UserFacingError, ws: Workspace, home: Home, before: tuple) -> None:
    event(f"refused: {type(exc).__name__}")
    message = str(exc)
    assert message.strip() and "Traceback" not in message, message
    assert not ws.db.in_transaction and not ws.db.conn.in_transaction
    assert _state(ws, home) == before


# files -----------------------------------------------------------------------------------

PLAUSIBLE = st.sampled_from([
    "", " ", "C-01", "S-01", "C-02", "restraint", "holding", "sanction", "Care worker", "senior", "yes", "No",
    "2026-11-01", "01/11/2026", "31/02/2015", "2026-11-01T10:00", "01/11/2026 10:00", "2026-03-29T01:30",
    "2026-10-25T01:30", "2026-11-01T10:00+05:00", "9999-12-31T23:59", "0001-01-01T00:00", "10000-01-01",
    "-1", "1441", "99999999999999999999999", "1e309", "nan", "S-01;S-01;", ";;", "Single elbow;Wrap",
    "F", "s31", "standing", "ground prone", "\x00", "\ufeff", '"', '""', "=cmd|' /C calc'!A0",
])
CELL = st.one_of(PLAUSIBLE, st.text(max_size=24),
                 st.builds(lambda ch, n: ch * n, st.sampled_from("x,\"\n\x00é"), st.integers(1000, 40_000)))
# a row that imports, per kind; the generated files take most cells from here so that rows get past the
# header and reach the checks, the handling of duplicates and the writing
GOOD = {
    "children": dict(first_name="Zoe", last_name="Hart", date_of_birth="2012-03-04", sex="F",
                     admitted_on="2025-01-01", placing_authority="Leeds City Council", legal_status="s31",
                     ehcp="yes"),
    "staff": dict(full_name="Pat Lee", role="care_worker", employment="agency", care_role_started_on="2024-01-01",
                  pi_trained_on="2025-02-01", authorised_signoff="no"),
    "measures": dict(child_ref="C-01", measure="restraint", started_at="2026-11-01T10:00", duration_minutes="5",
                     location="lounge", behaviour="kicked the door", avoidance_steps="talked", description="held",
                     position="seated", holds="Single elbow", used_by="S-01", effectiveness="calm", injury="no",
                     recorded_at="2026-11-01T12:00", recorded_by="S-01", user_spoken_to_at="2026-11-02T09:00",
                     signed_at="2026-11-02T10:00", signed_by="S-01"),
    "visitors": dict(name="Ann Other", organisation="Other Ltd", appointed_on="2025-01-01",
                     declared_independent_on="2025-01-02"),
    "reg44_visits": dict(visitor_ref="IV-01", visited_on="2026-10-31", announced="no", children_spoken_to="2",
                         staff_spoken_to="1", records_checked="rota;restraint log", premises_checked="yes",
                         safeguarded="yes", wellbeing_promoted="not stated", report_received_on="2026-11-02",
                         report_sent_on="2026-11-03", parents_spoken_to="0"),
    "reg44_recommendations": dict(visit_ref="V-001", text="Fix the gate", consider_by="2026-10-31",
                                  decision="declined", decided_on="2026-10-20", reason="No budget", owner="Sam"),
    "inspections": dict(started_on="2025-03-10", type="full", overall="good", helped_protected="good",
                        leadership="requires improvement", published_on="2025-04-20"),
    "ofsted_contacts": dict(occurred_on="2026-06-01", phase="between", with_whom="Inspector", channel="Email",
                            topic="Notice", summary="Asked", follow_up="Send it", follow_up_done_on="2026-06-02"),
    "shifts": dict(staff_ref="S-01", shift_type="waking night", planned_end="2026-11-03T07:00",
                   actual_start="2026-11-02T22:00", actual_end="2026-11-03T07:00", shift_lead="yes"),
    "key_times": dict(start="22:30", end="07:00", min_staff="1", days="weekends", sleep_in_counts="no"),
}
# the record's own reference: a few that repeat (already there, same or different), and many new ones
REFS = st.one_of(st.sampled_from(["H-1", "T-1", "Q-1"]), st.from_regex(r"\A[A-Z]{1,2}-[0-9]{1,5}\Z"))


# a shift is known by its member of staff and planned start: a few that repeat (and so overlap), many apart
STARTS = st.one_of(st.sampled_from(["2026-11-02T22:00", "2026-11-02T23:00"]),
                   st.integers(0, 5000).map(lambda n: f"{date(2020, 1, 1) + timedelta(days=n):%Y-%m-%d}T22:00"))
WINDOW_NAMES = st.sampled_from(["night", "Night", "morning", "after school", "evening"])


def _good_cell(kind: str, column: str) -> st.SearchStrategy[str]:
    name = column.strip().lower()
    if kind == "shifts" and name == "planned_start":
        return STARTS
    if kind == "key_times" and name == "window":
        return WINDOW_NAMES
    if kind in KINDS and name == KINDS[kind].ref_column and kind not in ("shifts", "key_times"):
        return REFS
    return st.just(GOOD.get(kind, {}).get(name, ""))


@st.composite
def _row(draw, kind: str, header: list[str], hostile: bool) -> list[str]:
    """A good row; when `hostile`, with a few cells made hostile, and now and then a cell too many."""
    cells = [draw(_good_cell(kind, column)) for column in header]
    if not hostile or not cells:
        return cells
    for index in draw(st.lists(st.integers(0, len(cells) - 1), min_size=1, max_size=3)):
        cells[index] = draw(CELL)
    return cells + draw(st.sampled_from([[]] * 3 + [["extra"]]))


@st.composite
def csv_text(draw, kind: str) -> str:
    own = [c.name for c in KINDS[kind].columns] if kind in KINDS else COLUMNS
    names = st.one_of(st.sampled_from(own), st.sampled_from(COLUMNS), st.text(max_size=12),
                      st.sampled_from(own).map(lambda n: f" {n.upper()} "))
    shape = draw(st.sampled_from(["the kind's columns"] * 4 + ["any names"]))
    header = draw(st.permutations(own) if shape == "the kind's columns" else st.lists(names, max_size=12))
    hostile = st.sampled_from([False] * 3 + [True] * 2) if draw(st.booleans()) else st.just(False)
    rows = draw(st.lists(hostile.flatmap(lambda h: _row(kind, list(header), h)), max_size=6))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    quote = draw(st.booleans())

    def line(cells) -> str:
        return ",".join(f'"{c.replace(chr(34), chr(34) * 2)}"' if quote else c for c in cells)

    text = newline.join(line(cells) for cells in [list(header), *rows])
    bom = draw(st.sampled_from(["", "", "", "\ufeff", "\ufeff", "\ufeff\ufeff"]))
    return bom + text + draw(st.sampled_from(["", newline]))


def _encoded(text: str, encoding: str) -> bytes | str:
    if encoding == "str":
        return text
    return text.encode(encoding, errors="replace" if encoding in ("latin-1", "cp1252") else "strict")


@st.composite
def any_file(draw) -> tuple[str, bytes | str]:
    # mostly the kinds this version reads, so that most files get past the kind to the checks
    kind = draw(st.sampled_from(tuple(KINDS) * 20 + ALL_KINDS + ("Measures", " children ", "junk")))
    if draw(st.sampled_from(["bytes"] + ["text"] * 4)) == "bytes":
        return kind, draw(st.binary(max_size=600))
    text = draw(csv_text(kind.strip().lower()))
    return kind, _encoded(text, draw(st.sampled_from(["str", "utf-8"] * 6 + ["utf-16", "cp1252", "latin-1",
                                                                           "utf-32"])))


@given(any_file())
@FILES
def test_any_file_of_any_kind_is_imported_whole_or_refused_with_a_message(world, file):
    ws, home, _, _ = world
    kind, source = file
    before = _state(ws, home)
    try:
        result = import_csv(ws, home, kind, source)
    except UserFacingError as exc:
        _refused_cleanly(exc, ws, home, before)
    else:
        after = _state(ws, home)
        kinds = len(REPOSITORIES)
        if result.replaced:   # key times: the home's setting replaced, in one audit row
            assert sum(after[:kinds]) == sum(before[:kinds]) and after[kinds] == before[kinds] + 1
            assert len(rota.key_time_windows(ws, home)) == result.added
        else:
            assert sum(after[:kinds]) == sum(before[:kinds]) + result.added
            assert after[kinds] == before[kinds] + result.added   # one audit row per record added
        assert result.summary()
        event(f"imported: {'some' if result.added else 'none'} added")


# forms ------------------------------------------------------------------------------------

ANY_TEXT = st.text(max_size=60)
TYPED = st.sampled_from(["lounge", "Calm after ten minutes.", "Zoë O'Brien-Smith", "  spaces around  ",
                         "Line one\nline two", "Ngozi", "Ab\x00c"])
NEW_REF = st.from_regex(r"\A[A-Z]{1,3}-[0-9]{1,6}\Z")
ANY_REF = st.one_of(st.just(""), st.just(" C-01 "), st.just("S-01"), ANY_TEXT, st.from_regex(r"\A[ -~]{30,40}\Z"))
# every aware date-time the calendar holds (the very first minute has its own test below)
MOMENTS = st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 30),
                       timezones=st.one_of(st.just(timezone.utc), st.timezones()))
RECENTLY = st.integers(0, 60 * 24 * 400).map(lambda minutes: NOW - timedelta(minutes=minutes))
RECENT_DAYS = st.dates(date(2016, 1, 1), date(2026, 11, 22))
ANY_DAY = st.one_of(st.none(), st.dates())
SQLITE_ID = st.integers(-2 ** 63, 2 ** 63 - 1)   # ids come from pickers: any id, but one SQLite can hold


@st.composite
def _record(draw, record_cls, fixed: dict, fields: dict[str, tuple[st.SearchStrategy, st.SearchStrategy]]):
    """A record as a form would give it: each field its usual value, except a few (often none) made hostile."""
    hostile = draw(st.sets(st.sampled_from(sorted(fields)), max_size=4))
    event(f"hostile fields: {len(hostile)}")
    values = {name: draw(anything if name in hostile else usual) for name, (usual, anything) in fields.items()}
    return record_cls(**fixed, **values)


def _measure_fields(child: Child, staff: Staff) -> dict:
    text = (TYPED, ANY_TEXT)
    return dict(
        ref=(st.just(""), st.one_of(NEW_REF, ANY_REF)), child_id=(st.just(child.id), SQLITE_ID),
        kind=(st.just(MeasureKind.RESTRAINT), st.sampled_from(MeasureKind)), started_at=(RECENTLY, MOMENTS),
        recorded_at=(st.just(NOW), MOMENTS),
        duration_minutes=(st.integers(0, 1440), st.one_of(st.none(), st.integers())),
        location=text, behaviour=text, avoidance_steps=text, description=text, others_present=text,
        effectiveness=text, injury_details=text, medical_treatment=text, child_views=text,
        position=(st.sampled_from(Position), st.none()),
        holds=(st.just(("Single elbow",)), st.lists(ANY_TEXT, max_size=3).map(tuple)),
        used_by=(st.just((staff.id,)), st.lists(SQLITE_ID, max_size=2).map(tuple)),
        injury=(st.just(True), st.sampled_from([False, None])), planned_in_ehcp=(st.just(False), st.just(True)),
        police_involved=(st.booleans(), st.none()), user_spoken_to_at=(st.none(), MOMENTS),
        signed_at=(st.none(), MOMENTS), signed_by=(st.none(), SQLITE_ID),
        child_spoken_to_at=(st.none(), MOMENTS),
    )


CHILD_FIELDS = dict(
    ref=(NEW_REF, ANY_REF), first_name=(TYPED, ANY_TEXT), last_name=(TYPED, ANY_TEXT),
    admitted_on=(RECENT_DAYS, st.dates()), date_of_birth=(st.just(date(2011, 4, 3)), ANY_DAY),
    sex=(st.just("F"), ANY_TEXT), left_on=(st.none(), ANY_DAY), placing_authority=(TYPED, ANY_TEXT),
    legal_status=(st.sampled_from(LegalStatus), st.none()), ehcp=(st.booleans(), st.none()),
)
STAFF_FIELDS = dict(
    ref=(NEW_REF, ANY_REF), full_name=(TYPED, ANY_TEXT), role=(st.sampled_from(StaffRole),) * 2,
    employment=(st.sampled_from(Employment), st.none()), care_role_started_on=(RECENT_DAYS, ANY_DAY),
    level3_achieved_on=(st.none(), ANY_DAY), level5_achieved_on=(st.none(), ANY_DAY),
    pi_trained_on=(st.none(), ANY_DAY), authorised_signoff=(st.booleans(),) * 2, left_on=(st.none(), ANY_DAY),
)


@given(st.data())
@FORMS
def test_any_measure_typed_in_the_form_is_saved_or_refused_with_a_message(world, data):
    ws, home, child, staff = world
    m = data.draw(_record(Measure, dict(home_id=home.id), _measure_fields(child, staff)))
    before = _state(ws, home)
    try:
        saved = record_measure(ws, m)
    except UserFacingError as exc:
        _refused_cleanly(exc, ws, home, before)
    else:
        assert saved.recorded_at == NOW and ws.measures.get(saved.id) == saved
        event("saved")


REGISTERS = {"child": (Child, CHILD_FIELDS, registers.save_child, "children"),
             "staff": (Staff, STAFF_FIELDS, registers.save_staff, "staff")}


@pytest.mark.parametrize("register", REGISTERS)
@given(data=st.data())
@FORMS
def test_any_register_entry_typed_is_saved_or_refused_with_a_message(world, register, data):
    ws, home, _, _ = world
    record_cls, fields, save, repository = REGISTERS[register]
    record = data.draw(_record(record_cls, dict(home_id=home.id), fields))
    before = _state(ws, home)
    try:
        saved = save(ws, record)
    except ValidationFailed as exc:
        assert exc.problems
        _refused_cleanly(exc, ws, home, before)
    else:
        assert getattr(ws, repository).get(saved.id) == saved
        event("saved")


def test_a_start_in_the_first_minute_of_year_one_is_refused_with_a_message(world):
    ws, home, child, staff = world
    before = _state(ws, home)
    m = Measure(home_id=home.id, ref="", child_id=child.id, kind=MeasureKind.RESTRAINT,
                started_at=datetime(1, 1, 1, tzinfo=timezone.utc), recorded_at=NOW, duration_minutes=5,
                location="lounge", behaviour="b", avoidance_steps="a", description="d", position=Position.SEATED,
                holds=("Single elbow",), used_by=(staff.id,), effectiveness="e", injury=False)
    with pytest.raises(UserFacingError, match="the year must be from 1900") as refused:
        record_measure(ws, m)
    assert _state(ws, home) == before and not ws.db.in_transaction
    assert "Traceback" not in str(refused.value)
