// name: api_document_text
// mode: read
// params: id
// columns: id, text
// description: one document's original text (no row when there is no document with this id)
// example: {"id": "d_example"}
MATCH (d:Document {id: $id})
RETURN d.id AS id, d.text AS text
