// name: document_status_batch
// mode: read
// params: ids, sources
// columns: id, source, status, extractor
// description: document_status for a chunk of documents in one read: the stored documents with any of these
//   ids, and every stored version of any of these sources (index lookups per element)
// example: {"ids": ["d_example"], "sources": ["example.txt"]}
UNWIND $ids AS i
MATCH (d:Document {id: i})
RETURN d.id AS id, d.source AS source, d.status AS status, d.extractor AS extractor
UNION
UNWIND $sources AS s
MATCH (d:Document {source: s})
RETURN d.id AS id, d.source AS source, d.status AS status, d.extractor AS extractor
