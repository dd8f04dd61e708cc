-- Sealed checkpoints (issue 11 item 2): every checkpoint a court sent and the
-- centre accepted (seal verified), never replaced or deleted — a later
-- checkpoint that contradicts one of them is the evidence of a rewritten,
-- deleted or backdated history (actors/central/witness/). `witnessed` is the
-- hash the centre held at gseq when it answered, or 'not-yet'.
CREATE TABLE IF NOT EXISTS checkpoints (
  court          LowCardinality(String),
  gseq           UInt64,
  hash           String,
  time           Int64,
  sealed_at      Int64,
  prev_gseq      Int64,
  prev_hash      String,
  id             String,
  received_at    Int64,
  received_by    String,
  witnessed      String,
  ca_fingerprint String,
  cms            String,
  chain          String
) ENGINE = MergeTree
ORDER BY (court, gseq, id)
SETTINGS fsync_after_insert = 1, fsync_part_directory = 1;

-- A 'not-yet' checkpoint compared with the event once it arrived (the witness's sweep): one row per checkpoint id.
CREATE TABLE IF NOT EXISTS checkpoint_checks (
  court       LowCardinality(String),
  id          String,
  gseq        UInt64,
  held        String,
  checked_at  Int64
) ENGINE = ReplacingMergeTree(checked_at)
ORDER BY (court, id);

-- The court CA pinned on first sight per court (trust on first use); the first pin wins (argMin over pinned_at).
CREATE TABLE IF NOT EXISTS checkpoint_seal_pins (
  court          LowCardinality(String),
  ca_fingerprint String,
  ca_pem         String,
  pinned_at      Int64,
  pinned_by      String
) ENGINE = MergeTree
ORDER BY (court, pinned_at)
SETTINGS fsync_after_insert = 1, fsync_part_directory = 1;
