"""What every use-case that saves a record of a home shares: its reference is unique there, and the record is
inserted or updated with the signed-in account's audit row, or refused with every problem found."""

from __future__ import annotations

from typing import TypeVar

from ..domain.errors import Problem, ValidationFailed
from ..domain.roles import NotPermitted
from ..storage.repository import Repository
from .workspace import Workspace

R = TypeVar("R")


def ref_taken(repo: Repository, record, field_name: str) -> list[Problem]:
    other = repo.by_ref(record.home_id, record.ref)
    if other is not None and other.id != record.id:
        return [Problem(field_name, f"{record.ref} is already used by another record")]
    return []


def store(ws: Workspace, repo: Repository[R], record: R, problems: list[Problem], reason: str = "") -> R:
    """Refuses with every problem, or writes the record (new or changed) and its audit row together."""
    if record.id is not None and repo.in_home(record.id, record.home_id) is None:
        # the permission was checked against the record's home: a stored record of another home is not changed
        raise NotPermitted("that record belongs to another home, or no longer exists; nothing was changed")
    if problems:
        raise ValidationFailed(problems)
    if record.id is None:
        return repo.insert(record, actor=ws.actor, at=ws.now(), reason=reason)
    return repo.update(record, actor=ws.actor, at=ws.now(), reason=reason)
