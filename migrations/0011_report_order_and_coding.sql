-- Reports lean on "first" and "last": goal ratings and measure results get a sequence that
-- breaks ties between two recorded in the same millisecond (time first, then the sequence,
-- then the id). Existing rows are numbered in the order they were already shown.
ALTER TABLE goal_progress ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE measure_results ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;

UPDATE goal_progress SET sequence = (
    SELECT COUNT(*) FROM goal_progress AS earlier
    WHERE earlier.goal_id = goal_progress.goal_id
      AND (earlier.recorded_at < goal_progress.recorded_at
           OR (earlier.recorded_at = goal_progress.recorded_at AND earlier.id <= goal_progress.id))
);

UPDATE measure_results SET sequence = (
    SELECT COUNT(*) FROM measure_results AS earlier
    WHERE earlier.patient_id = measure_results.patient_id
      AND earlier.measure_id = measure_results.measure_id
      AND (earlier.recorded_at < measure_results.recorded_at
           OR (earlier.recorded_at = measure_results.recorded_at
               AND earlier.id <= measure_results.id))
);

CREATE INDEX goal_progress_order ON goal_progress (goal_id, recorded_at, sequence);
CREATE INDEX measure_results_order
    ON measure_results (patient_id, measure_id, recorded_at, sequence);

-- The practice codes the referral (SNOMED CT 871731000000106) and a decline (871711000000103)
-- in the GP record; the app cannot write there, so the worker ticks the day it was confirmed.
ALTER TABLE referrals ADD COLUMN coded_on TEXT;
ALTER TABLE referrals ADD COLUMN decline_coded_on TEXT;

-- Index of Multiple Deprivation decile by postcode, loaded by the service (none ships); it stays
-- on this laptop like the postcode districts.
CREATE TABLE imd_postcodes (
    postcode TEXT PRIMARY KEY,
    decile INTEGER NOT NULL CHECK (decile BETWEEN 1 AND 10)
);
