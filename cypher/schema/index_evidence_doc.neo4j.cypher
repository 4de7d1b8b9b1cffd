// name: index_evidence_doc
// mode: schema
// params: none
// columns: none
// description: index on Evidence.doc_id, created only if missing
CREATE INDEX evidence_doc IF NOT EXISTS FOR (n:Evidence) ON (n.doc_id)
