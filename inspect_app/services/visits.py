"""Keeping the independent person's records (regs 43 and 44): visitors, visits, recommendations and the home's report
target, each checked, permitted and audited."""

from __future__ import annotations

from dataclasses import replace

from ..domain.errors import ValidationFailed
from ..domain.records import Home
from ..domain.roles import Permission
from ..domain.visits import (Recommendation, ReportTarget, Visit, Visitor, recommendation_gaps, target_problems,
                             validate_recommendation, validate_visit, validate_visitor)
from . import settings
from .saving import ref_taken, store
from .workspace import Workspace

REPORT_TARGET_KEY = "reg44_report_target"


def save_visitor(ws: Workspace, visitor: Visitor, reason: str = "") -> Visitor:
    ws.require(Permission.RECORD_OVERSIGHT, visitor.home_id)
    visitor = replace(visitor, ref=visitor.ref.strip(), name=visitor.name.strip(),
                      organisation=visitor.organisation.strip())
    problems = validate_visitor(visitor) + ref_taken(ws.visitors, visitor, "visitor_ref")
    return store(ws, ws.visitors, visitor, problems, reason)


def save_visit(ws: Workspace, visit: Visit, reason: str = "") -> Visit:
    ws.require(Permission.RECORD_OVERSIGHT, visit.home_id)
    visit = replace(visit, ref=visit.ref.strip())
    visitor = ws.visitors.in_home(visit.visitor_id, visit.home_id)
    problems = validate_visit(visit, visitor) + ref_taken(ws.visits, visit, "visit_ref")
    return store(ws, ws.visits, visit, problems, reason)


def save_recommendation(ws: Workspace, rec: Recommendation, reason: str = "") -> Recommendation:
    ws.require(Permission.RECORD_OVERSIGHT, rec.home_id)
    rec = replace(rec, ref=rec.ref.strip(), owner=rec.owner.strip())
    visit = ws.visits.in_home(rec.visit_id, rec.home_id)
    problems = validate_recommendation(rec, visit) + recommendation_gaps(rec) + ref_taken(ws.recommendations, rec,
                                                                                       "rec_ref")
    return store(ws, ws.recommendations, rec, problems, reason)


def report_target(ws: Workspace, home: Home) -> ReportTarget:
    """The home's target for sending each visit's report to Ofsted (a setting: SPEC 2.4)."""
    return ReportTarget.from_json(settings.of_home(ws, home, REPORT_TARGET_KEY))


def set_report_target(ws: Workspace, home: Home, target: ReportTarget) -> ReportTarget:
    ws.require(Permission.RECORD_OVERSIGHT, home.id)
    problems = target_problems(target)
    if problems:
        raise ValidationFailed(problems)
    settings.put_for_home(ws, home, REPORT_TARGET_KEY, target.to_json(), "reg 44 report target")
    return target
