-- 0005_oversight: independent person visits (regs 43 and 44), Ofsted inspections with what they asked of the
-- home, and the log of contacts with Ofsted (Narey recommendations 18 to 20, 22 and 26).
-- Lists are JSON arrays of the vocabulary's spellings; dates are ISO.

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

-- what an inspection asked of the home (requirements and recommendations), and the home's progress on each
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
