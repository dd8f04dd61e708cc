-- Verified ingest (issue 11 item 1; actors/central/ingest/chain.ts). Each event
-- keeps its chain format (1 legacy: links and place checked; 2: hash
-- recomputed at the centre) and, for format 2, the salted digest `hidden` of
-- what stayed at the court — with `payload`, `redacted` and `author` enough to
-- recompute its hash later (checkpoints, pulls). Rows stored before: format 1.
ALTER TABLE events ADD COLUMN IF NOT EXISTS chain UInt8 DEFAULT 1;

ALTER TABLE events ADD COLUMN IF NOT EXISTS hidden String DEFAULT '';

-- A second, DIFFERENT version of an already-held (court, seq): never written
-- over the first (which stays in `events`), kept here beside the hash held
-- when it arrived, and alarmed (integrity_alarms, kind conflicting-version).
-- The same second version sent again collapses into one row.
CREATE TABLE IF NOT EXISTS event_versions (
  court          LowCardinality(String),
  seq            UInt64,
  actor          String,
  kind           LowCardinality(String),
  aseq           UInt64,
  type           LowCardinality(String),
  ts             Int64,
  author         String,
  hash           String,
  prev_hash      String,
  redacted       Array(String),
  payload        String,
  ingested_at    Int64,
  chain          UInt8,
  hidden         String,
  held_hash      String,
  held_prev_hash String
) ENGINE = ReplacingMergeTree
ORDER BY (court, seq, hash, cityHash64(payload))
SETTINGS fsync_after_insert = 1, fsync_part_directory = 1;
