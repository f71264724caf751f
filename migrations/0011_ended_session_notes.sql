-- An ended session's notes are part of the record as it was written: they never change.
-- Corrections are addenda. A note may still arrive for an ended session (the laptop that ran
-- it writes its last note as it ends), and a local copy may be removed when the patient leaves
-- this laptop's caseload; what no one may do is change what a note says, move it or hide it.
CREATE TRIGGER session_notes_append_only BEFORE UPDATE ON session_notes
WHEN (SELECT state FROM sessions WHERE id = OLD.session_id) = 'ended' AND (
    NEW.text IS NOT OLD.text
    OR NEW.stage_id IS NOT OLD.stage_id
    OR NEW.session_id IS NOT OLD.session_id
    OR NEW.deleted IS NOT OLD.deleted
)
BEGIN
    SELECT RAISE(ABORT, 'an ended session''s notes are append-only: add an addendum instead');
END;
