-- Integrity alarms (issue 11 item 6): what the centre, as witness, found wrong
-- at a court — a chain break, a second version of an event, a checkpoint that
-- contradicts what was witnessed, a pull that differs, an overdue pull, a
-- detector's finding. `id` is stable per finding (analytics/alarms.ts), so a
-- finding raised again by another worker or after a restart stays one alarm;
-- the listing keeps the FIRST time it was seen. Never deleted.
CREATE TABLE IF NOT EXISTS integrity_alarms (
  id          String,
  court       LowCardinality(String),
  kind        LowCardinality(String),
  summary     String,
  evidence    String,
  first_seen  Int64,
  raised_by   String
) ENGINE = MergeTree
ORDER BY (court, kind, id, first_seen);

-- Who acknowledged an alarm, when and why (an acknowledgement never hides the alarm, it is shown beside it).
CREATE TABLE IF NOT EXISTS integrity_alarm_acks (
  id     String,
  by     String,
  at     Int64,
  note   String
) ENGINE = ReplacingMergeTree(at)
ORDER BY id;
