// name: index_evidence_key
// mode: schema
// params: none
// columns: none
// description: index on Evidence.key (FalkorDB refuses duplicates; the store treats that as done)
CREATE INDEX FOR (n:Evidence) ON (n.key)
