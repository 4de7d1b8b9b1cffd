// name: document_contributions
// mode: read
// params: none
// columns: id, status, mentions, evidence
// description: for every stored document, how many actors it mentions and how many evidence sentences it holds
MATCH (d:Document)
OPTIONAL MATCH (d)-[m:MENTIONS]->(:Actor)
WITH d, count(m) AS mentions
OPTIONAL MATCH (d)-[:HAS_EVIDENCE]->(e:Evidence)
RETURN d.id AS id, d.status AS status, mentions, count(e) AS evidence
ORDER BY id
