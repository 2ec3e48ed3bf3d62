-- The schema after every migration: made by tools/write_schema_snapshot.py, never edited by hand.
CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT;
CREATE TABLE homes (
    id INTEGER PRIMARY KEY,
    urn TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    places INTEGER,
    provider_name TEXT NOT NULL DEFAULT '',
    registered_manager TEXT NOT NULL DEFAULT '',
    responsible_individual TEXT NOT NULL DEFAULT '',
    age_min INTEGER,
    age_max INTEGER,
    pi_scheme TEXT NOT NULL DEFAULT '',
    pi_holds TEXT NOT NULL DEFAULT '[]'          -- JSON list of the scheme's hold names
) STRICT;
CREATE TABLE settings (
    home_id INTEGER REFERENCES homes(id) ON DELETE CASCADE,   -- NULL: the whole database
    key TEXT NOT NULL,
    value TEXT NOT NULL,                          -- JSON
    UNIQUE (home_id, key)
) STRICT;
CREATE TABLE children (
    id INTEGER PRIMARY KEY,
    home_id INTEGER NOT NULL REFERENCES homes(id),
    ref TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    date_of_birth TEXT,
    sex TEXT NOT NULL DEFAULT '',
    admitted_on TEXT NOT NULL,
    left_on TEXT,
    placing_authority TEXT NOT NULL DEFAULT '',
    legal_status TEXT,
    ehcp INTEGER,
    UNIQUE (home_id, ref)
) STRICT;
CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    home_id INTEGER NOT NULL REFERENCES homes(id),
    ref TEXT NOT NULL,
    full_name TEXT NOT NULL,
    role TEXT NOT NULL,
    employment TEXT,
    care_role_started_on TEXT,
    level3_achieved_on TEXT,
    level5_achieved_on TEXT,
    pi_trained_on TEXT,
    authorised_signoff INTEGER NOT NULL DEFAULT 0,
    left_on TEXT,
    UNIQUE (home_id, ref)
) STRICT;
CREATE TABLE measures (
    id INTEGER PRIMARY KEY,
    home_id INTEGER NOT NULL REFERENCES homes(id),
    ref TEXT NOT NULL,
    child_id INTEGER NOT NULL REFERENCES children(id),
    kind TEXT NOT NULL,
    started_at TEXT NOT NULL,
    zone TEXT NOT NULL DEFAULT 'Europe/London',
    duration_minutes INTEGER,
    location TEXT NOT NULL DEFAULT '',
    behaviour TEXT NOT NULL DEFAULT '',
    avoidance_steps TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    position TEXT,
    holds TEXT NOT NULL DEFAULT '[]',              -- JSON list, names as written
    others_present TEXT NOT NULL DEFAULT '',
    effectiveness TEXT NOT NULL DEFAULT '',
    injury INTEGER,
    injury_details TEXT NOT NULL DEFAULT '',
    medical_treatment TEXT NOT NULL DEFAULT '',
    planned_in_ehcp INTEGER NOT NULL DEFAULT 0,
    police_involved INTEGER,
    recorded_at TEXT NOT NULL,
    recorded_by INTEGER REFERENCES staff(id),
    user_spoken_to_at TEXT,
    signed_at TEXT,
    signed_by INTEGER REFERENCES staff(id),
    child_spoken_to_at TEXT,
    child_spoken_to_by INTEGER REFERENCES staff(id),
    child_views TEXT NOT NULL DEFAULT '', signer_authorised INTEGER,
    UNIQUE (home_id, ref),
    CHECK (recorded_at >= started_at)
) STRICT;
CREATE INDEX measures_home_started ON measures (home_id, started_at);
CREATE INDEX measures_child ON measures (child_id);
CREATE TABLE measure_users (
    measure_id INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    PRIMARY KEY (measure_id, staff_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX measure_users_staff ON measure_users (staff_id);
CREATE TABLE measure_addenda (
    id INTEGER PRIMARY KEY,
    measure_id INTEGER NOT NULL REFERENCES measures(id),
    made_at TEXT NOT NULL,
    made_by TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    text TEXT NOT NULL
) STRICT;
CREATE INDEX measure_addenda_measure ON measure_addenda (measure_id);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    home_id INTEGER,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    action TEXT NOT NULL,
    before TEXT,
    after TEXT,
    reason TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_entity ON audit (entity, entity_id);
CREATE TRIGGER measures_never_deleted_after_signoff
BEFORE DELETE ON measures WHEN OLD.signed_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'record is signed off and cannot be deleted');
END;
CREATE TRIGGER measure_users_locked_after_signoff_delete
BEFORE DELETE ON measure_users
WHEN (SELECT signed_at FROM measures WHERE id = OLD.measure_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'record is signed off: add an addendum instead');
END;
CREATE TRIGGER addenda_append_only_update BEFORE UPDATE ON measure_addenda
BEGIN SELECT RAISE(ABORT, 'addenda are never changed'); END;
CREATE TRIGGER addenda_append_only_delete BEFORE DELETE ON measure_addenda
BEGIN SELECT RAISE(ABORT, 'addenda are never deleted'); END;
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is never changed'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is never deleted'); END;
CREATE TRIGGER measure_users_locked_after_signoff_insert
BEFORE INSERT ON measure_users
WHEN (SELECT signed_at FROM measures WHERE id = NEW.measure_id) IS NOT NULL
    AND EXISTS (SELECT 1 FROM audit WHERE entity = 'measure' AND entity_id = NEW.measure_id)
