// name: indicator_remove
// mode: write
// params: doc_id
// columns: removed
// description: delete exactly the indicators one document states (and their STATES / OF links); run before
//   the document itself is removed. Returns how many were deleted (0 when there are none).
// example: {"doc_id": "d_example"}
OPTIONAL MATCH (:Document {id: $doc_id})-[:STATES]->(i:Indicator)
WITH collect(i) AS xs
FOREACH (x IN xs | DETACH DELETE x)
RETURN size(xs) AS removed
