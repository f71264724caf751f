-- Sessions brought in from a spreadsheet of past contacts: they happened before the caseload
-- was kept here, so they have no notes and were never booked against the session cap.
ALTER TABLE appointments ADD COLUMN imported INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1));
