// name: label_counts
// mode: read
// params: none
// columns: label, count
// description: number of nodes per label
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS count
ORDER BY label
