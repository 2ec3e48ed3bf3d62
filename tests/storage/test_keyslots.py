"""Key slots: one password per account opens the database key; wrong passwords, moved slots and bad files are refused."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from inspect_app.storage import keyslots
from inspect_app.storage.keyslots import KeyFileProblem, KeySlots, WrongPassword, key_file_for, new_database_key


@pytest.fixture
def slots(tmp_path):
    found = KeySlots.new(tmp_path / "records.db")
    return found


def test_each_account_unlocks_the_same_key_with_its_own_password(slots):
    key = new_database_key()
    slots.set_slot("Jo Bloggs", "first pass phrase", key)
    slots.set_slot("sam", "second pass phrase", key)
    slots.save()
    again = KeySlots.load(slots.path.with_name("records.db"))
    assert again.unlock("  JO   bloggs ", "first pass phrase") == key  # user names ignore case and spacing
    assert again.unlock("sam", "second pass phrase") == key
    assert again.usernames == ["jo bloggs", "sam"]


@pytest.mark.parametrize("user, password", [("sam", "first pass phrase"), ("sam", "Second pass phrase"),
                                            ("nobody", "second pass phrase"), ("sam", "")])
def test_a_wrong_password_or_unknown_user_is_refused_with_one_message(slots, user, password):
    key = new_database_key()
    slots.set_slot("jo", "first pass phrase", key)
    slots.set_slot("sam", "second pass phrase", key)
    with pytest.raises(WrongPassword, match="do not open this database"):
        slots.unlock(user, password)


def test_the_file_holds_neither_the_key_nor_the_password(slots):
    key = new_database_key()
    slots.set_slot("jo", "first pass phrase", key)
    text = slots.save().read_text()
    assert key.hex() not in text and "first pass phrase" not in text
    assert json.loads(text)["slots"]["jo"]["cost"] == {"n": keyslots.DEFAULT_COST.n, "r": 8, "p": 1}


def test_a_slot_moved_to_another_account_does_not_open(slots):
    key = new_database_key()
    slots.set_slot("jo", "first pass phrase", key)
    slots.set_slot("sam", "second pass phrase", key)
    slots.slots["sam"] = slots.slots["jo"]  # someone copies jo's slot over sam's
    with pytest.raises(WrongPassword):
        slots.unlock("sam", "first pass phrase")


def test_a_rewrapped_slot_opens_with_the_new_password_only(slots):
    key = new_database_key()
    slots.set_slot("jo", "first pass phrase", key)
    slots.set_slot("jo", "a brand new phrase", key)
    assert slots.unlock("jo", "a brand new phrase") == key
    with pytest.raises(WrongPassword):
        slots.unlock("jo", "first pass phrase")


def test_a_removed_slot_no_longer_opens(slots):
    key = new_database_key()
    slots.set_slot("jo", "first pass phrase", key)
    slots.set_slot("sam", "second pass phrase", key)
    slots.remove_slot("SAM")
    with pytest.raises(WrongPassword):
        slots.unlock("sam", "second pass phrase")
    assert slots.unlock("jo", "first pass phrase") == key


def test_a_missing_or_damaged_key_file_says_what_to_do(tmp_path):
    database = tmp_path / "records.db"
    with pytest.raises(KeyFileProblem, match="missing.*backup"):
        KeySlots.load(database)
    key_file_for(database).write_text("{not json")
    with pytest.raises(KeyFileProblem, match="cannot be read"):
        KeySlots.load(database)
    key_file_for(database).write_text(json.dumps({"format": "something else", "slots": {}}))
    with pytest.raises(KeyFileProblem, match="not a key file"):
        KeySlots.load(database)
    key_file_for(database).write_text(json.dumps({"format": keyslots.FORMAT, "version": 99, "database_id": "x",
                                                  "slots": {}}))
    with pytest.raises(KeyFileProblem, match="newer version"):
        KeySlots.load(database)


def test_the_real_cost_is_owasps_minimum_for_scrypt():
    # conftest makes the cost cheap for speed; the program itself must use the real one
    code = "from inspect_app.storage import keyslots as k; c = k.DEFAULT_COST; print(c.n, c.r, c.p)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    n, r, p = map(int, out.split())
    assert n >= 2 ** 17 and r >= 8 and p >= 1
