// name: index_document_source
// mode: schema
// params: none
// columns: none
// description: index on Document.source (FalkorDB refuses duplicates; the store treats that as done)
CREATE INDEX FOR (n:Document) ON (n.source)
