-- The centre's durable high-water mark per court: every seq ≤ mark is in
-- `events`. Written only after the events insert returned; the mark answered
-- to a court is re-derived from `events` anyway (actors/central/ingest/marks.ts).
CREATE TABLE IF NOT EXISTS ingest_marks (
  court LowCardinality(String),
  mark  UInt64,
  at    Int64
) ENGINE = ReplacingMergeTree(mark)
ORDER BY court;

-- What each court last told the centre (13.3 lag monitor): its journal head,
-- and the time of its oldest event the centre does not have yet (0 = none).
CREATE TABLE IF NOT EXISTS court_status (
  court         LowCardinality(String),
  seen_at       Int64,
  head          UInt64,
  mark          UInt64,
  pending_since Int64
) ENGINE = ReplacingMergeTree(seen_at)
ORDER BY court;
