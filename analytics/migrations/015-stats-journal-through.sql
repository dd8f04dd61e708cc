-- The court's journal sequence a statistical report was formed at (StatSubmissionV1.journalThrough): kept so the
-- centre can compare a report left `received` (its copy of the court's events was behind) later by itself,
-- without waiting for the court to send the Original again (actors/central/stats/desk.ts recheck).
ALTER TABLE stat_submissions ADD COLUMN IF NOT EXISTS journal_through UInt64 DEFAULT 0;
