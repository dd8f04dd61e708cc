-- When each row of a finding was raised (the centre's clock), beside `first_seen`,
-- which a detector sets to the time of the data it judged (a month, a draw). An
-- acknowledged alarm re-opens when the finding is raised after the
-- acknowledgement with different evidence (it grew: another re-filing, another
-- late absence) — analytics/alarms.ts. Rows raised before this column existed
-- read 0: they count as raised before any acknowledgement.
ALTER TABLE integrity_alarms ADD COLUMN IF NOT EXISTS raised_at Int64 DEFAULT 0;
