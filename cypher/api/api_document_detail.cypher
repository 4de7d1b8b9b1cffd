// name: api_document_detail
// mode: read
// params: id
// columns: id, title, issuer, date, year, doc_number, region, province, genre, source, format, chars, status, ingested_at
// description: one document's metadata (no row when there is no document with this id)
// example: {"id": "d_example"}
MATCH (d:Document {id: $id})
RETURN d.id AS id, d.title AS title, d.issuer AS issuer, d.date AS date, d.year AS year, d.doc_number AS doc_number,
       d.region AS region, d.province AS province, d.genre AS genre, d.source AS source, d.format AS format,
       d.chars AS chars, d.status AS status, d.ingested_at AS ingested_at
