// name: index_evidence_key
// mode: schema
// params: none
// columns: none
// description: index on Evidence.key, created only if missing
CREATE INDEX evidence_key IF NOT EXISTS FOR (n:Evidence) ON (n.key)
