"""The reg 35 workflow: record within 24 hours, sign off within 48, speak to the child within 5 days."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from ..domain.errors import Problem, UserFacingError, ValidationFailed
from ..domain.local_time import to_local
from ..domain.records import Addendum, Child, Measure
from ..domain.roles import NotPermitted, Permission, Role
from ..domain.validation import completeness_problems, validate_measure
from .workspace import Workspace


def may_see(ws: Workspace, m: Measure) -> bool:
    """SPEC 8: care staff read the records they wrote or took part in; other roles read all their homes'."""
    if m.home_id not in ws.account.home_ids:
        return False
    if ws.account.may(Permission.READ_ALL_RECORDS):
        return True
    mine = ws.account.staff_id
    return ws.account.may(Permission.READ_OWN_MEASURES) and mine is not None and (
        m.recorded_by == mine or mine in m.used_by)


def require_reader(ws: Workspace, home_id: int) -> None:
    """Any role that reads measures at all, in a home it works in."""
    permission = Permission.READ_OWN_MEASURES
    if ws.account.may(Permission.READ_ALL_RECORDS):
        permission = Permission.READ_ALL_RECORDS
    ws.require(permission, home_id)


def get_measure(ws: Workspace, measure_id: int) -> Measure:
    """A record this account may read; NotPermitted otherwise."""
    m = ws.measures.get(measure_id)
    if not may_see(ws, m):
        raise NotPermitted("this account cannot open that record: care staff see the records they wrote or "
                           "took part in")
    return m


def _references(m: Measure, staff_ids: set[int]) -> list[Problem]:
    problems: list[Problem] = []
    if any(staff_id not in staff_ids for staff_id in m.used_by):
        problems.append(Problem("used_by", "a member of staff named is not on this home's register"))
    for name in ("recorded_by", "signed_by", "child_spoken_to_by"):
        value = getattr(m, name)
        if value is not None and value not in staff_ids:
            problems.append(Problem(name, "this person is not on this home's staff register"))
    return problems


def measure_problems(m: Measure, child: Child | None, staff_ids: set[int], *, complete: bool) -> list[Problem]:
    """Every problem with a measure given its child and the home's staff; `complete` also asks for every
    reg 35(3)(a) detail (the form insists on them; an import of past records does not)."""
    if child is None or child.home_id != m.home_id:
        return [Problem("child_ref", "choose a child from the register")]
    problems = validate_measure(m, child) + _references(m, staff_ids)
    if complete:
        problems += completeness_problems(m)
    return problems


def check_measure(ws: Workspace, m: Measure, *, complete: bool) -> list[Problem]:
    """measure_problems, reading the child and staff from the database, plus a unique reference."""
    try:
        child = ws.children.get(m.child_id)
    except UserFacingError:
        child = None
    staff_ids = {s.id for s in ws.staff.for_home(m.home_id)}
    problems = measure_problems(m, child, staff_ids, complete=complete)
    other = ws.measures.by_ref(m.home_id, m.ref)
    if other is not None and other.id != m.id:
        problems.append(Problem("incident_ref", f"{m.ref} is already used by another record"))
    return problems


def _each_once(staff_ids) -> tuple[int, ...]:
    """The staff who used a measure, each named once, in the order the register keeps them (as stored)."""
    return tuple(sorted(set(staff_ids)))


def record_measure(ws: Workspace, m: Measure) -> Measure:
    """A new record typed in the program: the time it is first saved is captured, not typed (reg 35(3)(a))."""
    ws.require(Permission.WRITE_MEASURES, m.home_id)
    now = ws.now()
    if m.recorded_by is None:
        m = replace(m, recorded_by=ws.account.staff_id)   # the person signed in wrote it
    if not m.ref:
        m = replace(m, ref=ws.measures.next_ref(m.home_id))
    m = replace(m, recorded_at=now, signed_at=None, signed_by=None, signer_authorised=None, user_spoken_to_at=None,
                child_spoken_to_at=None, child_spoken_to_by=None, used_by=_each_once(m.used_by))
    if m.started_at > now:
        raise ValidationFailed([Problem("started_at", "the measure cannot start in the future")])
    problems = check_measure(ws, m, complete=True)
    if problems:
        raise ValidationFailed(problems)
    return ws.measures.insert(m, actor=ws.actor, at=now)


