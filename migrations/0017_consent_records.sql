-- Consent as a record, not a guess: each answer the patient gives (may we contact you, what may
-- we share with your GP) is its own row, with how it was given, by whom and who recorded it.
-- A change is a new row, so the history stays; the current consent of a kind is its latest row
-- (recorded_at, then id). patients.consent_to_contact/consent_to_share are kept in step by the
-- app, in the same transaction, for everything that reads the record's headline.
CREATE TABLE consent_records (
    id TEXT PRIMARY KEY,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    kind TEXT NOT NULL CHECK (kind IN ('contact', 'share_with_gp')),
    value TEXT NOT NULL CHECK (
        (kind = 'contact' AND value IN ('not_asked', 'yes', 'no'))
        OR (kind = 'share_with_gp' AND value IN ('not_asked', 'full_notes', 'codes_only', 'nothing'))
    ),
    given_how TEXT NOT NULL
        CHECK (given_how IN ('in_person', 'phone', 'written', 'video', 'not_recorded', 'before_records')),
    -- Empty: the patient themself. Otherwise the person who answered on their behalf.
    given_by_name TEXT NOT NULL DEFAULT '',
    given_by_relationship TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX consent_records_patient ON consent_records (patient_id, kind, recorded_at);

-- What was answered, how and by whom never changes; only a merge of two records of one person
-- may move a row to the record kept.
CREATE TRIGGER consent_records_append_only BEFORE UPDATE ON consent_records
WHEN NEW.kind IS NOT OLD.kind
    OR NEW.value IS NOT OLD.value
    OR NEW.given_how IS NOT OLD.given_how
    OR NEW.given_by_name IS NOT OLD.given_by_name
    OR NEW.given_by_relationship IS NOT OLD.given_by_relationship
    OR NEW.recorded_at IS NOT OLD.recorded_at
    OR NEW.recorded_by IS NOT OLD.recorded_by
    OR NEW.notes IS NOT OLD.notes
    OR NEW.deleted IS NOT OLD.deleted
BEGIN
    SELECT RAISE(ABORT, 'a consent record is never changed: record the new answer instead');
END;

-- Answers given before this version become each patient's first record. How they were given
-- was never asked, and they are this laptop's own copy (the same id on every laptop, never
-- sent): a laptop that has none reads the patient's own columns the same way.
INSERT INTO consent_records (
    id, patient_id, kind, value, given_how, recorded_at, created_at, updated_at, author_id
)
SELECT 'earlier-contact-' || id, id, 'contact',
       CASE consent_to_contact WHEN 1 THEN 'yes' ELSE 'no' END,
       'before_records', updated_at, updated_at, updated_at, author_id
FROM patients
WHERE consent_to_contact IS NOT NULL;

INSERT INTO consent_records (
    id, patient_id, kind, value, given_how, recorded_at, created_at, updated_at, author_id
)
SELECT 'earlier-share-' || id, id, 'share_with_gp', consent_to_share,
       'before_records', updated_at, updated_at, updated_at, author_id
FROM patients
WHERE consent_to_share IS NOT NULL AND consent_to_share <> 'not_asked';
