// name: api_document_list
// mode: read
// params: region?, year?, genre?, skip, limit
// columns: id, title, issuer, date, year, doc_number, region, province, genre, source, format, chars, status, ingested_at
// description: document metadata, newest first, filtered by region, year and genre; one page (skip, limit)
// example: {"region": null, "year": 2018, "genre": null, "skip": 0, "limit": 20}
MATCH (d:Document)
WHERE ($region IS NULL OR d.region = $region OR $region IN coalesce(d.region_path, []))
  AND ($year IS NULL OR d.year = $year)
  AND ($genre IS NULL OR d.genre = $genre)
RETURN d.id AS id, d.title AS title, d.issuer AS issuer, d.date AS date, d.year AS year, d.doc_number AS doc_number,
       d.region AS region, d.province AS province, d.genre AS genre, d.source AS source, d.format AS format,
       d.chars AS chars, d.status AS status, d.ingested_at AS ingested_at
ORDER BY date DESC, id
SKIP $skip
LIMIT $limit
