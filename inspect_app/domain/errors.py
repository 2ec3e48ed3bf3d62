"""The one exception type whose message a care worker can read and act on."""

from __future__ import annotations

from dataclasses import dataclass


class UserFacingError(Exception):
    """An expected failure; its message is shown to the user as it is."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with some input: which field, and what to do about it."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class ValidationFailed(UserFacingError):
    """Raised by a service when a record has problems; carries them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))
