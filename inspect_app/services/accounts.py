"""Accounts (SPEC 8): adding people, their passwords, their homes, and taking access away.

The key file changes with the accounts table, inside the same transaction: if writing the key file
fails, the account change is rolled back, so no account is ever left without its slot.
"""

from __future__ import annotations

from dataclasses import replace

from ..domain.errors import Problem, UserFacingError, ValidationFailed
from ..domain.roles import (Account, NotPermitted, Permission, Role, normalise_username, password_problems,
                            username_problems)
from ..storage.driver import dbapi
from ..storage.encryption import change_key
from ..storage.keyslots import new_database_key
from .workspace import Workspace

MANAGING_ROLES = frozenset({Role.MANAGER, Role.RESPONSIBLE_INDIVIDUAL})


def _check_may_manage(ws: Workspace, role: Role, home_ids: frozenset[int]) -> None:
    """An account of this role, working in these homes, is one the signed-in person may manage."""
    ws.require(Permission.MANAGE_ACCOUNTS)
    if not ws.account.may_appoint(role):
        raise NotPermitted(f"a {ws.account.role.label.lower()} account cannot give an account the role "
                           f"{role.label.lower()}")
    outside = home_ids - ws.account.home_ids
    if outside:
        raise NotPermitted("you can only manage accounts in homes that you work in yourself")


def visible_accounts(ws: Workspace) -> list[Account]:
    """The accounts this person may manage: roles they may appoint, in homes they work in."""
    if not ws.account.may(Permission.MANAGE_ACCOUNTS):
        return []
    return [a for a in ws.accounts.all()
            if ws.account.may_appoint(a.role) and a.home_ids <= ws.account.home_ids]


def account_problems(ws: Workspace, account: Account, password: str | None) -> list[Problem]:
    problems = [Problem("username", m) for m in username_problems(account.username)]
    if not account.full_name.strip():
        problems.append(Problem("full_name", "enter the person's full name"))
    if account.id is None and ws.accounts.by_username(normalise_username(account.username)):
        problems.append(Problem("username", "there is already an account with this user name"))
    if password is not None:
        problems += [Problem("password", m) for m in password_problems(password, username=account.username)]
    if account.role is not Role.PROVIDER_VIEWER and not account.home_ids:
        problems.append(Problem("homes", "choose the home this person works in"))
    if account.staff_id is not None:
        staff = ws.staff.get(account.staff_id)
        if staff.home_id not in account.home_ids:
            problems.append(Problem("staff", "the staff register entry must be in one of the account's homes"))
    return problems


def add_account(ws: Workspace, account: Account, password: str) -> Account:
    """A new person who can sign in with `password` (they should change it at their first sign-in)."""
    account = replace(account, username=normalise_username(account.username), full_name=account.full_name.strip(),
                      id=None, active=True)
    _check_may_manage(ws, account.role, account.home_ids)
    problems = account_problems(ws, account, password)
    if problems:
        raise ValidationFailed(problems)
    with ws.db.transaction():
        saved = ws.accounts.insert(account, actor=ws.actor, at=ws.now())
        ws.slots.set_slot(saved.username, password, ws.db.key)
        _save_slots(ws, undo=lambda: _restore_slot(ws, saved.username, None))
    return saved


def update_account(ws: Workspace, account: Account, reason: str = "") -> Account:
    """A change of name, role, homes or staff entry (not of user name or password)."""
    before = ws.accounts.get(account.id)
    _check_may_manage(ws, before.role, before.home_ids)
    _check_may_manage(ws, account.role, account.home_ids)
    account = replace(account, username=before.username, active=before.active, full_name=account.full_name.strip())
    problems = account_problems(ws, account, None)
    if account.id == ws.account.id and account.role != before.role:
        problems.append(Problem("role", "you cannot change your own role; ask another manager"))
    if problems:
        raise ValidationFailed(problems)
    saved = ws.accounts.update(account, actor=ws.actor, at=ws.now(), reason=reason)
    if saved.id == ws.account.id:
        ws.refresh_account()
    return saved


