-- Facts of the workload report (analytics/README.md), extracted at ingest from
-- the events they come from (actors/central/ingest/facts.ts) and inserted in
-- the same batch. Keyed by (court, seq, n): idempotent like `events`; the
-- report reads it with FINAL — never a counting materialized view.
CREATE TABLE IF NOT EXISTS workload_facts (
  court     LowCardinality(String),
  seq       UInt64,
  n         UInt16,
  fact      Enum8('assigned' = 1, 'decided' = 2),
  case_id   String,
  case_key  UInt64 MATERIALIZED cityHash64(case_id),
  judge     LowCardinality(String),
  role      Enum8('none' = 0, 'presiding' = 1, 'member' = 2, 'reserve' = 3),
  category  LowCardinality(String),
  weight    Float64,
  day       Date
) ENGINE = ReplacingMergeTree
ORDER BY (court, seq, n)
SETTINGS fsync_after_insert = 1, fsync_part_directory = 1;
