// name: region_names
// mode: read
// params: none
// columns: region
// description: every place name that stands in the region_path of an actor or a document (province, city,
//   district qualified by its city): what --region / ?region= may name
MATCH (a:Actor)
WHERE a.region_path IS NOT NULL
UNWIND a.region_path AS region
RETURN DISTINCT region
UNION
MATCH (d:Document)
WHERE d.region_path IS NOT NULL
UNWIND d.region_path AS region
RETURN DISTINCT region
