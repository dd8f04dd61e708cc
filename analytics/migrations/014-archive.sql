-- The central electronic archive (Засади 17.1; actors/central/archive): one row per archival package a court
-- built (its `package-built` event reached the centre), with the transfer's progress and its outcome — accepted
-- with the centre's signed receipt (JSON, contracts/archive/receipt.ts) and where the package is stored, or
-- refused with a stable code and the Ukrainian reason the court was told. A ReplacingMergeTree keyed by
-- (court, package_id): each change is a new row with a later updated_at, read with FINAL; every row carries all
-- fields, so the latest row is the whole story.
CREATE TABLE IF NOT EXISTS archive_packages (
  court              LowCardinality(String),
  package_id         String,
  ueun               String,
  -- seq of the court's `package-built` event (0 when the transfer was asked for by hand before it arrived)
  event_seq          UInt64,
  built_at           Int64,
  tagmanifest_sha256 String,
  category           String,
  -- from bag-info.txt (sealed with the package): the court's full name and "Справа № …, категорія, суддя …"
  court_name         String,
  description        String,
  state              LowCardinality(String),
  progress           Float64,
  files              UInt32,
  bytes              UInt64,
  code               LowCardinality(String),
  reason             String,
  receipt            String,
  location           String,
  accepted_at        Int64,
  -- end of the retention term (epoch ms; 0 = kept permanently): the package is listed past it, never destroyed here
  retention_until    Int64,
  court_told_at      Int64,
  updated_at         Int64
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (court, package_id);
