-- Statistics at the centre (Засади 16.1.3, 16.1.6; actors/central/stats).
--
-- stat_cards: the statistical card of each proceeding (contracts/stats/card.ts), derived at the centre from the
-- replicated court events by the same reducer the court runs (analytics/stats/derive.ts deriveCard). One row per
-- (court, proceeding_number) after merges: ReplacingMergeTree(version), version = the court journal seq of the
-- event that last changed the card. A redelivered or re-derived event writes the same version again (a twin the
-- merge drops); an older one never wins over a newer one. Every read is FINAL. A card the reducer dropped is
-- kept as a row with removed = 1 (a ReplacingMergeTree cannot delete by insert).
-- case_key: the key the reducer's state is looked up by (the case the event concerns), see actors/central/stats/cards.ts.
CREATE TABLE IF NOT EXISTS stat_cards (
  court             LowCardinality(String),
  proceeding_number String,
  case_key          String,
  proc_index        LowCardinality(String),
  category          Nullable(String),
  article           Nullable(String),
  received_on       Date32,
  opened_on         Nullable(Date32),
  decided_on        Nullable(Date32),
  result            Nullable(String),
  legal_force_on    Nullable(Date32),
  judge             Nullable(String),
  amount_claimed    Nullable(UInt64),
  amount_awarded    Nullable(UInt64),
  over_term         UInt8,
  appeal_outcome    Nullable(String),
  juvenile          UInt8,
  detention         UInt8,
  removed           UInt8,
  version           UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (court, proceeding_number);

-- How far each court's events have been folded into its cards (the seq of the last event read). A hint like
-- ingest_marks: folding again from an older mark rewrites the same versions, so a lost mark costs time only.
CREATE TABLE IF NOT EXISTS stat_card_marks (
  court LowCardinality(String),
  seq   UInt64,
  at    Int64
) ENGINE = ReplacingMergeTree(seq)
ORDER BY court;

-- Signed reports received from courts (Засади 16.3 "Original", 16.1.6) and every change of their status
-- (received → accepted | returned). Keyed by (court, document_id): a re-sent submission is one row; each status
-- change is a new row with a later updated_at and the whole submission carried along, read with FINAL.
CREATE TABLE IF NOT EXISTS stat_submissions (
  court           LowCardinality(String),
  document_id     String,
  form_id         String,
  form_version    UInt32,
  period_kind     LowCardinality(String),
  period_from     String,
  period_to       String,
  report          String,
  report_sha256   String,
  cms             String,
  author_name     String,
  author_position String,
  signed_at       Int64,
  received_at     Int64,
  received_by     String,
  status          LowCardinality(String),
  remarks         String,
  differences     String,
  updated_at      Int64
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (court, document_id);

-- Reports the centre formed (Засади 16.1.5 consolidation court → region → nation; 16.1.7 scheduled builds):
-- one row per (form, period, scope) after merges, the latest build winning. A job run twice writes the same
-- key again, so a retry or a second worker leaves one report.
CREATE TABLE IF NOT EXISTS stat_reports (
  form_id      String,
  form_version UInt32,
  period_kind  LowCardinality(String),
  period_from  String,
  period_to    String,
  scope_kind   LowCardinality(String),
  scope_key    String,
  report       String,
  built_at     Int64,
  built_by     String
) ENGINE = ReplacingMergeTree(built_at)
ORDER BY (form_id, period_from, period_to, scope_kind, scope_key);
