// name: api_document_count
// mode: read
// params: region?, year?, genre?
// columns: total
// description: number of documents api_document_list finds with the same filters
// example: {"region": null, "year": 2018, "genre": null}
MATCH (d:Document)
WHERE ($region IS NULL OR d.region = $region OR $region IN coalesce(d.region_path, []))
  AND ($year IS NULL OR d.year = $year)
  AND ($genre IS NULL OR d.genre = $genre)
RETURN count(d) AS total
