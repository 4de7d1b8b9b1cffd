// name: index_document_id
// mode: schema
// params: none
// columns: none
// description: index on Document.id (FalkorDB refuses duplicates; the store treats that as done)
CREATE INDEX FOR (n:Document) ON (n.id)
