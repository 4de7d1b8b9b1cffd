// name: index_document_id
// mode: schema
// params: none
// columns: none
// description: index on Document.id, created only if missing
CREATE INDEX document_id IF NOT EXISTS FOR (n:Document) ON (n.id)
