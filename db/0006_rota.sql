-- 0006_rota: the rota, planned and as worked (schedule 4 keeps both), for staffing at key times (Narey rec 4).
-- A shift is known by its member of staff and its planned start: one person is never on two shifts at once.
-- The key-time windows are a setting of each home (the settings table, audited), not records.

CREATE TABLE shifts (
    id INTEGER PRIMARY KEY,
    home_id INTEGER NOT NULL REFERENCES homes(id),
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    shift_type TEXT NOT NULL CHECK (shift_type IN ('day', 'late', 'long_day', 'waking_night', 'sleep_in')),
    planned_start TEXT NOT NULL,
    planned_end TEXT NOT NULL,
    actual_start TEXT,
    actual_end TEXT,
    absence TEXT CHECK (absence IN ('sick', 'leave', 'other')),
    shift_lead INTEGER CHECK (shift_lead IN (0, 1)),
    UNIQUE (home_id, staff_id, planned_start)
) STRICT;
CREATE INDEX shifts_by_start ON shifts (home_id, planned_start);
