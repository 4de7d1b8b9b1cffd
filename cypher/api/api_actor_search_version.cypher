// name: api_actor_search_version
// mode: read
// params: none
// columns: documents, last_ingest
// description: the number of documents and the latest ingest time; with api_actor_count and
//   api_mention_count, the version the in-process search index (graph/search.py) is valid for
OPTIONAL MATCH (d:Document)
RETURN count(d) AS documents, max(d.ingested_at) AS last_ingest
