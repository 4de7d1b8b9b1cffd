// name: projection_edges_by_modality
// mode: read
// params: modality
// columns: source, target, type, weight, modality, years
// description: the typed actor-to-actor relationships with evidence of one modality (fact or plan), each
//   weighed and dated by that evidence only, for a projection filtered by modality; relationship endpoints
//   and type are those written on each evidence sentence
// example: {"modality": "plan"}
MATCH (x:Evidence)
WHERE x.modality = $modality
RETURN x.head AS source, x.tail AS target, x.rel_type AS type, count(x) AS weight, $modality AS modality,
       collect(DISTINCT x.year) AS years
