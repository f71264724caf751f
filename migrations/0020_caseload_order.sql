-- The caseload in name order, kept as patients are written: each live patient's filed name,
-- sort text and folded search text (the app's own rules, registered as SQL functions on every
-- connection), so showing the caseload reads one small table in order instead of folding and
-- sorting every name in Python. Laptop-only: derived from patients, never synced.
CREATE TABLE caseload_names (
    sort_key TEXT NOT NULL,
    nhs_number TEXT NOT NULL,
    patient_id TEXT NOT NULL,
    name TEXT NOT NULL,
    search_key TEXT NOT NULL,
    PRIMARY KEY (sort_key, nhs_number, patient_id)
) WITHOUT ROWID;

CREATE INDEX caseload_names_patient ON caseload_names (patient_id);

INSERT INTO caseload_names (sort_key, nhs_number, patient_id, name, search_key)
SELECT name_sort_text(given_name, family_name, preferred_name), nhs_number, id,
       filed_name(given_name, family_name, preferred_name),
       name_search_text(given_name, family_name, preferred_name, nhs_number)
FROM patients
WHERE deleted = 0;

CREATE TRIGGER caseload_names_added AFTER INSERT ON patients WHEN NEW.deleted = 0
BEGIN
    INSERT INTO caseload_names (sort_key, nhs_number, patient_id, name, search_key)
    VALUES (
        name_sort_text(NEW.given_name, NEW.family_name, NEW.preferred_name), NEW.nhs_number,
        NEW.id, filed_name(NEW.given_name, NEW.family_name, NEW.preferred_name),
        name_search_text(NEW.given_name, NEW.family_name, NEW.preferred_name, NEW.nhs_number)
    );
END;

CREATE TRIGGER caseload_names_changed
AFTER UPDATE OF id, given_name, family_name, preferred_name, nhs_number, deleted ON patients
BEGIN
    DELETE FROM caseload_names WHERE patient_id = OLD.id;
    INSERT INTO caseload_names (sort_key, nhs_number, patient_id, name, search_key)
    SELECT name_sort_text(NEW.given_name, NEW.family_name, NEW.preferred_name), NEW.nhs_number,
           NEW.id, filed_name(NEW.given_name, NEW.family_name, NEW.preferred_name),
           name_search_text(NEW.given_name, NEW.family_name, NEW.preferred_name, NEW.nhs_number)
    WHERE NEW.deleted = 0;
END;

CREATE TRIGGER caseload_names_removed AFTER DELETE ON patients
BEGIN
    DELETE FROM caseload_names WHERE patient_id = OLD.id;
END;

-- What the caseload reads of referrals, appointments and sessions, each in a small covering
-- index: the latest referral of each patient, and the booked and attended sessions of each.
CREATE INDEX referrals_latest
    ON referrals (patient_id, referral_date, created_at, status, id) WHERE deleted = 0;
CREATE INDEX appointments_caseload
    ON appointments (referral_id, status, starts_at, planned_minutes, id) WHERE deleted = 0;
CREATE INDEX sessions_appointment_live ON sessions (appointment_id) WHERE deleted = 0;
