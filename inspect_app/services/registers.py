"""Creating homes and keeping the registers of children and staff, with validation and audit."""

from __future__ import annotations

from dataclasses import replace

from ..domain.errors import Problem, ValidationFailed
from ..domain.records import Child, Home, Staff
from ..domain.roles import Permission
from ..domain.validation import validate_child, validate_home, validate_staff
from .saving import ref_taken, store
from .workspace import Workspace


def create_home(ws: Workspace, home: Home) -> Home:
    """A new home; the account that creates it works in it from then on."""
    ws.require(Permission.EDIT_REGISTERS)
    home = replace(home, urn=home.urn.strip().upper(), name=home.name.strip())
    problems = validate_home(home)
    if ws.homes.by_urn(home.urn) is not None:
        problems.append(Problem("urn", f"a home with URN {home.urn} is already in this database"))
    if problems:
        raise ValidationFailed(problems)
    with ws.db.transaction():
        saved = ws.homes.insert(home, actor=ws.actor, at=ws.now())
        ws.accounts.update(replace(ws.account, home_ids=ws.account.home_ids | {saved.id}), actor=ws.actor,
                           at=ws.now(), reason=f"created home {saved.urn}", action="grant_home")
    ws.refresh_account()
    return saved


def update_home(ws: Workspace, home: Home, reason: str = "") -> Home:
    ws.require(Permission.EDIT_REGISTERS, home.id)
    home = replace(home, urn=home.urn.strip().upper(), name=home.name.strip())
    problems = validate_home(home)
    other = ws.homes.by_urn(home.urn)
    if other is not None and other.id != home.id:
        problems.append(Problem("urn", f"a home with URN {home.urn} is already in this database"))
    if problems:
        raise ValidationFailed(problems)
    return ws.homes.update(home, actor=ws.actor, at=ws.now(), reason=reason)


def save_child(ws: Workspace, child: Child, reason: str = "") -> Child:
    ws.require(Permission.EDIT_REGISTERS, child.home_id)
    child = replace(child, ref=child.ref.strip(), first_name=child.first_name.strip(),
                    last_name=child.last_name.strip())
    problems = validate_child(child) + ref_taken(ws.children, child, "child_ref") + _placement_dates(ws, child)
    return store(ws, ws.children, child, problems, reason)


def _placement_dates(ws: Workspace, child: Child) -> list[Problem]:
    """A child admitted from a referral has their admission and leaving dates kept on the referral (one record of
    each: services.placements.save_referral writes them here too); the register does not change them on its own."""
    referral = ws.referrals.of_child(child.id) if child.id is not None else None
    if referral is None:
        return []
    where = (f"it is recorded on referral {referral.ref}: change it there (Referrals and placements), and the "
             "register follows")
    problems = []
    if child.admitted_on != referral.admitted_on:
        problems.append(Problem("admitted_on", f"{child.ref} was admitted from a referral: {where}"))
    if child.left_on != referral.ended_on:
        problems.append(Problem("left_on", f"{child.ref}'s placement came from a referral: {where}"))
    return problems


def save_staff(ws: Workspace, staff: Staff, reason: str = "") -> Staff:
    ws.require(Permission.EDIT_REGISTERS, staff.home_id)
    staff = replace(staff, ref=staff.ref.strip(), full_name=staff.full_name.strip())
    problems = validate_staff(staff) + ref_taken(ws.staff, staff, "staff_ref")
    return store(ws, ws.staff, staff, problems, reason)


def next_ref(existing: list[str], prefix: str, width: int = 2) -> str:
    """The next free reference in a series such as C-01, C-02 or S-001."""
    numbers = [int(r[len(prefix):]) for r in existing if r.startswith(prefix) and r[len(prefix):].isdigit()]
    return f"{prefix}{(max(numbers) if numbers else 0) + 1:0{width}d}"
