// name: bench_relations
// mode: write
// params: rels
// columns: relationships
// description: benchmark only (bench/bench_api.py): create a batch of synthetic CO_BUILDS / COOPERATES_WITH
//   relationships between existing actors, with weights and years but no evidence nodes
// example: {"rels": [{"head": "a_ex1", "tail": "a_ex2", "type": "COOPERATES_WITH", "weight": 2, "year": 2019}]}
UNWIND $rels AS x
MATCH (h:Actor {id: x.head}), (t:Actor {id: x.tail})
FOREACH (i IN CASE WHEN x.type = 'CO_BUILDS' THEN [1] ELSE [] END |
  CREATE (h)-[:CO_BUILDS {key: 'CO_BUILDS|' + x.head + '|' + x.tail, weight: x.weight, fact_weight: x.weight,
    plan_weight: 0, modality: 'fact', first_year: x.year, last_year: x.year, years: [x.year]}]->(t))
FOREACH (i IN CASE WHEN x.type = 'COOPERATES_WITH' THEN [1] ELSE [] END |
  CREATE (h)-[:COOPERATES_WITH {key: 'COOPERATES_WITH|' + x.head + '|' + x.tail, weight: x.weight,
    fact_weight: 0, plan_weight: x.weight, modality: 'plan', first_year: x.year, last_year: x.year, years: [x.year]}]->(t))
RETURN count(*) AS relationships
