-- Per-case state of the workload report (analytics/README.md), kept at insert
-- time so the report groups cases, not facts (bench: report.workload_10m_ms).
-- Fed by a materialized view on workload_facts — allowed here because every
-- column is idempotent under duplicates: min/max only, and the latest
-- presiding assignment is max((seq, judge key, category key)), so a
-- re-delivered or older fact can never win and a duplicate changes nothing.
-- No count or sum goes through this view.
-- Judges and categories are 64-bit keys (cityHash64) so FINAL merges numbers,
-- not strings; `workload_names` turns the keys back into names.
CREATE TABLE IF NOT EXISTS workload_cases (
  court          LowCardinality(String),
  case_key       UInt64,
  first_day      SimpleAggregateFunction(min, Date),
  last_day       SimpleAggregateFunction(max, Date),
  has_presiding  SimpleAggregateFunction(max, UInt8),
  presiding      SimpleAggregateFunction(max, Tuple(UInt64, UInt64, UInt64)),
  decided_on     SimpleAggregateFunction(min, Date)
) ENGINE = AggregatingMergeTree
ORDER BY (court, case_key)
SETTINGS fsync_after_insert = 1, fsync_part_directory = 1;

CREATE TABLE IF NOT EXISTS workload_names (
  key  UInt64,
  name String
) ENGINE = ReplacingMergeTree
ORDER BY key
SETTINGS fsync_after_insert = 1, fsync_part_directory = 1;

-- decided_on 2149-06-06 (the last Date) = "no decision"; presiding (0, 0, 0) with has_presiding 0 = "no presiding assignment".
CREATE MATERIALIZED VIEW IF NOT EXISTS workload_cases_mv TO workload_cases AS
SELECT court, case_key, day AS first_day, day AS last_day,
  toUInt8(fact = 'assigned' AND role IN ('presiding', 'none')) AS has_presiding,
  if(fact = 'assigned' AND role IN ('presiding', 'none'), tuple(seq, cityHash64(toString(judge)), cityHash64(toString(category))), tuple(toUInt64(0), toUInt64(0), toUInt64(0))) AS presiding,
  if(fact = 'decided', day, toDate('2149-06-06')) AS decided_on
FROM workload_facts;

CREATE MATERIALIZED VIEW IF NOT EXISTS workload_names_mv TO workload_names AS
SELECT DISTINCT cityHash64(name) AS key, name
FROM workload_facts ARRAY JOIN [toString(judge), toString(category)] AS name;

-- Facts stored before this migration (re-runnable: a state inserted twice is the same state).
INSERT INTO workload_cases
SELECT court, case_key, day AS first_day, day AS last_day,
  toUInt8(fact = 'assigned' AND role IN ('presiding', 'none')) AS has_presiding,
  if(fact = 'assigned' AND role IN ('presiding', 'none'), tuple(seq, cityHash64(toString(judge)), cityHash64(toString(category))), tuple(toUInt64(0), toUInt64(0), toUInt64(0))) AS presiding,
  if(fact = 'decided', day, toDate('2149-06-06')) AS decided_on
FROM workload_facts;

INSERT INTO workload_names
SELECT DISTINCT cityHash64(name) AS key, name
FROM workload_facts ARRAY JOIN [toString(judge), toString(category)] AS name;
