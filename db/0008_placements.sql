-- 0008_placements: the home's statement of purpose in dated versions (reg 16, schedule 1), and referrals with the
-- decision on each and what became of the placement (reg 14(2)(a); Narey recommendations 21, 23 and 24).
-- Lists are JSON arrays of text; dates are ISO. Who has the final say on placements is a setting (settings table).

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
