// name: index_evidence_doc
// mode: schema
// params: none
// columns: none
// description: index on Evidence.doc_id (FalkorDB refuses duplicates; the store treats that as done)
CREATE INDEX FOR (n:Evidence) ON (n.doc_id)
