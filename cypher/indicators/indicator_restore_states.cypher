// name: indicator_restore_states
// mode: write
// params: rels
// columns: matched
// description: restore a batch of STATES relationships (Document -> Indicator) from a dump (innograph db
//   restore): each item is {start, end, props}. Returns how many items found both endpoints.
// example: {"rels": [{"start": "d_example", "end": "i_restore_example", "props": {}}]}
UNWIND $rels AS r
MATCH (d:Document {id: r.start}), (i:Indicator {id: r.end})
CREATE (d)-[s:STATES]->(i)
SET s += r.props
RETURN count(s) AS matched
