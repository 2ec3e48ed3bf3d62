-- 0007_shift_checks: the rota's checks written as comparisons, with the same rules. SQLite worked out each
-- `x IN (...)` list again for every row written: 0.4 s of writing 100,000 shifts (SPEC 10: an import in under 5 s).
-- A check cannot be changed in place, so the table is made again with its rows, ids and index unchanged.

CREATE TABLE shifts_checked (
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
INSERT INTO shifts_checked (id, home_id, staff_id, shift_type, planned_start, planned_end, actual_start, actual_end,
                            absence, shift_lead)
    SELECT id, home_id, staff_id, shift_type, planned_start, planned_end, actual_start, actual_end, absence, shift_lead
    FROM shifts;
DROP TABLE shifts;
ALTER TABLE shifts_checked RENAME TO shifts;
CREATE INDEX shifts_by_start ON shifts (home_id, planned_start);
