-- Every court journal event as it reached the centre (redacted at the court:
-- contracts/ingest/redaction.ts). Keyed by (court, seq): a re-sent or
-- redelivered event replaces its twin, and every query reads it with FINAL
-- (or aggregates over (court, seq)) so duplicates never count twice.
-- fsync_after_insert: an insert returns after its part is on disk — the
-- centre confirms a court's mark only after that.
CREATE TABLE IF NOT EXISTS events (
  court       LowCardinality(String),
  seq         UInt64,
  actor       String,
  kind        LowCardinality(String),
  aseq        UInt64,
  type        LowCardinality(String),
  ts          Int64,
  author      String,
  hash        String,
  prev_hash   String,
  redacted    Array(String),
  payload     String,
  ingested_at Int64
) ENGINE = ReplacingMergeTree
ORDER BY (court, seq)
SETTINGS fsync_after_insert = 1, fsync_part_directory = 1;

-- Messages that failed contract validation: kept for the operator, never
-- counted; the court's mark does not pass them, so the court shows up as lagging.
CREATE TABLE IF NOT EXISTS ingest_rejects (
  court  String,
  seq    UInt64,
  at     Int64,
  reason String,
  raw    String
) ENGINE = MergeTree
ORDER BY (court, at);
