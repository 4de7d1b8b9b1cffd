// name: index_evidence_id
// mode: schema
// params: none
// columns: none
// description: index on Evidence.id, created only if missing
CREATE INDEX evidence_id IF NOT EXISTS FOR (n:Evidence) ON (n.id)
