"""The enumerated words' labels: each member gets its own class's label, never another class's of the same value."""

from __future__ import annotations

from inspect_app.domain.roles import Role
from inspect_app.domain.vocabulary import LABELS, Absence, LegalStatus, MeasureKind, StaffRole, Vocabulary


def _classes(base: type = Vocabulary) -> list[type]:
    found = []
    for cls in base.__subclasses__():
        found += [cls] + _classes(cls)
    return found


def test_other_is_labelled_for_its_own_class():
    # "other" is a value of several classes: a measure's label once showed on an absence, a role, a legal status
    assert MeasureKind.OTHER.label == "Other measure of control"
    assert Absence.OTHER.label == "Other"
    assert StaffRole.OTHER.label == "Other"
    assert LegalStatus.OTHER.label == "Other"


def test_every_member_has_a_label_meant_for_its_own_class():
    classes = _classes()
    assert Role in classes and len(classes) >= 19  # every vocabulary of the domain, and the account roles
    for cls in classes:
        for member in cls:
            own = LABELS.get((cls, member.value))
            words = member.value.replace("_", " ").capitalize()
            assert member.label == (own or words), (cls, member)
            # a label written for another class's member of the same value is never borrowed
            borrowed = {text for (other, value), text in LABELS.items() if other is not cls and value == member.value}
            assert member.label not in borrowed - {own, words}, (cls, member)
        labels = [m.label for m in cls]
        assert len(set(labels)) == len(labels), cls  # two members of a class never read the same


def test_every_label_names_a_member_of_its_class():
    for (cls, value), text in LABELS.items():
        assert cls(value).value == value and text.strip()
