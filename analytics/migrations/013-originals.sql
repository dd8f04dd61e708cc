-- Originals in the central database (Засади 13.2–13.3; actors/central/originals): every court document that
-- reached state Original, with its unique id, its content exactly as signed, its detached signatures (CMS) and
-- the card facts, re-verified at the centre against the court's CA; and every scan attached to a case, fetched by
-- its SHA-256 from the court (contracts/files). event_ts is the court's time of the event, stored_at the
-- centre's: their difference is what the 2-hour window of 13.3 measures.
-- ReplacingMergeTree keyed by (court, document_id): a re-fold after a crash writes the same row (same version).
CREATE TABLE IF NOT EXISTS originals (
  court             LowCardinality(String),
  document_id       String,
  ueun              String,
  proceeding_number String,
  doc_type          String,
  title             String,
  -- 'original' (content held) or 'restricted' (a covert case's document: its id only, Засади 3.1 ¶2)
  kind              LowCardinality(String),
  content           String,
  content_sha256    String,
  signatures        String,
  signature_count   UInt16,
  -- valid | invalid | indeterminate | no-ca | incomplete | restricted
  verification      LowCardinality(String),
  verification_detail String,
  card              String,
  redacted          Array(String),
  event_seq         UInt64,
  event_ts          Int64,
  stored_at         Int64,
  lag_ms            Int64,
  version           UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (court, document_id);

-- Scans (Засади 3.2, 13.2) by SHA-256: pending until fetched (or refused by the court, e.g. a covert case's).
-- Each change of state is a new row with a later updated_at, read with FINAL.
CREATE TABLE IF NOT EXISTS original_scans (
  court        LowCardinality(String),
  sha256       String,
  ueun         String,
  size         UInt64,
  media_type   String,
  event_seq    UInt64,
  event_ts     Int64,
  -- pending | stored | refused
  state        LowCardinality(String),
  attempts     UInt32,
  next_at      Int64,
  detail       String,
  path         String,
  stored_at    Int64,
  updated_at   Int64
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (court, sha256);

-- How far each court's events were read for originals (contiguous run, as stat_card_marks).
CREATE TABLE IF NOT EXISTS original_marks (
  court LowCardinality(String),
  seq   UInt64,
  at    Int64
) ENGINE = MergeTree
ORDER BY (court, seq);