def change_own_password(ws: Workspace, current: str, new: str) -> None:
    """The signed-in person's new password: their slot is rewrapped; nobody else's changes."""
    problems = [Problem("new_password", m) for m in password_problems(new, username=ws.actor)]
    if current == new:
        problems.append(Problem("new_password", "the new password must differ from the current one"))
    try:
        ws.slots.unlock(ws.actor, current)
    except UserFacingError:
        problems.insert(0, Problem("current_password", "this is not your current password"))
    if problems:
        raise ValidationFailed(problems)
    _rewrap(ws, ws.account, new, action="password_changed")


def reset_password(ws: Workspace, username: str, new: str) -> None:
    """A manager sets a new password for someone who forgot theirs."""
    target = _existing(ws, username)
    _check_may_manage(ws, target.role, target.home_ids)
    if not target.active:
        raise UserFacingError(f"{target.username}'s account is deactivated; it cannot be given a password")
    problems = [Problem("password", m) for m in password_problems(new, username=target.username)]
    if problems:
        raise ValidationFailed(problems)
    _rewrap(ws, target, new, action="password_reset")


def deactivate(ws: Workspace, username: str, reason: str) -> Account:
    """Take someone's access away: their key slot goes; the account stays, so the audit trail keeps its name."""
    target = _existing(ws, username)
    _check_may_manage(ws, target.role, target.home_ids)
    if target.id == ws.account.id:
        raise UserFacingError("you cannot deactivate your own account; ask another manager")
    if not reason.strip():
        raise ValidationFailed([Problem("reason", "say why the account is deactivated (for example: left on 30/11)")])
    if not target.active:
        return target
    if target.role in MANAGING_ROLES and not _other_managers(ws, target):
        raise UserFacingError("this is the last manager or responsible individual: add another before deactivating it")
    saved_slot = ws.slots.slots.get(target.username)
    with ws.db.transaction():
        done = ws.accounts.update(replace(target, active=False), actor=ws.actor, at=ws.now(),
                                  reason=reason.strip(), action="deactivate")
        ws.slots.remove_slot(target.username)
        _save_slots(ws, undo=lambda: _restore_slot(ws, target.username, saved_slot))
    # a copy of the old key file must not open the database any more: change the key itself
    try:
        change_key(ws.db, ws.slots, new_database_key())
    except (OSError, dbapi.Error) as exc:
        raise UserFacingError(f"{target.username} can no longer sign in, but changing the database's key did not "
                              "finish; it finishes at the next sign-in") from exc
    return done


def _other_managers(ws: Workspace, target: Account) -> list[Account]:
    return [a for a in ws.accounts.all() if a.active and a.id != target.id and a.role in MANAGING_ROLES]


def _existing(ws: Workspace, username: str) -> Account:
    found = ws.accounts.by_username(normalise_username(username))
    if found is None:
        raise UserFacingError(f"there is no account called {normalise_username(username)}")
    return found


def _rewrap(ws: Workspace, account: Account, password: str, *, action: str) -> None:
    old = ws.slots.slots.get(account.username)
    with ws.db.transaction():
        ws.accounts.note(account, actor=ws.actor, at=ws.now(), action=action)
        ws.slots.set_slot(account.username, password, ws.db.key)
        _save_slots(ws, undo=lambda: _restore_slot(ws, account.username, old))


def _restore_slot(ws: Workspace, username: str, slot: dict | None) -> None:
    if slot is None:
        ws.slots.remove_slot(username)
    else:
        ws.slots.slots[username] = slot


def _save_slots(ws: Workspace, undo) -> None:
    """Write the key file inside the caller's transaction: if it cannot be written, the change is rolled back."""
    try:
        ws.slots.save()
    except OSError as exc:
        undo()
        raise UserFacingError(f"the key file could not be written ({exc.strerror or exc}); nothing was changed") from exc
