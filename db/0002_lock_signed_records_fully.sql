-- 0002_lock_signed_records_fully: a signed record's home and zone are locked too (the zone decides its
-- local times and its 5-day deadline), and no staff can be added to a signed record afterwards.
-- Staff rows may still be written while the record is being created (before its first audit row),
-- so that a signed record from the past can be imported in one piece.

DROP TRIGGER measures_locked_after_signoff;

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
)
BEGIN
    SELECT RAISE(ABORT, 'record is signed off: add an addendum instead');
END;

CREATE TRIGGER measure_users_locked_after_signoff_insert
BEFORE INSERT ON measure_users
WHEN (SELECT signed_at FROM measures WHERE id = NEW.measure_id) IS NOT NULL
    AND EXISTS (SELECT 1 FROM audit WHERE entity = 'measure' AND entity_id = NEW.measure_id)
BEGIN
    SELECT RAISE(ABORT, 'record is signed off: add an addendum instead');
END;
