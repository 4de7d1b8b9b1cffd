// name: document_status
// mode: read
// params: id, source
// columns: id, source, status
// description: the stored document with this id, or any stored version of this source (path or URL)
// example: {"id": "d_example", "source": "example.txt"}
MATCH (d:Document)
WHERE d.id = $id OR (d.source IS NOT NULL AND d.source = $source)
RETURN d.id AS id, d.source AS source, d.status AS status
