// name: health_counts
// mode: read
// params: none
// columns: actors, documents, relationships
// description: number of actors, documents and actor-to-actor relationships
OPTIONAL MATCH (a:Actor)
WITH count(a) AS actors
OPTIONAL MATCH (d:Document)
WITH actors, count(d) AS documents
OPTIONAL MATCH (:Actor)-[r]->(:Actor)
RETURN actors, documents, count(r) AS relationships
