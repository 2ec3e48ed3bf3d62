"""codec.from_row fills a record's fields in directly when the row gives them all (SPEC 10: a provider's compliance
run decodes thousands of records); the record is the same as the one its own __init__ builds."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timezone

from inspect_app.domain.records import Staff
from inspect_app.domain.vocabulary import Employment, StaffRole
from inspect_app.storage.codec import from_row, to_row

UTC = timezone.utc


def test_a_record_read_back_directly_is_the_record_its_init_builds():
    person = Staff(home_id=1, ref="S-01", full_name="Sam Jones", role=StaffRole.CARE_WORKER,
                   employment=Employment.BANK, care_role_started_on=date(2024, 3, 1), level3_achieved_on=date(2025, 6, 30),
                   id=7)
    row = to_row(person, frozenset({"id"}))
    back = from_row(Staff, row, frozenset({"id"}), id=7)
    assert back == person and hash(back) == hash(person) and repr(back) == repr(person)
    assert vars(back) == vars(person)
    assert replace(back, full_name="Sam Smith").full_name == "Sam Smith"


@dataclass(frozen=True)
class Checked:
    name: str
    at: datetime
    note: str = "none"

    def __post_init__(self) -> None:
        if not self.name:
            raise ValueError("a name is needed")


@dataclass(frozen=True)
class Plain:
    name: str
    note: str = "none"


def test_a_record_with_its_own_checks_or_a_field_left_to_its_default_goes_through_init():
    at = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    assert from_row(Checked, to_row(Checked("a", at))) == Checked("a", at)
    try:
        from_row(Checked, {"name": "", "at": "2026-11-23T09:00:00Z", "note": None})
    except ValueError as error:
        assert "a name is needed" in str(error)
    else:
        raise AssertionError("__post_init__ was not run")
    assert from_row(Plain, {"name": "b"}, frozenset({"note"})) == Plain("b")  # the default filled in by __init__
