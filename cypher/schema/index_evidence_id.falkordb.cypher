// name: index_evidence_id
// mode: schema
// params: none
// columns: none
// description: index on Evidence.id (FalkorDB refuses duplicates; the store treats that as done)
CREATE INDEX FOR (n:Evidence) ON (n.id)
