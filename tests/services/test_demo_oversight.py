"""The demo's independent visits, inspections and dialogue with Ofsted: the same records for the same seed, the busy
home-year of SPEC 10, records the program accepts, and findings that are true without being everything."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from inspect_app.domain.inspections import (latest_full, validate_action, validate_contact, validate_inspection)
from inspect_app.domain.local_time import Period
from inspect_app.domain.reg44_compliance import report_late
from inspect_app.domain.visits import ReportTarget, validate_recommendation, validate_visit, validate_visitor
from inspect_app.domain.vocabulary import (ActionKind, ActionStatus, Decision, DialoguePhase, InspectionType,
                                           Judgement, Opinion, StaffRole)
from inspect_app.services import compliance, demo
from inspect_app.services.workspace import Workspace
from inspect_app.storage import audit

END = date(2026, 11, 22)  # the local date of the `clock` fixture
LAST_DAY = END - timedelta(days=1)
YEAR = Period(date(2025, 11, 22), LAST_DAY)
OUR_AREAS = ("visits", "inspections")


@pytest.fixture
def made(ws):
    (home,) = demo.generate(ws, homes=1, years=1, seed=7)
    return home


@pytest.fixture
def provider(ws):
    """Several homes over several years, ending on a day other than the clock's."""
    return demo.generate(ws, homes=3, years=2, seed=12, end=date(2026, 3, 1))


def _oversight(ws: Workspace, home_id: int) -> dict[str, list]:
    return {"visitors": ws.visitors.for_home(home_id), "visits": ws.visits.for_home(home_id),
            "recommendations": ws.recommendations.for_home(home_id), "inspections": ws.inspections.for_home(home_id),
            "actions": ws.inspection_actions.for_home(home_id), "contacts": ws.contacts.for_home(home_id)}


def _fingerprint(ws: Workspace, kinds: tuple[str, ...]) -> list:
    found = []
    for home in ws.homes.all():
        found.append((home.urn, home.name))
        found += [(c.ref, c.full_name, c.admitted_on) for c in ws.children.for_home(home.id)]
        found += [(s.ref, s.full_name, s.role) for s in ws.staff.for_home(home.id)]
        found += [(m.ref, m.started_at, m.child_id, m.signed_at) for m in ws.measures.for_home(home.id)]
        records = _oversight(ws, home.id)
        found += [record for kind in kinds for record in records[kind]]
    return found


def test_the_same_seed_gives_the_same_records_and_another_seed_does_not(tmp_path, clock, new_workspace):
    prints = []
    kinds = ("visitors", "visits", "recommendations", "inspections", "actions", "contacts")
    for name, seed in (("a.db", 3), ("b.db", 3), ("c.db", 4)):
        ws = new_workspace(tmp_path / name, clock)
        demo.generate(ws, homes=2, years=1, seed=seed)
        prints.append(_fingerprint(ws, kinds))
        ws.close()
    assert prints[0] == prints[1]
    assert prints[0] != prints[2]


def test_adding_these_areas_left_the_other_areas_data_as_it_was(tmp_path, clock, new_workspace, monkeypatch):
    """Each area draws from its own named random stream."""
    prints = []
    for name, areas in (("with.db", demo.AREAS), ("without.db", [a for a in demo.AREAS if a[0] not in OUR_AREAS])):
        monkeypatch.setattr(demo, "AREAS", areas)
        ws = new_workspace(tmp_path / name, clock)
        demo.generate(ws, homes=2, years=1, seed=5)
        prints.append(_fingerprint(ws, ()))
        assert bool(ws.visits.count(ws.homes.all()[0].id)) == (name == "with.db")
        ws.close()
    assert prints[0] == prints[1]


def test_the_busy_home_year_is_near_spec_10(ws, made):
    """SPEC 10: 12 visits with 40 recommendations and 2 inspections; the dialogue log 8 to 20 contacts a year."""
    records = _oversight(ws, made.id)
    visits = [v for v in records["visits"] if YEAR.contains_date(v.visited_on)]
    assert 11 <= len(visits) <= 14
    ids = {v.id for v in visits}
    assert 30 <= len([r for r in records["recommendations"] if r.visit_id in ids]) <= 52
    assert 1 <= len(records["inspections"]) <= 3
    assert any(i.type is InspectionType.FULL for i in records["inspections"])
    assert 8 <= len(records["contacts"]) <= 20
    assert len(records["visitors"]) == 2  # the busy home changed its independent person in the year
    assert sum(not v.announced for v in visits) > len(visits) / 2  # mostly unannounced (reg 44(2))


