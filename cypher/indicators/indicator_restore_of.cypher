// name: indicator_restore_of
// mode: write
// params: rels
// columns: matched
// description: restore a batch of OF relationships (Indicator -> the jurisdiction's Actor) from a dump:
//   each item is {start, end, props}. Returns how many items found both endpoints.
// example: {"rels": [{"start": "i_restore_example", "end": "a_ex1", "props": {}}]}
UNWIND $rels AS r
MATCH (i:Indicator {id: r.start}), (a:Actor {id: r.end})
CREATE (i)-[o:OF]->(a)
SET o += r.props
RETURN count(o) AS matched
