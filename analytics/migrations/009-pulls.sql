-- Database pulls (Засади 18.3; actors/central/pulls): every request with who
-- made it and when, its deadline (end of the court's next working day) and its
-- progress. A ReplacingMergeTree keyed by (court, id): each state change is a
-- new row with a later updated_at, read with FINAL; the request fields are
-- carried in every row, so the latest row is the whole story.
CREATE TABLE IF NOT EXISTS pulls (
  id            String,
  court         LowCardinality(String),
  requested_by  String,
  requested_at  Int64,
  due_at        Int64,
  due_date      String,
  note          String,
  state         LowCardinality(String),
  progress      Float64,
  detail        String,
  verdict       LowCardinality(String),
  completed_at  Int64,
  updated_at    Int64
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (court, id);

-- The pull report: the verdict, the rows that differ from what the centre witnessed (JSON), the same for people
-- (Ukrainian text), and where the verified copy is kept (until the retention sweep removes it).
CREATE TABLE IF NOT EXISTS pull_reports (
  pull_id      String,
  court        LowCardinality(String),
  at           Int64,
  verdict      LowCardinality(String),
  report       String,
  text         String,
  copy_path    String,
  copy_sha256  String
) ENGINE = ReplacingMergeTree(at)
ORDER BY (court, pull_id);
