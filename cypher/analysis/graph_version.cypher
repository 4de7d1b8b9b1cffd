// name: graph_version
// mode: read
// params: none
// columns: documents, last_ingest, evidence
// description: a token that changes whenever a document is loaded, replaced or removed (invalidates cached projections)
OPTIONAL MATCH (d:Document)
WITH count(d) AS documents, max(d.ingested_at) AS last_ingest
OPTIONAL MATCH (e:Evidence)
RETURN documents, last_ingest, count(e) AS evidence
