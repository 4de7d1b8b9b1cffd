// name: api_document_years
// mode: read
// params: none
// columns: year, documents
// description: number of documents per year (documents without a date are left out)
MATCH (d:Document)
WHERE d.year IS NOT NULL
RETURN d.year AS year, count(d) AS documents
ORDER BY year