def test_visits_are_believable(ws, provider):
    visits = [v for home in provider for v in ws.visits.for_home(home.id)]
    assert all(1 <= v.staff_spoken_to <= 5 and 0 <= v.children_spoken_to <= 6 for v in visits)
    assert all(v.records_checked and v.safeguarded and v.wellbeing_promoted for v in visits)
    opinions = Counter(v.safeguarded for v in visits) + Counter(v.wellbeing_promoted for v in visits)
    assert opinions[Opinion.YES] > 0.85 * 2 * len(visits)
    assert sum(bool(v.conflict_of_interest) for v in visits) < 0.05 * len(visits)
    sent = [v for v in visits if v.report_sent_on is not None]
    assert len(sent) > 0.9 * len(visits)
    assert all(v.visited_on < v.report_received_on <= v.report_sent_on for v in sent)


def test_every_record_passes_the_programs_checks(ws, provider):
    for home in provider:
        r = _oversight(ws, home.id)
        visitors = {v.id: v for v in r["visitors"]}
        visits = {v.id: v for v in r["visits"]}
        inspections = {i.id: i for i in r["inspections"]}
        assert r["visits"] and r["recommendations"] and r["inspections"] and r["contacts"]
        for visitor in r["visitors"]:
            assert validate_visitor(visitor) == [], visitor.ref
        for visit in r["visits"]:
            assert validate_visit(visit, visitors[visit.visitor_id]) == [], visit.ref
        for rec in r["recommendations"]:
            assert validate_recommendation(rec, visits[rec.visit_id]) == [], rec.ref
        for inspection in r["inspections"]:
            assert validate_inspection(inspection) == [], inspection.ref
        for action in r["actions"]:
            assert validate_action(action, inspections[action.inspection_id]) == [], action.ref
        for contact in r["contacts"]:
            assert validate_contact(contact) == [], contact.ref


def _happened_on(records: dict[str, list]) -> list[date]:
    """Every date on which something was done (consider-by and due dates are plans, so may lie ahead)."""
    fields = {"visitors": ("appointed_on", "declared_independent_on", "ended_on"),
              "visits": ("visited_on", "report_received_on", "report_sent_on"),
              "recommendations": ("decided_on", "completed_on"), "inspections": ("started_on", "published_on"),
              "actions": ("completed_on",), "contacts": ("occurred_on", "follow_up_done_on")}
    return [getattr(r, name) for kind, names in fields.items() for r in records[kind] for name in names
            if getattr(r, name) is not None]


def test_nothing_happens_after_the_end_and_all_of_it_within_the_years_covered(ws, provider):
    end = date(2026, 3, 1)
    for home in provider:
        records = _oversight(ws, home.id)
        assert max(_happened_on(records)) < end
        dated = [r.visited_on for r in records["visits"]] + [i.started_on for i in records["inspections"]]
        dated += [c.occurred_on for c in records["contacts"]]
        assert min(dated) >= date(2024, 3, 1)
    recs = [r for home in provider for r in ws.recommendations.for_home(home.id)]
    assert any(r.consider_by >= end and r.pending for r in recs)  # recent ones not yet due


def test_the_checks_find_something_true_but_not_everything(ws, made, clock):
    result = compliance.compute(ws, made, YEAR, as_at=clock())
    found, records = result.reg44, _oversight(ws, made.id)
    visits = {v.ref: v for v in records["visits"]}
    visited = {f"{v.visited_on:%Y-%m}" for v in visits.values()}
    assert 1 <= len(found.months_without_visit) <= 2
    assert not visited & set(found.months_without_visit)
    assert 1 <= len(found.late_reports) <= 4
    assert all(report_late(visits[ref], ReportTarget(), LAST_DAY + timedelta(days=1)) for ref in found.late_reports)
    newest = max(records["visitors"], key=lambda v: v.appointed_on)
    assert found.undeclared_visitor_visits == [ref for ref, v in visits.items() if v.visitor_id == newest.id
                                               and v.visited_on < newest.declared_independent_on]
    assert 1 <= len(found.undeclared_visitor_visits) <= 2
    recs = {r.ref: r for r in records["recommendations"]}
    assert 1 <= len(found.recommendations_overdue) < 0.25 * len(recs)
    assert all(recs[ref].overdue_on(LAST_DAY + timedelta(days=1)) for ref in found.recommendations_overdue)
    assert result.adequate_home  # Narey rec 22: the busy home's latest full inspection requires improvement


