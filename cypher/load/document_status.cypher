// name: document_status
// mode: read
// params: id, source
// columns: id, source, status, extractor
// description: the stored document with this id, or any stored version of this source (path or URL);
//   two index lookups (an OR of the two would scan every document)
// example: {"id": "d_example", "source": "example.txt"}
MATCH (d:Document {id: $id})
RETURN d.id AS id, d.source AS source, d.status AS status, d.extractor AS extractor
UNION
MATCH (d:Document {source: $source})
RETURN d.id AS id, d.source AS source, d.status AS status, d.extractor AS extractor