BEGIN
    SELECT RAISE(ABORT, 'record is signed off: add an addendum instead');
END;
CREATE TRIGGER measures_locked_after_signoff
BEFORE UPDATE ON measures
WHEN OLD.signed_at IS NOT NULL AND (
    NEW.home_id IS NOT OLD.home_id OR NEW.zone IS NOT OLD.zone
    OR NEW.ref IS NOT OLD.ref OR NEW.child_id IS NOT OLD.child_id OR NEW.kind IS NOT OLD.kind
    OR NEW.started_at IS NOT OLD.started_at OR NEW.duration_minutes IS NOT OLD.duration_minutes
    OR NEW.location IS NOT OLD.location OR NEW.behaviour IS NOT OLD.behaviour
    OR NEW.avoidance_steps IS NOT OLD.avoidance_steps OR NEW.description IS NOT OLD.description
    OR NEW.position IS NOT OLD.position OR NEW.holds IS NOT OLD.holds
    OR NEW.others_present IS NOT OLD.others_present OR NEW.effectiveness IS NOT OLD.effectiveness
    OR NEW.injury IS NOT OLD.injury OR NEW.injury_details IS NOT OLD.injury_details
    OR NEW.medical_treatment IS NOT OLD.medical_treatment
    OR NEW.planned_in_ehcp IS NOT OLD.planned_in_ehcp OR NEW.police_involved IS NOT OLD.police_involved
    OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.recorded_by IS NOT OLD.recorded_by
    OR NEW.user_spoken_to_at IS NOT OLD.user_spoken_to_at
    OR NEW.signed_at IS NOT OLD.signed_at OR NEW.signed_by IS NOT OLD.signed_by
    OR NEW.signer_authorised IS NOT OLD.signer_authorised
)
BEGIN
    SELECT RAISE(ABORT, 'record is signed off: add an addendum instead');
