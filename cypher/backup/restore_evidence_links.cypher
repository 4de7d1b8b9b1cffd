// name: restore_evidence_links
// mode: write
// params: rels
// columns: matched
// description: restore a batch of HAS_EVIDENCE relationships (Document -> Evidence) from a dump: each item
//   is {start, end, props}. Returns how many items found both endpoints.
// example: {"rels": [{"start": "d_example", "end": "e_ex", "props": {}}]}
UNWIND $rels AS r
MATCH (d:Document {id: r.start}), (e:Evidence {id: r.end})
CREATE (d)-[h:HAS_EVIDENCE]->(e)
SET h += r.props
RETURN count(h) AS matched
