"""The audit trail: who, when, what, before and after, why; each row chained to the one before by hash."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

from ..domain.local_time import to_utc_text

if TYPE_CHECKING:
    from .database import Database

GENESIS = "0" * 64
DELETE = "delete"  # the action of a record's removal: its last state is the row's `before`
BATCH = "batch"    # the key of a batch row's `after` (write_batch)
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


def write_batch(db: "Database", *, at: Any, actor: str, home_id: int | None, entity: str, action: str,
                columns: list[str], rows: list[list[Any]], reason: str = "") -> None:
    """One row for many new records of one kind (a rota of 100,000 shifts imported: SPEC 10): `after` holds every
    record's stored columns, the first of them "id". The row's entity_id is the LAST id, so that the highest id the
    trail has used is found by the index; verify and history read each record's state from the row as if it had a
    row of its own."""
    assert columns[0] == "id"
    write(db, at=at, actor=actor, home_id=home_id, entity=entity, entity_id=max(row[0] for row in rows),
          action=action, after={BATCH: {"columns": columns, "rows": rows}}, reason=reason)


def batch_states(after: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each record's id and state in a batch row's `after`."""
    columns = after[BATCH]["columns"][1:]
    for values in after[BATCH]["rows"]:
        yield values[0], dict(zip(columns, values[1:]))


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
    """A record's audit rows, oldest first; a batch that created it reads as a row with its state alone."""
    rows = db.query("SELECT id, at, actor, action, before, after, reason FROM audit "
                    "WHERE entity = ? AND entity_id = ? AND (after IS NULL OR after NOT LIKE ?) ORDER BY id",
                    (entity, entity_id, _BATCH_PREFIX))
    # the nearest batch ending at or after the id holds it, if any does (the ids of a batch are used by no other)
    batch = db.query_one("SELECT id, at, actor, action, before, after, reason FROM audit WHERE entity = ? "
                         "AND entity_id >= ? AND after LIKE ? ORDER BY entity_id LIMIT 1",
                         (entity, entity_id, _BATCH_PREFIX))
    if batch is not None:
        state = dict(batch_states(json.loads(batch["after"]))).get(entity_id)
        if state is not None:
            rows.append({**batch, "after": _as_json(state)})
    return [{k: v for k, v in row.items() if k != "id"} for row in sorted(rows, key=lambda r: r["id"])]


_BATCH_PREFIX = '{"' + BATCH + '":%'


# entity name in the audit trail -> table holding its current state
AUDITED_TABLES = {"home": "homes", "child": "children", "staff": "staff", "measure": "measures",
                  "account": "accounts", "visitor": "visitors", "reg44_visit": "reg44_visits",
                  "reg44_recommendation": "reg44_recommendations", "inspection": "inspections",
                  "inspection_action": "inspection_actions", "ofsted_contact": "ofsted_contacts", "shift": "shifts",
                  "purpose_version": "purpose_versions", "referral": "referrals"}


def verify_records(db: "Database") -> list[str]:
    """Records whose current row differs from what the audit trail says was last written (an outside edit)."""
    latest = _last_audited_states(db)
    children = _child_lists(db)
    problems = []
    for entity, table in AUDITED_TABLES.items():
        cursor = db.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        seen = set()
        for values in cursor:
            row = dict(zip(names, values))
            record_id = row.pop("id")
            seen.add(record_id)
            if entity in _CHILD_LISTS:
                row[_CHILD_LISTS[entity][0]] = children.get(entity, {}).get(record_id, [])
            problems += _compared(entity, record_id, row, latest.get((entity, record_id)))
        problems += [f"{entity} {record_id} was removed outside the program"
                     for (kind, record_id) in latest if kind == entity and record_id not in seen]
    return problems + _verify_settings(db)


def _last_audited_states(db: "Database") -> dict[tuple[str, int], dict[str, Any]]:
    """Each record's state as its last audit row (or batch) left it; a removed record has none."""
    latest: dict[tuple[str, int], dict[str, Any]] = {}
    for entity, entity_id, action, after in db.execute(
            "SELECT entity, entity_id, action, after FROM audit WHERE action != 'addendum' "
            "AND (after IS NOT NULL OR action = ?) ORDER BY id", (DELETE,)):
        if action == DELETE:
            latest.pop((entity, entity_id), None)
            continue
        state = json.loads(after)
        if BATCH in state:
            latest.update(((entity, record_id), record) for record_id, record in batch_states(state))
        else:
            latest[(entity, entity_id)] = state
    return latest


# the lists kept in child tables, as the snapshots hold them
_CHILD_LISTS = {"measure": ("used_by", "SELECT measure_id, staff_id FROM measure_users ORDER BY staff_id"),
                "account": ("home_ids", "SELECT account_id, home_id FROM account_homes ORDER BY home_id")}


def _child_lists(db: "Database") -> dict[str, dict[int, list[int]]]:
    children: dict[str, dict[int, list[int]]] = {}
    for entity, (_, sql) in _CHILD_LISTS.items():
        for owner, value in db.execute(sql):
            children.setdefault(entity, {}).setdefault(owner, []).append(value)
    return children


def _compared(entity: str, record_id: int, row: dict[str, Any], expected: dict[str, Any] | None) -> list[str]:
    if expected is None:
        return [f"{entity} {record_id} has no audit row: it was added outside the program"]
    # a column added by a later migration is not in older snapshots: compare what was audited
    changed = sorted(k for k in expected if k not in row or expected[k] != row[k])
    return [f"{entity} {record_id} differs from its last audited state ({', '.join(changed)})"] if changed else []


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
