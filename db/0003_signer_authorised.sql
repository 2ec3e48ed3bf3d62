-- 0003_signer_authorised: whether the person who signed a reg 35 record was authorised to sign (reg 35(3)(b))
-- is kept with the signature. Withdrawing someone's authority later (they leave, or change role) must not turn
-- the records they validly signed into findings. Records signed before this step take the signer's
-- authorisation as it stands now: the best that is known.

ALTER TABLE measures ADD COLUMN signer_authorised INTEGER;

UPDATE measures
SET signer_authorised = (SELECT authorised_signoff FROM staff WHERE staff.id = measures.signed_by)
WHERE signed_by IS NOT NULL;

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
    OR NEW.signer_authorised IS NOT OLD.signer_authorised
)
BEGIN
    SELECT RAISE(ABORT, 'record is signed off: add an addendum instead');
END;
