-- One person registered twice (the same NHS number on two laptops) is merged by the hub into the
-- record that reached it first. The later record stays as a tombstone naming the survivor, and
-- everything under it, ended sessions included, moves to the survivor: an ended session's
-- content stays fixed, but the patient it belongs to may follow a merge.
ALTER TABLE patients ADD COLUMN merged_into TEXT;

-- Why the hub made a conflict: '' for two edits of one field, 'registered_twice' for a merge.
ALTER TABLE conflicts ADD COLUMN reason TEXT NOT NULL DEFAULT '';

DROP TRIGGER sessions_append_only;

CREATE TRIGGER sessions_append_only BEFORE UPDATE ON sessions
WHEN OLD.state = 'ended' AND (
    NEW.state IS NOT OLD.state
    OR NEW.started_at IS NOT OLD.started_at
    OR NEW.ended_at IS NOT OLD.ended_at
    OR NEW.duration_seconds IS NOT OLD.duration_seconds
    OR NEW.stage_seconds IS NOT OLD.stage_seconds
    OR NEW.what_matters IS NOT OLD.what_matters
    OR NEW.kind IS NOT OLD.kind
    OR NEW.deleted IS NOT OLD.deleted
)
BEGIN
    SELECT RAISE(ABORT, 'an ended session is append-only: add an addendum instead');
END;