END;
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,               -- lower case, single spaces
    full_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('care_staff', 'senior', 'manager', 'responsible_individual',
                                       'provider_viewer')),
    staff_id INTEGER REFERENCES staff(id),       -- their entry in a home's staff register, if any
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    deactivated_at TEXT
) STRICT;
CREATE TABLE account_homes (
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    home_id INTEGER NOT NULL REFERENCES homes(id),
    PRIMARY KEY (account_id, home_id)
) STRICT;
CREATE TRIGGER accounts_never_deleted BEFORE DELETE ON accounts
BEGIN SELECT RAISE(ABORT, 'accounts are deactivated, never deleted'); END;
CREATE TABLE visitors (
    id INTEGER PRIMARY KEY,
    home_id INTEGER NOT NULL REFERENCES homes(id),
    ref TEXT NOT NULL,
    name TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    appointed_on TEXT,
    conditions TEXT NOT NULL DEFAULT '[]',      -- the reg 43(3) conditions the declaration confirms
    declared_independent_on TEXT,
    ended_on TEXT,
    UNIQUE (home_id, ref)
) STRICT;
CREATE TABLE reg44_visits (
    id INTEGER PRIMARY KEY,
    home_id INTEGER NOT NULL REFERENCES homes(id),
    ref TEXT NOT NULL,
    visitor_id INTEGER NOT NULL REFERENCES visitors(id),
    visited_on TEXT NOT NULL,
    announced INTEGER,
    children_spoken_to INTEGER,
    staff_spoken_to INTEGER,
    others_spoken_to INTEGER,
    records_checked TEXT NOT NULL DEFAULT '[]',
    premises_checked INTEGER,
    safeguarded TEXT CHECK (safeguarded IN ('yes', 'no', 'not_stated')),
    wellbeing_promoted TEXT CHECK (wellbeing_promoted IN ('yes', 'no', 'not_stated')),
    report_received_on TEXT,
    report_sent_on TEXT,
    conflict_of_interest TEXT NOT NULL DEFAULT '',
    parents_spoken_to INTEGER,
    UNIQUE (home_id, ref)
) STRICT;
CREATE INDEX reg44_visits_by_date ON reg44_visits (home_id, visited_on);
CREATE TABLE reg44_recommendations (
    id INTEGER PRIMARY KEY,
    home_id INTEGER NOT NULL REFERENCES homes(id),
    ref TEXT NOT NULL,
    visit_id INTEGER NOT NULL REFERENCES reg44_visits(id),
    text TEXT NOT NULL,
    consider_by TEXT,
    decision TEXT NOT NULL DEFAULT 'pending' CHECK (decision IN ('accepted', 'declined', 'pending')),
    decided_on TEXT,
    reason TEXT NOT NULL DEFAULT '',
    owner TEXT NOT NULL DEFAULT '',
    completed_on TEXT,
    UNIQUE (home_id, ref)
) STRICT;
CREATE INDEX reg44_recommendations_by_visit ON reg44_recommendations (visit_id);
CREATE TABLE inspections (
    id INTEGER PRIMARY KEY,
    home_id INTEGER NOT NULL REFERENCES homes(id),
    ref TEXT NOT NULL,
    started_on TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('full', 'interim', 'assurance', 'monitoring')),
    overall TEXT,
    helped_protected TEXT,
    leadership TEXT,
    interim_outcome TEXT CHECK (interim_outcome IN ('improved', 'sustained', 'declined')),
    published_on TEXT,
    UNIQUE (home_id, ref)
) STRICT;
CREATE TABLE inspection_actions (
    id INTEGER PRIMARY KEY,
    home_id INTEGER NOT NULL REFERENCES homes(id),
    ref TEXT NOT NULL,
    inspection_id INTEGER NOT NULL REFERENCES inspections(id),
    kind TEXT NOT NULL CHECK (kind IN ('requirement', 'recommendation')),
    text TEXT NOT NULL,
    regulation TEXT NOT NULL DEFAULT '',
    due_on TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'met')),
    progress TEXT NOT NULL DEFAULT '',
    completed_on TEXT,
    UNIQUE (home_id, ref)
) STRICT;
CREATE INDEX inspection_actions_by_inspection ON inspection_actions (inspection_id);
CREATE TABLE ofsted_contacts (
    id INTEGER PRIMARY KEY,
    home_id INTEGER NOT NULL REFERENCES homes(id),
    ref TEXT NOT NULL,
    occurred_on TEXT NOT NULL,
    phase TEXT CHECK (phase IN ('before', 'during', 'after', 'between')),
    with_whom TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL DEFAULT '',
    topic TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    follow_up TEXT NOT NULL DEFAULT '',
    follow_up_done_on TEXT,
    UNIQUE (home_id, ref)
) STRICT;
CREATE TABLE "shifts" (
    id INTEGER PRIMARY KEY,
    home_id INTEGER NOT NULL REFERENCES homes(id),
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    shift_type TEXT NOT NULL CHECK (shift_type = 'day' OR shift_type = 'late' OR shift_type = 'long_day'
                                    OR shift_type = 'waking_night' OR shift_type = 'sleep_in'),
    planned_start TEXT NOT NULL,
    planned_end TEXT NOT NULL,
    actual_start TEXT,
    actual_end TEXT,
    absence TEXT CHECK (absence = 'sick' OR absence = 'leave' OR absence = 'other'),
    shift_lead INTEGER CHECK (shift_lead = 0 OR shift_lead = 1),
    UNIQUE (home_id, staff_id, planned_start)
) STRICT;
CREATE INDEX shifts_by_start ON shifts (home_id, planned_start);
CREATE TABLE purpose_versions (
    id INTEGER PRIMARY KEY,
    home_id INTEGER NOT NULL REFERENCES homes(id),
    effective_from TEXT NOT NULL,
    needs TEXT NOT NULL DEFAULT '[]',           -- the range of needs, from the provider's categories
    age_min INTEGER,
    age_max INTEGER,
    places INTEGER,
    emergency_admissions INTEGER NOT NULL DEFAULT 0 CHECK (emergency_admissions IN (0, 1)),
    notes TEXT NOT NULL DEFAULT '',
    UNIQUE (home_id, effective_from)
) STRICT;
CREATE TABLE referrals (
    id INTEGER PRIMARY KEY,
    home_id INTEGER NOT NULL REFERENCES homes(id),
    ref TEXT NOT NULL,
    referred_on TEXT NOT NULL,
    child_id INTEGER REFERENCES children(id),   -- the register entry, once admitted
    child_initials TEXT NOT NULL DEFAULT '',
    age_at_referral INTEGER,
    placing_authority TEXT NOT NULL DEFAULT '',
    emergency INTEGER CHECK (emergency IN (0, 1)),
    needs TEXT NOT NULL DEFAULT '[]',
    sop_fit TEXT CHECK (sop_fit IN ('within', 'partly', 'outside')),
    sop_notes TEXT NOT NULL DEFAULT '',
    impact_assessed_on TEXT,
    impact_risk TEXT CHECK (impact_risk IN ('low', 'medium', 'high')),
    impact_summary TEXT NOT NULL DEFAULT '',
    impact_mitigations TEXT NOT NULL DEFAULT '',
    manager_view TEXT CHECK (manager_view IN ('support', 'oppose', 'not_consulted')),
    manager_view_reason TEXT NOT NULL DEFAULT '',
    decision TEXT NOT NULL DEFAULT 'pending' CHECK (decision IN ('pending', 'accepted', 'declined', 'withdrawn')),
    decided_by TEXT NOT NULL DEFAULT '',
    decided_by_role TEXT CHECK (decided_by_role IN ('registered_manager', 'responsible_individual', 'other')),
    decided_on TEXT,
    rationale TEXT NOT NULL DEFAULT '',
    admitted_on TEXT,
    ended_on TEXT,
    ending TEXT CHECK (ending IN ('planned', 'unplanned')),
    UNIQUE (home_id, ref)
) STRICT;
CREATE INDEX referrals_by_date ON referrals (home_id, referred_on);
CREATE UNIQUE INDEX referrals_by_child ON referrals (child_id) WHERE child_id IS NOT NULL;
