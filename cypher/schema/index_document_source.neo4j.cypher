// name: index_document_source
// mode: schema
// params: none
// columns: none
// description: index on Document.source, created only if missing
CREATE INDEX document_source IF NOT EXISTS FOR (n:Document) ON (n.source)
