// name: restore_nodes
// mode: write
// params: nodes
// columns: created
// description: restore a batch of nodes from a dump (innograph db restore): each item is {labels, props}.
//   Labels cannot be parameters, so each schema label is set by its own FOREACH; graph/backup.py has
//   already refused any label outside the schema. Returns how many nodes were created.
// example: {"nodes": [{"labels": ["Actor", "University"], "props": {"id": "a_restore_example", "name": "丙大学", "type": "University", "aliases": ["丙大"]}}, {"labels": ["Evidence"], "props": {"id": "e_restore_example", "start": 0, "end": 4, "confidence": 0.5}}]}
UNWIND $nodes AS n
CREATE (x)
SET x += n.props
FOREACH (ignored IN CASE WHEN 'Actor' IN n.labels THEN [1] ELSE [] END | SET x:Actor)
FOREACH (ignored IN CASE WHEN 'Document' IN n.labels THEN [1] ELSE [] END | SET x:Document)
FOREACH (ignored IN CASE WHEN 'Evidence' IN n.labels THEN [1] ELSE [] END | SET x:Evidence)
FOREACH (ignored IN CASE WHEN 'Indicator' IN n.labels THEN [1] ELSE [] END | SET x:Indicator)
FOREACH (ignored IN CASE WHEN 'City' IN n.labels THEN [1] ELSE [] END | SET x:City)
FOREACH (ignored IN CASE WHEN 'District' IN n.labels THEN [1] ELSE [] END | SET x:District)
FOREACH (ignored IN CASE WHEN 'Enterprise' IN n.labels THEN [1] ELSE [] END | SET x:Enterprise)
FOREACH (ignored IN CASE WHEN 'University' IN n.labels THEN [1] ELSE [] END | SET x:University)
FOREACH (ignored IN CASE WHEN 'ResearchInstitute' IN n.labels THEN [1] ELSE [] END | SET x:ResearchInstitute)
FOREACH (ignored IN CASE WHEN 'Platform' IN n.labels THEN [1] ELSE [] END | SET x:Platform)
FOREACH (ignored IN CASE WHEN 'Policy' IN n.labels THEN [1] ELSE [] END | SET x:Policy)
FOREACH (ignored IN CASE WHEN 'Programme' IN n.labels THEN [1] ELSE [] END | SET x:Programme)
FOREACH (ignored IN CASE WHEN 'GovernmentAgency' IN n.labels THEN [1] ELSE [] END | SET x:GovernmentAgency)
RETURN count(x) AS created