def test_recommendations_are_mostly_accepted_and_done(ws, made):
    recs = ws.recommendations.for_home(made.id)
    decisions = Counter(r.decision for r in recs)
    assert decisions[Decision.ACCEPTED] > 0.7 * len(recs)
    assert decisions[Decision.DECLINED] >= 1 and decisions[Decision.PENDING] >= 1
    assert all(r.reason for r in recs if r.decision is Decision.DECLINED)
    assert sum(r.completed_on is not None for r in recs) > 0.5 * len(recs)
    visits = {v.id: v for v in ws.visits.for_home(made.id)}
    assert all(14 <= (r.consider_by - visits[r.visit_id].visited_on).days <= 42 for r in recs)
    owners = {s.full_name for s in ws.staff.for_home(made.id)
              if s.role in (StaffRole.REGISTERED_MANAGER, StaffRole.DEPUTY_MANAGER, StaffRole.SENIOR)}
    assert {r.owner for r in recs} <= owners
    last_made: dict[str, date] = {}
    for rec in sorted(recs, key=lambda r: r.ref):  # a visitor does not repeat a recommendation within months
        day = visits[rec.visit_id].visited_on
        assert rec.text not in last_made or (day - last_made[rec.text]).days > 120, rec.ref
        last_made[rec.text] = day


def test_inspections_judge_mostly_good_and_ask_for_a_few_things(ws, provider):
    inspections = [i for home in provider for i in ws.inspections.for_home(home.id)]
    full = [i for i in inspections if i.type is InspectionType.FULL]
    judgements = Counter(j for i in full for j in (i.overall, i.helped_protected, i.leadership))
    assert judgements[Judgement.GOOD] > 0.5 * 3 * len(full)
    assert Judgement.INADEQUATE not in judgements  # the demo stays calm
    others = [i for i in inspections if i.type is not InspectionType.FULL]
    assert others and all(i.overall is None for i in others)
    # DOMAIN: interim inspections until 2022, assurance inspections after; inspectors come on weekdays
    assert all((i.type is InspectionType.INTERIM) == (i.started_on < date(2022, 4, 1)) for i in others)
    assert all(i.started_on.weekday() < 5 for i in inspections)
    assert all(21 <= (i.published_on - i.started_on).days <= 42 for i in inspections if i.published_on)
    actions = [a for home in provider for a in ws.inspection_actions.for_home(home.id)]
    per_inspection = Counter((a.inspection_id, a.kind) for a in actions)
    assert max(per_inspection.values()) <= 4
    requirements = [a for a in actions if a.kind is ActionKind.REQUIREMENT]
    assert requirements and all(a.regulation.startswith("reg ") and a.due_on for a in requirements)
    statuses = Counter(a.status for a in actions)
    assert statuses[ActionStatus.MET] > 0.5 * len(actions)
    assert all((a.completed_on is not None) == (a.status is ActionStatus.MET) for a in actions)
    assert latest_full(ws.inspections.for_home(provider[0].id)).overall is Judgement.REQUIRES_IMPROVEMENT


def test_the_dialogue_log_has_every_phase_and_some_follow_ups_still_open(ws, provider):
    for home in provider:
        contacts = ws.contacts.for_home(home.id)
        assert 8 * 2 <= len(contacts) <= 20 * 2
        assert all(c.with_whom and c.channel and c.topic and c.summary for c in contacts)
    contacts = [c for home in provider for c in ws.contacts.for_home(home.id)]
    assert set(Counter(c.phase for c in contacts)) == set(DialoguePhase)
    open_ = [c for c in contacts if c.follow_up_open]
    assert 0 < len(open_) < 0.25 * len([c for c in contacts if c.follow_up])


def test_calmer_homes_get_fewer_recommendations(ws, provider):
    counts = [ws.recommendations.count(h.id) for h in provider]
    assert counts[0] == max(counts)
    assert min(counts) < 0.8 * counts[0]


def test_every_record_has_its_audit_row(ws, made):
    records = _oversight(ws, made.id)
    entities = {"visitors": "visitor", "visits": "reg44_visit", "recommendations": "reg44_recommendation",
                "inspections": "inspection", "actions": "inspection_action", "contacts": "ofsted_contact"}
    for kind, entity in entities.items():
        assert records[kind], kind
        for record in records[kind]:
            assert [row["action"] for row in audit.history(ws.db, entity, record.id)] == ["create"], record.ref
    assert audit.verify_chain(ws.db) is None
