-- How many changes wait to be sent, kept as they are queued and cleared, so showing the number
-- never reads the outbox (hundreds of thousands of rows after a first enrolment).
CREATE TABLE outbox_count (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    waiting INTEGER NOT NULL CHECK (waiting >= 0)
);

INSERT INTO outbox_count (id, waiting) SELECT 1, COUNT(*) FROM outbox;

CREATE TRIGGER outbox_counted_in AFTER INSERT ON outbox
BEGIN
    UPDATE outbox_count SET waiting = waiting + 1 WHERE id = 1;
END;

CREATE TRIGGER outbox_counted_out AFTER DELETE ON outbox
BEGIN
    UPDATE outbox_count SET waiting = waiting - 1 WHERE id = 1;
END;

-- The caseload ranks each patient's live referrals by reading them in this order (no sort on
-- every load), and reads only live appointments, grouped by referral.
CREATE INDEX referrals_latest ON referrals (patient_id, referral_date DESC, created_at DESC)
WHERE deleted = 0;

CREATE INDEX appointments_referral_live ON appointments (referral_id, status, starts_at)
WHERE deleted = 0;