def amend_measure(ws: Workspace, m: Measure, reason: str = "") -> Measure:
    """Correct a record that is not yet signed off; the first-save time never changes."""
    ws.require(Permission.WRITE_MEASURES, m.home_id)
    current = get_measure(ws, m.id)
    if current.home_id != m.home_id:
        raise UserFacingError("a record cannot move to another home")
    if current.locked:
        raise UserFacingError(f"{current.ref} is signed off: add an addendum with the reason instead")
    m = replace(m, used_by=_each_once(m.used_by), recorded_at=current.recorded_at, signed_at=None, signed_by=None,
                signer_authorised=None, user_spoken_to_at=None, child_spoken_to_at=current.child_spoken_to_at,
                child_spoken_to_by=current.child_spoken_to_by, child_views=current.child_views)
    if m.started_at > ws.now():
        raise ValidationFailed([Problem("started_at", "the measure cannot start in the future")])
    problems = check_measure(ws, m, complete=True)
    if problems:
        raise ValidationFailed(problems)
    return ws.measures.update(m, actor=ws.actor, at=ws.now(), reason=reason)


def sign_off(ws: Workspace, measure_id: int, signer_id: int, user_spoken_to_at: datetime) -> Measure:
    """reg 35(3)(b): an authorised person has spoken to the staff and signs the record as accurate.

    A senior signs as themself; a manager may also type up a sign-off made on paper by someone else
    (the audit trail names who typed it).
    """
    m = get_measure(ws, measure_id)
    ws.require(Permission.SIGN_OFF, m.home_id)
    if ws.account.role is Role.SENIOR and signer_id != ws.account.staff_id:
        raise NotPermitted("a senior can sign off records only as themself: link your account to your entry "
                           "on the staff register, or ask a manager")
    now = ws.now()
    if m.locked:
        raise UserFacingError(f"{m.ref} was already signed off")
    signer = ws.staff.get(signer_id)
    problems = []
    if signer.home_id != m.home_id or not signer.authorised_signoff:
        problems.append(Problem("signed_by", f"{signer.full_name} is not authorised to sign off records "
                                             "(reg 35(3)(b)); the registered manager can authorise them "
                                             "on the staff register"))
    if signer.left_on is not None and signer.left_on < to_local(now).date():
        problems.append(Problem("signed_by", f"{signer.full_name} has left the home"))
    if not m.started_at <= user_spoken_to_at <= now:
        problems.append(Problem("user_spoken_to_at", "the conversation with staff must be after the measure "
                                                     "started and not in the future"))
    if completeness_problems(m):
        problems.append(Problem("record", "the record is not complete: finish it before signing it off"))
    if problems:
        raise ValidationFailed(problems)
    signed = replace(m, signed_at=now, signed_by=signer_id, signer_authorised=True,
                     user_spoken_to_at=user_spoken_to_at)
    return ws.measures.update(signed, actor=ws.actor, at=now, action="sign_off")


def record_child_debrief(ws: Workspace, measure_id: int, by_id: int, spoken_at: datetime, views: str) -> Measure:
    """reg 35(3)(c): the person who signed adds that they have spoken to the child, and the child's views."""
    m = get_measure(ws, measure_id)
    ws.require(Permission.SIGN_OFF, m.home_id)
    now = ws.now()
    problems = []
    if not m.locked:
        problems.append(Problem("signed_at", "sign the record off first (reg 35(3)(b)), then add the "
                                             "conversation with the child"))
    if m.child_spoken_to_at is not None:
        problems.append(Problem("child_spoken_to_at", "the conversation with the child is already recorded; "
                                                      "add an addendum to change it"))
    if not m.started_at <= spoken_at <= now:
        problems.append(Problem("child_spoken_to_at", "the conversation must be after the measure started and "
                                                      "not in the future"))
    if not views.strip():
        problems.append(Problem("child_views", "write down what the child said, in their words if you can"))
    by = ws.staff.get(by_id)
    if by.home_id != m.home_id or not by.authorised_signoff:
        problems.append(Problem("child_spoken_to_by", f"{by.full_name} is not authorised for this home's "
                                                      "reg 35 records"))
    elif by.left_on is not None and by.left_on < to_local(now).date():
        problems.append(Problem("child_spoken_to_by", f"{by.full_name} has left the home"))
    if problems:
        raise ValidationFailed(problems)
    done = replace(m, child_spoken_to_at=spoken_at, child_spoken_to_by=by_id, child_views=views.strip())
    return ws.measures.update(done, actor=ws.actor, at=now, action="child_debrief")


def add_addendum(ws: Workspace, measure_id: int, text: str, reason: str) -> Addendum:
    m = get_measure(ws, measure_id)
    ws.require(Permission.WRITE_MEASURES, m.home_id)
    problems = []
    if not text.strip():
        problems.append(Problem("text", "write the correction or addition"))
    if not reason.strip():
        problems.append(Problem("reason", "say why the record needs it"))
    if problems:
        raise ValidationFailed(problems)
    return ws.addenda.add(Addendum(m.id, ws.now(), ws.actor, reason.strip(), text.strip()), home_id=m.home_id)
