// name: restore_mentions
// mode: write
// params: rels
// columns: matched
// description: restore a batch of MENTIONS relationships (Document -> Actor) from a dump: each item is
//   {start, end, props}. Returns how many items found both endpoints.
// example: {"rels": [{"start": "d_example", "end": "a_ex1", "props": {"count": 2, "surfaces": ["甲大学"], "implicit": false}}]}
UNWIND $rels AS r
MATCH (d:Document {id: r.start}), (a:Actor {id: r.end})
CREATE (d)-[m:MENTIONS]->(a)
SET m += r.props
RETURN count(m) AS matched
