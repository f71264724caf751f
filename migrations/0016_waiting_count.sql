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
