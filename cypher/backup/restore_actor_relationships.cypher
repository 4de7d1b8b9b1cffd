// name: restore_actor_relationships
// mode: write
// params: rels
// columns: matched
// description: restore a batch of typed actor-to-actor relationships from a dump: each item is
//   {start, end, type, props} with start and end Actor ids. Types cannot be parameters, so each of the
//   eight relation types is created by its own FOREACH; graph/backup.py has already refused any other type.
//   Returns how many items found both endpoints (the caller checks it equals the batch size).
// example: {"rels": [{"start": "a_ex1", "end": "a_ex2", "type": "COOPERATES_WITH", "props": {"key": "COOPERATES_WITH|a_ex1|a_ex2", "weight": 1, "years": [2018]}}]}
UNWIND $rels AS r
MATCH (a:Actor {id: r.start}), (b:Actor {id: r.end})
FOREACH (ignored IN CASE WHEN r.type = 'CO_BUILDS' THEN [1] ELSE [] END | CREATE (a)-[x:CO_BUILDS]->(b) SET x += r.props)
FOREACH (ignored IN CASE WHEN r.type = 'LOCATED_IN' THEN [1] ELSE [] END | CREATE (a)-[x:LOCATED_IN]->(b) SET x += r.props)
FOREACH (ignored IN CASE WHEN r.type = 'FUNDED_BY' THEN [1] ELSE [] END | CREATE (a)-[x:FUNDED_BY]->(b) SET x += r.props)
FOREACH (ignored IN CASE WHEN r.type = 'COOPERATES_WITH' THEN [1] ELSE [] END | CREATE (a)-[x:COOPERATES_WITH]->(b) SET x += r.props)
FOREACH (ignored IN CASE WHEN r.type = 'INTRODUCES' THEN [1] ELSE [] END | CREATE (a)-[x:INTRODUCES]->(b) SET x += r.props)
FOREACH (ignored IN CASE WHEN r.type = 'ISSUED_BY' THEN [1] ELSE [] END | CREATE (a)-[x:ISSUED_BY]->(b) SET x += r.props)
FOREACH (ignored IN CASE WHEN r.type = 'PART_OF' THEN [1] ELSE [] END | CREATE (a)-[x:PART_OF]->(b) SET x += r.props)
FOREACH (ignored IN CASE WHEN r.type = 'MEMBER_OF' THEN [1] ELSE [] END | CREATE (a)-[x:MEMBER_OF]->(b) SET x += r.props)
RETURN count(*) AS matched
