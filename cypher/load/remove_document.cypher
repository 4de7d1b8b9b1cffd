// name: remove_document
// mode: write
// params: id
// columns: removed
// description: remove exactly one document's contribution in one atomic query: its evidence, its mentions,
//   the relationships only it supported, the actors no other document mentions; recompute weights,
//   years and aliases of everything else it touched. Returns 0 when no such document exists.
// example: {"id": "d_example"}
OPTIONAL MATCH (d:Document {id: $id})
OPTIONAL MATCH (d)-[:HAS_EVIDENCE]->(e:Evidence)
WITH d, collect(e) AS evs,
     collect(DISTINCT CASE WHEN e IS NULL THEN NULL ELSE {key: e.key, type: e.rel_type, head: e.head, tail: e.tail} END) AS keys
FOREACH (ev IN evs | DETACH DELETE ev)
WITH d, keys
OPTIONAL MATCH (d)-[:MENTIONS]->(a:Actor)
WITH d, keys, collect(a.id) AS actor_ids, count(d) AS found
DETACH DELETE d
WITH keys, actor_ids, found
UNWIND CASE WHEN size(keys) = 0 THEN [NULL] ELSE keys END AS k
OPTIONAL MATCH (h:Actor {id: k.head}), (t:Actor {id: k.tail})
OPTIONAL MATCH (h)-[r {key: k.key}]->(t)
OPTIONAL MATCH (ev:Evidence {key: k.key})
WITH actor_ids, found, r, count(ev) AS w,
     count(CASE WHEN ev.modality = 'fact' THEN 1 END) AS fw,
     min(ev.year) AS fy, max(ev.year) AS ly, collect(DISTINCT ev.year) AS ys,
     collect(DISTINCT ev.source) AS srcs, max(ev.confidence) AS conf
FOREACH (x IN CASE WHEN r IS NOT NULL AND w = 0 THEN [1] ELSE [] END | DELETE r)
FOREACH (x IN CASE WHEN r IS NOT NULL AND w > 0 THEN [1] ELSE [] END |
  SET r.weight = w, r.fact_weight = fw, r.plan_weight = w - fw, r.first_year = fy, r.last_year = ly,
      r.years = ys, r.modality = CASE WHEN fw > 0 THEN 'fact' ELSE 'plan' END,
      r.source = CASE WHEN 'text' IN srcs THEN 'text' ELSE 'gazetteer' END, r.confidence = conf)
WITH DISTINCT actor_ids, found
UNWIND CASE WHEN size(actor_ids) = 0 THEN [NULL] ELSE actor_ids END AS aid
OPTIONAL MATCH (n:Actor {id: aid})
WHERE NOT ()-[:MENTIONS]->(n)
DETACH DELETE n
WITH DISTINCT actor_ids, found
UNWIND CASE WHEN size(actor_ids) = 0 THEN [NULL] ELSE actor_ids END AS aid
OPTIONAL MATCH (n:Actor {id: aid})<-[m:MENTIONS]-(:Document)
WITH found, n, collect(m.surfaces) AS forms
WITH found, n, reduce(acc = [], s IN forms | acc + [f IN s WHERE NOT f IN acc AND f <> n.name]) AS aliases
FOREACH (x IN CASE WHEN n IS NULL THEN [] ELSE [1] END |
  SET n.aliases = aliases, n.search = toLower(reduce(k = n.name, f IN aliases | k + '|' + f)))
RETURN max(found) AS removed
