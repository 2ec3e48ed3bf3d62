"""The audit trail: who, when, what, before and after, why; each row chained to the one before by hash."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..domain.local_time import to_utc_text

if TYPE_CHECKING:
    from .database import Database

GENESIS = "0" * 64
_COLUMNS = ("at", "actor", "home_id", "entity", "entity_id", "action", "before", "after", "reason")


def _digest(prev_hash: str, row: dict[str, Any]) -> str:
    body = json.dumps([prev_hash] + [row[c] for c in _COLUMNS], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _as_json(value: dict[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def write(db: "Database", **entry: Any) -> None:
    """Append one row (keywords as write_many's entries); call it inside the transaction that makes the change."""
    write_many(db, [entry])


def write_many(db: "Database", entries: list[dict[str, Any]]) -> None:
    """Append rows, each chained to the one before; inside the transaction that makes the changes.

    An entry has at, actor, home_id, entity, entity_id, action, and optionally before, after, reason.
    """
    assert db.in_transaction, "audit rows belong in the same transaction as their change"
    prev = db.scalar("SELECT hash FROM audit ORDER BY id DESC LIMIT 1") or GENESIS
    values = []
    for entry in entries:
        row = {
            "at": to_utc_text(entry["at"]), "actor": entry["actor"], "home_id": entry["home_id"],
            "entity": entry["entity"], "entity_id": entry["entity_id"], "action": entry["action"],
            "before": _as_json(entry.get("before")), "after": _as_json(entry.get("after")),
            "reason": entry.get("reason", ""),
        }
        digest = _digest(prev, row)
        values.append([row[c] for c in _COLUMNS] + [prev, digest])
        prev = digest
    db.executemany(
        f"INSERT INTO audit ({', '.join(_COLUMNS)}, prev_hash, hash) "
        f"VALUES ({', '.join('?' * len(_COLUMNS))}, ?, ?)", values)


@dataclass(frozen=True)
class ChainBreak:
    audit_id: int
    problem: str


def verify_chain(db: "Database") -> ChainBreak | None:
    """The first row whose hash or link does not match, or None when the chain is whole."""
    prev = GENESIS
    cursor = db.execute(f"SELECT id, {', '.join(_COLUMNS)}, prev_hash, hash FROM audit ORDER BY id")
    names = [d[0] for d in cursor.description]
    for values in cursor:
        row = dict(zip(names, values))
        if row["prev_hash"] != prev:
            return ChainBreak(row["id"], "does not follow the row before it (a row was removed or inserted)")
        if _digest(prev, row) != row["hash"]:
            return ChainBreak(row["id"], "was changed after it was written")
        prev = row["hash"]
    return None


def history(db: "Database", entity: str, entity_id: int) -> list[dict[str, Any]]:
    return db.query(
        "SELECT at, actor, action, before, after, reason FROM audit WHERE entity = ? AND entity_id = ? ORDER BY id",
        (entity, entity_id),
    )


# entity name in the audit trail -> table holding its current state
AUDITED_TABLES = {"home": "homes", "child": "children", "staff": "staff", "measure": "measures",
                  "account": "accounts", "visitor": "visitors", "reg44_visit": "reg44_visits",
                  "reg44_recommendation": "reg44_recommendations", "inspection": "inspections",
                  "inspection_action": "inspection_actions", "ofsted_contact": "ofsted_contacts", "shift": "shifts"}


def verify_records(db: "Database") -> list[str]:
    """Records whose current row differs from what the audit trail says was last written (an outside edit)."""
    problems = []
    latest = {}
    for row in db.execute("SELECT entity, entity_id, after FROM audit WHERE after IS NOT NULL "
                          "AND action != 'addendum' ORDER BY id"):
        latest[(row[0], row[1])] = json.loads(row[2])
    # the lists kept in child tables, as the snapshots hold them
    lists = {"measure": ("used_by", "SELECT measure_id, staff_id FROM measure_users ORDER BY staff_id"),
             "account": ("home_ids", "SELECT account_id, home_id FROM account_homes ORDER BY home_id")}
    children: dict[str, dict[int, list[int]]] = {}
    for entity, (_, sql) in lists.items():
        for owner, value in db.execute(sql):
            children.setdefault(entity, {}).setdefault(owner, []).append(value)
    for entity, table in AUDITED_TABLES.items():
        cursor = db.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        seen = set()
        for values in cursor:
            row = dict(zip(names, values))
            record_id = row.pop("id")
            seen.add(record_id)
            if entity in lists:
                row[lists[entity][0]] = children.get(entity, {}).get(record_id, [])
            expected = latest.get((entity, record_id))
            if expected is None:
                problems.append(f"{entity} {record_id} has no audit row: it was added outside the program")
            else:
                # a column added by a later migration is not in older snapshots: compare what was audited
                changed = sorted(k for k in expected if k not in row or expected[k] != row[k])
                if changed:
                    problems.append(f"{entity} {record_id} differs from its last audited state "
                                    f"({', '.join(changed)})")
        for (kind, record_id) in latest:
            if kind == entity and record_id not in seen:
                problems.append(f"{entity} {record_id} was removed outside the program")
    return problems + _verify_settings(db)


def _verify_settings(db: "Database") -> list[str]:
    """Settings decide findings (a home's reg 44 report target): each must be as its last audited change left it."""
    audited: dict[tuple[int | None, str], Any] = {}
    for home_id, after in db.execute("SELECT home_id, after FROM audit WHERE entity = 'setting' ORDER BY id"):
        change = json.loads(after)
        audited[(home_id, change["key"])] = change["value"]
    stored = {(home_id, key): json.loads(value)
              for home_id, key, value in db.execute("SELECT home_id, key, value FROM settings")}
    problems = []
    for (home_id, key), value in sorted(stored.items(), key=lambda item: (item[0][0] or 0, item[0][1])):
        where = f"setting {key}" + (f" of home {home_id}" if home_id is not None else "")
        if (home_id, key) not in audited:
            problems.append(f"{where} has no audit row: it was added outside the program")
        elif audited[(home_id, key)] != value:
            problems.append(f"{where} differs from its last audited state")
    for (home_id, key) in audited:
        if (home_id, key) not in stored:
            problems.append(f"setting {key}" + (f" of home {home_id}" if home_id is not None else "")
                            + " was removed outside the program")
    return problems
