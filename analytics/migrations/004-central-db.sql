-- Central database (13.2): documents and protocols with their unique ids and
-- signature status, and the latest state of each case card. Views over
-- `events` FINAL, so they follow the court events as they are defined.
CREATE VIEW IF NOT EXISTS documents AS
SELECT
  court,
  seq,
  actor,
  type,
  ts,
  JSONExtractString(payload, 'document', 'documentId') AS document_id,
  JSONExtractString(payload, 'document', 'kind') AS document_kind,
  JSONExtractString(payload, 'document', 'title') AS title,
  JSONExtractString(payload, 'caseId') AS case_id,
  if(JSONHas(payload, 'document', 'signature', 'cms'), 'signed', 'unsigned') AS signature_status,
  JSONExtractString(payload, 'document', 'signature', 'signer') AS signer
FROM events FINAL
WHERE JSONHas(payload, 'document', 'documentId');

CREATE VIEW IF NOT EXISTS case_latest AS
SELECT
  court,
  actor,
  substring(actor, 6) AS case_id,
  count() AS events,
  max(seq) AS last_seq,
  argMax(type, seq) AS last_type,
  argMax(ts, seq) AS last_ts,
  argMax(payload, seq) AS last_payload,
  argMaxIf(payload, seq, type = 'card-opened') AS opened_payload,
  argMaxIf(JSONExtractString(payload, 'judge'), seq, type = 'judge-assigned') AS judge
FROM events FINAL
WHERE kind = 'case'
GROUP BY court, actor;
