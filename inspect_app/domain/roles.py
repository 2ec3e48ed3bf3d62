"""Who may do what (SPEC 8): the account roles, the permissions, and the one table joining them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from .errors import UserFacingError
from .vocabulary import Vocabulary


class Role(Vocabulary):
    CARE_STAFF = "care_staff"
    SENIOR = "senior"
    MANAGER = "manager"
    RESPONSIBLE_INDIVIDUAL = "responsible_individual"
    PROVIDER_VIEWER = "provider_viewer"


class Permission(Enum):
    READ_ALL_RECORDS = "read every record of the home"
    READ_OWN_MEASURES = "read the measures they wrote or took part in"
    WRITE_MEASURES = "write records of measures"
    SIGN_OFF = "sign off records of measures"          # reg 35(3)(b): the registered person or someone authorised
    EDIT_REGISTERS = "change the home, its children and staff"
    RECORD_OVERSIGHT = "record independent visits, inspections and contacts with Ofsted"
    KEEP_ROTA = "keep the rota and the hours worked"
    IMPORT = "import records from a file"
    EXPORT_RECORDS = "export records to a file"
    EXPORT_PACK = "make the evidence pack"
    SEE_FIGURES = "see the compliance and Annex A figures"
    MANAGE_ACCOUNTS = "add, change or deactivate accounts"
    MANAGE_DATABASE = "back up, restore and change the database settings"


_P = Permission
_WRITERS = {_P.READ_OWN_MEASURES, _P.WRITE_MEASURES}
_SENIOR = _WRITERS | {_P.READ_ALL_RECORDS, _P.SIGN_OFF, _P.SEE_FIGURES, _P.KEEP_ROTA}
_MANAGER = _SENIOR | {_P.EDIT_REGISTERS, _P.RECORD_OVERSIGHT, _P.IMPORT, _P.EXPORT_RECORDS, _P.EXPORT_PACK,
                      _P.MANAGE_ACCOUNTS, _P.MANAGE_DATABASE}

# SPEC 8. Managers may make the pack too: the registered manager is a registered person, and is the one
# in the building when an unannounced inspection starts (SPEC 8 names only the responsible individual).
GRANTS: dict[Role, frozenset[Permission]] = {
    Role.CARE_STAFF: frozenset(_WRITERS),
    Role.SENIOR: frozenset(_SENIOR),
    Role.MANAGER: frozenset(_MANAGER),
    Role.RESPONSIBLE_INDIVIDUAL: frozenset(_MANAGER),
    Role.PROVIDER_VIEWER: frozenset({_P.READ_ALL_RECORDS, _P.SEE_FIGURES}),
}

# who may give an account which role: nobody makes an account more powerful than their own
MAY_APPOINT: dict[Role, frozenset[Role]] = {
    Role.MANAGER: frozenset({Role.CARE_STAFF, Role.SENIOR, Role.MANAGER}),
    Role.RESPONSIBLE_INDIVIDUAL: frozenset(Role),
}


class NotPermitted(UserFacingError):
    """The signed-in account's role does not allow this; nothing was changed."""


@dataclass(frozen=True)
class Account:
    """A person who signs in: their role, the homes they work in, and their entry in a staff register."""

    username: str
    full_name: str
    role: Role
    id: int | None = None
    home_ids: frozenset[int] = field(default_factory=frozenset)
    staff_id: int | None = None
    active: bool = True

    def may(self, permission: Permission) -> bool:
        return self.active and permission in GRANTS[self.role]

    def require(self, permission: Permission, home_id: int | None = None) -> None:
        """Raise NotPermitted unless this account may do `permission` (in `home_id`, when one is named)."""
        if not self.may(permission):
            raise NotPermitted(f"a {self.role.label.lower()} account cannot {permission.value}. "
                               "Ask a manager if this needs doing.")
        if home_id is not None and home_id not in self.home_ids:
            raise NotPermitted("this account has no access to that home. Ask a manager to give you access.")

    def may_appoint(self, role: Role) -> bool:
        return self.may(Permission.MANAGE_ACCOUNTS) and role in MAY_APPOINT.get(self.role, frozenset())


def normalise_username(text: str) -> str:
    """User names are matched without regard to case or surrounding spaces."""
    return " ".join(text.split()).lower()


def username_problems(text: str) -> list[str]:
    name = normalise_username(text)
    if not name:
        return ["enter a user name"]
    if len(name) > 64:
        return ["a user name has at most 64 characters"]
    return []


MIN_PASSWORD_LENGTH = 10


def password_problems(password: str, *, username: str = "") -> list[str]:
    """NCSC advice: length over composition rules; refuse only what is plainly guessable."""
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(f"a password needs at least {MIN_PASSWORD_LENGTH} characters (three random words work well)")
    elif username and normalise_username(username) in password.lower():
        problems.append("the password must not contain the user name")
    return problems
